/**
 * The CSV file format of recall and dispatch-history exports (bench and hub): RFC 4180 (every field
 * quoted, CRLF between records), UTF-8 with a byte order mark so spreadsheets read non-ASCII right,
 * and every text cell passed through the formula guard (csv-safety.ts).
 */
import type { Options } from 'csv-stringify';
import { guardCell } from './csv-safety.js';
import { RECALL_CSV_COLUMNS } from './recall-query.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

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

/** A download's file name: recall-<value or "all">-<date>.csv, with only safe characters. */
export function exportFileName(kind: string, label: string, day: string): string {
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'all';
  return `${kind}-${safe}-${day}.csv`;
}
