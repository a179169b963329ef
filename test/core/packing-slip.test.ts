/** The packing slip's content at the bench, and its refusals. */
import { describe, expect, it } from 'vitest';
import { openTestBench } from './helpers.js';

describe('packing slip', () => {
  it('lists what was dispatched: lines with quantities and identifiers, bench, total', () => {
    const bench = openTestBench();
    bench.product('SU', 'single_use', 5, ['S1', 'S2', 'S3']);
    bench.product('NONE', 'none', 5);
    const order = bench.order('SO-1', [['SU', 3], ['NONE', 2]], 'Ada');
    expect(bench.fail('getPackingSlip', { orderId: order.id }).message).toBe('Order SO-1 has nothing dispatched yet; complete it first.');
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'S2' }, { lineId: order.lineIds[0]!, unit: 2, value: 'S1' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 2 }, { lineId: order.lineIds[1]!, quantity: 2 }] });
    const slip = bench.ok('getPackingSlip', { orderId: order.id });
    expect(slip).toMatchObject({
      warehouse: null,
      benchName: 'Test bench',
      orderNumber: 'SO-1',
      customer: 'Ada',
      lines: [
        { lineNo: 1, sku: 'SU', quantity: 2, identifiers: ['S2', 'S1'] },
        { lineNo: 2, sku: 'NONE', quantity: 2, identifiers: [] },
      ],
      totalUnits: 4,
    });
    expect(bench.fail('getPackingSlip', { orderId: 999 }).message).toBe('Order 999 does not exist.');
  });

  it("gives each dispatched lot its use-by date (null for an undated lot), so the slip can print it", () => {
    const bench = openTestBench();
    const flour = bench.product('FLOUR', 'single_use', 2);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: null, value: 'L-1', useBy: '2031-03-31' }, { box: 1, identifierId: null, value: 'L-2', useBy: '' }] });
    const order = bench.order('SO-L', [['FLOUR', 2]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'L-2' }, { lineId: order.lineIds[0]!, unit: 2, value: 'L-1' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 2 }] });
    expect(bench.ok('getPackingSlip', { orderId: order.id }).lines).toMatchObject([{ identifierKind: 'lot', identifiers: ['L-2', 'L-1'], useBy: [null, '2031-03-31'] }]);
  });

  it("prints a lot's use-by date as it was when the unit went out: re-dating the lot later leaves past slips and the order's record as they were", () => {
    const bench = openTestBench();
    const flour = bench.product('FLOUR', 'multiple_use', 4);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: null, value: 'L-1', useBy: '2031-03-31' }, { box: 1, identifierId: null, value: 'L-2', useBy: '' }] });
    const order = bench.order('SO-D', [['FLOUR', 3]]);
    const lineId = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: 'L-1' }, { lineId, unit: 2, value: 'L-2' }, { lineId, unit: 3, value: 'L-1' }] });
    const first = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 2 }] });
    if (first.status !== 'dispatched') throw new Error('not dispatched');
    // Both lots re-dated after the parcel left (L-2 dated for the first time); unit 3 is still to go.
    const ids = bench.ok('getSerialGrid', { productId: flour }).boxes.map((b) => b.identifierId);
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: ids[0]!, value: 'L-1', useBy: '2031-06-30' }, { box: 1, identifierId: ids[1]!, value: 'L-2', useBy: '2031-07-01' }] });

    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: first.dispatchId }).lines).toMatchObject([{ identifiers: ['L-1', 'L-2'], useBy: ['2031-03-31', null] }]);
    expect(bench.ok('getPackingSlip', { orderId: order.id }).lines).toMatchObject([{ identifiers: ['L-1', 'L-2'], useBy: ['2031-03-31', null] }]);
    // The order page: dispatched units with their date then, the unit still to go with the lot's date now.
    expect(bench.ok('getOrder', { orderId: order.id }).lines[0]!.allocations.map((a) => [a.unit, a.value, a.useBy])).toEqual([
      [1, 'L-1', '2031-03-31'],
      [2, 'L-2', null],
      [3, 'L-1', '2031-06-30'],
    ]);
    // Unit 3 goes out with the new date, and keeps it.
    const second = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 1 }] });
    if (second.status !== 'dispatched') throw new Error('not dispatched');
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: ids[0]!, value: 'L-1', useBy: '2031-09-30' }] });
    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: second.dispatchId }).lines).toMatchObject([{ identifiers: ['L-1'], useBy: ['2031-06-30'] }]);
  });

  it('for one dispatch, lists only what it sent; a dispatch of another order is refused naming it', () => {
    const bench = openTestBench();
    bench.product('SU', 'single_use', 5, ['S1', 'S2', 'S3']);
    bench.product('NONE', 'none', 5);
    const order = bench.order('SO-1', [['SU', 3], ['NONE', 2]]);
    const other = bench.order('SO-2', [['NONE', 1]]);
    const [su, none] = order.lineIds as [number, number];
    bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId: su, unit, value: `S${unit}` })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: su, quantity: 1 }, { lineId: none, quantity: 2 }] });
    const second = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: su, quantity: 2 }, { lineId: none, quantity: 0 }] });
    if (second.status !== 'dispatched') throw new Error('not dispatched');
    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: second.dispatchId })).toMatchObject({
      lines: [{ lineNo: 1, sku: 'SU', quantity: 2, identifiers: ['S2', 'S3'] }],
      totalUnits: 2,
    });
    expect(bench.ok('getPackingSlip', { orderId: order.id }).totalUnits).toBe(5);
    const elsewhere = bench.ok('completeOrder', { orderId: other.id, lines: [{ lineId: other.lineIds[0]!, quantity: 1 }] });
    if (elsewhere.status !== 'dispatched') throw new Error('not dispatched');
    expect(bench.fail('getPackingSlip', { orderId: order.id, dispatchId: elsewhere.dispatchId }).message).toBe(`Dispatch ${elsewhere.dispatchId} is not one of order SO-1's.`);
  });

  it("prints a multiple-use value shared by many units of a line once, with its count, in order of first appearance; serials one a unit", () => {
    const bench = openTestBench();
    const yoghurt = bench.product('YOG', 'multiple_use', 600, ['2026-12-14', '2026-12-21']);
    bench.ok('setIdentifierSpec', { productId: yoghurt, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
    bench.product('SU', 'single_use', 3, ['S1', 'S2', 'S3']);
    const order = bench.order('SO-Y', [['YOG', 503], ['SU', 3]]);
    const [yog, su] = order.lineIds as [number, number];
    // Unit 2 and unit 503 take the later date: 501 units share the first, 2 the second.
    const dateOf = (unit: number) => (unit === 2 || unit === 503 ? '2026-12-21' : '2026-12-14');
    bench.ok('saveAllocations', {
      allocations: [
        ...Array.from({ length: 503 }, (_, i) => ({ lineId: yog, unit: i + 1, value: dateOf(i + 1) })),
        ...[3, 1, 2].map((n, i) => ({ lineId: su, unit: i + 1, value: `S${n}` })),
      ],
    });
    // Two parcels: 500 yoghurts and one phone, then the rest.
    const first = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: yog, quantity: 500 }, { lineId: su, quantity: 1 }] });
    const second = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: yog, quantity: 3 }, { lineId: su, quantity: 2 }] });
    if (first.status !== 'dispatched' || second.status !== 'dispatched') throw new Error('not dispatched');

    expect(bench.ok('getPackingSlip', { orderId: order.id })).toMatchObject({
      lines: [
        { lineNo: 1, sku: 'YOG', quantity: 503, identifiers: ['2026-12-14', '2026-12-21'], counts: [501, 2], useBy: [null, null] },
        { lineNo: 2, sku: 'SU', quantity: 3, identifiers: ['S3', 'S1', 'S2'], counts: [1, 1, 1], useBy: [null, null, null] },
      ],
      totalUnits: 506,
    });
    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: first.dispatchId })).toMatchObject({
      lines: [
        { lineNo: 1, quantity: 500, identifiers: ['2026-12-14', '2026-12-21'], counts: [499, 1] },
        { lineNo: 2, quantity: 1, identifiers: ['S3'], counts: [1] },
      ],
      totalUnits: 501,
    });
    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: second.dispatchId })).toMatchObject({
      lines: [
        { lineNo: 1, quantity: 3, identifiers: ['2026-12-14', '2026-12-21'], counts: [2, 1] },
        { lineNo: 2, quantity: 2, identifiers: ['S1', 'S2'], counts: [1, 1] },
      ],
      totalUnits: 5,
    });
  });

  it('keeps one lot that went out with two different dates as two entries: each with its date then', () => {
    const bench = openTestBench();
    const flour = bench.product('FLOUR', 'multiple_use', 4);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: null, value: 'L-1', useBy: '2031-03-31' }] });
    const order = bench.order('SO-D', [['FLOUR', 3]]);
    const lineId = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId, unit, value: 'L-1' })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 2 }] });
    const [id] = bench.ok('getSerialGrid', { productId: flour }).boxes.map((b) => b.identifierId);
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: id!, value: 'L-1', useBy: '2031-06-30' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 1 }] });
    expect(bench.ok('getPackingSlip', { orderId: order.id }).lines).toMatchObject([
      { quantity: 3, identifiers: ['L-1', 'L-1'], useBy: ['2031-03-31', '2031-06-30'], counts: [2, 1] },
    ]);
  });

  it("gives the whole-order slip the first and the last dispatch's times and how many there were; one dispatch's slip its own time", () => {
    let clock = '2026-12-03T14:02:00.000Z';
    const bench = openTestBench({ now: () => clock });
    bench.product('NONE', 'none', 10);
    const order = bench.order('SO-T', [['NONE', 6]]);
    const lineId = order.lineIds[0]!;
    const dispatch = (quantity: number, at: string) => {
      clock = at;
      const done = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity }] });
      if (done.status !== 'dispatched') throw new Error('not dispatched');
      return done.dispatchId;
    };
    const first = dispatch(1, '2026-12-03T14:02:00.000Z');
    expect(bench.ok('getPackingSlip', { orderId: order.id })).toMatchObject({ firstDispatchedAt: '2026-12-03T14:02:00.000Z', dispatchedAt: '2026-12-03T14:02:00.000Z', dispatchCount: 1 });
    const second = dispatch(2, '2026-12-04T08:30:00.000Z');
    dispatch(3, '2026-12-05T09:15:00.000Z');
    expect(bench.ok('getPackingSlip', { orderId: order.id })).toMatchObject({
      firstDispatchedAt: '2026-12-03T14:02:00.000Z',
      dispatchedAt: '2026-12-05T09:15:00.000Z',
      dispatchCount: 3,
      totalUnits: 6,
    });
    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: second })).toMatchObject({
      firstDispatchedAt: '2026-12-04T08:30:00.000Z',
      dispatchedAt: '2026-12-04T08:30:00.000Z',
      dispatchCount: 1,
      totalUnits: 2,
    });
    expect(bench.ok('getPackingSlip', { orderId: order.id, dispatchId: first })).toMatchObject({ dispatchedAt: '2026-12-03T14:02:00.000Z', dispatchCount: 1 });
  });

  it('leaves printing to the browser when no shell prints', async () => {
    const bench = openTestBench();
    await expect(bench.core.printSlip({})).resolves.toEqual({ outcome: 'print_in_browser' });
  });
});
