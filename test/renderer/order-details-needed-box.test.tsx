// @vitest-environment happy-dom
/**
 * "Dispatch identifiers needed" names the units the quantities being completed would dispatch. Once
 * the packer changes a quantity, those units no longer hold: the box goes, and "Complete Order"
 * says again what the new quantities need.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();
const neededBox = () => document.querySelector('.needed-box');
/** The "Dispatch now" box of a line, by its label. */
function quantityBox(sku: string): HTMLInputElement {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === `Dispatch quantity for ${sku}`)!;
  return document.getElementById(label.htmlFor) as HTMLInputElement;
}
const completeOrder = async () => {
  await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Complete Order')!.click());
  await settle();
};

describe('order details, "Dispatch identifiers needed"', () => {
  it('goes once a dispatch quantity changes, and "Complete Order" names the units of the new quantities', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-1', [['PHN-1', 2], ['CBL-1', 1]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    await completeOrder();
    expect(neededBox()?.textContent).toContain('PHN-1 units 1, 2');

    // The packer sends one phone now: the box no longer names units this completion needs.
    typeInto(quantityBox('PHN-1'), '1');
    await settle();
    expect(neededBox()).toBeNull();
    await completeOrder();
    expect(neededBox()?.textContent).toContain('PHN-1 unit 1 before');
    expect(neededBox()?.textContent).not.toContain('units 1, 2');
  });
});
