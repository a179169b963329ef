/**
 * POST /v1/push. The entries go to the SQL procedure push_batch in one call. A run of consecutive
 * packing ops (order.upsert, allocation.set, order.dispatch, stock.delta) is applied set-wise in one
 * transaction (push_set, hub migration 0008) when nothing in it would be refused; otherwise, and for
 * every other op, each entry gets its own transaction (push_entry: lock the station row, check the seq,
 * apply the op, advance the seq, COMMIT). Both give the same answers and rows.
 *
 * Durability: those transactions commit with synchronous_commit off (no disk flush each), and the
 * answer is sent only after one synchronous commit at the end (touchToken) has flushed the WAL past all
 * of them. So an answer always describes durable state, at the cost of one flush per request.
 */
import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { HttpError } from '../http/errors.js';
import type { PushRequest, PushResponse, PushResult } from '../../shared/sync/protocol.js';
import { rejectUnfitIdentifiers } from '../identifiers/formats.js';
import { checkEntries } from './validate.js';

type BatchStatus = 'applied' | 'duplicate' | 'rejected' | 'gap' | 'error';

export async function push(db: pg.Pool, principal: Principal, request: PushRequest): Promise<PushResponse> {
  if (request.stationId !== principal.stationId) {
    throw new HttpError(403, 'forbidden', `this token belongs to station "${principal.stationId}", not "${request.stationId}"`);
  }
  const checked = checkEntries(request);
  // Issue 12: new identifier values must fit their product's kind and format (the rule is named).
  await rejectUnfitIdentifiers(db, principal.warehouseId, checked);
  // A rejected entry travels without its op: its text may be what PostgreSQL cannot hold (a NUL).
  const entries = checked.map((c) => ({ seq: c.seq, at: c.entry?.at ?? null, actor: c.entry?.actor ?? null, op: c.entry?.op ?? null }));
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('SET synchronous_commit TO off');
    const batch = await client.query<{ p_statuses: BatchStatus[]; p_reasons: (string | null)[] }>({
      name: 'hub_push_batch',
      text: 'CALL push_batch($1, $2, $3, $4, NULL, NULL)',
      values: [principal.warehouseId, principal.stationId, JSON.stringify(entries), checked.map((c) => c.rejection)],
    });
    await client.query('RESET synchronous_commit');
    // Always, even when every entry was a duplicate: an earlier request may have committed them
    // without reaching its own flush.
    await touchToken(client, principal.tokenId);
    const station = await client.query<{ last_seq: string }>(
      'SELECT last_seq FROM stations WHERE warehouse_id = $1 AND station_id = $2',
      [principal.warehouseId, principal.stationId],
    );
    const { p_statuses: statuses, p_reasons: reasons } = batch.rows[0]!;
    return { stationId: request.stationId, lastSeq: Number(station.rows[0]?.last_seq ?? 0), results: answers(request, statuses, reasons) };
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A client that failed mid-way may still carry synchronous_commit=off: discard it.
    client.release(broken);
  }
}

/** Per-entry answers; entries after a gap or a hub error were not attempted. */
function answers(request: PushRequest, statuses: BatchStatus[], reasons: (string | null)[]): PushResult[] {
  let stop: Omit<PushResult, 'seq'> = { status: 'not_applied', reason: '' };
  return request.entries.map((entry, i): PushResult => {
    const status = statuses[i];
    const reason = reasons[i] ?? undefined;
    if (status === undefined) return { seq: entry.seq, ...stop };
    if (status === 'gap') {
      // push_batch answers the expected seq as the gap's "reason"; it travels as a number.
      const expectedSeq = Number(reason);
      stop = { status: 'not_applied', reason: `gap: the hub expects seq ${expectedSeq} next`, expectedSeq };
    } else if (status === 'error') {
      stop = { status: 'not_applied', reason: `hub error, push again later: ${reason}` };
    } else return reason === undefined ? { seq: entry.seq, status } : { seq: entry.seq, status, reason };
    return { seq: entry.seq, ...stop };
  });
}
