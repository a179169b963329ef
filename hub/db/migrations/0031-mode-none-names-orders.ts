/**
 * An order system's product.upsert to identifier mode none, refused while allocations await dispatch
 * (0026), said only "on orders awaiting dispatch; clear them": the manager then had to search every
 * open order for them. It now names the orders as a bench's refusal does (products-feature): the first
 * few by number, then how many more ("on 4 orders awaiting dispatch (SO-1, SO-2, SO-3 and 1 more)").
 * intake_op is 0026's text with only that refusal changed.
 */
import { ORDERS_NAMED_IN_REFUSAL } from '../../../shared/domain/counted.js';
import { stockCountAnswersSql } from './0026-stock-count-answers.js';
import { substituted } from './substituted.js';

const start = stockCountAnswersSql.indexOf('CREATE OR REPLACE FUNCTION intake_op(');
const intakeOpOf0026 = stockCountAnswersSql.slice(start, stockCountAnswersSql.indexOf('END $$;', start) + 'END $$;'.length);

export const modeNoneNamesOrdersSql = /* sql */ `
${substituted('intake_op of 0026', intakeOpOf0026, [
  ['  v_live bigint;\n', '  v_live bigint;\n  v_orders text;\n  v_order_count bigint;\n'],
  [
    `        RETURN jsonb_build_object('status', 'rejected', 'reason', format(
          'SKU %s has %s on orders awaiting dispatch; clear them before turning identifiers off', v_held.sku,
          CASE WHEN v_live = 1 THEN '1 identifier allocation' ELSE v_live || ' identifier allocations' END));`,
    `        SELECT count(*), string_agg(held.order_number, ', ' ORDER BY held.order_number) FILTER (WHERE held.n <= ${ORDERS_NAMED_IN_REFUSAL})
          INTO v_order_count, v_orders
          FROM (SELECT o.order_number, row_number() OVER (ORDER BY o.order_number) AS n
                  FROM allocations a JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id
                 WHERE a.product_id = v_held.id AND a.status = 'live'
                 GROUP BY o.id, o.order_number) AS held;
        IF v_order_count > ${ORDERS_NAMED_IN_REFUSAL} THEN
          v_orders := v_orders || ' and ' || (v_order_count - ${ORDERS_NAMED_IN_REFUSAL}) || ' more';
        END IF;
        RETURN jsonb_build_object('status', 'rejected', 'reason', format(
          'SKU %s has %s on %s awaiting dispatch (%s); clear %s before turning identifiers off', v_held.sku,
          CASE WHEN v_live = 1 THEN '1 identifier allocation' ELSE v_live || ' identifier allocations' END,
          CASE WHEN v_order_count = 1 THEN 'an order' ELSE v_order_count || ' orders' END,
          v_orders, CASE WHEN v_live = 1 THEN 'it' ELSE 'them' END));`,
  ],
])}
`;
