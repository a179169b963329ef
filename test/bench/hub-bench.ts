/**
 * Hub benchmarks over real HTTP on 127.0.0.1 and a durable embedded PostgreSQL (fsync on), against hub processes
 * as a warehouse runs them (`hub/main.ts`): not in this process, whose heap holds what the benchmarks before
 * this one left (after the UI benchmarks its collections cost the push row a tenth of a second and more):
 *  (a) one bench pushing 10,000 queued ops in requests of 1,000, two in flight as the sync engine sends them,
 *      in a warehouse with a catalogue of 5,000 other products, after a few live requests of 5 ops
 *      (target ≤ 1 s; applied set-wise, hub migrations 0008–0021);
 *  (b) a bench pulling 100,000 changes in pages of 1,000 (target < 10 s);
 *  (c) 20 benches pushing at once: errors (HTTP failures, ops not applied, unexpected rejections,
 *      wrong stock arithmetic) must be 0;
 *  (d) scale-out: two hub processes started at once on one fresh database, 100 benches pushing at once
 *      (half on each), every bench also dispatching the same single-use identifier: errors must be 0
 *      (exactly one of those dispatches applied, the rest rejected, stock exact).
 * Quick runs use a tenth of the data and 5 benches (QUICK; 10 benches on the two hubs).
 * BENCH_HUB_PARTS (comma-separated: push, pull, concurrent, scale-out) runs only those parts, e.g.
 * `BENCH_HUB_PARTS=push npm run bench -- hub` while working on (a); unset, all four run.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { BenchClient } from '../../hub/testing/client.js';
import { startTestPostgres } from '../../hub/testing/postgres.js';
import { MAX_VALUES_PER_OP, type SyncOp } from '../../shared/sync/ops.js';
import { PUSH_IN_FLIGHT } from '../../shared/sync/protocol.js';
import { createAdmin, type Admin } from '../../hub/admin/admin.js';
import { runScaleOut } from '../../hub/testing/scale-out.js';
import { count, figure, FULL_RUN, type BenchFigure, type BenchOptions } from './figures.js';
import { startHubProcess, type HubProcess } from './hub-processes.js';

interface HubSizes {
  pushOps: number;
  pullChanges: number;
  benches: number;
  opsPerBench: number;
  /** Benches on the two hub processes (scale-out), each pushing 100 ops. */
  scaleOutBenches: number;
  /** Other products in the pushing bench's warehouse. */
  catalogue: number;
}
const FULL: HubSizes = { pushOps: 10_000, pullChanges: 100_000, benches: 20, opsPerBench: 500, scaleOutBenches: 100, catalogue: 5_000 };
const QUICK: HubSizes = { pushOps: 1_000, pullChanges: 10_000, benches: 5, opsPerBench: 100, scaleOutBenches: 10, catalogue: 500 };
const BATCH = 1_000;
/** Live packing ops pushed before the push benchmark's backlog, in requests of LIVE_REQUEST_OPS. */
const LIVE_OPS = 40;
const LIVE_REQUEST_OPS = 5;
const SCALE_OUT_OPS_PER_BENCH = 100;

/** A hub process, with its database at hand for set-up (benches, warehouses) and checks. */
interface Hub {
  url: string;
  admin: Admin;
  pool: pg.Pool;
}

const product = (sku: string): SyncOp => ({ type: 'product.upsert', sku, title: sku, barcode: null, identifierMode: 'single_use' });
const serial = (prefix: string, i: number) => `${prefix}${String(i).padStart(10, '0')}`;

async function addBenches(hub: Hub, warehouse: string, count: number): Promise<BenchClient[]> {
  await hub.admin.addWarehouse(warehouse);
  const benches: BenchClient[] = [];
  for (let i = 0; i < count; i++) {
    const { token, stationId } = await hub.admin.addBench({ warehouse, station: `${warehouse}-${i}` });
    benches.push(new BenchClient(hub.url, token, stationId));
  }
  return benches;
}

/** A packing day's mix, in groups of five ops: order in, two units allocated, dispatched, restocked. */
function packingOps(prefix: string, sku: string, count: number): SyncOp[] {
  const ops: SyncOp[] = [];
  for (let o = 0; ops.length < count; o++) {
    const orderNumber = `${prefix}O${o}`;
    const [s1, s2] = [serial(prefix, 2 * o), serial(prefix, 2 * o + 1)];
    ops.push(
      { type: 'order.upsert', orderNumber, customer: 'Customer', lines: [{ lineNo: 1, sku, quantity: 2 }] },
      { type: 'allocation.set', orderNumber, lineNo: 1, unit: 1, sku, value: s1 },
      { type: 'allocation.set', orderNumber, lineNo: 1, unit: 2, sku, value: s2 },
      {
        type: 'order.dispatch',
        orderNumber,
        dispatchUid: `${prefix}D${o}`,
        lines: [{ lineNo: 1, sku, quantity: 2, units: [{ unit: 1, value: s1 }, { unit: 2, value: s2 }] }],
      },
      { type: 'stock.delta', sku, delta: 3 },
    );
  }
  return ops.slice(0, count);
}

