/**
 * The CSV file format of recall and dispatch-history exports (bench and hub): RFC 4180 (every field
 * quoted, CRLF between records), UTF-8 with a byte order mark so spreadsheets read non-ASCII right,
 * and every text cell passed through the formula guard (csv-safety.ts). Also the recall export's
 * formats (CSV or an Excel workbook, xlsx-writer.ts), the workbook's columns, file names and types.
 */
import type { Options } from 'csv-stringify';
import { guardCell } from './csv-safety.js';
import { RECALL_CSV_COLUMNS, type RecallQuery, type RecallRow } from './recall-query.js';
import type { XlsxCell, XlsxColumn } from './xlsx-writer.js';

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

/** The workbook's columns: the CSV's (same headers, same order), with widths. Bench recall and hub routes alike. */
export const RECALL_XLSX_COLUMNS: readonly XlsxColumn[] = RECALL_CSV_COLUMNS.map((c) => ({ header: c.header, width: XLSX_WIDTHS[c.key] ?? 12 }));

/**
 * A row as the workbook's cells: every text a text cell, exactly as held. No formula guard: a workbook
 * cell is never a formula (see xlsx-writer.ts), so the CSV's leading apostrophe would only corrupt it.
 */
export function recallXlsxCells(row: RecallRow): XlsxCell[] {
  return RECALL_CSV_COLUMNS.map((c) => row[c.key] ?? null);
}

/** A download's file name: recall-<value or "all">-<date>.csv (or .xlsx), with only safe characters. */
export function exportFileName(kind: string, label: string, day: string, format: RecallExportFormat = 'csv'): string {
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'all';
  return `${kind}-${safe}-${day}.${format}`;
}

/**
 * A recall export's file name, one rule for the desktop's save dialog, browser mode's download and the
 * hub's: named by what was searched (value, lot, use-by dates, product), "all" for none.
 */
export function recallExportFileName(query: Pick<RecallQuery, 'value' | 'lot' | 'useByFrom' | 'useByTo' | 'sku'>, day: string, format: RecallExportFormat = 'csv'): string {
  return exportFileName('recall', query.value || query.lot || query.useByFrom || query.useByTo || query.sku || 'all', day, format);
}
