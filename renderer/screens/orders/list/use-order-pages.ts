/**
 * The awaiting-orders list a page at a time: only the pages the packer scrolls to are fetched
 * (50,000 orders never cross the wire at once). A new search starts a new generation, so
 * answers to an old search are dropped.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { BenchApi, OrderSummary } from '../../../../shared/contract/api.js';
import { takeFirstOrderPage } from './first-page-prefetch.js';

export const ORDER_PAGE_SIZE = 100;

export interface OrderPages {
  /** Matching orders in all; null until the first page answers. */
  total: number | null;
  error: string | null;
  orderAt: (index: number) => OrderSummary | undefined;
  /** Asks for the pages covering rows [first, last]. */
  ensureRange: (first: number, last: number) => void;
  /** Drops what is loaded (after a save or a dispatch) and fetches again. */
  refresh: () => void;
}

export function useOrderPages(api: BenchApi, query: string): OrderPages {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, OrderSummary[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const range = useRef({ first: 0, last: ORDER_PAGE_SIZE - 1 });

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      const asked = generation.current;
      const offset = page * ORDER_PAGE_SIZE;
      const request = takeFirstOrderPage(api, query, offset, ORDER_PAGE_SIZE) ?? api.listAwaitingOrders({ query, offset, limit: ORDER_PAGE_SIZE });
      void request.then((result) => {
        if (asked !== generation.current) return;
        loading.current.delete(page);
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        setError(null);
        pages.current.set(page, result.value.items);
        setTotal(result.value.total);
        setVersion((v) => v + 1);
      });
    },
    [api, query],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      for (let page = Math.floor(first / ORDER_PAGE_SIZE); page <= Math.floor(last / ORDER_PAGE_SIZE); page++) fetchPage(page);
    },
    [fetchPage],
  );

  const restart = useCallback(() => {
    generation.current++;
    pages.current = new Map();
    loading.current = new Set();
  }, []);

  // A layout effect, so the first page is asked for before the first paint, not after it.
  useLayoutEffect(() => {
    restart();
    setTotal(null);
    range.current = { first: 0, last: ORDER_PAGE_SIZE - 1 };
    fetchPage(0);
  }, [restart, fetchPage]);

  const refresh = useCallback(() => {
    // Keep showing the old rows until the new answers arrive, so the list does not flash.
    const old = pages.current;
    restart();
    const { first, last } = range.current;
    for (const [page, items] of old) pages.current.set(page, items);
    const firstPage = Math.floor(first / ORDER_PAGE_SIZE);
    const lastPage = Math.max(firstPage, Math.floor(last / ORDER_PAGE_SIZE));
    const asked = generation.current;
    for (let page = firstPage; page <= lastPage; page++) {
      void api.listAwaitingOrders({ query, offset: page * ORDER_PAGE_SIZE, limit: ORDER_PAGE_SIZE }).then((result) => {
        if (asked !== generation.current || !result.ok) return;
        pages.current.set(page, result.value.items);
        setTotal(result.value.total);
        setVersion((v) => v + 1);
      });
    }
    // Pages off screen are stale now; fetch them again when scrolled to.
    for (const page of old.keys()) if (page < firstPage || page > lastPage) pages.current.delete(page);
  }, [api, query, restart]);

  const orderAt = useCallback((index: number) => pages.current.get(Math.floor(index / ORDER_PAGE_SIZE))?.[index % ORDER_PAGE_SIZE], []);

  return { total, error, orderAt, ensureRange, refresh };
}
