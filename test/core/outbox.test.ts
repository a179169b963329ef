import { describe, expect, it } from 'vitest';
import { MAX_VALUES_PER_OP, outboxEntrySchema } from '../../shared/sync/ops.js';
import { openTestBench } from './helpers.js';

describe('the sync outbox', () => {
  it('splits a large grid save into identifier ops that each fit a push request', () => {
    const bench = openTestBench();
    const productId = bench.product('BIG', 'single_use', 25_000);
    const before = bench.outboxOps().length;
    const values = Array.from({ length: 25_000 }, (_, i) => `SN-${String(i).padStart(6, '0')}`);
    bench.ok('saveSerialGrid', { productId, edits: values.map((value, box) => ({ box, identifierId: null, value })) });

    const ops = bench.outboxOps().slice(before);
    expect(ops.map((op) => op.type)).toEqual(['identifier.add', 'identifier.add', 'identifier.add']);
    const sent = ops.flatMap((op) => op.values as string[]);
    expect(sent).toEqual(values);
    for (const op of ops) {
      expect((op.values as string[]).length).toBeLessThanOrEqual(MAX_VALUES_PER_OP);
      expect(outboxEntrySchema.safeParse({ seq: 1, at: new Date().toISOString(), actor: 'packer', op }).success).toBe(true);
    }
  });
});
