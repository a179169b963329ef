/**
 * Push reliability (issue 9): push_set's plans are generic and cached per connection, made at its first
 * call. On a hub whose tables were analyzed nearly empty (a fresh hub: 0 orders, 0 allocations) the
 * planner believes each table holds one row, and sequential scans are as cheap as any lookup: the
 * LATERAL order lookup of each op, `id = ANY (ARRAY(...))` (0018) and the per-unit single-use check all
 * became sequential scans of orders, allocations, identifiers and products, kept for the connection's
 * life as those tables grew (a push of 10 requests of 1,000 ops: 7–9 s instead of ~2).
 * - push_set runs with enable_seqscan off: a table it reads through a usable index is read through it,
 *   whatever the statistics. Its scratch tables have no index; since PostgreSQL 18 a disabled scan is
 *   counted per plan (disabled nodes), not priced, so their plans among themselves are as before.
 * - With sequential scans off, a join to a table believed tiny became a nested loop over a whole index
 *   (no key; a filter per row). The lookups that were joins (an existing line's order and product, the
 *   products locked by SKU, a movement's product) are now per-row keyed lookups (LATERAL … LIMIT 1, or a
 *   scalar subquery), which only an index condition serves.
 * Answers, rows and change log are unchanged (test/hub/set-push.property.test.ts); the plans are checked
 * on a hub analyzed empty in test/hub/push-plans.test.ts. push_set is 0018's text with checked
 * substitutions.
 */
import { substituted, type Substitution } from './substituted.js';
import { productsByIndexSetPushSql } from './0018-push-set-products-by-index.js';

const substitutions: readonly Substitution[] = [
  [`  SET plan_cache_mode = force_generic_plan AS $$`, `  SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $$`],
  [
    `    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
   WHERE l.order_id`,
    `    FROM order_lines l
    CROSS JOIN LATERAL (SELECT o.order_number FROM orders o WHERE o.id = l.order_id LIMIT 1) o
    CROSS JOIN LATERAL (SELECT p.sku, p.identifier_mode FROM products p WHERE p.id = l.product_id LIMIT 1) p
   WHERE l.order_id`,
  ],
  [
    `  PERFORM 1 FROM products WHERE warehouse_id = p_wh AND sku = ANY (ARRAY(
      SELECT op->>'sku' FROM set_ops WHERE type = 'stock.delta'
      UNION SELECT l->>'sku' FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') l WHERE s.type = 'order.dispatch'))
   ORDER BY id FOR UPDATE;`,
    `  PERFORM 1 FROM products WHERE id = ANY (ARRAY(
      SELECT (SELECT p.id FROM products p WHERE p.warehouse_id = p_wh AND p.sku = x.sku) FROM (
        SELECT op->>'sku' AS sku FROM set_ops WHERE type = 'stock.delta'
        UNION SELECT l->>'sku' FROM set_ops s CROSS JOIN jsonb_array_elements(s.op->'lines') l WHERE s.type = 'order.dispatch') x))
   ORDER BY id FOR UPDATE;`,
  ],
  [
    `            JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no) m
    JOIN products p ON p.id = m.product_id;`,
    `            JOIN set_lines k ON k.order_number = d.order_number AND k.line_no = d.line_no) m
    CROSS JOIN LATERAL (SELECT p.counted_at FROM products p WHERE p.id = m.product_id LIMIT 1) p;`,
  ],
];

export const keyedLookupsSetPushSql = substituted('migration 0020: push_set of 0018', productsByIndexSetPushSql, substitutions);
