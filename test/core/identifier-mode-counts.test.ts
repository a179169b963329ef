/**
 * getIdentifierModeCounts: what a change of a product's Dispatch Identifier Mode would touch, read from
 * the store (a real SQLite file) so the product screen can say it before "Set Mode" changes anything.
 */
import { describe, expect, it } from 'vitest';
import { modeChangeConsequence, type IdentifierModeCounts } from '../../shared/domain/mode-change-words.js';
import { openTestBench, type TestBench } from './helpers.js';

/** SU, single use with serials A to E, A and B dispatched on SO-1; then its mode set to None. */
function dispatchedThenNone(): { bench: TestBench; su: number } {
  const bench = openTestBench();
  const su = bench.product('SU', 'single_use', 5, ['A', 'B', 'C', 'D', 'E']);
  const shipped = bench.order('SO-1', [['SU', 2]]);
  const line = shipped.lineIds[0]!;
  bench.ok('saveAllocations', { allocations: [{ lineId: line, unit: 1, value: 'A' }, { lineId: line, unit: 2, value: 'B' }] });
  bench.ok('completeOrder', { orderId: shipped.id, lines: [{ lineId: line, quantity: 2 }] });
  bench.ok('setIdentifierMode', { productId: su, mode: 'none' });
  return { bench, su };
}

describe('getIdentifierModeCounts', () => {
  it('counts the serial numbers, those dispatched, those marked used, and the orders awaiting dispatch that hold the product', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 5, ['A', 'B', 'C', 'D', 'E']);
    const shipped = bench.order('SO-1', [['SU', 2]]);
    const packing = bench.order('SO-2', [['SU', 1]]);
    bench.order('SO-3', [['SU', 1]]);
    const line = shipped.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: [{ lineId: line, unit: 1, value: 'A' }, { lineId: line, unit: 2, value: 'B' }] });
    bench.ok('completeOrder', { orderId: shipped.id, lines: [{ lineId: line, quantity: 2 }] });
    bench.ok('saveAllocations', { allocations: [{ lineId: packing.lineIds[0]!, unit: 1, value: 'C' }] });

    const before = bench.snapshot();
    expect(bench.ok('getIdentifierModeCounts', { productId: su })).toEqual({
      sku: 'SU',
      identifierMode: 'single_use',
      identifiers: 5,
      dispatched: 2,
      consumed: 2,
      awaitingOrders: 2,
    });
    // A read: nothing changes, nothing is queued for the hub.
    expect(bench.snapshot()).toEqual(before);

    // Multiple use makes the dispatched ones available again: none is marked used any more.
    bench.ok('setIdentifierMode', { productId: su, mode: 'multiple_use' });
    expect(bench.ok('getIdentifierModeCounts', { productId: su })).toMatchObject({ identifierMode: 'multiple_use', dispatched: 2, consumed: 0 });
  });

  it('answers zeros for a product without identifiers or orders, and refuses an unknown product by its id', () => {
    const bench = openTestBench();
    const plain = bench.product('CBL', 'none', 10);
    expect(bench.ok('getIdentifierModeCounts', { productId: plain })).toEqual({
      sku: 'CBL',
      identifierMode: 'none',
      identifiers: 0,
      dispatched: 0,
      consumed: 0,
      awaitingOrders: 0,
    });
    expect(bench.refused('getIdentifierModeCounts', { productId: 987654 })).toMatchObject({ code: 'not_found', message: 'No product with id 987654' });
  });

  it('kept while the mode is None: none is marked used, and the question for Multiple Use counts those dispatched, which it frees', () => {
    const { bench, su } = dispatchedThenNone();
    const counts: IdentifierModeCounts = bench.ok('getIdentifierModeCounts', { productId: su });
    // None sets every status back to available: the dispatched ones are no longer marked used...
    expect(counts).toEqual({ sku: 'SU', identifierMode: 'none', identifiers: 5, dispatched: 2, consumed: 0, awaitingOrders: 0 });
    // ...but they are still on dispatched units, and multiple use lets them be allocated again.
    expect(modeChangeConsequence(counts, 'multiple_use')).toBe('SU becomes Multiple Use: 2 serial numbers already dispatched become available to allocate again.');

    bench.ok('setIdentifierMode', { productId: su, mode: 'multiple_use', fromMode: 'none' });
    const again = bench.order('SO-2', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: again.lineIds[0]!, unit: 1, value: 'A' }] });
    expect(bench.count(`SELECT count(*) FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE i.value = 'A' AND a.dispatch_id IS NULL`)).toBe(1);
  });

  it('kept while the mode is None: the question for Single Use counts those dispatched, which it marks used', () => {
    const { bench, su } = dispatchedThenNone();
    const counts: IdentifierModeCounts = bench.ok('getIdentifierModeCounts', { productId: su });
    expect(modeChangeConsequence(counts, 'single_use')).toBe('SU becomes Single Use: 2 serial numbers already dispatched are marked used and cannot be allocated again.');

    bench.ok('setIdentifierMode', { productId: su, mode: 'single_use', fromMode: 'none' });
    expect(bench.ok('getIdentifierModeCounts', { productId: su })).toMatchObject({ identifierMode: 'single_use', dispatched: 2, consumed: 2 });
    const again = bench.order('SO-2', [['SU', 1]]);
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: again.lineIds[0]!, unit: 1, value: 'A' }] }).issues).toEqual([
      expect.objectContaining({ message: '"A" is already dispatched with order SO-1.' }),
    ]);
  });
});
