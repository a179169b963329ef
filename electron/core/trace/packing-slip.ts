/**
 * A packing slip's content: what left in the parcel. Each line with the quantity dispatched so far and
 * the identifiers of its dispatched units (each with its lot's use-by date as it was when the unit went
 * out: a lot re-dated later leaves a past slip as it was), the warehouse (the hub's
 * name, when synced) and this bench. Asked for one dispatch (the parcel just packed), only what that
 * dispatch sent: after a partial dispatch, the units that left before are in another parcel.
 * A multiple-use value many units of a line share (a use-by date on 500 yoghurts) is listed once with
 * its count, in the order the units first took it: 500 identical lines told the customer nothing more.
 */
import type { BenchHandlers } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import type { CoreContext } from '../context.js';

type Handlers = Pick<BenchHandlers, 'getPackingSlip' | 'printSlip'>;
type SentIdentifier = { value: string; use_by: string | null; units: number };

export function createPackingSlipFeature(ctx: CoreContext): Handlers {
  const { db } = ctx;
  const orderRow = db.prepare<[number], { order_number: string; customer: string }>('SELECT order_number, customer FROM orders WHERE id = ?');
  // The whole-order slip lists the units of every parcel: it gives the first and the last dispatch's times.
  const orderDispatches = db.prepare<[number], { first: string | null; last: string | null; count: number }>(
    'SELECT min(created_at) AS first, max(created_at) AS last, count(*) AS count FROM dispatches WHERE order_id = ?',
  );
  const lines = db.prepare<[number], { id: number; line_no: number; sku: string; title: string; dispatched: number; identifier_kind: IdentifierKind }>(
    `SELECT l.id, l.line_no, p.sku, p.title, l.dispatched, p.identifier_kind FROM order_lines l JOIN products p ON p.id = l.product_id
      WHERE l.order_id = ? ORDER BY l.line_no`,
  );
  // One row per identifier and its date then (a lot re-dated between parcels is two), with how many units took it.
  const identifiers = db.prepare<[number], SentIdentifier>(
    `SELECT i.value, a.use_by_at_dispatch AS use_by, count(*) AS units FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
      WHERE a.line_id = ? AND a.dispatch_id IS NOT NULL GROUP BY a.identifier_id, a.use_by_at_dispatch ORDER BY min(a.unit)`,
  );
  const dispatchRow = db.prepare<[number, number], { created_at: string }>('SELECT created_at FROM dispatches WHERE id = ? AND order_id = ?');
  const dispatchLines = db.prepare<[number], { id: number; line_no: number; sku: string; title: string; quantity: number; identifier_kind: IdentifierKind }>(
    `SELECT l.id, l.line_no, p.sku, p.title, dl.quantity, p.identifier_kind FROM dispatch_lines dl
       JOIN order_lines l ON l.id = dl.line_id JOIN products p ON p.id = l.product_id
      WHERE dl.dispatch_id = ? AND dl.quantity > 0 ORDER BY l.line_no`,
  );
  const dispatchIdentifiers = db.prepare<[number, number], SentIdentifier>(
    `SELECT i.value, a.use_by_at_dispatch AS use_by, count(*) AS units FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
      WHERE a.line_id = ? AND a.dispatch_id = ? GROUP BY a.identifier_id, a.use_by_at_dispatch ORDER BY min(a.unit)`,
  );
  const warehouse = db.prepare<[], { hub_warehouse: string | null }>('SELECT hub_warehouse FROM sync_state WHERE id = 1');

  return {
    // No shell here to print (browser mode): the page prints with the browser's own print.
    printSlip: () => Promise.resolve({ outcome: 'print_in_browser' as const }),
    getPackingSlip: ({ orderId, dispatchId }) =>
      db.transaction(() => {
        const order = orderRow.get(orderId);
        if (!order) throw new BenchError('not_found', `Order ${orderId} does not exist.`);
        const oneDispatch = dispatchId === undefined ? null : dispatchRow.get(dispatchId, orderId);
        if (dispatchId !== undefined && !oneDispatch) throw new BenchError('not_found', `Dispatch ${dispatchId} is not one of order ${order.order_number}'s.`);
        const slipLines = (
          dispatchId === undefined
            ? lines.all(orderId).filter((l) => l.dispatched > 0).map((l) => ({ ...l, quantity: l.dispatched, sent: identifiers.all(l.id) }))
            : dispatchLines.all(dispatchId).map((l) => ({ ...l, sent: dispatchIdentifiers.all(l.id, dispatchId) }))
        ).map((l) => ({
          lineNo: l.line_no,
          sku: l.sku,
          title: l.title,
          quantity: l.quantity,
          identifierKind: l.identifier_kind,
          identifiers: l.sent.map((r) => r.value),
          // A customer or a recall needs a lot's date, the one it had when it went out; the slip prints it.
          useBy: l.sent.map((r) => r.use_by),
          counts: l.sent.map((r) => r.units),
        }));
        if (slipLines.length === 0) throw new BenchError('validation', `Order ${order.order_number} has nothing dispatched yet; complete it first.`);
        const dispatched = oneDispatch
          ? { first: oneDispatch.created_at, last: oneDispatch.created_at, count: 1 }
          : (orderDispatches.get(orderId) ?? { first: null, last: null, count: 0 });
        return {
          warehouse: warehouse.get()?.hub_warehouse ?? null,
          benchName: ctx.stationName,
          orderNumber: order.order_number,
          customer: order.customer,
          firstDispatchedAt: dispatched.first,
          dispatchedAt: dispatched.last,
          dispatchCount: dispatched.count,
          lines: slipLines,
          totalUnits: slipLines.reduce((n, l) => n + l.quantity, 0),
        };
      })(),
  };
}
