/**
 * Sync under faults: the hub down mid-push, an answer lost after the hub committed, requests
 * duplicated and delivered out of order, the bench process killed mid-sync, the hub restarted
 * mid-pull. After each: nothing lost, nothing doubled, stock arithmetic exact, benches agree.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { openStoreReader, readStore } from '../support/store.js';
import { startSync } from '../../electron/core/sync/index.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { tempDir } from '../core/helpers.js';
import { benchView, expectAllAgree, stockOf, syncAll, useSyncFixture, type SyncBench, type TestHub } from './harness.js';
import { waitFor, type ProxyAction } from './proxy.js';

const fx = useSyncFixture();
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function productId(bench: SyncBench, sku: string): number {
  return bench.count('SELECT id FROM products WHERE sku = ?', sku);
}

/** `times` stock changes of +1 (one outbox entry each). */
function bumpStock(bench: SyncBench, sku: string, times: number): void {
  const id = productId(bench, sku);
  for (let i = 0; i < times; i++) {
    const { stockLevel } = bench.ok('getProduct', { productId: id });
    bench.ok('changeStockLevel', { productId: id, newStockLevel: stockLevel + 1 });
  }
}

async function lastSeq(hub: TestHub, station: string): Promise<number> {
  const rows = await hub.sql<{ last_seq: string }>('SELECT last_seq FROM stations WHERE station_id = $1', [station]);
  return Number(rows[0]?.last_seq ?? 0);
}

const pushes = (path: string) => path.startsWith('/v1/push');
const pulls = (path: string) => path.startsWith('/v1/pull');

