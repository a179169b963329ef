import type { BenchHandlers } from '../../../shared/contract/api.js';
import type { CoreContext } from '../context.js';
import { likeContains, likePrefix } from '../identifier-input.js';
import { summarySql, toSummary, type OrderReader } from './order-reader.js';

type Handlers = Pick<BenchHandlers, 'listAwaitingOrders' | 'listAwaitingOrderIds' | 'findOrderByNumber' | 'getOrder'>;

// Order number and SKU match from the start (scanned or typed codes); customer names match anywhere.
// The SKU match is an uncorrelated IN: SQLite computes the (few) matching orders once, through the
// product index, instead of probing every awaiting order's lines.
const AWAITING_MATCHING = `SELECT o.id FROM orders o WHERE o.status = 'awaiting' AND (
    :term = '' OR o.order_number LIKE :prefix ESCAPE '\\' OR o.customer LIKE :contains ESCAPE '\\'
    OR o.id IN (SELECT l.order_id FROM order_lines l
                WHERE l.product_id IN (SELECT p.id FROM products p WHERE p.sku LIKE :prefix ESCAPE '\\')))`;

export function createOrdersFeature(ctx: CoreContext, orders: OrderReader): Handlers {
  const { db } = ctx;
  const page = db.prepare(summarySql(`${AWAITING_MATCHING} ORDER BY o.id LIMIT :limit OFFSET :offset`));
  const total = db.prepare(`SELECT count(*) AS n FROM (${AWAITING_MATCHING})`);
  const ids = db.prepare(`${AWAITING_MATCHING} ORDER BY o.id`).pluck();
  const byNumber = db.prepare<[string], { id: number }>('SELECT id FROM orders WHERE order_number = ?');

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
    listAwaitingOrderIds: ({ query }) => ({ ids: ids.all(searchParams(query)) as number[] }),
    findOrderByNumber: ({ orderNumber }) => {
      const row = byNumber.get(orderNumber.trim());
      return { order: row ? orders.getSummary(row.id) : null };
    },
    getOrder: ({ orderId }) => orders.getDetails(orderId),
  };
}
