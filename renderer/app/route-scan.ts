/**
 * Where a scan made outside any box goes: an order number opens that order; an identifier opens
 * its lookup; anything else is reported to the packer.
 */
import type { BenchApi } from '../../shared/contract/api.js';

export type ScanRoute =
  | { kind: 'order'; orderId: number }
  | { kind: 'identifier'; value: string }
  | { kind: 'unknown'; message: string };

export async function routeScan(api: BenchApi, value: string): Promise<ScanRoute> {
  const order = await api.findOrderByNumber({ orderNumber: value });
  if (order.ok && order.value.order) return { kind: 'order', orderId: order.value.order.id };
  const lookup = await api.lookupIdentifier({ value });
  if (lookup.ok && lookup.value.matches.length > 0) return { kind: 'identifier', value };
  if (!order.ok) return { kind: 'unknown', message: order.error.message };
  return { kind: 'unknown', message: `Scanned "${value}": no order or identifier has that value.` };
}