describe('sync faults', () => {
  it('survives the hub going down in the middle of a push, then lands everything once by itself', async () => {
    const hub = await fx.hub();
    const proxy = await fx.proxy(hub, async (req) => {
      if (pushes(req.path) && req.n === 3) {
        // Request 3 leaves the bench before request 2 is answered (pipelined): down once 2 is.
        await proxy.settled();
        await hub.stop();
        return 'refuse';
      }
      return 'forward';
    });
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { pushBatchSize: 10 } });
    b.product('CBL', 'none', 0);
    bumpStock(b, 'CBL', 45);
    expect(b.pending()).toBe(46);

    const failed = await b.sync.syncNow();
    expect(failed).toMatchObject({ ok: false, error: expect.stringContaining('not reachable') });
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'offline', pendingOps: 26, cause: expect.stringContaining('not reachable') });
    expect(await lastSeq(hub, 'B')).toBe(20);

    // The loop keeps trying (backoff capped at 200 ms here); nothing moves while the hub is down.
    await new Promise((r) => setTimeout(r, 400));
    expect(b.pending()).toBe(26);
    await hub.start();
    await waitFor(() => b.pending() === 0 && b.ok('getSyncStatus', {}).state === 'idle', 'the bench to catch up on its own');
    expect(await lastSeq(hub, 'B')).toBe(46);
    expect(stockOf(await hub.view(), 'CBL')).toBe(45);
    expect(b.ok('getSyncStatus', {})).toEqual(expect.not.objectContaining({ cause: expect.anything() }));
  });

  it('a slow hub that answers each push in turn is not taken for offline: the request waiting behind another gets its full deadline', async () => {
    const hub = await fx.hub();
    // The hub takes one station's pushes in turn, each taking most of a deadline (a loaded hub).
    const perPushMs = 1_200; // under the deadline with room on a loaded machine; two of them are over it
    const proxy = await fx.proxy(hub, async (req) => {
      if (!pushes(req.path)) return 'forward';
      await proxy.settled(); // the request ahead is answered first
      return { delayMs: perPushMs };
    });
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { pushBatchSize: 5, requestTimeoutMs: 2_000 } });
    b.product('CBL', 'none', 0);
    bumpStock(b, 'CBL', 11);
    expect(b.pending()).toBe(12);

    const result = await b.sync.syncNow();
    expect(result, result.error).toMatchObject({ ok: true, push: { applied: 12 } });
    expect(b.pending()).toBe(0);
    expect(await lastSeq(hub, 'B')).toBe(12);
  });

  it('Cancel stops a running sync between requests: what was sent stays, the rest goes at the next sync, nothing twice', async () => {
    const hub = await fx.hub();
    // A slow network: each push takes 150 ms on the way, so a sync of 60 changes in tens lasts about a second.
    const proxy = await fx.proxy(hub, (req) => (pushes(req.path) ? { delayMs: 150 } : 'forward'));
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { pushBatchSize: 10 } });
    b.product('CBL', 'none', 0);
    bumpStock(b, 'CBL', 59);
    expect(b.pending()).toBe(60);

    const running = b.sync.syncNow();
    await waitFor(() => {
      const status = b.ok('getSyncStatus', {});
      return status.state === 'syncing' && status.progress.pushed > 0;
    }, 'the first push to be answered');
    expect(b.ok('cancelSync', {})).toMatchObject({ state: 'syncing' }); // it ends at its next request
    expect(await running).toEqual({ ok: false, error: 'cancelled' });
    const after = b.ok('getSyncStatus', {});
    expect(after).toMatchObject({ state: 'cancelled', cancelledAt: expect.any(String) });
    expect(after.pendingOps).toBeGreaterThan(0);
    expect(after.pendingOps).toBeLessThan(60);
    // Nothing else runs until the next sync, on schedule or asked for.
    await new Promise((r) => setTimeout(r, 400));
    expect(b.pending()).toBe(after.pendingOps);
    expect(b.ok('cancelSync', {})).toMatchObject({ state: 'cancelled' }); // nothing running: nothing to stop

    await b.syncOk();
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', pendingOps: 0 });
    expect(await lastSeq(hub, 'B')).toBe(60);
    expect(stockOf(await hub.view(), 'CBL')).toBe(59);
  });

  it('Cancel also drops a sync asked for while one ran: nothing more is sent until the next sync', async () => {
    const hub = await fx.hub();
    let pushRequests = 0;
    const proxy = await fx.proxy(hub, (req) => {
      if (!pushes(req.path)) return 'forward';
      pushRequests++;
      return { delayMs: 150 };
    });
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { pushBatchSize: 10 } });
    b.product('CBL', 'none', 0);
    bumpStock(b, 'CBL', 59);
    pushRequests = 0;
    const running = b.sync.syncNow();
    await waitFor(() => pushRequests > 0, 'the first push to leave');
    const asked = b.sync.syncNow(); // queued behind the running one
    b.ok('cancelSync', {});
    expect(await running).toEqual({ ok: false, error: 'cancelled' });
    expect(await asked).toEqual({ ok: false, error: 'cancelled' });
    const sent = pushRequests;
    await new Promise((r) => setTimeout(r, 500));
    expect(pushRequests).toBe(sent);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'cancelled' });
    await b.syncOk();
    expect(b.pending()).toBe(0);
    expect(stockOf(await hub.view(), 'CBL')).toBe(59);
  });

  it('does not double anything when the answer to a committed push is lost, and still learns of a rejection', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    let dropped = 0;
    const proxy = await fx.proxy(hub, (req) => (pushes(req.path) && dropped++ === 0 ? 'drop-response' : 'forward'));
    // The test makes the retry itself (syncOk): the loop's own quick retry after the lost answer could
    // otherwise come first under load, and a third push (the asked cycle sending again what that retry
    // had in flight) would be counted.
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { minBackoffMs: 600_000, maxBackoffMs: 600_000 } });
    a.importRows({
      'products.csv': [['PHN', 'Phone', '', 'single_use', 2], ['CBL', 'Cable', '', 'none', 50]],
      'identifiers.csv': [['PHN', 'SN-1'], ['PHN', 'SN-2']],
      'orders.csv': [['O1', 'Ada', 'PHN', 1], ['O2', 'Grace', 'PHN', 1], ['O3', 'Alan', 'CBL', 3]],
    });
    await syncAll(a, b);
    a.ok('saveAllocations', { allocations: [{ lineId: a.lineIds('O1')[0]!, unit: 1, value: 'SN-1' }] });
    await a.syncOk();

    // B, offline: the same identifier on O2 (will be refused), stock +5, dispatch O3.
    b.ok('saveAllocations', { allocations: [{ lineId: b.lineIds('O2')[0]!, unit: 1, value: 'SN-1' }] });
    bumpStock(b, 'CBL', 5);
    const o3 = b.ok('getOrder', { orderId: b.orderId('O3') });
    b.ok('completeOrder', { orderId: o3.id, lines: [{ lineId: o3.lines[0]!.lineId, quantity: 3 }] });
    const made = b.pending();
    const before = await lastSeq(hub, 'B');

    const lost = await b.sync.syncNow();
    expect(lost.ok).toBe(false);
    // The hub took everything; the bench does not know yet.
    expect(await lastSeq(hub, 'B')).toBe(before + made);
    expect(b.pending()).toBe(made);
    expect(b.conflicts()).toEqual([]);

    await b.syncOk();
    expect(b.pending()).toBe(0);
    // The refusal was answered again on the retry, so it still became a conflict.
    expect(b.conflicts()).toEqual([expect.objectContaining({ opType: 'allocation.set', reason: expect.stringContaining('already allocated to order O1') })]);
    await a.syncOk();
    const truth = await expectAllAgree(hub, a, b);
    expect(stockOf(truth, 'CBL')).toBe(50 + 5 - 3);
    expect(truth.dispatches).toHaveLength(1);
    expect(proxy.seen.filter((r) => pushes(r.path))).toHaveLength(2);
  });

  it('is unaffected by duplicated requests and by a stale request arriving after newer ones', async () => {
    const hub = await fx.hub();
    let stale = true;
    const proxy = await fx.proxy(hub, (req) => {
      if (!pushes(req.path)) return 'forward';
      // The first push is held for 1.5 s: the bench times out, retries and moves on; then it arrives.
      if (req.n === 1) return { delayMs: 1_500 };
      return stale ? 'duplicate' : 'forward';
    });
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { pushBatchSize: 10, requestTimeoutMs: 400 } });
    const c = await fx.bench(hub, 'C');
    b.product('CBL', 'none', 7);
    bumpStock(b, 'CBL', 33);
    expect(b.pending()).toBe(35);

    expect((await b.sync.syncNow()).ok).toBe(false); // timed out waiting for the held request
    await waitFor(() => b.pending() === 0, 'the retries to land everything');
    await proxy.settled(); // the held request has now reached the hub, after the later batches
    stale = false;
    const pushRequests = proxy.seen.filter((r) => pushes(r.path));
    expect(pushRequests.length).toBeGreaterThanOrEqual(5);
    expect(await lastSeq(hub, 'B')).toBe(35);
    expect(stockOf(await hub.view(), 'CBL')).toBe(40);

    // Every request B ever sent, replayed to the hub in reverse order: nothing changes.
    const snapshot = await hub.view();
    for (const req of [...pushRequests].reverse()) {
      const answer = await fetch(hub.url + req.path, { method: 'POST', headers: { authorization: req.headers.authorization!, 'content-type': 'application/json' }, body: req.body.toString('utf8') });
      const body = (await answer.json()) as { results: Array<{ status: string }> };
      expect(new Set(body.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
    }
    expect(await hub.view()).toEqual(snapshot);
    await syncAll(b, c);
    await expectAllAgree(hub, b, c);
  });

  it('loses and doubles nothing when the bench process is killed mid-push and mid-pull', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    // Slow answers so the kill lands between requests of one sync.
    const proxy = await fx.proxy(hub, async (): Promise<ProxyAction> => {
      await new Promise((r) => setTimeout(r, 30));
      return 'forward';
    });
    const dir = tempDir('sync-child-');
    const file = join(dir, 'bench.db');
    const tokenK = await hub.addBench('K');

    // The bench's work, done offline before its process syncs: 1 product + 120 stock changes.
    const offline = openBenchCore({ file, stationName: 'K' });
    const call = (method: string, args: unknown) => {
      const result = invokeBenchMethod(offline, method, args);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as { id: number; stockLevel: number };
    };
    call('importCsv', { files: [{ name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nKIT,Kit,,none,0\n' }] });
    const kitId = readStore(file, (db) => db.prepare("SELECT id FROM products WHERE sku = 'KIT'").pluck().get() as number);
    for (let i = 1; i <= 120; i++) call('changeStockLevel', { productId: kitId, newStockLevel: i });
    offline.close();
    // Meanwhile bench A makes many changes K will have to pull.
    a.product('CBL', 'none', 0);
    bumpStock(a, 'CBL', 150);
    await a.syncOk();

    const runChild = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/sync/child-bench.ts')], {
        cwd: REPO,
        env: { ...process.env, BENCH_FILE: file, HUB_URL: proxy.url, HUB_TOKEN: tokenK, PUSH_BATCH: '10', PULL_PAGE: '10' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      return child;
    };
    const kill = async (child: ReturnType<typeof spawn>) => {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    };

    // 1. Killed mid-push: some batches taken by the hub, the rest still pending in the file.
    const first = runChild();
    await waitFor(async () => (await lastSeq(hub, 'K')) >= 30, 'the child to push a few batches');
    await kill(first);
    const takenBeforeKill = await lastSeq(hub, 'K');
    expect(takenBeforeKill).toBeLessThan(121);

    // 2. Restarted, killed again mid-pull (after its push finished and a few pages landed).
    const pullsBefore = proxy.seen.filter((r) => pulls(r.path)).length;
    const second = runChild();
    await waitFor(async () => (await lastSeq(hub, 'K')) === 121 && proxy.seen.filter((r) => pulls(r.path)).length >= pullsBefore + 4, 'the child to be pulling');
    await kill(second);

    // 3. Restarted in this process: it finishes, and agrees with the hub and with A.
    const parts = openBenchParts({ file, stationName: 'K' });
    const core = parts.core;
    const sync = startSync(parts, { hubUrl: hub.url, token: tokenK, intervalMs: 3_600_000 });
    try {
      const result = await sync.syncNow();
      expect(result.ok, result.error).toBe(true);
      const status = invokeBenchMethod(core, 'getSyncStatus', {});
      expect(status).toMatchObject({ ok: true, value: { pendingOps: 0, openConflicts: 0, state: 'idle' } });
      await a.syncOk();
      const truth = await expectAllAgree(hub, a);
      expect(stockOf(truth, 'KIT')).toBe(120);
      expect(stockOf(truth, 'CBL')).toBe(150);
      expect(await lastSeq(hub, 'K')).toBe(121);
      const reader = openStoreReader(file);
      try {
        expect(benchView({ reader })).toEqual(truth);
      } finally {
        reader.close();
      }
    } finally {
      await sync.stop();
      core.close();
    }
  });

  it('sends again what a hub restored from an older backup lost (the outbox keeps every entry)', async () => {
    const hub = await fx.hub();
    const b = await fx.bench(hub, 'B');
    b.product('CBL', 'none', 0); // seq 1
    bumpStock(b, 'CBL', 5); // seqs 2..6, stock 5
    await b.syncOk();
    // The hub's database goes back to how it was after seq 3 (stock 2).
    await hub.sql("UPDATE stations SET last_seq = 3 WHERE station_id = 'B'");
    await hub.sql("UPDATE products SET stock_level = 2 WHERE sku = 'CBL'");
    bumpStock(b, 'CBL', 1); // seq 7: the hub answers "gap, expects 4"
    await b.syncOk();
    expect(await lastSeq(hub, 'B')).toBe(7);
    const truth = await expectAllAgree(hub, b);
    expect(stockOf(truth, 'CBL')).toBe(6);
  });

  it('catches up after the hub restarts in the middle of a pull', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    a.importRows({
      'products.csv': [['PHN', 'Phone', '', 'single_use', 30], ['CBL', 'Cable', '', 'none', 10]],
      'identifiers.csv': Array.from({ length: 30 }, (_, i) => ['PHN', `SN-${i + 1}`]),
      'orders.csv': Array.from({ length: 20 }, (_, i) => [`O${i + 1}`, 'Customer', 'PHN', 1]),
    });
    for (let i = 1; i <= 10; i++) {
      a.ok('saveAllocations', { allocations: [{ lineId: a.lineIds(`O${i}`)[0]!, unit: 1, value: `SN-${i}` }] });
      const order = a.ok('getOrder', { orderId: a.orderId(`O${i}`) });
      a.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lines[0]!.lineId, quantity: 1 }] });
    }
    await a.syncOk();

    let restarted = null as Promise<void> | null; // set in the proxy's callback, so not narrowed to null
    const proxy = await fx.proxy(hub, async (req) => {
      if (pulls(req.path) && req.n === 4 && !restarted) {
        await hub.stop();
        restarted = new Promise((r) => setTimeout(r, 300)).then(() => hub.start());
        return 'refuse';
      }
      return 'forward';
    });
    const b = await fx.bench(hub, 'B', { url: proxy.url, settings: { pullPageSize: 15 } });
    // The first cycle (run by fx.bench) hit the restart after three pages.
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'offline' });
    expect(b.count('SELECT count(*) FROM products')).toBeGreaterThan(0);
    await restarted;
    await waitFor(() => b.ok('getSyncStatus', {}).state === 'idle', 'the bench to finish the pull');
    const truth = await expectAllAgree(hub, a, b);
    expect(truth.dispatches).toHaveLength(10);
    expect(stockOf(truth, 'PHN')).toBe(20);
    expect(b.count('SELECT count(*) FROM outbox')).toBe(0);
  });
});
