// @vitest-environment happy-dom
/**
 * The packing slip printed from the "dispatched" message after a partial dispatch: it goes in the
 * parcel just packed, so it lists what this dispatch sent. It listed every unit the order had
 * dispatched so far (the earlier parcel's serial numbers too), with their total.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

// The slip's chunk loads lazily on the page: loaded here first, so the slip shows once its data is read.
await import('../../renderer/screens/orders/slip/PackingSlip.js');

const mounted = mountPointPerTest();
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
const slip = () => document.querySelector('article.packing-slip');

async function press(name: string) {
  await act(async () => button(name)!.click());
  await settle();
}

describe('the packing slip after a partial dispatch', () => {
  it.each(['"Print slip"', 'Ctrl+Shift+P'])('%s on the "dispatched" message lists what this dispatch sent, not earlier parcels', async (how) => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-7', [['PHN-1', 3], ['CBL-1', 2]]);
    const [phone, cable] = order.lineIds as [number, number];
    bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId: phone, unit, value: `SN-${unit}` })) });
    // The first parcel, packed earlier: one phone and both cables.
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: phone, quantity: 1 }, { lineId: cable, quantity: 2 }] });

    await renderOrderDetails(mounted().root, bench, order.id);
    // The second parcel: one more phone (unit 2, SN-2).
    typeInto(document.querySelector<HTMLInputElement>('.quantity-input')!, '1');
    await press('Complete Order');
    expect(document.querySelector('dialog[open]')?.textContent).toContain('1 unit dispatched. 1 unit remains awaiting dispatch.');

    if (how === 'Ctrl+Shift+P') await act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', ctrlKey: true, shiftKey: true })));
    else await act(async () => [...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent === 'Print slip')!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await settle();
    const rows = [...slip()!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([['1', 'PHN-1 Title of PHN-1', 'SN-2']]);
    expect(slip()!.querySelector('tfoot')?.textContent).toBe('1 unit in total');
  });

  it('the page\'s own "Print slip" still lists everything the order has dispatched', async () => {
    const bench = openTestBench();
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-8', [['CBL-1', 5]]);
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 2 }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    await renderOrderDetails(mounted().root, bench, order.id);
    await press('Print slip');
    expect(slip()!.querySelector('tfoot')?.textContent).toBe('3 units in total');
  });
});
