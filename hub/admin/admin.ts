/**
 * Set-up commands: warehouses, benches and order-system integrations. Used by the CLI and by tests.
 * Errors are AdminError with a sentence for the operator.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashToken, newToken } from '../auth/tokens.js';

export class AdminError extends Error {}

export interface Warehouse {
  id: string;
  name: string;
}

export interface IssuedToken {
  warehouse: string;
  /** Shown once; the hub keeps only its hash. */
  token: string;
}

export interface BenchRegistration extends IssuedToken {
  stationId: string;
}

export interface Admin {
  addWarehouse(name: string): Promise<Warehouse>;
  /** Registers a bench (station) and issues its token; a revoked station may be given a new token. */
  addBench(args: { warehouse: string; station?: string }): Promise<BenchRegistration>;
  revokeBench(args: { warehouse: string; station: string }): Promise<void>;
  /** A token for the order system: POST /v1/orders and GET /v1/dispatches. */
  addIntegration(args: { warehouse: string; name?: string }): Promise<IssuedToken & { name: string }>;
  revokeIntegration(args: { warehouse: string; name: string }): Promise<void>;
}

const STATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function createAdmin(db: pg.Pool): Admin {
  async function warehouseId(client: pg.ClientBase, name: string): Promise<string> {
    const found = await client.query<{ id: string }>('SELECT id FROM warehouses WHERE name = $1', [name]);
    const row = found.rows[0];
    if (!row) throw new AdminError(`no warehouse named "${name}"`);
    return row.id;
  }

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  const UNIQUE_VIOLATION = '23505';

  /** Stores a new token's hash; a live token for the same holder (unique index) is refused with `clash`. */
  async function storeToken(
    client: pg.ClientBase,
    token: { warehouseId: string; kind: 'bench' | 'integration'; stationId: string | null; name: string | null },
    clash: string,
  ): Promise<string> {
    const issued = newToken();
    try {
      await client.query(
        'INSERT INTO tokens (warehouse_id, kind, station_id, name, token_hash) VALUES ($1, $2, $3, $4, $5)',
        [token.warehouseId, token.kind, token.stationId, token.name, hashToken(issued)],
      );
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new AdminError(clash);
      throw err;
    }
    return issued;
  }

  /** Revokes the live token of a bench (by station id) or an integration (by name). */
  async function revokeToken(warehouse: string, kind: 'bench' | 'integration', holder: string, missing: string): Promise<void> {
    const column = kind === 'bench' ? 'station_id' : 'name';
    await inTransaction(async (client) => {
      const revoked = await client.query(
        `UPDATE tokens SET revoked_at = now()
          WHERE warehouse_id = $1 AND kind = $2 AND ${column} = $3 AND revoked_at IS NULL`,
        [await warehouseId(client, warehouse), kind, holder],
      );
      if (revoked.rowCount === 0) throw new AdminError(missing);
    });
  }

  return {
    async addWarehouse(name) {
      const trimmed = name.trim();
      if (trimmed.length === 0 || trimmed.length > 200) throw new AdminError('a warehouse name needs 1 to 200 characters');
      try {
        const added = await db.query<{ id: string }>('INSERT INTO warehouses (name) VALUES ($1) RETURNING id', [trimmed]);
        return { id: added.rows[0]!.id, name: trimmed };
      } catch (err) {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new AdminError(`warehouse "${trimmed}" already exists`);
        throw err;
      }
    },

    async addBench({ warehouse, station }) {
      const stationId = station ?? `bench-${randomBytes(4).toString('hex')}`;
      if (!STATION_ID.test(stationId)) {
        throw new AdminError('a station id is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit');
      }
      return inTransaction(async (client) => {
        const wh = await warehouseId(client, warehouse);
        await client.query('INSERT INTO stations (warehouse_id, station_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [wh, stationId]);
        const token = await storeToken(
          client,
          { warehouseId: wh, kind: 'bench', stationId, name: null },
          `station "${stationId}" already has a live token; revoke it first`,
        );
        return { warehouse, stationId, token };
      });
    },

    revokeBench: ({ warehouse, station }) =>
      revokeToken(warehouse, 'bench', station, `no live token for station "${station}" in warehouse "${warehouse}"`),

    async addIntegration({ warehouse, name = 'orders' }) {
      return inTransaction(async (client) => {
        const token = await storeToken(
          client,
          { warehouseId: await warehouseId(client, warehouse), kind: 'integration', stationId: null, name },
          `integration "${name}" already has a live token; revoke it first`,
        );
        return { warehouse, name, token };
      });
    },

    revokeIntegration: ({ warehouse, name }) =>
      revokeToken(warehouse, 'integration', name, `no live integration "${name}" in warehouse "${warehouse}"`),
  };
}
