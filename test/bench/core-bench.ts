/**
 * Core benchmarks on real SQLite files in a temp folder:
 *  (a) saving 100,000 identifiers through the use case vs a raw better-sqlite3 insert of the same
 *      rows in one transaction (ratio, target <= 1.5);
 *  (b) allocate + complete one order, p50/p99 over 10,000 orders (target p99 < 5 ms);
 *  (c) listing and searching 50,000 awaiting orders (target < 50 ms each).
 * Quick runs use a tenth of the data (QUICK).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchCore } from '../../electron/core/bench-core.js';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { readStore } from '../support/store.js';
import { openDatabase } from '../../electron/core/db/open.js';
import type { ArgsOf, BenchMethod, ResultOf } from '../../shared/contract/api.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { count, figure, FULL_RUN, median, percentile, type BenchFigure, type BenchOptions } from './figures.js';

export type { BenchFigure } from './figures.js';

interface CoreSizes {
  identifiers: number;
  saveRounds: number;
  orders: number;
  ordersWithoutFsync: number;
  commits: number;
  awaiting: number;
}
const FULL: CoreSizes = { identifiers: 100_000, saveRounds: 5, orders: 10_000, ordersWithoutFsync: 2_000, commits: 5_000, awaiting: 50_000 };
const QUICK: CoreSizes = { identifiers: 10_000, saveRounds: 2, orders: 1_000, ordersWithoutFsync: 200, commits: 500, awaiting: 5_000 };

function csv(rows: Array<Array<string | number>>): string {
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

function call<M extends BenchMethod>(core: BenchCore, method: M, args: ArgsOf<M>): ResultOf<M> {
  const result = invokeBenchMethod(core, method, args, (message, error) => {
    throw new Error(`${message}: ${String(error)}`);
  });
  if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error).slice(0, 500)}`);
  return result.value as ResultOf<M>;
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

const identifierValue = (i: number) => `35693803${String(i).padStart(7, '0')}`;

/** (a) one round: the use case on one fresh file, the raw insert on another. */
function saveIdentifiersRound(dir: string, round: number, identifierCount: number): { useCase: number; raw: number; validated: number } {
  const values = Array.from({ length: identifierCount }, (_, i) => identifierValue(i));
  const products = `sku,title,barcode,identifier_mode,stock_level\nBIG,Big product,,single_use,${identifierCount}\n`;

  const file = join(dir, `save-usecase-${round}.db`);
  const core = openBenchParts({ file }).core;
  call(core, 'importCsv', { files: [{ name: 'products.csv', content: products }] });
  const productId = readStore(file, (db) => db.prepare(`SELECT id FROM products WHERE sku = 'BIG'`).pluck().get() as number);
  const edits = values.map((value, box) => ({ box, identifierId: null, value }));
  const [saved, useCase] = timed(() => core.saveSerialGrid({ productId, edits }));
  if (saved.added !== identifierCount) throw new Error('the use case did not save every identifier');
  core.close();

  // the same save across the boundary (argument validation included), as a transport makes it
  const core2 = openBenchParts({ file: join(dir, `save-boundary-${round}.db`) });
  call(core2.core, 'importCsv', { files: [{ name: 'products.csv', content: products }] });
  const [, validated] = timed(() => call(core2.core, 'saveSerialGrid', { productId, edits }));
  core2.core.close();

  const db = openDatabase(join(dir, `save-raw-${round}.db`));
  db.prepare(`INSERT INTO products (sku, title, barcode, identifier_mode, stock_level, updated_at) VALUES ('BIG', 'Big product', NULL, 'single_use', ?, ?)`).run(
    identifierCount,
    new Date().toISOString(),
  );
  const rawProductId = db.prepare(`SELECT id FROM products WHERE sku = 'BIG'`).pluck().get() as number;
  const insert = db.prepare(`INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', ?)`);
  const [, raw] = timed(() =>
    db.transaction(() => {
      const now = new Date().toISOString();
      for (const value of values) insert.run(rawProductId, value, now);
    })(),
  );
  db.close();
  return { useCase, raw, validated };
}

