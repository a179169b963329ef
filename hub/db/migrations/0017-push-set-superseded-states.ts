/**
 * Push speed, continued (issue 9): push_set writes fewer rows and checks the same with less work.
 * - The change log: a row's state that the run itself supersedes is no longer written. Changes are
 *   states, a run is one transaction (a puller sees all of it or none), and a bench keeps the newest
 *   state per row (changeId), so it ends on the same rows with fewer to apply:
 *   - a product's stock once per run, as the run's last movement left it (a request of 1,000 packing
 *     ops logged it 400 times);
 *   - a unit allocated and dispatched in the same run once, consumed (its "live" state is dropped);
 *   - an order made and dispatched in the same run once, dispatched, in the place of its first state
 *     (a bench creates the order from it, before the order's units arrive).
 *   Dispatches (applied once by uid) and identifiers (consumed once) are logged as before.
 *   Together ~1,000 of the ~2,200 change rows of a request of 1,000 packing ops.
 * - Allocations of units on lines the run itself made (the usual case: order, allocate, dispatch) go in
 *   with a plain INSERT: there is nothing there to update (a row there would be a unique violation,
 *   and the run goes per op). Only units of lines the hub held go through ON CONFLICT, and the count
 *   of units they must touch comes from the rows inserted (it was a count(DISTINCT) over every unit).
 * - Fewer passes over scratch rows: a new order's id goes only to the ops that read it (its upsert and
 *   dispatch); units take their line's id by a join where allocations are written (an UPDATE of every
 *   unit before); the identifiers named are locked and their status read in one statement, and a
 *   unit's allocation is looked up only on a line the hub held.
 * - "One unit per single-use identifier in the run" compares each column's least and greatest
 *   instead of counting distinct (order, line, unit) records (a sort per identifier).
 * Everything else (answers, rows, events) is unchanged; test/hub/set-push.property.test.ts compares
 * the change log with the per-op path's, each row's states within a request made one on both sides.
 * push_set is 0014's text with checked substitutions; it keeps its generic plans.
 */
import { substituted, type Substitution } from './substituted.js';
import { fewerChecksSetPushSql } from './0014-push-set-fewer-checks.js';

/** push_set as 0014 left it (0015 and 0016 did not touch it). */
function pushSetOf0014(): string {
  const start = fewerChecksSetPushSql.indexOf('CREATE OR REPLACE FUNCTION push_set(');
  const end = fewerChecksSetPushSql.indexOf('CREATE OR REPLACE PROCEDURE push_batch(');
  if (start < 0 || end < start) throw new Error('migration 0017: push_set of 0014 not found');
  return fewerChecksSetPushSql.slice(start, end);
}

const ALLOCATION_COLUMNS = 'order_line_id, product_id, unit, identifier_id, single_use, status, station_id, at';
/** Each unit's last state in the run, on the lines of set_lines that `lines` selects (k: the line). */
const lastUnitStates = (lines: string) => /* sql */ `SELECT DISTINCT ON (k.line_id, u.unit) k.line_id, u.product_id, u.unit, u.identifier_id, u.mode = 'single_use',
         CASE WHEN u.dispatch THEN 'consumed' ELSE 'live' END, p_station, s.at
    FROM set_units u JOIN set_ops s ON s.ord = u.ord
    JOIN set_lines k ON k.order_number = u.order_number AND k.line_no = u.line_no AND ${lines}
   ORDER BY k.line_id, u.unit, u.ord DESC`;

