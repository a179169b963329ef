/**
 * Issue 12: a product's identifier kind, format (JSON, shared/identifiers/kinds.ts) and minimum shelf
 * life. The CHECKs repeat the shared bounds; a pattern's syntax is checked by the shared schema (it is a
 * JavaScript regular expression, which PostgreSQL cannot run). Pulled product changes carry the three
 * fields; a product.upsert without them (an older bench, an older order system) leaves them as they are.
 */
import {
  CHECK_DIGIT_RULES,
  IDENTIFIER_KINDS,
  MAX_FORMAT_DESCRIPTION_LENGTH,
  MAX_FORMAT_LENGTH,
  MAX_FORMAT_PATTERN_LENGTH,
  MAX_SHELF_LIFE_DAYS,
} from '../../../shared/identifiers/kinds.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const lengthLimit = (key: string) => `CASE jsonb_typeof(identifier_format->'${key}')
      WHEN 'number' THEN (identifier_format->>'${key}')::numeric BETWEEN 1 AND ${MAX_FORMAT_LENGTH}
        AND (identifier_format->>'${key}')::numeric = trunc((identifier_format->>'${key}')::numeric)
      WHEN 'null' THEN true ELSE identifier_format->'${key}' IS NULL END`;

export const identifierKindsSql = /* sql */ `
ALTER TABLE products ADD COLUMN identifier_kind text NOT NULL DEFAULT 'other'
  CONSTRAINT products_identifier_kind_valid CHECK (identifier_kind IN (${list(IDENTIFIER_KINDS)}));
ALTER TABLE products ADD COLUMN identifier_format jsonb
  CONSTRAINT products_identifier_format_bounds CHECK (identifier_format IS NULL OR (
    jsonb_typeof(identifier_format) = 'object'
    AND char_length(identifier_format->>'description') BETWEEN 1 AND ${MAX_FORMAT_DESCRIPTION_LENGTH}
    AND (identifier_format->>'pattern' IS NULL OR char_length(identifier_format->>'pattern') BETWEEN 1 AND ${MAX_FORMAT_PATTERN_LENGTH})
    AND identifier_format->>'checkDigit' IN (${list(CHECK_DIGIT_RULES)})
    AND ${lengthLimit('minLength')}
    AND ${lengthLimit('maxLength')}));
ALTER TABLE products ADD COLUMN min_shelf_life_days integer
  CONSTRAINT products_min_shelf_life_bounds CHECK (min_shelf_life_days IS NULL OR min_shelf_life_days BETWEEN 0 AND ${MAX_SHELF_LIFE_DAYS});

-- The product payload (0008) gains the three fields; the trigger and the set-wise push both use it.
CREATE OR REPLACE FUNCTION product_payload(p products, p_stock_level bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('kind', 'product', 'sku', p.sku, 'title', p.title, 'barcode', p.barcode,
    'identifierMode', p.identifier_mode, 'stockLevel', p_stock_level,
    'identifierKind', p.identifier_kind, 'identifierFormat', p.identifier_format,
    'minShelfLifeDays', p.min_shelf_life_days)
$$;

CREATE OR REPLACE FUNCTION op_product_upsert(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO products (warehouse_id, sku, title, barcode, identifier_mode, identifier_kind, identifier_format, min_shelf_life_days)
  VALUES (p_wh, p_op->>'sku', p_op->>'title', p_op->>'barcode', p_op->>'identifierMode',
    COALESCE(p_op->>'identifierKind', 'other'), NULLIF(p_op->'identifierFormat', 'null'::jsonb),
    (p_op->>'minShelfLifeDays')::integer)
  ON CONFLICT ON CONSTRAINT products_sku_unique DO UPDATE
    SET title = EXCLUDED.title, barcode = EXCLUDED.barcode, identifier_mode = EXCLUDED.identifier_mode,
      identifier_kind = CASE WHEN p_op ? 'identifierKind' THEN EXCLUDED.identifier_kind ELSE products.identifier_kind END,
      identifier_format = CASE WHEN p_op ? 'identifierFormat' THEN EXCLUDED.identifier_format ELSE products.identifier_format END,
      min_shelf_life_days = CASE WHEN p_op ? 'minShelfLifeDays' THEN EXCLUDED.min_shelf_life_days ELSE products.min_shelf_life_days END
$$;
`;
