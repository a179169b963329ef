/**
 * First-expiring-first for every unit (issue 12), against a real bench file: "Save Changes" and
 * "Complete Order" with fefoFill give every still-empty unit of the FEFO lines the next usable value in
 * expiry order in the same transaction (units the dialog never showed included), after the packer's own
 * boxes; expired and too-close values are never taken; units the packer cleared stay empty; a short
 * supply leaves units empty and counted; a refused completion rolls the fill back. The sheet tells the
 * dialog beforehand what the fill will give (fefoPlan).
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from './helpers.js';

const now = () => '2026-12-02T12:00:00.000Z';

/** A single-use use-by product with `count` dates from 2027-01-01 on, plus an expired and a too-close one. */
function useByBench(count: number, stock = count + 2) {
  const bench = openTestBench({ now });
  const dates = Array.from({ length: count }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
  // Entered newest first, so value order is not entry order.
  const milk = bench.product('MILK', 'single_use', stock, [...dates].reverse().concat(['2026-11-30', '2026-12-04']));
  bench.ok('setIdentifierSpec', { productId: milk, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 3 });
  return { bench, milk, dates };
}

function allocated(bench: ReturnType<typeof openTestBench>, lineId: number): string[] {
  return bench.reader
    .prepare<[number], { value: string }>('SELECT i.value FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE a.line_id = ? ORDER BY a.unit')
    .all(lineId)
    .map((r) => r.value);
}

describe('fefoFill on save', () => {
  it('fills every empty unit of every FEFO line in date order, after the packer’s boxes, never expired or too close', () => {
    const { bench, dates } = useByBench(400);
    const first = bench.order('SO-1', [['MILK', 250]]);
    const second = bench.order('SO-2', [['MILK', 100]]);
    const sheet = bench.ok('getAllocationSheet', { orderIds: [first.id, second.id] });
    const [line1, line2] = [sheet.orders[0]!.lines[0]!, sheet.orders[1]!.lines[0]!];
    // What the dialog shows before saving: every unit, the first and last dates.
    expect(line1.fefoPlan).toEqual({ units: 250, firstUseBy: dates[0], lastUseBy: dates[249], short: 0 });
    expect(line2.fefoPlan).toEqual({ units: 100, firstUseBy: dates[250], lastUseBy: dates[349], short: 0 });

    // The packer overrides unit 1 with a later date and clears unit 2 on purpose; nothing else was shown.
    const saved = bench.ok('saveAllocations', {
      allocations: [{ lineId: line1.lineId, unit: 1, value: dates[399]! }],
      fefoFill: { orderIds: [first.id, second.id], keepEmpty: [{ lineId: line1.lineId, unit: 2 }] },
    });
    expect(saved).toMatchObject({ set: 1, fefoFilled: 348, fefoShort: 0 });
    const one = allocated(bench, line1.lineId);
    expect(one).toHaveLength(249);
    expect(one[0]).toBe(dates[399]);
    expect(one.slice(1, 4)).toEqual([dates[0], dates[1], dates[2]]); // units 3, 4, 5
    expect(one.at(-1)).toBe(dates[247]);
    expect(allocated(bench, line2.lineId)).toEqual(dates.slice(248, 348));
    expect(bench.count("SELECT count(*) FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE i.value < '2026-12-05'")).toBe(0);
    // Synced like any allocation, one op per unit.
    expect(bench.outboxOps().filter((op) => op.type === 'allocation.set')).toHaveLength(349);
    expect(bench.auditActions()).toContain('allocations.fefo_fill');

    // Saving again fills nothing more; the kept-empty unit can be filled by a later save without keepEmpty.
    expect(bench.ok('saveAllocations', { allocations: [], fefoFill: { orderIds: [first.id], keepEmpty: [{ lineId: line1.lineId, unit: 2 }] } })).toMatchObject({ fefoFilled: 0 });
    expect(bench.ok('saveAllocations', { allocations: [], fefoFill: { orderIds: [first.id] } })).toMatchObject({ fefoFilled: 1 });
    expect(allocated(bench, line1.lineId)[1]).toBe(dates[348]);
  });

  it('a short supply fills what it can and counts the rest; lots without a date are never taken', () => {
    const bench = openTestBench({ now });
    const flour = bench.product('FLOUR', 'single_use', 4);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', {
      productId: flour,
      edits: [
        { box: 0, identifierId: null, value: 'L-LATE', useBy: '2027-05-01' },
        { box: 1, identifierId: null, value: 'L-EXP', useBy: '2026-11-01' },
        { box: 2, identifierId: null, value: 'L-SOON', useBy: '2027-02-01' },
        { box: 3, identifierId: null, value: 'L-NONE', useBy: '' },
      ],
    });
    const order = bench.order('SO-L', [['FLOUR', 4]]);
    const line = bench.ok('getAllocationSheet', { orderIds: [order.id] }).orders[0]!.lines[0]!;
    expect(line.fefoPlan).toEqual({ units: 2, firstUseBy: '2027-02-01', lastUseBy: '2027-05-01', short: 2, undatedLotsLeft: true });
    expect(bench.ok('saveAllocations', { allocations: [], fefoFill: { orderIds: [order.id] } })).toMatchObject({ fefoFilled: 2, fefoShort: 2 });
    expect(allocated(bench, line.lineId)).toEqual(['L-SOON', 'L-LATE']);
  });

  it('a lot line left empty says whether undated lots are on hand (for the packer to choose), and only then', () => {
    const bench = openTestBench({ now });
    const screws = bench.product('SCREWS', 'multiple_use', 5, ['LN-1', 'LN-2']);
    const oats = bench.product('OATS', 'multiple_use', 5);
    for (const productId of [screws, oats]) bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: oats, edits: [{ box: 0, identifierId: null, value: 'L-OLD', useBy: '2026-11-01' }] });
    const order = bench.order('SO-N', [['SCREWS', 1], ['OATS', 2]]);
    const [undated, expired] = bench.ok('getAllocationSheet', { orderIds: [order.id] }).orders[0]!.lines;
    expect(undated!.fefoPlan).toEqual({ units: 0, firstUseBy: null, lastUseBy: null, short: 1, undatedLotsLeft: true });
    expect(expired!.fefoPlan).toEqual({ units: 0, firstUseBy: null, lastUseBy: null, short: 2 });
    expect(expired!.fefoPlan).not.toHaveProperty('undatedLotsLeft');
  });

  it('multiple use: every empty unit takes the earliest usable value', () => {
    const bench = openTestBench({ now });
    const eggs = bench.product('EGGS', 'multiple_use', 5, ['2027-03-01', '2027-02-01', '2026-11-01']);
    bench.ok('setIdentifierSpec', { productId: eggs, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
    const order = bench.order('SO-E', [['EGGS', 4]]);
    expect(bench.ok('saveAllocations', { allocations: [], fefoFill: { orderIds: [order.id] } })).toMatchObject({ fefoFilled: 4 });
    expect(allocated(bench, order.lineIds[0]!)).toEqual(['2027-02-01', '2027-02-01', '2027-02-01', '2027-02-01']);
  });
});

describe('fefoFill on "Complete Order"', () => {
  it('fills the order’s unseen units and dispatches them in one transaction', () => {
    const { bench, dates } = useByBench(300);
    const order = bench.order('SO-C', [['MILK', 250]]);
    const lineId = order.lineIds[0]!;
    const done = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 250 }], allocations: [], fefoFill: {} });
    expect(done.status).toBe('dispatched');
    expect(allocated(bench, lineId)).toEqual(dates.slice(0, 250));
    expect(bench.count("SELECT count(*) FROM identifiers WHERE status = 'consumed'")).toBe(250);
  });

  it('units left without a usable value are named as missing, and the fill is rolled back', () => {
    const { bench } = useByBench(3, 10);
    const order = bench.order('SO-S', [['MILK', 5]]);
    const lineId = order.lineIds[0]!;
    const before = bench.snapshot();
    const result = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 5 }], fefoFill: {} });
    expect(result).toMatchObject({ status: 'identifiers_needed', missingCount: 2, missing: [{ unit: 4 }, { unit: 5 }] });
    expect(bench.snapshot()).toEqual(before);
  });
});
