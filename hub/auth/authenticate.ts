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

/** The caller behind the Authorization header, or null for a missing, unknown or revoked token. */
export async function authenticate(db: pg.Pool, req: IncomingMessage): Promise<Principal | null> {
  const match = BEARER.exec(req.headers.authorization ?? '');
  const token = match?.[1];
  if (!token || token.length > 200) return null;
  const found = await db.query<{ id: string; kind: TokenKind; station_id: string | null; warehouse_id: string; name: string }>(
    {
      name: 'hub_authenticate',
      text: `SELECT t.id, t.kind, t.station_id, t.warehouse_id, w.name
               FROM tokens t JOIN warehouses w ON w.id = t.warehouse_id
              WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      values: [hashToken(token)],
    },
  );
  const row = found.rows[0];
  if (!row) return null;
  return { tokenId: row.id, kind: row.kind, warehouseId: row.warehouse_id, warehouseName: row.name, stationId: row.station_id };
}

/**
 * Records the token's use with a synchronous commit. Because WAL is flushed in order, this also makes
 * durable every transaction committed before it, including the push's asynchronously committed ops
 * and whatever a pull page read: nothing leaves the hub before it is on disk.
 */
export async function touchToken(db: pg.Pool | pg.PoolClient, tokenId: string): Promise<void> {
  await db.query({ name: 'hub_touch_token', text: 'UPDATE tokens SET last_used_at = now() WHERE id = $1', values: [tokenId] });
}
