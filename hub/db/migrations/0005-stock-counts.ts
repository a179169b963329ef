/**
 * Stock counts (stock-takes) with a counted-at time: the later count wins and the movements (deltas,
 * dispatches) after it add. Every movement is kept with the time it happened, so a count that arrives
 * late (a bench offline) still lands right: stock = latest count + movements after it. A catalogue
 * imported on two benches sends the same count twice, which can never double the stock.
 */
import { MAX_STOCK_LEVEL } from '../../../shared/sync/bounds.js';

export const stockCountsSql = /* sql */ `
ALTER TABLE products ADD COLUMN counted_at timestamptz;

CREATE TABLE stock_movements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id bigint NOT NULL REFERENCES products (id),
  at timestamptz NOT NULL,
  delta bigint NOT NULL
);
CREATE INDEX stock_movements_product_at ON stock_movements (product_id, at);

-- The instant an op says it happened; a bench's clock text that is not one counts as now.
CREATE FUNCTION instant_of(p_at text) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN COALESCE(p_at::timestamptz, now());
EXCEPTION WHEN OTHERS THEN
  RETURN now();
END $$;

-- A stock movement at p_at. It changes stock only if it happened after the product's last count
-- (the count already includes anything before it). p_clamp: keep stock in bounds (goods that left);
-- otherwise a movement that would leave [0, MAX] is refused with the figures.
CREATE FUNCTION stock_move(p_product bigint, p_delta bigint, p_at text, p_clamp boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v products;
  v_at timestamptz := instant_of(p_at);
  v_new bigint;
BEGIN
  SELECT * INTO v FROM products WHERE id = p_product FOR UPDATE;
  IF v.counted_at IS NULL OR v_at > v.counted_at THEN
    v_new := v.stock_level + p_delta;
    IF p_clamp THEN
      v_new := GREATEST(0, LEAST(v_new, ${MAX_STOCK_LEVEL}));
    ELSIF v_new < 0 THEN
      PERFORM reject(format('SKU %s has %s in stock at the hub; a change of %s would make it negative', v.sku, v.stock_level, p_delta));
    ELSIF v_new > ${MAX_STOCK_LEVEL} THEN
      PERFORM reject(format('SKU %s has %s in stock at the hub; a change of %s would pass the maximum of %s',
        v.sku, v.stock_level, p_delta, ${MAX_STOCK_LEVEL}));
    END IF;
    UPDATE products SET stock_level = v_new WHERE id = p_product;
  END IF;
  INSERT INTO stock_movements (product_id, at, delta) VALUES (p_product, v_at, p_delta);
END $$;

DROP FUNCTION op_stock_delta(bigint, jsonb);
CREATE FUNCTION op_stock_delta(p_wh bigint, p_at text, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stock_move(product_id_of(p_wh, p_op->>'sku'), (p_op->>'delta')::bigint, p_at, false);
END $$;

-- A count older than (or as old as) the product's last one changes nothing: the same count twice, or
-- two benches importing one catalogue, in any order, end at the same figure.
CREATE FUNCTION op_stock_count(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v products;
  v_counted_at timestamptz := (p_op->>'countedAt')::timestamptz;
  v_after bigint;
BEGIN
  SELECT * INTO v FROM products WHERE warehouse_id = p_wh AND sku = p_op->>'sku' FOR UPDATE;
  IF NOT FOUND THEN PERFORM reject(format('unknown SKU %s', p_op->>'sku')); END IF;
  IF v.counted_at IS NOT NULL AND v_counted_at <= v.counted_at THEN RETURN; END IF;
  SELECT COALESCE(sum(delta), 0) INTO v_after FROM stock_movements WHERE product_id = v.id AND at > v_counted_at;
  UPDATE products
     SET stock_level = GREATEST(0, LEAST((p_op->>'level')::bigint + v_after, ${MAX_STOCK_LEVEL})), counted_at = v_counted_at
   WHERE id = v.id;
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
    -- Goods left the building: a movement at the dispatch's time (clamped at 0 if counts were low).
    PERFORM stock_move(v_line.product_id, -v_qty, p_at, true);
  END LOOP;

  INSERT INTO dispatches (warehouse_id, uid, order_id, station_id, at, lines)
  VALUES (p_wh, p_op->>'dispatchUid', v_order.id, p_station, p_at, p_op->'lines');
  UPDATE orders SET version = version + 1 WHERE id = v_order.id;
END $$;

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
    WHEN 'order.upsert' THEN PERFORM order_upsert(p_wh, p_op);
    WHEN 'allocation.set' THEN PERFORM op_allocation_set(p_wh, p_station, p_at, p_op);
    WHEN 'allocation.clear' THEN PERFORM op_allocation_clear(p_wh, p_op);
    WHEN 'order.dispatch' THEN PERFORM op_order_dispatch(p_wh, p_station, p_at, p_op);
    ELSE PERFORM reject(format('unknown op type %s', p_op->>'type'));
  END CASE;
END $$;

-- The order system's catalogue calls (products, identifiers, stock counts): one op per item, in its
-- own transaction, answered applied or rejected with the reason (never an error for the request).
CREATE FUNCTION intake_op(p_wh bigint, p_op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_constraint text;
  v_detail text;
  v_message text;
BEGIN
  PERFORM apply_op(p_wh, NULL, now()::text, p_op);
  RETURN jsonb_build_object('status', 'applied');
EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
  GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_detail = PG_EXCEPTION_DETAIL, v_message = MESSAGE_TEXT;
  RETURN jsonb_build_object('status', 'rejected', 'reason', explain_violation(v_constraint, v_detail, v_message));
END $$;
`;
