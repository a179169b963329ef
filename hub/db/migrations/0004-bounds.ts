/**
 * The shared bounds (shared/sync/bounds.ts) as CHECKs, so no writer (push, order intake, admin SQL) can
 * store what a bench cannot apply. Text checks are NOT VALID: they hold for every new write, and rows
 * written before stay readable (a bench quarantines a change it cannot apply). Stock is brought into
 * [0, MAX_STOCK_LEVEL] first and then checked for every row.
 *
 * Generated from the constants at the time of writing; like every migration it never changes once
 * released (a new bound is a new migration). NUL never reaches here: PostgreSQL text cannot hold it.
 */
import {
  MAX_LINE_NO,
  MAX_LINE_QUANTITY,
  MAX_STOCK_LEVEL,
  TEXT_RULES,
  TRIMMED_WHITESPACE,
  type TextRule,
} from '../../../shared/sync/bounds.js';

const hex = (code: number) => code.toString(16).padStart(4, '0');
/** The characters String.prototype.trim removes, as a PostgreSQL Unicode-escaped literal. */
const WHITESPACE = `U&'${TRIMMED_WHITESPACE.map((c) => `\\${hex(c)}`).join('')}'`;

/** A CHECK expression for text column `col` under `rule` (NULL passes, as in every CHECK). */
export function pgTextCheck(col: string, rule: TextRule): string {
  const controls = rule.tab ? `[\\x01-\\x08\\x0a-\\x1f\\x7f-\\x9f]` : `[\\x01-\\x1f\\x7f-\\x9f]`;
  const parts = [`char_length(${col}) BETWEEN ${rule.min} AND ${rule.max}`, `${col} !~ '${controls}'`];
  if (rule.trimmed) parts.push(`${col} = btrim(${col}, ${WHITESPACE})`);
  return parts.join(' AND ');
}

const textCheck = (table: string, col: string, rule: TextRule) =>
  `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${col}_bounds CHECK (${pgTextCheck(col, rule)}) NOT VALID;`;

