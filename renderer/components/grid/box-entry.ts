/**
 * What a value entered into a serial box (scanned, or typed and Enter) asks for, before the usual
 * checks: a GS1 code gives the product's value (serial, lot or use-by date by its kind) or is refused,
 * a GS1 code of another product is refused naming that product, and "first..last" / "first +count"
 * asks to fill a range of boxes.
 */
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { barcodeAsGtin14, GS, readScanForProduct, wrongProductMessage, type Gs1Product } from '../../../shared/gs1/element-string.js';
import { gtinForms } from '../../../shared/gs1/barcode-forms.js';
import { kindTakesDate } from '../../../shared/identifiers/lot-dates.js';
import { parseRange, type IdentifierRange } from '../../../shared/ranges/identifier-range.js';

export interface EntryProduct extends Gs1Product {
  title: string;
}

/** The product as the entry rules need it. */
export function entryProduct(product: Product): EntryProduct {
  return { sku: product.sku, title: product.title, barcode: product.barcode, identifierKind: product.identifierKind };
}

/** The grid's entry rules for `product`, naming another product's GTIN through the core. */
export function boxEntryFor(api: Pick<BenchApi, 'findProducts'>, product: Product): { product: EntryProduct; nameOtherProduct: (gtin: string) => Promise<string> } {
  const entry = entryProduct(product);
  return { product: entry, nameOtherProduct: (gtin) => otherProductRefusal(api, gtin, entry) };
}

export type BoxEntry =
  /**
   * An ordinary value (a plain scan, or what a GS1 code carries for this product); for a lot product,
   * a GS1 code's use-by date (AI 17, YYYY-MM-DD) comes with the lot.
   */
  | { kind: 'value'; value: string; useBy?: string }
  | { kind: 'refused'; message: string }
  /** Another product's GTIN: which product it is takes a question to the core. */
  | { kind: 'other-product'; gtin: string }
  | { kind: 'range'; range: IdentifierRange };

/** How refusals quote what was entered: short, and with the GS separator made visible. */
export function quoteEntry(raw: string): string {
  const shown = raw.trim().replaceAll(GS, '<GS>');
  return `"${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}"`;
}

export function interpretBoxEntry(raw: string, product: EntryProduct, gsSubstitute: string): BoxEntry {
  const read = readScanForProduct(raw, product, { gsSubstitute });
  if (read.kind === 'refused') return { kind: 'refused', message: `${quoteEntry(raw)} was refused: ${read.reason}. Scan another.` };
  if (read.kind === 'other-product') return { kind: 'other-product', gtin: read.gtin };
  if (read.gs1) {
    const useBy = kindTakesDate(product.identifierKind) ? read.gs1.useBy : null;
    return useBy === null ? { kind: 'value', value: read.value } : { kind: 'value', value: read.value, useBy };
  }
  // A use-by date's digits are a date, not a counter: no ranges there.
  const range = product.identifierKind === 'use_by' ? ({ kind: 'none' } as const) : parseRange(read.value);
  if (range.kind === 'range') return { kind: 'range', range: range.range };
  if (range.kind === 'invalid') return { kind: 'refused', message: `The range ${quoteEntry(raw)} was refused: ${range.reason}.` };
  // A plain code's AIM prefix ("]C0" from a scanner set to send them) is not part of the value.
  return { kind: 'value', value: read.value === raw.trim() ? raw : read.value };
}

/**
 * Every product whose barcode is `gtin`, by SKU (more than one: a barcode shared, from before the import
 * refused it or from the hub). Barcodes are searched by prefix, and a product may carry the GTIN as
 * GTIN-14, EAN-13, UPC-A (12) or EAN-8: each form the GTIN's leading zeros allow.
 */
export async function findProductsByGtin(api: Pick<BenchApi, 'findProducts'>, gtin: string): Promise<Product[]> {
  const found = new Map<number, Product>();
  for (const form of gtinForms(gtin)) {
    const page = await api.findProducts({ query: form, offset: 0, limit: 20 });
    if (page.ok) for (const p of page.value.items) if (barcodeAsGtin14(p.barcode) === gtin) found.set(p.id, p);
  }
  return [...found.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

const named = (p: { sku: string; title: string }) => (p.title ? `${p.sku} (${p.title})` : p.sku);

/** Said when a scanned GTIN is the barcode of several products: which one was scanned is not known. */
export function sharedGtinMessage(gtin: string, products: ReadonlyArray<{ sku: string; title: string }>): string {
  const names = products.map(named);
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  return `The scanned GTIN ${gtin} is the barcode of ${products.length} products, ${list}: a scan cannot tell them apart.`;
}

/** The refusal for another product's GS1 code: names the product whose barcode the GTIN is (or every one that shares it). */
export async function otherProductRefusal(api: Pick<BenchApi, 'findProducts'>, gtin: string, product: EntryProduct): Promise<string> {
  const others = await findProductsByGtin(api, gtin);
  if (others.length > 1) return `Refused: this is not ${named(product)}. ${sharedGtinMessage(gtin, others)} Scan another.`;
  return `Refused: ${wrongProductMessage(gtin, others[0] ?? null, product)} Scan another.`;
}

/** "box" → "boxes", "new unit" → "new units". */
export function plural(word: string): string {
  return /(x|s|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}
