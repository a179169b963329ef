/**
 * GET /v1/trace: recall search over the whole warehouse's dispatched units (dispatched_units, kept by a
 * trigger on dispatches). Keyset paging on (value, row id): a page's cursor names the last row, so
 * paging never repeats or skips a row whatever is dispatched meanwhile.
 */
import type pg from 'pg';
import { badRequest } from '../http/errors.js';
import { dayRange, decodeCursor, encodeCursor, recallKind, valueRange, type RecallPage, type RecallQuery, type RecallRow } from '../../shared/trace/recall-query.js';

interface Row {
  id: string;
  value: string;
  sku: string;
  order_number: string;
  customer: string;
  line_no: number;
  unit: number;
  dispatched_at: string;
  station_id: string | null;
  station_name: string | null;
  use_by: string | null;
}

// to_jsonb(s)->>'name': the station's name where the hub keeps names, else its id.
const FROM = `
  FROM dispatched_units du JOIN orders o ON o.id = du.order_id
  LEFT JOIN stations s ON s.warehouse_id = du.warehouse_id AND s.station_id = du.station_id`;
const BY_VALUE = `${FROM}
  WHERE du.warehouse_id = $1 AND du.value >= $2 AND du.value < $3`;
// Issue 12: a use-by date range also finds lots whose use-by date falls in it ($7 is 'use_by').
const BY_USE_BY = `${FROM}
  WHERE du.warehouse_id = $1
    AND EXISTS (SELECT 1 FROM products up LEFT JOIN identifiers li ON up.identifier_kind = 'lot' AND li.product_id = up.id AND li.value = du.value
         WHERE up.warehouse_id = du.warehouse_id AND up.sku = du.sku
           AND ((up.identifier_kind = 'use_by' AND du.value >= $2 AND du.value < $3)
             OR (up.identifier_kind = 'lot' AND to_char(li.use_by, 'YYYY-MM-DD') COLLATE "C" >= $2 AND to_char(li.use_by, 'YYYY-MM-DD') COLLATE "C" < $3)))`;
// $4: a SKU prefix in any case (skuPrefixRange's rule): lower() of COLLATE "C" text folds ASCII letters
// only, as the bench's NOCASE does. $8: a SKU exactly as stored (skuMatch 'exact'), case-sensitive.
// dispatched_units has no SKU index: the value or dispatch-time index leads and the SKU filters.
const FILTERS = `
    AND ($4::text IS NULL OR starts_with(lower(du.sku), lower($4::text COLLATE "C")))
    AND ($8::text IS NULL OR du.sku = $8::text)
    AND ($5::timestamptz IS NULL OR du.dispatched_at >= $5)
    AND ($6::timestamptz IS NULL OR du.dispatched_at < $6)
    AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM products p
         WHERE p.warehouse_id = du.warehouse_id AND p.sku = du.sku
           AND (p.identifier_kind = $7 OR ($7 = 'use_by' AND p.identifier_kind = 'lot'))))`;

/**
 * The use-by date of a dispatched unit `du` of a lot product (YYYY-MM-DD, or null): the Use by column
 * of the recall and of the order system's dispatch CSV (hub/orders/feed.ts) alike.
 */
export const LOT_USE_BY_OF_UNIT = `(SELECT to_char(li.use_by, 'YYYY-MM-DD') FROM products up JOIN identifiers li ON li.product_id = up.id AND li.value = du.value
           WHERE up.warehouse_id = du.warehouse_id AND up.sku = du.sku AND up.identifier_kind = 'lot')`;

const pageSql = (fromWhere: string) => `
  SELECT du.id::text AS id, du.value, du.sku, o.order_number, o.customer, du.line_no, du.unit,
         to_char(du.dispatched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS dispatched_at,
         du.station_id, to_jsonb(s)->>'name' AS station_name,
         ${LOT_USE_BY_OF_UNIT} AS use_by
  ${fromWhere} ${FILTERS} AND (du.value, du.id) > ($9::text COLLATE "C", $10::bigint)
  ORDER BY du.value, du.id LIMIT $11`;

