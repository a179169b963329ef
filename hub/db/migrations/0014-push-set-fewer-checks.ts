/**
 * Push speed, continued (issue 9): work per request of 1,000 packing ops that did not depend on the
 * batch, or grew faster than it.
 * - push_set looked up the orders a run names by hashing every order of the warehouse (a hash join in
 *   its generic plan): now one index lookup per op that names an order.
 * - An op's instant (stock.delta, order.dispatch) and a dispatch's units' dispatched_at went through
 *   instant_of / instant_or, plpgsql with an exception block: a subtransaction per call, ~600 per
 *   request. push_set now casts directly; a text the cast refuses raises, push_batch rolls the run back
 *   and applies it op by op, where instant_of / instant_or still answer the fallback. Same instants.
 * - Three checks and joins of push_set paired every row of one scratch table with every row of another
 *   (a nested loop: the planner plans EXISTS for its first row, and sees tiny scratch tables): the order
 *   an order.upsert creates now learns whether it is dispatched in the run from a hashed subquery; the
 *   change log takes a new order's customer from the row just inserted; the dispatch-line check counts.
 * - push_batch handed push_set a copy of the entries rebuilt with jsonb_agg even when the run was the
 *   whole request: it passes the request's entries then.
 * - identifier_events → warehouses was a foreign key: a check (and row lock) per event, ~800 per request.
 *   It is now checked once per statement (every warehouse an inserted or updated event names exists),
 *   and a warehouse can no longer be deleted, renumbered or truncated (nothing does either: its trail
 *   refers to it), so an event can never lose its warehouse: the schema still guarantees it.
 * Answers, rows and change log are unchanged (test/hub/set-push.property.test.ts). push_set and
 * push_batch are 0013's and 0008's text with checked substitutions.
 */
import { setPushSql } from './0008-set-push.js';
import { stablePlansSetPushSql } from './0013-push-set-stable-plans.js';

type Substitution = readonly [from: string, to: string];

/** `source` with each `from` (which must occur exactly once) replaced. */
function substituted(what: string, source: string, substitutions: readonly Substitution[]): string {
  let text = source;
  for (const [from, to] of substitutions) {
    if (text.split(from).length !== 2) throw new Error(`migration 0014: ${what} not as expected (${from.trim().slice(0, 60)}…)`);
    text = text.replace(from, () => to);
  }
  return text;
}

/** From the first `marker` of `source` to its end. */
function from(what: string, source: string, marker: string): string {
  const start = source.indexOf(marker);
  if (start < 0) throw new Error(`migration 0014: ${what} not found`);
  return source.slice(start);
}

