import { describe, expect, it } from 'vitest';
import type { OrderDetails } from '../../shared/contract/api.js';
import { checkQuantities, defaultQuantities, lowerToRemaining, missingAfterSave, refusedCompletionSummary } from '../../renderer/screens/orders/details/dispatch-quantities.js';

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
    expect(over).toEqual({
      ok: false,
      problems: new Map([[1, 'Only 2 units remain to dispatch; 3 entered.'], [3, '1.5 is not a whole number of units: enter a whole number from 0 to 2.']]),
      summary: 'Check the dispatch quantities for SKU-1 and SKU-3, marked below.',
    });
    expect(checkQuantities({ ...order, orderNumber: 'SO-9' }, new Map([[1, '0'], [3, '0']]))).toEqual({
      ok: false,
      problems: new Map([[1, 'Enter how many units to dispatch on at least one line.']]),
      summary: 'Every dispatch quantity is 0: enter how many units of order SO-9 to dispatch on at least one line.',
    });
  });

  it('says what is wrong with a quantity, and the alert names its line: too many (in the core\'s words), below 0, a fraction, not a number, none', () => {
    const big = { lines: [line(1, 1_000_000, 1)] } as unknown as OrderDetails;
    const refused = (text: string, o: OrderDetails = order) => {
      const check = checkQuantities(o, new Map([[1, text], [3, '1']]));
      return check.ok ? null : [check.problems.get(1), check.summary];
    };
    expect(refused('5')).toEqual(['Only 2 units remain to dispatch; 5 entered.', 'Dispatch quantity for SKU-1: Only 2 units remain to dispatch; 5 entered.']);
    expect(refused('1000000', big)).toEqual([
      'Only 999,999 units remain to dispatch; 1,000,000 entered.',
      'Dispatch quantity for SKU-1: Only 999,999 units remain to dispatch; 1,000,000 entered.',
    ]);
    expect(refused('-1')?.[0]).toBe('-1 is below 0: enter a whole number from 0 to 2.');
    // Not below 0: the sign is what is wrong.
    expect(refused('-0')?.[0]).toBe('"-0" has a minus sign: enter a whole number from 0 to 2.');
    expect(refused('-00')?.[0]).toBe('"-00" has a minus sign: enter a whole number from 0 to 2.');
    expect(refused('0.5')?.[0]).toBe('0.5 is not a whole number of units: enter a whole number from 0 to 2.');
    expect(refused('2x')?.[0]).toBe('"2x" is not a number: enter a whole number from 0 to 2.');
    expect(refused(' ')?.[0]).toBe('Enter a whole number from 0 to 2.');
    expect(refused('x', big)?.[0]).toBe('"x" is not a number: enter a whole number from 0 to 999,999.');
    // Thousands grouped as the page writes them are a whole number, not a fraction.
    expect(refused('1,000,000', big)?.[0]).toBe('Only 999,999 units remain to dispatch; 1,000,000 entered.');
    expect(checkQuantities(big, new Map([[1, '1,500']]))).toMatchObject({ ok: true, lines: [{ lineId: 1, quantity: 1500 }] });
  });
});

describe('quantities when part of the order was dispatched elsewhere', () => {
  it('lowers only a quantity that fitted before and no longer does; other text, and a number too big already, stay as typed', () => {
    const before = { lines: [line(1, 5, 0), line(2, 5, 0), line(3, 5, 0), line(4, 5, 0)] } as unknown as OrderDetails;
    const after = { lines: [line(1, 5, 3), line(2, 5, 3), line(3, 5, 3), line(4, 5, 0)] } as unknown as OrderDetails;
    const typed = new Map([[1, '4'], [2, '9'], [3, 'x'], [4, '5']]);
    expect([...lowerToRemaining(typed, before, after)]).toEqual([[1, '2'], [2, '9'], [3, 'x'], [4, '5']]);
    // Nothing to lower: the very map typed (no render for nothing).
    expect(lowerToRemaining(typed, before, before)).toBe(typed);
    // Thousands grouped as the page writes them are read as the check reads them.
    const big = (remaining: number) => ({ lines: [line(1, 2_000, 2_000 - remaining)] }) as unknown as OrderDetails;
    expect([...lowerToRemaining(new Map([[1, '1,500']]), big(2_000), big(1_200))]).toEqual([[1, '1200']]);
  });
});

describe('what is still missing after a save', () => {
  const tracked = (lineId: number, sku: string, ordered: number, dispatched: number, units: Array<[number, boolean]>) => ({
    ...line(lineId, ordered, dispatched),
    sku,
    identifierMode: 'single_use' as const,
    allocations: units.map(([unit, dispatched]) => ({ unit, identifierId: unit, value: `V${unit}`, dispatched })),
  });
  const saved = {
    id: 7,
    orderNumber: 'SO-7',
    lines: [tracked(1, 'PHN-1', 4, 1, [[1, true], [2, false]]), line(2, 5, 0), tracked(3, 'YOG-1', 2, 0, [])],
  } as unknown as OrderDetails;

  it('names the units to dispatch that have no identifier, as the core would', () => {
    expect(missingAfterSave(saved, [{ lineId: 1, quantity: 3 }, { lineId: 2, quantity: 5 }, { lineId: 3, quantity: 1 }])).toEqual({
      listed: [
        { orderId: 7, orderNumber: 'SO-7', lineId: 1, sku: 'PHN-1', unit: 3 },
        { orderId: 7, orderNumber: 'SO-7', lineId: 1, sku: 'PHN-1', unit: 4 },
        { orderId: 7, orderNumber: 'SO-7', lineId: 3, sku: 'YOG-1', unit: 1 },
      ],
      count: 3,
    });
  });

  it('is null once every unit to dispatch has one, and counts past the units it names', () => {
    expect(missingAfterSave(saved, [{ lineId: 1, quantity: 1 }, { lineId: 3, quantity: 0 }])).toBeNull();
    const big = { id: 8, orderNumber: 'SO-8', lines: [tracked(1, 'PHN-1', 1000, 0, [])] } as unknown as OrderDetails;
    const left = missingAfterSave(big, [{ lineId: 1, quantity: 1000 }]);
    expect(left?.count).toBe(1000);
    expect(left?.listed).toHaveLength(100);
  });

  it("names the quantities a core's refusal is about, as the page's own check does; units' issues and none leave its words as they are", () => {
    const message = 'Order SO-9 cannot be completed as entered.';
    const at = (lineId: number, text: string, unit?: number) => ({ where: `line ${lineId}`, lineId, message: text, ...(unit ? { unit } : {}) });
    expect(refusedCompletionSummary(order, message, [])).toBe(message);
    expect(refusedCompletionSummary(order, message, [at(1, 'Only 1 unit remains to dispatch; 2 entered.')])).toBe(
      'Order SO-9 cannot be completed as entered. Dispatch quantity for SKU-1: Only 1 unit remains to dispatch; 2 entered.',
    );
    expect(refusedCompletionSummary(order, message, [at(3, 'b'), at(1, 'a')])).toBe('Order SO-9 cannot be completed as entered. Check the dispatch quantities for SKU-1 and SKU-3, marked below.');
    expect(refusedCompletionSummary(order, message, [at(1, 'Lot expired. Choose another for this unit.', 2)])).toBe(message);
  });
});
