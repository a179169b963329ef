// @vitest-environment happy-dom
/**
 * Back on the order list after a dispatch from the order's page, against a real core: an order opened
 * by scanning its number and completed leaves the list whole (the search that named it would list
 * nothing now); a part-dispatched one is said to be partly dispatched, and its search stays.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrdersScreen } from '../../renderer/screens/orders/OrdersScreen.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto, wedgeScan } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

await import('../../renderer/screens/orders/details/OrderDetails.js');

const mounted = mountPointPerTest();
// happy-dom lays nothing out: the list's virtual scroller is given a size, so its rows render.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return this.classList.contains('order-scroll') ? 600 : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return this.classList.contains('order-scroll') ? 800 : 0; } });
});

const search = () => document.querySelector<HTMLInputElement>('input[type=search]');
const listCount = () => document.querySelector('.list-count')?.textContent;
const dialogTitle = () => document.querySelector('dialog h2')?.textContent;
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  if (!check()) throw new Error(`never: ${what}`);
}

/** SO-1 … SO-3, each 2 cables (no identifiers), the list shown and its search focused. */
async function openList() {
  const bench = openTestBench();
  bench.product('CBL-1', 'none', 100);
  for (let i = 1; i <= 3; i++) bench.order(`SO-${i}`, [['CBL-1', 2]], 'Acme');
  act(() =>
    mounted().root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <OrdersScreen api={coreApi(bench)} />
      </QueryClientProvider>,
    ),
  );
  await until(() => listCount() === '3 orders awaiting dispatch', 'the list');
  act(() => search()!.focus());
}

/** Scans the order's number into the search, sends `units` from its page, and answers the message. */
async function dispatchScanned(orderNumber: string, units?: number) {
  await wedgeScan(orderNumber);
  await until(() => button('Complete Order') !== undefined, `${orderNumber}'s page`);
  if (units !== undefined) typeInto(document.querySelector<HTMLInputElement>('.quantity-input')!, String(units));
  await act(async () => button('Complete Order')!.click());
  await until(() => dialogTitle()?.startsWith(`Order ${orderNumber}`) === true, 'the dispatched message');
  const title = dialogTitle();
  await act(async () => button('OK')!.click());
  await until(() => search() !== null, 'the list again');
  return title;
}

describe('the order list after a dispatch', () => {
  it('an order scanned and completed: the list comes back whole, the search empty and focused for the next scan', async () => {
    await openList();
    expect(await dispatchScanned('SO-2')).toBe('Order SO-2 dispatched');
    // (This harness has no change stream, so the count is the list's as last read.)
    await until(() => listCount()?.endsWith('orders awaiting dispatch') === true, 'the whole list');
    expect(search()!.value).toBe('');
    expect(document.activeElement).toBe(search());
    expect(document.body.textContent).not.toContain('No awaiting orders match');
  });

  it('an order scanned and part dispatched: "partly dispatched", and the search still finds it', async () => {
    await openList();
    expect(await dispatchScanned('SO-3', 1)).toBe('Order SO-3 partly dispatched');
    await until(() => listCount()?.includes('1 order') === true, 'the list of the search');
    expect(search()!.value).toBe('SO-3');
  });
});
