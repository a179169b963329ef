/**
 * Push speed, continued (issue 9): push_set's statements were planned afresh at every request.
 * Its scratch tables are emptied at each commit (ON COMMIT DELETE ROWS), and emptying a table that has
 * an index rebuilds the (empty) index, which updates the table's pg_class row: that invalidates every
 * cached plan naming the table, so each of push_set's ~60 statements was parsed and planned again at
 * the next request (about a tenth of the database's time per request of 1,000 ops, plus the
 * truncation). Without indexes the emptying touches no catalog row and the plans stay cached.
 * - set_push_scratch: the same scratch tables without primary keys. Nothing relied on those keys for
 *   correctness (push_set checks duplicates itself, and the rows of each table are unique by how they
 *   are made); they served lookups, which are hash joins now.
 * - push_set: unchanged but for the one statement that looked scratch rows up one at a time (an order's
 *   lines in its change-log payload, and each line's dispatched quantity): those are now one join,
 *   grouped by op. Same payloads (test/hub/set-push.property.test.ts).
 * Connections made before this migration keep their old scratch tables until they close.
 */
import { leanerSetPushSql } from './0012-push-set-leaner.js';

const scratchSql = /* sql */ `
CREATE OR REPLACE FUNCTION set_push_scratch() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.set_ops') IS NOT NULL THEN
    -- Emptied at every commit (ON COMMIT DELETE ROWS: in place, and with no index nothing else changes);
    -- this only covers a caller that used them earlier in the same transaction.
    DELETE FROM pg_temp.set_ops; DELETE FROM pg_temp.set_new_lines; DELETE FROM pg_temp.set_lines;
    DELETE FROM pg_temp.set_disp; DELETE FROM pg_temp.set_units; DELETE FROM pg_temp.set_moves;
    RETURN;
  END IF;
  -- One row per entry (ord: its position in the run).
  CREATE TEMP TABLE set_ops (ord int NOT NULL, seq bigint NOT NULL, at text, actor text, type text NOT NULL,
    op jsonb NOT NULL, order_number text COLLATE "C", uid text COLLATE "C", instant timestamptz,
    -- The order named, as the hub holds it before the run (NULL: new), and a dispatch's change-log payload.
    order_id bigint, order_customer text, order_version int, payload jsonb) ON COMMIT DELETE ROWS;
  -- Lines of the orders order.upsert creates (ord: the upsert).
  CREATE TEMP TABLE set_new_lines (ord int NOT NULL, order_number text COLLATE "C" NOT NULL, line_no int NOT NULL,
    sku text COLLATE "C" NOT NULL, quantity int NOT NULL, product_id bigint) ON COMMIT DELETE ROWS;
  -- Every order line the run names (one row per order number and line), existing (made_by 0) or
  -- created by the run's upsert made_by.
  CREATE TEMP TABLE set_lines (order_number text COLLATE "C" NOT NULL, line_no int NOT NULL, line_id bigint,
    product_id bigint NOT NULL, sku text COLLATE "C" NOT NULL, mode text NOT NULL, quantity int NOT NULL,
    dispatched int NOT NULL, made_by int NOT NULL) ON COMMIT DELETE ROWS;
  -- Lines of each order.dispatch, in the op's order (one row per ord and line_idx).
  CREATE TEMP TABLE set_disp (ord int NOT NULL, line_idx int NOT NULL, order_number text COLLATE "C" NOT NULL,
    line_no int NOT NULL, sku text COLLATE "C" NOT NULL, quantity int NOT NULL, units jsonb) ON COMMIT DELETE ROWS;
  -- Order units given an identifier: allocation.set (line_idx 0) and dispatched units (one row per ord,
  -- line_idx and unit_idx).
  CREATE TEMP TABLE set_units (ord int NOT NULL, line_idx int NOT NULL, unit_idx int NOT NULL, dispatch boolean NOT NULL,
    order_number text COLLATE "C" NOT NULL, line_no int NOT NULL, unit int NOT NULL, sku text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL, line_id bigint, product_id bigint, mode text, identifier_id bigint, identifier_status text,
    was_identifier bigint, was_status text) ON COMMIT DELETE ROWS;
  -- Stock movements in op order, with the stock before and after each (one row per ord and line_idx).
  CREATE TEMP TABLE set_moves (ord int NOT NULL, line_idx int NOT NULL, product_id bigint NOT NULL, delta bigint NOT NULL,
    instant timestamptz NOT NULL, applies boolean NOT NULL, clamp boolean NOT NULL, stock_before bigint, stock_after bigint)
    ON COMMIT DELETE ROWS;
END $$;
`;

/** 0012's order payload: a subquery per op over set_lines, and within it one per line over set_disp. */
const lookedUpLines = /* sql */ `
             'lines', (SELECT jsonb_agg(jsonb_build_object('lineNo', k.line_no, 'sku', k.sku, 'quantity', k.quantity,
                          'dispatched', CASE WHEN s.type = 'order.upsert' THEN 0
                                             ELSE k.dispatched + COALESCE((SELECT d.quantity FROM set_disp d
                                                   WHERE d.ord = s.ord AND d.line_no = k.line_no), 0) END) ORDER BY k.line_no)
                         FROM set_lines k WHERE k.order_number = s.order_number)) AS payload
      FROM set_ops s LEFT JOIN set_ops n ON n.type = 'order.upsert' AND n.order_number = s.order_number
     WHERE s.type IN ('order.upsert', 'order.dispatch')`;

/** The same payload with every op's lines from one join (set_disp has one row per ord and line_no: checked). */
const joinedLines = /* sql */ `
             'lines', ol.lines) AS payload
      FROM set_ops s LEFT JOIN set_ops n ON n.type = 'order.upsert' AND n.order_number = s.order_number
      LEFT JOIN (
        SELECT o.ord, jsonb_agg(jsonb_build_object('lineNo', k.line_no, 'sku', k.sku, 'quantity', k.quantity,
                 'dispatched', CASE WHEN o.type = 'order.upsert' THEN 0 ELSE k.dispatched + COALESCE(d.quantity, 0) END)
                 ORDER BY k.line_no) AS lines
          FROM set_ops o JOIN set_lines k ON k.order_number = o.order_number
          LEFT JOIN set_disp d ON d.ord = o.ord AND d.line_no = k.line_no
         WHERE o.type IN ('order.upsert', 'order.dispatch')
         GROUP BY o.ord) ol ON ol.ord = s.ord
     WHERE s.type IN ('order.upsert', 'order.dispatch')`;

/** 0012's push_set (migrations never change, so this text is fixed) with the order payload joined. */
function pushSetWithJoinedLines(): string {
  const start = leanerSetPushSql.indexOf('CREATE OR REPLACE FUNCTION push_set(');
  const source = leanerSetPushSql.slice(start);
  if (start < 0 || source.split(lookedUpLines).length !== 2) throw new Error('migration 0013: push_set of 0012 not as expected');
  return source.replace(lookedUpLines, joinedLines);
}

export const stablePlansSetPushSql = scratchSql + pushSetWithJoinedLines();
