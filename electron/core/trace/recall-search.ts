/**
 * Recall search at the bench, over its own knowledge (offline): dispatched allocations whose identifier
 * value falls in the query's range, optionally products by the start of their SKU in any case
 * (skuPrefixRange), or one product by its exact SKU (skuMatch 'exact'), and a dispatch date range. Keyset
 * paging on (value, allocation id); the identifiers_value index serves the value range,
 * products_sku_nocase (migration 15) the SKU prefix, the SKU's own unique index (BINARY) the exact SKU.
 */
import { BenchError } from '../../../shared/contract/result.js';
import {
  dayRange,
  decodeCursor,
  encodeCursor,
  recallKind,
  skuPrefixRange,
  valueRange,
  type RecallPage,
  type RecallQuery,
  type RecallRow,
} from '../../../shared/trace/recall-query.js';
import type { CoreContext } from '../context.js';
import { stationNameOf } from '../history/history-feature.js';

export interface RecallParams {
  lo: string;
  hi: string;
  /** The SKU prefix range, compared ignoring ASCII case; null for any product or an exact SKU. */
  skuLo: string | null;
  skuHi: string | null;
  /** One product's SKU exactly as stored (case-sensitive); null for any product or a SKU prefix. */
  sku: string | null;
  from: string | null;
  to: string | null;
  kind: 'lot' | 'use_by' | null;
}
type PageParams = RecallParams & { afterValue: string; afterId: number; limit: number };

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
    AND (@from IS NULL OR d.created_at >= @from)
    AND (@to IS NULL OR d.created_at < @to)
    AND (@kind IS NULL OR p.identifier_kind = @kind OR (@kind = 'use_by' AND p.identifier_kind = 'lot'))`;
/**
 * Products whose SKU starts with the prefix in any case: a range under NOCASE, which the
 * products_sku_nocase index serves. An "@sku IS NULL OR …" term would keep every index from it, so a
 * search without a product runs a statement without the term.
 */
const BY_SKU = `
    AND p.sku >= @skuLo COLLATE NOCASE AND p.sku < @skuHi COLLATE NOCASE`;
/** One product by its SKU as stored: the products table's unique SKU index (BINARY) finds it. */
const BY_EXACT_SKU = `
    AND p.sku = @sku`;
/**
 * By value (or lot): the identifiers_value index serves the value range. A search by product alone (no
 * value: the range is every value) leaves the range out, so the SKU index can lead.
 */
const byValue = (sku: string, anyValue: boolean) => `${JOINS} WHERE ${anyValue ? '1' : 'i.value >= @lo AND i.value < @hi'} ${FILTERS}${sku}`;
/** By use-by date range (issue 12): use-by values in the range, and lots whose use-by date is in it. */
const byUseBy = (sku: string) => `${JOINS} WHERE ((p.identifier_kind = 'use_by' AND i.value >= @lo AND i.value < @hi)
    OR (p.identifier_kind = 'lot' AND i.use_by >= @lo AND i.use_by < @hi)) ${FILTERS}${sku}`;

const pageSql = (fromWhere: string) => `
  SELECT a.id AS allocation_id, i.value, p.sku, o.order_number, o.customer, l.line_no, a.unit,
         d.created_at AS dispatched_at, d.station_id, (SELECT name FROM stations s WHERE s.station_id = d.station_id) AS known_name,
         i.use_by
  ${fromWhere} AND (i.value, a.id) > (@afterValue, @afterId)
  ORDER BY i.value, a.id LIMIT @limit`;
const countsSql = (fromWhere: string) => `
  SELECT count(*) AS units, count(DISTINCT o.id) AS orders, count(DISTINCT o.customer) AS customers,
         count(DISTINCT d.station_id) AS benches ${fromWhere}`;

/** The FROM … WHERE a query runs: by value or by use-by dates, with or without the SKU prefix. */
function fromWhereOf(p: Pick<RecallParams, 'kind' | 'skuLo' | 'sku' | 'lo' | 'hi'>): string {
  const sku = p.sku !== null ? BY_EXACT_SKU : p.skuLo === null ? '' : BY_SKU;
  if (p.kind === 'use_by') return byUseBy(sku);
  const every = valueRange({ match: 'prefix', value: '' });
  return byValue(sku, sku !== '' && p.lo === every.lo && p.hi === every.hi);
}

/** A query's parameters as its statements take them. */
export function recallParams(query: RecallQuery): RecallParams {
  const { lo, hi } = valueRange(query);
  const { from, to } = dayRange(query);
  const exact = query.skuMatch === 'exact' ? (query.sku ?? null) : null;
  const prefix = query.sku === undefined || exact !== null ? null : skuPrefixRange(query.sku);
  return { lo, hi, skuLo: prefix?.lo ?? null, skuHi: prefix?.hi ?? null, sku: exact, from, to, kind: recallKind(query) };
}

/** A query's first page statement and parameters (for its query plan). */
export function recallPageStatement(query: RecallQuery, limit = 200): { sql: string; params: PageParams } {
  const params = recallParams(query);
  return { sql: pageSql(fromWhereOf(params)), params: { ...params, afterValue: '', afterId: 0, limit } };
}

export function createRecallSearch(ctx: CoreContext) {
  const { db } = ctx;
  const pageOf = (fromWhere: string) => db.prepare<[PageParams], Row>(pageSql(fromWhere));
  const countsOf = (fromWhere: string) => db.prepare<[RecallParams], { units: number; orders: number; customers: number; benches: number }>(countsSql(fromWhere));
  // Prepared on first use, one pair per statement shape.
  const prepared = new Map<string, { page: ReturnType<typeof pageOf>; counts: ReturnType<typeof countsOf> }>();
  const statements = (p: RecallParams) => {
    const fromWhere = fromWhereOf(p);
    let found = prepared.get(fromWhere);
    if (!found) {
      found = { page: pageOf(fromWhere), counts: countsOf(fromWhere) };
      prepared.set(fromWhere, found);
    }
    return found;
  };
  const params = recallParams;

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

  function after(query: RecallQuery, cursor: string | undefined): { afterValue: string; afterId: number } {
    if (cursor === undefined) return { afterValue: '', afterId: 0 };
    const at = decodeCursor(cursor, query);
    if (at === 'not ours') throw new BenchError('validation', 'The recall page cursor is not one this bench gave out; start the search again.');
    if (at === 'another search') throw new BenchError('validation', 'The recall page cursor was given out for another search; start this search again.');
    return { afterValue: at.value, afterId: Number(at.rowId) };
  }

  return {
    page(query: RecallQuery, cursor: string | undefined, limit: number): RecallPage {
      const p = params(query);
      const { page, counts } = statements(p);
      return db.transaction((): RecallPage => {
        const rows = page.all({ ...p, ...after(query, cursor), limit: limit + 1 });
        const shown = rows.slice(0, limit);
        const last = shown[shown.length - 1];
        return {
          counts: counts.get(p)!,
          rows: shown.map(toRow),
          nextCursor: rows.length > limit && last ? encodeCursor(query, last.value, last.allocation_id) : null,
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
