/**
 * Bench-side sync benchmarks: the real engine on a real SQLite file, real HTTP on 127.0.0.1, a durable
 * embedded PostgreSQL (fsync on). What the hub benchmarks measure at the hub, measured at the bench:
 *  (a) one bench's engine pushing 10,000 queued outbox entries (target < 5 s, as at the hub);
 *  (b) another bench's engine pulling and applying 100,000 changes into its SQLite file (target < 10 s);
 *  (c) a bench joining late a warehouse of 100,000 identifiers and 50,000 orders: from starting sync on
 *      an empty file to its first complete sync (target < 30 s).
 * Quick runs use a tenth of the data. Run alone: `npm run bench -- sync`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHub, type Hub } from '../../hub/hub.js';
import { startTestPostgres } from '../../hub/testing/postgres.js';
import type { BenchCore } from '../../electron/core/bench-core.js';
import { openBenchParts, type BenchParts } from '../../electron/core/bench-parts.js';
import { createHubClient, type HubClient } from '../../electron/core/sync/hub-client.js';
import { startSync } from '../../electron/core/sync/index.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { figure, FULL_RUN, type BenchFigure, type BenchOptions } from './figures.js';

const FULL = { pushEntries: 10_000, pullChanges: 100_000, late: { products: 1_000, identifiers: 100_000, orders: 50_000 } };
const QUICK = { pushEntries: 1_000, pullChanges: 10_000, late: { products: 100, identifiers: 10_000, orders: 5_000 } };
type LateSizes = (typeof FULL)['late'];

function call(core: BenchCore, method: string, args: unknown): unknown {
  const result = invokeBenchMethod(core, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;

export async function runSyncBenchmarks({ quick }: BenchOptions = FULL_RUN): Promise<BenchFigure[]> {
  const { pushEntries: PUSH_ENTRIES, pullChanges: PULL_CHANGES, late } = quick ? QUICK : FULL;
  const postgres = await startTestPostgres({ durable: true });
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  const cores: BenchCore[] = [];
  try {
    const hub = await startHub({ databaseUrl: await postgres.createDatabase(), log: () => undefined });
    try {
      // First, so its figure stands even if a later set-up fails on a loaded machine.
      const lateFigures = await lateJoiningBench(hub, dir, cores, late);
      try {
        return [...lateFigures, ...(await pushAndPull())];
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
        return [...lateFigures, { name: `sync: push and pull benchmarks did not complete: ${reason}`, value: 0, unit: '', target: null, pass: false }];
      }
    } finally {
      await hub.stop();
    }

    async function pushAndPull(): Promise<BenchFigure[]> {
      await hub.admin.addWarehouse('Bench');
      const tokenA = (await hub.admin.addBench({ warehouse: 'Bench', station: 'A' })).token;
      const tokenB = (await hub.admin.addBench({ warehouse: 'Bench', station: 'B' })).token;
      const a = openBenchParts({ file: join(dir, 'a.db') });
      const b = openBenchParts({ file: join(dir, 'b.db') });
      cores.push(a.core, b.core);

      // Bench A (full run): one product with 90,000 identifiers, synced first (not timed); then, offline, 10,000
      // orders (one outbox entry each), pushed in one timed cycle. At the hub: about 100,000 changes.
      const identifiers = PULL_CHANGES - PUSH_ENTRIES;
      call(a.core, 'importCsv', {
        files: [
          { name: 'products.csv', content: csv('sku,title,barcode,identifier_mode,stock_level', [`IMEI-PHONE,Phone,,multiple_use,${identifiers}`]) },
          { name: 'identifiers.csv', content: csv('sku,identifier', Array.from({ length: identifiers }, (_, i) => `IMEI-PHONE,35693803${String(i).padStart(7, '0')}`)) },
        ],
      });
      // The real client, wrapped to time the requests: what is left is the bench's own work. Requests
      // overlap (PUSH_IN_FLIGHT), so the time counted is when at least one is in flight, not their sum.
      const inner = createHubClient({ hubUrl: hub.url, token: tokenA });
      let inRequests = 0;
      let inFlight = 0;
      let busySince = 0;
      const client: HubClient = {
        ...inner,
        // `after` passed on: the pipelined push's deadline runs from the answer to the one ahead.
        push: async (stationId, entries, after) => {
          if (inFlight++ === 0) busySince = performance.now();
          try {
            return await inner.push(stationId, entries, after);
          } finally {
            if (--inFlight === 0) inRequests += performance.now() - busySince;
          }
        },
      };
      const syncA = startSync(a, { hubUrl: hub.url, token: tokenA, intervalMs: 3_600_000, client });
      const setUp = await syncA.syncNow();
      if (!setUp.ok) throw new Error(`set-up sync: ${setUp.error}`);
      const orders = PUSH_ENTRIES;
      call(a.core, 'importCsv', {
        files: [{ name: 'orders.csv', content: csv('order_number,customer,sku,quantity', Array.from({ length: orders }, (_, i) => `SO-${100000 + i},Customer ${i},IMEI-PHONE,1`)) }],
      });
      const queued = a.db.prepare('SELECT count(*) FROM outbox WHERE acked_at IS NULL').pluck().get() as number;
      if (queued !== PUSH_ENTRIES) throw new Error(`expected ${PUSH_ENTRIES} queued entries, have ${queued}`);
      // A cycle pushes, then pulls (here: its own changes back); the push part is timed by the engine.
      inRequests = 0;
      const pushed = await syncA.syncNow();
      const pushSeconds = (pushed.push?.ms ?? Number.NaN) / 1000;
      await syncA.stop();
      if (!pushed.ok || pushed.push?.applied !== PUSH_ENTRIES) throw new Error(`push: ${JSON.stringify(pushed)}`);

      const syncB = startSync(b, { hubUrl: hub.url, token: tokenB, intervalMs: 3_600_000 });
      const pullStarted = performance.now();
      const pulled = await syncB.syncNow();
      const pullSeconds = (performance.now() - pullStarted) / 1000;
      await syncB.stop();
      // The product row is logged twice (insert, stock delta); each order once; each identifier once.
      const expected = 2 + identifiers + orders;
      if (!pulled.ok || pulled.pull?.changes !== expected) throw new Error(`pull: expected ${expected} changes, ${JSON.stringify(pulled)}`);
      const count = (parts: BenchParts, table: string) => parts.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      if (count(b, 'identifiers') !== identifiers || count(b, 'orders') !== orders) throw new Error('pull: bench B does not have every row');

      return [
        figure(`sync: bench engine pushes ${PUSH_ENTRIES.toLocaleString('en')} queued order entries (hub time included)`, pushSeconds, 's', 5),
        figure('sync: of which the bench\'s own work (reading, acknowledging; no request in flight)', pushSeconds - inRequests / 1000, 's', 1),
        figure(`sync: bench engine pulls and applies ${pulled.pull.changes.toLocaleString('en')} changes (${pulled.pull.pages} pages)`, pullSeconds, 's', 10),
      ];
    }
  } finally {
    for (const core of cores) core.close();
    rmSync(dir, { recursive: true, force: true });
    await postgres.stop();
  }
}


/**
 * A warehouse of `sizes.identifiers` identifiers and `sizes.orders` orders, built by bench S through the
 * hub (not timed); then a new bench joins: startSync on an empty file until its first sync completes.
 */
