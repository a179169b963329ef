import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { pageJson, readPage } from './watermark.js';

/**
 * GET /v1/pull: the JSON text of a PullResponse for the caller's warehouse. The changes are the change
 * log's payloads as SQL wrote them (triggers and push_set), sent without a parse: that they are what
 * the shared pullChangeSchema (shared/sync/protocol.ts) takes, byte for byte, is held by
 * test/sync/hub-to-bench.property.test.ts; test/hub/poison.test.ts holds the envelope and that no
 * cursor or limit makes a pull answer 5xx.
 */
export async function pull(db: pg.Pool, principal: Principal, cursor: string | undefined, limit: number): Promise<string> {
  const page = await readPage(db, 'changes', principal.warehouseId, cursor, limit);
  // The rows read may come from push transactions committed without a flush: make them durable
  // before they leave the hub (see push.ts).
  await touchToken(db, principal.tokenId);
  return pageJson('changes', page);
}
