/**
 * Faults of the hub process, caused to the real process: `node --import tsx hub/main.ts` killed with
 * SIGKILL in the middle of a push batch, its PostgreSQL stopped and started again under it, SIGTERM
 * in every state (idle, mid-push, database gone, and with an embedded cluster it adopted from a killed
 * hub). The bench side is the real bench host process syncing over real HTTP.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, startEmbeddedPostgres } from '../../hub/db/embedded.js';
import { makeTempDir } from '../../hub/testing/postgres.js';
import { BenchClient } from '../../hub/testing/client.js';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { readStore } from '../support/store.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import { startFaultCluster, waitUntil, type FaultCluster } from './cluster.js';
import { killAll, startBenchHost, startHubProcess } from './processes.js';

let cluster: FaultCluster;
const folders: string[] = [];
beforeAll(async () => {
  cluster = await startFaultCluster();
});
afterEach(async () => {
  await killAll();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await cluster?.stop();
});

function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** A bench data folder holding `changes` stock changes of +1 on product KIT, made offline; its op count. */
function benchWithPendingChanges(changes: number): { dataDir: string; ops: number; setUpOps: number } {
  const dataDir = tempFolder('fault-bench-');
  const file = benchDatabaseFile(dataDir);
  // The core's own connection wraps the set-up calls in one transaction (one fsync, not thousands).
  const parts = openBenchParts({ file, stationName: 'Fault bench' });
  const core = parts.core;
  const call = (method: string, args: unknown) => {
    const result = invokeBenchMethod(core, method, args);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as { id: number };
  };
  call('importCsv', { files: [{ name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nKIT,Kit,,none,0\n' }] });
  const kit = readStore(file, (db) => db.prepare("SELECT id FROM products WHERE sku = 'KIT'").pluck().get() as number);
  parts.db.transaction(() => {
    for (let level = 1; level <= changes; level++) call('changeStockLevel', { productId: kit, newStockLevel: level });
  })();
  const ops = readStore(file, (db) => db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number);
  core.close();
  return { dataDir, ops, setUpOps: ops - changes };
}

/** The station's last seq and KIT's stock, read in one snapshot. */
async function hubState(url: string, station: string): Promise<{ lastSeq: number; stock: number }> {
  const [row] = await cluster.query<{ last_seq: string | null; stock: string | null }>(
    url,
    "SELECT (SELECT last_seq FROM stations WHERE station_id = $1) AS last_seq, (SELECT stock_level FROM products WHERE sku = 'KIT') AS stock",
    [station],
  );
  return { lastSeq: Number(row?.last_seq ?? 0), stock: Number(row?.stock ?? 0) };
}

const stockDelta = (delta: number): SyncOp => ({ type: 'stock.delta', sku: 'KIT', delta });
const kitProduct: SyncOp = { type: 'product.upsert', sku: 'KIT', title: 'Kit', barcode: null, identifierMode: 'none' };

describe('hub faults', () => {
  it('SIGKILL in the middle of a push batch: the bench resends by itself and every op lands exactly once', { timeout: 120_000 }, async () => {
    const url = await cluster.createDatabase();
    const token = await cluster.addBench(url, 'K');
    const changes = 2_000; // two push batches of 1000
    const { dataDir, ops, setUpOps } = benchWithPendingChanges(changes);
    const hub = await startHubProcess({ DATABASE_URL: url });
    const port = new URL(hub.url).port;
    const bench = await startBenchHost({ dataDir, hubUrl: hub.url, token });

    // Kill the hub while a push batch is inside its transaction (some batch taken, not all).
    await waitUntil(
      async () => {
        const busy = await cluster.query<{ n: string }>(
          url,
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')",
        );
        return Number(busy[0]!.n) > 0;
      },
      'a push batch in progress at the hub',
      30_000,
      2,
    );
    hub.signal('SIGKILL');
    expect(await hub.exited).toMatchObject({ signal: 'SIGKILL' });
    const atKill = await hubState(url, 'K');
    expect(atKill.lastSeq).toBeLessThan(ops);
    // Ops commit with their seqs: the stock says exactly how many landed, whatever was cut off.
    expect(atKill.stock).toBe(Math.max(0, atKill.lastSeq - setUpOps));

    // While the hub is down the bench keeps working and says the hub is unreachable.
    await waitUntil(async () => (await bench.ok<{ state: string }>('getSyncStatus')).state === 'offline', 'the bench to show the hub offline');
    const again = await startHubProcess({ DATABASE_URL: url, HUB_PORT: port });
    await waitUntil(
      async () => {
        const status = await bench.ok<{ pendingOps: number; state: string }>('getSyncStatus');
        return status.pendingOps === 0 && status.state === 'idle';
      },
      'the bench to resend everything',
      30_000,
      100,
    );
    expect(await hubState(url, 'K')).toEqual({ lastSeq: ops, stock: changes });
    expect(await bench.ok('getSyncStatus')).toMatchObject({ state: 'idle', lastSyncAt: expect.any(String) });
    await again.kill();
  });

  it('PostgreSQL restarted under a running hub: 503 with Retry-After meanwhile (never a hang or a 500), /healthz says why, recovers without a restart', { timeout: 120_000 }, async () => {
    const url = await cluster.createDatabase();
    const token = await cluster.addBench(url, 'A');
    const hub = await startHubProcess({ DATABASE_URL: url });
    const a = new BenchClient(hub.url, token, 'A');
    await a.push(kitProduct, stockDelta(1));
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);

    // Stopped while a large push is inside the database: that request too gets a 503, not a 500.
    const big = a.entries(Array.from({ length: 2_000 }, () => stockDelta(1)));
    let answered = false;
    const inFlight = a.pushEntries(big).finally(() => (answered = true));
    await waitUntil(
      async () => {
        if (answered) return true;
        const busy = await cluster.query<{ n: string }>(
          url,
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'",
        );
        return Number(busy[0]!.n) > 0;
      },
      'the push to reach the database',
      30_000,
      2,
    );
    await cluster.stopServer();
    const cut = await inFlight;
    // Unless it finished first: then every entry was taken.
    if (cut.status !== 200) expect(cut).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    const outage: Array<{ status: number; retryAfter: string | null; ms: number; body: { error?: string; message?: string } }> = [];
    const request = async (path: string, init: RequestInit = {}) => {
      const at = Date.now();
      const response = await fetch(hub.url + path, { ...init, signal: AbortSignal.timeout(10_000) });
      outage.push({ status: response.status, retryAfter: response.headers.get('retry-after'), ms: Date.now() - at, body: (await response.json()) as never });
    };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const refused = a.entries([stockDelta(5)]);
    await request('/v1/push', { method: 'POST', headers: auth, body: JSON.stringify({ stationId: 'A', entries: refused }) });
    await request('/v1/pull', { headers: auth });
    await request('/v1/whoami', { headers: auth });
    await request('/healthz');
    for (const answer of outage) {
      expect(answer).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), body: { error: 'unavailable' } });
      expect(answer.ms).toBeLessThan(5_000);
    }
    expect(outage.at(-1)!.body.message).toMatch(/database is not reachable \(ECONNREFUSED\)/);

    // Back: the same hub process serves again by itself; the op refused meanwhile is sent again.
    await cluster.startServer();
    const back = Date.now();
    // The first request answered 200 marks the recovery (a lone later entry: "gap" if the cut-off push was rolled back).
    await waitUntil(async () => (await a.pushEntries(refused)).status === 200, 'the hub to serve again', 30_000, 50);
    expect(Date.now() - back).toBeLessThan(5_000);
    const retried = await a.pushEntries([...big, ...refused]);
    expect(retried.status).toBe(200);
    // Whatever the cut-off push had committed is a duplicate now; the rest is applied; nothing twice.
    expect(retried.body.results.filter((r) => r.status !== 'applied' && r.status !== 'duplicate')).toEqual([]);
    expect(await (await fetch(`${hub.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(hub.running).toBe(true);
    const [kit] = await cluster.query<{ stock_level: string }>(url, "SELECT stock_level FROM products WHERE sku = 'KIT'");
    expect(Number(kit!.stock_level)).toBe(1 + 2_000 + 5);

    // SIGTERM with its database gone again: still a clean, quick exit.
    await cluster.stopServer();
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(503);
    const exit = await hub.terminate();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(5_000);
    await cluster.startServer();
  });

  it('SIGTERM ends the hub within 5 s with code 0 and stops its embedded PostgreSQL cleanly: idle, mid-push, database gone, adopted cluster', { timeout: 180_000 }, async () => {
    const dataDir = path.join(makeTempDir('fault-hub-'), 'hub');
    folders.push(path.dirname(dataDir));
    // Created once with the fast (unsynced) initdb; every hub below starts it itself.
    await (await startEmbeddedPostgres({ dataDir, durable: false })).stop();
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmaster = () => Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const env = { HUB_DATA_DIR: dataDir };
    const expectCleanExit = async (hub: Awaited<ReturnType<typeof startHubProcess>>, pid: number, state: string) => {
      const exit = await hub.terminate();
      expect(exit, state).toMatchObject({ code: 0, signal: null });
      expect(exit.ms, state).toBeLessThan(5_000);
      expect(isAlive(pid), `${state}: its PostgreSQL is stopped`).toBe(false);
      // PostgreSQL removes its pid file only on a clean shutdown.
      expect(existsSync(pidFile), `${state}: PostgreSQL shut down cleanly`).toBe(false);
    };

    // Idle.
    let hub = await startHubProcess(env);
    await expectCleanExit(hub, postmaster(), 'idle');

    // Mid-push: pushes of 500 ops in flight when the signal arrives.
    hub = await startHubProcess(env);
    const { Pool } = (await import('pg')).default;
    const credentials = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { password: string };
    const hubDb = `postgres://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${readFileSync(pidFile, 'utf8').split('\n')[3]}/hub`;
    const pool = new Pool({ connectionString: hubDb, max: 1 });
    pool.on('error', () => undefined);
    const { createAdmin } = await import('../../hub/admin/admin.js');
    await createAdmin(pool).addWarehouse('North');
    const { token } = await createAdmin(pool).addBench({ warehouse: 'North', station: 'M' });
    await pool.end();
    const m = new BenchClient(hub.url, token, 'M');
    await m.push(kitProduct);
    const batches = Array.from({ length: 6 }, () => m.entries(Array.from({ length: 500 }, () => stockDelta(1))));
    let pushed = 0;
    const pushing = (async () => {
      for (const batch of batches) {
        try {
          if ((await m.pushEntries(batch)).status === 200) pushed++;
        } catch {
          return; // the hub went away
        }
      }
    })();
    await waitUntil(() => pushed >= 1, 'the first batch to land', 30_000, 5);
    await expectCleanExit(hub, postmaster(), 'mid-push');
    await pushing;
    expect(pushed).toBeLessThan(batches.length);
    // Whatever was cut off is sent again to the next hub and lands once.
    hub = await startHubProcess(env);
    const resend = new BenchClient(hub.url, token, 'M');
    for (const batch of batches) expect((await resend.pushEntries(batch)).status).toBe(200);
    const totals = await resend.pullAll();
    expect(totals.changes.filter((c) => c.kind === 'product').at(-1)).toMatchObject({ sku: 'KIT', stockLevel: 3_000 });

    // Database gone: PostgreSQL stopped under it (fast shutdown, as pg_ctl would).
    const pid = postmaster();
    process.kill(pid, 'SIGINT');
    await waitUntil(() => !isAlive(pid), 'PostgreSQL to stop');
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(503);
    await expectCleanExit(hub, pid, 'database gone');

    // Adopted: a hub killed outright leaves its PostgreSQL running; the next one adopts it and stops it.
    const killed = await startHubProcess(env);
    const orphan = postmaster();
    killed.signal('SIGKILL');
    await killed.exited;
    expect(isAlive(orphan)).toBe(true);
    hub = await startHubProcess(env);
    expect(postmaster()).toBe(orphan);
    expect(hub.output()).toContain('now owns it');
    await expectCleanExit(hub, orphan, 'adopted');
  });
});
