/**
 * The CSV file format of recall and dispatch-history exports (bench and hub): RFC 4180 (every field
 * quoted, CRLF between records), UTF-8 with a byte order mark so spreadsheets read non-ASCII right,
 * and every text cell passed through the formula guard (csv-safety.ts). Also the recall export's
 * formats (CSV or an Excel workbook, xlsx-writer.ts), the workbook's columns, file names and types.
 */
import type { Options } from 'csv-stringify';
import { guardCell } from './csv-safety.js';
import { RECALL_CSV_COLUMNS, type RecallQuery, type RecallRow } from './recall-query.js';
import type { XlsxCell, XlsxColumn, XlsxDate } from './xlsx-writer.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a recall export is written as: CSV, or an Excel workbook (.xlsx) whose text cells stay text. */
export const RECALL_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type RecallExportFormat = (typeof RECALL_EXPORT_FORMATS)[number];

export function exportContentType(format: RecallExportFormat): string {
  return format === 'xlsx' ? XLSX_CONTENT_TYPE : CSV_CONTENT_TYPE;
}

export function recallCsvOptions(): Options {
  return {
    bom: true,
    header: true,
    columns: RECALL_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
    cast: { string: (value) => guardCell(value) },
  };
}

/** Column widths in the workbook, in characters: an IMEI or a timestamp shows whole. */
const XLSX_WIDTHS: Partial<Record<keyof RecallRow, number>> = {
  value: 24,
  sku: 14,
  orderNumber: 14,
  customer: 24,
  lineNo: 6,
  unit: 6,
  dispatchedAt: 26,
  stationName: 18,
  stationId: 14,
  useBy: 12,
};

/**
 * The workbook's date columns and how each shows. A date cell holds no zone (the CSV's text ends in
 * "Z"), so the dispatch time's header says UTC, as the Recall screen does.
 */
const XLSX_DATES: Partial<Record<keyof RecallRow, { show: XlsxDate['show']; header?: string }>> = {
  dispatchedAt: { show: 'time', header: 'Dispatched at (UTC)' },
  useBy: { show: 'day' },
};

/** The workbook's columns: the CSV's (same order; a date's zone named), with widths. Bench recall and hub routes alike. */
export const RECALL_XLSX_COLUMNS: readonly XlsxColumn[] = RECALL_CSV_COLUMNS.map((c) => ({ header: XLSX_DATES[c.key]?.header ?? c.header, width: XLSX_WIDTHS[c.key] ?? 12 }));

/**
 * A row as the workbook's cells: every text a text cell, exactly as held; dates date cells, which Excel
 * sorts and filters as dates (as text, its date filters passed them by). No formula guard: a workbook
 * cell is never a formula (see xlsx-writer.ts), so the CSV's leading apostrophe would only corrupt it.
 */
export function recallXlsxCells(row: RecallRow): XlsxCell[] {
  return RECALL_CSV_COLUMNS.map((c) => {
    const value = row[c.key];
    const date = XLSX_DATES[c.key];
    if (value === undefined || value === '') return null;
    return date && typeof value === 'string' ? { date: value, show: date.show } : value;
  });
}

/** A download's file name: recall-<value or "all">-<date>.csv (or .xlsx), with only safe characters. */
export function exportFileName(kind: string, label: string, day: string, format: RecallExportFormat = 'csv'): string {
  return `${kind}-${safeFileLabel(label, 60)}-${day}.${format}`;
}

/**
 * A label's characters a file name holds on every system, at most `max` of them: letters, digits and
 * marks of any script (a lot or customer spelled "Zoë" or "東京" keeps its name), dots, dashes and
 * underscores; anything else (slashes, colons, spaces, quotes) becomes "_". Composed first, so one
 * spelling names one file; cut by characters, never inside one.
 */
function safeFileLabel(label: string, max: number): string {
  const safe = label.normalize('NFC').replace(/[^\p{L}\p{N}\p{M}._-]+/gu, '_');
  return Array.from(safe).slice(0, max).join('') || 'all';
}

/**
 * The Content-Disposition of a download named `fileName` (RFC 6266): an ASCII stand-in as `filename`
 * for clients that read only that (a header holds no other characters), the exact name as `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/gu, '_');
  if (ascii === fileName) return `attachment; filename="${fileName}"`;
  // RFC 5987's attr-char leaves out ' ( ) *, which encodeURIComponent keeps.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A date range's words in a file name: "2026-03-01-to-2026-03-07", "from-2026-03-01", "to-2026-03-07". */
function rangeLabel(from: string | undefined, to: string | undefined): string | null {
  if (from && to) return `${from}-to-${to}`;
  if (from) return `from-${from}`;
  return to ? `to-${to}` : null;
}

/** The calendar day (YYYY-MM-DD) of `at` where the export is made: the day the user sees on their clock, not UTC's. */
export function localDay(at: Date): string {
  return `${String(at.getFullYear()).padStart(4, '0')}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * A recall export's file name, one rule for the desktop's save dialog, browser mode's download and the
 * hub's: named by every part of what was searched (value, lot, use-by dates, product, dispatch dates),
 * "all" for none. A dispatch week exported was "recall-all-…", and the same value searched in two
 * products got one name (the second export replacing the first).
 */
export function recallExportFileName(
  query: Pick<RecallQuery, 'value' | 'lot' | 'useByFrom' | 'useByTo' | 'sku' | 'dispatchedFrom' | 'dispatchedTo'>,
  day: string,
  format: RecallExportFormat = 'csv',
): string {
  const useBy = rangeLabel(query.useByFrom, query.useByTo);
  const dispatched = rangeLabel(query.dispatchedFrom, query.dispatchedTo);
  const parts = [
    query.value ? safeFileLabel(query.value, 60) : null,
    query.lot ? `lot-${safeFileLabel(query.lot, 60)}` : null,
    useBy ? `use-by-${useBy}` : null,
    query.sku ? safeFileLabel(query.sku, 40) : null,
    dispatched ? `dispatched-${dispatched}` : null,
  ].filter((part) => part !== null);
  return `recall-${parts.join('-') || 'all'}-${day}.${format}`;
}
