import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { decodeCursor, encodeCursor, START } from '../pull/cursor.js';
import { pageJson, readPage, refuseCursorAhead } from '../pull/watermark.js';
import { LOT_USE_BY_OF_UNIT } from '../trace/recall.js';
import { refuseOverSheet, sendCsv, sendXlsx } from '../trace/routes.js';
import { XLSX_MAX_ROWS } from '../../shared/trace/xlsx-writer.js';
import { exportFileName } from '../../shared/trace/csv-format.js';
import type { DispatchFeedFilter } from '../../shared/trace/hub-trace.js';
import { dayRange, type RecallRow } from '../../shared/trace/recall-query.js';

const isFiltered = (f: DispatchFeedFilter) => f.sku !== undefined || f.dispatchedFrom !== undefined || f.dispatchedTo !== undefined;

// The same commit-safe watermark as the unfiltered feed (pull/watermark.ts), with the filters on top.
// The dispatch time is the bench's clock where it is an ISO instant, else when the hub took it.
const FILTERED_SQL = `
  SELECT t.id, t.xid::text AS xid, dispatch_payload(t)::text AS json FROM dispatches t
   WHERE t.warehouse_id = $1 AND (t.xid, t.id) > ($2::xid8, $3::bigint)
     AND t.xid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
     AND ($5::text IS NULL OR t.lines @> jsonb_build_array(jsonb_build_object('sku', $5::text)))
     AND ($6::timestamptz IS NULL OR instant_or(t.at, t.created_at) >= $6)
     AND ($7::timestamptz IS NULL OR instant_or(t.at, t.created_at) < $7)
   ORDER BY t.xid, t.id LIMIT $4`;

/**
 * GET /v1/dispatches: the JSON text of a DispatchFeedResponse, dispatches with their identifiers;
 * optionally only dispatches with a line of one product (sku) and within dispatch days (from, to).
 */
export async function dispatchFeed(db: pg.Pool, principal: Principal, cursor: string | undefined, limit: number, filter: DispatchFeedFilter = {}): Promise<string> {
  if (!isFiltered(filter)) {
    const page = await readPage(db, 'dispatches', principal.warehouseId, cursor, limit);
    await touchToken(db, principal.tokenId);
    return pageJson('dispatches', page);
  }
  const from = decodeCursor(cursor);
  const { from: fromAt, to: toAt } = dayRange(filter);
  const result = await db.query<{ id: string; xid: string; json: string }>({
    name: 'hub_dispatch_feed_filtered',
    text: FILTERED_SQL,
    values: [principal.warehouseId, from.xid, from.id, limit + 1, filter.sku ?? null, fromAt, toAt],
  });
  await touchToken(db, principal.tokenId);
  const rows = result.rows.slice(0, limit);
  // As the unfiltered feed: a cursor ahead of this database is refused, not paged on forever.
  if (rows.length === 0 && from !== START) await refuseCursorAhead(db, from);
  const last = rows[rows.length - 1];
  return pageJson('dispatches', {
    items: rows.map((r) => r.json),
    cursor: encodeCursor(last ? { xid: last.xid, id: last.id } : from),
    more: result.rows.length > limit,
  });
}

/** Dispatch history rows (one per dispatched unit with an identifier), in dispatch time order. */
const HISTORY_SQL = `
  SELECT du.id::text AS id, to_char(du.dispatched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS dispatched_at,
         -- The page key as text to the microsecond: a JavaScript Date keeps milliseconds, and a key cut
         -- short sorts before its own row, so the next page started at it again (forever, on a full page).
         to_char(du.dispatched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key, du.value, du.sku, o.order_number, o.customer, du.line_no, du.unit, du.station_id,
         to_jsonb(s)->>'name' AS station_name,
         -- The CSV has a Use by column (shared with recall): a lot's date, as trace/recall.ts reads it.
         ${LOT_USE_BY_OF_UNIT} AS use_by
    FROM dispatched_units du JOIN orders o ON o.id = du.order_id
    LEFT JOIN stations s ON s.warehouse_id = du.warehouse_id AND s.station_id = du.station_id
   WHERE du.warehouse_id = $1 AND ($2::text IS NULL OR du.sku = $2)
     AND ($3::timestamptz IS NULL OR du.dispatched_at >= $3) AND ($4::timestamptz IS NULL OR du.dispatched_at < $4)
     AND (du.dispatched_at, du.id) > ($5::timestamptz, $6::bigint)
   ORDER BY du.dispatched_at, du.id LIMIT $7`;

