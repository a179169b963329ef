/**
 * Start-up shortcut: the first page of the order list is asked for before the app renders (by the
 * start-up script, renderer/boot/start.ts, while the bundle was still loading; else as soon as the
 * app's code has loaded), and handed to the list when it mounts. An answer over HTTP is checked
 * against the contract here, like every other, before anything can show it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { BenchApi, ResultOf } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';
import { checkReply, checkResult } from '../../../api/http-transport.js';
import { benchKeys } from '../../../api/queries.js';
import { takeEarlyFirstPage } from '../../../boot/early-first-page.js';

type FirstPage = Promise<Result<ResultOf<'listAwaitingOrders'>>>;

let pending: { api: BenchApi; page: FirstPage; limit: number } | null = null;

/**
 * Starts (or takes over) the first page's request. Answered and checked before the list has asked for
 * it, the page goes straight into the query cache, so the list's first render already shows its rows
 * (one render and layout instead of an empty list, then a full one). Resolves once it has answered.
 */
export function prefetchFirstOrderPage(api: BenchApi, limit: number, client: QueryClient): Promise<unknown> {
  const args = { query: '', offset: 0, limit };
  const early = takeEarlyFirstPage(args);
  let page: FirstPage;
  if (early?.via === 'preload') page = early.result.then((result) => checkResult('listAwaitingOrders', result) as Result<ResultOf<'listAwaitingOrders'>>);
  else if (early?.via === 'http') page = early.reply.then((reply) => checkReply('listAwaitingOrders', reply) as Result<ResultOf<'listAwaitingOrders'>>);
  else page = api.listAwaitingOrders(args);
  const prefetch = { api, page, limit };
  pending = prefetch;
  return page.then(
    (result) => {
      performance.mark('first-page:checked');
      // Still untaken: the list has not mounted yet. A refusal stays pending, for the list to show.
      if (pending !== prefetch || !result.ok || client.getQueryData(benchKeys.orderPage('', 0)) !== undefined) return;
      pending = null;
      client.setQueryData(benchKeys.orderPage('', 0), result.value);
    },
    () => {}, // a failed request is the list's to show, when it takes the page
  );
}

/** The prefetched first page, once, if it answers exactly this request. */
export function takeFirstOrderPage(api: BenchApi, query: string, offset: number, limit: number): FirstPage | null {
  if (!pending || pending.api !== api || query !== '' || offset !== 0 || pending.limit !== limit) return null;
  const { page } = pending;
  pending = null;
  return page;
}
