/**
 * The hub's trace endpoints, for the order system (integration token) and benches (bench token):
 *   GET /v1/history?value=&sku=&from=           an identifier's steps across the warehouse: each
 *       product's latest, or those from the step `from` (its earlier steps)
 *   GET /v1/trace?match=&value=&sku=&skuMatch=&from=&to=&cursor=&limit=   recall search, paged
 *       (or lot=L, or useByFrom=&useByTo= YYYY-MM-DD: by lot or use-by date range, issue 12)
 *   GET /v1/trace.csv?(same, no cursor/limit)   the whole recall result as CSV, streamed
 *   GET /v1/trace.xlsx?(same as .csv)           the same as an Excel workbook (text cells), streamed;
 *       a result larger than a sheet is refused before anything is sent
 */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type pg from 'pg';
import { z } from 'zod';
import { touchToken, type Principal } from '../auth/authenticate.js';
import { badRequest } from '../http/errors.js';
import { CSV_CONTENT_TYPE, RECALL_XLSX_COLUMNS, attachmentDisposition, XLSX_CONTENT_TYPE, recallCsvOptions, recallExportFileName, recallXlsxCells } from '../../shared/trace/csv-format.js';
import { hubHistoryQuerySchema, hubTraceQuerySchema, RECALL_DAY_PARAMS, traceParams } from '../../shared/trace/hub-trace.js';
import type { RecallRow } from '../../shared/trace/recall-query.js';
import { describeZodError } from '../../shared/sync/protocol.js';
import { identifierHistory } from './history.js';
import { recallCount, recallPage, recallRows } from './recall.js';
import { XLSX_MAX_ROWS, xlsxWorkbookFrom } from '../../shared/trace/xlsx-writer.js';

/**
 * The query parameters each route takes (each once; the server refuses any other, see checkQuery): a
 * recall search (traceParams), its CSV and .xlsx (the whole result: no page), a history search.
 */
export const TRACE_CSV_PARAMS = ['match', 'value', 'sku', 'skuMatch', 'from', 'to', 'lot', 'useByFrom', 'useByTo'] as const;
export const TRACE_PARAMS = [...TRACE_CSV_PARAMS, 'cursor', 'limit'] as const;
export const HISTORY_PARAMS = ['value', 'sku', 'from'] as const;


function parseTrace(url: URL) {
  const parsed = hubTraceQuerySchema.safeParse(traceParams(url.searchParams));
  if (!parsed.success) throw badRequest(describeZodError(new z.ZodError(parsed.error.issues.map(asQueryParameter))));
  return parsed.data;
}

/** A problem with the recall query, named by the query parameter that was sent ("from", not "query.dispatchedFrom"). */
function asQueryParameter(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.path[0] !== 'query' || issue.path.length < 2) return issue;
  const field = String(issue.path[1]);
  return { ...issue, path: [(RECALL_DAY_PARAMS as Record<string, string>)[field] ?? field, ...issue.path.slice(2)] };
}

export async function historyReply(db: pg.Pool, who: Principal, url: URL) {
  const get = (param: (typeof HISTORY_PARAMS)[number]) => url.searchParams.get(param) ?? undefined;
  const parsed = hubHistoryQuerySchema.safeParse({ value: get('value'), sku: get('sku'), from: get('from') });
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  const { value, sku, from } = parsed.data;
  // The token's use is recorded alongside the read, not after it: one round trip less per request.
  const [answer] = await Promise.all([identifierHistory(db, who.warehouseId, value, sku, from), touchToken(db, who.tokenId)]);
  return answer;
}

export async function traceReply(db: pg.Pool, who: Principal, url: URL) {
  const { query, cursor, limit } = parseTrace(url);
  const [page] = await Promise.all([recallPage(db, who.warehouseId, query, cursor, limit), touchToken(db, who.tokenId)]);
  return page;
}

/** Streams rows as a CSV download; the headers go out once the first rows are ready. */
export async function sendCsv(res: ServerResponse, fileName: string, rows: AsyncIterable<RecallRow>): Promise<void> {
  res.writeHead(200, { 'content-type': CSV_CONTENT_TYPE, 'content-disposition': attachmentDisposition(fileName) });
  await pipeline(Readable.from(rows), stringify(recallCsvOptions()), res);
}

export async function traceCsv(db: pg.Pool, who: Principal, url: URL, res: ServerResponse): Promise<void> {
  const { query } = parseTrace(url);
  await touchToken(db, who.tokenId);
  const name = recallExportFileName(query, new Date().toISOString().slice(0, 10));
  await sendCsv(res, name, recallRows(db, who.warehouseId, query));
}

/**
 * Refuses (400, before anything is sent) a result of `rows` rows that an Excel sheet of `maxRows` rows
 * (header included) cannot hold: the workbook would stop short. The CSV twin has no such limit.
 */
export function refuseOverSheet(rows: number, maxRows: number, csvPath: string): void {
  if (rows + 1 <= maxRows) return;
  throw badRequest(
    `this result has ${rows.toLocaleString('en-US')} rows: more than an Excel sheet holds (${(maxRows - 1).toLocaleString('en-US')} rows below its header); nothing was sent. Download ${csvPath} with the same parameters instead, or narrow the search`,
  );
}

/** The rows as a workbook's text cells, no formula guard (a workbook cell is never a formula). */
async function* xlsxCells(rows: AsyncIterable<RecallRow>) {
  for await (const row of rows) yield recallXlsxCells(row);
}

/**
 * Streams rows as an .xlsx download (count them first: refuseOverSheet). A row past `maxRows` (units
 * dispatched since the count) stops the workbook midway: the connection is cut, never a short sheet.
 */
export async function sendXlsx(res: ServerResponse, fileName: string, sheetName: string, rows: AsyncIterable<RecallRow>, maxRows: number): Promise<void> {
  res.writeHead(200, { 'content-type': XLSX_CONTENT_TYPE, 'content-disposition': attachmentDisposition(fileName) });
  await pipeline(Readable.from(xlsxWorkbookFrom(RECALL_XLSX_COLUMNS, xlsxCells(rows), { sheetName, maxRows })), res);
}

export async function traceXlsx(db: pg.Pool, who: Principal, url: URL, res: ServerResponse, maxRows = XLSX_MAX_ROWS): Promise<void> {
  const { query } = parseTrace(url);
  const [rows] = await Promise.all([recallCount(db, who.warehouseId, query), touchToken(db, who.tokenId)]);
  refuseOverSheet(rows, maxRows, '/v1/trace.csv');
  const name = recallExportFileName(query, new Date().toISOString().slice(0, 10), 'xlsx');
  await sendXlsx(res, name, 'Recall', recallRows(db, who.warehouseId, query), maxRows);
}