/** How many rows the dispatch history holds (HISTORY_SQL's rows, unpaged): checked before an .xlsx download. */
const HISTORY_COUNT_SQL = `
  SELECT count(*)::int AS rows
    FROM dispatched_units du JOIN orders o ON o.id = du.order_id
   WHERE du.warehouse_id = $1 AND ($2::text IS NULL OR du.sku = $2)
     AND ($3::timestamptz IS NULL OR du.dispatched_at >= $3) AND ($4::timestamptz IS NULL OR du.dispatched_at < $4)`;

/** Rows the dispatch CSV reads per query (exported for the test that pages past one). */
export const DISPATCH_CSV_PAGE_ROWS = 5000;

async function* historyRows(db: pg.Pool, warehouseId: string, filter: DispatchFeedFilter, pageSize = DISPATCH_CSV_PAGE_ROWS): AsyncGenerator<RecallRow> {
  const { from, to } = dayRange(filter);
  let after: [string, string] = ['-infinity', '0'];
  for (;;) {
    const page = await db.query<{ id: string; dispatched_at: string; at_key: string; value: string; sku: string; order_number: string; customer: string; line_no: number; unit: number; station_id: string | null; station_name: string | null; use_by: string | null }>({
      name: 'hub_dispatch_history',
      text: HISTORY_SQL,
      values: [warehouseId, filter.sku ?? null, from, to, ...after, pageSize],
    });
    for (const r of page.rows) {
      yield {
        value: r.value, sku: r.sku, orderNumber: r.order_number, customer: r.customer, lineNo: r.line_no, unit: r.unit,
        dispatchedAt: r.dispatched_at, stationId: r.station_id ?? '', stationName: r.station_name ?? r.station_id ?? '',
        ...(r.use_by === null ? {} : { useBy: r.use_by }),
      };
    }
    const last = page.rows[page.rows.length - 1];
    if (page.rows.length < pageSize || !last) return;
    after = [last.at_key, last.id];
  }
}

/** GET /v1/dispatches.csv: the dispatch history (filters as the feed) as streamed CSV. */
export async function dispatchHistoryCsv(db: pg.Pool, principal: Principal, filter: DispatchFeedFilter, res: ServerResponse): Promise<void> {
  await touchToken(db, principal.tokenId);
  const name = exportFileName('dispatches', filter.sku ?? 'all', new Date().toISOString().slice(0, 10));
  await sendCsv(res, name, historyRows(db, principal.warehouseId, filter));
}

/** GET /v1/dispatches.xlsx: the same rows as an Excel workbook (text cells); refused (400) past a sheet's rows. */
export async function dispatchHistoryXlsx(db: pg.Pool, principal: Principal, filter: DispatchFeedFilter, res: ServerResponse, maxRows = XLSX_MAX_ROWS): Promise<void> {
  const { from, to } = dayRange(filter);
  const [count] = await Promise.all([
    db.query<{ rows: number }>({ name: 'hub_dispatch_history_count', text: HISTORY_COUNT_SQL, values: [principal.warehouseId, filter.sku ?? null, from, to] }),
    touchToken(db, principal.tokenId),
  ]);
  refuseOverSheet(count.rows[0]!.rows, maxRows, '/v1/dispatches.csv');
  const name = exportFileName('dispatches', filter.sku ?? 'all', new Date().toISOString().slice(0, 10), 'xlsx');
  await sendXlsx(res, name, 'Dispatches', historyRows(db, principal.warehouseId, filter), maxRows);
}
