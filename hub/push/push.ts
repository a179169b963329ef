/**
 * POST /v1/push. The entries go to the SQL procedure push_batch in one call (made by push_request).
 * A run of consecutive packing ops (order.upsert, allocation.set, order.dispatch, stock.delta) is applied set-wise in one
 * transaction (push_set, hub migration 0008) when nothing in it would be refused; otherwise, and for
 * every other op, each entry gets its own transaction (push_entry: lock the station row, check the seq,
 * apply the op, advance the seq, COMMIT). Both give the same answers and rows.
 *
 * Durability: those transactions commit with synchronous_commit off (no disk flush each), and the
 * answer is sent only after one synchronous commit at the end (touchToken) has flushed the WAL past all
 * of them. So an answer always describes durable state, at the cost of one flush per request.
 *
 * Order per station: a bench may send its next request before the answer to the last one (the sync
 * engine keeps two in flight). Requests of one station take turns on a session advisory lock, held
 * from before push_batch reads the station's seq until after it has committed, so the next request
 * finds every entry of the previous one applied, whichever arrived first at the hub. The turn is taken
 * and let go inside the database, in the one CALL of push_request (hub migration 0016), so the next
 * request starts the moment this one has committed. The flush and the answer happen after the turn is
 * let go: the next request's ops overlap this one's flush. Its WAL comes after this one's, so it can
 * never be durable (and answered) while this one is not.
 */
import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { HttpError } from '../http/errors.js';
import type { PushRequest, PushResponse, PushResult } from '../../shared/sync/protocol.js';
import { rejectUnfitIdentifiers } from '../identifiers/formats.js';
import { checkEntries } from './validate.js';

type BatchStatus = 'applied' | 'duplicate' | 'rejected' | 'gap' | 'error';

/** Advisory lock class of a station's turn to push (the object: a hash of warehouse and station). */
export const PUSH_TURN_LOCK = 9_091;
/**
 * How long a request that starts past the seq the hub expects (it has usually overtaken the station's
 * previous request, sent just before it) waits for that request before push_batch answers the gap.
 */
const OVERTAKEN_WAIT_MS = 1_000;

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
    const called = await client.query<{ p_statuses: BatchStatus[]; p_reasons: (string | null)[]; p_last_seq: string | null }>({
      name: 'hub_push_request',
      text: 'CALL push_request($1, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL)',
      values: [
        principal.warehouseId,
        principal.stationId,
        JSON.stringify(entries),
        checked.map((c) => c.rejection),
        PUSH_TURN_LOCK,
        `${principal.warehouseId}/${principal.stationId}`,
        OVERTAKEN_WAIT_MS,
      ],
    });
    // Always, even when every entry was a duplicate: an earlier request may have committed them
    // without reaching its own flush.
    await touchToken(client, principal.tokenId);
    const { p_statuses: statuses, p_reasons: reasons, p_last_seq: lastSeq } = called.rows[0]!;
    const stationLastSeq = Number(lastSeq ?? 0);
    return { stationId: request.stationId, lastSeq: stationLastSeq, results: answers(request, statuses, reasons, stationLastSeq) };
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A client that failed mid-way may still carry synchronous_commit=off or the station's turn:
    // discard it (closing the session lets the lock go).
    client.release(broken);
  }
}

/**
 * Per-entry answers; entries after a gap or a hub error were not attempted. push_batch stops at a gap
 * with the station's turn still held, so the seq it expects is the station's last seq (a number column
 * of push_request) plus one; the gap's text slot is not read.
 */
function answers(request: PushRequest, statuses: BatchStatus[], reasons: (string | null)[], lastSeq: number): PushResult[] {
  let stop: Omit<PushResult, 'seq'> = { status: 'not_applied', reason: '' };
  return request.entries.map((entry, i): PushResult => {
    const status = statuses[i];
    const reason = reasons[i] ?? undefined;
    if (status === undefined) return { seq: entry.seq, ...stop };
    if (status === 'gap') {
      const expectedSeq = lastSeq + 1;
      stop = { status: 'not_applied', reason: `gap: the hub expects seq ${expectedSeq} next`, expectedSeq };
    } else if (status === 'error') {
      stop = { status: 'not_applied', reason: `hub error, push again later: ${reason}` };
    } else return reason === undefined ? { seq: entry.seq, status } : { seq: entry.seq, status, reason };
    return { seq: entry.seq, ...stop };
  });
}
