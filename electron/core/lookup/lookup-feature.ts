import type { BenchHandlers } from '../../../shared/contract/api.js';
import { MAX_LOOKUP_ORDERS } from '../../../shared/contract/schemas.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { CoreContext } from '../context.js';

type Handlers = Pick<BenchHandlers, 'lookupIdentifier' | 'getBenchInfo'>;

/**
 * "Which order got identifier X?": every product holding the exact value, and its first
 * MAX_LOOKUP_ORDERS allocations (a lot in thousands of orders is counted past that, not all sent).
 */
export function createLookupFeature(ctx: CoreContext, schemaVersion: number): Handlers {
  const { db } = ctx;
  const matches = db.prepare<[string], {
    id: number; product_id: number; sku: string; title: string; identifier_mode: IdentifierMode; status: 'available' | 'allocated' | 'consumed'; use_by: string | null;
  }>(
    `SELECT i.id, p.id AS product_id, p.sku, p.title, p.identifier_mode, i.status, i.use_by
     FROM identifiers i JOIN products p ON p.id = i.product_id WHERE i.value = ? ORDER BY p.sku`,
  );
  const uses = db.prepare<[number, number], {
    order_id: number; order_number: string; customer: string; line_no: number; unit: number; dispatched: number; at: string; dispatched_by: string | null;
  }>(
    `SELECT o.id AS order_id, o.order_number, o.customer, l.line_no, a.unit, a.dispatch_id IS NOT NULL AS dispatched,
       coalesce(d.created_at, a.created_at) AS at, coalesce(s.name, d.station_id) AS dispatched_by
     FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     LEFT JOIN dispatches d ON d.id = a.dispatch_id LEFT JOIN stations s ON s.station_id = d.station_id
     WHERE a.identifier_id = ? ORDER BY a.id LIMIT ?`,
  );
  const useCount = db.prepare<[number], number>('SELECT count(*) FROM allocations WHERE identifier_id = ?').pluck();
  const productCount = db.prepare('SELECT count(*) FROM products').pluck();
  const awaitingCount = db.prepare(`SELECT count(*) FROM orders WHERE status = 'awaiting'`).pluck();

  return {
    lookupIdentifier: ({ value }) => {
      const exact = trimScannerInput(value);
      return {
        value: exact,
        matches: matches.all(exact).map((m) => {
          const listed = uses.all(m.id, MAX_LOOKUP_ORDERS);
          const leftOff = listed.length < MAX_LOOKUP_ORDERS ? 0 : useCount.get(m.id)! - listed.length;
          return {
            identifierId: m.id,
            productId: m.product_id,
            sku: m.sku,
            title: m.title,
            identifierMode: m.identifier_mode,
            status: m.status,
            ...(m.use_by === null ? {} : { useBy: m.use_by }),
            orders: listed.map((u) => ({
              orderId: u.order_id,
              orderNumber: u.order_number,
              customer: u.customer,
              lineNo: u.line_no,
              unit: u.unit,
              dispatched: u.dispatched === 1,
              at: u.at,
              dispatchedBy: u.dispatched_by,
            })),
            ...(leftOff > 0 ? { ordersLeftOff: leftOff } : {}),
          };
        }),
      };
    },
    getBenchInfo: () => ({
      stationId: ctx.stationId,
      stationName: ctx.stationName,
      productCount: productCount.get() as number,
      awaitingOrderCount: awaitingCount.get() as number,
      schemaVersion,
    }),
  };
}
