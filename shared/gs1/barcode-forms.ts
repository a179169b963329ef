/**
 * When two barcodes are one to a scanner: a GTIN reads the same written as GTIN-8, -12, -13 or -14
 * (leading zeros), as scans compare it (barcodeAsGtin14); any other barcode only as itself.
 */
import { barcodeAsGtin14 } from './element-string.js';

/** The GTIN lengths a product barcode may be written in, longest first. */
export const GTIN_LENGTHS = [14, 13, 12, 8] as const;

/** Every way a GTIN-14 may be written as a product barcode: each length its leading zeros allow. */
export function gtinForms(gtin14: string): string[] {
  return GTIN_LENGTHS.filter((length) => /^0*$/.test(gtin14.slice(0, 14 - length))).map((length) => gtin14.slice(14 - length));
}

/** Every barcode a scan could not tell from `barcode` (itself included). */
export function sameBarcodeForms(barcode: string): string[] {
  const gtin = barcodeAsGtin14(barcode);
  return gtin === null ? [barcode] : gtinForms(gtin);
}
