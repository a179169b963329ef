/**
 * Recall search benchmarks (`npm run bench -- trace`):
 *  (a) a bench with 100,000 dispatched identifiers: a prefix query (first page and counts) ≤ 100 ms,
 *      through the same handler the UI calls; also an exact query and a broad prefix (10% of all);
 *  (b) the hub with 1,000,000 dispatched units over HTTP (GET /v1/trace): a prefix query ≤ 200 ms
 *      once the hub's pool is connected (the first query after start is its own row); also a broad
 *      prefix (10%) and the next page by cursor.
 * Data is seeded with SQL (the use cases are measured elsewhere). Quick runs use a tenth of the data.
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { startHub } from '../../hub/hub.js';
import { startTestPostgres } from '../../hub/testing/postgres.js';
import { recallSearchArgs } from '../../shared/contract/trace-schemas.js';
import type { RecallPage } from '../../shared/trace/recall-query.js';
import { count, figure, median, percentile, type BenchFigure, type BenchOptions } from './figures.js';

const REPEATS = 30;
/** Untimed hub queries after the first, before the timed ones. */
const WARM_UP = 5;
const serial = (i: number) => `SN-${String(i).padStart(8, '0')}`;
/** The prefix matching the first tenth of `units` serials (e.g. SN-0000 for 100,000: SN-00000000..SN-00009999). */
const tenthPrefix = (units: number) => serial(0).slice(0, 11 - Math.round(Math.log10(units / 10)));