export const boundsSql = /* sql */ `
${textCheck('products', 'sku', TEXT_RULES.sku)}
${textCheck('products', 'title', TEXT_RULES.title)}
${textCheck('products', 'barcode', TEXT_RULES.barcode)}
${textCheck('identifiers', 'value', TEXT_RULES.identifier)}
${textCheck('orders', 'order_number', TEXT_RULES.orderNumber)}
${textCheck('orders', 'customer', TEXT_RULES.customer)}
${textCheck('dispatches', 'uid', TEXT_RULES.dispatchUid)}
ALTER TABLE order_lines ADD CONSTRAINT order_lines_quantity_bounds CHECK (quantity BETWEEN 1 AND ${MAX_LINE_QUANTITY}) NOT VALID;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_line_no_bounds CHECK (line_no BETWEEN 1 AND ${MAX_LINE_NO}) NOT VALID;
ALTER TABLE allocations ADD CONSTRAINT allocations_unit_bounds CHECK (unit BETWEEN 1 AND ${MAX_LINE_QUANTITY}) NOT VALID;

UPDATE products SET stock_level = GREATEST(0, LEAST(stock_level, ${MAX_STOCK_LEVEL}))
 WHERE stock_level NOT BETWEEN 0 AND ${MAX_STOCK_LEVEL};
ALTER TABLE products ADD CONSTRAINT products_stock_level_bounds CHECK (stock_level BETWEEN 0 AND ${MAX_STOCK_LEVEL});

-- A stock change that would take stock out of [0, MAX] is refused with the figures, not clamped:
-- the bench undoes it and shows the packer why.
CREATE OR REPLACE FUNCTION op_stock_delta(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_stock bigint;
  v_delta bigint := (p_op->>'delta')::bigint;
BEGIN
  SELECT stock_level INTO v_stock FROM products WHERE warehouse_id = p_wh AND sku = p_op->>'sku' FOR UPDATE;
  IF NOT FOUND THEN PERFORM reject(format('unknown SKU %s', p_op->>'sku')); END IF;
  IF v_stock + v_delta < 0 THEN
    PERFORM reject(format('SKU %s has %s in stock at the hub; a change of %s would make it negative',
      p_op->>'sku', v_stock, v_delta));
  END IF;
  IF v_stock + v_delta > ${MAX_STOCK_LEVEL} THEN
    PERFORM reject(format('SKU %s has %s in stock at the hub; a change of %s would pass the maximum of %s',
      p_op->>'sku', v_stock, v_delta, ${MAX_STOCK_LEVEL}));
  END IF;
  UPDATE products SET stock_level = v_stock + v_delta WHERE warehouse_id = p_wh AND sku = p_op->>'sku';
END $$;

CREATE OR REPLACE FUNCTION op_order_dispatch(p_wh bigint, p_station text, p_at text, p_op jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_number text := p_op->>'orderNumber';
  v_order orders;
  v_in jsonb;
  v_unit jsonb;
  v_line record;
  v_ident identifiers;
  v_qty int;
  v_remaining int;
BEGIN
  SELECT * INTO v_order FROM orders WHERE warehouse_id = p_wh AND order_number = v_number FOR UPDATE;
  IF NOT FOUND THEN PERFORM reject(format('unknown order %s', v_number)); END IF;
  IF EXISTS (SELECT 1 FROM dispatches WHERE warehouse_id = p_wh AND uid = p_op->>'dispatchUid') THEN
    PERFORM reject(format('dispatch %s of order %s was already recorded', p_op->>'dispatchUid', v_number));
  END IF;
  -- Lock the products in id order so concurrent dispatches touching the same products cannot deadlock.
  PERFORM 1 FROM products WHERE id IN (SELECT product_id FROM order_lines WHERE order_id = v_order.id)
   ORDER BY id FOR UPDATE;

  FOR v_in IN SELECT * FROM jsonb_array_elements(p_op->'lines') LOOP
    SELECT * INTO v_line FROM line_of(p_wh, v_number, (v_in->>'lineNo')::int, v_in->>'sku');
    v_qty := (v_in->>'quantity')::int;
    v_remaining := v_line.quantity - v_line.dispatched;
    IF v_remaining = 0 THEN
      PERFORM reject(format('order %s line %s was already dispatched', v_number, v_in->>'lineNo'));
    ELSIF v_qty > v_remaining THEN
      PERFORM reject(format('order %s line %s: dispatching %s but only %s remain', v_number, v_in->>'lineNo',
        v_qty, v_remaining));
    END IF;
    IF v_line.mode <> 'none' THEN
      IF jsonb_array_length(v_in->'units') <> v_qty THEN
        PERFORM reject(format('order %s line %s: %s units need %s identifiers, got %s', v_number,
          v_in->>'lineNo', v_qty, v_qty, jsonb_array_length(v_in->'units')));
      END IF;
      FOR v_unit IN SELECT * FROM jsonb_array_elements(v_in->'units') LOOP
        IF (v_unit->>'unit')::int > v_line.quantity THEN
          PERFORM reject(format('order %s line %s has %s units; there is no unit %s', v_number,
            v_in->>'lineNo', v_line.quantity, v_unit->>'unit'));
        END IF;
        v_ident := usable_identifier(v_line.product_id, v_in->>'sku', v_unit->>'value');
        IF NOT allocate(v_line.line_id, v_line.product_id, (v_unit->>'unit')::int, v_ident, v_line.mode,
            'consumed', p_station, p_at) THEN
          PERFORM reject(format('order %s line %s unit %s was already dispatched', v_number, v_in->>'lineNo',
            v_unit->>'unit'));
        END IF;
        IF v_line.mode = 'single_use' THEN
          UPDATE identifiers SET status = 'consumed' WHERE id = v_ident.id;
        END IF;
      END LOOP;
    END IF;
    UPDATE order_lines SET dispatched = dispatched + v_qty WHERE id = v_line.line_id;
    -- Goods left the building: stock stays within bounds (a count set it too low, or benches overshot).
    UPDATE products SET stock_level = GREATEST(0, stock_level - v_qty) WHERE id = v_line.product_id;
  END LOOP;

  INSERT INTO dispatches (warehouse_id, uid, order_id, station_id, at, lines)
  VALUES (p_wh, p_op->>'dispatchUid', v_order.id, p_station, p_at, p_op->'lines');
  UPDATE orders SET version = version + 1 WHERE id = v_order.id;
END $$;
`;
