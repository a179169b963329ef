/**
 * The order list's first page, asked for by the page's start-up script (start.ts, loaded before the
 * app's bundle and in parallel with it) so the core answers while the bundle downloads and starts.
 * The app takes the request over once (first-page-prefetch.ts) and checks the answer against the
 * contract before showing it. This module stays free of the contract's schemas and of React: the
 * start-up script bundles it alone.
 */
import type { ArgsOf, ResultOf } from '../../shared/contract/api.js';
import { ORDER_LIST_PAGE } from '../../shared/contract/order-list-page.js';
import type { Result } from '../../shared/contract/result.js';
import { benchSecret, hostBaseUrl } from '../api/bench-secret.js';
import { postBenchCall, type HttpReply } from '../api/http-call.js';

export type EarlyFirstPage = { args: ArgsOf<'listAwaitingOrders'> } & (
  | { via: 'http'; reply: Promise<HttpReply> }
  /** Electron: the preload's bridge answers a Result; the app checks it against the contract (first-page-prefetch.ts). */
  | { via: 'preload'; result: Promise<Result<ResultOf<'listAwaitingOrders'>>> }
);

declare global {
  interface Window {
    benchEarlyFirstPage?: EarlyFirstPage;
  }
}

/** Asks for the first page of the unfiltered list, the way the app would. */
export function startEarlyFirstPage(): void {
  if (window.benchEarlyFirstPage) return;
  const args = { query: '', offset: 0, limit: ORDER_LIST_PAGE };
  const bridge = window.benchApi;
  window.benchEarlyFirstPage = bridge
    ? { args, via: 'preload', result: bridge.listAwaitingOrders(args) }
    : { args, via: 'http', reply: postBenchCall(hostBaseUrl(), benchSecret(), 'listAwaitingOrders', args) };
}

/** The start-up script's request, once, if it asked for exactly these arguments. */
export function takeEarlyFirstPage(args: ArgsOf<'listAwaitingOrders'>): EarlyFirstPage | null {
  const early = window.benchEarlyFirstPage;
  if (!early) return null;
  delete window.benchEarlyFirstPage;
  const same = early.args.query === args.query && early.args.offset === args.offset && early.args.limit === args.limit;
  return same ? early : null;
}
