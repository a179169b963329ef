/**
 * Where a scan made outside any box goes: an order number opens that order; an identifier opens
 * its lookup; a GS1 code opens the lookup of the identifier it carries, or else the product whose
 * barcode its GTIN is; anything else is reported to the packer.
 */
import type { BenchApi, Product } from '../../shared/contract/api.js';
import { readGs1, type Gs1Scan } from '../../shared/gs1/element-string.js';
import { findProductByGtin } from '../components/grid/box-entry.js';

export type ScanRoute =
  | { kind: 'order'; orderId: number }
  | { kind: 'identifier'; value: string }
  | { kind: 'product'; product: Product }
  | { kind: 'unknown'; message: string };

export async function routeScan(api: BenchApi, scanned: string, gsSubstitute = ''): Promise<ScanRoute> {
  const read = readGs1(scanned, { gsSubstitute });
  if (read.kind === 'malformed') return { kind: 'unknown', message: `Scanned a GS1 code that was refused: ${read.reason}.` };
  if (read.kind === 'gs1') return routeGs1(api, read.scan);
  const value = read.value;
  const order = await api.findOrderByNumber({ orderNumber: value });
  if (order.ok && order.value.order) return { kind: 'order', orderId: order.value.order.id };
  const lookup = await api.lookupIdentifier({ value });
  if (lookup.ok && lookup.value.matches.length > 0) return { kind: 'identifier', value };
  if (!order.ok) return { kind: 'unknown', message: order.error.message };
  return { kind: 'unknown', message: `Scanned "${value}": no order or identifier has that value.` };
}

async function routeGs1(api: BenchApi, scan: Gs1Scan): Promise<ScanRoute> {
  for (const value of [scan.serial, scan.lot, scan.useBy]) {
    if (value === null) continue;
    const lookup = await api.lookupIdentifier({ value });
    if (lookup.ok && lookup.value.matches.length > 0) return { kind: 'identifier', value };
  }
  if (scan.gtin !== null) {
    const product = await findProductByGtin(api, scan.gtin);
    if (product) return { kind: 'product', product };
    return { kind: 'unknown', message: `Scanned a GS1 code with GTIN ${scan.gtin}: no product on this bench has that barcode.` };
  }
  return { kind: 'unknown', message: 'Scanned a GS1 code with no GTIN and no identifier this bench holds.' };
}
