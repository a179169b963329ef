/**
 * Push applied set-wise. A request's run of consecutive packing ops (order.upsert, allocation.set,
 * order.dispatch, stock.delta) is applied in one transaction by a handful of set-based statements
 * (push_set) instead of one transaction and a dozen statements per op. It is optimistic: push_set first
 * checks, set-wise, everything the per-op path (apply_op) could refuse or that depends on an earlier op of
 * the run in a way the set statements cannot express; if anything is found, or a statement meets a
 * concurrent writer (a unique violation, a deadlock, a row count that is not the one expected), the run
 * is rolled back and goes through the per-op path unchanged. So every answer, reason and row is what the
 * per-op path would have produced (test/hub/set-push.property.test.ts compares both on random runs).
 *
 * The change log: the triggers stay quiet while push_set runs (hub.set_apply) and push_set writes the
 * same payloads itself, in op order, with the state each op left (running stock, order versions).
 * Locks, as the per-op path takes them: station, then orders, then products, then identifiers, each in
 * id order.
 * The setting hub.set_path = 'off' turns the set path off (the equivalence test); hub.set_applied counts
 * the entries a session applied set-wise.
 */
import { MAX_STOCK_LEVEL } from '../../../shared/sync/bounds.js';

/** The op types push_set can apply; anything else goes through apply_op. */
export const SET_PUSH_TYPES = ['order.upsert', 'allocation.set', 'order.dispatch', 'stock.delta'] as const;
const typeList = SET_PUSH_TYPES.map((t) => `'${t}'`).join(', ');

/** Change-log triggers: silent while push_set writes the log itself. */
const quietWhileSetApply = /* sql */ `IF current_setting('hub.set_apply', true) = 'on' THEN RETURN NULL; END IF;`;

