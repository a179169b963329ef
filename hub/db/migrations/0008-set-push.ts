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
 * Locks, each kind in id order and in the per-op path's order: station, orders, products, identifiers.
 * Products (one shared by every bench is the hottest row) only once the checks that need no lock are
 * done.
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
-- A product's change-log payload, in one place: the trigger and push_set (which logs the stock each
-- movement left, not the row's final one) both build it here.
CREATE FUNCTION product_payload(p products, p_stock_level bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('kind', 'product', 'sku', p.sku, 'title', p.title, 'barcode', p.barcode,
    'identifierMode', p.identifier_mode, 'stockLevel', p_stock_level)
$$;

CREATE OR REPLACE FUNCTION log_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, product_payload(NEW, NEW.stock_level));
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

-- The dispatched units index (0007), likewise written by push_set itself, in one statement.
CREATE OR REPLACE FUNCTION index_dispatched_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${quietWhileSetApply}
  INSERT INTO dispatched_units (warehouse_id, dispatch_id, order_id, sku, value, line_no, unit, station_id, dispatched_at)
  SELECT NEW.warehouse_id, NEW.id, NEW.order_id, l->>'sku', u->>'value', (l->>'lineNo')::integer, (u->>'unit')::integer,
         NEW.station_id, instant_or(NEW.at, NEW.created_at)
    FROM jsonb_array_elements(NEW.lines) l, jsonb_array_elements(COALESCE(l->'units', '[]'::jsonb)) u;
  RETURN NULL;
END $$;

-- Scratch tables of one push_set call, made once per connection (temporary, so never shared).
CREATE FUNCTION set_push_scratch() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.set_ops') IS NOT NULL THEN
    -- Emptied at every commit (ON COMMIT DELETE ROWS, which truncates in place: nothing vacuums temporary
    -- tables, and TRUNCATE or ANALYZE here would make every statement below be planned again).
    DELETE FROM pg_temp.set_ops; DELETE FROM pg_temp.set_new_lines; DELETE FROM pg_temp.set_lines;
    DELETE FROM pg_temp.set_disp; DELETE FROM pg_temp.set_units; DELETE FROM pg_temp.set_moves;
    RETURN;
  END IF;
  -- One row per entry.
  CREATE TEMP TABLE set_ops (ord int PRIMARY KEY, seq bigint NOT NULL, at text, actor text, type text NOT NULL,
    op jsonb NOT NULL, order_number text COLLATE "C", uid text COLLATE "C", instant timestamptz,
    -- The order named, as the hub holds it before the run (NULL: new), and a dispatch's change-log payload.
    order_id bigint, order_customer text, order_version int, payload jsonb) ON COMMIT DELETE ROWS;
  -- Lines of the orders order.upsert creates (ord: the upsert).
  CREATE TEMP TABLE set_new_lines (ord int NOT NULL, order_number text COLLATE "C" NOT NULL, line_no int NOT NULL,
    sku text COLLATE "C" NOT NULL, quantity int NOT NULL, product_id bigint) ON COMMIT DELETE ROWS;
  -- Every order line the run names, existing (made_by 0) or created by the run's upsert made_by.
  CREATE TEMP TABLE set_lines (order_number text COLLATE "C" NOT NULL, line_no int NOT NULL, line_id bigint,
    product_id bigint NOT NULL, sku text COLLATE "C" NOT NULL, mode text NOT NULL, quantity int NOT NULL,
    dispatched int NOT NULL, made_by int NOT NULL, PRIMARY KEY (order_number, line_no)) ON COMMIT DELETE ROWS;
  -- Lines of each order.dispatch, in the op's order.
  CREATE TEMP TABLE set_disp (ord int NOT NULL, line_idx int NOT NULL, order_number text COLLATE "C" NOT NULL,
    line_no int NOT NULL, sku text COLLATE "C" NOT NULL, quantity int NOT NULL, units jsonb, PRIMARY KEY (ord, line_idx)) ON COMMIT DELETE ROWS;
  -- Order units given an identifier: allocation.set (line_idx 0) and dispatched units.
  CREATE TEMP TABLE set_units (ord int NOT NULL, line_idx int NOT NULL, unit_idx int NOT NULL, dispatch boolean NOT NULL,
    order_number text COLLATE "C" NOT NULL, line_no int NOT NULL, unit int NOT NULL, sku text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL, line_id bigint, product_id bigint, mode text, identifier_id bigint, identifier_status text,
    was_identifier bigint, was_status text, PRIMARY KEY (ord, line_idx, unit_idx)) ON COMMIT DELETE ROWS;
  -- Stock movements in op order, with the stock before and after each.
  CREATE TEMP TABLE set_moves (ord int NOT NULL, line_idx int NOT NULL, product_id bigint NOT NULL, delta bigint NOT NULL,
    instant timestamptz NOT NULL, applies boolean NOT NULL, clamp boolean NOT NULL, stock_before bigint, stock_after bigint,
    PRIMARY KEY (ord, line_idx)) ON COMMIT DELETE ROWS;