const substitutions: readonly Substitution[] = [
  // New orders' ids go to the ops that read them later (order lines, dispatches, the change log), not
  // to every op naming the order.
  [
    `UPDATE set_ops s SET order_id = made.id, order_customer = made.customer FROM made WHERE s.order_number = made.order_number;`,
    `UPDATE set_ops s SET order_id = made.id, order_customer = made.customer FROM made
   WHERE s.order_number = made.order_number AND s.type IN ('order.upsert', 'order.dispatch');`,
  ],
  // Units take their line's id from set_lines where they are written (allocations), not by an UPDATE of every unit.
  [
    `  UPDATE set_units u SET line_id = k.line_id FROM set_lines k
   WHERE u.line_id IS NULL AND k.order_number = u.order_number AND k.line_no = u.line_no;
`,
    ``,
  ],
  [
    `  v_station_name text;
BEGIN`,
    `  v_station_name text;
  v_expected bigint;
BEGIN`,
  ],
  // The identifiers locked and their status read in one pass; a unit's allocation looked up only on a
  // line the hub held (a line the run makes has none yet).
  [
    `  PERFORM 1 FROM identifiers WHERE id = ANY (ARRAY(SELECT identifier_id FROM set_units WHERE identifier_id IS NOT NULL))
   ORDER BY id FOR UPDATE;
  UPDATE set_units u SET identifier_status = (SELECT i.status FROM identifiers i WHERE i.id = u.identifier_id),
         (was_identifier, was_status) = (SELECT a.identifier_id, a.status FROM allocations a WHERE a.order_line_id = u.line_id AND a.unit = u.unit);`,
    `  UPDATE set_units u SET identifier_status = i.status
    FROM (SELECT id, status FROM identifiers WHERE id = ANY (ARRAY(SELECT identifier_id FROM set_units WHERE identifier_id IS NOT NULL))
           ORDER BY id FOR UPDATE) i
   WHERE i.id = u.identifier_id;
  UPDATE set_units u SET (was_identifier, was_status) =
      (SELECT a.identifier_id, a.status FROM allocations a WHERE a.order_line_id = u.line_id AND a.unit = u.unit)
   WHERE u.line_id IS NOT NULL;`,
  ],
  [
    `HAVING count(DISTINCT (order_number, line_no, unit)) > 1)`,
    `HAVING min(order_number) <> max(order_number) OR min(line_no) <> max(line_no) OR min(unit) <> max(unit))`,
  ],
  [
    `  -- Each unit's last state: live (allocation.set) or consumed (dispatch); consumed units never change.
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
  PERFORM set_push_expect('allocations', v_rows, (SELECT count(DISTINCT (line_id, unit)) FROM set_units));`,
    `  -- Each unit's last state: live (allocation.set) or consumed (dispatch); consumed units never change.
  -- Lines the run made: no allocation yet (one there would be a unique violation: the run goes per op).
  INSERT INTO allocations (${ALLOCATION_COLUMNS})
  ${lastUnitStates('k.made_by > 0')};
  -- Lines the hub held: every unit inserted or, still live, updated (a consumed one: a concurrent writer).
  WITH last AS MATERIALIZED (
  ${lastUnitStates('k.made_by = 0')}),
  touched AS (
    INSERT INTO allocations (${ALLOCATION_COLUMNS})
    SELECT * FROM last
    ON CONFLICT ON CONSTRAINT allocations_unit_unique DO UPDATE
      SET identifier_id = EXCLUDED.identifier_id, single_use = EXCLUDED.single_use, status = EXCLUDED.status,
          station_id = EXCLUDED.station_id, at = EXCLUDED.at
      WHERE allocations.status = 'live'
    RETURNING 1)
  SELECT (SELECT count(*) FROM touched), (SELECT count(*) FROM last) INTO v_rows, v_expected;
  PERFORM set_push_expect('allocations', v_rows, v_expected);`,
  ],
  [
    `  -- The change log, as the triggers would have written it op by op (order_payload, log_allocation,
  -- log_identifier, log_product, dispatch_payload), with the state each op left.`,
    `  -- The change log, as the triggers would have written it op by op (order_payload, log_allocation,
  -- log_identifier, log_product, dispatch_payload), with the state each op left, less the states the
  -- run itself supersedes: an order's (once, in its first place), a product's stock (the last only) and
  -- a unit's "live" when it is dispatched.`,
  ],
  [
    `    -- order.upsert: the new order (version 1, nothing dispatched); order.dispatch: the order after it.
    SELECT s.ord, CASE WHEN s.type = 'order.upsert' THEN 0 ELSE 2147483647 END AS a, 0::bigint AS b, 1 AS c,`,
    `    -- An order once per run, where it first appears (a bench creates it there, before its units come):
    -- order.upsert, the new order (version 1, nothing dispatched), unless the run dispatches it too;
    -- order.dispatch, the order after it (in its upsert's place when the run made it).
    SELECT s.first_ord AS ord, CASE WHEN s.type = 'order.dispatch' AND s.states = 1 THEN 2147483647 ELSE 0 END AS a, 0::bigint AS b, 1 AS c,`,
  ],
  [
    `             'lines', ol.lines) AS payload
      FROM set_ops s
      LEFT JOIN (`,
    `             'lines', ol.lines) AS payload
      FROM (SELECT s.ord, s.type, s.op, s.order_number, s.order_customer, s.order_version,
                   min(s.ord) OVER w AS first_ord, count(*) OVER w AS states
              FROM set_ops s WHERE s.type IN ('order.upsert', 'order.dispatch')
            WINDOW w AS (PARTITION BY s.order_number)) s
      LEFT JOIN (`,
  ],
  [
    `         GROUP BY o.ord) ol ON ol.ord = s.ord
     WHERE s.type IN ('order.upsert', 'order.dispatch')`,
    `         GROUP BY o.ord) ol ON ol.ord = s.ord
     WHERE s.type = 'order.dispatch' OR s.states = 1`,
  ],
  [
    `     WHERE u.dispatch OR u.was_identifier IS DISTINCT FROM u.identifier_id OR u.was_status IS DISTINCT FROM 'live'`,
    `     WHERE u.dispatch
        OR ((u.was_identifier IS DISTINCT FROM u.identifier_id OR u.was_status IS DISTINCT FROM 'live')
            AND (u.order_number, u.line_no, u.unit) NOT IN (SELECT d.order_number, d.line_no, d.unit FROM set_units d WHERE d.dispatch))`,
  ],
  [
    `    -- Stock: the product as each movement left it.
    SELECT m.ord, m.line_idx, 2147483647, 0,
           product_payload(p, m.stock_after)
      FROM set_moves m JOIN products p ON p.id = m.product_id
     WHERE m.stock_after <> m.stock_before`,
    `    -- Stock: the product as the run's last movement that changed it left it.
    SELECT m.ord, m.line_idx, 2147483647, 0,
           product_payload(p, m.stock_after)
      FROM (SELECT DISTINCT ON (product_id) product_id, ord, line_idx, stock_after FROM set_moves
             WHERE stock_after <> stock_before ORDER BY product_id, ord DESC, line_idx DESC) m
      JOIN products p ON p.id = m.product_id`,
  ],
];

export const supersededStatesSetPushSql = substituted('migration 0017: push_set of 0014', pushSetOf0014(), substitutions);
