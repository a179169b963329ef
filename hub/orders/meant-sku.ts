import type pg from 'pg';
import { meantSku } from '../../shared/sync/nearest-name.js';

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
