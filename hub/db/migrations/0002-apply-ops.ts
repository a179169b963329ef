/**
 * Applying bench ops inside PostgreSQL: a push request is one CALL, each op still its own transaction,
 * which is what lets a bench push 10,000 ops in a few seconds. Business rejections raise SQLSTATE HB001
 * with a sentence for the packer; constraint violations are turned into sentences by explain_violation.
 */
export const applyOpsSql = /* sql */ `
CREATE FUNCTION reject(p_reason text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'HB001', MESSAGE = p_reason;
END $$;

-- A constraint violation as a sentence, e.g. who already holds a single-use identifier.
CREATE FUNCTION explain_violation(p_constraint text, p_detail text, p_message text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  IF p_constraint = 'allocations_single_use_once' THEN
    SELECT i.value, p.sku, o.order_number, l.line_no, a.unit, a.status, a.station_id INTO v
      FROM allocations a
      JOIN identifiers i ON i.id = a.identifier_id JOIN products p ON p.id = i.product_id
      JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id
     WHERE a.identifier_id = substring(p_detail FROM '\\((\\d+)\\)')::bigint
       AND a.single_use AND a.status IN ('live', 'consumed');
    IF FOUND THEN
      RETURN format('single-use identifier "%s" of SKU %s is already %s order %s line %s unit %s (station %s)',
        v.value, v.sku, CASE WHEN v.status = 'consumed' THEN 'dispatched with' ELSE 'allocated to' END,
        v.order_number, v.line_no, v.unit, COALESCE(v.station_id, 'unknown'));
    END IF;
    RETURN 'single-use identifier is already allocated to another order unit';
  ELSIF p_constraint = 'dispatches_uid_unique' THEN
    RETURN 'this dispatch was already recorded';
  ELSIF p_constraint = 'order_lines_not_over_dispatched' THEN
    RETURN 'dispatching more units than the order line has left';
  END IF;
  RETURN p_message;
END $$;

CREATE FUNCTION product_id_of(p_wh bigint, p_sku text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  SELECT id INTO v_id FROM products WHERE warehouse_id = p_wh AND sku = p_sku;
  IF NOT FOUND THEN PERFORM reject(format('unknown SKU %s', p_sku)); END IF;
  RETURN v_id;
END $$;

-- The order line named by (order number, line no), checked against the SKU the bench saw.
CREATE FUNCTION line_of(p_wh bigint, p_order text, p_line_no int, p_sku text)
RETURNS TABLE (line_id bigint, product_id bigint, quantity int, dispatched int, mode text)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  SELECT l.id, l.product_id, l.quantity, l.dispatched, p.sku, p.identifier_mode INTO v
    FROM orders o
    LEFT JOIN order_lines l ON l.order_id = o.id AND l.line_no = p_line_no
    LEFT JOIN products p ON p.id = l.product_id
   WHERE o.warehouse_id = p_wh AND o.order_number = p_order;
  IF NOT FOUND THEN PERFORM reject(format('unknown order %s', p_order)); END IF;
  IF v.id IS NULL THEN PERFORM reject(format('order %s has no line %s', p_order, p_line_no)); END IF;
  IF p_sku IS NOT NULL AND v.sku <> p_sku THEN
    PERFORM reject(format('order %s line %s is for SKU %s, not %s', p_order, p_line_no, v.sku, p_sku));
  END IF;
  RETURN QUERY SELECT v.id, v.product_id, v.quantity, v.dispatched, v.identifier_mode;
END $$;

CREATE FUNCTION op_product_upsert(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO products (warehouse_id, sku, title, barcode, identifier_mode)
  VALUES (p_wh, p_op->>'sku', p_op->>'title', p_op->>'barcode', p_op->>'identifierMode')
  ON CONFLICT ON CONSTRAINT products_sku_unique DO UPDATE
    SET title = EXCLUDED.title, barcode = EXCLUDED.barcode, identifier_mode = EXCLUDED.identifier_mode
$$;

CREATE FUNCTION op_product_mode(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products SET identifier_mode = p_op->>'identifierMode'
   WHERE warehouse_id = p_wh AND sku = p_op->>'sku';
  IF NOT FOUND THEN PERFORM reject(format('unknown SKU %s', p_op->>'sku')); END IF;
END $$;

CREATE FUNCTION op_stock_delta(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products SET stock_level = stock_level + (p_op->>'delta')::bigint
   WHERE warehouse_id = p_wh AND sku = p_op->>'sku';
  IF NOT FOUND THEN PERFORM reject(format('unknown SKU %s', p_op->>'sku')); END IF;
END $$;

-- Idempotent per (product, value): existing values stay as they are, removed ones come back.
CREATE FUNCTION identifiers_add(p_wh bigint, p_sku text, p_values jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_product bigint := product_id_of(p_wh, p_sku);
BEGIN
  INSERT INTO identifiers (product_id, value)
  SELECT DISTINCT v_product, v FROM jsonb_array_elements_text(p_values) v
  ON CONFLICT ON CONSTRAINT identifiers_value_unique DO UPDATE SET status = 'available'
    WHERE identifiers.status = 'removed';
END $$;

-- All or nothing: refused if any value was dispatched or is allocated. Unknown values are ignored.
-- FOR UPDATE waits for (and then blocks) allocations holding FOR SHARE on these identifiers.
CREATE FUNCTION identifiers_remove(p_wh bigint, p_sku text, p_values jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_product bigint := product_id_of(p_wh, p_sku);
  v_ids bigint[];
  v record;
BEGIN
  SELECT array_agg(id ORDER BY id) INTO v_ids FROM (
    SELECT id FROM identifiers
     WHERE product_id = v_product AND value IN (SELECT jsonb_array_elements_text(p_values)) AND status <> 'removed'
     ORDER BY id FOR UPDATE) locked;
  IF v_ids IS NULL THEN RETURN; END IF;
  SELECT value INTO v FROM identifiers WHERE id = ANY (v_ids) AND status = 'consumed' LIMIT 1;
  IF FOUND THEN
    PERFORM reject(format('identifier "%s" of SKU %s was dispatched; it stays in the history', v.value, p_sku));
  END IF;
  SELECT i.value, o.order_number, l.line_no, a.unit INTO v
    FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
    JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id
   WHERE a.identifier_id = ANY (v_ids) AND a.status = 'live' LIMIT 1;
  IF FOUND THEN
    PERFORM reject(format('identifier "%s" of SKU %s is allocated to order %s line %s unit %s; clear that first',
      v.value, p_sku, v.order_number, v.line_no, v.unit));
  END IF;
  UPDATE identifiers SET status = 'removed' WHERE id = ANY (v_ids);
END $$;

-- An identifier the bench may allocate: known, not removed, not already consumed.
CREATE FUNCTION usable_identifier(p_product bigint, p_sku text, p_value text) RETURNS identifiers
LANGUAGE plpgsql AS $$
DECLARE
  v_ident identifiers;
BEGIN
  -- FOR SHARE: a concurrent removal either waits for this op or is seen by it (status 'removed').
  SELECT * INTO v_ident FROM identifiers WHERE product_id = p_product AND value = p_value FOR SHARE;
  IF NOT FOUND THEN PERFORM reject(format('unknown identifier "%s" for SKU %s', p_value, p_sku)); END IF;
  IF v_ident.status = 'removed' THEN
    PERFORM reject(format('identifier "%s" of SKU %s was removed', p_value, p_sku));
  END IF;
  RETURN v_ident;
END $$;

-- Sets (or replaces) the identifier of one order unit; a consumed (dispatched) unit cannot change.
-- The partial unique index allocations_single_use_once is what stops two benches taking one
-- single-use identifier: the later insert waits for the earlier transaction and then fails.
CREATE FUNCTION allocate(p_line bigint, p_product bigint, p_unit int, p_ident identifiers, p_mode text,
  p_status text, p_station text, p_at text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO allocations (order_line_id, product_id, unit, identifier_id, single_use, status, station_id, at)
  VALUES (p_line, p_product, p_unit, p_ident.id, p_mode = 'single_use', p_status, p_station, p_at)
  ON CONFLICT ON CONSTRAINT allocations_unit_unique DO UPDATE
    SET identifier_id = EXCLUDED.identifier_id, single_use = EXCLUDED.single_use, status = EXCLUDED.status,
        station_id = EXCLUDED.station_id, at = EXCLUDED.at
    WHERE allocations.status = 'live';
  RETURN FOUND;
END $$;

CREATE FUNCTION op_allocation_set(p_wh bigint, p_station text, p_at text, p_op jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_line record;
  v_unit int := (p_op->>'unit')::int;
BEGIN
  SELECT * INTO v_line FROM line_of(p_wh, p_op->>'orderNumber', (p_op->>'lineNo')::int, p_op->>'sku');
  IF v_unit > v_line.quantity THEN
    PERFORM reject(format('order %s line %s has %s units; there is no unit %s',
      p_op->>'orderNumber', p_op->>'lineNo', v_line.quantity, v_unit));
  END IF;
  IF NOT allocate(v_line.line_id, v_line.product_id, v_unit,
      usable_identifier(v_line.product_id, p_op->>'sku', p_op->>'value'), v_line.mode, 'live', p_station, p_at) THEN
    PERFORM reject(format('order %s line %s unit %s was already dispatched',
      p_op->>'orderNumber', p_op->>'lineNo', v_unit));
  END IF;
END $$;

CREATE FUNCTION op_allocation_clear(p_wh bigint, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_line record;
BEGIN
  SELECT * INTO v_line FROM line_of(p_wh, p_op->>'orderNumber', (p_op->>'lineNo')::int, NULL);
  DELETE FROM allocations WHERE order_line_id = v_line.line_id AND unit = (p_op->>'unit')::int AND status = 'live';
  IF NOT FOUND AND EXISTS (SELECT 1 FROM allocations
      WHERE order_line_id = v_line.line_id AND unit = (p_op->>'unit')::int) THEN
    PERFORM reject(format('order %s line %s unit %s was already dispatched',
      p_op->>'orderNumber', p_op->>'lineNo', p_op->>'unit'));
  END IF;
END $$;

-- Creates or amends an order; lines that already have allocations or dispatches keep their SKU and
-- cannot shrink below what was used. Returns created | updated | unchanged (order intake reports it).
CREATE FUNCTION order_upsert(p_wh bigint, p_op jsonb) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_number text := p_op->>'orderNumber';
  v_order orders;
  v_created boolean := false;
  v_changed boolean := false;
  v_in jsonb;
  v_line order_lines;
  v_product bigint;
  v_line_no int;
  v_qty int;
  v_line_nos int[];
BEGIN
  SELECT array_agg((l->>'lineNo')::int) INTO v_line_nos FROM jsonb_array_elements(p_op->'lines') l;
  IF cardinality(v_line_nos) <> (SELECT count(DISTINCT x) FROM unnest(v_line_nos) x) THEN
    PERFORM reject(format('order %s lists a line number twice', v_number));
  END IF;

  SELECT * INTO v_order FROM orders WHERE warehouse_id = p_wh AND order_number = v_number FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO orders (warehouse_id, order_number, customer) VALUES (p_wh, v_number, p_op->>'customer')
    RETURNING * INTO v_order;
    v_created := true;
  ELSIF v_order.customer IS DISTINCT FROM p_op->>'customer' THEN
    UPDATE orders SET customer = p_op->>'customer' WHERE id = v_order.id;
    v_changed := true;
  END IF;

  FOR v_in IN SELECT * FROM jsonb_array_elements(p_op->'lines') LOOP
    v_line_no := (v_in->>'lineNo')::int;
    v_qty := (v_in->>'quantity')::int;
    v_product := product_id_of(p_wh, v_in->>'sku');
    SELECT * INTO v_line FROM order_lines WHERE order_id = v_order.id AND line_no = v_line_no FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (v_order.id, v_line_no, v_product, v_qty);
      v_changed := true;
    ELSIF v_line.product_id <> v_product OR v_line.quantity <> v_qty THEN
      IF v_line.product_id <> v_product
         AND (v_line.dispatched > 0 OR EXISTS (SELECT 1 FROM allocations WHERE order_line_id = v_line.id)) THEN
        PERFORM reject(format('order %s line %s already has allocations or dispatches; its SKU cannot change',
          v_number, v_line_no));
      END IF;
      IF v_qty < v_line.dispatched THEN
        PERFORM reject(format('order %s line %s: quantity %s is below the %s already dispatched',
          v_number, v_line_no, v_qty, v_line.dispatched));
      END IF;
      IF EXISTS (SELECT 1 FROM allocations WHERE order_line_id = v_line.id AND unit > v_qty) THEN
        PERFORM reject(format('order %s line %s: units above %s have identifiers allocated',
          v_number, v_line_no, v_qty));
      END IF;
      UPDATE order_lines SET product_id = v_product, quantity = v_qty WHERE id = v_line.id;
      v_changed := true;
    END IF;
  END LOOP;

  FOR v_line IN SELECT * FROM order_lines WHERE order_id = v_order.id AND line_no <> ALL (v_line_nos) FOR UPDATE LOOP
    IF v_line.dispatched > 0 OR EXISTS (SELECT 1 FROM allocations WHERE order_line_id = v_line.id) THEN
      PERFORM reject(format('order %s line %s has allocations or dispatches and cannot be dropped',
        v_number, v_line.line_no));
    END IF;
    DELETE FROM order_lines WHERE id = v_line.id;
    v_changed := true;
  END LOOP;

  IF v_created OR v_changed THEN
    UPDATE orders SET version = version + 1 WHERE id = v_order.id;
  END IF;
  RETURN CASE WHEN v_created THEN 'created' WHEN v_changed THEN 'updated' ELSE 'unchanged' END;
END $$;

-- Records a dispatch: each line's units become consumed allocations, single-use identifiers are
-- consumed, the line's dispatched count rises and the product's stock falls by the quantity.
CREATE FUNCTION op_order_dispatch(p_wh bigint, p_station text, p_at text, p_op jsonb) RETURNS void
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
    UPDATE products SET stock_level = stock_level - v_qty WHERE id = v_line.product_id;
  END LOOP;

  INSERT INTO dispatches (warehouse_id, uid, order_id, station_id, at, lines)
  VALUES (p_wh, p_op->>'dispatchUid', v_order.id, p_station, p_at, p_op->'lines');
  UPDATE orders SET version = version + 1 WHERE id = v_order.id;
END $$;

CREATE FUNCTION apply_op(p_wh bigint, p_station text, p_at text, p_op jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CASE p_op->>'type'
    WHEN 'product.upsert' THEN PERFORM op_product_upsert(p_wh, p_op);
    WHEN 'product.mode' THEN PERFORM op_product_mode(p_wh, p_op);
    WHEN 'stock.delta' THEN PERFORM op_stock_delta(p_wh, p_op);
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

-- One outbox entry, in the caller's (single-statement) transaction: lock the station row, check the
-- seq, apply the op in a subtransaction (so a rejection undoes only the op), advance the seq.
-- p_rejection: a reason found before the database (e.g. a malformed identifier) - the seq still advances.
CREATE FUNCTION push_entry(p_wh bigint, p_station text, p_seq bigint, p_at text, p_op jsonb, p_rejection text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_last bigint;
  v_reason text := p_rejection;
  v_constraint text;
  v_detail text;
  v_message text;
BEGIN
  SELECT last_seq INTO v_last FROM stations WHERE warehouse_id = p_wh AND station_id = p_station FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'unknown station %', p_station; END IF;
  IF p_seq <= v_last THEN RETURN jsonb_build_object('status', 'duplicate'); END IF;
  IF p_seq > v_last + 1 THEN RETURN jsonb_build_object('status', 'gap', 'expected', v_last + 1); END IF;
  IF v_reason IS NULL THEN
    BEGIN
      PERFORM apply_op(p_wh, p_station, p_at, p_op);
    EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
      GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_detail = PG_EXCEPTION_DETAIL,
        v_message = MESSAGE_TEXT;
      v_reason := explain_violation(v_constraint, v_detail, v_message);
    END;
  END IF;
  UPDATE stations SET last_seq = p_seq WHERE warehouse_id = p_wh AND station_id = p_station;
  IF v_reason IS NULL THEN RETURN jsonb_build_object('status', 'applied'); END IF;
  RETURN jsonb_build_object('status', 'rejected', 'reason', v_reason);
END $$;

-- A whole push request in one call, still one transaction per entry (COMMIT after each): saves a
-- network round trip per op. Stops after a gap or a hub error. Deadlocks are retried here.
-- Answers, aligned with the entries taken: status (applied, duplicate, rejected, gap, error) and reason
-- (for a gap: the seq expected).
CREATE PROCEDURE push_batch(p_wh bigint, p_station text, p_entries jsonb, p_rejections text[],
  INOUT p_statuses text[] DEFAULT NULL, INOUT p_reasons text[] DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
  v_entry jsonb;
  v_result jsonb;
  v_attempt int;
BEGIN
  p_statuses := '{}';
  p_reasons := '{}';
  FOR i IN 0 .. jsonb_array_length(p_entries) - 1 LOOP
    v_entry := p_entries->i;
    v_attempt := 0;
    LOOP
      BEGIN
        v_result := push_entry(p_wh, p_station, (v_entry->>'seq')::bigint, v_entry->>'at', v_entry->'op',
          p_rejections[i + 1]);
        EXIT;
      EXCEPTION
        WHEN deadlock_detected OR serialization_failure THEN
          v_attempt := v_attempt + 1;
          IF v_attempt >= 5 THEN
            v_result := jsonb_build_object('status', 'error', 'reason', SQLERRM);
            EXIT;
          END IF;
        WHEN OTHERS THEN
          v_result := jsonb_build_object('status', 'error', 'reason', SQLERRM);
          EXIT;
      END;
    END LOOP;
    p_statuses := p_statuses || (v_result->>'status');
    p_reasons := p_reasons || COALESCE(v_result->>'reason', v_result->>'expected');
    COMMIT;
    EXIT WHEN v_result->>'status' IN ('gap', 'error');
  END LOOP;
END $$;

-- Order intake: one order per call, rejections as answers rather than errors.
CREATE FUNCTION intake_order(p_wh bigint, p_op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_constraint text;
  v_detail text;
  v_message text;
BEGIN
  RETURN jsonb_build_object('status', order_upsert(p_wh, p_op));
EXCEPTION WHEN SQLSTATE 'HB001' OR integrity_constraint_violation OR data_exception THEN
  GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_detail = PG_EXCEPTION_DETAIL, v_message = MESSAGE_TEXT;
  RETURN jsonb_build_object('status', 'rejected', 'reason', explain_violation(v_constraint, v_detail, v_message));
END $$;
`;
