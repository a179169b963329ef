/**
 * A set-wise push reads the products its ops name, not the warehouse's whole catalogue: push_set's
 * cached generic plans, seen through auto_explain on a warehouse of 20,000 products, scan no products
 * table from end to end (hub migration 0018; before it, four statements per run did).
 */
import { describe, expect, it } from 'vitest';
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

describe('push_set on a large catalogue', () => {
  it('looks up only the products a run names', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'big', ['b1']);
    const values = Array.from({ length: 50 }, (_, o) => `S${o}`);
    await bench!.push(product('PACKED'), { type: 'identifier.add', sku: 'PACKED', values });
    const sql = await fx.sql(hub);
    await sql.query(
      `INSERT INTO products (warehouse_id, sku, title, identifier_mode)
       SELECT w.id, 'CAT' || g, 'Catalogue item', 'single_use' FROM warehouses w, generate_series(1, $1::int) g WHERE w.name = 'big'`,
      [CATALOGUE],
    );
    await sql.query('ANALYZE products');

    const plans: string[] = [];
    sql.on('notice', (notice) => plans.push(notice.message ?? ''));
    await sql.query(`LOAD 'auto_explain'`);
    await sql.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
    await sql.query('BEGIN');
    const applied = await sql.query<{ ok: boolean }>(
      `SELECT push_set(w.id, 'b1', $1::jsonb) AS ok FROM warehouses w WHERE w.name = 'big'`,
      [JSON.stringify(bench!.entries(packingOps('PACKED', 50)))],
    );
    await sql.query('ROLLBACK');
    await sql.query(`SET auto_explain.log_min_duration = -1`);

    expect(applied.rows[0]!.ok).toBe(true);
    expect(plans.filter((plan) => plan.includes('Query Text: INSERT INTO changes')).length).toBe(1);
    expect(plans.filter((plan) => /Seq Scan on products\b/.test(plan))).toEqual([]);
  });
});
