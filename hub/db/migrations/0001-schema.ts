/**
 * Tables, constraints and change logging. The global rules live here as constraints so no code path
 * (push, order intake, a hand-written query) can break them.
 */
export const schemaSql = /* sql */ `
CREATE TABLE warehouses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT warehouses_name_unique UNIQUE (name)
);

-- One row per bench (station): the highest outbox seq applied, locked FOR UPDATE by every op.
CREATE TABLE stations (
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  station_id text COLLATE "C" NOT NULL CHECK (length(station_id) BETWEEN 1 AND 100),
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse_id, station_id)
);

-- Only a SHA-256 of each token is stored; the token itself is shown once.
CREATE TABLE tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  kind text NOT NULL CHECK (kind IN ('bench', 'integration')),
  station_id text COLLATE "C",
  name text,
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  FOREIGN KEY (warehouse_id, station_id) REFERENCES stations (warehouse_id, station_id),
  CHECK ((kind = 'bench') = (station_id IS NOT NULL)),
  CHECK ((kind = 'integration') = (name IS NOT NULL))
);
CREATE UNIQUE INDEX tokens_one_live_bench ON tokens (warehouse_id, station_id)
  WHERE kind = 'bench' AND revoked_at IS NULL;
CREATE UNIQUE INDEX tokens_one_live_integration ON tokens (warehouse_id, name)
  WHERE kind = 'integration' AND revoked_at IS NULL;

CREATE TABLE products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  sku text COLLATE "C" NOT NULL,
  title text NOT NULL DEFAULT '',
  barcode text,
  identifier_mode text NOT NULL DEFAULT 'none' CHECK (identifier_mode IN ('none', 'single_use', 'multiple_use')),
  -- Not checked >= 0: offline deltas from several benches must add up even if they overshoot.
  stock_level bigint NOT NULL DEFAULT 0,
  CONSTRAINT products_sku_unique UNIQUE (warehouse_id, sku)
);

-- Identifiers are never deleted (dispatch history points at them); removal is a status.
CREATE TABLE identifiers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id bigint NOT NULL REFERENCES products (id),
  value text COLLATE "C" NOT NULL,
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'consumed', 'removed')),
  CONSTRAINT identifiers_value_unique UNIQUE (product_id, value),
  UNIQUE (id, product_id)
);

CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  order_number text COLLATE "C" NOT NULL,
  customer text NOT NULL DEFAULT '',
  -- Bumped once by every change to the order or its lines; the bump is what logs the order.
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_number_unique UNIQUE (warehouse_id, order_number)
);

CREATE TABLE order_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  line_no integer NOT NULL CHECK (line_no > 0),
  product_id bigint NOT NULL REFERENCES products (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  dispatched integer NOT NULL DEFAULT 0,
  CONSTRAINT order_lines_no_unique UNIQUE (order_id, line_no),
  CONSTRAINT order_lines_not_over_dispatched CHECK (dispatched BETWEEN 0 AND quantity),
  UNIQUE (id, product_id)
);

CREATE TABLE allocations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_line_id bigint NOT NULL,
  product_id bigint NOT NULL,
  unit integer NOT NULL CHECK (unit > 0),
  identifier_id bigint NOT NULL,
  single_use boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('live', 'consumed')),
  station_id text,
  at text,
  -- Composite keys: the identifier must belong to the line's product.
  FOREIGN KEY (order_line_id, product_id) REFERENCES order_lines (id, product_id),
  FOREIGN KEY (identifier_id, product_id) REFERENCES identifiers (id, product_id),
  CONSTRAINT allocations_unit_unique UNIQUE (order_line_id, unit)
);
-- The global rule: a single-use identifier goes to at most one order unit, ever.
CREATE UNIQUE INDEX allocations_single_use_once ON allocations (identifier_id)
  WHERE single_use AND status IN ('live', 'consumed');
CREATE INDEX allocations_identifier ON allocations (identifier_id);

CREATE TABLE dispatches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  uid text COLLATE "C" NOT NULL,
  order_id bigint NOT NULL REFERENCES orders (id),
  station_id text,
  at text,
  lines jsonb NOT NULL,
  -- Commit-safe feed position, see changes.xid.
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dispatches_uid_unique UNIQUE (warehouse_id, uid)
);
CREATE INDEX dispatches_feed ON dispatches (warehouse_id, xid, id);

-- Change log for pull. Rows are stamped with the writing transaction's xid: a reader only returns rows
-- whose xid is below its snapshot's xmin, i.e. from transactions that can no longer commit, so a page
-- never moves its cursor past a transaction that is still in flight. No FK: it is an append-only log.
CREATE TABLE changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warehouse_id bigint NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  payload jsonb NOT NULL
);
CREATE INDEX changes_pull ON changes (warehouse_id, xid, id);

-- Triggers write the change log, so every writer (push, order intake, admin SQL) is covered.
CREATE FUNCTION log_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, jsonb_build_object(
    'kind', 'product', 'sku', NEW.sku, 'title', NEW.title, 'barcode', NEW.barcode,
    'identifierMode', NEW.identifier_mode, 'stockLevel', NEW.stock_level));
  RETURN NULL;
END $$;
CREATE TRIGGER products_logged_insert AFTER INSERT ON products FOR EACH ROW EXECUTE FUNCTION log_product();
CREATE TRIGGER products_logged_update AFTER UPDATE ON products FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION log_product();

CREATE FUNCTION log_identifier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (warehouse_id, payload)
  SELECT p.warehouse_id, jsonb_build_object('kind', 'identifier', 'sku', p.sku, 'value', NEW.value, 'status', NEW.status)
    FROM products p WHERE p.id = NEW.product_id;
  RETURN NULL;
END $$;
CREATE TRIGGER identifiers_logged_insert AFTER INSERT ON identifiers FOR EACH ROW EXECUTE FUNCTION log_identifier();
CREATE TRIGGER identifiers_logged_update AFTER UPDATE ON identifiers FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION log_identifier();

CREATE FUNCTION order_payload(p_order_id bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('kind', 'order', 'orderNumber', o.order_number, 'customer', o.customer,
    'version', o.version,
    'lines', COALESCE((SELECT jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'sku', p.sku,
        'quantity', l.quantity, 'dispatched', l.dispatched) ORDER BY l.line_no)
      FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = o.id), '[]'::jsonb))
  FROM orders o WHERE o.id = p_order_id
$$;

CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, order_payload(NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER orders_logged AFTER UPDATE OF version ON orders FOR EACH ROW
  WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION log_order();

CREATE FUNCTION log_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r allocations;
  v_status text;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; v_status := 'cleared'; ELSE r := NEW; v_status := NEW.status; END IF;
  INSERT INTO changes (warehouse_id, payload)
  SELECT o.warehouse_id, jsonb_build_object('kind', 'allocation', 'orderNumber', o.order_number,
      'lineNo', l.line_no, 'unit', r.unit, 'sku', p.sku, 'value', i.value, 'status', v_status)
    FROM order_lines l JOIN orders o ON o.id = l.order_id,
         identifiers i JOIN products p ON p.id = i.product_id
   WHERE l.id = r.order_line_id AND i.id = r.identifier_id;
  RETURN NULL;
END $$;
CREATE TRIGGER allocations_logged_insert AFTER INSERT OR DELETE ON allocations FOR EACH ROW
  EXECUTE FUNCTION log_allocation();
CREATE TRIGGER allocations_logged_update AFTER UPDATE ON allocations FOR EACH ROW
  WHEN (OLD.identifier_id IS DISTINCT FROM NEW.identifier_id OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION log_allocation();

CREATE FUNCTION dispatch_payload(d dispatches) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('kind', 'dispatch', 'dispatchUid', d.uid, 'orderNumber', o.order_number,
    'stationId', d.station_id, 'at', d.at, 'lines', d.lines)
  FROM orders o WHERE o.id = d.order_id
$$;

CREATE FUNCTION log_dispatch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (warehouse_id, payload) VALUES (NEW.warehouse_id, dispatch_payload(NEW));
  RETURN NULL;
END $$;
CREATE TRIGGER dispatches_logged AFTER INSERT ON dispatches FOR EACH ROW EXECUTE FUNCTION log_dispatch();
`;
