/**
 * A products row's barcode another product already has: a scan of it could not tell the two apart
 * (route-scan, Product search, a GS1 code's GTIN), so the import refuses it. Compared as scans
 * compare (barcode-forms.ts): one GTIN written with or without leading zeros is one barcode.
 * Asked after the row is applied, inside the import's transaction: the store then holds the earlier
 * lines of this import too, and a barcode moved from one product to another in one file is fine.
 */
import type { Db } from '../db/open.js';
import { GTIN_LENGTHS, sameBarcodeForms } from '../../../shared/gs1/barcode-forms.js';

export interface BarcodeHolder {
  sku: string;
  barcode: string;
}

/** The other products (not `sku`) whose barcode is `barcode` to a scanner. */
export function createBarcodeHolders(db: Db): (sku: string, barcode: string) => BarcodeHolder[] {
  // One slot per form a barcode can take (GTIN_LENGTHS); unused slots are NULL. Uses products_barcode.
  const holders = db.prepare<Array<string | null>, BarcodeHolder>(
    `SELECT sku, barcode FROM products WHERE barcode IN (${GTIN_LENGTHS.map(() => '?').join(', ')}) AND sku <> ? ORDER BY sku`,
  );
  return (sku, barcode) => {
    const forms: Array<string | null> = sameBarcodeForms(barcode);
    while (forms.length < GTIN_LENGTHS.length) forms.push(null);
    return holders.all(...forms, sku);
  };
}

/** `barcode "X" is already SKU Y's barcode (where); …`: `where` is the other product's line, or "on this bench". */
export function sharedBarcodeMessage(barcode: string, holder: BarcodeHolder, where: string): string {
  const theirs = holder.barcode === barcode ? '' : ` "${holder.barcode}", the same GTIN`;
  return `barcode "${barcode}" is already SKU ${holder.sku}'s barcode${theirs} (${where}); a scan could not tell the two apart. Give each product its own barcode.`;
}
