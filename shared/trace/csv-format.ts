/**
 * The CSV file format of recall and dispatch-history exports (bench and hub): RFC 4180 (every field
 * quoted, CRLF between records), UTF-8 with a byte order mark so spreadsheets read non-ASCII right,
 * and every text cell passed through the formula guard (csv-safety.ts). Also the recall export's
 * formats (CSV or an Excel workbook, electron/core/trace/xlsx-writer.ts), their file names and types.
 */
import type { Options } from 'csv-stringify';
import { guardCell } from './csv-safety.js';
import { RECALL_CSV_COLUMNS, type RecallQuery } from './recall-query.js';

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
