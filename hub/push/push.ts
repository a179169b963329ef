/**
 * POST /v1/push. Each entry is checked on its own with the shared schema (validate.ts), then the whole
 * request goes to the SQL function push_batch_tx in one statement: one transaction, a savepoint per op
 * (push_entry: lock the station row, check the seq, apply the op or record its rejection, advance the
 * seq). The answer is sent after that transaction committed (synchronously), so it always describes
 * durable state. A deadlock or serialization failure rolls the whole request back; it is run again.
 */
import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { isRetryable } from '../db/pool.js';
import { HttpError } from '../http/errors.js';
import type { PushRequest, PushResponse, PushResult } from '../../shared/sync/protocol.js';
import { checkEntries } from './validate.js';

type BatchStatus = 'applied' | 'duplicate' | 'rejected' | 'gap' | 'error';
const MAX_ATTEMPTS = 5;

export async function push(db: pg.Pool, principal: Principal, request: PushRequest): Promise<PushResponse> {
  if (request.stationId !== principal.stationId) {
    throw new HttpError(403, 'forbidden', `this token belongs to station "${principal.stationId}", not "${request.stationId}"`);
  }
  const checked = checkEntries(request);
  // A rejected entry travels without its op: its text may be what PostgreSQL cannot hold (a NUL).
  const entries = JSON.stringify(checked.map((c) => ({ seq: c.seq, at: c.entry?.at ?? null, actor: c.entry?.actor ?? null, op: c.entry?.op ?? null })));
  const rejections = checked.map((c) => c.rejection);
  let batch: pg.QueryResult<{ p_statuses: BatchStatus[]; p_reasons: (string | null)[] }>;
  for (let attempt = 1; ; attempt++) {
    try {
      batch = await db.query({
        name: 'hub_push_batch_tx',
        text: 'SELECT p_statuses, p_reasons FROM push_batch_tx($1, $2, $3, $4)',
        values: [principal.warehouseId, principal.stationId, entries, rejections],
      });
      break;
    } catch (err) {
      if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
  await touchToken(db, principal.tokenId);
  const station = await db.query<{ last_seq: string }>({
    name: 'hub_station_last_seq',
    text: 'SELECT last_seq FROM stations WHERE warehouse_id = $1 AND station_id = $2',
    values: [principal.warehouseId, principal.stationId],
  });
  const { p_statuses: statuses, p_reasons: reasons } = batch.rows[0]!;
  return { stationId: request.stationId, lastSeq: Number(station.rows[0]?.last_seq ?? 0), results: answers(request, statuses, reasons) };
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
