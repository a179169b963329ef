/**
 * The awaiting-orders list a page at a time: only the pages the packer scrolls to are fetched
 * (50,000 orders never cross the wire at once). Each page is a query keyed by search and page
 * number, so a new search never mixes with an old one, and the change stream reads the pages on
 * screen again when orders change (pages off screen are read when scrolled to).
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { BenchApi, OrderSummary, ResultOf } from '../../../../shared/contract/api.js';
import { ORDER_LIST_PAGE } from '../../../../shared/contract/order-list-page.js';
import { benchKeys, unwrap } from '../../../api/queries.js';
import { takeFirstOrderPage } from './first-page-prefetch.js';

export const ORDER_PAGE_SIZE = ORDER_LIST_PAGE;

type Page = ResultOf<'listAwaitingOrders'>;

export interface OrderPages {
  /** Matching orders in all; null until the first page answers. */
  total: number | null;
  error: string | null;
  orderAt: (index: number) => OrderSummary | undefined;
  /** Asks for the pages covering rows [first, last]. */
  ensureRange: (first: number, last: number) => void;
  /**
   * Where an order is now, by the pages read since the orders last changed, looking from the page of
   * row `near` outward: its row; null when those pages do not hold it; undefined while the rows within
   * `span` of `near` are still to be read (or read again). No page is fetched for it.
   */
  findOrder: (orderId: number, near: number, span: number) => number | null | undefined;
}

export function useOrderPages(api: BenchApi, query: string): OrderPages {
  const client = useQueryClient();
  const [pageRange, setPageRange] = useState({ first: 0, last: 0 });
  const pageNumbers: number[] = [];
  for (let page = pageRange.first; page <= pageRange.last; page++) pageNumbers.push(page);
  const results = useQueries({
    queries: pageNumbers.map((page) => ({
      queryKey: benchKeys.orderPage(query, page),
      queryFn: () => {
        const offset = page * ORDER_PAGE_SIZE;
        return unwrap(takeFirstOrderPage(api, query, offset, ORDER_PAGE_SIZE) ?? api.listAwaitingOrders({ query, offset, limit: ORDER_PAGE_SIZE }));
      },
    })),
  });
  const answered = results.find((r) => r.data !== undefined)?.data ?? (client.getQueryData(benchKeys.orderPage(query, 0)) as Page | undefined);
  const error = results.find((r) => r.error)?.error?.message ?? null;

  const ensureRange = useCallback((first: number, last: number) => {
    const next = { first: Math.floor(first / ORDER_PAGE_SIZE), last: Math.max(0, Math.floor(last / ORDER_PAGE_SIZE)) };
    setPageRange((current) => (current.first === next.first && current.last === next.last ? current : next));
  }, []);

  // Rows of pages scrolled away stay readable from the cache until they are needed again.
  const orderAt = useCallback(
    (index: number) => (client.getQueryData(benchKeys.orderPage(query, Math.floor(index / ORDER_PAGE_SIZE))) as Page | undefined)?.items[index % ORDER_PAGE_SIZE],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- new answers must give a new function, so rows re-render
    [client, query, results.map((r) => r.dataUpdatedAt).join(',')],
  );

  const findOrder = useCallback(
    (orderId: number, near: number, span: number) => {
      // A page counts once read and not invalidated since (every change to the orders invalidates them
      // all), so the pages counted agree with one another.
      const fresh = new Map<number, Page>();
      for (const page of client.getQueryCache().findAll({ queryKey: ['orders', 'page', query] })) {
        const { data, isInvalidated, fetchStatus } = page.state;
        if (data !== undefined && !isInvalidated && fetchStatus === 'idle') fresh.set(page.queryKey[3] as number, data as Page);
      }
      const home = Math.floor(near / ORDER_PAGE_SIZE);
      const homePage = fresh.get(home);
      if (!homePage) return undefined;
      const last = Math.max(0, Math.min(near + span, homePage.total - 1));
      for (let page = Math.floor(Math.max(0, near - span) / ORDER_PAGE_SIZE); page <= Math.floor(last / ORDER_PAGE_SIZE); page++) {
        if (!fresh.has(page)) return undefined;
      }
      const nearestFirst = [...fresh.keys()].sort((a, b) => Math.abs(a - home) - Math.abs(b - home));
      for (const page of nearestFirst) {
        const at = fresh.get(page)!.items.findIndex((order) => order.id === orderId);
        if (at >= 0) return page * ORDER_PAGE_SIZE + at;
      }
      return null;
    },
    [client, query],
  );

  return { total: answered?.total ?? null, error, orderAt, ensureRange, findOrder };
}
