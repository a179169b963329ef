/**
 * The outbox as the sync engine sees it: pending entries (acked_at IS NULL) in seq order, read in
 * batches that fit one push request, and acknowledged one by one as the hub answers.
 * The outbox is the truth: an entry stays pending until an answer for it has been stored, so a
 * crash anywhere in a push only means the entry is pushed again (and the hub answers "duplicate").
 *
 * Acknowledged entries are pruned once older than a retention period (the audit log keeps the
 * history); until then they can be sent again to a hub restored from an older backup. An entry a
 * conflict refers to stays. Seqs are never reused (AUTOINCREMENT), pruned or not.
 */
import { syncOpSchema, type SyncOp } from '../../../shared/sync/ops.js';
import type { Db } from '../db/open.js';
import { MAX_PUSH_BODY_BYTES, MAX_PUSH_ENTRIES } from '../../../shared/sync/protocol.js';

/** Entries per push request; well under the hub's limit so one request stays quick. */
export const PUSH_BATCH_ENTRIES = Math.min(1_000, MAX_PUSH_ENTRIES);
/** Bytes of op JSON per push request, unless one entry alone is larger (it then goes alone). */
export const PUSH_BATCH_BYTES = 2 * 1024 * 1024;
/** Room in a push body for the envelope around one entry's op (seq, time, actor, station). */
const ENVELOPE_BYTES = 64 * 1024;
/** An op larger than this fits no push request a hub takes (MAX_PUSH_BODY_BYTES). */
export const MAX_PUSHED_OP_BYTES = MAX_PUSH_BODY_BYTES - ENVELOPE_BYTES;

/** What a bench sends in place of an op no request can carry: the hub refuses it, so the queue moves on. */
export function tooLargeStandIn(bytes: number) {
  return { type: 'too_large', bytes };
}

/**
 * An entry as it is pushed. `op` is what the outbox holds; `checked` is that op if it passes the shared
 * schema, or null for one this version would never write (left by an older one): it is pushed anyway,
 * the hub rejects it alone and it becomes a conflict, so it can never hold up the entries after it.
 */
export interface QueuedEntry {
  seq: number;
  at: string;
  actor: string;
  op: unknown;
  checked: SyncOp | null;
  /** Set when the op is too large for any push request: its size in bytes (a stand-in is sent as `op`). */
  tooLarge?: number;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  op: string;
}

/**
 * The pending count as last counted on a connection: `n` pending entries, none above seq `upTo`, at
 * `dataVersion`. Shared by every outbox on that connection (the engine's acknowledges, the status reads).
 */
interface CountedPending {
  n: number;
  upTo: number;
  dataVersion: number;
}
const countedPending = new WeakMap<Db, CountedPending>();

export function createOutbox(db: Db) {
  const pending = db.prepare<[number, number], Row>('SELECT seq, at, actor, op FROM outbox WHERE acked_at IS NULL AND seq > ? ORDER BY seq LIMIT ?');
  const pendingAbove = db.prepare<[number], { n: number; top: number | null }>(
    'SELECT count(*) AS n, max(seq) AS top FROM outbox WHERE acked_at IS NULL AND seq > ?',
  );
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  // Not max(seq) FROM outbox: that forgets pruned entries.
  const maxSeq = db.prepare<[], { n: number | null }>(`SELECT seq AS n FROM sqlite_sequence WHERE name = 'outbox'`);
  const prune = db.prepare<[string]>(
    `DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at <= ?
       AND NOT EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.op_seq = outbox.seq)`,
  );
  const ack = db.prepare('UPDATE outbox SET acked_at = ? WHERE seq = ? AND acked_at IS NULL');
  const reopen = db.prepare('UPDATE outbox SET acked_at = NULL WHERE seq >= ? AND acked_at IS NOT NULL');
  const bySeq = db.prepare<[number], Row>('SELECT seq, at, actor, op FROM outbox WHERE seq = ?');

  function toEntry(row: Row, bytes = Buffer.byteLength(row.op)): QueuedEntry {
    let op: unknown = null;
    try {
      op = JSON.parse(row.op) as unknown;
    } catch {
      // not JSON: pushed as null, which the hub rejects
    }
    const parsed = syncOpSchema.safeParse(op);
    const checked = parsed.success ? parsed.data : null;
    // Larger than any push request the protocol promises (an op left by an older version): sent as a
    // stand-in the hub refuses, so it becomes a conflict here instead of holding up every entry after
    // it. Never a dispatch: undoing one would put back a parcel that left (it is pushed as it is).
    if (bytes > MAX_PUSHED_OP_BYTES && checked?.type !== 'order.dispatch') {
      return { seq: row.seq, at: row.at, actor: row.actor, op: tooLargeStandIn(bytes), checked, tooLarge: bytes };
    }
    return { seq: row.seq, at: row.at, actor: row.actor, op, checked };
  }

  return {
    /**
     * The next pending entries (after seq `afterSeq`: those before it are already on their way), in seq
     * order, within one request's limits (at least one entry, unless none is pending).
     */
    nextBatch(maxEntries = PUSH_BATCH_ENTRIES, afterSeq = 0): QueuedEntry[] {
      const rows = pending.all(afterSeq, Math.min(maxEntries, PUSH_BATCH_ENTRIES));
      const batch: QueuedEntry[] = [];
      let bytes = 0;
      for (const row of rows) {
        // UTF-8 bytes, as the request carries them (a CJK character is one UTF-16 unit but three bytes).
        const opBytes = Buffer.byteLength(row.op);
        bytes += opBytes + 100;
        if (batch.length > 0 && bytes > PUSH_BATCH_BYTES) break;
        batch.push(toEntry(row, opBytes));
      }
      return batch;
    },
    /**
     * Pending entries. Counting them all walks the pending index (about 20 ms at 300,000 entries, and the
     * status asks every 100 ms while orders come in), so a connection counts them all once and then adds
     * only the entries written since (seq above the last counted: new seqs only grow). Anything else
     * that makes entries pending or not (an ack or reopen here, a commit by another connection, seen as
     * PRAGMA data_version moving) counts them all again; so does a read inside a transaction, which may
     * yet roll back.
     */
    pendingCount(): number {
      if (db.inTransaction) return pendingAbove.get(0)!.n;
      const version = dataVersion.get() as number;
      const counted = countedPending.get(db);
      if (!counted || counted.dataVersion !== version) {
        const all = pendingAbove.get(0)!;
        countedPending.set(db, { n: all.n, upTo: all.top ?? 0, dataVersion: version });
        return all.n;
      }
      const added = pendingAbove.get(counted.upTo)!;
      counted.n += added.n;
      counted.upTo = added.top ?? counted.upTo;
      return counted.n;
    },
    /** The highest seq this bench ever gave an entry (pruned ones included). */
    maxSeq(): number {
      return maxSeq.get()?.n ?? 0;
    },
    /** Deletes entries acknowledged at or before `ackedBefore` (ISO time), except those of conflicts; returns how many. */
    pruneAcknowledged(ackedBefore: string): number {
      return prune.run(ackedBefore).changes;
    },
    entry(seq: number): QueuedEntry | null {
      const row = bySeq.get(seq);
      return row ? toEntry(row) : null;
    },
    /** Marks one entry answered; call inside the transaction that records the answer's effects. */
    ack(seq: number, at: string): void {
      countedPending.delete(db);
      ack.run(at, seq);
    },
    /** Makes entries from seq on pending again (the hub lost them, e.g. restored from a backup). */
    reopenFrom(seq: number): number {
      countedPending.delete(db);
      return reopen.run(seq).changes;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
