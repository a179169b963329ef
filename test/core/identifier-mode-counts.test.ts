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
    expect(bench.ok('getIdentifierModeCounts', { productId: su, mode: 'none' })).toEqual({
      sku: 'SU',
      identifierMode: 'single_use',
      identifierKind: 'other',
      identifiers: 5,
      dispatched: 2,
      consumed: 2,
      awaitingOrders: 2,
      // C, on SO-2 awaiting dispatch, holds None off: said before any question.
      refusal: 'SU has 1 identifier allocation on an order awaiting dispatch (SO-2); clear it before turning identifiers off.',
    });
    // A read: nothing changes, nothing is queued for the hub.
    expect(bench.snapshot()).toEqual(before);

    // Multiple use makes the dispatched ones available again: none is marked used any more.
    bench.ok('setIdentifierMode', { productId: su, mode: 'multiple_use' });
    expect(bench.ok('getIdentifierModeCounts', { productId: su, mode: 'single_use' })).toMatchObject({ identifierMode: 'multiple_use', dispatched: 2, consumed: 0 });
  });

  it("names the values by the product's kind as the store holds it now: use-by dates, lot numbers, serial numbers", () => {
    const { bench, su } = dispatchedThenNone();
    const spec = (identifierKind: 'use_by' | 'lot' | 'serial') => bench.ok('setIdentifierSpec', { productId: su, identifierKind, identifierFormat: null, minShelfLifeDays: null });
    const question = () => modeChangeConsequence(bench.ok('getIdentifierModeCounts', { productId: su, mode: 'single_use' }), 'single_use');
    spec('use_by');
    expect(bench.ok('getIdentifierModeCounts', { productId: su, mode: 'single_use' }).identifierKind).toBe('use_by');
    expect(question()).toBe('SU becomes Single Use: 2 use-by dates already dispatched are marked used and cannot be allocated again.');
    spec('lot');
    expect(question()).toBe('SU becomes Single Use: 2 lot numbers already dispatched are marked used and cannot be allocated again.');
    spec('serial');
    expect(question()).toBe('SU becomes Single Use: 2 serial numbers already dispatched are marked used and cannot be allocated again.');
  });

  it('answers zeros for a product without identifiers or orders, and refuses an unknown product by its id', () => {
    const bench = openTestBench();
    const plain = bench.product('CBL', 'none', 10);
    expect(bench.ok('getIdentifierModeCounts', { productId: plain, mode: 'single_use' })).toEqual({
      sku: 'CBL',
      identifierMode: 'none',
      identifierKind: 'other',
      identifiers: 0,
      dispatched: 0,
      consumed: 0,
      awaitingOrders: 0,
      refusal: null,
    });
    expect(bench.refused('getIdentifierModeCounts', { productId: 987654, mode: 'single_use' })).toMatchObject({ code: 'not_found', message: 'No product with id 987654' });
  });

  it('kept while the mode is None: none is marked used, and the question for Multiple Use counts those dispatched, which it frees', () => {
    const { bench, su } = dispatchedThenNone();
    const counts: IdentifierModeCounts = bench.ok('getIdentifierModeCounts', { productId: su, mode: 'multiple_use' });
    // None sets every status back to available: the dispatched ones are no longer marked used...
    expect(counts).toEqual({ sku: 'SU', identifierMode: 'none', identifierKind: 'other', identifiers: 5, dispatched: 2, consumed: 0, awaitingOrders: 0, refusal: null });
    // ...but they are still on dispatched units, and multiple use lets them be allocated again.
    expect(modeChangeConsequence(counts, 'multiple_use')).toBe('SU becomes Multiple Use: 2 identifiers already dispatched become available to allocate again.');

    bench.ok('setIdentifierMode', { productId: su, mode: 'multiple_use', fromMode: 'none' });
    const again = bench.order('SO-2', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: again.lineIds[0]!, unit: 1, value: 'A' }] });
    expect(bench.count(`SELECT count(*) FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE i.value = 'A' AND a.dispatch_id IS NULL`)).toBe(1);
  });

  it('kept while the mode is None: the question for Single Use counts those dispatched, which it marks used', () => {
    const { bench, su } = dispatchedThenNone();
    const counts: IdentifierModeCounts = bench.ok('getIdentifierModeCounts', { productId: su, mode: 'single_use' });
    expect(counts.refusal).toBeNull();
    expect(modeChangeConsequence(counts, 'single_use')).toBe('SU becomes Single Use: 2 identifiers already dispatched are marked used and cannot be allocated again.');

    bench.ok('setIdentifierMode', { productId: su, mode: 'single_use', fromMode: 'none' });
    expect(bench.ok('getIdentifierModeCounts', { productId: su, mode: 'multiple_use' })).toMatchObject({ identifierMode: 'single_use', dispatched: 2, consumed: 2 });
    const again = bench.order('SO-2', [['SU', 1]]);
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: again.lineIds[0]!, unit: 1, value: 'A' }] }).issues).toEqual([
      expect.objectContaining({ message: '"A" is already dispatched with order SO-1.' }),
    ]);
  });
});

