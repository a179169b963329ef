/**
 * Push speed and reliability (issue 9): push_set inserted a run's new orders and, in the same statement,
 * joined the inserted rows to set_ops to give each op its order's id. The scratch tables have no
 * statistics, so both sides of that join were estimated at a row or two and it was planned as a nested
 * loop: every new order scanned the whole run again (a request of 1,000 packing ops: 200 × 1,000 rows,
 * ~27 ms of its ~70). Whether it was depended on the run a connection happened to plan on first, so a
 * push of 10,000 ops took ~0.75 s or ~1 s from one hub start to the next (a bench's trickle of live ops
 * first: always the slow plan).
 *
 * Each op of a new order now looks its order up by key once the orders are in (the unique index on
 * warehouse and order number), as push_set's other per-op lookups do (0014, 0020): linear in the run
 * whatever the estimates. Same ids and customers as the join gave (the inserted rows are what it
 * returned); answers, rows and change log are unchanged (test/hub/set-push.property.test.ts; the plan
 * is checked in test/hub/push-plans.test.ts). push_set is 0020's text with one checked substitution.
 */
import { substituted, type Substitution } from './substituted.js';
import { keyedLookupsSetPushSql } from './0020-push-set-keyed-lookups.js';

const substitutions: readonly Substitution[] = [
  [
    `  WITH made AS (
    INSERT INTO orders (warehouse_id, order_number, customer, version)
    SELECT p_wh, s.order_number, s.op->>'customer',
           CASE WHEN s.order_number IN (SELECT d.order_number FROM set_ops d WHERE d.type = 'order.dispatch') THEN 2 ELSE 1 END
      FROM set_ops s
     WHERE s.type = 'order.upsert' ORDER BY s.ord
    RETURNING id, order_number, customer)
  -- order_customer of an order new to the hub: as created (the change log's payload reads it).
  UPDATE set_ops s SET order_id = made.id, order_customer = made.customer FROM made
   WHERE s.order_number = made.order_number AND s.type IN ('order.upsert', 'order.dispatch');`,
    `  INSERT INTO orders (warehouse_id, order_number, customer, version)
  SELECT p_wh, s.order_number, s.op->>'customer',
         CASE WHEN s.order_number IN (SELECT d.order_number FROM set_ops d WHERE d.type = 'order.dispatch') THEN 2 ELSE 1 END
    FROM set_ops s
   WHERE s.type = 'order.upsert' ORDER BY s.ord;
  -- order_id and order_customer of an order new to the hub: as created (the change log's payload reads
  -- it), looked up by key per op. Only ops of orders new to the hub lack an order_id here.
  UPDATE set_ops s SET (order_id, order_customer) =
      (SELECT o.id, o.customer FROM orders o WHERE o.warehouse_id = p_wh AND o.order_number = s.order_number)
   WHERE s.order_id IS NULL AND s.type IN ('order.upsert', 'order.dispatch');`,
  ],
];

export const newOrdersByKeySetPushSql = substituted('migration 0021: push_set of 0020', keyedLookupsSetPushSql, substitutions);
