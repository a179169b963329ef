/**
 * Where a scan made outside any box goes: an order number opens that order; an identifier (or one
 * removed or renamed away, which keeps its history) opens its lookup; a product's barcode opens the
 * product; a GS1 code opens the lookup of the identifier it carries, or else the product whose barcode
 * its GTIN is; anything else is reported to the packer.
 */
import type { BenchApi, Product } from '../../shared/contract/api.js';
import { barcodeAsGtin14, readGs1, type Gs1Scan } from '../../shared/gs1/element-string.js';
import { TEXT_RULES, textProblem } from '../../shared/sync/bounds.js';
import { findProductsByGtin, quoteEntry, sharedGtinMessage } from '../components/grid/box-entry.js';

export type ScanRoute =
  | { kind: 'order'; orderId: number }
  /** gs1Code: the whole GS1 code, when the identifier came in one (the lookup reads it again, scoped to its GTIN). */
  | { kind: 'identifier'; value: string; gs1Code?: string }
  | { kind: 'product'; product: Product }
  | { kind: 'unknown'; message: string };

export async function routeScan(api: BenchApi, scanned: string, gsSubstitute = ''): Promise<ScanRoute> {
  const read = readGs1(scanned, { gsSubstitute });
  if (read.kind === 'malformed') return { kind: 'unknown', message: `Scanned a GS1 code that was refused: ${read.reason}.` };
  if (read.kind === 'gs1') return routeGs1(api, read.scan, scanned);
  const value = read.value;
  // What no order number (or no identifier) can be is not asked for: a long code (a QR code's web
  // address) was answered with the contract's refusal of the question, in code words ("Invalid
  // arguments: orderNumber: Too big: …"), instead of "no order or identifier has that value".
  const order = textProblem(value, TEXT_RULES.orderNumber) === null ? await api.findOrderByNumber({ orderNumber: value }) : null;
  if (order?.ok && order.value.order) return { kind: 'order', orderId: order.value.order.id };
  if (textProblem(value, TEXT_RULES.identifier) === null) {
    const lookup = await api.lookupIdentifier({ value });
    if (lookup.ok && lookup.value.matches.length > 0) return { kind: 'identifier', value };
    // Removed or renamed away, it still has a history here (which order got it): the lookup shows it.
    const history = await api.getIdentifierHistory({ value });
    if (history.ok && history.value.events.length > 0) return { kind: 'identifier', value };
  }
  // A product's own barcode (EAN-8, UPC-A, EAN-13, GTIN-14) opens the product, as its GS1 code does.
  const gtin = barcodeAsGtin14(value);
  const products = gtin === null ? [] : await findProductsByGtin(api, gtin);
  if (gtin !== null && products.length > 0) return productOfGtin(gtin, products);
  if (order && !order.ok) return { kind: 'unknown', message: order.error.message };
  return { kind: 'unknown', message: `Scanned ${quoteEntry(value)}: no order${gtin === null ? ' or identifier' : ', identifier or product barcode'} has that value.` };
}

/**
 * The lookup opens with the whole code, not only the value it carries: it reads the code again and shows
 * the GTIN's product only, as a scan into its box does (another product's same serial is not what was scanned).
 */
async function routeGs1(api: BenchApi, scan: Gs1Scan, scanned: string): Promise<ScanRoute> {
  for (const value of [scan.serial, scan.lot, scan.useBy]) {
    if (value === null) continue;
    const lookup = await api.lookupIdentifier({ value });
    if (lookup.ok && lookup.value.matches.length > 0) return { kind: 'identifier', value, gs1Code: scanned };
  }
  if (scan.gtin !== null) {
    const products = await findProductsByGtin(api, scan.gtin);
    if (products.length > 0) return productOfGtin(scan.gtin, products);
    return { kind: 'unknown', message: `Scanned a GS1 code with GTIN ${scan.gtin}: no product on this bench has that barcode.` };
  }
  return { kind: 'unknown', message: 'Scanned a GS1 code with no GTIN and no identifier this bench holds.' };
}

/**
 * The product a GTIN names; several products sharing it are refused (beeped and said, naming each):
 * opening one of them would be a guess the packer never sees.
 */
function productOfGtin(gtin: string, products: Product[]): ScanRoute {
  if (products.length === 1) return { kind: 'product', product: products[0]! };
  return { kind: 'unknown', message: `${sharedGtinMessage(gtin, products)} Search Products for it and open the one you hold; have the barcode corrected.` };
}
