// @vitest-environment happy-dom
/**
 * The order page offers "Dispatch Identifiers" while its units hold identifiers already: a wrong serial
 * caught before packing is changed here (it took the order list and its Actions menu). Not offered for
 * an order whose products take none. Real core.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport, settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';
import { allocationDialog, buttonIn, enter, press, unitBox as box } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport('allocation-list');
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);

describe('order page, changing identifiers already given', () => {
  it('opens the allocation dialog on the order from "Dispatch Identifiers", where a held serial is changed and saved', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'SN-1' }] });
    await renderOrderDetails(mounted().root, bench, order.id);

    await press(button('Dispatch Identifiers')!);
    for (let i = 0; i < 20 && box('PHN-1', 1)?.value !== 'SN-1'; i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-1');
    await enter(box('PHN-1', 1)!, 'SN-3');
    await press(buttonIn(allocationDialog()!, 'Save Changes'));
    expect(bench.ok('getOrder', { orderId: order.id }).lines[0]!.allocations.map((a) => a.value)).toEqual(['SN-3']);
  });

  it('is not offered for an order whose products take no identifiers', async () => {
    const bench = openTestBench();
    bench.product('CABLE', 'none', 5);
    const order = bench.order('SO-2', [['CABLE', 2]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    expect(button('Complete Order')).toBeDefined();
    expect(button('Dispatch Identifiers')).toBeUndefined();
  });
});