export async function lateJoiningBench(hub: Hub, dir: string, cores: BenchCore[], sizes: LateSizes): Promise<BenchFigure[]> {
  await hub.admin.addWarehouse('Late');
  const tokenS = (await hub.admin.addBench({ warehouse: 'Late', station: 'S', name: 'Seeder' })).token;
  const tokenN = (await hub.admin.addBench({ warehouse: 'Late', station: 'N', name: 'Newcomer' })).token;
  const seeder = openBenchParts({ file: join(dir, 'seeder.db') });
  const newcomer = openBenchParts({ file: join(dir, 'newcomer.db') });
  cores.push(seeder.core, newcomer.core);
  const sku = (i: number) => `SKU-${String(i % sizes.products).padStart(4, '0')}`;
  const perProduct = sizes.identifiers / sizes.products;
  call(seeder.core, 'importCsv', {
    files: [
      {
        name: 'products.csv',
        content: csv('sku,title,barcode,identifier_mode,stock_level', Array.from({ length: sizes.products }, (_, i) => `${sku(i)},Product ${i},,${i % 2 ? 'multiple_use' : 'single_use'},${perProduct * 2}`)),
      },
      { name: 'identifiers.csv', content: csv('sku,identifier', Array.from({ length: sizes.identifiers }, (_, i) => `${sku(i)},SN${String(i).padStart(9, '0')}`)) },
      { name: 'orders.csv', content: csv('order_number,customer,sku,quantity', Array.from({ length: sizes.orders }, (_, i) => `SO-${String(i).padStart(6, '0')},Customer ${i},${sku(i)},${1 + (i % 3)}`)) },
    ],
  });
  const syncS = startSync(seeder, { hubUrl: hub.url, token: tokenS, intervalMs: 3_600_000, outboxRetentionMs: 0 });
  // Set-up, not timed: a loaded machine may make a request miss the bench's deadline; the engine
  // resumes where it stopped, as it would by itself.
  let seeded = await syncS.syncNow();
  for (let attempt = 1; !seeded.ok && attempt < 5; attempt++) seeded = await syncS.syncNow();
  await syncS.stop();
  if (!seeded.ok) throw new Error(`late join: seeding the hub: ${seeded.error}`);

  const started = performance.now();
  const syncN = startSync(newcomer, { hubUrl: hub.url, token: tokenN, intervalMs: 3_600_000 });
  const joined = await syncN.syncNow();
  const seconds = (performance.now() - started) / 1000;
  const status = call(newcomer.core, 'getSyncStatus', {}) as { state: string };
  await syncN.stop();
  const count = (parts: BenchParts, table: string) => parts.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  if (!joined.ok || status.state !== 'idle') throw new Error(`late join: ${JSON.stringify(joined)} ${JSON.stringify(status)}`);
  if (count(newcomer, 'identifiers') !== sizes.identifiers || count(newcomer, 'orders') !== sizes.orders) {
    throw new Error('late join: the new bench does not have every row');
  }
  const left = count(seeder, 'outbox');
  if (left !== 0) throw new Error(`late join: ${left} acknowledged entries left in the seeding bench's outbox (retention 0)`);
  return [
    figure(
      `sync: late-joining bench ready (${sizes.identifiers.toLocaleString('en')} identifiers, ${sizes.orders.toLocaleString('en')} orders; ${joined.pull!.changes.toLocaleString('en')} changes, ${joined.pull!.pages} pages)`,
      seconds,
      's',
      30,
    ),
  ];
}
