import { describe, expect, it } from 'vitest';
import { MAX_VALUES_PER_OP, outboxEntrySchema } from '../../shared/sync/ops.js';
import { openBenchCore } from '../../electron/core/bench-core.js';
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

  it('counts pending changes right as they are made, rolled back, acknowledged or written by another process', () => {
    const bench = openTestBench();
    const productId = bench.product('CNT', 'none', 5);
    bench.product('SER', 'single_use', 5, ['SER-1']);
    const order = bench.order('SO-CNT', [['CNT', 1], ['SER', 1]]);
    const [cntLine, serLine] = order.lineIds as [number, number];
    const pending = () => bench.count('SELECT count(*) FROM outbox WHERE acked_at IS NULL');
    const shown = () => bench.ok('getSyncStatus', {}).pendingOps;
    expect(shown()).toBe(pending());

    for (let level = 6; level <= 8; level++) {
      const before = shown();
      bench.ok('changeStockLevel', { productId, newStockLevel: level });
      expect(shown()).toBe(before + 1);
    }
    expect(shown()).toBe(pending());

    // Refused after saving the box (an entry) inside its transaction: nothing is left to count.
    const box = { lineId: serLine, unit: 1, value: 'SER-1' };
    bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: cntLine, quantity: 2 }], allocations: [box] });
    expect(shown()).toBe(pending());

    // Another process acknowledges some entries (as a second core or a repair would), then writes one.
    bench.writer.prepare(`UPDATE outbox SET acked_at = '2026-01-01T00:00:00.000Z' WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT 2)`).run();
    expect(shown()).toBe(pending());
    const other = openBenchCore({ file: bench.file });
    try {
      other.changeStockLevel({ productId, newStockLevel: 9, newIdentifiers: [], leavingIdentifiers: [] });
    } finally {
      other.close();
    }
    expect(shown()).toBe(pending());
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: cntLine, quantity: 1 }, { lineId: serLine, quantity: 1 }], allocations: [box] });
    expect(shown()).toBe(pending());
  });
});
