// @vitest-environment happy-dom
/**
 * An order changed elsewhere (another window, the CLI, a sync) while its page is open, read again by
 * the change stream: the packer's place on the page and what "Dispatch identifiers needed" says follow.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();

function quantityBox(sku: string): HTMLInputElement | null {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === `Dispatch quantity for ${sku}`);
  return label ? (document.getElementById(label.htmlFor) as HTMLInputElement) : null;
}
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
const neededBox = () => document.querySelector('.needed-box');
const dialogButton = (name: string) => [...document.querySelectorAll('dialog.allocation-dialog[open] button')].find((b) => b.textContent === name) as HTMLButtonElement | undefined;
/** What the page says politely (role=status) of "Dispatch identifiers needed". */
const neededNews = () => [...document.querySelectorAll('[role=status]')].find((s) => s.classList.contains('needed-news'));

/** SO-1: two phones with identifiers to give, three cables without; its page open, with a change stream's re-read. */
async function openOrder() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
  bench.product('CBL-1', 'none', 10);
  const order = bench.order('SO-1', [['PHN-1', 3], ['CBL-1', 3]]);
  const client = createBenchQueryClient();
  await renderOrderDetails(mounted().root, bench, order.id, { client });
  /** The change stream's word that the order changed: read again. */
  const readAgain = async () => {
    await act(() => client.invalidateQueries());
    for (let i = 0; i < 3; i++) await settle();
  };
  return { bench, order, readAgain, phones: order.lineIds[0]!, cables: order.lineIds[1]! };
}

describe('order details, the order changed elsewhere while open', () => {
  it('a line dispatched elsewhere takes its box away: the focus that was in it goes to the order\'s heading, not the page', async () => {
    const { bench, order, readAgain, cables } = await openOrder();
    act(() => quantityBox('CBL-1')!.focus());
    typeInto(quantityBox('CBL-1')!, '1');
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: cables, quantity: 3 }] });
    await readAgain();
    expect(quantityBox('CBL-1')).toBeNull();
    expect(document.querySelector('[role=status]')?.textContent).toContain('3 units of order SO-1 were dispatched elsewhere');
    expect(document.activeElement).toBe(document.querySelector('h2'));
  });

  it('"Dispatch identifiers needed" names only the units still without one once identifiers are given elsewhere, and goes when none are', async () => {
    const { bench, readAgain, phones } = await openOrder();
    typeInto(quantityBox('CBL-1')!, '0');
    await act(async () => button('Complete Order').click());
    await settle();
    expect(neededBox()?.textContent).toContain('PHN-1 units 1, 2, 3 before');
    expect(document.activeElement).toBe(button('Add'));

    bench.ok('saveAllocations', { allocations: [{ lineId: phones, unit: 1, value: 'SN-1' }] });
    await readAgain();
    expect(neededBox()?.textContent).toContain('PHN-1 units 2, 3 before');
    expect(document.activeElement).toBe(button('Add'));

    bench.ok('saveAllocations', { allocations: [{ lineId: phones, unit: 2, value: 'SN-2' }, { lineId: phones, unit: 3, value: 'SN-3' }] });
    await readAgain();
    expect(neededBox()).toBeNull();
    expect(document.activeElement).toBe(button('Complete Order'));
  });

  it('"Dispatch identifiers needed" gone while the allocation dialog is open: its Cancel gives the focus to "Complete Order"', async () => {
    const { bench, readAgain, phones } = await openOrder();
    typeInto(quantityBox('CBL-1')!, '0');
    await act(async () => button('Complete Order').click());
    await settle();
    await act(async () => button('Add').click());
    for (let i = 0; i < 20 && !dialogButton('Cancel'); i++) await settle();

    bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId: phones, unit, value: `SN-${unit}` })) });
    await readAgain();
    expect(neededBox()).toBeNull();
    await act(async () => dialogButton('Cancel')!.click());
    for (let i = 0; i < 3; i++) await settle();
    expect(document.querySelector('dialog.allocation-dialog[open]')).toBeNull();
    expect(document.activeElement).toBe(button('Complete Order'));
  });

  it('"Dispatch identifiers needed" followed is said politely once, the focus staying where it is', async () => {
    const { bench, readAgain, phones } = await openOrder();
    typeInto(quantityBox('CBL-1')!, '0');
    await act(async () => button('Complete Order').click());
    await settle();
    // Shown by the packer's own "Complete Order" (the focus on "Add" says it): nothing more to say.
    expect(neededNews()?.textContent).toBe('');

    bench.ok('saveAllocations', { allocations: [{ lineId: phones, unit: 1, value: 'SN-1' }] });
    await readAgain();
    expect(neededNews()?.textContent).toBe('Dispatch identifiers needed now names PHN-1 units 2, 3.');
    expect(document.activeElement).toBe(button('Add'));
    const said = neededNews()!.firstChild;
    // Read again with nothing changed for it: not said again.
    await readAgain();
    expect(neededNews()!.firstChild).toBe(said);

    bench.ok('saveAllocations', { allocations: [{ lineId: phones, unit: 2, value: 'SN-2' }, { lineId: phones, unit: 3, value: 'SN-3' }] });
    await readAgain();
    expect(neededBox()).toBeNull();
    expect(neededNews()?.textContent).toBe('No unit needs a dispatch identifier now: Dispatch identifiers needed is gone.');
    expect(neededNews()?.getAttribute('aria-live')).not.toBe('assertive');
  });
});

