/**
 * What the serial grid takes from a scanned, typed or pasted value: a plain code's AIM symbology
 * prefix (a scanner set to send them, e.g. "]C0" for Code 128) is not part of the serial number, as
 * the lookup and the allocation dialog read it; nothing else of the text changes. A use-by date is
 * one date in whichever form it is typed or scanned.
 */
import { describe, expect, it } from 'vitest';
import { interpretBoxEntry } from '../../renderer/components/grid/box-entry.js';
import { parsePastedRows } from '../../renderer/components/grid/paste-column.js';
import { refusalForScan } from '../../renderer/components/grid/scan-check.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';

const serialProduct = { sku: 'PHN', title: 'Phone', barcode: null, identifierKind: 'serial' as const };

describe('grid entry: AIM prefixes', () => {
  it('a plain Code 128 scan with its AIM prefix gives the serial without it; other text is kept as entered', () => {
    expect(interpretBoxEntry(']C0ABC123', serialProduct, '')).toEqual({ kind: 'value', value: 'ABC123' });
    expect(interpretBoxEntry(']d1SN-7', serialProduct, '')).toEqual({ kind: 'value', value: 'SN-7' });
    expect(interpretBoxEntry('abc 123', serialProduct, '')).toEqual({ kind: 'value', value: 'abc 123' });
    expect(interpretBoxEntry('A]C0', serialProduct, '')).toEqual({ kind: 'value', value: 'A]C0' });
  });

  it('a pasted column from an AIM-prefixed scan log has no prefix in its values', () => {
    expect(parsePastedRows(']C0ABC123\n]C0ABC124\nPLAIN-1\n', serialProduct).map((r) => r.value)).toEqual(['ABC123', 'ABC124', 'PLAIN-1']);
  });
});

describe('grid entry: use-by dates repeated in another form', () => {
  it('refuses at scan time a date another box holds, whether typed as GS1 YYMMDD or ISO', () => {
    const store = new SerialBoxStore({ totalBoxes: 3, filledBoxes: 0, identifierSpec: { identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null } });
    store.setValue(0, '270331');
    expect(refusalForScan(store, 0, 'Box')).toBeNull();
    store.setValue(1, '270331');
    expect(refusalForScan(store, 1, 'Box')).toBe('"2027-03-31" was refused: it is already in box 1. Scan another.');
    store.setValue(1, '2027-03-31');
    expect(refusalForScan(store, 1, 'Box')).toBe('"2027-03-31" was refused: it is already in box 1. Scan another.');
    store.setValue(1, '2027-04-01');
    expect(refusalForScan(store, 1, 'Box')).toBeNull();
  });
});
