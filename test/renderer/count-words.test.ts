/**
 * Counts read aloud to packers go through counted(): "1 unit", "2 units", thousands separated
 * ("1,234 units"), never "1 units", "1234 units" or "unit(s)".
 */
import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../shared/contract/api.js';
import { identifierProgress } from '../../renderer/screens/orders/list/identifier-progress.js';
import { lockedStatusText } from '../../renderer/components/grid/BoxRow.js';
import { checkGridLocally, describeLocalRefusal } from '../../renderer/components/grid/grid-checks.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';
import { describeOp } from '../../electron/core/sync/describe-op.js';

const row = (unitsMissingIdentifiers: number, trackedUnitsRemaining: number) => ({ unitsMissingIdentifiers, trackedUnitsRemaining }) as OrderSummary;

describe('counts in words', () => {
  it("an order row's identifiers read with the thousands separated: 1,234 of 1,234 units need identifiers", () => {
    expect(identifierProgress(row(1234, 1234))).toBe('1,234 of 1,234 units need identifiers');
    expect(identifierProgress(row(1, 1))).toBe('1 of 1 unit needs identifiers');
  });

  it('a box used on 1,234 order units says so with the thousands separated', () => {
    expect(lockedStatusText('available', 1234)).toBe('Used on 1,234 order units (read only)');
    expect(lockedStatusText('available', 1)).toBe('Used on 1 order unit (read only)');
  });

  it('a serial grid with 1,234 empty boxes is refused in words: "1,234 boxes are empty"', () => {
    const check = checkGridLocally(new SerialBoxStore({ totalBoxes: 1234, filledBoxes: 0 }), true);
    expect(describeLocalRefusal(check)).toMatch(/^Not saved: 1,234 boxes are empty\. Fix the marked boxes\./);
  });

  it('a conflict names a dispatch of 1,234 units with the thousands separated, and 1 unit in the singular', () => {
    const dispatch = (quantity: number) =>
      describeOp({ type: 'order.dispatch', orderNumber: 'SO-1', lines: [{ lineNo: 1, quantity }] } as Parameters<typeof describeOp>[0]);
    expect(dispatch(1234)).toBe('Dispatching 1,234 units of order SO-1');
    expect(dispatch(1)).toBe('Dispatching 1 unit of order SO-1');
  });
});
