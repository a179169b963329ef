/** The units an order still needs identifiers for, in words: the order page's box and the allocation dialog's refusal. */
import type { MissingIdentifier } from '../../../../shared/contract/api.js';
import { counted, withThousands } from '../../../../shared/domain/counted.js';

/** "PHN-1 units 1, 2; YOG-1 unit 1": the units the core listed, and how many more it counted. */
export function summariseMissing(listed: readonly MissingIdentifier[], count: number): string {
  const bySku = new Map<string, number[]>();
  for (const m of listed) bySku.set(m.sku, [...(bySku.get(m.sku) ?? []), m.unit]);
  const named = [...bySku].map(([sku, units]) => `${sku} ${units.length === 1 ? 'unit' : 'units'} ${units.map(withThousands).join(', ')}`).join('; ');
  const more = count - listed.length;
  return more > 0 ? `${named} and ${counted(more, 'more unit', 'more units')}` : named;
}
