/**
 * POST /v1/push. Each outbox entry is applied in its own transaction (one call of the SQL function
 * push_entry, which locks the station row, checks the seq, applies the op and advances the seq).
 *
 * Durability: the op transactions commit with synchronous_commit off (no disk flush each), and the
 * answer is sent only after one synchronous commit at the end (touchToken) has flushed the WAL past all
 * of them. So an answer always describes durable state, at the cost of one flush per request instead of
 * one per op.
 */
import type pg from 'pg';
import type { Principal } from '../auth/authenticate.js';
import { touchToken } from '../auth/authenticate.js';
import { isRetryable } from '../db/pool.js';
import { HttpError } from '../http/errors.js';
import type { PushRequest, PushResponse, PushResult } from '../protocol.js';
import type { OutboxEntry } from '../../shared/sync/ops.js';
import { precheck } from './precheck.js';

const MAX_ATTEMPTS = 5;

type EntryOutcome = { status: 'applied' | 'duplicate' } | { status: 'rejected'; reason: string } | { status: 'gap'; expected: number };

async function pushEntry(client: pg.PoolClient, principal: Principal, entry: OutboxEntry): Promise<EntryOutcome> {
  const query = {
    name: 'hub_push_entry',
    text: 'SELECT push_entry($1, $2, $3, $4, $5, $6) AS r',
    values: [principal.warehouseId, principal.stationId, entry.seq, entry.at, entry.op, precheck(entry.op)],
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await client.query<{ r: EntryOutcome }>(query);
      return result.rows[0]!.r;
    } catch (err) {
      // A deadlock or serialization failure rolled the whole op back; running it again is safe.
      if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

export async function push(db: pg.Pool, principal: Principal, request: PushRequest): Promise<PushResponse> {
  if (request.stationId !== principal.stationId) {
    throw new HttpError(403, 'forbidden', `this token belongs to station "${principal.stationId}", not "${request.stationId}"`);
  }
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('SET synchronous_commit TO off');
    const results: PushResult[] = [];
    let stop: string | null = null;
    for (const entry of request.entries) {
      if (stop !== null) {
        results.push({ seq: entry.seq, status: 'not_applied', reason: stop });
        continue;
      }
      let outcome: EntryOutcome;
      try {
        outcome = await pushEntry(client, principal, entry);
      } catch (err) {
        stop = `hub error, push again later: ${(err as Error).message}`;
        results.push({ seq: entry.seq, status: 'not_applied', reason: stop });
        continue;
      }
      if (outcome.status === 'gap') {
        stop = `gap: the hub expects seq ${outcome.expected} next`;
        results.push({ seq: entry.seq, status: 'not_applied', reason: stop });
      } else {
        results.push({ seq: entry.seq, ...outcome });
      }
    }
    await client.query('RESET synchronous_commit');
    // Always, even when every entry was a duplicate: an earlier request may have committed them
    // without reaching its own flush.
    await touchToken(client, principal.tokenId);
    const station = await client.query<{ last_seq: string }>(
      'SELECT last_seq FROM stations WHERE warehouse_id = $1 AND station_id = $2',
      [principal.warehouseId, principal.stationId],
    );
    return { stationId: request.stationId, lastSeq: Number(station.rows[0]?.last_seq ?? 0), results };
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A client that failed mid-way may still carry synchronous_commit=off: discard it.
    client.release(broken);
  }
}
