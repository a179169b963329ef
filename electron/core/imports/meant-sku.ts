import type { Db } from '../db/open.js';
import { meantSku } from '../../../shared/sync/nearest-name.js';

/**
 * SKUs read on each side of an unknown one in case-blind order: its typo's candidates. A typo keeps the
 * start of a SKU, so the SKU meant sorts near it; a slip in the first characters of a SKU among many alike
 * then gets no suggestion, which is better than a wrong one and cheaper than reading every product.
 */
const NEIGHBOURS_EACH_SIDE = 20;

/**
 * The SKU an unknown one most likely meant (meantSku): three reads of products_sku_nocase and a few
 * dozen small comparisons, however many products there are. Asked only for a line being refused.
 */
export function createMeantSku(db: Db): (unknown: string) => { sku: string; caseOnly: boolean } | undefined {
  const sameIgnoringCase = db.prepare<[string], string>('SELECT sku FROM products WHERE sku = ? COLLATE NOCASE LIMIT 2').pluck();
  const below = db.prepare<[string, number], string>(
    'SELECT sku FROM products WHERE sku < ? COLLATE NOCASE ORDER BY sku COLLATE NOCASE DESC LIMIT ?',
  ).pluck();
  const above = db.prepare<[string, number], string>(
    'SELECT sku FROM products WHERE sku > ? COLLATE NOCASE ORDER BY sku COLLATE NOCASE LIMIT ?',
  ).pluck();
  return (unknown) => {
    const same = sameIgnoringCase.all(unknown);
    // Equal ignoring case: no neighbours needed.
    if (same.length) return meantSku(unknown, same, []);
    return meantSku(unknown, [], [...below.all(unknown, NEIGHBOURS_EACH_SIDE), ...above.all(unknown, NEIGHBOURS_EACH_SIDE)]);
  };
}
