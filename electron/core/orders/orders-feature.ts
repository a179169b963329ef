import type { BenchHandlers, ResultOf } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import type { CoreContext } from '../context.js';
import { likeContains, likePrefix } from '../identifier-input.js';
import { summarySql, toSummary, type OrderReader } from './order-reader.js';

type Handlers = Pick<BenchHandlers, 'listAwaitingOrders' | 'listAwaitingOrderIds' | 'findOrderByNumber' | 'getOrder' | 'getDispatchedUnits'>;

// Order numbers and customer names match anywhere (a customer quotes "1002" for SO-1002; the customer
// match reads every awaiting order already, so the number's costs nothing more); SKUs from the start.
// The SKU match is an uncorrelated IN: SQLite computes the (few) matching orders once, through the
// product index, instead of probing every awaiting order's lines.
const AWAITING_MATCHING = `SELECT o.id FROM orders o WHERE o.status = 'awaiting' AND (
    :term = '' OR o.order_number LIKE :contains ESCAPE '\\' OR o.customer LIKE :contains ESCAPE '\\'
    OR o.id IN (SELECT l.order_id FROM order_lines l
                WHERE l.product_id IN (SELECT p.id FROM products p WHERE p.sku LIKE :prefix ESCAPE '\\')))`;

type DispatchedUnitsRow = { order_id: number; status: 'awaiting' | 'dispatched' | null; line_id: number | null; dispatched: number | null };

/**
 * One statement over the ids asked about (as one JSON text, each id once): a row per order with no
 * line dispatched (line_id null) or per line with units dispatched, and a row with no status for an
 * unknown id. Lines come through order_lines' (order_id, line_no) index, one probe per order.
 */
const DISPATCHED_UNITS = `SELECT j.value AS order_id, o.status, l.id AS line_id, l.dispatched
  FROM (SELECT DISTINCT value FROM json_each(:orderIds)) j
  LEFT JOIN orders o ON o.id = j.value
  LEFT JOIN order_lines l ON l.order_id = o.id AND l.dispatched > 0
  ORDER BY j.value, l.line_no`;

export function createOrdersFeature(ctx: CoreContext, orders: OrderReader): Handlers {
  const { db } = ctx;
  const page = db.prepare(summarySql(`${AWAITING_MATCHING} ORDER BY o.id LIMIT :limit OFFSET :offset`));
  const total = db.prepare(`SELECT count(*) AS n FROM (${AWAITING_MATCHING})`);
  const ids = db.prepare(`${AWAITING_MATCHING} ORDER BY o.id`).pluck();
  // As one JSON text: a selection may hold more ids than SQLite takes as parameters.
  const idsAmong = db.prepare(`${AWAITING_MATCHING} AND o.id IN (SELECT value FROM json_each(:among)) ORDER BY o.id`).pluck();
  const dispatchedUnits = db.prepare<{ orderIds: string }, DispatchedUnitsRow>(DISPATCHED_UNITS);
  const byNumber = db.prepare<[string], { id: number }>('SELECT id FROM orders WHERE order_number = ?');
  // Order numbers are unique only as typed (BINARY), so "SO-1" and "so-1" may both exist. NOCASE folds
  // ASCII as the search's LIKE does. Not indexed: it runs only when the exact lookup missed.
  const byNumberIgnoringCase = db.prepare<[string], { id: number; order_number: string }>(
    'SELECT id, order_number FROM orders WHERE order_number = ? COLLATE NOCASE ORDER BY order_number',
  );

  const searchParams = (query: string) => {
    const term = query.trim();
    return { term, prefix: likePrefix(term), contains: likeContains(term) };
  };

  return {
    listAwaitingOrders: ({ query, offset, limit }) => {
      const params = searchParams(query);
      const read = db.transaction(() => ({
        total: (total.get(params) as { n: number }).n,
        items: (page.all({ ...params, limit, offset }) as Parameters<typeof toSummary>[0][]).map(toSummary),
      }));
      return read();
    },
    listAwaitingOrderIds: ({ query, among }) => ({
      ids: (among ? idsAmong.all({ ...searchParams(query), among: JSON.stringify(among) }) : ids.all(searchParams(query))) as number[],
    }),
    findOrderByNumber: ({ orderNumber, ignoreCase = false }) => {
      const number = orderNumber.trim();
      const row = byNumber.get(number);
      if (row || !ignoreCase) return { order: row ? orders.getSummary(row.id) : null, caseVariants: [] };
      const rows = byNumberIgnoringCase.all(number);
      // Several differ only in case: choosing one would be a guess.
      if (rows.length === 1) return { order: orders.getSummary(rows[0]!.id), caseVariants: [] };
      return { order: null, caseVariants: rows.map((r) => r.order_number) };
    },
    getOrder: ({ orderId }) => orders.getDetails(orderId),
    getDispatchedUnits: ({ orderIds }) => {
      const answer: ResultOf<'getDispatchedUnits'>['orders'] = [];
      for (const row of dispatchedUnits.all({ orderIds: JSON.stringify(orderIds) })) {
        if (row.status === null) throw new BenchError('not_found', `No order with id ${row.order_id}`);
        if (row.line_id === null || row.dispatched === null) {
          // Dispatched with no line dispatched: the hub took away every line it had, none sent (apply-pull).
          if (row.status === 'dispatched') answer.push({ orderId: row.order_id, status: row.status, lines: [] });
          continue;
        }
        const last = answer[answer.length - 1];
        const line = { lineId: row.line_id, dispatched: row.dispatched };
        if (last?.orderId === row.order_id) last.lines.push(line);
        else answer.push({ orderId: row.order_id, status: row.status, lines: [line] });
      }
      return { orders: answer };
    },
  };
}
