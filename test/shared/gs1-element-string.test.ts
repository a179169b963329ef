/**
 * The GS1 adapter (shared/gs1/element-string.ts) on element strings as scanners, people and files
 * deliver them. GTINs are GS1's own documented examples (valid check digits).
 */
import { describe, expect, it } from 'vitest';
import {
  barcodeAsGtin14,
  GS,
  readGs1,
  readScanForProduct,
  wrongProductMessage,
  type Gs1Read,
  type Gs1Scan,
} from '../../shared/gs1/element-string.js';

const GTIN = '09506000134352';
const OTHER_GTIN = '09501101530003';

function scanOf(read: Gs1Read): Gs1Scan {
  if (read.kind !== 'gs1') throw new Error(`expected a GS1 read, got ${JSON.stringify(read)}`);
  return read.scan;
}

describe('readGs1: the forms a GS1 code arrives in', () => {
  it('reads a GS1 DataMatrix scan with its symbology prefix and a GS after the variable-length lot', () => {
    const scan = scanOf(readGs1(`]d201${GTIN}17271231` + `10LOT-42${GS}21SN0001`));
    expect(scan).toMatchObject({ codeName: 'GS1 DataMatrix', gtin: GTIN, useBy: '2027-12-31', lot: 'LOT-42', serial: 'SN0001' });
  });

  it('reads variable-length AIs before and after fixed-length ones', () => {
    // serial (variable) then use-by (fixed) then lot (variable, last: no GS needed)
    const scan = scanOf(readGs1(`01${GTIN}21ABC123${GS}1726063010X9`));
    expect(scan).toMatchObject({ gtin: GTIN, serial: 'ABC123', useBy: '2026-06-30', lot: 'X9' });
  });

  it('takes FNC1 in first position (a leading GS) as the GS1 marker', () => {
    expect(scanOf(readGs1(`${GS}01${GTIN}21S1`))).toMatchObject({ gtin: GTIN, serial: 'S1' });
  });

  it('reads GS1-128 (]C1), GS1 QR Code (]Q3) and GS1 DataBar (]e0) prefixes and strips them', () => {
    expect(scanOf(readGs1(`]C101${GTIN}21A1${GS}10B2`))).toMatchObject({ codeName: 'GS1-128', serial: 'A1', lot: 'B2' });
    expect(scanOf(readGs1(`]Q301${GTIN}21Q-7`))).toMatchObject({ codeName: 'GS1 QR Code', serial: 'Q-7' });
    expect(scanOf(readGs1(`]e001${GTIN}`))).toMatchObject({ codeName: 'GS1 DataBar', gtin: GTIN, serial: null });
  });

  it('turns the configured substitute character back into GS', () => {
    const scan = scanOf(readGs1(`]d201${GTIN}10L1~21S2`, { gsSubstitute: '~' }));
    expect(scan).toMatchObject({ lot: 'L1', serial: 'S2' });
    // Without the setting, "~" is data: the lot runs on and is refused as too long... or here, not GS1 at all.
    expect(readGs1(`01${GTIN}10L1~21S2`)).toEqual({ kind: 'malformed', reason: expect.stringContaining('lot (AI 10) "L1~21S2" has characters GS1 does not allow') });
  });

  it('accepts the bracketed human-readable form, with or without a prefix, and pasted with surrounding spaces', () => {
    const scan = scanOf(readGs1(`  (01)${OTHER_GTIN}(17)140704(10)AB-123(21)00042 \r\n`));
    expect(scan).toMatchObject({ gtin: OTHER_GTIN, useBy: '2014-07-04', lot: 'AB-123', serial: '00042' });
    expect(scanOf(readGs1(`]C1(01)${GTIN}(21)S9`))).toMatchObject({ codeName: 'GS1-128', serial: 'S9' });
  });

  it('reads 11, 13 and 15 as dates (day 00 is the last day of the month)', () => {
    const scan = scanOf(readGs1(`(01)${GTIN}(11)250115(13)250201(15)260200`));
    expect(scan).toMatchObject({ productionDate: '2025-01-15', packagingDate: '2025-02-01', bestBefore: '2026-02-28', useBy: null });
  });

  it('reads an unprefixed, unseparated code that starts with AI 01 and a valid GTIN', () => {
    expect(scanOf(readGs1(`01${GTIN}21XYZ`))).toMatchObject({ gtin: GTIN, serial: 'XYZ' });
  });
});

describe('readGs1: plain values stay plain', () => {
  it.each([
    ['an IMEI', '356938035643809', '356938035643809'],
    ['a serial with letters', 'SN-0001', 'SN-0001'],
    ['a 16-digit value starting 01 with a wrong GTIN check digit', '0109506000134353', '0109506000134353'],
    ['a plain Code 128 scan with its AIM prefix (]C0)', ']C0ABC123', 'ABC123'],
    ['a plain DataMatrix scan with its AIM prefix (]d1)', ']d1SERIAL-9', 'SERIAL-9'],
    ['text with brackets that are not an AI', '(A1)-7', '(A1)-7'],
  ])('%s', (_what, raw, value) => {
    expect(readGs1(raw)).toEqual({ kind: 'plain', value });
  });
});

