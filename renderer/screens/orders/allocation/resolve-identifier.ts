/**
 * Finds the identifier that exactly matches typed or scanned text (case sensitive), through the
 * core. The exact value is the first of the core's prefix matches when it exists, so one
 * candidate is enough; a miss is explained (unknown, or already dispatched) for the packer.
 */
import type { BenchApi, Candidate } from '../../../../shared/contract/api.js';
import { barcodeAsGtin14 } from '../../../../shared/gs1/element-string.js';
import { TEXT_RULES, textProblem } from '../../../../shared/sync/bounds.js';
import { findProductsByGtin } from '../../../components/grid/box-entry.js';
import { quotedValue, type UseByLine } from './use-by-rules.js';

export type Resolution = { kind: 'found'; candidate: Candidate } | { kind: 'refused'; message: string };

/**
 * How a refusal names a value the product does not hold: a date has no case; lots are named lots. The
 * product's values equal to it but for case are named (a label printed in another case, a scanner set
 * to lower case): "Lot numbers are case sensitive: BATT-L holds "LOT-2024-B"."
 */
function notHeldText(quoted: string, sku: string, kind: UseByLine['kind'] | undefined, otherCase: readonly string[]): string {
  if (kind === 'use_by') return `"${quoted}" is not a pre-entered use-by date of ${sku}.`;
  const held = otherCase.length > 0 ? `: ${sku} holds ${otherCase.map((v) => `"${v}"`).join(', ')}.` : '.';
  if (kind === 'lot') return `"${quoted}" is not a pre-entered lot number of ${sku}. Lot numbers are case sensitive${held}`;
  return `"${quoted}" is not a pre-entered identifier of ${sku}. Identifiers are case sensitive${held}`;
}

/** `line`: the line's use-by rules when it is a lot or use-by line (a date is quoted in the bench's locale). */
export async function resolveIdentifier(api: BenchApi, productId: number, sku: string, value: string, line?: Pick<UseByLine, 'kind'>): Promise<Resolution> {
  const result = await api.searchCandidates({ productId, query: value, limit: 1 });
  if (!result.ok) return { kind: 'refused', message: result.error.message };
  const exact = result.value.items.find((c) => c.value === value);
  if (exact) return { kind: 'found', candidate: exact };

  const quoted = quotedValue(line, value);
  const lookup = await api.lookupIdentifier({ value, suggest: true });
  const here = lookup.ok ? lookup.value.matches.find((m) => m.productId === productId) : undefined;
  if (here?.status === 'consumed') {
    const order = here.orders.find((o) => o.dispatched);
    return { kind: 'refused', message: `"${quoted}" was already dispatched${order ? ` with order ${order.orderNumber}` : ''}; it cannot be used again.` };
  }
  // A pack of another product scanned by mistake: naming that product says what went wrong (not the case hint).
  const others = lookup.ok ? [...new Set(lookup.value.matches.filter((m) => m.productId !== productId).map((m) => m.sku))] : [];
  if (others.length > 0) return { kind: 'refused', message: `"${quoted}" is an identifier of ${others.join(', ')}, not of ${sku}. Scan a ${sku} unit.` };
  const otherCase = lookup.ok ? lookup.value.suggestions.filter((s) => s.sku === sku).map((s) => s.value) : [];
  if (otherCase.length === 0) {
    const scannedElse = await whatElseItIs(api, value, sku, line?.kind);
    if (scannedElse) return { kind: 'refused', message: scannedElse };
  }
  return { kind: 'refused', message: notHeldText(quoted, sku, line?.kind, otherCase) };
}

/**
 * A product's barcode or an order number scanned into a unit's box (the box label, the pick sheet): said
 * as such. "…is not a pre-entered identifier of TAB-10. Identifiers are case sensitive." sent the packer
 * looking for a case slip in a string of digits. Null when it is neither (or the bench cannot tell).
 */
async function whatElseItIs(api: BenchApi, value: string, sku: string, kind: UseByLine['kind'] | undefined): Promise<string | null> {
  const noun = kind === 'lot' ? 'lot number' : kind === 'use_by' ? 'use-by date' : 'identifier';
  const aNoun = noun === 'identifier' ? 'an identifier' : `a ${noun}`;
  const gtin = barcodeAsGtin14(value);
  if (gtin !== null) {
    const products = await findProductsByGtin(api, gtin).catch(() => []);
    if (products.length > 0) {
      const named = `${products.length === 1 ? 'product' : 'products'} ${products.map((p) => p.sku).join(', ')}`;
      return `"${value}" is the barcode of ${named}, not ${aNoun} of ${sku}: scan the ${noun} of a ${sku} unit.`;
    }
  }
  if (textProblem(value, TEXT_RULES.orderNumber) !== null) return null;
  const order = await api.findOrderByNumber({ orderNumber: value });
  if (order.ok && order.value.order) return `"${value}" is the number of order ${order.value.order.orderNumber}, not ${aNoun} of ${sku}: scan the unit.`;
  return null;
}
