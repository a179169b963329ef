import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { pageJson, readPage } from '../pull/watermark.js';

/** GET /v1/dispatches: the JSON text of a DispatchFeedResponse, dispatches with their identifiers. */
export async function dispatchFeed(db: pg.Pool, principal: Principal, cursor: string | undefined, limit: number): Promise<string> {
  const page = await readPage(db, 'dispatches', principal.warehouseId, cursor, limit);
  await touchToken(db, principal.tokenId);
  return pageJson('dispatches', page);
}
