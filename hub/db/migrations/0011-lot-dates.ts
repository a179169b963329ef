/**
 * Issue 12, lots with a use-by date: a lot identifier may carry a use-by date (PostgreSQL date, within
 * the bounds named in shared/identifiers/lot-dates.ts; the bench's CHECK repeats them). Only products of
 * a dated kind (lot) take one. The op identifier.use_by sets or clears the dates of values the product
 * holds; pulled identifier changes carry the date (useBy), so it reaches every bench of the warehouse.
 */
import { DATED_KINDS, MAX_USE_BY_DATE, MIN_USE_BY_DATE } from '../../../shared/identifiers/lot-dates.js';

const kinds = DATED_KINDS.map((k) => `'${k}'`).join(', ');
const quietWhileSetApply = /* sql */ `IF current_setting('hub.set_apply', true) = 'on' THEN RETURN NULL; END IF;`;

export const lotDatesSql = /* sql */ `
ALTER TABLE identifiers ADD COLUMN use_by date
  CONSTRAINT identifiers_use_by_bounds CHECK (use_by IS NULL OR use_by BETWEEN DATE '${MIN_USE_BY_DATE}' AND DATE '${MAX_USE_BY_DATE}');

-- The last line of defence: a date only on identifiers of a dated kind.
CREATE FUNCTION identifier_use_by_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT identifier_kind FROM products WHERE id = NEW.product_id) NOT IN (${kinds}) THEN
    RAISE EXCEPTION 'identifiers.use_by: only lot products take a use-by date' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER identifiers_use_by_kind BEFORE INSERT OR UPDATE OF use_by, product_id ON identifiers FOR EACH ROW
  WHEN (NEW.use_by IS NOT NULL) EXECUTE FUNCTION identifier_use_by_kind();

CREATE OR REPLACE FUNCTION log_identifier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO changes (warehouse_id, payload)
  SELECT p.warehouse_id, jsonb_build_object('kind', 'identifier', 'sku', p.sku, 'value', NEW.value, 'status', NEW.status,
           'useBy', to_char(NEW.use_by, 'YYYY-MM-DD'))
    FROM products p WHERE p.id = NEW.product_id;
  RETURN NULL;
END $$;

-- All or nothing: every value must be held (not removed), and a date only on a lot product.
CREATE FUNCTION op_identifier_use_by(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_product bigint := product_id_of(p_wh, p_op->>'sku');
  v_kind text;
  v_value text;
BEGIN
  SELECT identifier_kind INTO v_kind FROM products WHERE id = v_product;
  IF v_kind NOT IN (${kinds}) AND EXISTS (SELECT 1 FROM jsonb_array_elements(p_op->'dates') d WHERE d->>'useBy' IS NOT NULL) THEN
    PERFORM reject(format('SKU %s has identifiers of kind %s; only lot products take a use-by date', p_op->>'sku', v_kind));
  END IF;
  SELECT d->>'value' INTO v_value FROM jsonb_array_elements(p_op->'dates') d
   WHERE NOT EXISTS (SELECT 1 FROM identifiers i WHERE i.product_id = v_product AND i.value = d->>'value' AND i.status <> 'removed')
   LIMIT 1;
  IF FOUND THEN
    PERFORM reject(format('identifier "%s" of SKU %s is not held at the hub; its use-by date cannot be set', v_value, p_op->>'sku'));
  END IF;
  UPDATE identifiers i SET use_by = (d->>'useBy')::date
    FROM jsonb_array_elements(p_op->'dates') d
   WHERE i.product_id = v_product AND i.value = d->>'value' AND i.use_by IS DISTINCT FROM (d->>'useBy')::date;
END $$;

-- As in 0007, plus identifier.use_by.
CREATE OR REPLACE FUNCTION apply_op(p_wh bigint, p_station text, p_at text, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CASE p_op->>'type'
    WHEN 'product.upsert' THEN PERFORM op_product_upsert(p_wh, p_op);
    WHEN 'product.mode' THEN PERFORM op_product_mode(p_wh, p_op);
    WHEN 'stock.delta' THEN PERFORM op_stock_delta(p_wh, p_at, p_op);
    WHEN 'stock.count' THEN PERFORM op_stock_count(p_wh, p_op);
    WHEN 'identifier.add' THEN PERFORM identifiers_add(p_wh, p_op->>'sku', p_op->'values');
    WHEN 'identifier.remove' THEN PERFORM identifiers_remove(p_wh, p_op->>'sku', p_op->'values');
    WHEN 'identifier.rename' THEN
      PERFORM identifiers_remove(p_wh, p_op->>'sku', jsonb_build_array(p_op->>'from'));
      PERFORM identifiers_add(p_wh, p_op->>'sku', jsonb_build_array(p_op->>'to'));
    WHEN 'identifier.use_by' THEN PERFORM op_identifier_use_by(p_wh, p_op);
    WHEN 'order.upsert' THEN PERFORM order_upsert(p_wh, p_op);
    WHEN 'allocation.set' THEN PERFORM op_allocation_set(p_wh, p_station, p_at, p_op);
    WHEN 'allocation.clear' THEN PERFORM op_allocation_clear(p_wh, p_op);
    WHEN 'order.dispatch' THEN PERFORM op_order_dispatch(p_wh, p_station, p_at, p_op);
    ELSE PERFORM reject(format('unknown op type %s', p_op->>'type'));
  END CASE;
  -- In the op's savepoint: a rejection takes its events with it.
  PERFORM record_identifier_events(p_wh, p_station, NULLIF(current_setting('hub.seq', true), '')::bigint, p_at, p_op, NULL);
END $$;

-- Recall by use-by date range reads a lot's date through its identifier.
CREATE INDEX identifiers_lot_use_by ON identifiers (product_id, use_by) WHERE use_by IS NOT NULL;
`;
