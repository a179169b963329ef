/**
 * Recall search at the bench, over its own knowledge (offline): dispatched allocations whose identifier
 * value falls in the query's range, optionally one product and a dispatch date range. Keyset paging on
 * (value, allocation id); the identifiers_value index serves the value range.
 */
import { BenchError } from '../../../shared/contract/result.js';
import { dayRange, decodeCursor, encodeCursor, recallKind, valueRange, type RecallPage, type RecallQuery, type RecallRow } from '../../../shared/trace/recall-query.js';
import type { CoreContext } from '../context.js';
import { stationNameOf } from '../history/history-feature.js';

interface Params {
  lo: string;
  hi: string;
  sku: string | null;
  from: string | null;
  to: string | null;
  kind: 'lot' | 'use_by' | null;
}

interface Row {
  allocation_id: number;
  value: string;
  sku: string;
  order_number: string;
  customer: string;
  line_no: number;
  unit: number;
  dispatched_at: string;
  station_id: string;
  known_name: string | null;
  use_by: string | null;
}

const JOINS = `
  FROM identifiers i
  JOIN allocations a ON a.identifier_id = i.id AND a.dispatch_id IS NOT NULL
  JOIN dispatches d ON d.id = a.dispatch_id
  JOIN order_lines l ON l.id = a.line_id
  JOIN orders o ON o.id = l.order_id
  JOIN products p ON p.id = i.product_id`;
const FILTERS = `
    AND (@sku IS NULL OR p.sku = @sku)
    AND (@from IS NULL OR d.created_at >= @from)
    AND (@to IS NULL OR d.created_at < @to)
    AND (@kind IS NULL OR p.identifier_kind = @kind OR (@kind = 'use_by' AND p.identifier_kind = 'lot'))`;
/** By value (or lot): the identifiers_value index serves the value range. */
const BY_VALUE = `${JOINS} WHERE i.value >= @lo AND i.value < @hi ${FILTERS}`;
/** By use-by date range (issue 12): use-by values in the range, and lots whose use-by date is in it. */
const BY_USE_BY = `${JOINS} WHERE ((p.identifier_kind = 'use_by' AND i.value >= @lo AND i.value < @hi)
    OR (p.identifier_kind = 'lot' AND i.use_by >= @lo AND i.use_by < @hi)) ${FILTERS}`;

export function createRecallSearch(ctx: CoreContext) {
  const { db } = ctx;
  const pageOf = (fromWhere: string) => db.prepare<[Params & { afterValue: string; afterId: number; limit: number }], Row>(
    `SELECT a.id AS allocation_id, i.value, p.sku, o.order_number, o.customer, l.line_no, a.unit,
            d.created_at AS dispatched_at, d.station_id, (SELECT name FROM stations s WHERE s.station_id = d.station_id) AS known_name,
            i.use_by
     ${fromWhere} AND (i.value, a.id) > (@afterValue, @afterId)
     ORDER BY i.value, a.id LIMIT @limit`,
  );
  const countsOf = (fromWhere: string) => db.prepare<[Params], { units: number; orders: number; customers: number; benches: number }>(
    `SELECT count(*) AS units, count(DISTINCT o.id) AS orders, count(DISTINCT o.customer) AS customers,
            count(DISTINCT d.station_id) AS benches ${fromWhere}`,
  );
  const byValue = { page: pageOf(BY_VALUE), counts: countsOf(BY_VALUE) };
  const byUseBy = { page: pageOf(BY_USE_BY), counts: countsOf(BY_USE_BY) };
  const statements = (p: Params) => (p.kind === 'use_by' ? byUseBy : byValue);

  function params(query: RecallQuery): Params {
    const { lo, hi } = valueRange(query);
    const { from, to } = dayRange(query);
    return { lo, hi, sku: query.sku ?? null, from, to, kind: recallKind(query) };
  }

  const toRow = (r: Row): RecallRow => ({
    value: r.value,
    sku: r.sku,
    orderNumber: r.order_number,
    customer: r.customer,
    lineNo: r.line_no,
    unit: r.unit,
    dispatchedAt: r.dispatched_at,
    stationId: r.station_id,
    stationName: stationNameOf(ctx, r.station_id, '', r.known_name),
    ...(r.use_by === null ? {} : { useBy: r.use_by }),
  });

  function after(cursor: string | undefined): { afterValue: string; afterId: number } {
    if (cursor === undefined) return { afterValue: '', afterId: 0 };
    const at = decodeCursor(cursor);
    if (!at) throw new BenchError('validation', 'The recall page cursor is not one this bench gave out; start the search again.');
    return { afterValue: at.value, afterId: Number(at.rowId) };
  }

  return {
    page(query: RecallQuery, cursor: string | undefined, limit: number): RecallPage {
      const p = params(query);
      const { page, counts } = statements(p);
      return db.transaction((): RecallPage => {
        const rows = page.all({ ...p, ...after(cursor), limit: limit + 1 });
        const shown = rows.slice(0, limit);
        const last = shown[shown.length - 1];
        return {
          counts: counts.get(p)!,
          rows: shown.map(toRow),
          nextCursor: rows.length > limit && last ? encodeCursor(last.value, last.allocation_id) : null,
        };
      })();
    },
    /** Every matching row in order, a page at a time (for a streamed export). */
    *rows(query: RecallQuery, pageSize = 1000): Generator<RecallRow> {
      const p = params(query);
      const { page } = statements(p);
      let at = { afterValue: '', afterId: 0 };
      for (;;) {
        const rows = page.all({ ...p, ...at, limit: pageSize });
        for (const r of rows) yield toRow(r);
        const last = rows[rows.length - 1];
        if (rows.length < pageSize || !last) return;
        at = { afterValue: last.value, afterId: last.allocation_id };
      }
    },
  };
}
export type RecallSearch = ReturnType<typeof createRecallSearch>;
