/**
 * The outbox as the sync engine sees it: pending entries (acked_at IS NULL) in seq order, read in
 * batches that fit one push request, and acknowledged one by one as the hub answers.
 * The outbox is the truth: an entry stays pending until an answer for it has been stored, so a
 * crash anywhere in a push only means the entry is pushed again (and the hub answers "duplicate").
 */
import { outboxEntrySchema, type OutboxEntry } from '../../../shared/sync/ops.js';
import type { Db } from '../db/open.js';
import { MAX_PUSH_ENTRIES } from '../../../shared/sync/protocol.js';

/** Entries per push request; well under the hub's limit so one request stays quick. */
export const PUSH_BATCH_ENTRIES = Math.min(1_000, MAX_PUSH_ENTRIES);
/** Bytes of op JSON per push request; the hub takes 5 MB bodies by default. */
export const PUSH_BATCH_BYTES = 2 * 1024 * 1024;

interface Row {
  seq: number;
  at: string;
  actor: string;
  op: string;
}

export function createOutbox(db: Db) {
  const pending = db.prepare<[number], Row>('SELECT seq, at, actor, op FROM outbox WHERE acked_at IS NULL ORDER BY seq LIMIT ?');
  const pendingCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL');
  const maxSeq = db.prepare<[], { n: number | null }>('SELECT max(seq) AS n FROM outbox');
  const ack = db.prepare('UPDATE outbox SET acked_at = ? WHERE seq = ? AND acked_at IS NULL');
  const reopen = db.prepare('UPDATE outbox SET acked_at = NULL WHERE seq >= ? AND acked_at IS NOT NULL');
  const bySeq = db.prepare<[number], Row>('SELECT seq, at, actor, op FROM outbox WHERE seq = ?');

  function toEntry(row: Row): OutboxEntry {
    const parsed = outboxEntrySchema.safeParse({ seq: row.seq, at: row.at, actor: row.actor, op: JSON.parse(row.op) as unknown });
    if (!parsed.success) {
      // A bug in a use case, not a network problem: stop here rather than push something the hub refuses.
      throw new Error(`outbox entry ${row.seq} is not a valid sync op: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  return {
    /** The next pending entries, in seq order, within one request's limits (at least one entry). */
    nextBatch(maxEntries = PUSH_BATCH_ENTRIES): OutboxEntry[] {
      const rows = pending.all(Math.min(maxEntries, PUSH_BATCH_ENTRIES));
      const batch: OutboxEntry[] = [];
      let bytes = 0;
      for (const row of rows) {
        bytes += row.op.length + 100;
        if (batch.length > 0 && bytes > PUSH_BATCH_BYTES) break;
        batch.push(toEntry(row));
      }
      return batch;
    },
    pendingCount(): number {
      return pendingCount.get()!.n;
    },
    maxSeq(): number {
      return maxSeq.get()!.n ?? 0;
    },
    entry(seq: number): OutboxEntry | null {
      const row = bySeq.get(seq);
      return row ? toEntry(row) : null;
    },
    /** Marks one entry answered; call inside the transaction that records the answer's effects. */
    ack(seq: number, at: string): void {
      ack.run(at, seq);
    },
    /** Makes entries from seq on pending again (the hub lost them, e.g. restored from a backup). */
    reopenFrom(seq: number): number {
      return reopen.run(seq).changes;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
