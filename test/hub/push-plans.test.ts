/**
 * A set-wise push reads the products its ops name, not the warehouse's whole catalogue: push_set's
 * cached generic plans, seen through auto_explain on a warehouse of 20,000 products, scan no products
 * table from end to end (hub migration 0018; before it, four statements per run did). Nor, on a hub
 * whose tables were analyzed while empty, any hub table it looks rows up in (migration 0020; before it,
 * the plans made then scanned orders, allocations, identifiers and products per op for the life of
 * the connection). Nor does any join of a full request's scratch rows grow with the square of the run,
 * whatever run the connection planned on first (migration 0021).
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { BenchClient } from '../../hub/testing/client.js';
import { PUSH_BATCH_ENTRIES } from '../../electron/core/sync/outbox.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import { product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();
const CATALOGUE = 20_000;

/** Orders of one unit of `sku`, each allocated, dispatched and restocked. */
function packingOps(sku: string, orders: number): SyncOp[] {
  return Array.from({ length: orders }, (_, o): SyncOp[] => {
    const [orderNumber, value] = [`O${o}`, `S${o}`];
    return [
      { type: 'order.upsert', orderNumber, customer: 'Customer', lines: [{ lineNo: 1, sku, quantity: 1 }] },
      { type: 'allocation.set', orderNumber, lineNo: 1, unit: 1, sku, value },
      { type: 'order.dispatch', orderNumber, dispatchUid: `D${o}`, lines: [{ lineNo: 1, sku, quantity: 1, units: [{ unit: 1, value }] }] },
      { type: 'stock.delta', sku, delta: 1 },
    ];
  }).flat();
}

/** The plans auto_explain logs for `run` on `sql` (every statement, nested ones too; with row counts when `analyze`). */
async function plansOf(sql: pg.Client, run: () => Promise<void>, { analyze = false } = {}): Promise<string[]> {
  const plans: string[] = [];
  const collect = (notice: { message?: string }): void => void plans.push(notice.message ?? '');
  sql.on('notice', collect);
  await sql.query(`LOAD 'auto_explain'`);
  await sql.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
  await sql.query(`SET auto_explain.log_analyze = ${analyze ? 'on' : 'off'}; SET auto_explain.log_timing = off`);
  try {
    await run();
  } finally {
    await sql.query(`SET auto_explain.log_min_duration = -1`);
    sql.off('notice', collect);
  }
  return plans;
}

/** A warehouse `name` with one station and the product PACKED holding the values packingOps allocates to `orders` orders, and an SQL connection. */
async function warehouseWithPacked(name: string, orders = 50): Promise<{ bench: BenchClient; sql: pg.Client }> {
  const hub = await fx.hub();
  const [bench] = await warehouse(hub, name, ['b1']);
  const values = Array.from({ length: orders }, (_, o) => `S${o}`);
  await bench!.push(product('PACKED'), { type: 'identifier.add', sku: 'PACKED', values });
  return { bench: bench!, sql: await fx.sql(hub) };
}

/** Whether push_set applies `orders` packed orders of PACKED in `warehouseName` (rolled back after). */
async function pushSetOnce(sql: pg.Client, warehouseName: string, bench: BenchClient, orders: number): Promise<boolean> {
  await sql.query('BEGIN');
  try {
    const answer = await sql.query<{ ok: boolean }>(
      `SELECT push_set(w.id, 'b1', $2::jsonb) AS ok FROM warehouses w WHERE w.name = $1`,
      [warehouseName, JSON.stringify(bench.entries(packingOps('PACKED', orders)))],
    );
    return answer.rows[0]!.ok;
  } finally {
    await sql.query('ROLLBACK');
  }
}

/** Whether push_set applies `orders` (default 50) packed orders of PACKED in `warehouseName` (rolled back after), and the plans it ran. */
async function pushSetPlans(sql: pg.Client, warehouseName: string, bench: BenchClient, orders = 50, options: { analyze?: boolean } = {}) {
  let applied = false;
  const plans = await plansOf(
    sql,
    async () => {
      applied = await pushSetOnce(sql, warehouseName, bench, orders);
    },
    options,
  );
  return { applied, plans };
}

/** Plan nodes that read a whole table of `tables`: a sequential scan, or an index scan with no key. */
function wholeTableReads(plans: string[], tables: readonly string[]): string[] {
  const names = tables.join('|');
  const node = new RegExp(`(Seq Scan on (?:${names})\\b.*|Index (?:Only )?Scan using \\w+ on (?:${names})\\b.*)\\n(.*)`, 'g');
  return plans.flatMap((plan) =>
    [...plan.matchAll(node)].filter(([, scan, next]) => scan!.startsWith('Seq') || !next!.includes('Index Cond')).map(([, scan]) => scan!.trim()),
  );
}

describe('push_set on a large catalogue', () => {
  it('looks up only the products a run names', async () => {
    const { bench, sql } = await warehouseWithPacked('big');
    await sql.query(
      `INSERT INTO products (warehouse_id, sku, title, identifier_mode)
       SELECT w.id, 'CAT' || g, 'Catalogue item', 'single_use' FROM warehouses w, generate_series(1, $1::int) g WHERE w.name = 'big'`,
      [CATALOGUE],
    );
    await sql.query('ANALYZE products');

    const { applied, plans } = await pushSetPlans(sql, 'big', bench);

    expect(applied).toBe(true);
    expect(plans.filter((plan) => plan.includes('Query Text: INSERT INTO changes')).length).toBe(1);
    expect(plans.filter((plan) => /Seq Scan on products\b/.test(plan))).toEqual([]);
  });
});

describe('push_set on a hub analyzed while empty', () => {
  it('looks rows up by key, whatever the statistics', async () => {
    const { bench, sql } = await warehouseWithPacked('fresh');
    // No orders, allocations or dispatches yet: push_set's plans, made at this connection's first call, see empty tables.
    await sql.query('ANALYZE');

    const { applied, plans } = await pushSetPlans(sql, 'fresh', bench);

    expect(applied).toBe(true);
    expect(plans.filter((plan) => plan.includes('Query Text: INSERT INTO changes')).length).toBe(1);
    expect(wholeTableReads(plans, ['orders', 'order_lines', 'allocations', 'identifiers', 'products', 'dispatches'])).toEqual([]);
  });
});

describe('push_set planned on a small run first', () => {
  it('joins no row of a full request with every other (no join grows with the square of the run)', async () => {
    const orders = PUSH_BATCH_ENTRIES / 4;
    const { bench, sql } = await warehouseWithPacked('trickle', orders);
    // A bench's trickle of live ops first: this connection plans push_set on a run of two orders.
    expect(await pushSetOnce(sql, 'trickle', bench, 2)).toBe(true);

    const { applied, plans } = await pushSetPlans(sql, 'trickle', bench, orders, { analyze: true });

    expect(applied).toBe(true);
    // Before hub migration 0021, each new order's ops were found by scanning the whole run: 250 × 1,000 rows.
    const pairsDropped = plans.flatMap((plan) => [...plan.matchAll(/Rows Removed by Join Filter: (\d+)/g)].map(([, n]) => Number(n)));
    expect(plans.filter((plan) => plan.includes('Query Text: INSERT INTO changes')).length).toBe(1);
    expect(pairsDropped.filter((n) => n > PUSH_BATCH_ENTRIES)).toEqual([]);
  });
});
