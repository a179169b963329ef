/**
 * Traceability at the hub. identifier_events: every applied op that touches an identifier, one row per
 * identifier value and step (added, renamed, removed, allocated, cleared, dispatched), plus a conflict row
 * for each identifier of an op the hub rejected; with station, bench time and user (the push entry's
 * actor, passed in the transaction-local setting hub.actor). dispatched_units: one row per dispatched
 * unit with its identifier, kept by a trigger on dispatches, indexed for recall by value prefix and by
 * dispatch time. Both are filled from the existing rows.
 */
export const traceSql = /* sql */ `
CREATE TABLE identifier_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  -- NULL: the order system (catalogue intake).
  station_id text COLLATE "C",
  seq bigint,
  at text,
  actor text,
  kind text NOT NULL CHECK (kind IN ('added', 'renamed', 'removed', 'allocated', 'cleared', 'dispatched', 'conflict')),
  sku text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  order_number text COLLATE "C",
  line_no integer,
  unit integer,
  detail text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identifier_events_value ON identifier_events (warehouse_id, value, id);
CREATE INDEX identifier_events_unit ON identifier_events (warehouse_id, order_number, line_no, unit, id) WHERE kind = 'allocated';
CREATE INDEX identifier_events_conflict ON identifier_events (warehouse_id, station_id, seq) WHERE kind = 'conflict';

-- The identifier steps of one op. A clear names only the unit: its value is the unit's last allocation.
CREATE FUNCTION identifier_steps(p_wh bigint, p_op jsonb)
RETURNS TABLE (kind text, sku text, value text, order_number text, line_no integer, unit integer, detail text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  CASE p_op->>'type'
    WHEN 'identifier.add', 'identifier.remove' THEN
      RETURN QUERY SELECT CASE p_op->>'type' WHEN 'identifier.add' THEN 'added' ELSE 'removed' END, p_op->>'sku', v,
        NULL::text, NULL::integer, NULL::integer, NULL::text
        FROM jsonb_array_elements_text(p_op->'values') v;
    WHEN 'identifier.rename' THEN
      RETURN QUERY VALUES
        ('renamed', p_op->>'sku', p_op->>'from', NULL::text, NULL::integer, NULL::integer, format('renamed to "%s"', p_op->>'to')),
        ('renamed', p_op->>'sku', p_op->>'to', NULL::text, NULL::integer, NULL::integer, format('renamed from "%s"', p_op->>'from'));
    WHEN 'allocation.set' THEN
      RETURN QUERY VALUES ('allocated', p_op->>'sku', p_op->>'value', p_op->>'orderNumber', (p_op->>'lineNo')::integer,
        (p_op->>'unit')::integer, NULL::text);
    WHEN 'allocation.clear' THEN
      RETURN QUERY SELECT 'cleared', e.sku::text, e.value::text, e.order_number::text, e.line_no, e.unit, NULL::text
        FROM identifier_events e
       WHERE e.warehouse_id = p_wh AND e.kind = 'allocated' AND e.order_number = p_op->>'orderNumber'
         AND e.line_no = (p_op->>'lineNo')::integer AND e.unit = (p_op->>'unit')::integer
       ORDER BY e.id DESC LIMIT 1;
    WHEN 'order.dispatch' THEN
      RETURN QUERY SELECT 'dispatched', l->>'sku', u->>'value', p_op->>'orderNumber', (l->>'lineNo')::integer,
        (u->>'unit')::integer, NULL::text
        FROM jsonb_array_elements(p_op->'lines') l, jsonb_array_elements(COALESCE(l->'units', '[]'::jsonb)) u;
    ELSE RETURN;
  END CASE;
END $$;

-- p_refused: the hub's reason when the op was rejected (then each identifier gets a conflict row).
CREATE FUNCTION record_identifier_events(p_wh bigint, p_station text, p_seq bigint, p_at text, p_op jsonb, p_refused text)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO identifier_events (warehouse_id, station_id, seq, at, actor, kind, sku, value, order_number, line_no, unit, detail)
  SELECT p_wh, p_station, p_seq, p_at, NULLIF(current_setting('hub.actor', true), ''),
         CASE WHEN p_refused IS NULL THEN s.kind ELSE 'conflict' END, s.sku, s.value, s.order_number, s.line_no, s.unit,
         CASE WHEN p_refused IS NULL THEN s.detail ELSE format('the hub refused "%s": %s', s.kind, p_refused) END
    FROM identifier_steps(p_wh, p_op) s
$$;

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
  -- In the op's savepoint: a rejection takes its events with it.
  PERFORM record_identifier_events(p_wh, p_station, NULLIF(current_setting('hub.seq', true), '')::bigint, p_at, p_op, NULL);
END $$;

-- As before (push_batch in 0002: a transaction per entry), plus: the entry's actor and seq for the
-- events (transaction-local settings), and conflict rows for each identifier of a newly rejected op.
CREATE OR REPLACE PROCEDURE push_batch(p_wh bigint, p_station text, p_entries jsonb, p_rejections text[],
  INOUT p_statuses text[] DEFAULT NULL, INOUT p_reasons text[] DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
  v_entry jsonb;
  v_result jsonb;
  v_attempt int;
  v_seq bigint;
BEGIN
  p_statuses := '{}';
  p_reasons := '{}';
  FOR i IN 0 .. jsonb_array_length(p_entries) - 1 LOOP
    v_entry := p_entries->i;
    v_seq := (v_entry->>'seq')::bigint;
    v_attempt := 0;
    LOOP
      BEGIN
        PERFORM set_config('hub.actor', COALESCE(v_entry->>'actor', ''), true);
        PERFORM set_config('hub.seq', v_seq::text, true);
        v_result := push_entry(p_wh, p_station, v_seq, v_entry->>'at', v_entry->'op', p_rejections[i + 1]);
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
  END LOOP;
END $$;

-- A bench's clock text as an instant, or the fallback when it is not an ISO 8601 date-time.
CREATE FUNCTION instant_or(p_text text, p_fallback timestamptz) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_text IS NULL OR p_text !~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' THEN RETURN p_fallback; END IF;
  RETURN p_text::timestamptz;
EXCEPTION WHEN data_exception THEN
  RETURN p_fallback;
END $$;

CREATE TABLE dispatched_units (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  dispatch_id bigint NOT NULL REFERENCES dispatches (id),
  order_id bigint NOT NULL REFERENCES orders (id),
  sku text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  line_no integer NOT NULL,
  unit integer NOT NULL,
  station_id text COLLATE "C",
  dispatched_at timestamptz NOT NULL
);
CREATE INDEX dispatched_units_value ON dispatched_units (warehouse_id, value, id);
CREATE INDEX dispatched_units_at ON dispatched_units (warehouse_id, dispatched_at, id);

CREATE FUNCTION index_dispatched_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dispatched_units (warehouse_id, dispatch_id, order_id, sku, value, line_no, unit, station_id, dispatched_at)
  SELECT NEW.warehouse_id, NEW.id, NEW.order_id, l->>'sku', u->>'value', (l->>'lineNo')::integer, (u->>'unit')::integer,
         NEW.station_id, instant_or(NEW.at, NEW.created_at)
    FROM jsonb_array_elements(NEW.lines) l, jsonb_array_elements(COALESCE(l->'units', '[]'::jsonb)) u;
  RETURN NULL;
END $$;
CREATE TRIGGER dispatches_indexed AFTER INSERT ON dispatches FOR EACH ROW EXECUTE FUNCTION index_dispatched_units();

INSERT INTO dispatched_units (warehouse_id, dispatch_id, order_id, sku, value, line_no, unit, station_id, dispatched_at)
SELECT d.warehouse_id, d.id, d.order_id, l->>'sku', u->>'value', (l->>'lineNo')::integer, (u->>'unit')::integer,
       d.station_id, instant_or(d.at, d.created_at)
  FROM dispatches d, jsonb_array_elements(d.lines) l, jsonb_array_elements(COALESCE(l->'units', '[]'::jsonb)) u
 ORDER BY d.id;

INSERT INTO identifier_events (warehouse_id, station_id, at, kind, sku, value, order_number, line_no, unit)
SELECT o.warehouse_id, a.station_id, a.at, 'allocated', p.sku, i.value, o.order_number, l.line_no, a.unit
  FROM allocations a JOIN identifiers i ON i.id = a.identifier_id JOIN products p ON p.id = a.product_id
  JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id
 ORDER BY a.id;
INSERT INTO identifier_events (warehouse_id, station_id, at, kind, sku, value, order_number, line_no, unit)
SELECT du.warehouse_id, du.station_id, d.at, 'dispatched', du.sku, du.value, o.order_number, du.line_no, du.unit
  FROM dispatched_units du JOIN dispatches d ON d.id = du.dispatch_id JOIN orders o ON o.id = du.order_id
 ORDER BY du.id;
`;
