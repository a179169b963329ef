// @vitest-environment happy-dom
/**
 * The order page on a real core, around Complete Order's answer: a press between the answer arriving
 * and it being shown is not left refused over it; the allocation dialog closed after the whole order
 * went elsewhere gives the focus to the order's heading, not the page; "Dispatch identifiers needed"
 * follows the order read again while the page's own completion ran, or the allocation dialog's, once
 * that completion is refused.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);
const dialogButton = (name: string) => [...document.querySelectorAll('dialog.allocation-dialog[open] button')].find((b) => b.textContent === name) as HTMLButtonElement | undefined;
const keyPress = (el: HTMLElement) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 0 }));

describe('order details review', () => {
  it('a press between the answer arriving and it being shown is not left refused over the answer', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 2, ['SN-1', 'SN-2']);
    const order = bench.order('SO-1', [['PHN-1', 1]]);
    const { api, release } = withHeldCall(coreApi(bench), 'completeOrder');
    await renderOrderDetails(mounted().root, bench, order.id, { api });
    const complete = button('Complete Order')!;
    act(() => complete.focus());
    // One act: React shows nothing until its end, as a busy renderer shows nothing before its next commit.
    await act(async () => {
      keyPress(complete); // the completion
      keyPress(complete); // the Enter typed ahead, for "Add"
      release();
      for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 5)); // the answer is in, not yet shown
      keyPress(complete); // Enter again, before "Add" is there
    });
    for (let i = 0; i < 20; i++) await settle();
    expect(document.querySelector('.needed-box')).not.toBeNull();
    expect(alerts().filter((a) => a?.includes('Already completing'))).toEqual([]);
  });

  it('the allocation dialog closed after the whole order was dispatched elsewhere gives the focus to the heading, not the page', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
    const order = bench.order('SO-1', [['PHN-1', 2]]);
    const phones = order.lineIds[0]!;
    const client = createBenchQueryClient();
    await renderOrderDetails(mounted().root, bench, order.id, { client });
    await act(async () => button('Complete Order')!.click());
    await settle();
    await act(async () => button('Add')!.click());
    for (let i = 0; i < 20 && !dialogButton('Cancel'); i++) await settle();
    expect(dialogButton('Cancel')).toBeDefined();

    bench.ok('saveAllocations', { allocations: [1, 2].map((unit) => ({ lineId: phones, unit, value: `SN-${unit}` })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: phones, quantity: 2 }] });
    await act(() => client.invalidateQueries());
    for (let i = 0; i < 3; i++) await settle();
    expect([...document.querySelectorAll('.actions-row button')].some((b) => b.textContent === 'Complete Order')).toBe(false);
    await act(async () => dialogButton('Cancel')!.click());
    for (let i = 0; i < 3; i++) await settle();
    expect(document.querySelector('dialog.allocation-dialog[open]')).toBeNull();
    expect(document.activeElement).toBe(document.querySelector('h2'));
  });

  it('"Dispatch identifiers needed" follows a re-read that came while the page\'s own completion ran, once that completion is refused', async () => {
    const so1 = await so1NeedingPhones();
    await act(async () => button('Complete Order')!.click());
    await settle();
    await phonesDispatchedElsewhereThenAnswer(so1);
    expect(alerts().length).toBeGreaterThan(0); // refused: the phones went meanwhile
    expect(document.querySelector('.needed-box')).toBeNull();
  });

  it('"Dispatch identifiers needed" follows a re-read that came while the allocation dialog\'s completion ran, once that completion is refused', async () => {
    const so1 = await so1NeedingPhones();
    await act(async () => button('Add')!.click());
    for (let i = 0; i < 20 && !dialogButton('Complete Order'); i++) await settle();
    await act(async () => dialogButton('Complete Order')!.click());
    await settle();
    await phonesDispatchedElsewhereThenAnswer(so1);
    expect(alerts().length).toBeGreaterThan(0); // refused: the phones went meanwhile
    expect(document.querySelector('.needed-box')).toBeNull();
  });
});

/** SO-1 (3 phones, cables set to 0) completed once: "Dispatch identifiers needed" names the phones; later completions held. */
async function so1NeedingPhones() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
  bench.product('CBL-1', 'none', 10);
  const order = bench.order('SO-1', [['PHN-1', 3], ['CBL-1', 3]]);
  const client = createBenchQueryClient();
  const { api, release } = withHeldCall(coreApi(bench), 'completeOrder', { from: 2 });
  await renderOrderDetails(mounted().root, bench, order.id, { api, client });
  const cables = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Dispatch quantity for CBL-1')!.htmlFor;
  typeInto(document.getElementById(cables) as HTMLInputElement, '0');
  await act(async () => button('Complete Order')!.click());
  await settle();
  expect(document.querySelector('.needed-box')?.textContent).toContain('PHN-1 units 1, 2, 3 before');
  return { bench, order, client, release };
}

/** Elsewhere, while a completion is held: every phone given its identifier and dispatched, read again here; then the held completion answers. */
async function phonesDispatchedElsewhereThenAnswer({ bench, order, client, release }: Awaited<ReturnType<typeof so1NeedingPhones>>) {
  const phones = order.lineIds[0]!;
  bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId: phones, unit, value: `SN-${unit}` })) });
  bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: phones, quantity: 3 }] });
  await act(() => client.invalidateQueries());
  for (let i = 0; i < 3; i++) await settle();
  await act(async () => release());
  for (let i = 0; i < 5; i++) await settle();
}
