/**
 * A GS1 code scanned or typed into an allocation picker: the value it carries for the line's product
 * (serial, lot or use-by date by the product's identifier kind), or a refusal (malformed, nothing for
 * the kind, or another product's GTIN, naming that product). Plain values are left to the usual path.
 */
import type { BenchApi } from '../../../../shared/contract/api.js';
import { readGs1 } from '../../../../shared/gs1/element-string.js';
import { entryProduct, interpretBoxEntry, otherProductRefusal } from '../../../components/grid/box-entry.js';

/** `useBy`: a lot product's code's use-by date (AI 17, YYYY-MM-DD), to be held against the lot's stored one. */
export type Gs1Outcome = { kind: 'value'; value: string; useBy?: string } | { kind: 'refused'; message: string };

/** null for a plain value; otherwise the outcome, once the line's product is known. */
export function gs1Commit(api: Pick<BenchApi, 'getProduct' | 'findProducts'>, productId: number, text: string, gsSubstitute: string): Promise<Gs1Outcome> | null {
  if (readGs1(text, { gsSubstitute }).kind === 'plain') return null;
  return api.getProduct({ productId }).then(async (found): Promise<Gs1Outcome> => {
    if (!found.ok) return { kind: 'refused', message: `The GS1 code could not be checked: ${found.error.message}` };
    const product = entryProduct(found.value);
    const entry = interpretBoxEntry(text, product, gsSubstitute);
    if (entry.kind === 'value') return entry.useBy === undefined ? { kind: 'value', value: entry.value } : { kind: 'value', value: entry.value, useBy: entry.useBy };
    if (entry.kind === 'refused') return { kind: 'refused', message: entry.message };
    if (entry.kind === 'other-product') return { kind: 'refused', message: await otherProductRefusal(api, entry.gtin, product) };
    return { kind: 'value', value: text }; // a range is no GS1 code; unreachable for GS1 reads
  });
}
