/**
 * Push speed, continued (issue 9): push_set read every product of the warehouse four times per run.
 * Its plans are generic and its scratch tables look large to the planner (hundreds of rows, unknown),
 * so wherever a statement joined them to products it hashed the whole products table: with 20,000
 * products, four sequential scans of 20,000 rows per request (the new lines' identifier modes, the
 * stock walk, the stock update and the change log's product payload: ~60 ms of a request of 1,000 ops
 * with auto_explain), growing with the catalogue rather than the batch. Each now reads only the products
 * the run names, by primary key (`id = ANY (ARRAY(...))`, planned as an index scan), or per line.
 * Answers, rows and change log are unchanged (test/hub/set-push.property.test.ts); the plans are checked
 * in test/hub/push-plans.test.ts. push_set is 0017's text with checked substitutions.
 */
import { substituted, type Substitution } from './substituted.js';
import { supersededStatesSetPushSql } from './0017-push-set-superseded-states.js';

/** The products the run moves stock of, by primary key. */
const MOVED_PRODUCTS = `(SELECT * FROM products WHERE id = ANY (ARRAY(SELECT DISTINCT product_id FROM set_moves)))`;

const substitutions: readonly Substitution[] = [
  // A new line's identifier mode: its product looked up by key (product_id was found by SKU above).
  [
    `  SELECT n.order_number, n.line_no, NULL, n.product_id, n.sku, p.identifier_mode, n.quantity, 0, n.ord
    FROM set_new_lines n JOIN products p ON p.id = n.product_id;`,
    `  SELECT n.order_number, n.line_no, NULL, n.product_id, n.sku,
         (SELECT p.identifier_mode FROM products p WHERE p.id = n.product_id), n.quantity, 0, n.ord
    FROM set_new_lines n;`,
  ],
  [
    `                  FROM set_moves m JOIN products p ON p.id = m.product_id ORDER BY m.product_id, m.ord, m.line_idx LOOP`,
    `                  FROM set_moves m JOIN ${MOVED_PRODUCTS} p ON p.id = m.product_id
                 ORDER BY m.product_id, m.ord, m.line_idx LOOP`,
  ],
  [
    `   WHERE p.id = m.product_id AND p.stock_level <> m.stock_after;`,
    `   WHERE p.id = m.product_id AND p.stock_level <> m.stock_after
     AND p.id = ANY (ARRAY(SELECT DISTINCT product_id FROM set_moves));`,
  ],
  [
    `             WHERE stock_after <> stock_before ORDER BY product_id, ord DESC, line_idx DESC) m
      JOIN products p ON p.id = m.product_id`,
    `             WHERE stock_after <> stock_before ORDER BY product_id, ord DESC, line_idx DESC) m
      JOIN ${MOVED_PRODUCTS} p ON p.id = m.product_id`,
  ],
];

export const productsByIndexSetPushSql = substituted('migration 0018: push_set of 0017', supersededStatesSetPushSql, substitutions);