/**
 * The refusal a change would meet, read with the counts before any question is asked: in the very words
 * setIdentifierMode refuses with (one check in the core serves both), or null when the change is taken.
 */
describe('getIdentifierModeCounts: the refusal the change would meet', () => {
  /** The read's refusal for `mode`, checked against setIdentifierMode's own (which changes nothing). */
  function sameRefusal(bench: TestBench, productId: number, mode: 'none' | 'single_use' | 'multiple_use'): string | null {
    const before = bench.snapshot();
    const { refusal } = bench.ok('getIdentifierModeCounts', { productId, mode });
    // A read: nothing changes, nothing is queued for the hub.
    expect(bench.snapshot()).toEqual(before);
    expect(refusal).toBe(bench.refused('setIdentifierMode', { productId, mode }).message);
    return refusal;
  }

  it('None while identifiers are allocated to units awaiting dispatch: the orders are named as setIdentifierMode names them', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 8, ['A', 'B', 'C', 'D', 'E']);
    const orders = ['SO-5', 'SO-1', 'SO-2', 'SO-4', 'SO-3'].map((number) => bench.order(number, [['SU', 1]]));
    bench.ok('saveAllocations', { allocations: [{ lineId: orders[1]!.lineIds[0]!, unit: 1, value: 'A' }] });
    expect(sameRefusal(bench, su, 'none')).toBe('SU has 1 identifier allocation on an order awaiting dispatch (SO-1); clear it before turning identifiers off.');
    ['B', 'C', 'D', 'E'].forEach((value, i) => {
      const order = orders[i === 0 ? 0 : i + 1]!;
      bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value }] });
    });
    expect(sameRefusal(bench, su, 'none')).toBe(
      'SU has 5 identifier allocations on 5 orders awaiting dispatch (SO-1, SO-2, SO-3 and 2 more); clear them before turning identifiers off.',
    );
    // Multiple use is not refused: the allocations stay.
    expect(bench.ok('getIdentifierModeCounts', { productId: su, mode: 'multiple_use' }).refusal).toBeNull();
  });

  it('Single Use while a value is on several order units: awaiting dispatch, partly dispatched, all dispatched', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 5, ['L1']);
    const order = bench.order('SO-1', [['MU', 2]]);
    const line = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: [{ lineId: line, unit: 1, value: 'L1' }, { lineId: line, unit: 2, value: 'L1' }] });
    expect(sameRefusal(bench, mu, 'single_use')).toBe(
      'MU cannot become single use: "L1" is already allocated to 2 order units awaiting dispatch; a single-use identifier goes on one order unit only.',
    );
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: line, quantity: 1 }] });
    expect(sameRefusal(bench, mu, 'single_use')).toBe(
      'MU cannot become single use: "L1" is already on 2 order units (1 dispatched, 1 awaiting dispatch); a single-use identifier goes on one order unit only.',
    );
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: line, quantity: 1 }] });
    expect(sameRefusal(bench, mu, 'single_use')).toBe(
      'MU cannot become single use: "L1" was already dispatched on 2 order units; a single-use identifier goes on one order unit only.',
    );
    // None is not refused once every unit holding it is dispatched.
    expect(bench.ok('getIdentifierModeCounts', { productId: mu, mode: 'none' }).refusal).toBeNull();
  });

  it('Single Use with more identifiers not yet dispatched than units in stock, from Multiple Use and from None (kept identifiers)', () => {
    const bench = openTestBench();
    const one = bench.product('ONE', 'multiple_use', 1, ['L-1', 'L-2']);
    expect(sameRefusal(bench, one, 'single_use')).toBe(
      'ONE cannot become single use: it has 2 identifiers not yet dispatched for 1 unit in stock. ' +
        'Remove 1 of them (clear its box under "Manually Update Serial Numbers" on the product screen and save), ' +
        'or raise the stock level to 2 if that many units are in stock.',
    );
    const kept = bench.product('KEPT', 'multiple_use', 1, ['K1', 'K2', 'K3']);
    bench.ok('setIdentifierMode', { productId: kept, mode: 'none' });
    expect(sameRefusal(bench, kept, 'single_use')).toContain('Remove 2 of them (clear their boxes');
  });

  it('null for a change the core takes, and for the mode the product already has', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const order = bench.order('SO-1', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A' }] });
    const refusalFor = (mode: 'none' | 'single_use' | 'multiple_use') => bench.ok('getIdentifierModeCounts', { productId: su, mode }).refusal;
    expect(refusalFor('single_use')).toBeNull();
    expect(refusalFor('multiple_use')).toBeNull();
    expect(refusalFor('none')).not.toBeNull();
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    expect(refusalFor('none')).toBeNull();
    const plain = bench.product('CBL', 'none', 10);
    for (const mode of ['none', 'single_use', 'multiple_use'] as const) {
      expect(bench.ok('getIdentifierModeCounts', { productId: plain, mode }).refusal).toBeNull();
    }
  });
});