describe('readGs1: malformed GS1 codes are refused with a reason', () => {
  it.each([
    ['a GTIN with a wrong check digit', `]d20109506000134353` + '21S1', 'the GTIN (AI 01) 09506000134353 has a wrong check digit (GS1 mod-10)'],
    ['a truncated GTIN', ']d201095060', 'the GS1 code could not be read: it ends before a fixed-length part is complete (a character is missing, or a GS separator came too early)'],
    ['no AI after the prefix', ']d2HELLO', 'the GS1 code could not be read: it holds an application identifier (AI) that GS1 does not define'],
    ['a month 13 in the use-by date', `]d201${GTIN}17251301`, 'the date in AI 17 (251301) has month 13, which does not exist'],
    ['a 30 February best-before date', `(01)${GTIN}(15)260230`, 'the date in AI 15 (260230) has day 30, which month 02 does not have'],
    ['a serial running on (GS missing)', `]d201${GTIN}21ABCDEFGHIJ` + `10LOT12345678`, 'the serial number (AI 21) "ABCDEFGHIJ10LOT12345678…" is longer than 20 characters'],
    ['an empty serial', `(01)${GTIN}(21)`, 'the serial number (AI 21) is empty'],
    ['one AI twice with different values', `]d201${GTIN}21A${GS}21B`, 'the GS1 code carries AI 21 twice with different values ("A", "B")'],
  ])('%s', (_what, raw, reason) => {
    const read = readGs1(raw);
    expect(read.kind).toBe('malformed');
    expect(read.kind === 'malformed' && read.reason).toContain(reason);
  });
});

describe('readScanForProduct: the value for the product’s kind, and the GTIN check', () => {
  const scan = `]d201${GTIN}17271231` + `10LOT-42${GS}21SN0001`;
  const product = (identifierKind: 'serial' | 'lot' | 'use_by' | 'other', barcode: string | null = GTIN.slice(1)) => ({ sku: 'MED-1', barcode, identifierKind });

  it('fills the serial, lot or use-by date by kind; "other" takes the serial', () => {
    expect(readScanForProduct(scan, product('serial'))).toMatchObject({ kind: 'value', value: 'SN0001' });
    expect(readScanForProduct(scan, product('lot'))).toMatchObject({ kind: 'value', value: 'LOT-42' });
    expect(readScanForProduct(scan, product('use_by'))).toMatchObject({ kind: 'value', value: '2027-12-31' });
    expect(readScanForProduct(scan, product('other'))).toMatchObject({ kind: 'value', value: 'SN0001' });
    expect(readScanForProduct(`(01)${GTIN}(10)L7`, product('other'))).toMatchObject({ kind: 'value', value: 'L7' });
  });

  it('refuses a code that carries nothing for the kind', () => {
    expect(readScanForProduct(`(01)${GTIN}(10)L7`, product('serial'))).toEqual({ kind: 'refused', reason: 'the GS1 code carries no serial number (AI 21)' });
  });

  it('matches the GTIN against an EAN-13, UPC-A or GTIN-14 barcode, and names another product’s GTIN', () => {
    expect(barcodeAsGtin14('9506000134352')).toBe(GTIN);
    expect(barcodeAsGtin14('ABC')).toBeNull();
    expect(readScanForProduct(scan, product('serial', GTIN))).toMatchObject({ kind: 'value' });
    expect(readScanForProduct(scan, product('serial', OTHER_GTIN))).toMatchObject({ kind: 'other-product', gtin: GTIN });
    // A product whose barcode is no GTIN cannot be checked: the scan's value is taken.
    expect(readScanForProduct(scan, product('serial', 'INTERNAL-7'))).toMatchObject({ kind: 'value', value: 'SN0001' });
  });

  it('passes plain scans through unchanged', () => {
    expect(readScanForProduct('356938035643809', product('serial'))).toEqual({ kind: 'value', value: '356938035643809', gs1: null });
  });

  it('says which product the scan is', () => {
    expect(wrongProductMessage(GTIN, { sku: 'MED-2', title: 'Saline 10 ml' }, { sku: 'MED-1', title: 'Insulin pen' })).toBe(
      `This is product MED-2 (Saline 10 ml), not MED-1 (Insulin pen): the scanned GTIN ${GTIN} is MED-2's barcode.`,
    );
    expect(wrongProductMessage(GTIN, null, { sku: 'MED-1', title: '' })).toBe(`This is not MED-1: the scanned GTIN ${GTIN} is no product's barcode on this bench.`);
  });
});
