import { describe, expect, it } from 'vitest';
import type { OrderDetails } from '../../shared/contract/api.js';
import { checkQuantities, defaultQuantities } from '../../renderer/screens/orders/details/dispatch-quantities.js';

const line = (lineId: number, ordered: number, dispatched: number) => ({
  lineId, lineNo: lineId, productId: 1, sku: `SKU-${lineId}`, title: 't', identifierMode: 'none' as const, stockLevel: 10,
  ordered, dispatched, remaining: ordered - dispatched, allocations: [],
});
const order = { lines: [line(1, 3, 1), line(2, 1, 1), line(3, 2, 0)] } as unknown as OrderDetails;

describe('dispatch quantities', () => {
  it('defaults each open line to what remains', () => {
    expect([...defaultQuantities(order)]).toEqual([[1, '2'], [3, '2']]);
  });

  it('accepts whole numbers up to what remains, and needs at least one unit', () => {
    expect(checkQuantities(order, new Map([[1, '1'], [3, '0']]))).toEqual({ ok: true, lines: [{ lineId: 1, quantity: 1 }, { lineId: 3, quantity: 0 }] });
    const over = checkQuantities(order, new Map([[1, '3'], [3, '1.5']]));
    expect(over).toEqual({ ok: false, problems: new Map([[1, 'Enter a whole number from 0 to 2.'], [3, 'Enter a whole number from 0 to 2.']]) });
    expect(checkQuantities(order, new Map([[1, '0'], [3, '0']]))).toEqual({ ok: false, problems: new Map([[1, 'Enter how many units to dispatch on at least one line.']]) });
  });
});
