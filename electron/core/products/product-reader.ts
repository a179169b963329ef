import type { Product } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { IdentifierFormat, IdentifierKind, IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import type { Db } from '../db/open.js';

/** The product columns every reader selects (ProductRow). */
export const PRODUCT_COLUMNS = 'id, sku, title, barcode, identifier_mode, stock_level, identifier_kind, identifier_format, min_shelf_life_days';

export interface ProductRow {
  id: number;
  sku: string;
  title: string;
  barcode: string | null;
  identifier_mode: IdentifierMode;
  stock_level: number;
  identifier_kind: IdentifierKind;
  /** JSON of an IdentifierFormat, or null. */
  identifier_format: string | null;
  min_shelf_life_days: number | null;
}

/** A product row's kind, format and shelf life (the format column holds JSON the shared schema checked). */
export function specOf(row: Pick<ProductRow, 'identifier_kind' | 'identifier_format' | 'min_shelf_life_days'>): IdentifierSpec {
  return {
    identifierKind: row.identifier_kind,
    identifierFormat: row.identifier_format === null ? null : (JSON.parse(row.identifier_format) as IdentifierFormat),
    minShelfLifeDays: row.min_shelf_life_days,
  };
}

/** Reads products with their identifier counts; shared by every feature that returns a product. */
export function createProductReader(db: Db) {
  const byId = db.prepare<[number], ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = ?`,
  );
  const bySku = db.prepare<[string], ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM products WHERE sku = ?`,
  );
  const counts = db.prepare<[number], { status: string; n: number }>(
    'SELECT status, count(*) AS n FROM identifiers WHERE product_id = ? GROUP BY status',
  );

  function toProduct(row: ProductRow): Product {
    const identifierCounts = { available: 0, allocated: 0, consumed: 0 };
    for (const { status, n } of counts.all(row.id)) {
      identifierCounts[status as keyof typeof identifierCounts] = n;
    }
    return {
      id: row.id,
      sku: row.sku,
      title: row.title,
      barcode: row.barcode,
      identifierMode: row.identifier_mode,
      ...specOf(row),
      stockLevel: row.stock_level,
      identifierCounts,
    };
  }

  function requireRow(productId: number): ProductRow {
    const row = byId.get(productId);
    if (!row) throw new BenchError('not_found', `No product with id ${productId}`);
    return row;
  }

  return {
    toProduct,
    requireRow,
    findRowBySku: (sku: string) => bySku.get(sku),
    getProduct: (productId: number) => toProduct(requireRow(productId)),
  };
}
export type ProductReader = ReturnType<typeof createProductReader>;