function benchSaveIdentifiers(dir: string, sizes: CoreSizes): BenchFigure[] {
  saveIdentifiersRound(dir, 0, sizes.identifiers); // warm-up: JIT, page cache
  const rounds = Array.from({ length: sizes.saveRounds }, (_, i) => saveIdentifiersRound(dir, i + 1, sizes.identifiers));
  const saved = `save ${count(sizes.identifiers)} identifiers`;
  const useCase = median(rounds.map((r) => r.useCase));
  const raw = median(rounds.map((r) => r.raw));
  const validated = median(rounds.map((r) => r.validated));
  const ratio = median(rounds.map((r) => r.useCase / r.raw));
  return [
    figure(`${saved}: use case / raw insert`, ratio, 'x', 1.5),
    figure(`${saved}: use case (saveSerialGrid)`, useCase, 'ms'),
    figure(`${saved}: raw better-sqlite3 insert`, raw, 'ms'),
    figure(`${saved}: across the boundary (with validation)`, validated, 'ms'),
  ];
}

/** (b) allocate the identifier of each order's tracked unit, then complete the order. */
function allocateCompleteTimes(file: string, orderCount: number, synchronous: 'FULL' | 'OFF'): number[] {
  // The core's own connection (bench-parts): its synchronous setting is what is compared.
  const parts = openBenchParts({ file });
  parts.db.pragma(`synchronous = ${synchronous}`);
  const core = parts.core;
  const identifiers = Array.from({ length: orderCount }, (_, i) => ['PHN', identifierValue(i)]);
  const orders: Array<Array<string | number>> = [];
  for (let n = 0; n < orderCount; n++) {
    const number = `SO-${String(n).padStart(6, '0')}`;
    orders.push([number, `Customer ${n}`, 'PHN', 1], [number, `Customer ${n}`, 'CBL', 2]);
  }
  call(core, 'importCsv', {
    files: [
      { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['PHN', 'Phone', '', 'single_use', orderCount], ['CBL', 'Cable', '', 'none', orderCount * 2]]) },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier'], ...identifiers]) },
      { name: 'orders.csv', content: csv([['order_number', 'customer', 'sku', 'quantity'], ...orders]) },
    ],
  });
  const lines = parts.db
    .prepare(`SELECT o.id AS orderId, min(l.id) AS phnLine, max(l.id) AS cblLine FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id ORDER BY o.id`)
    .all() as Array<{ orderId: number; phnLine: number; cblLine: number }>;
  const times: number[] = [];
  for (const [i, { orderId, phnLine, cblLine }] of lines.entries()) {
    const started = performance.now();
    // "Complete Order" in the allocation dialog: the boxes and the quantities in one call, one commit.
    const done = call(core, 'completeOrder', {
      orderId,
      lines: [{ lineId: phnLine, quantity: 1 }, { lineId: cblLine, quantity: 2 }],
      allocations: [{ lineId: phnLine, unit: 1, value: identifierValue(i) }],
    });
    times.push(performance.now() - started);
    if (done.status !== 'dispatched') throw new Error(`order ${orderId} was not dispatched`);
  }
  core.close();
  return times.sort((a, b) => a - b);
}

function benchAllocateComplete(dir: string, sizes: CoreSizes): BenchFigure[] {
  const times = allocateCompleteTimes(join(dir, 'dispatch.db'), sizes.orders, 'FULL');
  // The same work without waiting for the disk: what the core itself costs.
  const cpu = allocateCompleteTimes(join(dir, 'dispatch-cpu.db'), sizes.ordersWithoutFsync, 'OFF');
  const floor = commitFloor(dir, sizes.commits);
  return [
    figure(`allocate + complete an order, p50 (${count(sizes.orders)} orders)`, percentile(times, 50), 'ms'),
    figure(`allocate + complete an order, p99 (${count(sizes.orders)} orders)`, percentile(times, 99), 'ms', 5),
    figure(`allocate + complete, without fsync (synchronous=OFF, ${count(sizes.ordersWithoutFsync)} orders), p50`, percentile(cpu, 50), 'ms'),
    figure(`allocate + complete, without fsync (synchronous=OFF, ${count(sizes.ordersWithoutFsync)} orders), p99`, percentile(cpu, 99), 'ms'),
    figure('commit floor: one-row transaction on this disk (synchronous=FULL), p50', percentile(floor, 50), 'ms'),
    figure('commit floor: one-row transaction on this disk (synchronous=FULL), p99', percentile(floor, 99), 'ms'),
  ];
}

