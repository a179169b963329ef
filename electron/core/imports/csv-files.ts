/**
 * The three CSV files the bench imports (header row, UTF-8, RFC 4180 quoting): which kind a header
 * names, the parser options, and where a record starts, shared by the streaming and the in-memory reader.
 */
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { withThousands } from '../../../shared/domain/counted.js';
import { quoted } from './quoted.js';
import { systemErrorCode } from '../system-error.js';
import { SPEC_CSV_COLUMNS } from './identifier-spec-columns.js';

export const CSV_COLUMNS = {
  products: ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'],
  identifiers: ['sku', 'identifier'],
  orders: ['order_number', 'customer', 'sku', 'quantity'],
} as const;
export type CsvKind = keyof typeof CSV_COLUMNS;
/** Columns a file may add to its kind's (issue 12: a product's identifier kind and format). */
export const OPTIONAL_CSV_COLUMNS: Record<CsvKind, readonly string[]> = { products: SPEC_CSV_COLUMNS, identifiers: ['use_by'], orders: [] };

/** One record as csv-parse gives it, with the 1-based line where it starts (for messages). */
export interface CsvRecord {
  line: number;
  record: string[];
}

/**
 * Empty lines, rows of empty fields and ragged rows come through as records (LineTracker skips the
 * first two, the import reports the last per line): csv-parse's own line info costs more than the parse itself on large files.
 */
/**
 * The longest line a bench file can need is a few thousand characters (a product row with its title
 * and format); a line past this is the wrong file (no line breaks, or not comma-separated), refused
 * before it is held whole.
 */
export const MAX_CSV_LINE_CHARS = 100_000;
/** Any line ending, even mixed in one file (a CRLF header over LF rows, as files pasted together have). */
export const CSV_RECORD_DELIMITERS = ['\r\n', '\n', '\r'];
export const CSV_PARSE_OPTIONS = {
  bom: true,
  skip_empty_lines: false,
  relax_column_count: true,
  max_record_size: MAX_CSV_LINE_CHARS,
  record_delimiter: CSV_RECORD_DELIMITERS,
} as const;

/** Follows the line each record starts on: one line per record, plus the line breaks inside quoted fields. */
export class LineTracker {
  private nextLine = 1;

  /** Where the next record starts: for a quote never closed, the line it opened on. */
  get upcomingLine(): number {
    return this.nextLine;
  }

  /** The record with its start line, or null for an empty line or a row of empty fields only. */
  next(record: string[]): CsvRecord | null {
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(record);
    return allEmpty(record) ? null : { line, record };
  }
}

/**
 * An empty line, or a row of separators only (",,,,": Excel saves rows it once formatted after the
 * data): it carries nothing, so it is skipped, not refused for its empty key. Fields are trimmed when
 * read (recordFields), so blanks count as empty. Stops at the first filled field: one check per row.
 */
function allEmpty(record: string[]): boolean {
  for (const field of record) if (field !== '' && field.trim() !== '') return false;
  return true;
}

/**
 * Line breaks inside a record's quoted fields as the parser ends lines (CSV_RECORD_DELIMITERS): CRLF, LF
 * or a CR alone, one each. Only LF was counted, so in a Mac file (CR alone, Excel for Mac's "CSV
 * (Macintosh)") every row after a quoted line break was named a line too early, unlike the UTF-8 check.
 */
function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const field of record) {
    for (let at = field.indexOf('\r'); at !== -1; at = field.indexOf('\r', at + 1)) breaks++;
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) if (field[at - 1] !== '\r') breaks++;
  }
  return breaks;
}

export interface CsvHeader {
  kind: CsvKind;
  /** Lower-case column names in file order. */
  columns: string[];
}

/** Recognises the file by its header row; a header that fits none is an error naming the file. */
export function readHeader(name: string, header: CsvRecord | undefined): CsvHeader {
  if (!header) throw new BenchError('validation', `${name} is empty; nothing was imported.`, [{ where: name, message: 'The file has no header row.' }]);
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const kind = (Object.keys(CSV_COLUMNS) as CsvKind[]).find((k) => sameColumns(CSV_COLUMNS[k], OPTIONAL_CSV_COLUMNS[k], columns));
  if (!kind) {
    const expected = Object.values(CSV_COLUMNS).map((cols) => cols.join(',')).join(' | ');
    throw new BenchError('validation', `${name} has an unknown header; nothing was imported.`, [
      issueAt(name, header.line, `The header "${quoted(header.record.join(','))}" is none of: ${expected}.${headerProblem(columns)}`),
    ]);
  }
  return { kind, columns };
}

const SEPARATORS: Record<string, string> = { ';': 'semicolons (;)', '\t': 'tabs' };
const SAVE_WITH_COMMAS = 'save it as "CSV UTF-8 (Comma delimited)" and import it again.';

/**
 * Excel's separator hint on a file's first line ("sep=,", written when a file is saved with one):
 * commas are what the bench reads, so the line is skipped (true) and the header is the next record.
 * Another separator ("sep=;") is refused here saying so; false for any other record.
 */
export function isSeparatorLine(name: string, record: CsvRecord): boolean {
  if (record.line !== 1) return false;
  const text = record.record.join(',');
  const separator = /^sep=(.)$/i.exec(text)?.[1];
  if (separator === undefined) return false;
  if (separator === ',') return true;
  const named = SEPARATORS[separator] ?? `"${separator}"`;
  throw new BenchError('validation', `${name} has its columns separated by ${named}; nothing was imported.`, [
    issueAt(name, record.line, `The line "${quoted(text)}" says its columns are separated by ${named}, not commas: ${SAVE_WITH_COMMAS}`),
  ]);
}

