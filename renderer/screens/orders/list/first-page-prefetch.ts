/**
 * Start-up shortcut: the first page of the order list is asked for before the app renders (by the
 * start-up script, renderer/boot/start.ts, while the bundle was still loading; else as soon as the
 * app's code has loaded), and handed to the list when it mounts. An answer over HTTP is checked
 * against the contract here, like every other.
 */
import type { BenchApi, ResultOf } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';
import { checkReply } from '../../../api/http-transport.js';
import { takeEarlyFirstPage } from '../../../boot/early-first-page.js';

type FirstPage = Promise<Result<ResultOf<'listAwaitingOrders'>>>;

let pending: { api: BenchApi; page: FirstPage; limit: number } | null = null;

export function prefetchFirstOrderPage(api: BenchApi, limit: number): void {
  const args = { query: '', offset: 0, limit };
  const early = takeEarlyFirstPage(args);
  let page: FirstPage;
  if (early?.via === 'preload') page = early.result;
  else if (early?.via === 'http') page = early.reply.then((reply) => checkReply('listAwaitingOrders', reply) as Result<ResultOf<'listAwaitingOrders'>>);
  else page = api.listAwaitingOrders(args);
  pending = { api, page, limit };
}

/** The prefetched first page, once, if it answers exactly this request. */
export function takeFirstOrderPage(api: BenchApi, query: string, offset: number, limit: number): FirstPage | null {
  if (!pending || pending.api !== api || query !== '' || offset !== 0 || pending.limit !== limit) return null;
  const { page } = pending;
  pending = null;
  return page;
}
