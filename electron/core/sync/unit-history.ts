/**
 * What the hub holds for an order unit from this bench's own ops: the last allocation op before a
 * given seq that the hub took (acknowledged, not refused). Read from the outbox, which keeps taken
 * entries for a while (their pruning keeps those a conflict refers to).
 */
import type { Db } from '../db/open.js';

export function createUnitHistory(db: Db) {
  const lastTaken = db.prepare<[number, string, number, number], { op: string }>(
    `SELECT op FROM outbox WHERE seq < ? AND acked_at IS NOT NULL
       AND json_extract(op, '$.type') IN ('allocation.set', 'allocation.clear')
       AND json_extract(op, '$.orderNumber') = ? AND json_extract(op, '$.lineNo') = ? AND json_extract(op, '$.unit') = ?
       AND NOT EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.kind = 'push' AND c.op_seq = outbox.seq)
     ORDER BY seq DESC LIMIT 1`,
  );
  return {
    /** The identifier this bench gave the unit in its last op before `seq` that the hub took; null if none or it was cleared. */
    lastTakenValue(seq: number, unit: { orderNumber: string; lineNo: number; unit: number }): string | null {
      const row = lastTaken.get(seq, unit.orderNumber, unit.lineNo, unit.unit);
      if (!row) return null;
      const op = JSON.parse(row.op) as { type: string; value?: unknown };
      return op.type === 'allocation.set' && typeof op.value === 'string' ? op.value : null;
    },
  };
}
