// @vitest-environment happy-dom
/**
 * The stock level editor and its leaving-units picker against a real core: the same refusal twice
 * (a stock level above the bound pressed twice; a serial number scanned twice
 * quickly; "Save Stock Change" pressed twice with too few chosen) is beeped AND announced twice: its
 * alert is put in anew, not left unchanged in the page, where a screen reader would say nothing.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { StockLevelEditor } from '../../renderer/screens/products/StockLevelEditor.js';
import { openTestBench } from '../core/helpers.js';
import { alertWords } from './alert-words.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { mountLeavingPicker } from './leaving-picker.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

async function openPicker() {
  const bench = openTestBench();
  const productId = bench.product('SU-TWICE', 'single_use', 3, ['A', 'B', 'C']);
  return mountLeavingPicker(mounted().root, bench, productId, { from: 3, to: 2, mustLeave: 1 });
}

/** The alert and the text node of its words, as the page holds them now. */
function alertNow(id?: string) {
  const alert = id ? document.getElementById(id) : [...document.querySelectorAll('[role=alert]')].find((el) => el.id === '');
  return { alert, words: alertWords(alert), text: alert?.textContent };
}

describe('leaving-units picker, the same refusal twice', () => {
  it('a serial number that is none of the product scanned twice is announced twice: its alert is put in anew', async () => {
    const { scan } = await openPicker();
    await scan('X-1');
    const first = alertNow('leaving-entry-error');
    expect(first.text).toBe('⚠ "X-1" is not a serial number of SU-TWICE.');
    await scan('X-1');
    const second = alertNow('leaving-entry-error');
    expect(second.text).toBe(first.text);
    expect(second.words).not.toBe(first.words);
    expect(first.words?.isConnected).toBe(false);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('a serial number already chosen, scanned again twice, is announced each time', async () => {
    const { scan } = await openPicker();
    await scan('A');
    expect(document.getElementById('leaving-chosen-heading')?.textContent).toBe('Chosen: 1 of 1');
    expect(document.getElementById('leaving-entry-error')).toBeNull();
    await scan('A');
    const first = alertNow('leaving-entry-error');
    expect(first.text).toBe('⚠ "A" is already chosen.');
    await scan('A');
    const second = alertNow('leaving-entry-error');
    expect(second.text).toBe(first.text);
    expect(second.words).not.toBe(first.words);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('"Save Stock Change" pressed twice with too few chosen is announced twice', async () => {
    await openPicker();
    const save = () => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Stock Change')!.click());
    await save();
    const first = alertNow();
    expect(first.text).toBe('⚠ Choose exactly 1 serial number; 0 chosen.');
    await save();
    const second = alertNow();
    expect(second.text).toBe(first.text);
    expect(second.words).not.toBe(first.words);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });
});

describe('stock level editor, the same refusal twice', () => {
  it('a stock level above the bound, pressed twice, is announced twice and changes nothing', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-2', 'none', 10);
    const { root } = mounted();
    act(() => root.render(<StockLevelEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    const box = document.getElementById('new-stock-level') as HTMLInputElement;
    typeInto(box, '1000000001');
    const press = () => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Change Stock Level')!.click());
    await press();
    const first = alertNow('stock-error');
    expect(first.text).toBe('⚠ The stock level can be at most 1,000,000,000 (got 1000000001).');
    expect(box.getAttribute('aria-describedby')).toBe('stock-error');
    await press();
    const second = alertNow('stock-error');
    expect(second.text).toBe(first.text);
    expect(second.words).not.toBe(first.words);
    expect(first.words?.isConnected).toBe(false);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(10);
    // A level that is fine takes the refusal away.
    typeInto(box, '12');
    await press();
    expect(document.getElementById('stock-error')).toBeNull();
    expect(box.getAttribute('aria-invalid')).toBeNull();
  });
});
