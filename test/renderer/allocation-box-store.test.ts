/**
 * The allocation dialog's box store keeps its single-use checks up to date edit by edit; whatever
 * the sequence of edits, checks being made and pages read, it must agree with the full checks
 * "Save Changes" runs (findWarnings, conflictFor, holderOfValue over everything), and a change
 * must reach only the boxes it concerns.
 */
import { describe, expect, it } from 'vitest';
import type { AllocationSheet, AllocationSheetLine } from '../../shared/contract/api.js';
import { AllocationBoxStore } from '../../renderer/screens/orders/allocation/allocation-box-store.js';
import {
  KnownAllocations,
  boxByKey,
  conflictFor,
  findWarnings,
  holderOfValue,
  indexSheet,
  type Chosen,
} from '../../renderer/screens/orders/allocation/allocation-model.js';

type LineInput = Pick<AllocationSheetLine, 'lineId' | 'productId' | 'sku' | 'title' | 'identifierMode' | 'quantity'> & Partial<AllocationSheetLine>;
const line = (input: LineInput): AllocationSheetLine => ({
  lineNo: 1,
  dispatched: 0,
  allocated: input.allocations?.length ?? 0,
  firstEmptyUnit: null,
  allocationsThrough: Math.min(input.quantity, 4),
  allocations: [],
  identifierKind: 'serial',
  minShelfLifeDays: null,
  ...input,
});

// Line 10 has 12 units, of which only the first 4 come with the sheet (pages of 4 are read later).
const sheet: AllocationSheet = {
  orders: [
    {
      orderId: 1,
      orderNumber: 'SO-1',
      customer: 'Ada',
      lines: [
        line({ lineId: 10, productId: 100, sku: 'PHN', title: 'Phone', identifierMode: 'single_use', quantity: 12, allocations: [{ unit: 1, identifierId: 501, value: 'SN-1' }, { unit: 3, identifierId: 503, value: 'SN-3' }] }),
        line({ lineId: 11, lineNo: 2, productId: 200, sku: 'YOG', title: 'Yoghurt', identifierMode: 'multiple_use', quantity: 3 }),
      ],
      untrackedProductIds: [],
    },
    { orderId: 3, orderNumber: 'SO-3', customer: 'Alan', lines: [line({ lineId: 30, productId: 100, sku: 'PHN', title: 'Phone', identifierMode: 'single_use', quantity: 3 })], untrackedProductIds: [] },
  ],
};
const index = indexSheet(sheet);
const PAGE = 4;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const keys = [...Array.from({ length: 12 }, (_, i) => `10:${i + 1}`), '11:1', '11:2', '11:3', '30:1', '30:2', '30:3'];
const values = [501, 502, 503, 504, 505].map((id) => ({ identifierId: id, value: `SN-${id - 500}` }));
const holders = [null, { orderId: 1, orderNumber: 'SO-1', lineId: 10, unit: 1 }, { orderId: 1, orderNumber: 'SO-1', lineId: 10, unit: 9 }, { orderId: 9, orderNumber: 'SO-9', lineId: 90, unit: 2 }];

