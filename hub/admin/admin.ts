/**
 * Set-up commands: warehouses, benches and order-system integrations. Used by the CLI and by tests.
 * Errors are AdminError with a sentence for the operator.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { escapeControls, quotedText, TEXT_RULES, textProblem, trimText, type TextRule } from '../../shared/sync/bounds.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { nearestName } from '../../shared/sync/nearest-name.js';

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

/** A token's state as `list` shows it; last use is when its holder last reached the hub. */
export interface TokenState {
  live: boolean;
  lastUsedAt: Date | null;
}

export interface WarehouseListing {
  name: string;
  formerNames: string[];
  benches: Array<{ stationId: string; name: string; token: TokenState | null }>;
  integrations: Array<{ name: string; token: TokenState }>;
}

export interface Admin {
  /** Every warehouse with its benches and integrations, by name. */
  list(): Promise<WarehouseListing[]>;
  addWarehouse(name: string): Promise<Warehouse>;
  /** Renames a warehouse under add-warehouse's rules; its tokens keep working and benches learn the name when they next connect. */
  renameWarehouse(args: { name: string; to: string }): Promise<Warehouse>;
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
/**
 * A --station as typed, with surrounding spaces removed as --warehouse's are (a station id has no
 * spaces: " A" was refused by add-bench as no station id and looked up by rename-bench and revoke-bench
 * as 'no station " A"'). A blank one was looked up as a station named "  " ('no station "  "'): no
 * station id may be blank.
 */
function stationIdOf(station: string): string {
  const trimmed = trimText(station);
  if (trimmed === '') throw new AdminError(`the ${TEXT_RULES.stationId.field} is empty`);
  return trimmed;
}

export function createAdmin(db: pg.Pool): Admin {
  /** The warehouse by its exact name; one that differs only in case is named in the refusal. */
  async function warehouseId(client: pg.ClientBase, name: string): Promise<string> {
    return (await warehouseNamed(client, name)).id;
  }

  /** The warehouse by its exact name, with the name as stored (what answers repeat, not what was typed). */
  async function warehouseNamed(client: pg.ClientBase, name: string): Promise<Warehouse> {
    const wanted = trimText(name);
    // A blank --warehouse was answered 'no warehouse named ""; add it first with add-warehouse --name ""'.
    if (wanted === '') throw new AdminError(`the ${TEXT_RULES.warehouseName.field} is empty`);
    const found = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM warehouses WHERE lower(name) = lower($1) ORDER BY name = $1 DESC, id',
      [wanted],
    );
    const row = found.rows[0];
    if (row?.name === wanted) return row;
    if (row) throw new AdminError(`no warehouse named ${quotedText(wanted)}; did you mean ${quotedText(row.name)}? (names are case-sensitive)`);
    // "add it first" for a former name sent the operator to add-warehouse, which refuses it (refuseFormerName).
    const former = await client.query<{ current: string; former: string }>(
      `SELECT w.name AS current, f.name AS former FROM warehouse_former_names f JOIN warehouses w ON w.id = f.warehouse_id
        WHERE lower(f.name) = lower($1) ORDER BY f.name = $1 DESC, f.renamed_at DESC LIMIT 1`,
      [wanted],
    );
    const renamed = former.rows[0];
    if (renamed) {
      const which = renamed.former === wanted ? 'it' : quotedText(renamed.former);
      throw new AdminError(`no warehouse named ${quotedText(wanted)}; ${which} was renamed to ${quotedText(renamed.current)}; use ${quotedText(renamed.current)}`);
    }
    // A typo ("Harbor" for "Harbour") was sent to add a second, misspelt warehouse.
    const names = await client.query<{ name: string }>('SELECT name FROM warehouses ORDER BY name');
    const near = nearestName(wanted, names.rows.map((r) => r.name));
    const addIt = `add it first with add-warehouse --name ${quotedText(wanted)}`;
    if (near !== undefined) throw new AdminError(`no warehouse named ${quotedText(wanted)}; did you mean ${quotedText(near)}? If not, ${addIt}`);
    throw new AdminError(`no warehouse named ${quotedText(wanted)}; ${addIt}`);
  }

  /**
   * A name another warehouse had (any case) is refused: benches bound to it would take this one's tokens
   * as their own warehouse's. `self`: the warehouse being renamed, which may take back its own old name.
   */
  async function refuseFormerName(client: pg.ClientBase, name: string, self: string | null): Promise<void> {
    const former = await client.query<{ current: string; former: string }>(
      `SELECT w.name AS current, f.name AS former FROM warehouse_former_names f JOIN warehouses w ON w.id = f.warehouse_id
        WHERE lower(f.name) = lower($1) AND f.warehouse_id IS DISTINCT FROM $2::bigint LIMIT 1`,
      [name, self],
    );
    const row = former.rows[0];
    if (row) throw new AdminError(`warehouse ${quotedText(row.current)} was named ${quotedText(row.former)} before (a bench may still know it so); use another name`);
  }