function timeIt(run: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

async function timeItAsync(run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

function benchRecall(units: number): BenchFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'trace-bench-'));
  // Rows are laid down straight on the core's own connection (bench-parts), not timed.
  const parts = openBenchParts({ file: join(dir, 'bench.db'), stationName: 'Bench 1' });
  const core = parts.core;
  try {
    const { db } = parts;
    const now = new Date().toISOString();
    const station = parts.context.stationId;
    const perOrder = 10;
    db.transaction(() => {
      db.prepare(`INSERT INTO products (id, sku, title, identifier_mode, stock_level, updated_at) VALUES (1, 'PH', 'Phone', 'single_use', 0, ?)`).run(now);
      const ident = db.prepare(`INSERT INTO identifiers (id, product_id, value, status, created_at) VALUES (?, 1, ?, 'consumed', ?)`);
      const orderRow = db.prepare(`INSERT INTO orders (id, order_number, customer, status, created_at) VALUES (?, ?, ?, 'dispatched', ?)`);
      const line = db.prepare(`INSERT INTO order_lines (id, order_id, line_no, product_id, quantity, dispatched) VALUES (?, ?, 1, 1, ?, ?)`);
      const dispatch = db.prepare(`INSERT INTO dispatches (id, uid, order_id, station_id, actor, created_at) VALUES (?, ?, ?, ?, 'bench', ?)`);
      const alloc = db.prepare(`INSERT INTO allocations (line_id, unit, identifier_id, single_use, dispatch_id, created_at) VALUES (?, ?, ?, 1, ?, ?)`);
      for (let o = 1; o <= units / perOrder; o++) {
        const at = new Date(Date.UTC(2026, 0, 1) + o * 60_000).toISOString();
        orderRow.run(o, `SO-${o}`, `Customer ${o % 997}`, at);
        line.run(o, o, perOrder, perOrder);
        dispatch.run(o, `d-${o}`, o, station, at);
        for (let u = 1; u <= perOrder; u++) {
          const id = (o - 1) * perOrder + u;
          ident.run(id, serial(id), at);
          alloc.run(o, u, id, o, at);
        }
      }
    })();
    db.pragma('optimize');
    const call = (args: unknown) => core.recallSearch(recallSearchArgs.parse(args));
    const label = count(units);
    // ~100 matches (SN-000123xx), an exact value, and a tenth of everything.
    const narrow = timeIt(() => call({ query: { value: serial(12_345).slice(0, -2) } }));
    const exact = timeIt(() => call({ query: { match: 'exact', value: serial(54_321) } }));
    const broadPrefix = tenthPrefix(units);
    const broad = timeIt(() => call({ query: { value: broadPrefix } }));
    const matched = call({ query: { value: broadPrefix } }).counts.units;
    return [
      figure(`bench recall: prefix (~100 matches) over ${label} dispatched, first page + counts, median`, median(narrow), 'ms', 100),
      figure(`bench recall: prefix (~100 matches) over ${label} dispatched, p95`, percentile(narrow, 95), 'ms', 100),
      figure(`bench recall: exact value over ${label} dispatched, median`, median(exact), 'ms', 100),
      figure(`bench recall: broad prefix (${count(matched)} matches) over ${label}, first page + counts, median`, median(broad), 'ms', null),
    ];
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function hubRecall(units: number): Promise<BenchFigure[]> {
  const postgres = await startTestPostgres();
  try {
    const hub = await startHub({ databaseUrl: await postgres.createDatabase(), log: () => undefined });
    try {
      await hub.admin.addWarehouse('North');
      const { token } = await hub.admin.addBench({ warehouse: 'North', station: 'bench-1' });
      await hub.admin.addBench({ warehouse: 'North', station: 'bench-2' });
      const sql = new pg.Client({ connectionString: hub.databaseUrl });
      await sql.connect();
      const perDispatch = 10;
      const dispatches = units / perDispatch;
      // Orders and dispatches straight into the tables; the dispatches trigger fills dispatched_units.
      await sql.query(`INSERT INTO products (warehouse_id, sku, title, identifier_mode) SELECT id, 'PH', 'Phone', 'single_use' FROM warehouses WHERE name = 'North'`);
      await sql.query(
        `INSERT INTO orders (warehouse_id, order_number, customer)
         SELECT w.id, 'SO-' || g, 'Customer ' || (g % 997) FROM warehouses w, generate_series(1, $1) g WHERE w.name = 'North'`,
        [dispatches],
      );
      await sql.query(
        `INSERT INTO dispatches (warehouse_id, uid, order_id, station_id, at, lines)
         SELECT o.warehouse_id, 'd-' || o.id, o.id, CASE WHEN o.id % 2 = 0 THEN 'bench-1' ELSE 'bench-2' END,
                to_char(timestamp '2026-01-01' + o.id * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                jsonb_build_array(jsonb_build_object('lineNo', 1, 'sku', 'PH', 'quantity', ${perDispatch}, 'units',
                  (SELECT jsonb_agg(jsonb_build_object('unit', u, 'value', 'SN-' || lpad(((o.id - 1) * ${perDispatch} + u)::text, 8, '0')))
                     FROM generate_series(1, ${perDispatch}) u)))
           FROM orders o`,
      );
      await sql.query('ANALYZE');
      await sql.end();
      const trace = async (query: string): Promise<RecallPage> => {
        const response = await fetch(`${hub.url}/v1/trace?${query}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`trace ${query}: ${response.status} ${await response.text()}`);
        return (await response.json()) as RecallPage;
      };
      const label = count(units);
      // The first queries open the pool's connections (and plan in cold backends): reported on their own,
      // and kept out of the steady-state figures, which are what a hub in service answers with.
      const coldStart = performance.now();
      await trace(`value=${serial(units / 2).slice(0, -2)}`);
      const cold = performance.now() - coldStart;
      for (let i = 1; i <= WARM_UP; i++) await trace(`value=${serial((units / 2 + i * 1_000) % units).slice(0, -2)}`);
      const narrow = await timeItAsync((i) => trace(`value=${serial(123_456 % units + i * 100).slice(0, -2)}`).then(() => undefined));
      const broadPrefix = tenthPrefix(units);
      const first = await trace(`value=${broadPrefix}`);
      const broad = await timeItAsync(() => trace(`value=${broadPrefix}`).then(() => undefined));
      const next = await timeItAsync(() => trace(`value=${broadPrefix}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`).then(() => undefined));
      return [
        figure(`hub recall: prefix (~100 matches) over ${label} dispatched, HTTP, median`, median(narrow), 'ms', 200),
        figure(`hub recall: prefix (~100 matches) over ${label} dispatched, HTTP, p95`, percentile(narrow, 95), 'ms', 200),
        figure(`hub recall: first prefix query after the hub starts (pool connecting), HTTP`, cold, 'ms', null),
        figure(`hub recall: broad prefix (${count(first.counts.units)} matches) over ${label}, first page + counts, median`, median(broad), 'ms', null),
        figure(`hub recall: broad prefix, next page by cursor, median`, median(next), 'ms', null),
      ];
    } finally {
      await hub.stop();
    }
  } finally {
    await postgres.stop();
  }
}

export async function runTraceBenchmarks(options: BenchOptions): Promise<BenchFigure[]> {
  const scale = options.quick ? 10 : 1;
  return [...benchRecall(100_000 / scale), ...(await hubRecall(1_000_000 / scale))];
}
