/** Reads the three CSV files the bench imports (header row, UTF-8, RFC 4180 quoting). */
import { parse } from 'csv-parse/sync';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { SPEC_CSV_COLUMNS } from './identifier-spec-columns.js';

export const CSV_COLUMNS = {
  products: ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'],
  identifiers: ['sku', 'identifier'],
  orders: ['order_number', 'customer', 'sku', 'quantity'],
} as const;
export type CsvKind = keyof typeof CSV_COLUMNS;
/** Columns a file may add to its kind's (issue 12: a product's identifier kind and format). */
export const OPTIONAL_CSV_COLUMNS: Record<CsvKind, readonly string[]> = { products: SPEC_CSV_COLUMNS, identifiers: [], orders: [] };

export interface CsvRow {
  /** The 1-based line in the file where the record starts, for messages. */
  line: number;
  fields: Record<string, string>;
}

export interface ParsedCsv {
  name: string;
  kind: CsvKind;
  rows: CsvRow[];
}

/** Recognises the file by its header row; a header that fits none is an error naming the file. */
export function parseCsvFile(name: string, content: string): ParsedCsv {
  // Text that arrived as a string (the bench API) may hold a broken character the parser would quietly
  // turn into U+FFFD; a file read from disk never does. Refuse it, naming the line.
  const broken = /\p{Cs}/u.exec(content);
  if (broken) {
    const line = content.slice(0, broken.index).split('\n').length;
    throw new BenchError('validation', `${name} has a broken character.`, [
      issueAt(name, line, 'The text contains a broken character (a lone UTF-16 surrogate); save the file as UTF-8 and import it again.'),
    ]);
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const reason = error instanceof Error ? error.message.replace(/^Invalid Record Length: /, '') : String(error);
    throw new BenchError('validation', `${name} is not valid CSV.`, [{ where: line ? `${name} line ${line}` : name, message: reason }]);
  }
  const header = records[0];
  if (!header) throw new BenchError('validation', `${name} is empty.`, [{ where: name, message: 'The file has no header row.' }]);
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const kind = (Object.keys(CSV_COLUMNS) as CsvKind[]).find((k) => sameColumns(CSV_COLUMNS[k], OPTIONAL_CSV_COLUMNS[k], columns));
  if (!kind) {
    const expected = Object.values(CSV_COLUMNS).map((cols) => cols.join(',')).join(' | ');
    throw new BenchError('validation', `${name} has an unknown header.`, [
      { where: `${name} line 1`, message: `The header "${header.record.join(',')}" is none of: ${expected}.` },
    ]);
  }
  const rows = records.slice(1).map(({ record, info }) => {
    const fields: Record<string, string> = {};
    columns.forEach((column, i) => (fields[column] = (record[i] ?? '').trim()));
    // info.lines is the line where the record ends; a quoted field may span lines, so count back.
    const spanned = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - spanned, fields };
  });
  return { name, kind, rows };
}

function sameColumns(expected: readonly string[], optional: readonly string[], actual: string[]): boolean {
  return (
    new Set(actual).size === actual.length &&
    expected.every((c) => actual.includes(c)) &&
    actual.every((c) => expected.includes(c) || optional.includes(c))
  );
}

export function issueAt(file: string, line: number, message: string): Issue {
  return { where: `${file} line ${line}`, message };
}
