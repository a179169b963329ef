import { describe, expect, it } from 'vitest';
import type { AllocationSheet } from '../../shared/contract/api.js';
import { boxKey, changedAllocations, conflictFor, findWarnings, layoutSheet, type Chosen } from '../../renderer/screens/orders/allocation/allocation-model.js';

const sheet: AllocationSheet = {
  orders: [
    {
      orderId: 1,
      orderNumber: 'SO-1',
      customer: 'Ada',
      lines: [
        { lineId: 10, lineNo: 1, productId: 100, sku: 'PHN', title: 'Phone', identifierMode: 'single_use', units: [
          { lineId: 10, unit: 1, identifierId: 501, value: 'SN-1' },
          { lineId: 10, unit: 2, identifierId: null, value: null },
        ] },
        { lineId: 11, lineNo: 2, productId: 200, sku: 'YOG', title: 'Yoghurt', identifierMode: 'multiple_use', units: [
          { lineId: 11, unit: 1, identifierId: null, value: null },
          { lineId: 11, unit: 2, identifierId: null, value: null },
        ] },
      ],
    },
    { orderId: 2, orderNumber: 'SO-2', customer: 'Grace', lines: [] },
    {
      orderId: 3,
      orderNumber: 'SO-3',
      customer: 'Alan',
      lines: [{ lineId: 30, lineNo: 1, productId: 100, sku: 'PHN', title: 'Phone', identifierMode: 'single_use', units: [{ lineId: 30, unit: 1, identifierId: null, value: null }] }],
    },
  ],
};

const chosen = (identifierId: number, value: string, inUseBy: Chosen['inUseBy'] = null): Chosen => ({ identifierId, value, inUseBy });

describe('allocation sheet layout', () => {
  it('lays out a row per order, per tracked line and per unit; orders without tracked lines get no box', () => {
    const layout = layoutSheet(sheet);
    expect(layout.rows.map((r) => r.kind)).toEqual(['order', 'line', 'box', 'box', 'line', 'box', 'box', 'order', 'order', 'line', 'box']);
    expect(layout.rows[7]).toMatchObject({ kind: 'order', orderNumber: 'SO-2', tracked: false });
    expect(layout.ordersWithoutBoxes).toBe(1);
    expect(layout.boxes.map((b) => b.key)).toEqual(['10:1', '10:2', '11:1', '11:2', '30:1']);
    expect(layout.rowOfBox.get('30:1')).toBe(10);
    expect(layout.initial.get('10:1')).toEqual(chosen(501, 'SN-1'));
    expect(layout.initial.get('10:2')).toBeNull();
  });
});

describe('single-use warnings', () => {
  const layout = layoutSheet(sheet);
  const withChoices = (entries: Array<[string, Chosen | null]>) => new Map([...layout.initial, ...entries]);

  it('warns at every box holding the same single-use value', () => {
    const warnings = findWarnings(layout.boxes, withChoices([['10:2', chosen(501, 'SN-1')], ['30:1', chosen(501, 'SN-1')]]));
    expect([...warnings.keys()]).toEqual(['10:1', '10:2', '30:1']);
    expect(warnings.get('30:1')).toBe('"SN-1" is also chosen for order SO-1, PHN unit 1; order SO-1, PHN unit 2. A single-use identifier goes to one unit only.');
  });

  it('lets multiple-use values repeat', () => {
    expect(findWarnings(layout.boxes, withChoices([['11:1', chosen(900, 'USE BY 1')], ['11:2', chosen(900, 'USE BY 1')]])).size).toBe(0);
  });

  it('warns when a value is held by a unit outside the dialog, not when the holder is in it', () => {
    const elsewhere = chosen(502, 'SN-2', { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 1 });
    expect(findWarnings(layout.boxes, withChoices([['10:2', elsewhere]])).get('10:2')).toBe('"SN-2" is already in use by order SO-9 (unit 1).');
    // Held by SO-3 unit 1, which is in this dialog and now holds something else: a move, allowed.
    const moved = chosen(503, 'SN-3', { orderId: 3, orderNumber: 'SO-3', lineId: 30, unit: 1 });
    expect(findWarnings(layout.boxes, withChoices([['10:2', moved], ['30:1', chosen(504, 'SN-4')]])).size).toBe(0);
    // Its own box: no warning.
    const own = chosen(503, 'SN-3', { orderId: 3, orderNumber: 'SO-3', lineId: 30, unit: 1 });
    expect(findWarnings(layout.boxes, withChoices([['30:1', own]])).size).toBe(0);
  });

  it('names the reason a scan is refused', () => {
    const choices = withChoices([]);
    const box = layout.boxes.find((b) => b.key === boxKey(30, 1))!;
    expect(conflictFor(box, chosen(501, 'SN-1'), layout.boxes, choices)).toBe('"SN-1" is already chosen for order SO-1, PHN unit 1.');
    expect(conflictFor(box, chosen(502, 'SN-2', { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 2 }), layout.boxes, choices)).toBe(
      '"SN-2" is already in use by order SO-9 (unit 2).',
    );
    expect(conflictFor(box, chosen(505, 'SN-5'), layout.boxes, choices)).toBeNull();
    const yoghurt = layout.boxes.find((b) => b.key === '11:2')!;
    expect(conflictFor(yoghurt, chosen(900, 'X', { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 1 }), layout.boxes, choices)).toBeNull();
  });
});

describe('changes to save', () => {
  it('sends only boxes that changed, with null for a cleared box', () => {
    const layout = layoutSheet(sheet);
    const choices = new Map([...layout.initial, ['10:1', null], ['11:2', chosen(900, 'USE BY 1')], ['30:1', null]] as Array<[string, Chosen | null]>);
    expect(changedAllocations(layout.boxes, layout.initial, choices)).toEqual([
      { lineId: 10, unit: 1, value: null },
      { lineId: 11, unit: 2, value: 'USE BY 1' },
    ]);
  });
});
