import type pg from 'pg';
import type { Principal } from '../auth/authenticate.js';
import { describeDataException, isDataException } from '../db/data-errors.js';
import { isRetryable } from '../db/pool.js';
import { itemInWords, wholeNamed } from '../../shared/sync/issue-words.js';
import { describeZodError, orderInputSchema, type OrderResult, type OrdersResponse } from '../../shared/sync/protocol.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import { meantSkuWords } from './meant-sku.js';

/** The order number to report for an order that failed validation (shown as text, whatever it was). */
function claimedNumber(raw: unknown): string {
  const value = (raw as { orderNumber?: unknown } | null)?.orderNumber;
  return typeof value === 'string' ? value.slice(0, 100) : '';
}

/**
 * POST /v1/orders: each order checked on its own with the shared schema (a bad one is "rejected" with
 * the reason, the others go ahead), then in its own transaction through the same SQL as a bench's
 * order.upsert. Idempotent by order number: the same order again is "unchanged"; a changed one is
 * amended as far as its allocations and dispatches allow, otherwise "rejected" with the reason. An order
 * dispatched in full is closed (migration 0029): the same order again is "unchanged", any change "rejected".
 */
export async function intakeOrders(db: pg.Pool, principal: Principal, orders: unknown[]): Promise<OrdersResponse> {
  const results: OrderResult[] = [];
  // The SKU meant after an "unknown SKU" refusal, looked up once per unknown SKU of the request.
  const withMeantSku = meantSkuWords(db, principal.warehouseId);
  for (const [i, raw] of orders.entries()) {
    const parsed = orderInputSchema.safeParse(raw, { error: wholeNamed(itemInWords('orders', i)) });
    if (!parsed.success) {
      results.push({ orderNumber: claimedNumber(raw), status: 'rejected', reason: `orders.${i}: ${describeZodError(parsed.error, '')}` });
      continue;
    }
    const order = parsed.data;
    const op: SyncOp = { type: 'order.upsert', ...order };
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await db.query<{ r: { status: OrderResult['status']; reason?: string } }>({
          name: 'hub_intake_order',
          text: 'SELECT intake_order($1, $2) AS r',
          values: [principal.warehouseId, op],
        });
        const r = answer.rows[0]!.r;
        // "unknown SKU a-1" (order_upsert's words) with the SKU probably meant: a manager need not hunt for it.
        if (r.reason !== undefined) r.reason = await withMeantSku(r.reason, order.lines.map((l) => l.sku));
        // A reason from the database names its order as a schema rejection does.
        results.push({ orderNumber: order.orderNumber, ...r, ...(r.reason === undefined ? {} : { reason: `orders.${i}: ${r.reason}` }) });
        break;
      } catch (err) {
        // A value PostgreSQL cannot take (e.g. a NUL character) fails this order alone.
        if (isDataException(err)) {
          results.push({ orderNumber: order.orderNumber, status: 'rejected', reason: `orders.${i}: ${describeDataException(err)}` });
          break;
        }
        if (!isRetryable(err) || attempt >= 5) throw err;
      }
    }
  }
  return { results };
}
