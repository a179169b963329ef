// @vitest-environment happy-dom
/**
 * The dispatch quantities after a partial dispatch: the quantities just sent stayed in their boxes,
 * so a stray Enter (or "Complete Order" again) sent as many again. Once dispatched, every box shows
 * what it shows when the order is opened (what remains), for what remains now; a line with nothing
 * left has no box.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();
/** The "Dispatch now" box of a line, by its label; null when the line has none. */
function quantityBox(sku: string): HTMLInputElement | null {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === `Dispatch quantity for ${sku}`);
  return label ? (document.getElementById(label.htmlFor) as HTMLInputElement) : null;
}
const boxTexts = (skus: string[]) => skus.map((sku) => quantityBox(sku)?.value ?? null);

describe('the dispatch quantities after a partial dispatch', () => {
  it('go back to what the order shows when opened, for what remains now (none on a line fully dispatched)', async () => {
    const bench = openTestBench();
    bench.product('CBL-1', 'none', 10);
    bench.product('USB-1', 'none', 10);
    bench.product('MUG-1', 'none', 10);
    const order = bench.order('SO-7', [['CBL-1', 5], ['USB-1', 2], ['MUG-1', 3]]);
    const skus = ['CBL-1', 'USB-1', 'MUG-1'];
    await renderOrderDetails(mounted().root, bench, order.id);
    // Opened: each box shows what remains of its line.
    expect(boxTexts(skus)).toEqual(['5', '2', '3']);

    // One parcel: two cables, both USB sticks, no mug.
    typeInto(quantityBox('CBL-1')!, '2');
    typeInto(quantityBox('MUG-1')!, '0');
    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Complete Order')!.click());
    await settle();
    expect(document.querySelector('dialog[open]')?.textContent).toContain('4 units dispatched. 6 units remain awaiting dispatch.');

    expect(boxTexts(skus)).toEqual(['3', null, '3']);
  });
});
