/**
 * A scale-out run for tests and benchmarks: many benches pushing a packing day's ops at once, spread
 * over several hubs serving one database, while every bench also tries to dispatch the SAME single-use
 * identifier. Counts every error: an HTTP failure, an op not answered as expected, anything but exactly
 * one winner of the shared identifier, wrong stock arithmetic.
 *
 *   const result = await runScaleOut({ hubUrls: [hubA.url, hubB.url], admin: createAdmin(pool), query, benches: 100 });
 *   // result.errors === 0, result.shared.applied === 1
 */
import { performance } from 'node:perf_hooks';
import type { Admin } from '../admin/admin.js';
import { MAX_VALUES_PER_OP, type SyncOp } from '../../shared/sync/ops.js';
import { BenchClient } from './client.js';

export interface ScaleOutOptions {
  /** Bench i talks to hubUrls[i % hubUrls.length]. */
  hubUrls: string[];
  /** Set-up (warehouse, bench tokens) on any of the hubs: they share the database. */
  admin: Admin;
  /** Reads the shared database (e.g. hub.pool.query). */
  query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  benches: number;
  /** Packing ops per bench, a multiple of 5 (default 100). */
  opsPerBench?: number;
  /** Entries per push request (default 25). */
  batch?: number;
  warehouse?: string;
}

export interface ScaleOutResult {
  errors: number;
  /** The first few errors, for a failing test or benchmark to show. */
  samples: string[];
  /** Ops pushed concurrently (packing ops and the race). */
  ops: number;
  seconds: number;
  /** Dispatches of the one shared single-use identifier: exactly one must be applied. */
  shared: { applied: number; rejected: number };
}

export const SHARED_IDENTIFIER = 'SN-SHARED-0001';
const SKU = 'SCALE';

const serial = (bench: number, i: number) => `B${bench}-${String(i).padStart(8, '0')}`;

/** Groups of five ops: an order in, two units allocated, dispatched, restocked by three (net +1 stock). */
function packingOps(bench: number, count: number): SyncOp[] {
  const ops: SyncOp[] = [];
  for (let o = 0; ops.length < count; o++) {
    const orderNumber = `B${bench}-O${o}`;
    const [s1, s2] = [serial(bench, 2 * o), serial(bench, 2 * o + 1)];
    ops.push(
      { type: 'order.upsert', orderNumber, customer: 'Customer', lines: [{ lineNo: 1, sku: SKU, quantity: 2 }] },
      { type: 'allocation.set', orderNumber, lineNo: 1, unit: 1, sku: SKU, value: s1 },
      { type: 'allocation.set', orderNumber, lineNo: 1, unit: 2, sku: SKU, value: s2 },
      {
        type: 'order.dispatch',
        orderNumber,
        dispatchUid: `B${bench}-D${o}`,
        lines: [{ lineNo: 1, sku: SKU, quantity: 2, units: [{ unit: 1, value: s1 }, { unit: 2, value: s2 }] }],
      },
      { type: 'stock.delta', sku: SKU, delta: 3 },
    );
  }
  return ops.slice(0, count);
}

/** Each bench's own order dispatched with the shared identifier: only one can have it. */
function raceOps(bench: number): SyncOp[] {
  const orderNumber = `B${bench}-RACE`;
  return [
    { type: 'order.upsert', orderNumber, customer: 'Customer', lines: [{ lineNo: 1, sku: SKU, quantity: 1 }] },
    {
      type: 'order.dispatch',
      orderNumber,
      dispatchUid: `B${bench}-RACE-D`,
      lines: [{ lineNo: 1, sku: SKU, quantity: 1, units: [{ unit: 1, value: SHARED_IDENTIFIER }] }],
    },
  ];
}