/** Pushes ops in requests of `batch`; returns how many were not answered "applied". */
async function pushAll(bench: BenchClient, ops: SyncOp[], batch: number): Promise<number> {
  let failures = 0;
  for (let i = 0; i < ops.length; i += batch) {
    const entries = bench.entries(ops.slice(i, i + batch));
    const answer = await bench.pushEntries(entries);
    if (answer.status !== 200) failures += entries.length;
    else failures += answer.body.results.filter((r) => r.status !== 'applied').length;
  }
  return failures;
}

/**
 * As pushAll, but as the bench's sync engine pushes (electron/core/sync/push.ts): the next request is
 * sent before the last one is answered, `PUSH_IN_FLIGHT` at most; the hub applies a station's requests
 * in seq order whichever arrives first.
 */
async function pushPipelined(bench: BenchClient, ops: SyncOp[], batch: number): Promise<number> {
  const requests: SyncOp[][] = [];
  for (let i = 0; i < ops.length; i += batch) requests.push(ops.slice(i, i + batch));
  let failures = 0;
  const inFlight: Promise<number>[] = [];
  for (const request of requests) {
    const entries = bench.entries(request);
    inFlight.push(
      bench.pushEntries(entries).then((answer) =>
        answer.status !== 200 ? entries.length : answer.body.results.filter((r) => r.status !== 'applied').length,
      ),
    );
    if (inFlight.length >= PUSH_IN_FLIGHT) failures += await inFlight.shift()!;
  }
  for (const answer of inFlight) failures += await answer;
  return failures;
}

/**
 * A warehouse's catalogue besides the product packed, so that statements which read products scale
 * as in a real warehouse (hub migration 0018: push_set once read the whole catalogue four times a run).
 * Analyzed once in, as autovacuum soon does after a catalogue import: the hub plans with its size.
 */
async function addCatalogue(hub: Hub, bench: BenchClient, products: number): Promise<void> {
  const skus = Array.from({ length: products }, (_, i) => `CAT${String(i).padStart(6, '0')}`);
  for (let i = 0; i < skus.length; i += BATCH) await bench.push(...skus.slice(i, i + BATCH).map(product));
  await hub.pool.query('ANALYZE products');
}

async function pushBenchmark(hub: Hub, pushOps: number, catalogue: number): Promise<BenchFigure[]> {
  const [bench] = await addBenches(hub, 'push', 1);
  const serials = Array.from({ length: (pushOps / 5) * 2 + 2 }, (_, i) => serial('P', i));
  const liveSerials = Array.from({ length: (LIVE_OPS / 5) * 2 }, (_, i) => serial('L', i));
  await bench!.push(product('PUSH'), ...identifierAdds('PUSH', [...serials, ...liveSerials]));
  await addCatalogue(hub, bench!, catalogue);
  // The backlog comes to a hub in use: its connections have served live ops, a few at a time, and
  // push_set plans its statements on the first run a connection is given (hub migration 0021: one of
  // them, planned on a small run, went over the whole run once per new order).
  const liveFailures = await pushPipelined(bench!, packingOps('L', 'PUSH', LIVE_OPS), LIVE_REQUEST_OPS);
  if (liveFailures > 0) throw new Error(`push benchmark: ${liveFailures} live ops not applied`);
  const ops = packingOps('P', 'PUSH', pushOps);
  const started = performance.now();
  const failures = await pushPipelined(bench!, ops, BATCH);
  const seconds = (performance.now() - started) / 1000;
  if (failures > 0) throw new Error(`push benchmark: ${failures} ops not applied`);
  return [figure(`hub: push ${count(pushOps)} queued ops (requests of ${BATCH})`, seconds, 's', 1)];
}

/** identifier.add ops of at most MAX_VALUES_PER_OP values each, as a bench's outbox holds them. */
function identifierAdds(sku: string, values: string[]): SyncOp[] {
  const ops: SyncOp[] = [];
  for (let i = 0; i < values.length; i += MAX_VALUES_PER_OP) {
    ops.push({ type: 'identifier.add', sku, values: values.slice(i, i + MAX_VALUES_PER_OP) });
  }
  return ops;
}

async function pullBenchmark(hub: Hub, pullChanges: number): Promise<BenchFigure[]> {
  const [writer, reader] = await addBenches(hub, 'pull', 2);
  // 1 product row + 99,999 identifier rows = 100,000 changes.
  const values = Array.from({ length: pullChanges - 1 }, (_, i) => serial('IMEI', i));
  await writer!.push(product('PULL'), ...identifierAdds('PULL', values));
  const started = performance.now();
  const { changes, pages } = await reader!.pullAll();
  const seconds = (performance.now() - started) / 1000;
  if (changes.length !== pullChanges) throw new Error(`pull benchmark: got ${changes.length} changes, expected ${pullChanges}`);
  return [
    figure(`hub: pull ${count(pullChanges)} changes (${pages} pages)`, seconds, 's', 10),
  ];
}

