// @vitest-environment happy-dom
/**
 * A lot's use-by date entered that has already passed (often a year typed wrong: 2026 for 2027) is
 * taken, since expired stock may be recorded, but said in the list's status, since that lot will never
 * go out; it was taken without a word. A date still to come says nothing, and takes the note away.
 * The new-units prompt and the serial grid share the list. Real core.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { NewUnitsPrompt } from '../../renderer/screens/products/NewUnitsPrompt.js';
import { addDays, localToday } from '../../shared/identifiers/use-by-dates.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const lotBox = (i: number) => document.getElementById(`new-unit-box-${i}`) as HTMLInputElement;
const dateBox = (i: number) => document.getElementById(`new-unit-box-${i}-use-by`) as HTMLInputElement;
const status = () => document.querySelector('.serial-box-paste-status')?.textContent ?? '';
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).filter(Boolean);

async function enterDate(i: number, date: string) {
  act(() => dateBox(i).focus());
  typeInto(dateBox(i), date);
  act(() => void dateBox(i).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
  await settle();
}

describe('a lot date entered that has passed', () => {
  it('is taken and said politely (no refusal), and a later date takes the note away', async () => {
    const bench = openTestBench();
    const productId = bench.product('CHEESE', 'multiple_use', 1, ['L-1']);
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    const { root } = mounted();
    act(() => root.render(<NewUnitsPrompt api={coreApi(bench)} product={bench.ok('getProduct', { productId })} newStockLevel={3} onDone={() => {}} onCancel={() => {}} />));
    await settle();
    const passed = addDays(localToday(), -3);
    typeInto(lotBox(0), 'L-7');
    await enterDate(0, passed);
    expect(dateBox(0).value).toBe(passed);
    expect(status()).toBe(`The use-by date ${passed} of new unit 1 (L-7) has passed: that lot is recorded but will never go out. Check the date if it was a typo.`);
    expect(alerts()).toEqual([]);

    const later = addDays(localToday(), 200);
    await enterDate(0, later);
    expect(dateBox(0).value).toBe(later);
    expect(status()).toBe('');
  });
});
