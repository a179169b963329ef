/**
 * The engine without a hub: backoff, offline status, stopping while a request hangs, start-up checks.
 * (Everything with a real hub is in the other files of this folder.)
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../electron/core/sync/backoff.js';
import { checkSyncSettings } from '../../electron/core/sync/index.js';
import { openTestBench } from '../core/helpers.js';
import { waitFor } from './proxy.js';

const servers: Array<{ server: Server; sockets: Socket[] }> = [];
afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => server.close(r));
  }
});

/** A TCP port that accepts connections and never answers (a hub hanging mid-request). */
async function silentServer(): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ server, sockets });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const httpServers: HttpServer[] = [];
afterEach(async () => {
  for (const server of httpServers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

/** A hub on 127.0.0.1 that hands each request (numbered from 1) to `handle`; one it leaves alone hangs. */
async function scriptedHub(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ url: string; requests(): number }> {
  let count = 0;
  const server = createHttpServer((req, res) => handle(req, res, ++count));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  httpServers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count };
}

/**
 * A scripted hub that answers whoami (as `stationId`, having taken `lastSeq()`) and pulls (nothing new),
 * and hands each push's seqs to `onPush` with the means to answer it.
 */
async function pushScriptedHub(stationId: string, onPush: (seqs: number[], answer: (value: unknown) => void) => void, lastSeq: () => number = () => 0) {
  return scriptedHub((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const answer = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.url === '/v1/whoami') return answer({ warehouse: 'W', stationId, stationName: stationId, lastSeq: lastSeq(), stations: [] });
      if (req.url?.startsWith('/v1/pull')) return answer({ changes: [], cursor: 'c1', more: false });
      onPush((JSON.parse(body) as { entries: Array<{ seq: number }> }).entries.map((e) => e.seq), answer);
    });
  });
}

/** Starts the bench's sync, one change per push; `pushing` collects what the screens hear while it pushes. */
function syncOnePerPush(bench: ReturnType<typeof openTestBench>, hubUrl: string) {
  const pushing: Array<{ pushed: number; toPush: number }> = [];
  const onChange = () => {
    const s = bench.ok('getSyncStatus', {});
    if (s.state === 'syncing' && s.progress.phase === 'pushing') pushing.push({ pushed: s.progress.pushed, toPush: s.progress.toPush });
  };
  return { pushing, sync: bench.startSync({ hubUrl, token: 't', intervalMs: 3_600_000, pushBatchSize: 1, onChange }) };
}

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

