/**
 * A single-use identifier the hub reports consumed (another bench dispatched it) has no dispatch on
 * this bench: the picker does not offer it, and neither "Save Changes" nor "Complete Order" with it
 * in a box is taken, naming the box; nothing changes, and it never becomes available again here.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { pullApplierOn } from './pull-applier.js';

function benchWhereS1WasDispatchedElsewhere() {
  const bench = openTestBench();
  const productId = bench.product('SU', 'single_use', 3, ['S1', 'S2', 'S3']);
  const order = bench.order('SO-1', [['SU', 2]], 'Ada');
  // This bench's ops so far were pushed and acknowledged (a pull waits for that).
  bench.writer.prepare(`UPDATE outbox SET acked_at = '2026-01-01T00:00:00Z' WHERE acked_at IS NULL`).run();
  const { applier } = pullApplierOn(bench);
  expect(applier.applyPage([{ kind: 'identifier', changeId: 50, sku: 'SU', value: 'S1', status: 'consumed' }], 'c1')).toMatchObject({ quarantined: 0 });
  return { bench, productId, order, lineId: order.lineIds[0]! };
}

const REFUSAL = '"S1" was already dispatched (from another bench); a single-use identifier cannot be used again.';

describe('a single-use identifier dispatched at another bench', () => {
  it('is neither offered nor saved into a box; the refusal names the box and changes nothing', () => {
    const { bench, productId, lineId } = benchWhereS1WasDispatchedElsewhere();
    expect(bench.ok('searchCandidates', { productId, query: 'S1', limit: 5 }).items.map((c) => c.value)).toEqual([]);
    const refused = bench.refused('saveAllocations', { allocations: [{ lineId, unit: 1, value: 'S1' }] });
    expect(refused.issues).toEqual([expect.objectContaining({ lineId, unit: 1, message: REFUSAL })]);
    expect(bench.count(`SELECT count(*) FROM identifiers WHERE value = 'S1' AND status = 'consumed'`)).toBe(1);
  });

  it('is not dispatched by "Complete Order" with it in a box', () => {
    const { bench, order, lineId } = benchWhereS1WasDispatchedElsewhere();
    const refused = bench.refused('completeOrder', {
      orderId: order.id,
      lines: [{ lineId, quantity: 2 }],
      allocations: [{ lineId, unit: 1, value: 'S1' }, { lineId, unit: 2, value: 'S2' }],
    });
    expect(refused.issues.map((issue) => issue.message)).toEqual([REFUSAL]);
  });

  it('is not dispatched from a box that held it before the pull, and stays consumed when the box lets go of it', () => {
    const bench = openTestBench();
    const productId = bench.product('SU', 'single_use', 3, ['S1', 'S2', 'S3']);
    const order = bench.order('SO-1', [['SU', 2]], 'Ada');
    const lineId = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: 'S1' }] });
    bench.writer.prepare(`UPDATE outbox SET acked_at = '2026-01-01T00:00:00Z' WHERE acked_at IS NULL`).run();
    const { applier } = pullApplierOn(bench);
    applier.applyPage([{ kind: 'identifier', changeId: 50, sku: 'SU', value: 'S1', status: 'consumed' }], 'c1');
    // Still in its box: "Complete Order" refuses it, naming the unit, and dispatches nothing.
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 2, value: 'S2' }] });
    const refused = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 2 }] });
    expect(refused.issues).toEqual([
      { where: 'SU (line 1) unit 1', lineId, unit: 1, message: '"S1" was already dispatched (from another bench); a single-use identifier cannot be used again. Choose another for this unit.' },
    ]);
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: null }] });
    expect(bench.count(`SELECT count(*) FROM identifiers WHERE value = 'S1' AND status = 'consumed'`)).toBe(1);
    expect(bench.ok('searchCandidates', { productId, query: 'S1', limit: 5 }).items).toEqual([]);
  });
});
