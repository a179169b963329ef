import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { pageJson, readPage } from './watermark.js';

/** GET /v1/pull: the JSON text of a PullResponse for the caller's warehouse. */
export async function pull(db: pg.Pool, principal: Principal, cursor: string | undefined, limit: number): Promise<string> {
  const page = await readPage(db, 'changes', principal.warehouseId, cursor, limit);
  // The rows read may come from push transactions committed without a flush: make them durable
  // before they leave the hub (see push.ts).
  await touchToken(db, principal.tokenId);
  return pageJson('changes', page);
}
