import { describe, expect, it } from 'vitest';
import type { AllocationSheet, AllocationSheetLine } from '../../shared/contract/api.js';
import {
  KnownAllocations,
  boxByKey,
  boxKey,
  changedAllocations,
  chunkChanges,
  conflictFor,
  findWarnings,
  holderOfValue,
  firstEmptyBox,
  indexSheet,
  layoutRows,
  nextBox,
  nextNeededBox,
  rowOfBox,
  type Chosen,
} from '../../renderer/screens/orders/allocation/allocation-model.js';

type LineInput = Pick<AllocationSheetLine, 'lineId' | 'productId' | 'sku' | 'title' | 'identifierMode' | 'quantity'> &
  Partial<AllocationSheetLine>;

function line(input: LineInput): AllocationSheetLine {
  const allocations = input.allocations ?? [];
  return {
    lineNo: 1,
    identifierKind: 'other',
    minShelfLifeDays: null,
    dispatched: 0,
    allocated: allocations.length,
    firstEmptyUnit: null,
    allocationsThrough: Math.min(input.quantity, 100),
    allocations,
    ...input,
  };
}

const sheet: AllocationSheet = {
  orders: [
    {
      orderId: 1,
      orderNumber: 'SO-1',
      customer: 'Ada',
      lines: [
        line({ lineId: 10, productId: 100, sku: 'PHN', title: 'Phone', identifierMode: 'single_use', quantity: 2, firstEmptyUnit: 2, allocations: [{ unit: 1, identifierId: 501, value: 'SN-1' }] }),
        line({ lineId: 11, lineNo: 2, productId: 200, sku: 'YOG', title: 'Yoghurt', identifierMode: 'multiple_use', quantity: 2, firstEmptyUnit: 1 }),
      ],
      untrackedProductIds: [],
    },
    { orderId: 2, orderNumber: 'SO-2', customer: 'Grace', lines: [], untrackedProductIds: [] },
    {
      orderId: 3,
      orderNumber: 'SO-3',
      customer: 'Alan',
      lines: [line({ lineId: 30, productId: 100, sku: 'PHN', title: 'Phone', identifierMode: 'single_use', quantity: 1, firstEmptyUnit: 1 })],
      untrackedProductIds: [],
    },
  ],
};

const chosen = (identifierId: number, value: string, inUseBy: Chosen['inUseBy'] = null): Chosen => ({ identifierId, value, inUseBy });
const index = indexSheet(sheet);
const known = () => KnownAllocations.fromSheet(sheet, 100);