/**
 * What to change in a header that fits no kind, said after the expected headers (" Its columns…"), or
 * "": a header that looks right at a glance (a European Excel's semicolons, "Stock Level" for
 * stock_level, one extra column) is otherwise hard to tell from the expected one.
 */
function headerProblem(columns: string[]): string {
  const separator = columns.length === 1 ? Object.keys(SEPARATORS).find((s) => columns[0]!.includes(s)) : undefined;
  if (separator) return ` Its columns are separated by ${SEPARATORS[separator]}, not commas: ${SAVE_WITH_COMMAS}`;
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) return ` It names the column "${quoted(twice)}" twice.`;
  // The kind it shares the most required columns with is the one it was meant to be.
  const score = (k: CsvKind) => CSV_COLUMNS[k].filter((c) => columns.includes(c)).length;
  const kind = (Object.keys(CSV_COLUMNS) as CsvKind[]).reduce((best, k) => (score(k) > score(best) ? k : best));
  if (score(kind) === 0) return '';
  const missing = CSV_COLUMNS[kind].filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(CSV_COLUMNS[kind] as readonly string[]).includes(c) && !OPTIONAL_CSV_COLUMNS[kind].includes(c));
  const named = unknown.slice(0, 5).map((c) => (c === '' ? 'an unnamed one' : `"${quoted(c, 40)}"`));
  const parts = [
    ...(missing.length ? [`lacks ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`has ${unknown.length === 1 ? 'a column' : 'columns'} it does not take: ${named.join(', ')}${unknown.length > named.length ? '…' : ''}`] : []),
  ];
  return ` As a ${kind} file it ${parts.join(' and ')}.`;
}

/** The record's fields by column name, trimmed (unnamed columns left out: they must be empty). */
export function recordFields(columns: string[], record: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column !== '') fields[column] = (record[i] ?? '').trim();
  });
  return fields;
}

/**
 * A value in a column the header leaves unnamed (Excel saves a formatted empty column as a trailing
 * ","), or null: such a column is taken only while empty, as a value there belongs to no field.
 */
export function unnamedColumnProblem(columns: string[], record: string[]): string | null {
  for (let i = 0; i < columns.length; i++) {
    const value = (record[i] ?? '').trim();
    if (columns[i] === '' && value !== '') return `Column ${i + 1} has no name in the header but holds "${quoted(value, 40)}" on this line; name the column or empty it.`;
  }
  return null;
}

/**
 * A csv-parse error (a stray or unclosed quote) as a refusal naming the file and line, in words;
 * `unclosedFrom` is where the record a quote left open started (csv-parse names the file's end).
 */
export function csvSyntaxError(name: string, error: unknown, unclosedFrom?: number): BenchError {
  if (error instanceof BenchError) return error;
  // The file itself (moved, deleted, locked after it was chosen), not its text.
  const systemCode = systemErrorCode(error);
  if (systemCode) {
    return new BenchError('not_found', `${name} could not be read (${systemCode}): it was moved, deleted or locked after it was chosen; nothing was imported.`);
  }
  const code = (error as { code?: unknown }).code;
  const line = (error as { lines?: number }).lines;
  const column = typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index + 1 : null;
  const inColumn = column ? ` (column ${column})` : '';
  const explained: Record<string, { line: number | undefined; message: string }> = {
    INVALID_OPENING_QUOTE: {
      line,
      message: `A quote (") inside a value${inColumn}: a value holding a quote is written in quotes with the quote doubled, e.g. "Monitor 24${'""'}".`,
    },
    CSV_INVALID_CLOSING_QUOTE: {
      line,
      message: `A quoted value${inColumn} is followed by other characters before the next comma; put the whole value in the quotes.`,
    },
    CSV_QUOTE_NOT_CLOSED: {
      line: unclosedFrom ?? line,
      message: 'A value on this line opens a quote (") that is never closed, so the rest of the file was read as part of it.',
    },
  };
  const known = typeof code === 'string' ? explained[code] : undefined;
  if (known) return new BenchError('validation', `${name} is not valid CSV; nothing was imported.`, [{ where: known.line ? `${name} line ${known.line}` : name, message: known.message }]);
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return new BenchError('validation', `${name} is not a CSV file the bench reads; nothing was imported.`, [
      { where: line ? `${name} line ${line}` : name, message: LINE_TOO_LONG },
    ]);
  }
  const reason = error instanceof Error ? error.message.replace(/^Invalid Record Length: /, '') : String(error);
  return new BenchError('validation', `${name} is not valid CSV; nothing was imported.`, [{ where: line ? `${name} line ${line}` : name, message: reason }]);
}

export const LINE_TOO_LONG = `This line is longer than ${withThousands(MAX_CSV_LINE_CHARS)} characters: is this the right file, with its columns separated by commas and one row per line?`;

/** Unnamed columns (Excel's empty trailing ones) do not count: their cells are checked empty row by row. */
function sameColumns(expected: readonly string[], optional: readonly string[], columns: string[]): boolean {
  const actual = columns.filter((c) => c !== '');
  return (
    new Set(actual).size === actual.length &&
    expected.every((c) => actual.includes(c)) &&
    actual.every((c) => expected.includes(c) || optional.includes(c))
  );
}

export function issueAt(file: string, line: number, message: string): Issue {
  return { where: `${file} line ${line}`, message };
}
