/**
 * The checks made at scan time, before focus moves on: a repeat of another box (read, edited or
 * pasted), an invalid value, a single-use value already chosen in the allocation dialog.
 */
import { describe, expect, it } from 'vitest';
import type { GridBox } from '../../shared/contract/api.js';
import { refusalForScan } from '../../renderer/components/grid/scan-check.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';
import { rowAfterKey } from '../../renderer/components/list-keys.js';
import type { BoxRef } from '../../renderer/screens/orders/allocation/allocation-model.js';
import { repeatInSheet } from '../../renderer/screens/orders/allocation/scan-refusal.js';

const held = (values: string[]): GridBox[] =>
  values.map((value, box) => ({ box, identifierId: box + 1, value, status: 'available', useCount: 0, locked: false }));

describe('grid scan check', () => {
  it('refuses a value another box holds, read or edited, naming that box; accepts it once that box changes', () => {
    const store = new SerialBoxStore({ totalBoxes: 6, filledBoxes: 2, initialBoxes: held(['A-1', 'A-2']) });
    store.setValue(2, 'A-1 ');
    expect(refusalForScan(store, 2, 'Box')).toBe('"A-1" was refused: it is already in box 1. Scan another.');
    store.refuse(2, 'refused');
    expect(store.box(2)).toMatchObject({ value: '', problem: 'refused' });
    expect(store.holderOf('A-1', 2)).toBe(0);

    store.setValue(3, 'B-1');
    store.setValue(4, 'B-1');
    expect(refusalForScan(store, 4, 'New unit')).toBe('"B-1" was refused: it is already in new unit 4. Scan another.');
    store.setValue(3, 'B-2'); // the first holder changed: the value is free again
    expect(refusalForScan(store, 4, 'Box')).toBeNull();
    store.setValue(0, 'C-9'); // an edited read box no longer holds its old value
    store.setValue(5, 'A-1');
    expect(refusalForScan(store, 5, 'Box')).toBeNull();
  });

  it('is case sensitive and refuses a value with a control character', () => {
    const store = new SerialBoxStore({ totalBoxes: 3, filledBoxes: 1, initialBoxes: held(['abc']) });
    store.setValue(1, 'ABC');
    expect(refusalForScan(store, 1, 'Box')).toBeNull();
    store.setValue(2, 'x\u0007y');
    expect(refusalForScan(store, 2, 'Box')).toMatch(/was refused: the identifier contains a control character/);
  });

  it('knows values filled by a paste', () => {
    const store = new SerialBoxStore({ totalBoxes: 4, filledBoxes: 0 });
    store.fillFrom(0, ['P-1', 'P-2']);
    store.setValue(3, 'P-2');
    expect(store.holderOf('P-2', 3)).toBe(1);
  });
});

describe('allocation scan check', () => {
  const box = (unit: number, mode: BoxRef['mode'] = 'single_use', productId = 7): BoxRef => ({
    key: `1:${unit}`, orderId: 1, orderNumber: 'SO-1', lineId: 1, unit, productId, sku: 'PHN-1', named: 'PHN-1', mode,
  });
  const boxes = [box(1), box(2), box(3)];

  it('refuses a single-use value chosen or being checked for another box of the product', () => {
    const chosen = new Map([['1:1', { identifierId: 5, value: 'SN-1', inUseBy: null }]]);
    expect(repeatInSheet(boxes[1]!, 'SN-1', boxes, chosen, new Map())).toBe('"SN-1" was refused: it is already chosen for order SO-1, PHN-1 unit 1. Scan another.');
    expect(repeatInSheet(boxes[2]!, 'SN-2', boxes, chosen, new Map([['1:2', 'SN-2']]))).toMatch(/PHN-1 unit 2/);
    expect(repeatInSheet(boxes[1]!, 'sn-1', boxes, chosen, new Map())).toBeNull();
  });

  it('lets a multiple-use value go to many units', () => {
    const multi = [box(1, 'multiple_use'), box(2, 'multiple_use')];
    const chosen = new Map([['1:1', { identifierId: 5, value: 'USE BY 1', inUseBy: null }]]);
    expect(repeatInSheet(multi[1]!, 'USE BY 1', multi, chosen, new Map())).toBeNull();
  });
});

describe('list keys', () => {
  it('moves by one, a page, or to the ends, and stays inside the list', () => {
    expect(rowAfterKey('ArrowDown', 4, 5, 10)).toBe(4);
    expect(rowAfterKey('ArrowUp', 0, 5, 10)).toBe(0);
    expect(rowAfterKey('PageDown', 1, 100, 10)).toBe(11);
    expect(rowAfterKey('PageUp', 5, 100, 10)).toBe(0);
    expect(rowAfterKey('End', 1, 100, 10)).toBe(99);
    expect(rowAfterKey('Home', 50, 100, 10)).toBe(0);
    expect(rowAfterKey('a', 1, 100, 10)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0, 10)).toBeNull();
  });
});
