import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { hashToken } from './tokens.js';

export type TokenKind = 'bench' | 'integration';

/** Who is calling: always exactly one warehouse; a bench token also names its station. */
export interface Principal {
  tokenId: string;
  kind: TokenKind;
  warehouseId: string;
  warehouseName: string;
  stationId: string | null;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Who is behind the Authorization header: the caller, or why not. `revoked` only for a token this hub
 * issued and then revoked (its holder is told to get a new one); a missing, malformed or unknown token
 * is just `refused`, so nothing is said about tokens the hub does not know.
 */
export type Authentication = { ok: true; principal: Principal } | { ok: false; revoked: boolean };

export async function authenticate(db: pg.Pool, req: IncomingMessage): Promise<Authentication> {
  const match = BEARER.exec(req.headers.authorization ?? '');
  const token = match?.[1];
  if (!token || token.length > 200) return { ok: false, revoked: false };
  // A revoked row is found too (its hash stays): telling "revoked" from "unknown" costs no second query.
  const found = await db.query<{ id: string; kind: TokenKind; station_id: string | null; warehouse_id: string; name: string; revoked: boolean }>(
    {
      name: 'hub_authenticate',
      text: `SELECT t.id, t.kind, t.station_id, t.warehouse_id, w.name, t.revoked_at IS NOT NULL AS revoked
               FROM tokens t JOIN warehouses w ON w.id = t.warehouse_id
              WHERE t.token_hash = $1`,
      values: [hashToken(token)],
    },
  );
  const row = found.rows[0];
  if (!row) return { ok: false, revoked: false };
  if (row.revoked) return { ok: false, revoked: true };
  return { ok: true, principal: { tokenId: row.id, kind: row.kind, warehouseId: row.warehouse_id, warehouseName: row.name, stationId: row.station_id } };
}

/**
 * Records the token's use with a synchronous commit. Because WAL is flushed in order, this also makes
 * durable every transaction committed before it, including the push's asynchronously committed ops
 * and whatever a pull page read: nothing leaves the hub before it is on disk.
 */
export async function touchToken(db: pg.Pool | pg.PoolClient, tokenId: string): Promise<void> {
  await db.query({ name: 'hub_touch_token', text: 'UPDATE tokens SET last_used_at = now() WHERE id = $1', values: [tokenId] });
}
