// @vitest-environment happy-dom
/**
 * The order list's words against a real core: a message about one search (no order has the number,
 * numbers that differ only in case, "Select all" was for another search) goes once the list shows
 * another search, not at the next Enter; and "Select all" pressed again while it is still selecting
 * says why nothing more happens (beeped, announced), not a silent press.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { OrdersScreen } from '../../renderer/screens/orders/OrdersScreen.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto, wedgeScan, keysInto } from './dom-helpers.js';
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
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).filter((text) => text !== '');
const listCount = () => document.querySelector('.list-count')?.textContent;
const selectionCount = () => document.querySelector('.selection-count')?.textContent;
const selectAll = () => document.querySelector<HTMLInputElement>('.select-all input')!;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  if (!check()) throw new Error(`never: ${what}`);
}

/** Enter in "Search orders" on the text typed. */
async function enter() {
  await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
  await settle();
}

/** The list of SO-1 … SO-5 (odd ones Acme's, even ones Grace's) and ab-1, AB-1; `hold(search)` holds that search's ids until released. */
async function openList() {
  const bench = openTestBench();
  bench.product('CBL-1', 'none', 100);
  for (let i = 1; i <= 5; i++) bench.order(`SO-${i}`, [['CBL-1', 1]], i % 2 ? 'Acme' : 'Grace');
  bench.order('ab-1', [['CBL-1', 1]], 'Zed');
  bench.order('AB-1', [['CBL-1', 1]], 'Zed');
  const core = coreApi(bench);
  const held = { search: null as string | null, release: () => {} };
  const api = new Proxy(core, {
    get: (target, method: keyof BenchApi) =>
      method !== 'listAwaitingOrderIds'
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
  await until(() => listCount() === '7 orders awaiting dispatch', 'the list');
  return { held };
}

describe('the order list\'s words', () => {
  it('"No order has the number …" goes once the packer searches on, not at the next Enter', async () => {
    await openList();
    act(() => search().focus());
    await wedgeScan('SO-99');
    await beeps.played();
    expect(alerts()).toEqual(['No order has the number "SO-99", and no order awaiting dispatch matches it.']);

    typeInto(search(), 'Acme');
    await until(() => listCount() === '3 orders awaiting dispatch matching "Acme"', 'the search Acme');
    expect(alerts()).toEqual([]);
    expect(beeps.count()).toBe(1);
  });

  it('a scan with a key that came late (a busy PC) is searched whole: "No order has the number …" names all of it', async () => {
    await openList();
    act(() => search().focus());
    await keysInto(search, [...'SO-99', 'Tab'], 5, [1]);
    await beeps.played();
    expect(search().value).toBe('SO-99');
    expect(alerts()).toEqual(['No order has the number "SO-99", and no order awaiting dispatch matches it.']);
  });

  it('numbers that differ only in case are said until the search changes', async () => {
    await openList();
    act(() => search().focus());
    typeInto(search(), 'Ab-1');
    await enter();
    await beeps.played();
    expect(alerts()).toEqual(['"Ab-1" matches 2 order numbers that differ only in case (AB-1, ab-1): type the number exactly to open one.']);

    typeInto(search(), 'Zed');
    await until(() => listCount() === '2 orders awaiting dispatch matching "Zed"', 'the search Zed');
    expect(alerts()).toEqual([]);
  });

  it('"Select all" was for another search: said while the list shows the search it names, gone once it shows another', async () => {
    const { held } = await openList();
    act(() => search().focus());
    held.search = 'Grace';
    typeInto(search(), 'Grace');
    await until(() => listCount() === '2 orders awaiting dispatch matching "Grace"', 'the search Grace');
    await act(async () => selectAll().click());
    typeInto(search(), 'Acme');
    await until(() => listCount() === '3 orders awaiting dispatch matching "Acme"', 'the search Acme');
    held.release();
    await until(() => alerts().length > 0, 'the refusal');
    expect(alerts()).toEqual(['"Select all" was for the search "Grace", and the list now shows "Acme": nothing was selected. Tick it again to select the orders shown.']);
    await settle();
    expect(alerts()).toHaveLength(1);

    typeInto(search(), 'Zed');
    await until(() => listCount() === '2 orders awaiting dispatch matching "Zed"', 'the search Zed');
    expect(alerts()).toEqual([]);
  });

  it('"Select all" pressed again while it is selecting says so, beeped, each press; the words go once it has selected', async () => {
    const { held } = await openList();
    held.search = 'Grace';
    typeInto(search(), 'Grace');
    await until(() => listCount() === '2 orders awaiting dispatch matching "Grace"', 'the search Grace');
    act(() => selectAll().focus());
    await act(async () => selectAll().click());
    expect(selectionCount()).toBe('Selecting…');

    const words = '"Select all" is already selecting the orders matching "Grace": wait for it to end.';
    await act(async () => selectAll().click());
    await beeps.played();
    const first = [...document.querySelectorAll('[role=alert]')].find((a) => a.textContent === words);
    expect(alerts()).toEqual([words]);
    expect(beeps.count()).toBe(1);
    await act(async () => selectAll().click());
    await beeps.played();
    expect(alerts()).toEqual([words]);
    expect([...document.querySelectorAll('[role=alert]')].find((a) => a.textContent === words)).not.toBe(first);
    expect(beeps.count()).toBe(2);

    held.release();
    await until(() => selectionCount() === '2 orders selected', 'the orders selected');
    expect(alerts()).toEqual([]);
    expect(selectAll().checked).toBe(true);
  });
});
