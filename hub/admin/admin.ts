/**
 * Set-up commands: warehouses, benches and order-system integrations. Used by the CLI and by tests.
 * Errors are AdminError with a sentence for the operator.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { TEXT_RULES, textProblem, trimText, type TextRule } from '../../shared/sync/bounds.js';
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
  /** What benches show for the station (its id unless a name was given). */
  stationName: string;
}

export interface Admin {
  addWarehouse(name: string): Promise<Warehouse>;
  /**
   * Registers a bench (station) and issues its token; a revoked station may be given a new token.
   * `name` is what every bench shows for it (default: the station id; unique in the warehouse).
   */
  addBench(args: { warehouse: string; station?: string; name?: string }): Promise<BenchRegistration>;
  /** Renames a station; benches learn the new name the next time they connect. */
  renameBench(args: { warehouse: string; station: string; name: string }): Promise<void>;
  revokeBench(args: { warehouse: string; station: string }): Promise<void>;
  /** A token for the order system: POST /v1/orders and GET /v1/dispatches. */
  addIntegration(args: { warehouse: string; name?: string }): Promise<IssuedToken & { name: string }>;
  revokeIntegration(args: { warehouse: string; name: string }): Promise<void>;
}

const STATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A name within the shared bounds (surrounding spaces removed), or an AdminError saying why not. */
function checkedName(name: string, rule: TextRule): string {
  const trimmed = trimText(name);
  const problem = textProblem(trimmed, rule);
  if (problem) throw new AdminError(`the ${rule.field} ${problem}`);
  return trimmed;
}
const stationName = (name: string) => checkedName(name, TEXT_RULES.stationName);

export function createAdmin(db: pg.Pool): Admin {
  /** The warehouse by its exact name; one that differs only in case is named in the refusal. */
  async function warehouseId(client: pg.ClientBase, name: string): Promise<string> {
    const wanted = trimText(name);
    const found = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM warehouses WHERE lower(name) = lower($1) ORDER BY name = $1 DESC, id',
      [wanted],
    );
    const row = found.rows[0];
    if (row?.name === wanted) return row.id;
    if (row) throw new AdminError(`no warehouse named "${wanted}"; did you mean "${row.name}"? (names are case-sensitive)`);
    throw new AdminError(`no warehouse named "${wanted}"; add it first with add-warehouse --name "${wanted}"`);
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
      const trimmed = checkedName(name, TEXT_RULES.warehouseName);
      return inTransaction(async (client) => {
        // "north" beside "North" would be two warehouses people cannot tell apart: refused, under a
        // lock that keeps two set-up commands from adding both at once (reads are not blocked).
        await client.query('LOCK TABLE warehouses IN SHARE ROW EXCLUSIVE MODE');
        const existing = await client.query<{ name: string }>('SELECT name FROM warehouses WHERE lower(name) = lower($1) ORDER BY name = $1 DESC', [trimmed]);
        const clash = existing.rows[0]?.name;
        if (clash === trimmed) throw new AdminError(`warehouse "${trimmed}" already exists`);
        if (clash !== undefined) throw new AdminError(`warehouse "${clash}" already exists (names differing only in case are refused); use "${clash}" or another name`);
        const added = await client.query<{ id: string }>('INSERT INTO warehouses (name) VALUES ($1) RETURNING id', [trimmed]);
        return { id: added.rows[0]!.id, name: trimmed };
      });
    },

    async addBench({ warehouse, station, name }) {
      const stationId = station ?? `bench-${randomBytes(4).toString('hex')}`;
      if (!STATION_ID.test(stationId)) {
        throw new AdminError('a station id is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit');
      }
      const wanted = name === undefined ? null : stationName(name);
      return inTransaction(async (client) => {
        const wh = await warehouseId(client, warehouse);
        // A station given a new token keeps its name unless a new one is given.
        const saved = await client.query<{ name: string }>(
          `INSERT INTO stations (warehouse_id, station_id, name) VALUES ($1, $2, COALESCE($3, $2))
           ON CONFLICT (warehouse_id, station_id) DO UPDATE SET name = COALESCE($3, stations.name)
           RETURNING name`,
          [wh, stationId, wanted],
        ).catch((err: unknown) => {
          if ((err as { constraint?: string }).constraint === 'stations_name_unique') {
            throw new AdminError(`another station of warehouse "${warehouse}" is already named "${wanted ?? stationId}"`);
          }
          throw err;
        });
        const token = await storeToken(
          client,
          { warehouseId: wh, kind: 'bench', stationId, name: null },
          `station "${stationId}" already has a live token; revoke it first`,
        );
        return { warehouse, stationId, stationName: saved.rows[0]!.name, token };
      });
    },

    async renameBench({ warehouse, station, name }) {
      const wanted = stationName(name);
      await inTransaction(async (client) => {
        const renamed = await client
          .query('UPDATE stations SET name = $3 WHERE warehouse_id = $1 AND station_id = $2', [await warehouseId(client, warehouse), station, wanted])
          .catch((err: unknown) => {
            if ((err as { constraint?: string }).constraint === 'stations_name_unique') {
              throw new AdminError(`another station of warehouse "${warehouse}" is already named "${wanted}"`);
            }
            throw err;
          });
        if (renamed.rowCount === 0) throw new AdminError(`no station "${station}" in warehouse "${warehouse}"`);
      });
    },

    revokeBench: ({ warehouse, station }) =>
      revokeToken(warehouse, 'bench', station, `no live token for station "${station}" in warehouse "${warehouse}"`),

    async addIntegration({ warehouse, name: label = 'orders' }) {
      const name = checkedName(label, TEXT_RULES.integrationName);
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
      revokeToken(warehouse, 'integration', trimText(name), `no live integration "${trimText(name)}" in warehouse "${warehouse}"`),
  };
}
