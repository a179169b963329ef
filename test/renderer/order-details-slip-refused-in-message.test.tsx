// @vitest-environment happy-dom
/**
 * The packing slip asked for from the "dispatched" message ("Print slip", or Ctrl+Shift+P) when the
 * core cannot give it (here: the dispatch undone meanwhile, as a hub's revert undoes it): the refusal
 * was shown on the page behind the message, where it cannot be read. It is said in the message, where
 * the packer is: shown, announced (role=alert) and beeped, with the focus kept in the message.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { settle } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

await import('../../renderer/screens/orders/slip/PackingSlip.js');

const mounted = mountPointPerTest();
const beeps = countBeeps();
const message = () => document.querySelector<HTMLDialogElement>('dialog[open]');

describe('the packing slip refused from the "dispatched" message', () => {
  it.each(['"Print slip"', 'Ctrl+Shift+P'])('by %s is said in the message, announced and beeped', async (how) => {
    const bench = openTestBench();
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-1', [['CBL-1', 2]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Complete Order')!.click());
    await settle();
    expect(message()?.textContent).toContain('2 units dispatched. The order is complete.');
    // The dispatch undone on this bench meanwhile (as the hub's revert of a rejected dispatch does).
    const dispatchId = bench.ok('getOrder', { orderId: order.id }).dispatches[0]!.dispatchId;
    bench.writer.prepare('DELETE FROM dispatch_lines WHERE dispatch_id = ?').run(dispatchId);
    bench.writer.prepare('DELETE FROM dispatches WHERE id = ?').run(dispatchId);

    const printSlip = [...message()!.querySelectorAll('button')].find((b) => b.textContent === 'Print slip')!;
    act(() => printSlip.focus());
    if (how === 'Ctrl+Shift+P') await act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', ctrlKey: true, shiftKey: true })));
    else await act(async () => printSlip.click());
    await settle();

    const alerts = [...document.querySelectorAll('[role=alert]')];
    expect(alerts.map((a) => a.textContent)).toEqual([`⚠ Dispatch ${dispatchId} is not one of order SO-1's.`]);
    expect(message()!.contains(alerts[0]!)).toBe(true);
    expect(message()!.contains(document.activeElement)).toBe(true);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(document.querySelector('article.packing-slip')).toBeNull();
  });
});
