/**
 * Push speed, continued (issue 9): push_set does the same work with fewer passes over its scratch rows.
 * - set_ops is made in one INSERT, with each op's instant and the order it names looked up as the row is
 *   made (it was an INSERT and two UPDATEs rewriting every row);
 * - set_units looks up each unit's identifier as the row is made (an UPDATE of every row before);
 * - a dispatch's units take its instant once per dispatch (instant_or is plpgsql with an exception block:
 *   a subtransaction per call), and its change-log payload is built where the log is written instead of
 *   by an UPDATE calling dispatch_payload (a query per dispatch). That payload has one definition,
 *   dispatch_change, which dispatch_payload (the trigger's) now uses too.
 * Answers, rows and change log are unchanged (test/hub/set-push.property.test.ts); the change-log
 * triggers keep their hub.set_apply guard (0010), untouched here. Only push_set and dispatch_payload are
 * replaced; push_set keeps its generic plans (0010).
 */
import { MAX_STOCK_LEVEL } from '../../../shared/sync/bounds.js';

export const leanerSetPushSql = /* sql */ `
-- A dispatch's change-log payload (the trigger's dispatch_payload and push_set both build it here).
-- Plain SQL with no FROM, so PostgreSQL inlines it into the statement that calls it.
CREATE FUNCTION dispatch_change(p_uid text, p_order_number text, p_station_id text, p_station_name text, p_at text, p_lines jsonb)
RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('kind', 'dispatch', 'dispatchUid', p_uid, 'orderNumber', p_order_number,
    'stationId', p_station_id, 'stationName', p_station_name, 'at', p_at, 'lines', p_lines)
$$;

CREATE OR REPLACE FUNCTION dispatch_payload(d dispatches) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT dispatch_change(d.uid, o.order_number, d.station_id, s.name, d.at, d.lines)
  FROM orders o LEFT JOIN stations s ON s.warehouse_id = d.warehouse_id AND s.station_id = d.station_id
  WHERE o.id = d.order_id
$$;

CREATE OR REPLACE FUNCTION push_set(p_wh bigint, p_station text, p_entries jsonb) RETURNS boolean LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_rows bigint;
  v_move record;
  v_product bigint;
  v_stock bigint;
  v_before bigint;
  v_ords int[] := '{}';
  v_idxs int[] := '{}';
  v_befores bigint[] := '{}';
  v_afters bigint[] := '{}';
  v_ids bigint[];
  v_qtys int[];
  v_station_name text;
BEGIN
  PERFORM set_push_scratch();
  INSERT INTO set_ops (ord, seq, at, actor, type, op, order_number, uid, instant, order_id, order_customer, order_version)
  SELECT x.o, (x.e->>'seq')::bigint, x.e->>'at', NULLIF(COALESCE(x.e->>'actor', ''), ''), x.e->'op'->>'type', x.e->'op',
         x.e->'op'->>'orderNumber', x.e->'op'->>'dispatchUid',
         CASE WHEN x.e->'op'->>'type' IN ('order.dispatch', 'stock.delta') THEN instant_of(x.e->>'at') END,
         o.id, o.customer, o.version
    FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o)
    LEFT JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = (x.e->'op'->>'orderNumber') COLLATE "C";

  -- order.upsert: only orders new to the hub, upserted once in the run, named by no earlier op of it.
  IF EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.upsert' AND order_id IS NOT NULL)
     OR EXISTS (SELECT 1 FROM set_ops WHERE order_number IS NOT NULL GROUP BY order_number
                 HAVING count(*) FILTER (WHERE type = 'order.upsert') > 1
                     OR min(ord) FILTER (WHERE type = 'order.upsert') > min(ord)) THEN
    RETURN false;
  END IF;
  INSERT INTO set_new_lines (ord, order_number, line_no, sku, quantity, product_id)
  SELECT s.ord, s.order_number, (l->>'lineNo')::int, l->>'sku', (l->>'quantity')::int,
         (SELECT p.id FROM products p WHERE p.warehouse_id = p_wh AND p.sku = l->>'sku')
    FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') l
   WHERE s.type = 'order.upsert';
  IF EXISTS (SELECT 1 FROM set_new_lines WHERE product_id IS NULL)
     OR EXISTS (SELECT 1 FROM set_new_lines GROUP BY order_number, line_no HAVING count(*) > 1) THEN
    RETURN false;
  END IF;

  -- The orders dispatched, locked first as the per-op path does (products come last, see below).
  PERFORM 1 FROM orders WHERE id = ANY (ARRAY(SELECT order_id FROM set_ops WHERE type = 'order.dispatch' AND order_id IS NOT NULL))
   ORDER BY id FOR UPDATE;

  -- The order lines the run names: existing ones (their orders locked when dispatched) and new ones.
  INSERT INTO set_lines (order_number, line_no, line_id, product_id, sku, mode, quantity, dispatched, made_by)
  SELECT o.order_number, l.line_no, l.id, l.product_id, p.sku, p.identifier_mode, l.quantity, l.dispatched, 0
    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
   WHERE l.order_id = ANY (ARRAY(SELECT DISTINCT order_id FROM set_ops WHERE order_id IS NOT NULL));
  INSERT INTO set_lines (order_number, line_no, line_id, product_id, sku, mode, quantity, dispatched, made_by)
  SELECT n.order_number, n.line_no, NULL, n.product_id, n.sku, p.identifier_mode, n.quantity, 0, n.ord
    FROM set_new_lines n JOIN products p ON p.id = n.product_id;

  -- order.dispatch: each order once in the run, a new uid, distinct lines that exist (made by an earlier
  -- op) for the SKU named, within what is left, with one distinct unit per dispatched unit.
  IF EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.dispatch' GROUP BY order_number HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.dispatch' GROUP BY uid HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_ops s WHERE s.type = 'order.dispatch'
                   AND (jsonb_array_length(s.op->'lines') = 0
                        OR (SELECT d.id FROM dispatches d WHERE d.warehouse_id = p_wh AND d.uid = s.uid) IS NOT NULL)) THEN
    RETURN false;
  END IF;
  INSERT INTO set_disp (ord, line_idx, order_number, line_no, sku, quantity, units)
  SELECT s.ord, l.i, s.order_number, (l.v->>'lineNo')::int, l.v->>'sku', (l.v->>'quantity')::int, COALESCE(l.v->'units', '[]'::jsonb)
    FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') WITH ORDINALITY AS l(v, i)
   WHERE s.type = 'order.dispatch';
  IF EXISTS (SELECT 1 FROM set_disp GROUP BY ord, line_no HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_disp d LEFT JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
                 WHERE k.line_no IS NULL OR k.made_by >= d.ord OR k.sku <> d.sku
                    OR d.quantity > k.quantity - k.dispatched
                    OR (k.mode <> 'none' AND jsonb_array_length(d.units) <> d.quantity)) THEN
    RETURN false;
  END IF;

  -- The units given an identifier: allocation.set (line_idx 0) and dispatched units of tracked lines.
  INSERT INTO set_units (ord, line_idx, unit_idx, dispatch, order_number, line_no, unit, sku, value, line_id, product_id, mode, identifier_id)
  SELECT u.*, (SELECT i.id FROM identifiers i WHERE i.product_id = u.product_id AND i.value = u.value)
    FROM (
  SELECT s.ord, 0, 0, false, s.order_number, (s.op->>'lineNo')::int, (s.op->>'unit')::int, s.op->>'sku', s.op->>'value' AS value,
         k.line_id, k.product_id, k.mode
    FROM set_ops s LEFT JOIN set_lines k ON k.order_number = s.order_number AND k.line_no = (s.op->>'lineNo')::int
          AND k.made_by < s.ord AND k.sku = s.op->>'sku' AND (s.op->>'unit')::int <= k.quantity
   WHERE s.type = 'allocation.set'
  UNION ALL
  SELECT d.ord, d.line_idx, u.i, true, d.order_number, d.line_no, (u.v->>'unit')::int, d.sku, u.v->>'value',
         k.line_id, k.product_id, CASE WHEN (u.v->>'unit')::int <= k.quantity THEN k.mode END
    FROM set_disp d JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
    CROSS JOIN jsonb_array_elements(d.units) WITH ORDINALITY AS u(v, i)
   WHERE k.mode <> 'none') u;
  IF EXISTS (SELECT 1 FROM set_units WHERE mode IS NULL)
     -- One allocation.set and one dispatch per unit at most, the dispatch last.
     OR EXISTS (SELECT 1 FROM set_units GROUP BY order_number, line_no, unit
                 HAVING count(*) FILTER (WHERE dispatch) > 1 OR count(*) FILTER (WHERE NOT dispatch) > 1
                     OR max(ord) FILTER (WHERE NOT dispatch) > min(ord) FILTER (WHERE dispatch)) THEN
    RETURN false;
  END IF;
  -- Locks in the per-op path's order (orders above, products, identifiers), so the two never deadlock;
  -- the checks so far hold no lock on a product (one shared by every bench is the hottest row).
  PERFORM 1 FROM products WHERE warehouse_id = p_wh AND sku = ANY (ARRAY(
      SELECT op->>'sku' FROM set_ops WHERE type = 'stock.delta'
      UNION SELECT l->>'sku' FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') l WHERE s.type = 'order.dispatch'))
   ORDER BY id FOR UPDATE;
  PERFORM 1 FROM identifiers WHERE id = ANY (ARRAY(SELECT identifier_id FROM set_units WHERE identifier_id IS NOT NULL))
   ORDER BY id FOR UPDATE;
  UPDATE set_units u SET identifier_status = (SELECT i.status FROM identifiers i WHERE i.id = u.identifier_id),
         (was_identifier, was_status) = (SELECT a.identifier_id, a.status FROM allocations a WHERE a.order_line_id = u.line_id AND a.unit = u.unit);
  IF EXISTS (SELECT 1 FROM set_units WHERE identifier_id IS NULL OR identifier_status = 'removed'
                OR was_status = 'consumed' OR (dispatch AND mode = 'single_use' AND identifier_status <> 'available'))
     -- A single-use identifier goes to one unit only: in the run, and against what the hub holds.
     OR EXISTS (SELECT 1 FROM set_units WHERE mode = 'single_use' GROUP BY identifier_id
                 HAVING count(DISTINCT (order_number, line_no, unit)) > 1)
     OR EXISTS (SELECT 1 FROM set_units u WHERE u.mode = 'single_use' AND (
                  SELECT count(*) FROM allocations a WHERE a.identifier_id = u.identifier_id AND a.single_use
                     AND a.status IN ('live', 'consumed') AND (u.line_id IS NULL OR a.order_line_id <> u.line_id OR a.unit <> u.unit)) > 0) THEN
    RETURN false;
  END IF;

  -- Checked: apply, with the triggers' change log off (written below, in op order).
  PERFORM set_config('hub.set_apply', 'on', true);

  WITH made AS (
    INSERT INTO orders (warehouse_id, order_number, customer, version)
    SELECT p_wh, s.order_number, s.op->>'customer', CASE WHEN d.ord IS NULL THEN 1 ELSE 2 END
      FROM set_ops s LEFT JOIN set_ops d ON d.type = 'order.dispatch' AND d.order_number = s.order_number
     WHERE s.type = 'order.upsert' ORDER BY s.ord
    RETURNING id, order_number)
  UPDATE set_ops s SET order_id = made.id FROM made WHERE s.order_number = made.order_number;
  WITH made AS (
    INSERT INTO order_lines (order_id, line_no, product_id, quantity, dispatched)
    SELECT s.order_id, n.line_no, n.product_id, n.quantity, COALESCE(d.quantity, 0)
      FROM set_new_lines n JOIN set_ops s ON s.ord = n.ord
      LEFT JOIN set_disp d ON d.order_number = n.order_number AND d.line_no = n.line_no
     ORDER BY n.ord, n.line_no
    RETURNING id, order_id, line_no)
  UPDATE set_lines k SET line_id = made.id
    FROM made JOIN set_ops s ON s.order_id = made.order_id AND s.type = 'order.upsert'
   WHERE k.order_number = s.order_number AND k.line_no = made.line_no;
  UPDATE set_units u SET line_id = k.line_id FROM set_lines k
   WHERE u.line_id IS NULL AND k.order_number = u.order_number AND k.line_no = u.line_no;

  -- Each unit's last state: live (allocation.set) or consumed (dispatch); consumed units never change.
  INSERT INTO allocations (order_line_id, product_id, unit, identifier_id, single_use, status, station_id, at)
  SELECT DISTINCT ON (u.line_id, u.unit) u.line_id, u.product_id, u.unit, u.identifier_id, u.mode = 'single_use',
         CASE WHEN u.dispatch THEN 'consumed' ELSE 'live' END, p_station, s.at
    FROM set_units u JOIN set_ops s ON s.ord = u.ord
   ORDER BY u.line_id, u.unit, u.ord DESC
  ON CONFLICT ON CONSTRAINT allocations_unit_unique DO UPDATE
    SET identifier_id = EXCLUDED.identifier_id, single_use = EXCLUDED.single_use, status = EXCLUDED.status,
        station_id = EXCLUDED.station_id, at = EXCLUDED.at
    WHERE allocations.status = 'live';
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  PERFORM set_push_expect('allocations', v_rows, (SELECT count(DISTINCT (line_id, unit)) FROM set_units));

  v_ids := ARRAY(SELECT identifier_id FROM set_units WHERE dispatch AND mode = 'single_use');
  UPDATE identifiers SET status = 'consumed' WHERE id = ANY (v_ids);
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  PERFORM set_push_expect('identifiers', v_rows, cardinality(v_ids));

  SELECT array_agg(k.line_id), array_agg(d.quantity) INTO v_ids, v_qtys
    FROM set_disp d JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no WHERE k.made_by = 0;
  UPDATE order_lines l SET dispatched = l.dispatched + x.q FROM unnest(v_ids, v_qtys) AS x(id, q) WHERE l.id = x.id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  PERFORM set_push_expect('order lines', v_rows, COALESCE(cardinality(v_ids), 0));


  WITH made AS (
    INSERT INTO dispatches (warehouse_id, uid, order_id, station_id, at, lines)
    SELECT p_wh, s.uid, s.order_id, p_station, s.at, s.op->'lines'
      FROM set_ops s WHERE s.type = 'order.dispatch' ORDER BY s.ord
    RETURNING id, warehouse_id, order_id, station_id, lines, instant_or(at, created_at) AS dispatched_at)
  INSERT INTO dispatched_units (warehouse_id, dispatch_id, order_id, sku, value, line_no, unit, station_id, dispatched_at)
  SELECT made.warehouse_id, made.id, made.order_id, l.v->>'sku', u.v->>'value', (l.v->>'lineNo')::integer, (u.v->>'unit')::integer,
         made.station_id, made.dispatched_at
    FROM made, jsonb_array_elements(made.lines) WITH ORDINALITY AS l(v, i),
         jsonb_array_elements(COALESCE(l.v->'units', '[]'::jsonb)) WITH ORDINALITY AS u(v, j)
   ORDER BY made.id, l.i, u.j;
  UPDATE orders SET version = version + 1
   WHERE id = ANY (ARRAY(SELECT order_id FROM set_ops WHERE type = 'order.dispatch' AND order_version IS NOT NULL));

  -- Trace: the identifier steps of each op, as record_identifier_events writes them.
  INSERT INTO identifier_events (warehouse_id, station_id, seq, at, actor, kind, sku, value, order_number, line_no, unit, detail)
  SELECT p_wh, p_station, e.seq, e.at, e.actor, e.kind, e.sku, e.value, e.order_number, e.line_no, e.unit, NULL
    FROM (SELECT s.ord, 0 AS line_idx, 0::bigint AS unit_idx, s.seq, s.at, s.actor, 'allocated' AS kind, s.op->>'sku' AS sku,
                 s.op->>'value' AS value, s.order_number, (s.op->>'lineNo')::int AS line_no, (s.op->>'unit')::int AS unit
            FROM set_ops s WHERE s.type = 'allocation.set'
          UNION ALL
          SELECT s.ord, d.line_idx, u.i, s.seq, s.at, s.actor, 'dispatched', d.sku, u.v->>'value', s.order_number, d.line_no,
                 (u.v->>'unit')::int
            FROM set_disp d JOIN set_ops s ON s.ord = d.ord CROSS JOIN jsonb_array_elements(d.units) WITH ORDINALITY AS u(v, i)) e
   ORDER BY e.ord, e.line_idx, e.unit_idx;

  -- Stock last (the products were locked above). Still checked before anything is kept: false rolls
  -- the whole run back.
  -- Stock movements in op order (a dispatch's lines in its order), each with the stock before and after
  -- it, as stock_move computes them one by one: a dispatch is clamped into bounds (goods that left), a
  -- delta that would leave them is refused (so the run goes per op).
  INSERT INTO set_moves (ord, line_idx, product_id, delta, instant, applies, clamp)
  SELECT m.ord, m.line_idx, m.product_id, m.delta, m.instant, (p.counted_at IS NULL OR m.instant > p.counted_at), m.clamp
    FROM (SELECT s.ord, 0 AS line_idx, (SELECT p.id FROM products p WHERE p.warehouse_id = p_wh AND p.sku = s.op->>'sku') AS product_id,
                 (s.op->>'delta')::bigint AS delta, s.instant, false AS clamp
            FROM set_ops s WHERE s.type = 'stock.delta'
          UNION ALL
          SELECT d.ord, d.line_idx, k.product_id, -d.quantity, s.instant, true
            FROM set_disp d JOIN set_ops s ON s.ord = d.ord
            JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no) m
    JOIN products p ON p.id = m.product_id;
  IF (SELECT count(*) FROM set_ops WHERE type = 'stock.delta') + (SELECT count(*) FROM set_disp)
       <> (SELECT count(*) FROM set_moves) THEN
    RETURN false;
  END IF;
  FOR v_move IN SELECT m.ord, m.line_idx, m.product_id, m.delta, m.applies, m.clamp, p.stock_level
                  FROM set_moves m JOIN products p ON p.id = m.product_id ORDER BY m.product_id, m.ord, m.line_idx LOOP
    IF v_product IS DISTINCT FROM v_move.product_id THEN
      v_product := v_move.product_id;
      v_stock := v_move.stock_level;
    END IF;
    v_before := v_stock;
    IF v_move.applies THEN
      v_stock := v_stock + v_move.delta;
      IF v_move.clamp THEN
        v_stock := GREATEST(0, LEAST(v_stock, ${MAX_STOCK_LEVEL}));
      ELSIF v_stock NOT BETWEEN 0 AND ${MAX_STOCK_LEVEL} THEN
        RETURN false;
      END IF;
    END IF;
    v_ords := v_ords || v_move.ord;
    v_idxs := v_idxs || v_move.line_idx;
    v_befores := v_befores || v_before;
    v_afters := v_afters || v_stock;
  END LOOP;
  UPDATE set_moves m SET stock_before = x.b, stock_after = x.a
    FROM unnest(v_ords, v_idxs, v_befores, v_afters) AS x(o, i, b, a) WHERE m.ord = x.o AND m.line_idx = x.i;

  UPDATE products p SET stock_level = m.stock_after
    FROM (SELECT DISTINCT ON (product_id) product_id, stock_after FROM set_moves WHERE applies
           ORDER BY product_id, ord DESC, line_idx DESC) m
   WHERE p.id = m.product_id AND p.stock_level <> m.stock_after;
  INSERT INTO stock_movements (product_id, at, delta)
  SELECT product_id, instant, delta FROM set_moves ORDER BY ord, line_idx;

  SELECT name INTO v_station_name FROM stations WHERE warehouse_id = p_wh AND station_id = p_station;
  -- The change log, as the triggers would have written it op by op (order_payload, log_allocation,
  -- log_identifier, log_product, dispatch_payload), with the state each op left.
  INSERT INTO changes (warehouse_id, payload)
  SELECT p_wh, c.payload FROM (
    -- order.upsert: the new order (version 1, nothing dispatched); order.dispatch: the order after it.
    SELECT s.ord, CASE WHEN s.type = 'order.upsert' THEN 0 ELSE 2147483647 END AS a, 0::bigint AS b, 1 AS c,
           jsonb_build_object('kind', 'order', 'orderNumber', s.order_number,
             'customer', CASE WHEN s.type = 'order.upsert' THEN s.op->>'customer' ELSE COALESCE(s.order_customer, n.op->>'customer') END,
             'version', CASE WHEN s.type = 'order.upsert' THEN 1 ELSE COALESCE(s.order_version, 1) + 1 END,
             'lines', (SELECT jsonb_agg(jsonb_build_object('lineNo', k.line_no, 'sku', k.sku, 'quantity', k.quantity,
                          'dispatched', CASE WHEN s.type = 'order.upsert' THEN 0
                                             ELSE k.dispatched + COALESCE((SELECT d.quantity FROM set_disp d
                                                   WHERE d.ord = s.ord AND d.line_no = k.line_no), 0) END) ORDER BY k.line_no)
                         FROM set_lines k WHERE k.order_number = s.order_number)) AS payload
      FROM set_ops s LEFT JOIN set_ops n ON n.type = 'order.upsert' AND n.order_number = s.order_number
     WHERE s.type IN ('order.upsert', 'order.dispatch')
    UNION ALL
    -- Units allocated (unless the unit already held that identifier, live) and dispatched.
    SELECT u.ord, u.line_idx, u.unit_idx, 0,
           jsonb_build_object('kind', 'allocation', 'orderNumber', u.order_number, 'lineNo', u.line_no, 'unit', u.unit,
             'sku', k.sku, 'value', u.value, 'status', CASE WHEN u.dispatch THEN 'consumed' ELSE 'live' END)
      FROM set_units u JOIN set_lines k ON k.order_number = u.order_number AND k.line_no = u.line_no
     WHERE u.dispatch OR u.was_identifier IS DISTINCT FROM u.identifier_id OR u.was_status IS DISTINCT FROM 'live'
    UNION ALL
    SELECT u.ord, u.line_idx, u.unit_idx, 1,
           jsonb_build_object('kind', 'identifier', 'sku', k.sku, 'value', u.value, 'status', 'consumed')
      FROM set_units u JOIN set_lines k ON k.order_number = u.order_number AND k.line_no = u.line_no
     WHERE u.dispatch AND u.mode = 'single_use'
    UNION ALL
    -- Stock: the product as each movement left it.
    SELECT m.ord, m.line_idx, 2147483647, 0,
           product_payload(p, m.stock_after)
      FROM set_moves m JOIN products p ON p.id = m.product_id
     WHERE m.stock_after <> m.stock_before
    UNION ALL
    -- The dispatch, before its order: dispatch_payload of the row just written (same uid, order, station, at, lines).
    SELECT s.ord, 2147483647, 0, 0, dispatch_change(s.uid, s.order_number, p_station, v_station_name, s.at, s.op->'lines')
      FROM set_ops s WHERE s.type = 'order.dispatch'
  ) c ORDER BY c.ord, c.a, c.b, c.c;

  UPDATE stations SET last_seq = (SELECT max(seq) FROM set_ops) WHERE warehouse_id = p_wh AND station_id = p_station;
  PERFORM set_config('hub.set_apply', 'off', true);
  RETURN true;
END $$;
`;