async function concurrentBenchmark(hub: Hub, { benches: BENCHES, opsPerBench: OPS_PER_BENCH }: HubSizes): Promise<BenchFigure[]> {
  const benches = await addBenches(hub, 'load', BENCHES);
  // Every bench packs its own orders but all share one product: contention on its stock row.
  const perBench = (OPS_PER_BENCH / 5) * 2;
  // Stock for every unit dispatched: a dispatch never takes stock below 0, so without it the
  // arithmetic below would depend on the order the benches' ops arrive in.
  const seed = BENCHES * perBench;
  await benches[0]!.push(
    product('LOAD'),
    ...identifierAdds('LOAD', benches.flatMap((_, b) => Array.from({ length: perBench }, (_, i) => serial(`B${b}-`, i)))),
    { type: 'stock.delta', sku: 'LOAD', delta: seed },
  );
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    benches.map((bench, b) => pushAll(bench, packingOps(`B${b}-`, 'LOAD', OPS_PER_BENCH), 100)),
  );
  const seconds = (performance.now() - started) / 1000;
  let errors = outcomes.reduce((sum, o) => sum + (o.status === 'fulfilled' ? o.value : OPS_PER_BENCH), 0);
  // Exact arithmetic: each group of five ops dispatches 2 and restocks 3.
  const stock = await hub.pool.query<{ stock_level: string }>(`SELECT stock_level FROM products WHERE sku = 'LOAD'`);
  if (Number(stock.rows[0]?.stock_level) !== seed + BENCHES * (OPS_PER_BENCH / 5) * (3 - 2)) errors++;
  const ops = BENCHES * OPS_PER_BENCH;
  return [
    figure(`hub: ${BENCHES} benches pushing at once: errors`, errors, 'errors', 0),
    figure(`hub: ${BENCHES} benches pushing at once: ${ops.toLocaleString('en')} ops`, seconds, 's'),
  ];
}

async function scaleOutBenchmark(databaseUrl: string, benches: number): Promise<BenchFigure[]> {
  // Both at once on a fresh database: the migrations must run once, not race.
  const hubs = await Promise.allSettled([startHubProcess(databaseUrl), startHubProcess(databaseUrl)]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const started = hubs.flatMap((h) => (h.status === 'fulfilled' ? [h.value] : []));
    if (started.length < hubs.length) throw (hubs.find((h) => h.status === 'rejected') as PromiseRejectedResult).reason;
    const result = await runScaleOut({
      hubUrls: started.map((h) => h.url),
      admin: createAdmin(pool),
      query: (text, values) => pool.query(text, values),
      benches,
      opsPerBench: SCALE_OUT_OPS_PER_BENCH,
      batch: 50,
    });
    if (result.samples.length > 0) console.error(`scale-out errors:\n  ${result.samples.join('\n  ')}`);
    const name = `hub: ${benches} benches concurrent (two hubs)`;
    return [
      figure(`${name}: errors`, result.errors, 'errors', 0),
      figure(`${name}: ${count(result.ops)} ops`, result.seconds, 's'),
    ];
  } finally {
    await Promise.all(hubs.flatMap((h) => (h.status === 'fulfilled' ? [h.value.stop()] : [])));
    await pool.end();
  }
}

const PARTS = ['push', 'pull', 'concurrent', 'scale-out'] as const;
type Part = (typeof PARTS)[number];

/** The parts BENCH_HUB_PARTS names (all when unset), or an error naming the unknown one. */
function chosenParts(setting = process.env.BENCH_HUB_PARTS?.trim()): Set<Part> {
  if (!setting) return new Set(PARTS);
  const named = setting.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = named.find((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown !== undefined) throw new Error(`BENCH_HUB_PARTS names an unknown part "${unknown}" (known: ${PARTS.join(', ')}).`);
  return new Set(named as Part[]);
}

export async function runHubBenchmarks({ quick }: BenchOptions = FULL_RUN): Promise<BenchFigure[]> {
  const sizes = quick ? QUICK : FULL;
  const parts = chosenParts();
  const postgres = await startTestPostgres({ durable: true });
  try {
    const figures: BenchFigure[] = [];
    if (parts.has('push') || parts.has('pull') || parts.has('concurrent')) {
      const databaseUrl = await postgres.createDatabase();
      const hubProcess: HubProcess = await startHubProcess(databaseUrl);
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      const hub: Hub = { url: hubProcess.url, admin: createAdmin(pool), pool };
      try {
        if (parts.has('push')) figures.push(...(await pushBenchmark(hub, sizes.pushOps, sizes.catalogue)));
        if (parts.has('pull')) figures.push(...(await pullBenchmark(hub, sizes.pullChanges)));
        if (parts.has('concurrent')) figures.push(...(await concurrentBenchmark(hub, sizes)));
      } finally {
        await hubProcess.stop();
        await pool.end();
      }
    }
    if (parts.has('scale-out')) figures.push(...(await scaleOutBenchmark(await postgres.createDatabase(), sizes.scaleOutBenches)));
    return figures;
  } finally {
    await postgres.stop();
  }
}
