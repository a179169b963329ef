import { futureCountProblem, outboxEntrySchema, type OutboxEntry } from '../../shared/sync/ops.js';
import { describeZodError, type PushRequest } from '../../shared/sync/protocol.js';


export type CheckedEntry = { seq: number; entry: OutboxEntry; rejection: null } | { seq: number; entry: null; rejection: string };

/**
 * Each entry's op checked on its own with the shared schema: a bad one (a NUL, a lone surrogate, an
 * empty identifier, an out-of-range delta...) is rejected alone with the reason and never reaches SQL;
 * its seq still advances so the bench can turn it into a conflict and push the next.
 */
export function checkEntries(request: PushRequest, now = Date.now()): CheckedEntry[] {
  return request.entries.map((raw) => {
    const parsed = outboxEntrySchema.safeParse(raw);
    if (parsed.success) {
      const { op } = parsed.data;
      const future = op.type === 'stock.count' ? futureCountProblem(op.countedAt, now) : null;
      if (future) return { seq: raw.seq, entry: null, rejection: `the hub cannot take this change: ${future}` };
      return { seq: raw.seq, entry: parsed.data, rejection: null };
    }
    return { seq: raw.seq, entry: null, rejection: `the hub cannot take this change: ${describeZodError(parsed.error)}` };
  });
}
