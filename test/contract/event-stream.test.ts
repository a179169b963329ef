/**
 * The change stream over Server-Sent Events in browser mode: the real host on 127.0.0.1 relaying the
 * real core service (worker thread, SQLite file). Only a caller with the launch secret, from the
 * bench's own origin, gets events; a change made through the contract arrives as one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { startHost, type RunningHost } from '../../electron/web/host.js';
import { benchEventSchema, CHANGE_STREAM_PATH, type BenchEvent } from '../../shared/contract/change-events.js';
import { csv, HEADERS, tempDir } from '../core/helpers.js';
import { HOST_UNREACHABLE_MESSAGE, sseEvents } from '../../renderer/api/event-stream.js';

let service: BenchCoreService;
let host: RunningHost;

beforeAll(async () => {
  const dir = tempDir('bench-sse-', 'file');
  service = await startCoreService({ worker: sourceWorker(), config: { file: `${dir}/bench.db`, stationName: 'SSE bench' }, log: () => {} });
  host = await startHost({ call: service.call, events: service, log: () => {} });
});
afterAll(async () => {
  await host?.close();
  await service?.close();
});

const eventsUrl = () => `${host.origin}${CHANGE_STREAM_PATH}`;
const auth = () => ({ Authorization: `Bearer ${host.secret}` });

/** Reads SSE `data:` events from a streaming response until `until` says stop. */
async function readEvents(response: Response, until: (events: BenchEvent[]) => boolean, timeoutMs = 10_000): Promise<BenchEvent[]> {
  const events: BenchEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!until(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) events.push(benchEventSchema.parse(JSON.parse(data)));
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => undefined);
  }
  return events;
}

describe('change stream (SSE)', () => {
  it('refuses a caller without the secret, with a wrong one, from another origin or cross-site', async () => {
    const cases: Array<[RequestInit['headers'], number, RegExp]> = [
      [{}, 401, /secret/],
      [{ Authorization: 'Bearer wrong' }, 401, /secret/],
      [{ ...auth(), Origin: 'http://evil.example' }, 403, /evil\.example/],
      [{ ...auth(), 'Sec-Fetch-Site': 'cross-site' }, 403, /Cross-site/],
    ];
    for (const [headers, status, message] of cases) {
      const response = await fetch(eventsUrl(), { headers });
      expect(response.status).toBe(status);
      const body = (await response.json()) as { ok: boolean; error: { message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.message).toMatch(message);
    }
  });

  it('refuses a request naming another host (DNS rebinding) and a POST', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: CHANGE_STREAM_PATH, headers: { ...auth(), Host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    const post = await fetch(eventsUrl(), { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
  });

  it('sends the core state first, then what a change through the contract changed', async () => {
    const response = await fetch(eventsUrl(), { headers: { ...auth(), Origin: host.origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readEvents(response, (events) => events.some((e) => e.kind === 'data'));
    // The subscription is live once the first event has been written; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const imported = await service.api.importCsv({ files: [{ name: 'products.csv', content: csv([[...HEADERS.products], ['SSE-1', 'Title', '', 'none', 2]]) }] });
    expect(imported.ok).toBe(true);
    const events = await reading;
    expect(events[0]).toMatchObject({ kind: 'core', state: 'running' });
    expect(events.find((e) => e.kind === 'data')).toMatchObject({ kind: 'data', products: [1], source: 'local' });
  });

  it("reaches the renderer's reader, which says when the host is gone and reconnects when it is back", async () => {
    const seen: BenchEvent[] = [];
    const waitFor = async (match: (e: BenchEvent) => boolean, what: string) => {
      for (let i = 0; i < 300; i++) {
        if (seen.some(match)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no ${what}; saw ${JSON.stringify(seen)}`);
    };
    const stop = sseEvents(`${host.origin}/`, host.secret).subscribe((event) => seen.push(event));
    try {
      await waitFor((e) => e.kind === 'core' && e.state === 'running', 'hello');
      await service.api.importCsv({ files: [{ name: 'products.csv', content: csv([[...HEADERS.products], ['SSE-2', 'Title', '', 'none', 2]]) }] });
      await waitFor((e) => e.kind === 'data' && Array.isArray(e.products) && e.products.length === 1, 'data event');
      // The host stops (e.g. restarted): the reader says so, then finds it again on the same port.
      const { port, secret } = host;
      await host.close();
      await waitFor((e) => e.kind === 'core' && e.state === 'restarting' && e.message === HOST_UNREACHABLE_MESSAGE, 'unreachable notice');
      seen.splice(0);
      host = await startHost({ call: service.call, events: service, log: () => {}, port, secret });
      await waitFor((e) => e.kind === 'core' && e.state === 'running', 'reconnection');
    } finally {
      stop();
    }
  });

  it("gets nothing through the renderer's reader with a wrong secret", async () => {
    const seen: BenchEvent[] = [];
    const stop = sseEvents(`${host.origin}/`, 'not-the-secret').subscribe((event) => seen.push(event));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    stop();
    expect(seen.filter((e) => e.kind !== 'core' || e.state === 'running')).toEqual([]);
  });
});
