/**
 * identifier_events → warehouses is checked once per statement, not per event (hub migration 0014):
 * the schema still refuses an event of a warehouse that does not exist, and a warehouse that could
 * leave events behind cannot be deleted, renumbered or truncated.
 */
import { describe, expect, it } from 'vitest';
import { useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

const insertEvent = `INSERT INTO identifier_events (warehouse_id, kind, sku, value) VALUES ($1, 'added', 'P1', 'S1')`;

describe('identifier events and their warehouse', () => {
  it('refuses an event naming a missing warehouse, in a statement of many events too', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['bench-a']);
    const sql = await fx.sql(hub);
    const north = (await sql.query<{ id: string }>(`SELECT id FROM warehouses WHERE name = 'North'`)).rows[0]!.id;

    await expect(sql.query(insertEvent, [north])).resolves.toMatchObject({ rowCount: 1 });
    await expect(sql.query(insertEvent, [Number(north) + 1000])).rejects.toMatchObject({ code: '23503' });
    await expect(
      sql.query(`INSERT INTO identifier_events (warehouse_id, kind, sku, value) SELECT w, 'added', 'P1', 'S' || w FROM unnest($1::bigint[]) w`, [[north, Number(north) + 1000]]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(`warehouse ${Number(north) + 1000}`) });
    await expect(sql.query(`UPDATE identifier_events SET warehouse_id = warehouse_id + 1000`)).rejects.toMatchObject({ code: '23503' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM identifier_events WHERE value LIKE 'S%'`)).rows[0]).toEqual({ n: 1 });
  });

  it('keeps every warehouse: no delete, renumbering or truncation', async () => {
    const hub = await fx.hub();
    await hub.admin.addWarehouse('Empty');
    const sql = await fx.sql(hub);
    await expect(sql.query(`DELETE FROM warehouses WHERE name = 'Empty'`)).rejects.toMatchObject({ code: '23503' });
    await expect(sql.query(`UPDATE warehouses SET id = DEFAULT WHERE name = 'Empty'`)).rejects.toMatchObject({ code: '23503' });
    await expect(sql.query(`TRUNCATE warehouses CASCADE`)).rejects.toMatchObject({ code: '23503' });
    await expect(sql.query(`UPDATE warehouses SET name = 'Still here' WHERE name = 'Empty'`)).resolves.toMatchObject({ rowCount: 1 });
  });
});
