import type pg from 'pg';
import { didYouMeanSku, meantSku } from '../../shared/sync/nearest-name.js';

/** SKUs read on each side of an unknown one, as typed and in capitals (a typo's SKU sorts near it). */
const NEIGHBOURS_EACH_SIDE = 20;

/**
 * The warehouse's SKU an unknown one most likely meant (meantSku, as the bench's import suggests).
 * Asked only for an order refused for it. Equal ignoring case reads the warehouse's SKUs (no index on
 * lower(sku): a refusal's cost, not every order's); the neighbours are four short reads of
 * products_sku_unique (C order, so the capitals find an upper-case SKU typed in lower case).
 */
export async function meantSkuAt(db: pg.Pool, warehouseId: string | number, unknown: string): Promise<{ sku: string; caseOnly: boolean } | undefined> {
  const same = await db.query<{ sku: string }>({
    name: 'hub_meant_sku_case',
    text: 'SELECT sku FROM products WHERE warehouse_id = $1 AND lower(sku) = lower($2) LIMIT 2',
    values: [warehouseId, unknown],
  });
  if (same.rows.length) return meantSku(unknown, same.rows.map((r) => r.sku), []);
  const near = await db.query<{ sku: string }>({
    name: 'hub_meant_sku_neighbours',
    text: `(SELECT sku FROM products WHERE warehouse_id = $1 AND sku < $2 ORDER BY sku DESC LIMIT $3)
      UNION ALL (SELECT sku FROM products WHERE warehouse_id = $1 AND sku > $2 ORDER BY sku LIMIT $3)
      UNION ALL (SELECT sku FROM products WHERE warehouse_id = $1 AND sku < upper($2) ORDER BY sku DESC LIMIT $3)
      UNION ALL (SELECT sku FROM products WHERE warehouse_id = $1 AND sku > upper($2) ORDER BY sku LIMIT $3)`,
    values: [warehouseId, unknown, NEIGHBOURS_EACH_SIDE],
  });
  // A SKU typed in capitals reads its neighbours twice.
  return meantSku(unknown, [], [...new Set(near.rows.map((r) => r.sku))]);
}

/** A refusal's words with the SKU meant after them, or as they were. */
export type WithMeantSku = (reason: string, skus: readonly string[]) => Promise<string>;

/**
 * For one request: a refusal "unknown SKU a-1" (the SQL's words, format('unknown SKU %s')) for one of
 * `skus` gets the SKU probably meant after it. Each look-up reads the warehouse's SKUs, so each distinct
 * unknown SKU is looked up once per request (items for a product not yet at the hub all name it, else up
 * to 1,000 look-ups), and anew in the next request (the warehouse's SKUs may have changed meanwhile).
 */
export function meantSkuWords(db: pg.Pool, warehouseId: string | number): WithMeantSku {
  const wordsFor = new Map<string, string>();
  return async (reason, skus) => {
    const unknown = skus.find((sku) => reason === `unknown SKU ${sku}`);
    if (unknown === undefined) return reason;
    let words = wordsFor.get(unknown);
    if (words === undefined) wordsFor.set(unknown, (words = didYouMeanSku(await meantSkuAt(db, warehouseId, unknown))));
    return `${reason}${words}`;
  };
}
