// @vitest-environment happy-dom
/**
 * An order changed elsewhere (another window, the CLI, a sync) while its page is open, read again by
 * the change stream: the packer's place on the page and what "Dispatch identifiers needed" says follow.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrderDetails } from '../../renderer/screens/orders/details/OrderDetails.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();

function quantityBox(sku: string): HTMLInputElement | null {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === `Dispatch quantity for ${sku}`);
  return label ? (document.getElementById(label.htmlFor) as HTMLInputElement) : null;
}
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
const neededBox = () => document.querySelector('.needed-box');

/** SO-1: two phones with identifiers to give, three cables without; its page open, with a change stream's re-read. */
async function openOrder() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
  bench.product('CBL-1', 'none', 10);
  const order = bench.order('SO-1', [['PHN-1', 3], ['CBL-1', 3]]);
  const client = createBenchQueryClient();
  act(() =>
    mounted().root.render(
      <QueryClientProvider client={client}>
        <OrderDetails api={coreApi(bench)} orderId={order.id} onBack={() => {}} onDispatched={() => {}} />
      </QueryClientProvider>,
    ),
  );
  await settle();
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
});
