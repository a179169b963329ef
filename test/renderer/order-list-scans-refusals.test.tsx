// @vitest-environment happy-dom
/**
 * The order list against a real core, by scanner and keys: a refusal of "Actions" chosen again is
 * announced again (the same words stayed in the same alert, which a screen reader does not read out
 * twice); an order number scanned with the scanner's AIM prefix ("]C0") opens that order, as the same
 * scan outside any box does; and a scan naming no order that lists none either is refused in words and
 * beeped (nothing happened, unheard), a GS1 code called one, while a typed search (Enter) that lists
 * nothing is only a search, and a scan's late answer, once another scan opened an order, says nothing.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrdersScreen } from '../../renderer/screens/orders/OrdersScreen.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto, wedgeScan } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

await import('../../renderer/screens/orders/details/OrderDetails.js');

const mounted = mountPointPerTest();
const beeps = countBeeps();
// happy-dom lays nothing out: the list's virtual scroller is given a size, so its rows render.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return this.classList.contains('order-scroll') ? 600 : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return this.classList.contains('order-scroll') ? 800 : 0; } });
});

const search = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const alerts = () => [...document.querySelectorAll('[role=alert]')].filter((a) => a.textContent !== '');
const headings = () => [...document.querySelectorAll('h2')].map((h) => h.textContent);
const listCount = () => document.querySelector('.list-count')?.textContent;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  if (!check()) throw new Error(`never: ${what}`);
}

async function press(key: string, init: KeyboardEventInit = {}) {
  await act(async () => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })));
  await settle();
}

const scan = wedgeScan;

/** The list of SO-1 … SO-5 (odd ones Acme's, even ones Grace's); `hold(search)` holds that search's ids until released. */
async function openList() {
  const bench = openTestBench();
  bench.product('CBL-1', 'none', 100);
  for (let i = 1; i <= 5; i++) bench.order(`SO-${i}`, [['CBL-1', 1]], i % 2 ? 'Acme' : 'Grace');
  const core = coreApi(bench);
  const held = { search: null as string | null, release: () => {} };
  // `heldCount`: the one-row count the search box's refusal reads for that search, held until released.
  const heldCount = { search: null as string | null, release: () => {} };
  const api = new Proxy(core, {
    get: (target, method: keyof BenchApi) =>
      method === 'listAwaitingOrders'
        ? async (args: { query: string; offset: number; limit: number }) => {
            if (args.limit === 1 && args.query === heldCount.search) await new Promise<void>((resolve) => (heldCount.release = resolve));
            return target.listAwaitingOrders(args);
          }
        : method !== 'listAwaitingOrderIds'
        ? target[method]
        : async (args: { query: string }) => {
            if (args.query === held.search) await new Promise<void>((resolve) => (held.release = resolve));
            return target.listAwaitingOrderIds(args);
          },
  });
  act(() =>
    mounted().root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <OrdersScreen api={api} />
      </QueryClientProvider>,
    ),
  );
  await until(() => listCount() === '5 orders awaiting dispatch', 'the list');
  return { held, heldCount };
}

describe('the order list, by scanner and keys', () => {
  it('"Dispatch Identifiers" refused twice while the search is read is beeped and announced both times', async () => {
    const { held } = await openList();
    act(() => search().focus());
    typeInto(search(), 'SO-1');
    await until(() => listCount() === '1 order awaiting dispatch matching "SO-1"', 'the search SO-1');
    await act(async () => document.querySelector<HTMLInputElement>('[aria-label="Select order SO-1"]')!.click());
    held.search = 'Grace';
    typeInto(search(), 'Grace');
    await until(() => listCount() === '2 orders awaiting dispatch matching "Grace"', 'the search Grace');

    const actions = document.querySelector<HTMLButtonElement>('#orders-actions-button')!;
    const choose = async () => {
      act(() => actions.focus());
      await press('ArrowDown');
      await act(async () => (document.activeElement as HTMLButtonElement).click());
      await settle();
      await beeps.played();
    };
    const words = '"Dispatch Identifiers" waits for the list: it is still reading which selected orders the search "Grace" shows. Choose it again in a moment.';
    await choose();
    const first = alerts();
    expect(first.map((a) => a.textContent)).toEqual([words]);
    expect(beeps.count()).toBe(1);
    await choose();
    expect(alerts().map((a) => a.textContent)).toEqual([words]);
    expect(alerts()[0]).not.toBe(first[0]);
    expect(beeps.count()).toBe(2);
    held.release();
  });

  it('an order number scanned with the scanner\'s AIM prefix ("]C0") opens that order', async () => {
    await openList();
    act(() => search().focus());
    await scan(']C0SO-3');
    await until(() => headings().includes('Order SO-3'), 'order SO-3');
    expect(beeps.count()).toBe(0);
  });

  it('a scan naming no order, that the search lists none for, is refused in words and beeped; a GS1 code is called one', async () => {
    await openList();
    act(() => search().focus());
    await scan('SO-99');
    await beeps.played();
    expect(alerts().map((a) => a.textContent)).toEqual(['No order has the number "SO-99", and no order awaiting dispatch matches it.']);
    expect(beeps.count()).toBe(1);

    await scan(']C10109501101530003' + '21SN-1');
    await beeps.played();
    expect(alerts().map((a) => a.textContent)).toEqual(['"]C1010950110153000321SN-1" is a GS1 code (a product\'s or an identifier\'s), not an order number: no order was opened.']);
    expect(beeps.count()).toBe(2);

    // A search that lists orders is no refusal: Enter on a customer's name shows them, unbeeped.
    typeInto(search(), 'Acme');
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    await until(() => listCount() === '3 orders awaiting dispatch matching "Acme"', 'the search Acme');
    await beeps.played();
    expect(alerts()).toEqual([]);
    expect(beeps.count()).toBe(2);
    expect(headings()).toContain('Order Dispatch');
  });

  it('a typed search (Enter) that lists no order is only a search: the list says so, no refusal is beeped', async () => {
    await openList();
    act(() => search().focus());
    typeInto(search(), 'Zed');
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    await until(() => listCount() === 'No awaiting orders match "Zed".', 'the search Zed');
    await settle();
    await beeps.played();
    expect(alerts()).toEqual([]);
    expect(beeps.count()).toBe(0);
  });

  it('a scan refused late (its answer held) after the next scan opened an order neither beeps nor speaks', async () => {
    const { heldCount } = await openList();
    heldCount.search = 'SO-99';
    act(() => search().focus());
    await scan('SO-99');
    await scan('SO-3');
    await until(() => headings().includes('Order SO-3'), 'order SO-3');
    heldCount.release();
    await settle();
    await beeps.played();
    expect(beeps.count()).toBe(0);
  });
});
