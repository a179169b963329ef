// @vitest-environment happy-dom
/**
 * The header's sync status warns when the bench talks plain http to another machine, and not when the
 * hub is on this machine. The status comes from a real bench core (real SQLite) syncing with the URL.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fetch as nodeFetch } from 'undici';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { SyncEngine } from '../../electron/core/sync/index.js';
import { SyncStatus } from '../../renderer/components/sync/SyncStatus.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';
import { openTestBench, type TestBench } from '../core/helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// The bench core runs in Node, not in the page: it gets Node's fetch (undici), not happy-dom's.
const pageFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = nodeFetch as unknown as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = pageFetch;
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The contract over a core in this process, as the transports deliver it. */
function apiOf(bench: TestBench): BenchApi {
  return new Proxy({} as BenchApi, {
    get: (_, method: string) => async (args: unknown) => bench.call(method as BenchMethod, args as never),
  });
}

async function headerFor(hubUrl: string): Promise<HTMLElement> {
  const bench = openTestBench();
  const logged: string[] = [];
  // The backoff keeps the engine from retrying during the test; nothing listens at these addresses.
  const sync: SyncEngine = bench.startSync({ hubUrl, token: 't', minBackoffMs: 600_000, requestTimeoutMs: 1_000, log: (line) => logged.push(line) });
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  cleanups.push(async () => {
    act(() => root.unmount());
    container.remove();
    await sync.stop();
  });
  await act(async () => root.render(<QueryClientProvider client={createBenchQueryClient()}><SyncStatus api={apiOf(bench)} /></QueryClientProvider>));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
  return Object.assign(container, { logged });
}

it('warns in the header, and in the log when sync starts, about plain http to another machine', async () => {
  const header = (await headerFor('http://hub.invalid:8787')) as HTMLElement & { logged: string[] };
  const warning = header.querySelector('.sync-warning');
  expect(warning?.textContent).toBe(
    "⚠ Not encrypted: The hub URL http://hub.invalid:8787 is plain http to another machine: this bench's token and the warehouse's data cross the network unencrypted. Use an https:// URL.",
  );
  expect(warning?.getAttribute('title')).toMatch(/^The hub URL http:\/\/hub\.invalid:8787 is plain http/);
  expect(header.logged[0]).toBe(`sync: ${warning?.getAttribute('title')}`);
});

it('says nothing for a hub on this machine or over https', async () => {
  for (const url of ['http://127.0.0.1:9', 'https://hub.invalid:8443']) {
    const header = (await headerFor(url)) as HTMLElement & { logged: string[] };
    expect(header.querySelector('.sync-status')).not.toBeNull();
    expect(header.querySelector('.sync-warning')).toBeNull();
    expect(header.logged.filter((line) => line.includes('plain http'))).toEqual([]);
  }
});
