/**
 * Start-up shortcut: the first page of the order list is asked for as soon as the app's code has
 * loaded, while React is still rendering the shell, and handed to the list when it mounts.
 */
import type { BenchApi, ResultOf } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';

type FirstPage = Promise<Result<ResultOf<'listAwaitingOrders'>>>;

let pending: { api: BenchApi; page: FirstPage; limit: number } | null = null;

export function prefetchFirstOrderPage(api: BenchApi, limit: number): void {
  pending = { api, page: api.listAwaitingOrders({ query: '', offset: 0, limit }), limit };
}

/** The prefetched first page, once, if it answers exactly this request. */
export function takeFirstOrderPage(api: BenchApi, query: string, offset: number, limit: number): FirstPage | null {
  if (!pending || pending.api !== api || query !== '' || offset !== 0 || pending.limit !== limit) return null;
  const { page } = pending;
  pending = null;
  return page;
}
