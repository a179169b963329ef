/** Issue 12 in the grid, at once (before the core): a product's format checked on scan, paste and save. */
import { describe, expect, it } from 'vitest';
import { checkGridLocally } from '../../renderer/components/grid/grid-checks.js';
import { refusalForScan } from '../../renderer/components/grid/scan-check.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';
import { FORMAT_PRESETS, type IdentifierSpec } from '../../shared/identifiers/kinds.js';

const imei: IdentifierSpec = { identifierKind: 'serial', identifierFormat: FORMAT_PRESETS[0]!.format, minShelfLifeDays: null };

function storeWith(values: string[], spec?: IdentifierSpec): SerialBoxStore {
  const store = new SerialBoxStore({ totalBoxes: values.length, filledBoxes: 0, ...(spec ? { identifierSpec: spec } : {}) });
  values.forEach((value, box) => store.setValue(box, value));
  return store;
}

describe('formats in the grid', () => {
  it('a wrong check digit is refused at scan time and before saving, naming the rule', () => {
    const store = storeWith(['490154203237518', '490154203237519'], imei);
    expect(refusalForScan(store, 0, 'Box')).toBeNull();
    expect(refusalForScan(store, 1, 'Box')).toBe('"490154203237519" was refused: does not fit "IMEI: 15 digits": check digit wrong (Luhn). Scan another.');
    const check = checkGridLocally(store, true);
    expect([...check.problems]).toEqual([[1, '"490154203237519" does not fit "IMEI: 15 digits": check digit wrong (Luhn).']]);
  });

  it('without a format any text passes; a use-by product takes dates only', () => {
    expect(checkGridLocally(storeWith(['490154203237519']), true).ok).toBe(true);
    const useBy: IdentifierSpec = { identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null };
    const check = checkGridLocally(storeWith(['2027-03-31', '270401', 'soon'], useBy), true);
    expect([...check.problems.keys()]).toEqual([2]);
    // The same date written two ways is one value.
    const repeated = checkGridLocally(storeWith(['2027-03-31', '270331'], useBy), true);
    expect(repeated.problems.get(1)).toMatch(/^"2027-03-31" is repeated/);
  });
});