describe('order details, the whole order dispatched elsewhere under "Dispatch identifiers needed"', () => {
  it('the focus on "Add" goes to the order\'s heading, not the page (no "Complete Order" is left to take it)', async () => {
    const { bench, order, readAgain, phones, cables } = await openOrder();
    await act(async () => button('Complete Order').click());
    await settle();
    expect(document.activeElement).toBe(button('Add'));

    bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId: phones, unit, value: `SN-${unit}` })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: phones, quantity: 3 }, { lineId: cables, quantity: 3 }] });
    await readAgain();
    expect(neededBox()).toBeNull();
    expect(document.querySelector('[role=status]')?.textContent).toContain('dispatched elsewhere');
    expect(document.activeElement).toBe(document.querySelector('h2'));
  });
});

describe('order details, its own "Complete Order" read back by the change stream before its answer', () => {
  it('"Dispatch identifiers needed" is not said anew for the units after the ones being dispatched', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
    const order = bench.order('SO-1', [['PHN-1', 3]]);
    const phones = order.lineIds[0]!;
    const client = createBenchQueryClient();
    const real = coreApi(bench);
    let answer: (() => void) | null = null;
    // The change stream tells of the dispatch (the order is read again) before the answer comes.
    const api = new Proxy(real, {
      get: (target, method: keyof typeof real) =>
        method !== 'completeOrder'
          ? target[method]
          : async (args: never) => {
              const result = await target.completeOrder(args);
              await client.invalidateQueries();
              await new Promise<void>((resolve) => (answer = resolve));
              return result;
            },
    });
    await renderOrderDetails(mounted().root, bench, order.id, { api, client });
    typeInto(quantityBox('PHN-1')!, '2');
    await act(async () => button('Complete Order').click());
    for (let i = 0; i < 3 && !neededBox(); i++) await settle();
    act(() => (answer as (() => void) | null)?.());
    for (let i = 0; i < 3; i++) await settle();
    expect(neededBox()?.textContent).toContain('PHN-1 units 1, 2 before');

    // Identifiers given elsewhere (not read here yet): "Complete Order" again dispatches units 1 and 2.
    bench.ok('saveAllocations', { allocations: [{ lineId: phones, unit: 1, value: 'SN-1' }, { lineId: phones, unit: 2, value: 'SN-2' }] });
    await act(async () => button('Complete Order').click());
    for (let i = 0; i < 5; i++) await settle();
    expect(neededBox()?.textContent ?? '').not.toContain('unit 3');
    act(() => (answer as (() => void) | null)?.());
    for (let i = 0; i < 3; i++) await settle();
    expect(document.querySelector('.message-dialog')?.textContent).toContain('2 units dispatched');
    expect(neededBox()).toBeNull();
  });
});
