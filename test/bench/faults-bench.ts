/**
 * Fault benchmarks against the real processes (the fault harness in test/faults/):
 * - hub recovery after a PostgreSQL restart: from the database accepting connections again to the
 *   first successful push through the same, never restarted, hub process (target ≤ 2 s);
 * - bench resend after a hub SIGKILL: the real bench host with 10,000 ops pending; its hub process
 *   killed outright in the middle of the push and a standby hub put behind the same address; from the
 *   kill until every op is acknowledged (target ≤ 5 s);
 * - SIGTERM to exit, for the hub (with its embedded PostgreSQL, stopped cleanly) and the bench host
 *   in the middle of a push (target ≤ 5 s each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { startEmbeddedPostgres } from '../../hub/db/embedded.js';
import { BenchClient } from '../../hub/testing/client.js';
import { makeTempDir } from '../../hub/testing/postgres.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { startFaultCluster, waitUntil } from '../faults/cluster.js';
import { killAll, startBenchHost, startHubProcess } from '../faults/processes.js';
import { startRelay } from '../faults/relay.js';
import { figure, type BenchFigure, type BenchOptions } from './figures.js';

/** A bench data folder with `ops` ops pending (a product, its stock count, then stock changes), made offline. */
function pendingBench(ops: number): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'faults-bench-'));
  // The core's own connection (bench-parts): one transaction around the set-up calls.
  const parts = openBenchParts({ file: benchDatabaseFile(dataDir), stationName: 'Bench' });
  const core = parts.core;
  const call = (method: string, args: unknown) => {
    const result = invokeBenchMethod(core, method, args);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  };
  call('importCsv', { files: [{ name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nKIT,Kit,,none,0\n' }] });
  const kit = parts.db.prepare("SELECT id FROM products WHERE sku = 'KIT'").pluck().get() as number;
  const made = () => parts.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  parts.db.transaction(() => {
    for (let level = 1; made() < ops; level++) call('changeStockLevel', { productId: kit, newStockLevel: level });
  })();
  core.close();
  return dataDir;
}

export async function runFaultBenchmarks(options: BenchOptions): Promise<BenchFigure[]> {
  const RESEND_OPS = options.quick ? 2_000 : 10_000;
  const figures: BenchFigure[] = [];
  const cluster = await startFaultCluster({ durable: true });
  const folders: string[] = [];
  try {
    // 1. Hub recovery after a PostgreSQL restart.
    {
      const url = await cluster.createDatabase();
      const token = await cluster.addBench(url, 'R');
      const hub = await startHubProcess({ DATABASE_URL: url });
      const bench = new BenchClient(hub.url, token, 'R');
      await bench.push({ type: 'product.upsert', sku: 'KIT', title: 'Kit', barcode: null, identifierMode: 'none' });
      const samples: number[] = [];
      for (let round = 0; round < 3; round++) {
        await cluster.stopServer();
        const during = await bench.pushEntries(bench.entries([{ type: 'stock.delta', sku: 'KIT', delta: 1 }]));
        if (during.status !== 503) throw new Error(`expected 503 during the outage, got ${during.status}`);
        await cluster.startServer();
        const back = performance.now();
        const retry = [{ seq: round + 2, at: new Date().toISOString(), actor: 'bench', op: { type: 'stock.delta' as const, sku: 'KIT', delta: 1 } }];
        await waitUntil(async () => (await bench.pushEntries(retry)).status === 200, 'the hub to serve again', 30_000, 10);
        samples.push((performance.now() - back) / 1000);
      }
      figures.push(figure('hub recovery after a PostgreSQL restart: database back to first successful push (worst of 3)', Math.max(...samples), 's', 2));
      await hub.kill();
    }

    // 2. Bench resend after a hub SIGKILL, 10,000 ops.
    {
      const url = await cluster.createDatabase();
      const token = await cluster.addBench(url, 'K');
      const dataDir = pendingBench(RESEND_OPS);
      folders.push(dataDir);
      const first = await startHubProcess({ DATABASE_URL: url });
      const standby = await startHubProcess({ DATABASE_URL: url });
      const address = (hubUrl: string) => ({ host: '127.0.0.1', port: Number(new URL(hubUrl).port) });
      const relay = await startRelay(address(first.url));
      const bench = await startBenchHost({ dataDir, hubUrl: relay.url, token });
      const lastSeq = async () => Number((await cluster.query<{ n: string }>(url, "SELECT coalesce(max(last_seq), 0) AS n FROM stations WHERE station_id = 'K'"))[0]!.n);
      await waitUntil(async () => (await lastSeq()) > 0, 'the first push batch', 60_000, 2);
      first.signal('SIGKILL');
      const killed = performance.now();
      relay.target = address(standby.url);
      let pendingAtKill: number | null = null;
      let firstAck: number | null = null;
      await waitUntil(
        async () => {
          const status = await bench.ok<{ pendingOps: number }>('getSyncStatus');
          pendingAtKill ??= status.pendingOps;
          if (firstAck === null && status.pendingOps < pendingAtKill) firstAck = performance.now();
          return status.pendingOps === 0;
        },
        'every op acknowledged',
        120_000,
        20,
      );
      const seconds = (performance.now() - killed) / 1000;
      if ((await lastSeq()) !== RESEND_OPS) throw new Error(`the hub holds ${await lastSeq()} ops, expected ${RESEND_OPS}`);
      figures.push(figure(`bench resend after a hub SIGKILL mid-push until all ${RESEND_OPS.toLocaleString('en')} ops are acknowledged`, seconds, 's', 5));
      figures.push(figure('of which until the first acknowledgement (backoff, the killed batch finishing at the database)', ((firstAck ?? performance.now()) - killed) / 1000, 's'));

      // 3b. SIGTERM to exit: the bench host in the middle of a push (the outbox filled again).
      const busy = await bench.terminate();
      await relay.close();
      await standby.kill();
      const again = pendingBench(RESEND_OPS);
      folders.push(again);
      const token2 = await cluster.addBench(url, 'T');
      const hub = await startHubProcess({ DATABASE_URL: url });
      const pushing = await startBenchHost({ dataDir: again, hubUrl: hub.url, token: token2 });
      const seqT = async () => Number((await cluster.query<{ n: string }>(url, "SELECT coalesce(max(last_seq), 0) AS n FROM stations WHERE station_id = 'T'"))[0]!.n);
      await waitUntil(async () => (await seqT()) > 0, 'the first push batch', 60_000, 2);
      const exit = await pushing.terminate();
      if (exit.code !== 0 || busy.code !== 0) throw new Error(`bench host exited with ${JSON.stringify(exit)} / ${JSON.stringify(busy)}`);
      figures.push(figure('bench host: SIGTERM to exit, mid-push', exit.ms / 1000, 's', 5));
      await hub.kill();
    }

    // 3a. SIGTERM to exit: the hub on its embedded PostgreSQL (durable), stopped cleanly.
    {
      const dataDir = path.join(makeTempDir('faults-bench-hub-'), 'hub');
      folders.push(path.dirname(dataDir));
      await (await startEmbeddedPostgres({ dataDir })).stop();
      const hub = await startHubProcess({ HUB_DATA_DIR: dataDir });
      const exit = await hub.terminate();
      if (exit.code !== 0) throw new Error(`hub exited with ${JSON.stringify(exit)}`);
      figures.push(figure('hub (embedded PostgreSQL): SIGTERM to exit, PostgreSQL stopped cleanly', exit.ms / 1000, 's', 5));
    }
  } finally {
    await killAll();
    await cluster.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
