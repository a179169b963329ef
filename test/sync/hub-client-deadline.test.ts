/**
 * A request's deadline (electron/core/sync/deadline.ts) against a real HTTP server on 127.0.0.1 that
 * accepts requests and never answers (a frozen hub). The deadline used to be AbortSignal.timeout inside
 * AbortSignal.any, which Node can garbage-collect before it fires (nodejs/node#57736): the request then
 * waited forever and the bench showed "syncing" for good. Here the collector runs all through the wait.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubClient } from '../../electron/core/sync/hub-client.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = null;
});

async function silentHub(): Promise<string> {
  server = createServer(() => undefined);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** How the call ended, while the garbage collector runs every 20 ms; "hung" after 3 s. */
async function outcomeUnderGc(call: Promise<unknown>): Promise<string> {
  const collector = setInterval(collectGarbage, 20);
  try {
    const ended = call.then(
      () => 'answered',
      (err: Error) => err.message,
    );
    return await Promise.race([ended, new Promise<string>((r) => setTimeout(() => r('hung'), 3_000))]);
  } finally {
    clearInterval(collector);
  }
}

describe("a hub request's deadline", () => {
  it('ends a request the hub never answers, even when garbage is collected meanwhile', async () => {
    const hubUrl = await silentHub();
    const client = createHubClient({ hubUrl, token: 't', timeoutMs: 300, signal: () => new AbortController().signal });
    expect(await outcomeUnderGc(client.whoami())).toBe(`the hub at ${hubUrl} is not reachable (no answer within 0.3 s)`);
    const bare = createHubClient({ hubUrl, token: 't', timeoutMs: 300 });
    expect(await outcomeUnderGc(bare.pull(null, 10))).toBe(`the hub at ${hubUrl} is not reachable (no answer within 0.3 s)`);
  });

  it('ends it at once, as stopped, when the engine stops first', async () => {
    const hubUrl = await silentHub();
    const stopper = new AbortController();
    const client = createHubClient({ hubUrl, token: 't', timeoutMs: 60_000, signal: () => stopper.signal });
    const call = client.push('S1', []);
    setTimeout(() => stopper.abort(), 100);
    const started = Date.now();
    expect(await outcomeUnderGc(call)).toBe(`the hub at ${hubUrl} is not reachable (stopped)`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
