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
import { createHubClient, requestDeadlineMs, SLOWEST_LINK_BYTES_PER_SECOND } from '../../electron/core/sync/hub-client.js';
import { MAX_PUSH_BODY_BYTES } from '../../shared/sync/protocol.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let server: Server | null = null;
afterEach(async () => {
  const running = server;
  server = null;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
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

  it('gives a large push the time its body takes over a slow link: the hub answers, and is not called unreachable', async () => {
    // A hub behind a link of 256 KiB/s: it reads the body at that pace, then answers.
    const linkBytesPerSecond = 256 * 1024;
    server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => {
        req.pause();
        setTimeout(() => req.resume(), (chunk.length * 1000) / linkBytesPerSecond);
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ stationId: 'S1', lastSeq: 1, results: [{ seq: 1, status: 'applied' }] }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // About 300 KB: over a second on this link, where the hub's own time to answer is 0.2 s.
    const client = createHubClient({ hubUrl, token: 't', timeoutMs: 200 });
    const started = Date.now();
    const answer = await client.push('S1', [{ seq: 1, at: '2026-12-07T06:00:00.000Z', actor: 'packer', op: { type: 'identifier.add', pad: 'x'.repeat(300_000) } }]);
    expect(answer.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });

  it('gives a large answer (a pull page) the time it takes over a slow link, once the hub has said its length', async () => {
    // The hub answers at once, then sends about 300 KB at 256 KiB/s.
    const linkBytesPerSecond = 256 * 1024;
    const page = JSON.stringify({ changes: Array.from({ length: 1_000 }, (_, i) => ({ n: i, pad: 'x'.repeat(300) })), cursor: 'c1', more: false });
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(page)) });
      const bytes = Buffer.from(page);
      const piece = 16 * 1024;
      const send = (at: number) => {
        if (at >= bytes.length) return void res.end();
        res.write(bytes.subarray(at, at + piece));
        setTimeout(() => send(at + piece), (piece * 1000) / linkBytesPerSecond);
      };
      send(0);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createHubClient({ hubUrl, token: 't', timeoutMs: 200 });
    const started = Date.now();
    const answer = await client.pull(null, 1_000);
    expect(answer.changes).toHaveLength(1_000);
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });

  it('still ends an answer whose body stops coming, at the deadline its length gives', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '25000' });
      res.write('{"changes":['); // and nothing more
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // 0.3 s for the answer, 0.2 s more for 25,000 bytes.
    const client = createHubClient({ hubUrl, token: 't', timeoutMs: 300 });
    expect(await outcomeUnderGc(client.pull(null, 10))).toBe(`the hub at ${hubUrl} is not reachable (no answer within 0.5 s)`);
  });

  it('lets the largest push request the protocol allows cross a link of about 1 Mbit/s', () => {
    const transferMs = (MAX_PUSH_BODY_BYTES * 1000) / SLOWEST_LINK_BYTES_PER_SECOND;
    expect(SLOWEST_LINK_BYTES_PER_SECOND).toBeLessThanOrEqual(1_000_000 / 8);
    expect(requestDeadlineMs(8_000, MAX_PUSH_BODY_BYTES)).toBeGreaterThanOrEqual(8_000 + transferMs);
    expect(requestDeadlineMs(8_000, 0)).toBe(8_000);
  });
});