export async function runScaleOut(options: ScaleOutOptions): Promise<ScaleOutResult> {
  const opsPerBench = options.opsPerBench ?? 100;
  const batch = options.batch ?? 25;
  const warehouse = options.warehouse ?? 'ScaleOut';
  if (opsPerBench % 5 !== 0) throw new Error('opsPerBench must be a multiple of 5');

  await options.admin.addWarehouse(warehouse);
  const benches: BenchClient[] = [];
  for (let i = 0; i < options.benches; i++) {
    const { token, stationId } = await options.admin.addBench({ warehouse, station: `scale-${i}` });
    benches.push(new BenchClient(options.hubUrls[i % options.hubUrls.length]!, token, stationId));
  }

  // The catalogue, from the first bench: one single-use product, every bench's serials and the shared one.
  const values = [SHARED_IDENTIFIER, ...benches.flatMap((_, b) => Array.from({ length: (opsPerBench / 5) * 2 }, (_, i) => serial(b, i)))];
  // Enough stock that no dispatch meets an empty shelf (the hub keeps stock at 0 or above).
  const initialStock = options.benches * (opsPerBench + 1);
  const seed: SyncOp[] = [
    { type: 'product.upsert', sku: SKU, title: 'Scale-out product', barcode: null, identifierMode: 'single_use' },
    { type: 'stock.delta', sku: SKU, delta: initialStock },
  ];
  for (let i = 0; i < values.length; i += MAX_VALUES_PER_OP) seed.push({ type: 'identifier.add', sku: SKU, values: values.slice(i, i + MAX_VALUES_PER_OP) });
  await benches[0]!.push(...seed);

  const samples: string[] = [];
  let errors = 0;
  const error = (text: string) => {
    errors++;
    if (samples.length < 10) samples.push(text);
  };
  const shared = { applied: 0, rejected: 0 };

  async function benchDay(bench: BenchClient, b: number): Promise<void> {
    // The race first, so every bench reaches for the shared identifier at about the same moment.
    const race = bench.entries(raceOps(b));
    const work = bench.entries(packingOps(b, opsPerBench));
    const requests = [race, ...Array.from({ length: Math.ceil(work.length / batch) }, (_, i) => work.slice(i * batch, (i + 1) * batch))];
    for (const entries of requests) {
      let answer;
      try {
        answer = await bench.pushEntries(entries);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        error(`${bench.stationId}: ${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
        return;
      }
      if (answer.status !== 200) {
        error(`${bench.stationId}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        return;
      }
      for (const [i, result] of answer.body.results.entries()) {
        const op = entries[i]!.op;
        const isRaceDispatch = entries === race && op.type === 'order.dispatch';
        if (isRaceDispatch && result.status === 'applied') shared.applied++;
        else if (isRaceDispatch && result.status === 'rejected' && result.reason?.includes(SHARED_IDENTIFIER)) shared.rejected++;
        else if (result.status !== 'applied') error(`${bench.stationId} seq ${result.seq} (${op.type}): ${result.status} ${result.reason ?? ''}`);
      }
    }
  }

  const started = performance.now();
  await Promise.all(benches.map((bench, b) => benchDay(bench, b)));
  const seconds = (performance.now() - started) / 1000;

  if (shared.applied !== 1) error(`the shared single-use identifier was dispatched ${shared.applied} times`);
  if (shared.applied + shared.rejected !== benches.length) error(`${benches.length - shared.applied - shared.rejected} race dispatches answered otherwise`);
  // What the database holds must agree: one consumed allocation of the shared identifier, exact stock.
  const held = await options.query(
    `SELECT count(*)::int AS n FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
       JOIN products p ON p.id = i.product_id JOIN warehouses w ON w.id = p.warehouse_id
      WHERE w.name = $1 AND i.value = $2`,
    [warehouse, SHARED_IDENTIFIER],
  );
  if (held.rows[0]?.n !== 1) error(`the database holds ${String(held.rows[0]?.n)} allocations of the shared identifier`);
  const stock = await options.query(
    `SELECT p.stock_level FROM products p JOIN warehouses w ON w.id = p.warehouse_id WHERE w.name = $1 AND p.sku = $2`,
    [warehouse, SKU],
  );
  const expected = initialStock + benches.length * (opsPerBench / 5) - shared.applied;
  if (Number(stock.rows[0]?.stock_level) !== expected) error(`stock is ${String(stock.rows[0]?.stock_level)}, expected ${expected}`);

  return { errors, samples, ops: benches.length * (opsPerBench + 2), seconds, shared };
}
