// @vitest-environment happy-dom
/**
 * "Go to box" (serial grid) and "Go to unit" (allocation dialog): a number refused twice in the same
 * words is beeped and announced twice (its alert is put in anew), and a number that exists takes the
 * refusal away.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { GoToUnit } from '../../renderer/screens/orders/allocation/GoToUnit.js';
import type { SheetLine } from '../../renderer/screens/orders/allocation/allocation-model.js';
import { GoToBox } from '../../renderer/screens/products/GoToBox.js';
import { alertWords } from './alert-words.js';
import { typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
const press = (name: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!.click());
const alert = () => document.querySelector('[role=alert]');

describe('Go to box, refused twice', () => {
  it('announces the same refusal again, then goes to a box that exists', async () => {
    const went: number[] = [];
    act(() => mounted().root.render(<GoToBox totalBoxes={3} onGo={(box) => went.push(box)} />));
    const field = document.getElementById('go-to-box-number') as HTMLInputElement;
    typeInto(field, '4');
    await press('Go');
    const first = alert();
    const firstWords = alertWords(first);
    expect(first?.textContent).toBe('⚠ Enter a box number from 1 to 3.');
    expect(first?.id).toBe('go-to-box-problem');
    await press('Go');
    const second = alert();
    expect(second?.textContent).toBe(first?.textContent);
    expect(alertWords(second)).not.toBe(firstWords);
    expect(firstWords?.isConnected).toBe(false);
    expect(field.getAttribute('aria-describedby')).toBe('go-to-box-problem');
    await beeps.played();
    expect(beeps.count()).toBe(2);
    typeInto(field, '3');
    expect(alert()).toBeNull(); // typing takes the refusal away
    await press('Go');
    expect(went).toEqual([2]);
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('Go to box, refused, then left', () => {
  it('takes its refusal away once the focus leaves the form (it stayed beside the grid through saves)', async () => {
    act(() =>
      mounted().root.render(
        <>
          <GoToBox totalBoxes={3} onGo={() => {}} />
          <button type="button">Save Changes</button>
        </>,
      ),
    );
    const field = document.getElementById('go-to-box-number') as HTMLInputElement;
    act(() => field.focus());
    typeInto(field, 'abc');
    await act(async () => field.form!.requestSubmit());
    expect(alert()?.textContent).toBe('⚠ "abc" is not a whole number. Enter a box number from 1 to 3.');
    // To its own Go button: still there.
    act(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Go')!.focus());
    expect(alert()).not.toBeNull();
    act(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Changes')!.focus());
    expect(alert()).toBeNull();
  });
});

describe('Go to box, typed with a comma or a space', () => {
  // As a number box, Chromium dropped a typed comma or space: "2,5" went to box 25 without a word.
  it('is refused naming what was typed; a number grouped in thousands, as the heading writes it, is taken', async () => {
    const went: number[] = [];
    act(() => mounted().root.render(<GoToBox totalBoxes={1500} onGo={(box) => went.push(box)} />));
    const field = document.getElementById('go-to-box-number') as HTMLInputElement;
    expect(field.type).toBe('text');
    for (const typed of ['2,5', '1 500', '5-']) {
      typeInto(field, typed);
      await press('Go');
      expect(alert()?.textContent).toBe(`⚠ "${typed}" is not a whole number. Enter a box number from 1 to 1,500.`);
      expect(field.getAttribute('aria-invalid')).toBe('true');
    }
    expect(went).toEqual([]);
    typeInto(field, '1,200');
    await press('Go');
    expect(went).toEqual([1199]);
  });
});

describe('Go to unit, refused twice', () => {
  const line: SheetLine = { lineId: 1, orderId: 1, orderNumber: 'SO-1', productId: 1, sku: 'SKU-1', named: 'SKU-1', title: 'Phone', mode: 'single_use', quantity: 1500, firstUnit: 1, units: 1500, allocated: 0, firstEmptyUnit: 1 };

  it('announces the same refusal again, then goes to a unit that exists', async () => {
    const went: number[] = [];
    act(() => mounted().root.render(<GoToUnit line={line} from={1} to={100} onGo={(unit) => went.push(unit)} />));
    const field = document.querySelector<HTMLInputElement>('.go-to-unit-input')!;
    typeInto(field, '1,501');
    await press('Go');
    const first = alert();
    const firstWords = alertWords(first);
    expect(first?.textContent).toBe('⚠ Enter a unit number from 1 to 1,500.');
    expect(field.getAttribute('aria-describedby')).toBe(first?.id);
    await press('Go');
    const second = alert();
    expect(second?.textContent).toBe(first?.textContent);
    expect(alertWords(second)).not.toBe(firstWords);
    expect(firstWords?.isConnected).toBe(false);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    typeInto(field, '1,500');
    await press('Go');
    expect(alert()).toBeNull();
    expect(went).toEqual([1500]);
  });
});
