/**
 * The foreign keys push writes most are checked once per statement (hub migration 0015): the schema
 * still refuses a row naming a missing order, product, identifier, dispatch or warehouse, in a
 * statement of many rows too, and the rows they name are kept (never deleted, re-keyed or truncated).
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { order, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

interface Ids {
  warehouse: number;
  product: number;
  identifier: number;
  order: number;
  dispatch: number;
}

/** A warehouse with one dispatched order, and the ids of its rows. */
async function dispatchedOrder(): Promise<{ sql: pg.Client; ids: Ids }> {
  const hub = await fx.hub();
  const [bench] = await warehouse(hub, 'North', ['bench-a']);
  await bench!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2'] }, { type: 'stock.delta', sku: 'P1', delta: 5 }, order('O1', ['P1', 1]));
  await bench!.push({
    type: 'order.dispatch',
    orderNumber: 'O1',
    dispatchUid: 'D1',
    lines: [{ lineNo: 1, sku: 'P1', quantity: 1, units: [{ unit: 1, value: 'S1' }] }],
  });
  const sql = await fx.sql(hub);
  const ids = (
    await sql.query<Ids>(
      `SELECT w.id::int AS warehouse, p.id::int AS product, i.id::int AS identifier, o.id::int AS order, d.id::int AS dispatch
         FROM warehouses w JOIN products p ON p.warehouse_id = w.id JOIN identifiers i ON i.product_id = p.id AND i.value = 'S1'
         JOIN orders o ON o.warehouse_id = w.id JOIN dispatches d ON d.order_id = o.id`,
    )
  ).rows[0]!;
  return { sql, ids };
}

describe('foreign keys checked per statement', () => {
  it('refuses rows naming a missing order, product, identifier, dispatch or warehouse', async () => {
    const { sql, ids } = await dispatchedOrder();
    // The change-log triggers quiet (as push_set has them): a dispatch with no order has no payload.
    await sql.query(`SELECT set_config('hub.set_apply', 'on', false)`);
    const missing = 1_000_000;
    const refused = [
      [`INSERT INTO orders (warehouse_id, order_number) VALUES ($1, 'O2')`, [missing], 'orders_warehouse_id_fkey'],
      [`INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES ($1, 2, $2, 1)`, [missing, ids.product], 'order_lines_order_id_fkey'],
      [`INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES ($1, 2, $2, 1)`, [ids.order, missing], 'order_lines_product_id_fkey'],
      [`UPDATE orders SET warehouse_id = $1`, [missing], 'orders_warehouse_id_fkey'],
      [`UPDATE allocations SET identifier_id = $1`, [missing], 'allocations_identifier_id_product_id_fkey'],
      [`INSERT INTO dispatches (warehouse_id, uid, order_id, lines) VALUES ($1, 'D2', $2, '[]')`, [ids.warehouse, missing], 'dispatches_order_id_fkey'],
      [`INSERT INTO dispatches (warehouse_id, uid, order_id, lines) VALUES ($1, 'D2', $2, '[]')`, [missing, ids.order], 'dispatches_warehouse_id_fkey'],
      [`INSERT INTO stock_movements (product_id, at, delta) VALUES ($1, now(), 1)`, [missing], 'stock_movements_product_id_fkey'],
      // A dispatched unit must name its dispatch's own order.
      [`UPDATE dispatched_units SET order_id = $1`, [missing], 'dispatched_units_dispatch_fkey'],
    ] as const;
    for (const [text, values, constraint] of refused) {
      await expect(sql.query(text, [...values]), text).rejects.toMatchObject({ code: '23503', constraint });
    }
    // One missing key among many rows of a statement.
    await expect(
      sql.query(`INSERT INTO stock_movements (product_id, at, delta) SELECT unnest($1::bigint[]), now(), 1`, [[ids.product, ids.product, missing]]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(`(${missing})`) });
    await expect(sql.query(`INSERT INTO stock_movements (product_id, at, delta) VALUES ($1, now(), 1)`, [ids.product])).resolves.toMatchObject({ rowCount: 1 });
  });

  it('keeps the orders, products, identifiers and dispatches rows name', async () => {
    const { sql, ids } = await dispatchedOrder();
    const kept = [
      [`DELETE FROM dispatches WHERE id = $1`, [ids.dispatch]],
      [`DELETE FROM orders WHERE id = $1`, [ids.order]],
      [`DELETE FROM identifiers WHERE value = 'S2'`, []],
      [`DELETE FROM products WHERE id = $1`, [ids.product]],
      [`UPDATE orders SET id = DEFAULT WHERE id = $1`, [ids.order]],
      [`UPDATE identifiers SET product_id = product_id + 1000 WHERE value = 'S2'`, []],
      [`UPDATE dispatches SET order_id = order_id + 1000`, []],
      [`TRUNCATE stock_movements, dispatched_units, dispatches`, []],
      [`TRUNCATE products CASCADE`, []],
    ] as const;
    for (const [text, values] of kept) {
      await expect(sql.query(text, [...values]), text).rejects.toMatchObject({ code: '23503' });
    }
    // Other columns change as before.
    await expect(sql.query(`UPDATE identifiers SET status = 'removed', product_id = product_id WHERE value = 'S2'`)).resolves.toMatchObject({ rowCount: 1 });
    await expect(sql.query(`UPDATE orders SET customer = 'Renamed' WHERE id = $1`, [ids.order])).resolves.toMatchObject({ rowCount: 1 });
  });
});