describe('allocation box store', () => {
  it('agrees with the full checks after every step of random edits, checks and page reads', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(sheet, PAGE));
      const pending = new Map<string, string>();
      for (let step = 0; step < 60; step++) {
        const roll = next();
        const key = pick(keys);
        // Half the runs see SO-3 dispatched elsewhere midway: its edits stop counting, as when saving.
        if (seed % 2 === 0 && step === 30) store.setGone(new Set([3]));
        if (roll < 0.55) {
          const value = pick(values);
          const chosen: Chosen | null = next() < 0.15 ? null : { ...value, inUseBy: pick(holders) };
          store.choose(key, chosen);
        } else if (roll < 0.75) {
          const text = next() < 0.5 ? undefined : pick(values).value;
          store.setPending(key, text);
          if (text === undefined) pending.delete(key);
          else pending.set(key, text);
        } else {
          const page = pick([1, 2]);
          const units = Array.from({ length: PAGE }, (_, i) => page * PAGE + i + 1).filter(() => next() < 0.4);
          store.addKnownPage(10, page, units.map((unit) => ({ unit, ...pick(values) })));
        }
        const expected = findWarnings(index, store.known, store.choices);
        for (const k of keys) expect.soft(store.snapshot(k).message, `seed ${seed} step ${step} box ${k}`).toBe(expected.get(k) ?? null);
        expect(store.warningCount).toBe(expected.size);
        const box = boxByKey(index, pick(keys))!;
        const value = pick(values);
        expect(store.holderOfValue(box, value.value)?.key ?? null).toBe(holderOfValue(index, store.known, store.choices, pending, box, value.value)?.key ?? null);
        const candidate = { ...value, inUseBy: pick(holders) };
        expect(store.conflictFor(box, candidate)).toBe(conflictFor(index, store.known, store.choices, box, candidate));
      }
    }
  });

  it("stops warning about an edit of an order dispatched elsewhere, which stays shown but is never sent", () => {
    const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(sheet, PAGE));
    store.choose('30:1', { identifierId: 502, value: 'SN-2', inUseBy: null });
    store.choose('10:2', { identifierId: 502, value: 'SN-2', inUseBy: null });
    // SO-3's unit 2 replaces nothing; unit 3 takes SN-1, which SO-1's unit 1 holds.
    store.choose('30:3', { identifierId: 501, value: 'SN-1', inUseBy: null });
    expect(store.snapshot('10:2').message).toBe('"SN-2" is also chosen for order SO-3, PHN unit 1. A single-use identifier goes to one unit only.');
    expect(store.warningCount).toBe(4);
    store.setGone(new Set([3]));
    expect(store.snapshot('10:2').message).toBeNull();
    expect(store.snapshot('10:1').message).toBeNull();
    expect(store.warningCount).toBe(0);
    expect(store.snapshot('30:1').chosen?.value).toBe('SN-2');
    expect([...store.choices.keys()]).toEqual(['10:2']);
    expect(store.holderOfValue(boxByKey(index, '10:4')!, 'SN-2')?.key).toBe('10:2');
    // A late answer for a gone box changes nothing.
    store.choose('30:2', { identifierId: 505, value: 'SN-5', inUseBy: null });
    expect(store.snapshot('30:2').chosen).toBeNull();
    expect([...store.choices.keys()]).toEqual(['10:2']);
  });

  it('tells only the boxes a change concerns', () => {
    const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(sheet, PAGE));
    const told: string[] = [];
    for (const key of keys) store.subscribeBox(key, () => told.push(key));
    store.setPending('10:2', 'SN-9');
    expect(told).toEqual(['10:2']);
    told.length = 0;
    // SN-1 is held by unit 1: choosing it for unit 2 warns both, and no other box.
    store.choose('10:2', { identifierId: 501, value: 'SN-1', inUseBy: null });
    expect(told.sort()).toEqual(['10:1', '10:2']);
    expect(store.snapshot('10:1').message).toBe('"SN-1" is also chosen for order SO-1, PHN unit 2. A single-use identifier goes to one unit only.');
    told.length = 0;
    store.choose('10:2', { identifierId: 502, value: 'SN-2', inUseBy: null });
    expect(told.sort()).toEqual(['10:1', '10:2']);
    expect(store.snapshot('10:1').message).toBeNull();
    // A box's snapshot keeps its identity until that box changes (memoised rows rely on it).
    const before = store.snapshot('30:1');
    store.choose('10:4', null);
    expect(store.snapshot('30:1')).toBe(before);
  });

  it("keeps a newer refusal's alert when an earlier box's check comes back accepted", () => {
    const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(sheet, PAGE));
    // Unit 2 was scanned and is being checked; unit 4's scan is refused meanwhile.
    store.setPending('10:2', 'SN-2');
    store.setAlert('"XX" was refused: not held for PHN.', '10:4');
    // Unit 2's check comes back fine: the refusal about unit 4 must still be announced.
    store.setPending('10:2', undefined);
    store.choose('10:2', { identifierId: 502, value: 'SN-2', inUseBy: null });
    expect(store.alert).toBe('"XX" was refused: not held for PHN.');
    // A good scan into unit 4 itself ends its refusal's alert.
    store.choose('10:4', { identifierId: 504, value: 'SN-4', inUseBy: null });
    expect(store.alert).toBeNull();
    // A dialog-wide alert (a save refused) goes with the packer's next choice.
    store.setAlert('Could not save: the hub is offline.');
    store.choose('10:5', null);
    expect(store.alert).toBeNull();
  });

  it("flags saved lots by the use-by date the core sends with them, also those of a page read after the day's check", () => {
    const lotSheet: AllocationSheet = {
      orders: [{
        orderId: 5, orderNumber: 'SO-5', customer: 'Diner', lines: [
          line({ lineId: 50, productId: 500, sku: 'EGG', title: 'Eggs', identifierMode: 'multiple_use', identifierKind: 'lot', quantity: 8, allocations: [{ unit: 1, identifierId: 601, value: 'L-OLD', useBy: '2031-03-31' }, { unit: 2, identifierId: 602, value: 'L-UNDATED' }] }),
        ],
        untrackedProductIds: [],
      }],
    };
    const lotIndex = indexSheet(lotSheet);
    const known = KnownAllocations.fromSheet(lotSheet, PAGE);
    expect(known.values.get('50:1')?.useBy).toBe('2031-03-31');
    expect(known.values.get('50:2')?.useBy).toBeUndefined();
    const store = new AllocationBoxStore(lotIndex, known);
    const expiredOn = (today: string) => (_key: string, held: Chosen) => (held.useBy != null && held.useBy < today ? `"${held.value}" expired` : null);
    expect(store.flagValues(expiredOn('2031-04-01'))).toEqual([['50:1', '"L-OLD" expired']]);
    // A page read later, on the same day: its expired saved lot is flagged as it arrives.
    store.addKnownPage(50, 1, [{ unit: 5, identifierId: 601, value: 'L-OLD', useBy: '2031-03-31' }, { unit: 6, identifierId: 603, value: 'L-NEW', useBy: '2031-04-30' }]);
    expect(store.snapshot('50:5').message).toBe('"L-OLD" expired');
    expect(store.snapshot('50:6').message).toBeNull();
    expect(store.warningCount).toBe(2);
  });
});

describe('allocation box store notes', () => {
  it('keeps a polite note beside a box’s value (not a problem), says the last one in the dialog, and drops it when the box changes', () => {
    const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(sheet, PAGE));
    const before = store.getVersion();
    store.choose('11:1', { identifierId: 601, value: 'L-3', inUseBy: null, useBy: null });
    store.setNote('11:1', 'Lot L-3 has no use-by date on record; its label says use by 2027-03-31 (a manager can record it).');
    expect(store.snapshot('11:1')).toMatchObject({ message: null, note: 'Lot L-3 has no use-by date on record; its label says use by 2027-03-31 (a manager can record it).' });
    expect(store.note).toMatch(/^Lot L-3 has no use-by date on record/);
    expect(store.alert).toBeNull();
    expect(store.warningCount).toBe(0);
    expect(store.getVersion()).toBeGreaterThan(before);
    store.choose('11:2', { identifierId: 601, value: 'L-3', inUseBy: null, useBy: null }); // another box: the note stays
    expect(store.note).not.toBeNull();
    store.choose('11:1', { identifierId: 602, value: 'L-4', inUseBy: null, useBy: '2027-04-01' });
    expect(store.snapshot('11:1').note).toBeNull();
    expect(store.note).toBeNull();
  });
});