describe('allocation sheet layout', () => {
  it('lays out a row per order, per tracked line and per unit; orders without tracked lines get no box', () => {
    const layout = layoutRows(index, new Map(), 1000);
    expect(layout.rows.map((r) => r.kind)).toEqual(['order', 'line', 'box', 'box', 'line', 'box', 'box', 'order', 'order', 'line', 'box']);
    expect(layout.rows[7]).toMatchObject({ kind: 'order', order: { orderNumber: 'SO-2', lines: [] } });
    expect(index.ordersWithoutBoxes).toBe(1);
    expect(index.boxCount).toBe(5);
    expect(rowOfBox(layout, { lineId: 30, unit: 1 })).toBe(10);
    expect(known().initial(10, 1)).toEqual(chosen(501, 'SN-1'));
    expect(known().initial(10, 2)).toBeNull();
    expect(firstEmptyBox(index)?.key).toBe('10:2');
    expect(nextBox(index, boxByKey(index, '10:2')!)?.key).toBe('11:1');
    expect(nextBox(index, boxByKey(index, '30:1')!)).toBeNull();
    // Boxes of orders dispatched elsewhere are passed over, their own units too.
    expect(nextBox(index, boxByKey(index, '10:1')!, new Set([1]))?.key).toBe('30:1');
    expect(nextBox(index, boxByKey(index, '10:2')!, new Set([3]))?.key).toBe('11:1');
    expect(nextBox(index, boxByKey(index, '11:2')!, new Set([3]))).toBeNull();
  });

  it("a scan while units are needed now goes on to the next of them, whatever it holds; then back to an empty one; then on box by box when the page listed only the first", () => {
    const needed = ['10:2', '11:2', '30:1'];
    const empty = new Set(['10:2', '30:1']);
    const isEmpty = (key: string) => empty.has(key);
    const after = (key: string, listsEvery = true) => nextNeededBox(index, boxByKey(index, key)!, needed, isEmpty, { listsEvery })?.key ?? null;
    // 11:2 holds a value put there for the packer (a first-expiring pick): the scan goes there, as box by box.
    expect(after('10:2')).toBe('11:2');
    expect(after('11:1')).toBe('11:2');
    expect(after('11:2')).toBe('30:1');
    // Past the last one needed: back to the first still empty, else the dialog's main action.
    expect(after('30:1')).toBe('10:2');
    empty.delete('10:2');
    expect(after('30:1')).toBeNull();
    // The page listed only the first units needed (MAX_MISSING_LISTED): past them, on box by box.
    expect(nextNeededBox(index, boxByKey(index, '11:2')!, ['10:2', '11:2'], isEmpty, { listsEvery: false })?.key).toBe('30:1');
    expect(nextNeededBox(index, boxByKey(index, '11:2')!, ['10:2', '11:2'], isEmpty, { listsEvery: true })).toBeNull();
    // Units of orders dispatched elsewhere are passed over.
    expect(nextNeededBox(index, boxByKey(index, '11:2')!, needed, isEmpty, { listsEvery: true, skipOrders: new Set([3]) })).toBeNull();
  });

  it('shows a window of a million-unit line, never a row per unit, and moves it to any unit', () => {
    const big = indexSheet({
      orders: [{ orderId: 1, orderNumber: 'SO-MAX', customer: 'Big', lines: [line({ lineId: 7, productId: 1, sku: 'SU', title: 'T', identifierMode: 'single_use', quantity: 1_000_000, firstEmptyUnit: 1 })], untrackedProductIds: [] }],
    });
    expect(big.boxCount).toBe(1_000_000);
    const first = layoutRows(big, new Map(), 1000);
    expect(first.rows).toHaveLength(1 + 1 + 1000 + 1);
    expect(first.rows.at(-1)).toMatchObject({ kind: 'more', direction: 'later', from: 1001, to: 2000 });
    expect(rowOfBox(first, { lineId: 7, unit: 999_999 })).toBeNull();
    const far = layoutRows(big, new Map([[7, 999_999]]), 1000);
    expect(far.shown.get(7)).toEqual([999_001, 1_000_000]);
    expect(far.rows[2]).toMatchObject({ kind: 'more', direction: 'earlier', from: 998_001, to: 999_000 });
    expect(rowOfBox(far, { lineId: 7, unit: 999_999 })).toBe(3 + 998);
    expect(nextBox(big, boxByKey(big, '7:1000')!)?.key).toBe('7:1001');
  });

  it('knows units read page by page, and tells unread from empty', () => {
    const k = new KnownAllocations(100);
    expect(k.initial(7, 950_001)).toBeUndefined();
    k.addPage(7, k.pageOf(950_001), [{ unit: 950_002, identifierId: 9, value: 'X' }]);
    expect(k.initial(7, 950_001)).toBeNull();
    expect(k.initial(7, 950_002)).toEqual(chosen(9, 'X'));
    expect(k.initial(7, 950_101)).toBeUndefined();
  });
});