const countsSql = (fromWhere: string) => `
  SELECT count(*)::int AS units, count(DISTINCT du.order_id)::int AS orders, count(DISTINCT o.customer)::int AS customers,
         count(DISTINCT du.station_id)::int AS benches
  ${fromWhere} ${FILTERS}`;

const STATEMENTS = {
  value: { page: { name: 'hub_recall_page', text: pageSql(BY_VALUE) }, counts: { name: 'hub_recall_counts', text: countsSql(BY_VALUE) } },
  useBy: { page: { name: 'hub_recall_page_use_by', text: pageSql(BY_USE_BY) }, counts: { name: 'hub_recall_counts_use_by', text: countsSql(BY_USE_BY) } },
};
const statementsOf = (query: RecallQuery) => (recallKind(query) === 'use_by' ? STATEMENTS.useBy : STATEMENTS.value);

function filters(warehouseId: string, query: RecallQuery): unknown[] {
  const { lo, hi } = valueRange(query);
  const { from, to } = dayRange(query);
  const sku = query.sku ?? null;
  const exact = query.skuMatch === 'exact';
  return [warehouseId, lo, hi, exact ? null : sku, from, to, recallKind(query), exact ? sku : null];
}

const toRow = (r: Row): RecallRow => ({
  value: r.value,
  sku: r.sku,
  orderNumber: r.order_number,
  customer: r.customer,
  lineNo: r.line_no,
  unit: r.unit,
  dispatchedAt: r.dispatched_at,
  stationId: r.station_id ?? '',
  stationName: r.station_name ?? r.station_id ?? '',
  ...(r.use_by === null ? {} : { useBy: r.use_by }),
});

/**
 * Where the page starts: after the cursor's row, or at the first row of the value range. The keyset
 * start doubles as the index scan's starting point, so without a cursor it must be the range's low end
 * (a start of ('', 0) made PostgreSQL walk the index from the warehouse's first value: 250 ms instead of
 * a few ms for a prefix over 1,000,000 units).
 */
function after(cursor: string | undefined, query: RecallQuery): [string, string] {
  // A use-by range also finds lots, whose values lie anywhere: from the first value.
  if (cursor === undefined) return [recallKind(query) === 'use_by' ? '' : valueRange(query).lo, '0'];
  const at = decodeCursor(cursor, query);
  if (at === 'not ours') throw badRequest('cursor: not one this hub gave out; start the search again without one');
  if (at === 'another search') throw badRequest('cursor: given out for another search; pass each cursor back with the search that gave it, or start this search again without one');
  return [at.value, at.rowId];
}

export async function recallPage(db: pg.Pool, warehouseId: string, query: RecallQuery, cursor: string | undefined, limit: number): Promise<RecallPage> {
  const base = filters(warehouseId, query);
  const sql = statementsOf(query);
  const [rows, counts] = await Promise.all([
    db.query<Row>({ ...sql.page, values: [...base, ...after(cursor, query), limit + 1] }),
    db.query<RecallPage['counts']>({ ...sql.counts, values: base }),
  ]);
  const shown = rows.rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    counts: counts.rows[0]!,
    rows: shown.map(toRow),
    nextCursor: rows.rows.length > limit && last ? encodeCursor(query, last.value, last.id) : null,
  };
}

/** How many rows the whole result holds (checked before an .xlsx download: a sheet holds so many). */
export async function recallCount(db: pg.Pool, warehouseId: string, query: RecallQuery): Promise<number> {
  const counts = await db.query<RecallPage['counts']>({ ...statementsOf(query).counts, values: filters(warehouseId, query) });
  return counts.rows[0]!.units;
}

/** Every matching row in order, fetched a page at a time (for a streamed export). */
export async function* recallRows(db: pg.Pool, warehouseId: string, query: RecallQuery, pageSize = 5000): AsyncGenerator<RecallRow> {
  const base = filters(warehouseId, query);
  const sql = statementsOf(query);
  let at = after(undefined, query);
  for (;;) {
    const page = await db.query<Row>({ ...sql.page, values: [...base, ...at, pageSize] });
    for (const r of page.rows) yield toRow(r);
    const last = page.rows[page.rows.length - 1];
    if (page.rows.length < pageSize || !last) return;
    at = [last.value, last.id];
  }
}