/**
 * What one durable commit costs here (WAL fsync), the floor under (b): allocate + complete is one
 * use case, so one commit. Same file settings as the bench's own.
 */
function commitFloor(dir: string, commits: number): number[] {
  const db = openDatabase(join(dir, 'commit-floor.db'));
  const insert = db.prepare(`INSERT INTO bench_meta (key, value) VALUES (?, 'x')`);
  const times: number[] = [];
  for (let i = 0; i < commits; i++) times.push(timed(() => insert.run(`k${i}`))[1]);
  db.close();
  return times.sort((a, b) => a - b);
}

/** (c) the order dispatch list over 50,000 awaiting orders. */
function benchOrderList(dir: string, awaiting: number): BenchFigure[] {
  const core = openBenchParts({ file: join(dir, 'orders.db') }).core;
  const skus = Array.from({ length: 200 }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
  const surnames = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Berners-Lee', 'Lamarr', 'Hamilton', 'Liskov'];
  const orders: Array<Array<string | number>> = [];
  const orderNumber = (n: number) => `SO-${String(n).padStart(6, '0')}`;
  for (let n = 0; n < awaiting; n++) {
    const number = orderNumber(n);
    const customer = `${surnames[n % surnames.length]} ${n}`;
    for (let line = 0; line <= n % 3; line++) orders.push([number, customer, skus[(n * 7 + line * 31) % skus.length]!, 1 + (line % 2)]);
  }
  call(core, 'importCsv', {
    files: [
      { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ...skus.map((s, i) => [s, `Product ${i}`, '', i % 4 === 0 ? 'single_use' : i % 4 === 1 ? 'multiple_use' : 'none', 0])]) },
      { name: 'orders.csv', content: csv([['order_number', 'customer', 'sku', 'quantity'], ...orders]) },
    ],
  });
  const cases: Array<[string, ArgsOf<'listAwaitingOrders'>, (r: ResultOf<'listAwaitingOrders'>) => boolean]> = [
    ['first page', { query: '', offset: 0, limit: 100 }, (r) => r.total === awaiting && r.items.length === 100],
    ['deep page', { query: '', offset: awaiting - 100, limit: 100 }, (r) => r.items.length === 100 && r.items[99]!.orderNumber === orderNumber(awaiting - 1)],
    ['search by order number', { query: orderNumber(12_345 % awaiting), limit: 100 }, (r) => r.total === 1],
    ['search by customer', { query: 'turing 4', limit: 100 }, (r) => r.total > 0],
    ['search by sku', { query: 'SKU-123', limit: 100 }, (r) => r.total > 0],
  ];
  const out: BenchFigure[] = [];
  for (const [label, args, check] of cases) {
    const result = call(core, 'listAwaitingOrders', args);
    if (!check(result)) throw new Error(`unexpected result for ${label}: total ${result.total}`);
    const times = Array.from({ length: 5 }, () => timed(() => call(core, 'listAwaitingOrders', args))[1]);
    out.push(figure(`${count(awaiting)} awaiting orders: ${label} (median of 5)`, median(times), 'ms', 50));
  }
  core.close();
  return out;
}

export async function runCoreBenchmarks({ quick }: BenchOptions = FULL_RUN): Promise<BenchFigure[]> {
  const sizes = quick ? QUICK : FULL;
  const dir = mkdtempSync(join(tmpdir(), 'bench-core-'));
  try {
    return [...benchSaveIdentifiers(dir, sizes), ...benchAllocateComplete(dir, sizes), ...benchOrderList(dir, sizes.awaiting)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