describe('single-use warnings', () => {
  const edits = (entries: Array<[string, Chosen | null]>) => new Map(entries);

  it('warns at every box holding the same single-use value', () => {
    const warnings = findWarnings(index, known(), edits([['10:2', chosen(501, 'SN-1')], ['30:1', chosen(501, 'SN-1')]]));
    expect([...warnings.keys()]).toEqual(['10:1', '10:2', '30:1']);
    expect(warnings.get('30:1')).toBe('"SN-1" is also chosen for order SO-1, PHN unit 1; order SO-1, PHN unit 2. A single-use identifier goes to one unit only.');
  });

  it('warns when the core named a box of this dialog as the holder, even before its unit was read', () => {
    const unread = new KnownAllocations(100);
    const heldHere = chosen(777, 'SN-7', { orderId: 1, orderNumber: 'SO-1', lineId: 10, unit: 1 });
    const warnings = findWarnings(index, unread, edits([['30:1', heldHere]]));
    expect([...warnings.keys()]).toEqual(['10:1', '30:1']);
  });

  it('lets multiple-use values repeat', () => {
    expect(findWarnings(index, known(), edits([['11:1', chosen(900, 'USE BY 1')], ['11:2', chosen(900, 'USE BY 1')]])).size).toBe(0);
  });

  it('warns when a value is held by a unit outside the dialog, not when the holder is in it', () => {
    const elsewhere = chosen(502, 'SN-2', { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 1 });
    expect(findWarnings(index, known(), edits([['10:2', elsewhere]])).get('10:2')).toBe('"SN-2" is already in use by order SO-9 (PHN unit 1).');
    // Held by SO-3 unit 1, which is in this dialog and now holds something else: a move, allowed.
    const moved = chosen(503, 'SN-3', { orderId: 3, orderNumber: 'SO-3', lineId: 30, unit: 1 });
    expect(findWarnings(index, known(), edits([['10:2', moved], ['30:1', chosen(504, 'SN-4')]])).size).toBe(0);
    // Its own box: no warning.
    const own = chosen(503, 'SN-3', { orderId: 3, orderNumber: 'SO-3', lineId: 30, unit: 1 });
    expect(findWarnings(index, known(), edits([['30:1', own]])).size).toBe(0);
  });

  it('warns at a box whose single-use value was dispatched since it was chosen, naming the order when known', () => {
    const gone = { ...chosen(502, 'SN-2'), dispatchedSince: { orderNumber: 'SO-9' } };
    expect(findWarnings(index, known(), edits([['10:2', gone]])).get('10:2')).toBe('"SN-2" is already dispatched with order SO-9.');
    const goneUnknown = { ...chosen(502, 'SN-2'), dispatchedSince: { orderNumber: null } };
    expect(findWarnings(index, known(), edits([['10:2', goneUnknown]])).get('10:2')).toBe('"SN-2" was already dispatched (from another bench); a single-use identifier cannot be used again.');
  });

  it('names the reason a scan is refused', () => {
    const none = edits([]);
    const box = boxByKey(index, boxKey(30, 1))!;
    expect(conflictFor(index, known(), none, box, chosen(501, 'SN-1'))).toBe('"SN-1" is already chosen for order SO-1, PHN unit 1.');
    expect(conflictFor(index, known(), none, box, chosen(502, 'SN-2', { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 2 }))).toBe(
      '"SN-2" is already in use by order SO-9 (PHN unit 2).',
    );
    expect(conflictFor(index, known(), none, box, chosen(505, 'SN-5'))).toBeNull();
    // Unit 1 of SO-1 was cleared in the dialog: its value may move here.
    expect(conflictFor(index, known(), edits([['10:1', null]]), box, chosen(501, 'SN-1', { orderId: 1, orderNumber: 'SO-1', lineId: 10, unit: 1 }))).toBeNull();
    const yoghurt = boxByKey(index, '11:2')!;
    expect(conflictFor(index, known(), none, yoghurt, chosen(900, 'X', { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 1 }))).toBeNull();
  });
});

describe('a repeated single-use value at scan time', () => {
  it('finds the box holding it: read from the core, edited, or being checked; none once it moved away', () => {
    const box = boxByKey(index, '30:1')!;
    expect(holderOfValue(index, known(), new Map(), new Map(), box, 'SN-1')?.key).toBe('10:1');
    expect(holderOfValue(index, known(), new Map([['10:1', null]]), new Map(), box, 'SN-1')).toBeNull();
    expect(holderOfValue(index, known(), new Map([['10:2', chosen(9, 'SN-9')]]), new Map(), box, 'SN-9')?.key).toBe('10:2');
    expect(holderOfValue(index, known(), new Map(), new Map([['10:2', 'SN-8']]), box, 'SN-8')?.key).toBe('10:2');
    expect(holderOfValue(index, known(), new Map(), new Map(), box, 'sn-1')).toBeNull();
    expect(holderOfValue(index, known(), new Map([['11:1', chosen(900, 'USE BY 1')]]), new Map(), boxByKey(index, '11:2')!, 'USE BY 1')).toBeNull();
  });
});

describe('changes to save', () => {
  it('sends only boxes that changed, with null for a cleared box', () => {
    const edits = new Map<string, Chosen | null>([['10:1', null], ['10:2', null], ['11:2', chosen(900, 'USE BY 1')], ['30:1', null]]);
    expect(changedAllocations(known(), edits)).toEqual([
      { lineId: 10, unit: 1, value: null },
      { lineId: 11, unit: 2, value: 'USE BY 1' },
    ]);
  });

  it('sends an edit of a unit not read yet as it is, and splits big saves with clears first', () => {
    const edits = new Map<string, Chosen | null>([['7:999999', chosen(1, 'A')]]);
    expect(changedAllocations(new KnownAllocations(100), edits)).toEqual([{ lineId: 7, unit: 999_999, value: 'A' }]);
    const changes = [
      { lineId: 1, unit: 1, value: 'A' },
      { lineId: 1, unit: 2, value: null },
      { lineId: 1, unit: 3, value: 'B' },
    ];
    expect(chunkChanges(changes, 2)).toEqual([
      [{ lineId: 1, unit: 2, value: null }, { lineId: 1, unit: 1, value: 'A' }],
      [{ lineId: 1, unit: 3, value: 'B' }],
    ]);
    expect(chunkChanges(changes, 5)).toEqual([changes]);
  });
});
