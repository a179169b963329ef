/**
 * Identifier Lookup over an order holding the same product on two lines: each unit it lists names its
 * line, or a multiple-use value in both reads as the same unit twice.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from './helpers.js';

describe('lookup of a value on two lines of one order', () => {
  it('names the line of each unit', () => {
    const bench = openTestBench();
    bench.product('YOG', 'multiple_use', 10, ['2027-01-31']);
    const { id, lineIds } = bench.order('SO-7', [
      ['YOG', 1],
      ['YOG', 1],
    ]);
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: lineIds[0]!, unit: 1, value: '2027-01-31' },
        { lineId: lineIds[1]!, unit: 1, value: '2027-01-31' },
      ],
    });
    const orders = bench.ok('lookupIdentifier', { value: '2027-01-31' }).matches[0]!.orders;
    expect(orders.map((o) => [o.orderId, o.orderNumber, o.lineNo, o.unit])).toEqual([
      [id, 'SO-7', 1, 1],
      [id, 'SO-7', 2, 1],
    ]);
  });
});
