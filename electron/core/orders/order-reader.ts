import type { OrderDetails, OrderSummary } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import type { Db } from '../db/open.js';

interface SummaryRow {
  id: number;
  order_number: string;
  customer: string;
  status: 'awaiting' | 'dispatched';
  created_at: string;
  line_count: number;
  units_ordered: number;
  units_remaining: number;
  tracked_remaining: number;
  missing: number;
}

/** Per-order figures; `orderIdsSql` selects the orders (and their order) to summarise. */
export function summarySql(orderIdsSql: string): string {
  return `WITH picked AS (${orderIdsSql})
  SELECT o.id, o.order_number, o.customer, o.status, o.created_at,
    count(l.id) AS line_count,
    coalesce(sum(l.quantity), 0) AS units_ordered,
    coalesce(sum(l.quantity - l.dispatched), 0) AS units_remaining,
    coalesce(sum(CASE WHEN p.identifier_mode <> 'none' THEN l.quantity - l.dispatched ELSE 0 END), 0) AS tracked_remaining,
    coalesce(sum(CASE WHEN p.identifier_mode <> 'none' THEN l.quantity - l.dispatched
      - (SELECT count(*) FROM allocations a WHERE a.line_id = l.id AND a.dispatch_id IS NULL) ELSE 0 END), 0) AS missing
  FROM picked JOIN orders o ON o.id = picked.id
  LEFT JOIN order_lines l ON l.order_id = o.id
  LEFT JOIN products p ON p.id = l.product_id
  GROUP BY o.id ORDER BY o.id`;
}

export function toSummary(row: SummaryRow): OrderSummary {
  return {
    id: row.id,
    orderNumber: row.order_number,
    customer: row.customer,
    status: row.status,
    lineCount: row.line_count,
    unitsOrdered: row.units_ordered,
    unitsRemaining: row.units_remaining,
    trackedUnitsRemaining: row.tracked_remaining,
    unitsMissingIdentifiers: row.missing,
    createdAt: row.created_at,
  };
}

/** Reads one order in full; shared by the order screen and the dispatch use case. */
export function createOrderReader(db: Db) {
  const summaryById = db.prepare<[number], SummaryRow>(summarySql('SELECT ? AS id'));
  const lines = db.prepare<[number], {
    line_id: number; line_no: number; product_id: number; sku: string; title: string;
    identifier_mode: IdentifierMode; identifier_kind: IdentifierKind; stock_level: number; quantity: number; dispatched: number;
  }>(
    `SELECT l.id AS line_id, l.line_no, p.id AS product_id, p.sku, p.title, p.identifier_mode, p.identifier_kind, p.stock_level,
       l.quantity, l.dispatched
     FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no`,
  );
  // A dispatched unit's lot date is the one it went out with (migration 16); a unit still to go, the lot's now.
  const allocations = db.prepare<[number], { line_id: number; unit: number; identifier_id: number; value: string; dispatch_id: number | null; use_by: string | null }>(
    `SELECT a.line_id, a.unit, a.identifier_id, i.value, a.dispatch_id,
       CASE WHEN a.dispatch_id IS NULL THEN i.use_by ELSE a.use_by_at_dispatch END AS use_by
     FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN identifiers i ON i.id = a.identifier_id
     WHERE l.order_id = ? ORDER BY a.line_id, a.unit`,
  );
  // The station's name where known (see sync/stations.ts), else its id.
  const dispatches = db.prepare<[number], { id: number; created_at: string; station_id: string; station_name: string }>(
    `SELECT d.id, d.created_at, d.station_id, coalesce(s.name, d.station_id) AS station_name
     FROM dispatches d LEFT JOIN stations s ON s.station_id = d.station_id WHERE d.order_id = ? ORDER BY d.id`,
  );
  // Every dispatch line of the order in one read; their identifiers come from the allocations read.
  const dispatchLines = db.prepare<[number], { dispatch_id: number; line_id: number; sku: string; quantity: number }>(
    `SELECT dl.dispatch_id, dl.line_id, p.sku, dl.quantity FROM dispatches d
     JOIN dispatch_lines dl ON dl.dispatch_id = d.id JOIN order_lines l ON l.id = dl.line_id JOIN products p ON p.id = l.product_id
     WHERE d.order_id = ? ORDER BY dl.dispatch_id, l.line_no`,
  );

  function getSummary(orderId: number): OrderSummary {
    const row = summaryById.get(orderId);
    if (!row) throw new BenchError('not_found', `No order with id ${orderId}`);
    return toSummary(row);
  }

  /**
   * One order in full: its figures as the list has them (one definition, summarySql), and every
   * dispatch's lines in one read. A "Complete Order" answers with this, inside its transaction.
   */
  function getDetails(orderId: number): OrderDetails {
    const summary = getSummary(orderId);
    const allocationsByLine = new Map<number, OrderDetails['lines'][number]['allocations']>();
    const dispatchedValues = new Map<string, { identifiers: string[]; useBy: Array<string | null> }>();
    for (const a of allocations.all(orderId)) {
      const list = allocationsByLine.get(a.line_id) ?? [];
      list.push({ unit: a.unit, identifierId: a.identifier_id, value: a.value, dispatched: a.dispatch_id !== null, useBy: a.use_by });
      allocationsByLine.set(a.line_id, list);
      if (a.dispatch_id !== null) {
        const key = `${a.dispatch_id}:${a.line_id}`;
        const values = dispatchedValues.get(key);
        if (values) {
          values.identifiers.push(a.value);
          values.useBy.push(a.use_by);
        } else dispatchedValues.set(key, { identifiers: [a.value], useBy: [a.use_by] });
      }
    }
    const linesByDispatch = new Map<number, OrderDetails['dispatches'][number]['lines']>();
    for (const dl of dispatchLines.all(orderId)) {
      const list = linesByDispatch.get(dl.dispatch_id) ?? [];
      const sent = dispatchedValues.get(`${dl.dispatch_id}:${dl.line_id}`);
      list.push({ lineId: dl.line_id, sku: dl.sku, quantity: dl.quantity, identifiers: sent?.identifiers ?? [], useBy: sent?.useBy ?? [] });
      linesByDispatch.set(dl.dispatch_id, list);
    }
    return {
      ...summary,
      lines: lines.all(orderId).map((l) => ({
        lineId: l.line_id,
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        title: l.title,
        identifierMode: l.identifier_mode,
        identifierKind: l.identifier_kind,
        stockLevel: l.stock_level,
        ordered: l.quantity,
        dispatched: l.dispatched,
        remaining: l.quantity - l.dispatched,
        allocations: allocationsByLine.get(l.line_id) ?? [],
      })),
      dispatches: dispatches.all(orderId).map((d) => ({
        dispatchId: d.id,
        at: d.created_at,
        stationId: d.station_id,
        stationName: d.station_name,
        lines: linesByDispatch.get(d.id) ?? [],
      })),
    };
  }

  return { getSummary, getDetails };
}
export type OrderReader = ReturnType<typeof createOrderReader>;