END $$;

-- A row count that is not the one the checks promised: a concurrent writer got in between.
CREATE FUNCTION set_push_expect(p_what text, p_got bigint, p_expected bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_got <> p_expected THEN
    RAISE EXCEPTION USING ERRCODE = 'HB002', MESSAGE = format('set push: %s touched %s rows, expected %s', p_what, p_got, p_expected);
  END IF;
END $$;

-- Applies p_entries (consecutive seqs from the station's last_seq + 1, all of SET_PUSH_TYPES, none
-- refused before the database) set-wise, with the station row locked by the caller. Returns false when
-- the per-op path must take the run (the caller rolls back); raises HB002 (or a constraint error) when
-- a concurrent writer got in between, with the same outcome.
-- Lookups into the hub's tables go row by row through their unique indexes (scalar subqueries, = ANY):
-- a run is at most a request, the tables may be large and their statistics behind.
CREATE FUNCTION push_set(p_wh bigint, p_station text, p_entries jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
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
BEGIN
  PERFORM set_push_scratch();
  INSERT INTO set_ops (ord, seq, at, actor, type, op, order_number, uid)
  SELECT x.o, (x.e->>'seq')::bigint, x.e->>'at', NULLIF(COALESCE(x.e->>'actor', ''), ''), x.e->'op'->>'type', x.e->'op',
         x.e->'op'->>'orderNumber', x.e->'op'->>'dispatchUid'
    FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o);
  UPDATE set_ops SET instant = instant_of(at) WHERE type IN ('order.dispatch', 'stock.delta');
  UPDATE set_ops s SET (order_id, order_customer, order_version) =
      (SELECT o.id, o.customer, o.version FROM orders o WHERE o.warehouse_id = p_wh AND o.order_number = s.order_number)
   WHERE s.order_number IS NOT NULL;

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
  INSERT INTO set_units (ord, line_idx, unit_idx, dispatch, order_number, line_no, unit, sku, value, line_id, product_id, mode)
  SELECT s.ord, 0, 0, false, s.order_number, (s.op->>'lineNo')::int, (s.op->>'unit')::int, s.op->>'sku', s.op->>'value',
         k.line_id, k.product_id, k.mode
    FROM set_ops s LEFT JOIN set_lines k ON k.order_number = s.order_number AND k.line_no = (s.op->>'lineNo')::int
          AND k.made_by < s.ord AND k.sku = s.op->>'sku' AND (s.op->>'unit')::int <= k.quantity
   WHERE s.type = 'allocation.set'
  UNION ALL
  SELECT d.ord, d.line_idx, u.i, true, d.order_number, d.line_no, (u.v->>'unit')::int, d.sku, u.v->>'value',
         k.line_id, k.product_id, CASE WHEN (u.v->>'unit')::int <= k.quantity THEN k.mode END
    FROM set_disp d JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no
    CROSS JOIN jsonb_array_elements(d.units) WITH ORDINALITY AS u(v, i)
   WHERE k.mode <> 'none';
  IF EXISTS (SELECT 1 FROM set_units WHERE mode IS NULL)
     -- One allocation.set and one dispatch per unit at most, the dispatch last.
     OR EXISTS (SELECT 1 FROM set_units GROUP BY order_number, line_no, unit
                 HAVING count(*) FILTER (WHERE dispatch) > 1 OR count(*) FILTER (WHERE NOT dispatch) > 1
                     OR max(ord) FILTER (WHERE NOT dispatch) > min(ord) FILTER (WHERE dispatch)) THEN
    RETURN false;
  END IF;
  UPDATE set_units u SET identifier_id = (SELECT i.id FROM identifiers i WHERE i.product_id = u.product_id AND i.value = u.value);
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
    RETURNING *),
  indexed AS (
    INSERT INTO dispatched_units (warehouse_id, dispatch_id, order_id, sku, value, line_no, unit, station_id, dispatched_at)
    SELECT made.warehouse_id, made.id, made.order_id, l.v->>'sku', u.v->>'value', (l.v->>'lineNo')::integer, (u.v->>'unit')::integer,
           made.station_id, instant_or(made.at, made.created_at)
      FROM made, jsonb_array_elements(made.lines) WITH ORDINALITY AS l(v, i),
           jsonb_array_elements(COALESCE(l.v->'units', '[]'::jsonb)) WITH ORDINALITY AS u(v, j)
     ORDER BY made.id, l.i, u.j)
  UPDATE set_ops s SET payload = dispatch_payload(ROW(made.*)::dispatches) FROM made WHERE s.type = 'order.dispatch' AND s.uid = made.uid;
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
    -- The dispatch, before its order.
    SELECT s.ord, 2147483647, 0, 0, s.payload FROM set_ops s WHERE s.type = 'order.dispatch'
  ) c ORDER BY c.ord, c.a, c.b, c.c;

  UPDATE stations SET last_seq = (SELECT max(seq) FROM set_ops) WHERE warehouse_id = p_wh AND station_id = p_station;
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
