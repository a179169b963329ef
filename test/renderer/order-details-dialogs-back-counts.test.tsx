// @vitest-environment happy-dom
/**
 * The order page against a real core:
 *  - Ctrl+Shift+P while the allocation dialog is open opened the slip on top of it, or (nothing
 *    dispatched yet) refused on the page behind it, where the words cannot be read. It does nothing now.
 *  - "Back to orders" pressed while "Complete Order" was on its way left the page: the dispatch went
 *    through and the packer never heard of it. It is refused now, in words, beeped; the answer shows.
 *  - Ordered / Dispatched / Remaining wrote "1000000"; they separate thousands as the rest of the app.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrderDetails } from '../../renderer/screens/orders/details/OrderDetails.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, settle } from './dom-helpers.js';
import { withHeldCall } from './held-call.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

await import('../../renderer/screens/orders/slip/PackingSlip.js');

const mounted = mountPointPerTest();
const beeps = countBeeps();
giveBoxListsAViewport();
const button = (name: string, within: ParentNode = document) => [...within.querySelectorAll('button')].find((b) => b.textContent === name);
const openDialogs = () => [...document.querySelectorAll('dialog[open]')];
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent ?? '').filter((t) => t !== '');

async function press(name: string) {
  await act(async () => button(name)!.click());
  await settle();
}

describe('Ctrl+Shift+P while the allocation dialog is open', () => {
  it.each([
    ['an earlier parcel (the slip would open on top of the dialog)', true],
    ['nothing dispatched yet (the refusal would be behind the dialog)', false],
  ])('does nothing: %s', async (_, earlier) => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-7', [['PHN-1', 2], ['CBL-1', 2]]);
    if (earlier) bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[1]!, quantity: 1 }] });
    await renderOrderDetails(mounted().root, bench, order.id);

    await press('Complete Order');
    await press('Add');
    expect(openDialogs()).toHaveLength(1);
    const before = beeps.count();
    const alertsBefore = alerts();

    await act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', ctrlKey: true, shiftKey: true, cancelable: true })));
    await settle();
    await beeps.played();
    expect(openDialogs()).toHaveLength(1);
    expect(document.querySelector('article.packing-slip')).toBeNull();
    expect(beeps.count()).toBe(before);
    expect(alerts()).toEqual(alertsBefore);
  });
});

describe('"Back to orders" while "Complete Order" is on its way', () => {
  it('is refused in words, beeped; the page stays and the "dispatched" message shows when the answer comes', async () => {
    const bench = openTestBench();
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-7', [['CBL-1', 2]]);
    // The real core, its completion answered only when the test lets it go (as a slow bench would).
    const { api, release } = withHeldCall(coreApi(bench), 'completeOrder');
    let backs = 0;
    act(() =>
      mounted().root.render(
        <QueryClientProvider client={createBenchQueryClient()}>
          <OrderDetails api={api} orderId={order.id} onBack={() => void backs++} onDispatched={() => {}} />
        </QueryClientProvider>,
      ),
    );
    await settle();

    await press('Complete Order');
    const before = beeps.count();
    await press('← Back to orders');
    await beeps.played();
    expect(backs).toBe(0);
    expect(alerts()).toEqual(['⚠ Order SO-7 is still being completed: wait for the answer before leaving this order.']);
    expect(beeps.count()).toBe(before + 1);

    await act(async () => release());
    await settle();
    expect(openDialogs().map((d) => d.getAttribute('aria-labelledby') && document.getElementById(d.getAttribute('aria-labelledby')!)?.textContent)).toEqual(['Order SO-7 dispatched']);
    // The refusal went with the answer: the message says what happened.
    expect(alerts()).toEqual([]);
    await press('OK');
    await press('← Back to orders');
    expect(backs).toBe(1);
  });
});

describe('the order\'s counts', () => {
  it('separate thousands: "1,000,000" ordered, "1,000" dispatched, "999,000" remaining', async () => {
    const bench = openTestBench();
    bench.product('CBL-1', 'none', 2_000_000);
    const order = bench.order('SO-9', [['CBL-1', 1_000_000]]);
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1_000 }] });
    await renderOrderDetails(mounted().root, bench, order.id);
    const cells = [...document.querySelectorAll('.lines-table tbody tr td')].slice(2, 5).map((c) => c.textContent);
    expect(cells).toEqual(['1,000,000', '1,000', '999,000']);
  });
});
