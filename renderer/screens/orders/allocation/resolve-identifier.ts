/**
 * Finds the identifier that exactly matches typed or scanned text (case sensitive), through the
 * core. The exact value is the first of the core's prefix matches when it exists, so one
 * candidate is enough; a miss is explained (unknown, or already dispatched) for the packer.
 */
import type { BenchApi, Candidate } from '../../../../shared/contract/api.js';

export type Resolution = { kind: 'found'; candidate: Candidate } | { kind: 'refused'; message: string };

export async function resolveIdentifier(api: BenchApi, productId: number, sku: string, value: string): Promise<Resolution> {
  const result = await api.searchCandidates({ productId, query: value, limit: 1 });
  if (!result.ok) return { kind: 'refused', message: result.error.message };
  const exact = result.value.items.find((c) => c.value === value);
  if (exact) return { kind: 'found', candidate: exact };

  const lookup = await api.lookupIdentifier({ value });
  const here = lookup.ok ? lookup.value.matches.find((m) => m.productId === productId) : undefined;
  if (here?.status === 'consumed') {
    const order = here.orders.find((o) => o.dispatched);
    return { kind: 'refused', message: `"${value}" was already dispatched${order ? ` with order ${order.orderNumber}` : ''}; it cannot be used again.` };
  }
  // A pack of another product scanned by mistake: naming that product says what went wrong (not the case hint).
  const others = lookup.ok ? [...new Set(lookup.value.matches.filter((m) => m.productId !== productId).map((m) => m.sku))] : [];
  if (others.length > 0) return { kind: 'refused', message: `"${value}" is an identifier of ${others.join(', ')}, not of ${sku}. Scan a ${sku} unit.` };
  return { kind: 'refused', message: `"${value}" is not a pre-entered identifier of ${sku}. Identifiers are case sensitive.` };
}