const pushSetSubstitutions: readonly Substitution[] = [
  // set_ops: the instant cast directly, the order found by index.
  [
    `THEN instant_of(x.e->>'at') END,
         o.id, o.customer, o.version
    FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o)
    LEFT JOIN orders o ON o.warehouse_id = p_wh AND o.order_number = (x.e->'op'->>'orderNumber') COLLATE "C";`,
    `THEN COALESCE((x.e->>'at')::timestamptz, now()) END,
         o.id, o.customer, o.version
    FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o)
    -- LIMIT 1 (order numbers are unique) keeps this a lookup per op rather than a join over all orders.
    LEFT JOIN LATERAL (SELECT o.id, o.customer, o.version FROM orders o
                        WHERE o.warehouse_id = p_wh AND o.order_number = (x.e->'op'->>'orderNumber') COLLATE "C" LIMIT 1) o ON true;`,
  ],
  // The dispatch-line check: a count is planned for all rows (a hash join), EXISTS for the first.
  [
    `OR EXISTS (SELECT 1 FROM set_disp d LEFT JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no`,
    `OR 0 < (SELECT count(*) FROM set_disp d LEFT JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no`,
  ],
  // New orders: dispatched in the run or not from a hashed subquery; their customer kept for the change log.
  [
    `    SELECT p_wh, s.order_number, s.op->>'customer', CASE WHEN d.ord IS NULL THEN 1 ELSE 2 END
      FROM set_ops s LEFT JOIN set_ops d ON d.type = 'order.dispatch' AND d.order_number = s.order_number
     WHERE s.type = 'order.upsert' ORDER BY s.ord
    RETURNING id, order_number)
  UPDATE set_ops s SET order_id = made.id FROM made WHERE s.order_number = made.order_number;`,
    `    SELECT p_wh, s.order_number, s.op->>'customer',
           CASE WHEN s.order_number IN (SELECT d.order_number FROM set_ops d WHERE d.type = 'order.dispatch') THEN 2 ELSE 1 END
      FROM set_ops s
     WHERE s.type = 'order.upsert' ORDER BY s.ord
    RETURNING id, order_number, customer)
  -- order_customer of an order new to the hub: as created (the change log's payload reads it).
  UPDATE set_ops s SET order_id = made.id, order_customer = made.customer FROM made WHERE s.order_number = made.order_number;`,
  ],
  // Units' dispatched_at: instant_or's rule, without its subtransaction.
  [
    `RETURNING id, warehouse_id, order_id, station_id, lines, instant_or(at, created_at) AS dispatched_at)`,
    `RETURNING id, warehouse_id, order_id, station_id, lines,
              CASE WHEN at IS NULL OR at !~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' THEN created_at ELSE at::timestamptz END AS dispatched_at)`,
  ],
  // The change log: a dispatched order's customer is order_customer (new orders' set above).
  [
    `ELSE COALESCE(s.order_customer, n.op->>'customer') END,`,
    `ELSE s.order_customer END,`,
  ],
  [
    `             'lines', ol.lines) AS payload
      FROM set_ops s LEFT JOIN set_ops n ON n.type = 'order.upsert' AND n.order_number = s.order_number
      LEFT JOIN (`,
    `             'lines', ol.lines) AS payload
      FROM set_ops s
      LEFT JOIN (`,
  ],
];

const pushBatchSubstitutions: readonly Substitution[] = [
  [
    `OR NOT push_set(p_wh, p_station,
                (SELECT jsonb_agg(e ORDER BY o) FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o)
                  WHERE o > v_i AND o <= v_end)) THEN`,
    `OR NOT push_set(p_wh, p_station, CASE WHEN v_i = 0 AND v_end = v_n THEN p_entries ELSE
                (SELECT jsonb_agg(e ORDER BY o) FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, o)
                  WHERE o > v_i AND o <= v_end) END) THEN`,
  ],
];

const eventWarehouseSql = /* sql */ `
ALTER TABLE identifier_events DROP CONSTRAINT identifier_events_warehouse_id_fkey;

-- The foreign key's check, once per statement: every warehouse the written events name exists.
CREATE FUNCTION identifier_events_warehouses_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_missing bigint;
BEGIN
  SELECT e.warehouse_id INTO v_missing FROM (SELECT DISTINCT warehouse_id FROM written) e
   WHERE NOT EXISTS (SELECT 1 FROM warehouses w WHERE w.id = e.warehouse_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'identifier_events',
      MESSAGE = format('identifier_events names warehouse %s, which does not exist', v_missing);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER identifier_events_warehouse_inserted AFTER INSERT ON identifier_events
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION identifier_events_warehouses_exist();
CREATE TRIGGER identifier_events_warehouse_updated AFTER UPDATE ON identifier_events
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION identifier_events_warehouses_exist();

-- The other half of the key: a warehouse, once made, stays (deleted, renumbered or truncated never).
CREATE FUNCTION warehouses_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'warehouses',
    MESSAGE = 'a warehouse is never deleted or renumbered: its identifier trail refers to it';
END $$;
CREATE TRIGGER warehouses_kept_rows BEFORE DELETE OR UPDATE OF id ON warehouses
  FOR EACH ROW EXECUTE FUNCTION warehouses_kept();
CREATE TRIGGER warehouses_kept_truncate BEFORE TRUNCATE ON warehouses
  FOR EACH STATEMENT EXECUTE FUNCTION warehouses_kept();
`;

export const fewerChecksSetPushSql =
  substituted('push_set of 0013', from('push_set of 0013', stablePlansSetPushSql, 'CREATE OR REPLACE FUNCTION push_set('), pushSetSubstitutions) +
  substituted('push_batch of 0008', from('push_batch of 0008', setPushSql, 'CREATE OR REPLACE PROCEDURE push_batch('), pushBatchSubstitutions) +
  eventWarehouseSql;