export const setPushSql = /* sql */ `
CREATE OR REPLACE FUNCTION log_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, jsonb_build_object(
    'kind', 'product', 'sku', NEW.sku, 'title', NEW.title, 'barcode', NEW.barcode,
    'identifierMode', NEW.identifier_mode, 'stockLevel', NEW.stock_level));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION log_identifier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO changes (warehouse_id, payload)
  SELECT p.warehouse_id, jsonb_build_object('kind', 'identifier', 'sku', p.sku, 'value', NEW.value, 'status', NEW.status)
    FROM products p WHERE p.id = NEW.product_id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, order_payload(NEW.id));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION log_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r allocations;
  v_status text;
BEGIN
  ${quietWhileSetApply}
  IF TG_OP = 'DELETE' THEN r := OLD; v_status := 'cleared'; ELSE r := NEW; v_status := NEW.status; END IF;
  INSERT INTO changes (warehouse_id, payload)
  SELECT o.warehouse_id, jsonb_build_object('kind', 'allocation', 'orderNumber', o.order_number,
      'lineNo', l.line_no, 'unit', r.unit, 'sku', p.sku, 'value', i.value, 'status', v_status)
    FROM order_lines l JOIN orders o ON o.id = l.order_id,
         identifiers i JOIN products p ON p.id = i.product_id
   WHERE l.id = r.order_line_id AND i.id = r.identifier_id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION log_dispatch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, dispatch_payload(NEW));
  RETURN NULL;
END $$;

-- Scratch tables of one push_set call, made once per connection (temporary, so never shared).
CREATE FUNCTION set_push_scratch() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.set_ops') IS NOT NULL THEN
    DELETE FROM pg_temp.set_ops; DELETE FROM pg_temp.set_new_lines; DELETE FROM pg_temp.set_lines;
    DELETE FROM pg_temp.set_disp; DELETE FROM pg_temp.set_units; DELETE FROM pg_temp.set_moves;
    RETURN;
  END IF;
  -- One row per entry.
  CREATE TEMP TABLE set_ops (ord int PRIMARY KEY, seq bigint NOT NULL, at text, actor text, type text NOT NULL,
    op jsonb NOT NULL, order_number text COLLATE "C", instant timestamptz);
  -- Lines of the orders order.upsert creates (ord: the upsert).
  CREATE TEMP TABLE set_new_lines (ord int NOT NULL, order_number text COLLATE "C" NOT NULL, line_no int NOT NULL,
    sku text COLLATE "C" NOT NULL, quantity int NOT NULL, product_id bigint);
  -- Every order line the run names, existing (made_by 0) or created by the run's upsert made_by.
  CREATE TEMP TABLE set_lines (order_number text COLLATE "C" NOT NULL, line_no int NOT NULL, line_id bigint,
    product_id bigint NOT NULL, sku text COLLATE "C" NOT NULL, mode text NOT NULL, quantity int NOT NULL,
    dispatched int NOT NULL, made_by int NOT NULL, PRIMARY KEY (order_number, line_no));
  -- Lines of each order.dispatch, in the op's order.
  CREATE TEMP TABLE set_disp (ord int NOT NULL, line_idx int NOT NULL, order_number text COLLATE "C" NOT NULL,
    line_no int NOT NULL, sku text COLLATE "C" NOT NULL, quantity int NOT NULL, units jsonb, PRIMARY KEY (ord, line_idx));
  -- Order units given an identifier: allocation.set (line_idx 0) and dispatched units.
  CREATE TEMP TABLE set_units (ord int NOT NULL, line_idx int NOT NULL, unit_idx int NOT NULL, dispatch boolean NOT NULL,
    order_number text COLLATE "C" NOT NULL, line_no int NOT NULL, unit int NOT NULL, sku text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL, line_id bigint, product_id bigint, mode text, identifier_id bigint, identifier_status text,
    was_identifier bigint, was_status text, PRIMARY KEY (ord, line_idx, unit_idx));
  -- Stock movements in op order, with the stock each leaves.
  CREATE TEMP TABLE set_moves (ord int NOT NULL, line_idx int NOT NULL, product_id bigint NOT NULL, delta bigint NOT NULL,
    instant timestamptz NOT NULL, applies boolean NOT NULL, stock_after bigint NOT NULL, PRIMARY KEY (ord, line_idx));
END $$;

-- A row count that is not the one the checks promised: a concurrent writer got in between.
CREATE FUNCTION set_push_expect(p_what text, p_got bigint, p_expected bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_got <> p_expected THEN
    RAISE EXCEPTION USING ERRCODE = 'HB002', MESSAGE = format('set push: %s touched %s rows, expected %s', p_what, p_got, p_expected);
  END IF;
END $$;

-- Applies p_entries (consecutive seqs from the station's last_seq + 1, all of SET_PUSH_TYPES, none
-- refused before the database) set-wise, with the station row locked by the caller. Returns false,
-- having changed nothing but scratch tables, when the per-op path must take the run; raises HB002 (or
-- a constraint error) when a concurrent writer got in between: the caller rolls back and goes per op.
CREATE FUNCTION push_set(p_wh bigint, p_station text, p_entries jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_rows bigint;
  v_count bigint;
  v_last_seq bigint;
BEGIN
  PERFORM set_push_scratch();
  INSERT INTO set_ops (ord, seq, at, actor, type, op, order_number)
  SELECT x.o, (x.e->>'seq')::bigint, x.e->>'at', NULLIF(COALESCE(x.e->>'actor', ''), ''), x.e->'op'->>'type', x.e->'op',
         x.e->'op'->>'orderNumber'
    FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o);
  UPDATE set_ops SET instant = instant_of(at) WHERE type IN ('order.dispatch', 'stock.delta');

  -- order.upsert: only orders new to the hub, upserted once in the run, named by no earlier op of it.
  IF EXISTS (SELECT 1 FROM set_ops s JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = s.order_number
              WHERE s.type = 'order.upsert')
     OR EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.upsert' GROUP BY order_number HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_ops u JOIN set_ops r ON r.order_number = u.order_number AND r.ord < u.ord
                 WHERE u.type = 'order.upsert') THEN
    RETURN false;
  END IF;
  INSERT INTO set_new_lines (ord, order_number, line_no, sku, quantity, product_id)
  SELECT s.ord, s.order_number, (l->>'lineNo')::int, l->>'sku', (l->>'quantity')::int, p.id
    FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') l
    LEFT JOIN products p ON p.warehouse_id = p_wh AND p.sku = l->>'sku'
   WHERE s.type = 'order.upsert';
  IF EXISTS (SELECT 1 FROM set_new_lines WHERE product_id IS NULL)
     OR EXISTS (SELECT 1 FROM set_new_lines GROUP BY order_number, line_no HAVING count(*) > 1) THEN
    RETURN false;
  END IF;

  -- Locks, in the per-op path's order: the orders dispatched, then every product whose stock moves.
  PERFORM 1 FROM orders WHERE warehouse_id = p_wh
     AND order_number IN (SELECT order_number FROM set_ops WHERE type = 'order.dispatch') ORDER BY id FOR UPDATE;
  PERFORM 1 FROM products WHERE warehouse_id = p_wh AND sku IN (
      SELECT op->>'sku' FROM set_ops WHERE type = 'stock.delta'
      UNION SELECT l->>'sku' FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') l WHERE s.type = 'order.dispatch'
      UNION SELECT sku FROM set_new_lines)
   ORDER BY id FOR UPDATE;

  -- The order lines the run names: existing ones (locked with their order) and those it creates.
  INSERT INTO set_lines (order_number, line_no, line_id, product_id, sku, mode, quantity, dispatched, made_by)
  SELECT o.order_number, l.line_no, l.id, l.product_id, p.sku, p.identifier_mode, l.quantity, l.dispatched, 0
    FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
   WHERE o.warehouse_id = p_wh AND o.order_number IN (SELECT order_number FROM set_ops WHERE type <> 'order.upsert');
  INSERT INTO set_lines (order_number, line_no, line_id, product_id, sku, mode, quantity, dispatched, made_by)
  SELECT n.order_number, n.line_no, NULL, n.product_id, n.sku, p.identifier_mode, n.quantity, 0, n.ord
    FROM set_new_lines n JOIN products p ON p.id = n.product_id;

  -- order.dispatch: each order once in the run, a new uid, distinct lines that exist (made by an earlier
  -- op) for the SKU named, within what is left, with one distinct unit per dispatched unit.
  IF EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.dispatch' GROUP BY order_number HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.dispatch' GROUP BY op->>'dispatchUid' HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_ops s JOIN dispatches d ON d.warehouse_id = p_wh AND d.uid = s.op->>'dispatchUid'
                 WHERE s.type = 'order.dispatch')
     OR EXISTS (SELECT 1 FROM set_ops WHERE type = 'order.dispatch' AND jsonb_array_length(op->'lines') = 0) THEN
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

  -- The units given an identifier.
  INSERT INTO set_units (ord, line_idx, unit_idx, dispatch, order_number, line_no, unit, sku, value)
  SELECT ord, 0, 0, false, order_number, (op->>'lineNo')::int, (op->>'unit')::int, op->>'sku', op->>'value'
    FROM set_ops WHERE type = 'allocation.set'
  UNION ALL
  SELECT d.ord, d.line_idx, u.i, true, d.order_number, d.line_no, (u.v->>'unit')::int, d.sku, u.v->>'value'
    FROM set_disp d JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
    CROSS JOIN jsonb_array_elements(d.units) WITH ORDINALITY AS u(v, i)
   WHERE k.mode <> 'none';
  UPDATE set_units u SET line_id = k.line_id, product_id = k.product_id, mode = k.mode
    FROM set_lines k WHERE k.order_number = u.order_number AND k.line_no = u.line_no AND k.made_by < u.ord AND k.sku = u.sku;
  IF EXISTS (SELECT 1 FROM set_units u WHERE u.product_id IS NULL
                OR u.unit > (SELECT quantity FROM set_lines k WHERE k.order_number = u.order_number AND k.line_no = u.line_no))
     -- One allocation.set and one dispatch per unit at most, the dispatch last.
     OR EXISTS (SELECT 1 FROM set_units GROUP BY order_number, line_no, unit, dispatch HAVING count(*) > 1)
     OR EXISTS (SELECT 1 FROM set_units a JOIN set_units d ON d.order_number = a.order_number AND d.line_no = a.line_no
                   AND d.unit = a.unit AND d.dispatch AND NOT a.dispatch AND d.ord < a.ord) THEN
    RETURN false;
  END IF;
  PERFORM 1 FROM identifiers i WHERE (i.product_id, i.value) IN (SELECT product_id, value FROM set_units)
   ORDER BY i.id FOR UPDATE;
  UPDATE set_units u SET identifier_id = i.id, identifier_status = i.status
    FROM identifiers i WHERE i.product_id = u.product_id AND i.value = u.value;
  UPDATE set_units u SET was_identifier = a.identifier_id, was_status = a.status
    FROM allocations a WHERE a.order_line_id = u.line_id AND a.unit = u.unit;
  IF EXISTS (SELECT 1 FROM set_units WHERE identifier_id IS NULL OR identifier_status = 'removed'
                OR was_status = 'consumed' OR (dispatch AND mode = 'single_use' AND identifier_status <> 'available'))
     -- A single-use identifier goes to one unit only: in the run, and against what the hub holds.
     OR EXISTS (SELECT 1 FROM set_units WHERE mode = 'single_use' GROUP BY identifier_id
                 HAVING count(DISTINCT (order_number, line_no, unit)) > 1)
     OR EXISTS (SELECT 1 FROM set_units u JOIN allocations a ON a.identifier_id = u.identifier_id
                 WHERE u.mode = 'single_use' AND a.single_use AND a.status IN ('live', 'consumed')
                   AND (u.line_id IS NULL OR a.order_line_id <> u.line_id OR a.unit <> u.unit)) THEN
    RETURN false;
  END IF;

  -- Stock movements in op order (a dispatch's lines in its order); none may take stock out of bounds,
  -- so the per-op path's clamp for dispatches never bites.
  INSERT INTO set_moves (ord, line_idx, product_id, delta, instant, applies, stock_after)
  SELECT m.ord, m.line_idx, m.product_id, m.delta, m.instant, m.applies,
         p.stock_level + sum(CASE WHEN m.applies THEN m.delta ELSE 0 END) OVER (PARTITION BY m.product_id ORDER BY m.ord, m.line_idx)
    FROM (SELECT s.ord, 0 AS line_idx, p.id AS product_id, (s.op->>'delta')::bigint AS delta, s.instant,
                 (p.counted_at IS NULL OR s.instant > p.counted_at) AS applies
            FROM set_ops s JOIN products p ON p.warehouse_id = p_wh AND p.sku = s.op->>'sku' WHERE s.type = 'stock.delta'
          UNION ALL
          SELECT d.ord, d.line_idx, k.product_id, -d.quantity, s.instant, (p.counted_at IS NULL OR s.instant > p.counted_at)
            FROM set_disp d JOIN set_ops s ON s.ord = d.ord
            JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
            JOIN products p ON p.id = k.product_id) m
    JOIN products p ON p.id = m.product_id;
  IF (SELECT count(*) FROM set_ops WHERE type = 'stock.delta') + (SELECT count(*) FROM set_disp)
       <> (SELECT count(*) FROM set_moves)
     OR EXISTS (SELECT 1 FROM set_moves WHERE stock_after NOT BETWEEN 0 AND ${MAX_STOCK_LEVEL}) THEN
    RETURN false;
  END IF;

  -- Checked: apply, with the triggers' change log off (written below, in op order).
  PERFORM set_config('hub.set_apply', 'on', true);

  INSERT INTO orders (warehouse_id, order_number, customer, version)
  SELECT p_wh, s.order_number, s.op->>'customer',
         1 + (SELECT count(*) FROM set_ops d WHERE d.type = 'order.dispatch' AND d.order_number = s.order_number)
    FROM set_ops s WHERE s.type = 'order.upsert' ORDER BY s.ord;
  INSERT INTO order_lines (order_id, line_no, product_id, quantity, dispatched)
  SELECT o.id, n.line_no, n.product_id, n.quantity,
         COALESCE((SELECT d.quantity FROM set_disp d WHERE d.order_number = n.order_number AND d.line_no = n.line_no), 0)
    FROM set_new_lines n JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = n.order_number
   ORDER BY n.ord, n.line_no;
  UPDATE set_lines k SET line_id = l.id
    FROM orders o JOIN order_lines l ON l.order_id = o.id
   WHERE k.made_by > 0 AND o.warehouse_id = p_wh AND o.order_number = k.order_number AND l.line_no = k.line_no;
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

  UPDATE identifiers SET status = 'consumed'
   WHERE id IN (SELECT identifier_id FROM set_units WHERE dispatch AND mode = 'single_use');
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  PERFORM set_push_expect('identifiers', v_rows, (SELECT count(*) FROM set_units WHERE dispatch AND mode = 'single_use'));

  UPDATE order_lines l SET dispatched = l.dispatched + d.quantity
    FROM set_disp d JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
   WHERE k.made_by = 0 AND l.id = k.line_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  SELECT count(*) INTO v_count FROM set_disp d JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
   WHERE k.made_by = 0;
  PERFORM set_push_expect('order lines', v_rows, v_count);

  UPDATE products p SET stock_level = m.stock_after
    FROM (SELECT DISTINCT ON (product_id) product_id, stock_after FROM set_moves WHERE applies
           ORDER BY product_id, ord DESC, line_idx DESC) m
   WHERE p.id = m.product_id AND p.stock_level <> m.stock_after;
  INSERT INTO stock_movements (product_id, at, delta)
  SELECT product_id, instant, delta FROM set_moves ORDER BY ord, line_idx;

  INSERT INTO dispatches (warehouse_id, uid, order_id, station_id, at, lines)
  SELECT p_wh, s.op->>'dispatchUid', o.id, p_station, s.at, s.op->'lines'
    FROM set_ops s JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = s.order_number
   WHERE s.type = 'order.dispatch' ORDER BY s.ord;
  UPDATE orders SET version = version + 1
   WHERE warehouse_id = p_wh AND order_number IN (SELECT order_number FROM set_ops WHERE type = 'order.dispatch')
     AND order_number NOT IN (SELECT order_number FROM set_ops WHERE type = 'order.upsert');

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

  -- The change log, as the triggers would have written it op by op.
  INSERT INTO changes (warehouse_id, payload)
  SELECT p_wh, c.payload FROM (
    -- order.upsert: the new order at version 1, nothing dispatched yet.
    SELECT s.ord, 0 AS a, 0::bigint AS b, 0 AS c,
           jsonb_set(pl.payload, '{version}', '1') || jsonb_build_object('lines',
             (SELECT jsonb_agg(x || '{"dispatched": 0}' ORDER BY n) FROM jsonb_array_elements(pl.payload->'lines') WITH ORDINALITY AS y(x, n)))
             AS payload
      FROM set_ops s JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = s.order_number
      CROSS JOIN LATERAL (SELECT order_payload(o.id) AS payload) pl
     WHERE s.type = 'order.upsert'
    UNION ALL
    -- Units allocated (unless the unit already held that identifier, live) and dispatched.
    SELECT u.ord, u.line_idx, u.unit_idx, 0,
           jsonb_build_object('kind', 'allocation', 'orderNumber', u.order_number, 'lineNo', u.line_no, 'unit', u.unit,
             'sku', p.sku, 'value', i.value, 'status', CASE WHEN u.dispatch THEN 'consumed' ELSE 'live' END)
      FROM set_units u JOIN identifiers i ON i.id = u.identifier_id JOIN products p ON p.id = i.product_id
     WHERE u.dispatch OR u.was_identifier IS DISTINCT FROM u.identifier_id OR u.was_status IS DISTINCT FROM 'live'
    UNION ALL
    SELECT u.ord, u.line_idx, u.unit_idx, 1,
           jsonb_build_object('kind', 'identifier', 'sku', p.sku, 'value', i.value, 'status', 'consumed')
      FROM set_units u JOIN identifiers i ON i.id = u.identifier_id JOIN products p ON p.id = i.product_id
     WHERE u.dispatch AND u.mode = 'single_use'
    UNION ALL
    -- Stock: the product as each movement left it.
    SELECT m.ord, m.line_idx, 2147483647, 0,
           jsonb_build_object('kind', 'product', 'sku', p.sku, 'title', p.title, 'barcode', p.barcode,
             'identifierMode', p.identifier_mode, 'stockLevel', m.stock_after)
      FROM set_moves m JOIN products p ON p.id = m.product_id
     WHERE m.applies AND m.delta <> 0
    UNION ALL
    -- The dispatch, then its order with the new version (each order is dispatched once in the run).
    SELECT s.ord, 2147483647, 0, 0, dispatch_payload(d)
      FROM set_ops s JOIN dispatches d ON d.warehouse_id = p_wh AND d.uid = s.op->>'dispatchUid'
     WHERE s.type = 'order.dispatch'
    UNION ALL
    SELECT s.ord, 2147483647, 0, 1, order_payload(o.id)
      FROM set_ops s JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = s.order_number
     WHERE s.type = 'order.dispatch'
  ) c ORDER BY c.ord, c.a, c.b, c.c;

  SELECT max(seq) INTO v_last_seq FROM set_ops;
  UPDATE stations SET last_seq = v_last_seq WHERE warehouse_id = p_wh AND station_id = p_station;
  PERFORM set_config('hub.set_apply', 'off', true);
  RETURN true;
END $$;

-- As in 0007 (one transaction per entry, actor and seq for the events, conflict rows for rejections),
-- plus the set path: a run of at least two consecutive entries of the set-capable types, the first one
-- the seq the hub expects, is tried with push_set in one transaction; if it declines or fails, the
-- run goes entry by entry as before.
CREATE OR REPLACE PROCEDURE push_batch(p_wh bigint, p_station text, p_entries jsonb, p_rejections text[],
  INOUT p_statuses text[] DEFAULT NULL, INOUT p_reasons text[] DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
  v_n int := jsonb_array_length(p_entries);
  v_set_path boolean := COALESCE(current_setting('hub.set_path', true), '') <> 'off';
  v_per_op_until int := 0;
  v_i int := 0;
  v_end int;
  v_last bigint;
  v_applied boolean;
  v_entry jsonb;
  v_result jsonb;
  v_attempt int;
  v_seq bigint;
BEGIN
  p_statuses := '{}';
  p_reasons := '{}';
  WHILE v_i < v_n LOOP
    IF v_set_path AND v_i >= v_per_op_until THEN
      -- The run of set-capable entries with consecutive seqs from here.
      v_end := v_i;
      WHILE v_end < v_n AND p_rejections[v_end + 1] IS NULL
            AND p_entries->v_end->'op'->>'type' IN (${typeList})
            AND (v_end = v_i OR (p_entries->v_end->>'seq')::bigint = (p_entries->(v_end - 1)->>'seq')::bigint + 1) LOOP
        v_end := v_end + 1;
      END LOOP;
      IF v_end - v_i >= 2 THEN
        SELECT last_seq INTO v_last FROM stations WHERE warehouse_id = p_wh AND station_id = p_station;
        IF v_last IS NULL THEN
          v_per_op_until := v_i + 1; -- an unknown station: the per-op path answers it
        ELSIF (p_entries->v_i->>'seq')::bigint <> v_last + 1 THEN
          -- Duplicates first (a resend): those go per op, the run's set-wise part starts at the expected seq.
          v_per_op_until := v_i + GREATEST(1, LEAST(v_end - v_i, v_last + 1 - (p_entries->v_i->>'seq')::bigint));
        ELSE
          v_applied := false;
          BEGIN
            SELECT last_seq INTO v_last FROM stations WHERE warehouse_id = p_wh AND station_id = p_station FOR UPDATE;
            IF v_last IS NULL OR (p_entries->v_i->>'seq')::bigint <> v_last + 1 OR NOT push_set(p_wh, p_station,
                (SELECT jsonb_agg(e ORDER BY o) FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o)
                  WHERE o > v_i AND o <= v_end)) THEN
              RAISE EXCEPTION USING ERRCODE = 'HB002', MESSAGE = 'set push declined';
            END IF;
            v_applied := true;
          EXCEPTION WHEN OTHERS THEN
            -- Declined, or a concurrent writer got in between: rolled back; the run goes per op.
            v_applied := false;
          END;
          IF v_applied THEN
            p_statuses := p_statuses || array_fill('applied'::text, ARRAY[v_end - v_i]);
            p_reasons := p_reasons || array_fill(NULL::text, ARRAY[v_end - v_i]);
            PERFORM set_config('hub.set_applied',
              (COALESCE(NULLIF(current_setting('hub.set_applied', true), ''), '0')::bigint + v_end - v_i)::text, false);
            COMMIT;
            v_i := v_end;
            CONTINUE;
          END IF;
          v_per_op_until := v_end;
        END IF;
      END IF;
    END IF;

    v_entry := p_entries->v_i;
    v_seq := (v_entry->>'seq')::bigint;
    v_attempt := 0;
    LOOP
      BEGIN
        PERFORM set_config('hub.actor', COALESCE(v_entry->>'actor', ''), true);
        PERFORM set_config('hub.seq', v_seq::text, true);
        v_result := push_entry(p_wh, p_station, v_seq, v_entry->>'at', v_entry->'op', p_rejections[v_i + 1]);
        IF v_result->>'status' = 'rejected' AND jsonb_typeof(v_entry->'op') = 'object' AND NOT EXISTS (
            SELECT 1 FROM identifier_events
             WHERE warehouse_id = p_wh AND station_id = p_station AND seq = v_seq AND kind = 'conflict') THEN
          PERFORM record_identifier_events(p_wh, p_station, v_seq, v_entry->>'at', v_entry->'op', v_result->>'reason');
        END IF;
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
    v_i := v_i + 1;
  END LOOP;
END $$;
`;
