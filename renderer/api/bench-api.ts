/**
 * Picks the transport: the Electron preload's bridge when present, otherwise loopback HTTP with
 * the secret from the launch URL's fragment. The rest of the renderer only sees BenchApi and the
 * change stream (BenchEvents).
 */
import { BENCH_METHODS, type BenchApi, type BenchMethod } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import type { BenchEvents } from '../../shared/contract/change-events.js';
import { preloadEvents, sseEvents, type PreloadEvents } from './event-stream.js';
import { benchSecret, hostBaseUrl } from './bench-secret.js';
import { checkResult, createHttpBenchApi } from './http-transport.js';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts through contextBridge. */
    benchApi?: BenchApi;
    benchEvents?: PreloadEvents;
  }
}

export interface BenchConnection {
  api: BenchApi;
  events: BenchEvents;
}

export function connectBench(): BenchConnection {
  if (window.benchApi && window.benchEvents) return { api: checkedBridge(window.benchApi), events: preloadEvents(window.benchEvents) };
  // The fragment's secret is kept for reloads later (main.tsx, keepSecretFromFragment): the first
  // touch of sessionStorage waits on the browser process, which must not hold up the first paint.
  const secret = benchSecret();
  const base = hostBaseUrl();
  return { api: createHttpBenchApi(base, secret), events: sseEvents(base, secret) };
}

/**
 * The preload's bridge with every answer checked against the contract, as the HTTP transport checks
 * its own: the screens never handle data the contract does not describe, whichever transport they have.
 */
export function checkedBridge(bridge: BenchApi): BenchApi {
  const api: Partial<Record<BenchMethod, (args: unknown) => Promise<Result<unknown>>>> = {};
  for (const method of BENCH_METHODS) {
    const send = bridge[method] as (args: unknown) => Promise<Result<unknown>>;
    api[method] = async (args) => checkResult(method, await send(args));
  }
  return api as BenchApi;
}

/** The contract alone (kept for callers that need no events). */
export function connectBenchApi(): BenchApi {
  return connectBench().api;
}
