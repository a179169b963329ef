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

  it('leaves printing to the browser when no shell prints', async () => {
    const bench = openTestBench();
    await expect(bench.core.printSlip({})).resolves.toEqual({ outcome: 'print_in_browser' });
  });
});
