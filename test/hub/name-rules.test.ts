/**
 * Warehouse, station and integration names in the schema (migration 24, and 0006 for station names):
 * PostgreSQL itself refuses what the set-up commands refuse, the migration runs on a hub whose
 * database already holds names that break the rules, and the set-up commands still say why in words.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { touchToken } from '../../hub/auth/authenticate.js';
import { migrate } from '../../hub/db/migrate.js';
import { migrations } from '../../hub/db/migrations/index.js';
import { WAREHOUSE_NAME_LOWER_INDEX } from '../../hub/db/migrations/0024-name-rules.js';
import { INTEGRATION_NAME_LOWER_INDEX, STATION_ID_LOWER_INDEX } from '../../hub/db/migrations/0030-station-integration-case.js';
import { MAX_INTEGRATION_NAME_LENGTH, MAX_WAREHOUSE_NAME_LENGTH } from '../../shared/sync/bounds.js';
import { useHubFixture } from './fixture.js';

const fx = useHubFixture();

/** The SQLSTATE and constraint of the error `query` ends with (null when it succeeds). */
async function refusal(sql: pg.Client | pg.Pool, text: string, values: unknown[] = []): Promise<{ code: string; constraint: string | undefined } | null> {
  try {
    await sql.query(text, values);
    return null;
  } catch (err) {
    const { code, constraint } = err as { code: string; constraint?: string };
    return { code, constraint };
  }
}

const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';