  /**
   * Takes the warehouse's set-up commands one at a time until the transaction ends, so two at once
   * cannot add "a" and "A". A row lock that does not block the foreign-key checks of pushes and reads.
   */
  async function lockWarehouse(client: pg.ClientBase, id: string): Promise<void> {
    await client.query('SELECT 1 FROM warehouses WHERE id = $1 FOR NO KEY UPDATE', [id]);
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

  /** "no station "a" in warehouse "North"", with the station meant when one differs only in case, named as warehouses are. */
  async function noStation(client: pg.ClientBase, wh: Warehouse, station: string): Promise<AdminError> {
    const near = await client.query<{ station_id: string }>(
      'SELECT station_id FROM stations WHERE warehouse_id = $1 AND lower(station_id) = lower($2) ORDER BY station_id LIMIT 1',
      [wh.id, station],
    );
    const meant = near.rows[0]?.station_id;
    return new AdminError(`no station ${quotedText(station)} in warehouse ${quotedText(wh.name)}${meant === undefined ? '' : `; did you mean ${quotedText(meant)}? (station ids are case-sensitive)`}`);
  }

  /** Revokes the live token of a bench (by station id) or an integration (by name). */
  async function revokeToken(
    warehouse: string,
    kind: 'bench' | 'integration',
    holder: string,
    refusal: (warehouse: string) => { missing: string; alreadyRevoked: string },
  ): Promise<void> {
    const column = kind === 'bench' ? 'station_id' : 'name';
    await inTransaction(async (client) => {
      const { id: wh, name } = await warehouseNamed(client, warehouse);
      const revoked = await client.query(
        `UPDATE tokens SET revoked_at = now()
          WHERE warehouse_id = $1 AND kind = $2 AND ${column} = $3 AND revoked_at IS NULL`,
        [wh, kind, holder],
      );
      if (revoked.rowCount !== 0) return;
      // A station id that was never added is a typo to name as such, not a token to look for.
      if (kind === 'bench') {
        const station = await client.query('SELECT 1 FROM stations WHERE warehouse_id = $1 AND station_id = $2', [wh, holder]);
        if (station.rowCount === 0) throw await noStation(client, { id: wh, name }, holder);
      }
      // Revoking twice is no emergency: say it is done already rather than that nothing was found.
      const before = await client.query(`SELECT 1 FROM tokens WHERE warehouse_id = $1 AND kind = $2 AND ${column} = $3 LIMIT 1`, [wh, kind, holder]);
      throw new AdminError(before.rowCount === 0 ? refusal(name).missing : refusal(name).alreadyRevoked);
    });
  }

  return {
    async list() {
      const [warehouses, former, stations, tokens] = await Promise.all([
        db.query<{ id: string; name: string }>('SELECT id, name FROM warehouses ORDER BY name, id'),
        db.query<{ warehouse_id: string; name: string }>('SELECT warehouse_id, name FROM warehouse_former_names ORDER BY renamed_at, name'),
        db.query<{ warehouse_id: string; station_id: string; name: string }>('SELECT warehouse_id, station_id, name FROM stations ORDER BY station_id'),
        // The live token of each holder, else its latest revoked one.
        db.query<{ warehouse_id: string; kind: 'bench' | 'integration'; holder: string; live: boolean; last_used_at: Date | null }>(
          `SELECT DISTINCT ON (warehouse_id, kind, holder) warehouse_id, kind, holder, revoked_at IS NULL AS live, last_used_at
             FROM (SELECT *, COALESCE(station_id, name) AS holder FROM tokens) t
            ORDER BY warehouse_id, kind, holder, revoked_at IS NULL DESC, id DESC`,
        ),
      ]);
      const tokenOf = (wh: string, kind: 'bench' | 'integration', holder: string): TokenState | null => {
        const row = tokens.rows.find((t) => t.warehouse_id === wh && t.kind === kind && t.holder === holder);
        return row ? { live: row.live, lastUsedAt: row.last_used_at } : null;
      };
      return warehouses.rows.map((wh) => ({
        name: wh.name,
        formerNames: former.rows.filter((f) => f.warehouse_id === wh.id).map((f) => f.name),
        benches: stations.rows.filter((s) => s.warehouse_id === wh.id).map((s) => ({ stationId: s.station_id, name: s.name, token: tokenOf(wh.id, 'bench', s.station_id) })),
        integrations: tokens.rows
          .filter((t) => t.warehouse_id === wh.id && t.kind === 'integration')
          .map((t) => ({ name: t.holder, token: { live: t.live, lastUsedAt: t.last_used_at } })),
      }));
    },

    async addWarehouse(name) {
      const trimmed = checkedName(name, TEXT_RULES.warehouseName);
      return inTransaction(async (client) => {
        // "north" beside "North" would be two warehouses people cannot tell apart: refused, under a
        // lock that keeps two set-up commands from adding both at once (reads are not blocked).
        await client.query('LOCK TABLE warehouses IN SHARE ROW EXCLUSIVE MODE');
        const existing = await client.query<{ name: string }>('SELECT name FROM warehouses WHERE lower(name) = lower($1) ORDER BY name = $1 DESC', [trimmed]);
        const clash = existing.rows[0]?.name;
        if (clash === trimmed) throw new AdminError(`warehouse ${quotedText(trimmed)} already exists`);
        if (clash !== undefined) throw new AdminError(`warehouse ${quotedText(clash)} already exists (names differing only in case are refused); use ${quotedText(clash)} or another name`);
        await refuseFormerName(client, trimmed, null);
        const added = await client.query<{ id: string }>('INSERT INTO warehouses (name) VALUES ($1) RETURNING id', [trimmed]);
        return { id: added.rows[0]!.id, name: trimmed };
      });
    },

    async renameWarehouse({ name, to }) {
      const wanted = checkedName(to, TEXT_RULES.warehouseName);
      return inTransaction(async (client) => {
        // The same lock as add-warehouse: a rename and an add at once cannot make "north" beside "North".
        await client.query('LOCK TABLE warehouses IN SHARE ROW EXCLUSIVE MODE');
        const id = await warehouseId(client, name);
        const current = trimText(name);
        if (current === wanted) throw new AdminError(`warehouse ${quotedText(current)} is already named ${quotedText(wanted)}; nothing changed`);
        // Its own name in another case is no clash: "north" -> "North" fixes a typo.
        const existing = await client.query<{ name: string }>('SELECT name FROM warehouses WHERE lower(name) = lower($1) AND id <> $2', [wanted, id]);
        const clash = existing.rows[0]?.name;
        if (clash !== undefined) throw new AdminError(`warehouse ${quotedText(clash)} already exists (names differing only in case are refused); use another name`);
        await refuseFormerName(client, wanted, id);
        await client.query(
          'INSERT INTO warehouse_former_names (warehouse_id, name) SELECT id, name FROM warehouses WHERE id = $1 ON CONFLICT DO NOTHING',
          [id],
        );
        await client.query('UPDATE warehouses SET name = $2 WHERE id = $1', [id, wanted]);
        return { id, name: wanted };
      });
    },

    async addBench({ warehouse, station, name }) {
      const stationId = station === undefined ? `bench-${randomBytes(4).toString('hex')}` : stationIdOf(station);
      if (!STATION_ID.test(stationId)) {
        throw new AdminError('a station id is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit');
      }
      const wanted = name === undefined ? null : stationName(name);
      return inTransaction(async (client) => {
        const { id: wh, name: stored } = await warehouseNamed(client, warehouse);
        // "a" beside "A" would be two stations people cannot tell apart: refused as warehouse names are,
        // with the warehouse's set-up commands taken one at a time (the index of migration 30 backs it).
        // A station stored beside such a pair before migration 30 may still be given a new token.
        await lockWarehouse(client, wh);
        const existing = await client.query<{ station_id: string }>(
          `SELECT station_id FROM stations WHERE warehouse_id = $1 AND lower(station_id) = lower($2) AND station_id <> $2
            AND NOT EXISTS (SELECT 1 FROM stations WHERE warehouse_id = $1 AND station_id = $2) LIMIT 1`,
          [wh, stationId],
        );
        const clash = existing.rows[0]?.station_id;
        if (clash !== undefined) {
          throw new AdminError(`station ${quotedText(clash)} already exists in warehouse ${quotedText(stored)} (station ids differing only in case are refused); use ${quotedText(clash)} or another id`);
        }
        // A station given a new token keeps its name unless a new one is given.
        const saved = await client.query<{ name: string }>(
          `INSERT INTO stations (warehouse_id, station_id, name) VALUES ($1, $2, COALESCE($3, $2))
           ON CONFLICT (warehouse_id, station_id) DO UPDATE SET name = COALESCE($3, stations.name)
           RETURNING name`,
          [wh, stationId, wanted],
        ).catch((err: unknown) => {
          if ((err as { constraint?: string }).constraint === 'stations_name_unique') {
            // Without --name the station is named after its id, which may be another station's name.
            if (wanted === null) {
              throw new AdminError(
                `another station of warehouse ${quotedText(stored)} is already named ${quotedText(stationId)}, and a station is named after its id unless given a name; add it with --name "<shown name>"`,
              );
            }
            throw new AdminError(`another station of warehouse ${quotedText(stored)} is already named ${quotedText(wanted)}`);
          }
          throw err;
        });
        const token = await storeToken(
          client,
          { warehouseId: wh, kind: 'bench', stationId, name: null },
          `station ${quotedText(stationId)} already has a live token; revoke it first`,
        );
        return { warehouse: stored, stationId, stationName: saved.rows[0]!.name, token };
      });
    },

    async renameBench({ warehouse, station: typed, name }) {
      const station = stationIdOf(typed);
      const wanted = stationName(name);
      await inTransaction(async (client) => {
        const wh = await warehouseNamed(client, warehouse);
        const held = await client.query<{ name: string }>('SELECT name FROM stations WHERE warehouse_id = $1 AND station_id = $2 FOR UPDATE', [wh.id, station]);
        // As revoke-bench says it: `--station a` for "A" was told only that there is no station "a".
        if (held.rowCount === 0) throw await noStation(client, wh, station);
        // Renamed to its own name, the bench was told "is now ..." as if something had changed.
        if (held.rows[0]!.name === wanted) {
          throw new AdminError(`station ${escapeControls(station)} of warehouse ${quotedText(wh.name)} is already named ${quotedText(wanted)}; nothing changed`);
        }
        await client
          .query('UPDATE stations SET name = $3 WHERE warehouse_id = $1 AND station_id = $2', [wh.id, station, wanted])
          .catch((err: unknown) => {
            if ((err as { constraint?: string }).constraint === 'stations_name_unique') {
              throw new AdminError(`another station of warehouse ${quotedText(wh.name)} is already named ${quotedText(wanted)}`);
            }
            throw err;
          });
      });
    },

    revokeBench: async ({ warehouse: typed, station: typedStation }) => {
      const station = stationIdOf(typedStation);
      return revokeToken(typed, 'bench', station, (warehouse) => ({
        missing: `no live token for station ${quotedText(station)} in warehouse ${quotedText(warehouse)}`,
        alreadyRevoked: `the token of station ${quotedText(station)} in warehouse ${quotedText(warehouse)} is already revoked; add-bench --warehouse ${quotedText(warehouse)} --station ${quotedText(station)} issues a new one`,
      }));
    },

    async addIntegration({ warehouse, name: label = 'orders' }) {
      const name = checkedName(label, TEXT_RULES.integrationName);
      return inTransaction(async (client) => {
        const wh = await warehouseNamed(client, warehouse);
        // "orders" beside "Orders" (live or revoked: `list` shows both) is refused as warehouse names are.
        await lockWarehouse(client, wh.id);
        const existing = await client.query<{ name: string }>(
          `SELECT name FROM tokens WHERE warehouse_id = $1 AND kind = 'integration' AND lower(name) = lower($2) AND name <> $2
            AND NOT EXISTS (SELECT 1 FROM tokens WHERE warehouse_id = $1 AND kind = 'integration' AND name = $2)
            ORDER BY revoked_at IS NULL DESC, id DESC LIMIT 1`,
          [wh.id, name],
        );
        const clash = existing.rows[0]?.name;
        if (clash !== undefined) {
          throw new AdminError(`integration ${quotedText(clash)} already exists in warehouse ${quotedText(wh.name)} (names differing only in case are refused); use ${quotedText(clash)} or another name`);
        }
        const token = await storeToken(
          client,
          { warehouseId: wh.id, kind: 'integration', stationId: null, name },
          `integration ${quotedText(name)} already has a live token; revoke it first`,
        );
        return { warehouse: wh.name, name, token };
      });
    },

    revokeIntegration: async ({ warehouse: typed, name }) => {
      // A blank --name was looked for as "" ('no live integration ""'): no integration may be named so.
      if (trimText(name) === '') throw new AdminError(`the ${TEXT_RULES.integrationName.field} is empty`);
      return revokeToken(typed, 'integration', trimText(name), (warehouse) => ({
        missing: `no live integration ${quotedText(trimText(name))} in warehouse ${quotedText(warehouse)}`,
        alreadyRevoked: `the token of integration ${quotedText(trimText(name))} in warehouse ${quotedText(warehouse)} is already revoked; add-integration --warehouse ${quotedText(warehouse)} --name ${quotedText(trimText(name))} issues a new one`,
      }));
    },
  };
}
