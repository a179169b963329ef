/** Issue 12 in the grid: a lot's use-by date beside it, checked at once, sent with "Save Changes" only when changed. */
import { describe, expect, it } from 'vitest';
import type { GridBox } from '../../shared/contract/api.js';
import { interpretBoxEntry } from '../../renderer/components/grid/box-entry.js';
import { checkGridLocally } from '../../renderer/components/grid/grid-checks.js';
import { lotDateForSave } from '../../renderer/components/grid/identifier-rules.js';
import { parsePastedRows } from '../../renderer/components/grid/paste-column.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';

const lotSpec = { identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null } as const;

function lotGrid(): SerialBoxStore {
  const box = (i: number, value: string, useBy: string | null): GridBox => ({ box: i, identifierId: i + 1, value, status: 'available', useCount: 0, locked: false, useBy });
  return new SerialBoxStore({
    totalBoxes: 4,
    filledBoxes: 2,
    identifierSpec: lotSpec,
    normaliseDate: lotDateForSave,
    initialBoxes: [box(0, 'L-1', '2027-03-31'), box(1, 'L-2', null)],
  });
}

describe('lot dates in the grid', () => {
  it('shows the stored date and sends only changed dates, as YYYY-MM-DD, beside the lot shown', () => {
    const store = lotGrid();
    expect(store.box(0).useBy).toBe('2027-03-31');
    expect(store.box(1).useBy).toBe('');
    store.setUseBy(1, '270415');
    store.setValue(2, 'L-3');
    store.setUseBy(2, '2027-05-01');
    expect(store.editCount).toBe(2);
    expect(store.editsForSave()).toEqual([
      { box: 1, identifierId: 2, value: 'L-2', useBy: '2027-04-15' },
      { box: 2, identifierId: null, value: 'L-3', useBy: '2027-05-01' },
    ]);
    // Typing the stored date back is no change; clearing a date sends '' (no date).
    store.setUseBy(1, '');
    store.setUseBy(0, '');
    expect(store.editsForSave()[0]).toEqual({ box: 0, identifierId: 1, value: 'L-1', useBy: '' });
    store.setUseBy(0, '2027-03-31');
    expect(store.editsForSave().map((e) => e.box)).toEqual([2]);
  });

  it('a date that is not a date, or a date without a lot, is refused before saving, naming the box', () => {
    const store = lotGrid();
    store.setUseBy(1, '2027-02-30');
    store.setUseBy(2, '2027-05-01');
    const check = checkGridLocally(store, false);
    expect(check.ok).toBe(false);
    expect(check.problems.get(1)).toMatch(/^"L-2" has a use-by date "2027-02-30" that is not a real date/);
    expect(check.problems.get(2)).toBe('The use-by date 2027-05-01 has no lot beside it; enter the lot or clear the date.');
  });

  it('a GS1 scan with (10) and (17) gives a lot product its lot and date; other kinds get no date', () => {
    const product = { sku: 'MILK', title: 'Milk', barcode: null, identifierKind: 'lot' as const };
    expect(interpretBoxEntry('(10)LOT-7(17)270331', product, '')).toEqual({ kind: 'value', value: 'LOT-7', useBy: '2027-03-31' });
    expect(interpretBoxEntry('(10)LOT-8', product, '')).toEqual({ kind: 'value', value: 'LOT-8' });
    expect(interpretBoxEntry('(21)SN-1(17)270331', { ...product, identifierKind: 'serial' }, '')).toEqual({ kind: 'value', value: 'SN-1' });
  });
});

describe('pasting lots with their dates', () => {
  const cheese = { sku: 'CHEESE-1', barcode: '9506000134352', identifierKind: 'lot' } as const;
  it('reads "LOT<TAB>date" rows and GS1 codes (printed form) into lots and use-by dates', () => {
    const text = 'L-1\t2027-03-31\r\nL-2\r\n(01)09506000134352(17)270415(10)L-3\r\nL-4\t31/05/2027\tignored\r\n';
    expect(parsePastedRows(text, cheese)).toEqual([
      { value: 'L-1', useBy: '2027-03-31' },
      { value: 'L-2' },
      { value: 'L-3', useBy: '2027-04-15' },
      { value: 'L-4', useBy: '31/05/2027' },
    ]);
  });
  it('takes no dates for other kinds; another product’s code stays as pasted', () => {
    const serials = { sku: 'PHONE', barcode: '9506000134352', identifierKind: 'serial' } as const;
    expect(parsePastedRows('S-1\t2027-01-01\n(01)09506000134352(21)S-2\n', serials)).toEqual([{ value: 'S-1' }, { value: 'S-2' }]);
    const other = '(01)04006381333931(10)L-9';
    expect(parsePastedRows(other, cheese)).toEqual([{ value: other }]);
  });
});