describe('names in the schema', () => {
  it('are refused by PostgreSQL itself when they break the shared text rules, or differ only in case', async () => {
    const hub = await fx.hub();
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    const wh = (await sql.query<{ id: string }>("SELECT id FROM warehouses WHERE name = 'North'")).rows[0]!.id;
    await hub.admin.addBench({ warehouse: 'North', station: 'A' });

    const badWarehouses = ['', ' South', 'South ', 'South\u00a0', 'So\u0007uth', 'So\u0085uth', 'So\tuth', 'x'.repeat(MAX_WAREHOUSE_NAME_LENGTH + 1)];
    for (const name of badWarehouses) {
      expect(await refusal(sql, 'INSERT INTO warehouses (name) VALUES ($1)', [name]), JSON.stringify(name)).toMatchObject({ code: CHECK_VIOLATION });
    }
    expect(await refusal(sql, 'INSERT INTO warehouses (name) VALUES ($1)', ['x'.repeat(MAX_WAREHOUSE_NAME_LENGTH)])).toBeNull();
    expect(await refusal(sql, "INSERT INTO warehouses (name) VALUES ('north')")).toEqual({ code: UNIQUE_VIOLATION, constraint: WAREHOUSE_NAME_LOWER_INDEX });
    expect(await refusal(sql, "INSERT INTO warehouses (name) VALUES ('NORTH')")).toEqual({ code: UNIQUE_VIOLATION, constraint: WAREHOUSE_NAME_LOWER_INDEX });
    expect(await refusal(sql, "UPDATE warehouses SET name = ' North' WHERE name = 'North'")).toMatchObject({ code: CHECK_VIOLATION });

    const insertIntegration = (name: string) =>
      refusal(sql, "INSERT INTO tokens (warehouse_id, kind, name, token_hash) VALUES ($1, 'integration', $2, sha256(random()::text::bytea))", [wh, name]);
    for (const name of ['', ' orders', 'orders\n', 'or\u009bders', 'x'.repeat(MAX_INTEGRATION_NAME_LENGTH + 1)]) {
      expect(await insertIntegration(name), JSON.stringify(name)).toEqual({ code: CHECK_VIOLATION, constraint: 'tokens_name_bounds' });
    }
    expect(await insertIntegration('x'.repeat(MAX_INTEGRATION_NAME_LENGTH))).toBeNull();
    expect(await refusal(sql, "UPDATE tokens SET name = 'orders ' WHERE kind = 'integration'")).toEqual({ code: CHECK_VIOLATION, constraint: 'tokens_name_bounds' });

    for (const name of ['', ' Packing', 'Pack\u0001ing']) {
      expect(await refusal(sql, "UPDATE stations SET name = $1 WHERE station_id = 'A'", [name]), JSON.stringify(name)).toEqual({
        code: CHECK_VIOLATION,
        constraint: 'stations_name_bounds',
      });
    }
  });

  it('the set-up commands still refuse them first, in words', async () => {
    const hub = await fx.hub();
    await hub.admin.addWarehouse('North');
    await expect(hub.admin.addWarehouse('north')).rejects.toThrow(/^warehouse "North" already exists \(names differing only in case are refused\); use "North" or another name$/);
    await expect(hub.admin.addWarehouse('So\u0007uth')).rejects.toThrow(/^the warehouse name contains a control character \(U\+0007\)$/);
    await expect(hub.admin.addWarehouse('x'.repeat(MAX_WAREHOUSE_NAME_LENGTH + 1))).rejects.toThrow(/^the warehouse name is longer than 200 characters$/);
    await expect(hub.admin.addIntegration({ warehouse: 'North', name: '\u0085' })).rejects.toThrow(/^the integration name contains a control character \(U\+0085\)$/);
    await expect(hub.admin.addBench({ warehouse: 'North', station: 'A', name: ' ' })).rejects.toThrow(/^the station name is empty$/);
    // Surrounding spaces are still removed, not refused.
    expect(await hub.admin.addWarehouse('  South ')).toMatchObject({ name: 'South' });
    expect(await hub.admin.addIntegration({ warehouse: 'South', name: ' orders ' })).toMatchObject({ name: 'orders' });
  });

  it('refuses a station id or an integration name differing only in case from one the warehouse has, naming it, as warehouse names are', async () => {
    const hub = await fx.hub();
    const sql = await fx.sql(hub);
    await hub.admin.addWarehouse('North');
    await hub.admin.addWarehouse('South');
    await hub.admin.addBench({ warehouse: 'North', station: 'a' });
    await hub.admin.addIntegration({ warehouse: 'North', name: 'Orders' });

    await expect(hub.admin.addBench({ warehouse: 'North', station: 'A' })).rejects.toThrow(
      /^station "a" already exists in warehouse "North" \(station ids differing only in case are refused\); use "a" or another id$/,
    );
    await expect(hub.admin.addIntegration({ warehouse: 'North', name: 'orders' })).rejects.toThrow(
      /^integration "Orders" already exists in warehouse "North" \(names differing only in case are refused\); use "Orders" or another name$/,
    );
    // A revoked integration is still listed under its name: a new one in another case is refused too.
    await hub.admin.revokeIntegration({ warehouse: 'North', name: 'Orders' });
    await expect(hub.admin.addIntegration({ warehouse: 'North', name: 'ORDERS' })).rejects.toThrow(/^integration "Orders" already exists/);
    // The same id or name again, or in another warehouse, is taken as before.
    await hub.admin.revokeBench({ warehouse: 'North', station: 'a' });
    expect(await hub.admin.addBench({ warehouse: 'North', station: 'a' })).toMatchObject({ stationId: 'a' });
    expect(await hub.admin.addIntegration({ warehouse: 'North', name: 'Orders' })).toMatchObject({ name: 'Orders' });
    expect(await hub.admin.addBench({ warehouse: 'South', station: 'A' })).toMatchObject({ stationId: 'A' });
    expect(await hub.admin.addIntegration({ warehouse: 'South', name: 'orders' })).toMatchObject({ name: 'orders' });
    expect((await sql.query('SELECT station_id FROM stations ORDER BY warehouse_id')).rows).toEqual([{ station_id: 'a' }, { station_id: 'A' }]);

    // PostgreSQL itself refuses them (two set-up commands at once, a hand-written INSERT).
    const north = (await sql.query<{ id: string }>("SELECT id FROM warehouses WHERE name = 'North'")).rows[0]!.id;
    expect(await refusal(sql, "INSERT INTO stations (warehouse_id, station_id, name) VALUES ($1, 'A', 'Other')", [north])).toEqual({
      code: UNIQUE_VIOLATION,
      constraint: STATION_ID_LOWER_INDEX,
    });
    expect(await refusal(sql, "INSERT INTO tokens (warehouse_id, kind, name, token_hash) VALUES ($1, 'integration', 'oRDERS', '\\x09')", [north])).toEqual({
      code: UNIQUE_VIOLATION,
      constraint: INTEGRATION_NAME_LOWER_INDEX,
    });
  });

  it('revoke-bench of a station id differing only in case from one the warehouse has names that one', async () => {
    const hub = await fx.hub();
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'Pack-A' });
    await expect(hub.admin.revokeBench({ warehouse: 'North', station: 'pack-a' })).rejects.toThrow(
      'no station "pack-a" in warehouse "North"; did you mean "Pack-A"? (station ids are case-sensitive)',
    );
    await expect(hub.admin.revokeBench({ warehouse: 'North', station: 'Z' })).rejects.toThrow(/^no station "Z" in warehouse "North"$/);
  });

  it('add-bench whose station id is already another station\'s name says to give it one with --name', async () => {
    const hub = await fx.hub();
    await hub.admin.addWarehouse('North');
    await hub.admin.addBench({ warehouse: 'North', station: 'X', name: 'A' });
    await expect(hub.admin.addBench({ warehouse: 'North', station: 'A' })).rejects.toThrow(
      /^another station of warehouse "North" is already named "A", and a station is named after its id unless given a name; add it with --name "<shown name>"$/,
    );
    expect(await hub.admin.addBench({ warehouse: 'North', station: 'A', name: 'Packing A' })).toMatchObject({ stationId: 'A', stationName: 'Packing A' });
  });

  it('the migration runs on a hub whose database already holds names that break the rules', async () => {
    const pool = new pg.Pool({ connectionString: await fx.postgres().createDatabase(), max: 2 });
    try {
      await migrate(pool, migrations.filter((m) => m.version < 24));
      // What an older hub (or a hand-written INSERT) may have stored.
      const legacy = await pool.query<{ id: string }>("INSERT INTO warehouses (name) VALUES ('North'), ('north'), (' West'), ('NORTH') RETURNING id");
      const [north] = legacy.rows.map((r) => r.id);
      const token = await pool.query<{ id: string }>(
        "INSERT INTO tokens (warehouse_id, kind, name, token_hash) VALUES ($1, 'integration', ' orders', '\\x01'), ($1, 'integration', '', '\\x02') RETURNING id",
        [north],
      );

      const warnings: string[] = [];
      // The migrations after 24 apply too; this test is about 24's warning.
      expect((await migrate(pool, migrations, (line) => warnings.push(line)))[0]).toBe(24);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('warehouse names differing only in case: "North" (id 1), "north" (id 2), "NORTH" (id 4); the unique index on lower(name) was not created');
      expect(warnings[0]).toContain(`CREATE UNIQUE INDEX ${WAREHOUSE_NAME_LOWER_INDEX} ON warehouses (lower(name))`);
      expect((await pool.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [WAREHOUSE_NAME_LOWER_INDEX])).rowCount).toBe(0);

      // The old rows stay, and an integration named before the rules still works (every request touches its token).
      expect((await pool.query('SELECT name FROM warehouses ORDER BY id')).rows.map((r: { name: string }) => r.name)).toEqual(['North', 'north', ' West', 'NORTH']);
      for (const { id } of token.rows) await touchToken(pool, id);
      await pool.query('UPDATE tokens SET revoked_at = now() WHERE id = $1', [token.rows[1]!.id]);
      // New names are held to the rules.
      expect(await refusal(pool, "INSERT INTO warehouses (name) VALUES ('East ')")).toMatchObject({ code: CHECK_VIOLATION });
      expect(await refusal(pool, "INSERT INTO tokens (warehouse_id, kind, name, token_hash) VALUES ($1, 'integration', 'x ', '\\x03')", [north])).toMatchObject({ code: CHECK_VIOLATION });

      // Once the clash is resolved, the statement the warning gives creates the index.
      await pool.query("UPDATE warehouses SET name = 'North 2' WHERE name = 'north'");
      await pool.query("UPDATE warehouses SET name = 'North 3' WHERE name = 'NORTH'");
      await pool.query(/^.*then run: (.*)$/.exec(warnings[0]!)![1]!);
      expect(await refusal(pool, "INSERT INTO warehouses (name) VALUES ('north')")).toMatchObject({ code: UNIQUE_VIOLATION, constraint: WAREHOUSE_NAME_LOWER_INDEX });
    } finally {
      await pool.end();
    }
  });

  it('migration 30 runs on a hub that already holds station ids or live integration names differing only in case, and says what to rename', async () => {
    const pool = new pg.Pool({ connectionString: await fx.postgres().createDatabase(), max: 2 });
    try {
      await migrate(pool, migrations.filter((m) => m.version < 30));
      const north = (await pool.query<{ id: string }>("INSERT INTO warehouses (name) VALUES ('North') RETURNING id")).rows[0]!.id;
      await pool.query("INSERT INTO stations (warehouse_id, station_id, name) VALUES ($1, 'a', 'a'), ($1, 'A', 'A')", [north]);
      await pool.query(
        "INSERT INTO tokens (warehouse_id, kind, station_id, name, token_hash) VALUES ($1, 'bench', 'a', NULL, '\\x01'), ($1, 'bench', 'A', NULL, '\\x02'), ($1, 'integration', NULL, 'orders', '\\x03'), ($1, 'integration', NULL, 'Orders', '\\x04')",
        [north],
      );

      const warnings: string[] = [];
      // Up to 30 only: later migrations are not what this test is about.
      expect(await migrate(pool, migrations.filter((m) => m.version <= 30), (line) => warnings.push(line))).toEqual([30]);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('station ids differing only in case in one warehouse: "A", "a" (warehouse "North"); the unique index on lower(station_id) was not created');
      expect(warnings[0]).toContain(`CREATE UNIQUE INDEX ${STATION_ID_LOWER_INDEX} ON stations (warehouse_id, lower(station_id))`);
      expect(warnings[1]).toContain('live integrations differing only in case in one warehouse: "orders", "Orders" (warehouse "North"); the unique index on lower(name) was not created');
      expect((await pool.query('SELECT 1 FROM pg_indexes WHERE indexname IN ($1, $2)', [STATION_ID_LOWER_INDEX, INTEGRATION_NAME_LOWER_INDEX])).rowCount).toBe(0);
      // Both tokens of each pair keep working (every request touches its token).
      for (const { id } of (await pool.query<{ id: string }>('SELECT id FROM tokens')).rows) await touchToken(pool, id);

      // Once one of each pair is revoked, the statements the warnings give create the indexes.
      await pool.query("UPDATE tokens SET revoked_at = now() WHERE name = 'Orders'");
      await pool.query(/^.*then run: (.*)$/.exec(warnings[1]!)![1]!);
      await pool.query("DELETE FROM tokens WHERE station_id = 'A'");
      await pool.query("DELETE FROM stations WHERE station_id = 'A'");
      await pool.query(/^.*then run: (.*)$/.exec(warnings[0]!)![1]!);
      expect(await refusal(pool, "INSERT INTO stations (warehouse_id, station_id, name) VALUES ($1, 'A', 'A')", [north])).toMatchObject({ code: UNIQUE_VIOLATION, constraint: STATION_ID_LOWER_INDEX });
      expect(await refusal(pool, "INSERT INTO tokens (warehouse_id, kind, name, token_hash) VALUES ($1, 'integration', 'ORDERS', '\\x05')", [north])).toMatchObject({ code: UNIQUE_VIOLATION, constraint: INTEGRATION_NAME_LOWER_INDEX });
    } finally {
      await pool.end();
    }
  });
});
