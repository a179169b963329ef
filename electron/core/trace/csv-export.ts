/**
 * Streams recall rows as CSV (shared/trace/csv-format.ts) or as an Excel workbook (shared/trace/xlsx-writer.ts) into
 * any writable: a file the packer chose, or an HTTP download. Rows come a page at a time from SQLite,
 * so a million rows never sit in memory.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { BenchError } from '../../../shared/contract/result.js';
import { RECALL_XLSX_COLUMNS, recallCsvOptions, recallXlsxCells, type RecallExportFormat } from '../../../shared/trace/csv-format.js';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import { systemErrorCode } from '../system-error.js';
import type { RecallSearch } from './recall-search.js';
import { XLSX_MAX_ROWS, xlsxWorkbook, XlsxTooManyRowsError, type XlsxCell } from '../../../shared/trace/xlsx-writer.js';

export interface RecallExportOptions {
  /** Rows an Excel sheet holds, the header included (XLSX_MAX_ROWS; lower in tests). */
  xlsxMaxRows?: number;
}

/**
 * Refuses, before anything is written, a result larger than an Excel sheet: the workbook would stop
 * short of the rows the recall found. CSV has no such limit.
 */
export function checkXlsxRows(search: RecallSearch, query: RecallQuery, options: RecallExportOptions = {}): void {
  const maxRows = options.xlsxMaxRows ?? XLSX_MAX_ROWS;
  const rows = search.page(query, undefined, 1).counts.units;
  if (rows + 1 > maxRows) {
    throw new BenchError(
      'conflict',
      `This recall found ${rows.toLocaleString('en-US')} units: more than an Excel sheet holds (${(maxRows - 1).toLocaleString('en-US')} rows below its header). Nothing was exported; use Export CSV for it, or narrow the search.`,
    );
  }
}

/** The recall's rows as a workbook's cells: every text a text cell (no formula guard: see shared/trace/xlsx-writer.ts). */
function* xlsxRows(search: RecallSearch, query: RecallQuery): Generator<XlsxCell[]> {
  for (const row of search.rows(query)) yield recallXlsxCells(row);
}

/** The export's bytes as a stream, rows read as it is consumed (check the row count first for xlsx: checkXlsxRows). */
export function recallExportStream(search: RecallSearch, query: RecallQuery, format: RecallExportFormat = 'csv', options: RecallExportOptions = {}): Readable {
  if (format === 'xlsx') return Readable.from(xlsxWorkbook(RECALL_XLSX_COLUMNS, xlsxRows(search, query), { sheetName: 'Recall', maxRows: options.xlsxMaxRows ?? XLSX_MAX_ROWS }));
  return Readable.from(search.rows(query)).pipe(stringify(recallCsvOptions()));
}

export function recallCsvStream(search: RecallSearch, query: RecallQuery): Readable {
  return recallExportStream(search, query, 'csv');
}

export function writeRecallCsv(search: RecallSearch, query: RecallQuery, to: Writable | string): Promise<void> {
  return writeRecallExport(search, query, to, 'csv');
}

export async function writeRecallExport(
  search: RecallSearch,
  query: RecallQuery,
  to: Writable | string,
  format: RecallExportFormat = 'csv',
  options: RecallExportOptions = {},
): Promise<void> {
  if (format === 'xlsx') checkXlsxRows(search, query, options);
  const source = () => recallExportStream(search, query, format, options);
  if (typeof to !== 'string') return pipeline(source(), to);
  // Written beside the chosen file, then put in its place: a file that cannot be replaced (open in
  // Excel on Windows) or a write that fails midway leaves the one already there as it was.
  const partial = join(dirname(to), `.${basename(to)}.${randomBytes(4).toString('hex')}.part`);
  try {
    await pipeline(source(), createWriteStream(partial));
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { force: true });
    // Rows dispatched since the count (checkXlsxRows) took the result past the sheet's limit.
    if (error instanceof XlsxTooManyRowsError) throw new BenchError('conflict', `${error.message} Nothing was saved; use Export CSV for it, or narrow the search.`);
    const code = systemErrorCode(error);
    if (code === 'ENOSPC') throw new BenchError('disk_full', `Could not save ${basename(to)}: the disk is full; the file there was left as it was.`);
    if (code) {
      throw new BenchError('conflict', `Could not save ${basename(to)} (${code}): it may be open in another program (close it there) or the folder may not take new files; the file there was left as it was.`);
    }
    throw error;
  }
}
