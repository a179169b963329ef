/**
 * A lot the bench holds without a use-by date, scanned from a GS1 code carrying one (AI 17): the
 * label's date is judged as a stored date would be (expired, too little shelf life), else the lot is
 * taken with a note naming the label's date so a manager can record it.
 */
import { describe, expect, it } from 'vitest';
import { addDays, formatUseByDate } from '../../shared/identifiers/use-by-dates.js';
import { undatedLotLabelCheck, type UseByLine } from '../../renderer/screens/orders/allocation/use-by-rules.js';

const today = '2026-01-15';
const lot: UseByLine = { productId: 1, kind: 'lot', minShelfLifeDays: null, fefoOffset: 0 };
const shown = (iso: string) => formatUseByDate(iso, undefined);

describe('undatedLotLabelCheck', () => {
  it('refuses an undated lot whose label date has passed, in the words of an expired lot', () => {
    const passed = addDays(today, -1);
    expect(undatedLotLabelCheck(lot, { value: 'L-3', useBy: null }, passed, today)).toEqual({ kind: 'refused', why: `the use-by date ${shown(passed)} has passed (expired)` });
  });

  it('refuses an undated lot whose label date leaves less than the minimum shelf life', () => {
    const close = addDays(today, 5);
    expect(undatedLotLabelCheck({ ...lot, minShelfLifeDays: 10 }, { value: 'L-3' }, close, today)).toEqual({
      kind: 'refused',
      why: `the use-by date ${shown(close)} leaves 5 days; this product needs at least 10 days of shelf life`,
    });
  });

  it('takes an undated lot whose label date is fine, with a note naming the lot and the label date', () => {
    const fine = addDays(today, 30);
    expect(undatedLotLabelCheck({ ...lot, minShelfLifeDays: 10 }, { value: 'L-3', useBy: null }, fine, today)).toEqual({
      kind: 'note',
      text: `Lot L-3 has no use-by date on record; its label says use by ${shown(fine)} (a manager can record it).`,
    });
  });

  it('leaves dated lots, scans without a date, and use-by products alone', () => {
    expect(undatedLotLabelCheck(lot, { value: 'L-1', useBy: '2026-02-01' }, addDays(today, -1), today)).toBeNull();
    expect(undatedLotLabelCheck(lot, { value: 'L-3', useBy: null }, null, today)).toBeNull();
    expect(undatedLotLabelCheck({ ...lot, kind: 'use_by' }, { value: '2026-03-01' }, addDays(today, -1), today)).toBeNull();
  });
});
