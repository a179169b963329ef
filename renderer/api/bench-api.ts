/**
 * Picks the transport: the Electron preload's bridge when present, otherwise loopback HTTP with
 * the secret from the launch URL's fragment. The rest of the renderer only sees BenchApi.
 */
import type { BenchApi } from '../../shared/contract/api.js';
import { createHttpBenchApi } from './http-transport.js';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts through contextBridge. */
    benchApi?: BenchApi;
  }
}

const SECRET_KEY = 'bench-secret';

export function connectBenchApi(): BenchApi {
  if (window.benchApi) return window.benchApi;
  const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('secret');
  if (fromFragment) {
    sessionStorage.setItem(SECRET_KEY, fromFragment);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const secret = fromFragment ?? sessionStorage.getItem(SECRET_KEY) ?? '';
  return createHttpBenchApi(window.location.origin + '/', secret);
}