describe('sync engine', () => {
  it('backs off exponentially with jitter, up to the cap', () => {
    const options = { minMs: 1_000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, { ...options, random: () => 1 }))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(2_000);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(4, options);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it('reports offline while the hub is unreachable and keeps retrying, growing the delay', async () => {
    const bench = openTestBench();
    bench.product('P', 'none', 2);
    const sync = bench.startSync({ hubUrl: await closedPort(), token: 't', minBackoffMs: 40, maxBackoffMs: 10_000, random: () => 1 });
    try {
      const status = await waitFor(() => {
        const s = bench.ok('getSyncStatus', {});
        return s.state === 'offline' && s.nextAttemptAt ? s : null;
      }, 'the engine to go offline');
      expect(status).toMatchObject({ pendingOps: 2, cause: expect.stringContaining('not reachable'), lastSyncAt: null, station: null });
      const first = Date.parse(status.nextAttemptAt!) - Date.parse(status.failedAt);
      // A few retries later the planned delay has grown.
      await new Promise((r) => setTimeout(r, 400));
      const later = await waitFor(() => {
        const s = bench.ok('getSyncStatus', {});
        return s.state === 'offline' && s.nextAttemptAt ? s : null;
      }, 'the engine to be offline again');
      expect(Date.parse(later.nextAttemptAt!) - Date.parse(later.failedAt)).toBeGreaterThan(first);
      // "Sync now" answers at once, already syncing, and runs in the background.
      expect(bench.ok('syncNow', {})).toMatchObject({ state: 'syncing', progress: { phase: 'connecting', pushed: 0, pulled: 0 } });
    } finally {
      await sync.stop();
    }
    expect(bench.ok('getSyncStatus', {}).state).toBe('not_configured');
  });

  it('stays "offline" while it retries a hub that does not answer; "Sync now" and an answering hub show syncing', async () => {
    // Silent at first (each request times out); then it answers whoami and keeps the push hanging.
    let answering = false;
    const hub = await scriptedHub((req, res) => {
      if (!answering || req.url !== '/v1/whoami') return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ warehouse: 'W', stationId: 'QUIET', stationName: 'Quiet', lastSeq: 0, stations: [] }));
    });
    const bench = openTestBench();
    bench.product('P', 'none', 2);
    const hubUrl = hub.url;
    // What the screens hear: the status as each change event reads it.
    const heard: string[] = [];
    let firstOfflineEvent: { nextAttemptAt: string | null } | null = null;
    const onChange = () => {
      const status = bench.ok('getSyncStatus', {});
      heard.push(status.state);
      if (status.state === 'offline') firstOfflineEvent ??= status;
    };
    const sync = bench.startSync({ hubUrl, token: 't', requestTimeoutMs: 250, minBackoffMs: 20, maxBackoffMs: 40, random: () => 0, onChange });
    try {
      await waitFor(() => bench.ok('getSyncStatus', {}).state === 'offline', 'the engine to go offline');
      // The event that says the first attempt failed already says when the next one is.
      expect(firstOfflineEvent).toMatchObject({ nextAttemptAt: expect.any(String) });
      // Retries every 10-20 ms, each waiting 250 ms for an answer: nearly all of the time is a retry in flight.
      const seen = new Set<string>();
      let retrying = 0;
      for (let i = 0; i < 40; i++) {
        const s = bench.ok('getSyncStatus', {});
        seen.add(s.state);
        if (s.state === 'offline' && s.nextAttemptAt === null) retrying++;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect([...seen]).toEqual(['offline']);
      expect(retrying).toBeGreaterThan(20);
      expect(bench.ok('getSyncStatus', {})).toMatchObject({ state: 'offline', cause: expect.stringMatching(/not reachable \(no answer within/) });
      // Asked for: it says so at once.
      expect(bench.ok('syncNow', {})).toMatchObject({ state: 'syncing', progress: { phase: 'connecting' } });
      await waitFor(() => bench.ok('getSyncStatus', {}).state === 'offline', 'the asked-for cycle to fail');
      // The hub answers again: the retry shows its progress, and says so (the push still hangs).
      heard.length = 0;
      answering = true;
      await waitFor(() => heard.includes('syncing'), 'a change event saying syncing');
      const pushing = await waitFor(() => {
        const s = bench.ok('getSyncStatus', {});
        return s.state === 'syncing' && s.progress.phase === 'pushing' ? s : null;
      }, 'the retry to show the push');
      expect(pushing).toMatchObject({ pendingOps: 2, progress: { toPush: 2 } });
    } finally {
      await sync.stop();
    }
  });

  it('counts the changes made while a push runs in what it has to send: "sent" never passes "of", the bar never overflows', async () => {
    // Answers every request, except that it holds the first push until the packer has made more changes.
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let pushes = 0;
    const hub = await pushScriptedHub('COUNT', (seqs, answer) => {
      const reply = () => answer({ stationId: 'COUNT', lastSeq: Math.max(...seqs), results: seqs.map((seq) => ({ seq, status: 'applied' })) });
      if (++pushes === 1) void firstHeld.then(reply);
      else reply();
    });
    const bench = openTestBench();
    bench.product('P0', 'none', 2);
    const atStart = bench.ok('getSyncStatus', {}).pendingOps;
    const { pushing, sync } = syncOnePerPush(bench, hub.url);
    try {
      await waitFor(() => pushes >= 1, 'the first push to be sent');
      // The packer goes on working while the push runs.
      for (const sku of ['P1', 'P2', 'P3']) bench.product(sku, 'none', 2);
      const madeMeanwhile = bench.ok('getSyncStatus', {}).pendingOps - atStart;
      expect(madeMeanwhile).toBeGreaterThan(0);
      releaseFirst();
      await waitFor(() => bench.ok('getSyncStatus', {}).state === 'idle', 'the sync to end');
      expect(bench.ok('getSyncStatus', {}).pendingOps).toBe(0);
      // Every change was sent in this sync, and each answer was told.
      expect(Math.max(...pushing.map((p) => p.pushed))).toBe(atStart + madeMeanwhile);
      expect(pushing.filter((p) => p.pushed > p.toPush)).toEqual([]);
    } finally {
      await sync.stop();
    }
  });

  it('counts the changes a restored hub asks for again in what it has to send: "sent" never passes "of"', async () => {
    // A hub restored from a backup taken before this bench's first three changes: it answers the
    // fourth with a gap at 1, and the bench sends 1 to 4 in that same sync.
    const seen: number[] = [];
    let restored = false;
    // Before its restore, the hub has taken all it was sent; after it, only what it was sent again.
    const taken = () => (restored ? Math.max(0, ...seen.filter((seq) => seq < 4)) : Math.max(0, ...seen));
    const hub = await pushScriptedHub(
      'LOST',
      (seqs, answer) => {
        if (restored && seqs[0]! > 1 && !seen.includes(1)) {
          return answer({ stationId: 'LOST', lastSeq: 0, results: seqs.map((seq) => ({ seq, status: 'not_applied', expectedSeq: 1 })) });
        }
        seen.push(...seqs);
        answer({ stationId: 'LOST', lastSeq: Math.max(...seen), results: seqs.map((seq) => ({ seq, status: 'applied' })) });
      },
      taken,
    );
    const bench = openTestBench();
    for (const sku of ['P1', 'P2', 'P3']) bench.product(sku, 'none', 2);
    const { pushing, sync } = syncOnePerPush(bench, hub.url);
    try {
      await waitFor(() => bench.ok('getSyncStatus', {}).state === 'idle', 'the first sync to end');
      const firstSync = seen.length;
      expect(firstSync).toBeGreaterThan(0);
      // The hub is restored from its backup; the packer makes one more change and syncs.
      seen.length = 0;
      restored = true;
      bench.product('P4', 'none', 2);
      pushing.length = 0;
      await sync.syncNow();
      expect(bench.ok('getSyncStatus', {}).pendingOps).toBe(0);
      // Everything went out again, each change once.
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
      expect(seen.length).toBeGreaterThan(firstSync);
      expect(Math.max(...pushing.map((p) => p.pushed))).toBe(seen.length);
      expect(pushing.filter((p) => p.pushed > p.toPush)).toEqual([]);
    } finally {
      await sync.stop();
    }
  });

  it('Cancel while the hub is unreachable keeps the backoff: the next try comes soon, quietly, and says offline again', async () => {
    const hubUrl = await silentServer();
    const bench = openTestBench();
    bench.product('P', 'none', 2);
    // An hour between good syncs, at most 100 ms between retries: which of the two follows a Cancel shows.
    const sync = bench.startSync({ hubUrl, token: 't', intervalMs: 3_600_000, requestTimeoutMs: 300, minBackoffMs: 50, maxBackoffMs: 100, random: () => 0 });
    try {
      await waitFor(() => bench.ok('getSyncStatus', {}).state === 'offline', 'the engine to go offline');
      expect(bench.ok('syncNow', {})).toMatchObject({ state: 'syncing' });
      // The asked-for cycle is running (the retry before it was given up for it), waiting on the silent hub.
      await new Promise((r) => setTimeout(r, 100));
      expect(bench.ok('cancelSync', {})).toMatchObject({ state: 'syncing' });
      await waitFor(() => bench.ok('getSyncStatus', {}).state === 'cancelled', 'the asked-for cycle to end cancelled');
      // The retry after it comes within the backoff, not the hour, quietly (a dead hub does not flick
      // to "syncing"), and ends offline again.
      const seen = new Set<string>();
      await waitFor(() => {
        const state = bench.ok('getSyncStatus', {}).state;
        seen.add(state);
        return state === 'offline';
      }, 'the next retry to say offline');
      expect(seen.has('syncing')).toBe(false);
    } finally {
      await sync.stop();
    }
  });

  it('"Sync now" during a quiet retry gives that retry up and tries afresh at once, with no failure recorded for it', async () => {
    // The first request is cut (offline at once); every later one hangs: the retry waits out its 10 s deadline.
    const hub = await scriptedHub((_req, res, n) => {
      if (n === 1) res.destroy();
    });
    const requests = hub.requests;
    const bench = openTestBench();
    bench.product('P', 'none', 1);
    const hubUrl = hub.url;
    const sync = bench.startSync({ hubUrl, token: 't', requestTimeoutMs: 10_000, minBackoffMs: 100, maxBackoffMs: 100, random: () => 0 });
    try {
      await waitFor(() => requests() === 2, 'the first retry to be in flight');
      const retrying = bench.ok('getSyncStatus', {});
      expect(retrying).toMatchObject({ state: 'offline', nextAttemptAt: null, cause: expect.stringContaining('the connection closed without an answer') });
      expect(bench.ok('syncNow', {})).toMatchObject({ state: 'syncing' });
      // A fresh request at once, not after the retry's 10 s deadline.
      await waitFor(() => requests() === 3, 'a fresh attempt', 5_000);
      expect(bench.ok('getSyncStatus', {})).toMatchObject({ state: 'syncing' });
      // The retry given up is no failure of its own: the last error is still the first one.
      const lastError = bench.reader.prepare('SELECT last_error FROM sync_state').pluck().get();
      expect(lastError).toBe(retrying.state === 'offline' ? retrying.cause : null);
    } finally {
      await sync.stop();
    }
  });

  it('stops promptly even while a request hangs', async () => {
    const bench = openTestBench();
    const sync = bench.startSync({ hubUrl: await silentServer(), token: 't', requestTimeoutMs: 60_000 });
    await waitFor(() => bench.ok('getSyncStatus', {}).state === 'syncing', 'a request to be in flight');
    const started = Date.now();
    await sync.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    // Stopping is not an error worth showing.
    expect(bench.count('SELECT count(*) FROM sync_state WHERE last_error IS NOT NULL')).toBe(0);
  });

  it('checks settings before starting, and runs one engine per bench', async () => {
    // The Settings screen's rule and words (shared/contract/settings-schemas.ts), as sentences.
    const notHttp = 'Hub URL must be an http:// or https:// address, e.g. https://hub.example.com.';
    expect(checkSyncSettings({ hubUrl: 'hub.local', token: 'x' })).toBe(notHttp);
    expect(checkSyncSettings({ hubUrl: 'ftp://hub.local', token: 'x' })).toBe(notHttp);
    expect(checkSyncSettings({ hubUrl: 'http://hub.local:080', token: 'x' })).toBe('Hub URL port 080 has a leading zero: write it as 80 if that is the port meant.');
    // Given from elsewhere (browser mode's variables), each is named before its problem.
    const env = { hubUrl: 'BENCH_HUB_URL', token: 'BENCH_HUB_TOKEN' };
    expect(checkSyncSettings({ hubUrl: 'http://hub.local:00', token: 'x' }, env)).toBe(
      'BENCH_HUB_URL: Hub URL has port 00 (that is port 0), which is no port: a port is a number from 1 to 65535 (e.g. https://hub.example.com:8443).',
    );
    expect(checkSyncSettings({ hubUrl: 'http://hub.local:8080', token: 'two words' }, env)).toBe('BENCH_HUB_TOKEN: Bench token must not contain spaces.');
    expect(checkSyncSettings({ hubUrl: 'https://hub.example.com/?site=2', token: 'x' }, env)).toBe("BENCH_HUB_URL: Hub URL must not have a query (?…) or a fragment (#…): give the hub's address only.");
    // The token named as Settings labels it ("Bench token"), also when it comes from BENCH_HUB_TOKEN.
    expect(checkSyncSettings({ hubUrl: 'http://hub.local:8080', token: ' ' })).toBe('Bench token is empty.');
    expect(checkSyncSettings({ hubUrl: 'http://hub.local:8080', token: 'two words' })).toBe('Bench token must not contain spaces.');
    expect(checkSyncSettings({ hubUrl: 'https://hub.local/', token: 'abc' })).toBeNull();
    const bench = openTestBench();
    expect(() => bench.startSync({ hubUrl: 'nope', token: 'x' })).toThrow(notHttp);
    expect(() => bench.startSync({ hubUrl: 'http://127.0.0.1:080', token: 'x' })).toThrow(/^Hub URL port 080 has a leading zero/);
    const sync = bench.startSync({ hubUrl: await closedPort(), token: 'x' });
    try {
      expect(() => bench.startSync({ hubUrl: 'http://127.0.0.1:1', token: 'y' })).toThrow(/already running/);
    } finally {
      await sync.stop();
    }
    const again = bench.startSync({ hubUrl: await closedPort(), token: 'y' });
    await again.stop();
  });
});
