/**
 * A one-sheet Excel workbook (.xlsx, SpreadsheetML) streamed from rows: every text is an inline-string
 * cell, so Excel shows an identifier exactly as dispatched (a 15-digit IMEI stays 15 digits, "00123"
 * keeps its zeros), where a CSV's cells are guessed at and turned into numbers. The sheet is zipped as
 * it is written (fflate's streaming Zip), so rows never sit in memory all at once. Environment-neutral
 * (fflate and TextEncoder, no Node APIs): the bench's recall export (electron/core/trace/csv-export.ts)
 * and the hub's .xlsx routes (hub/trace/routes.ts) write with this one definition.
 *
 * Values in a workbook are never formulas (a cell is a formula only in an <f> element), so the CSV
 * formula guard (shared/trace/csv-safety.ts) is NOT applied here: "=SUM(A1)" is written as that text.
 */
import { Zip, ZipDeflate } from 'fflate';

/** Rows a sheet holds at most (Excel's limit), the header row included. */
export const XLSX_MAX_ROWS = 1_048_576;

export interface XlsxColumn {
  header: string;
  /** Width in characters (Excel's unit); the header's length when it is longer. */
  width?: number;
}

/**
 * A date cell: the instant (ISO 8601, "2026-03-02T10:00:00.000Z") or the day ("2027-03-01") as Excel's
 * day number, shown as ISO, so Excel sorts and filters it as a date (text sorts, but date filters skip it).
 * Written in UTC: a date cell holds no zone, so its column's header says which.
 */
export interface XlsxDate {
  date: string;
  /** 'day': a whole day, shown yyyy-mm-dd; 'time': an instant, shown yyyy-mm-dd hh:mm:ss. */
  show: 'day' | 'time';
}

/** A text cell (always text), a number cell, a date cell, or an empty cell. */
export type XlsxCell = string | number | XlsxDate | null | undefined;

export class XlsxTooManyRowsError extends Error {
  constructor(readonly maxRows: number) {
    super(`The result has more rows than an Excel sheet holds (${maxRows.toLocaleString('en-US')}, the header included).`);
  }
}

/** XML 1.0 forbids these (C0 controls but tab and LF; CR is kept too: XML readers turn a raw CR into LF), and lone surrogates. */
// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text that reads as an OOXML escape (_x001D_): its underscore is escaped, so it reads back as written. */
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * A value as the text of a SpreadsheetML <t> element: an underscore that would start an escape is
 * written _x005F_, a character XML cannot hold is written the OOXML way (the GS1 group separator
 * U+001D as _x001D_), and & < > are XML-escaped. Excel reads each back as the value was.
 */
export function xlsxText(value: string): string {
  return value
    .replace(LOOKS_ESCAPED, '_x005F_')
    .replace(NOT_IN_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Days from Excel's day 0 (1899-12-30, the 1900 date system) to 1970-01-01. */
const EXCEL_DAY_OF_UNIX_EPOCH = 25_569;
const MS_PER_DAY = 86_400_000;
/** 1900-03-01: Excel counts a 29 February 1900 (its day 60), so the days before are one number lower. */
const EXCEL_FIRST_DAY_AFTER_FALSE_LEAP_DAY = 61;

/**
 * Excel's day number of an instant (ms since 1970, UTC), or null for one before 1900 (no date there).
 * To the whole second: Excel rounds a time to the second it shows, so 23:59:59.7 showed as the next
 * day's 00:00:00. Before 1 March 1900 one lower: 1900-01-01 showed as 1900-01-02.
 */
function excelDayNumber(ms: number): number | null {
  const serial = Math.floor(ms / 1000) / (MS_PER_DAY / 1000) + EXCEL_DAY_OF_UNIX_EPOCH;
  const counted = serial < EXCEL_FIRST_DAY_AFTER_FALSE_LEAP_DAY ? serial - 1 : serial;
  return counted < 1 ? null : counted;
}
/** The cell styles (styles.xml's cellXfs) of dates: a day, an instant. */
const DATE_STYLE = { day: ' s="2"', time: ' s="3"' } as const;

function cellXml(ref: string, cell: XlsxCell, style: string): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (typeof cell === 'object') {
    const day = excelDayNumber(Date.parse(cell.date));
    // Text the writer cannot read as a date (none the bench writes), or one Excel has none for, stays as it was, as text.
    if (day === null || !Number.isFinite(day)) return cellXml(ref, cell.date, style);
    return `<c r="${ref}"${style || DATE_STYLE[cell.show]}><v>${day}</v></c>`;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${ref}"${style}><v>${cell}</v></c>` : cellXml(ref, String(cell), style);
  const space = /^\s|\s$/.test(cell) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xlsxText(cell)}</t></is></c>`;
}

function rowXml(rowNo: number, cells: readonly XlsxCell[], style = ''): string {
  return `<row r="${rowNo}">${cells.map((c, i) => cellXml(`${columnName(i)}${rowNo}`, c, style)).join('')}</row>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function fixedParts(sheetName: string): Array<[string, string]> {
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        `<sheet name="${xlsxText(sheetName).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      // Style 0: the default; style 1: bold (the header row); style 2: a day; style 3: an instant (DATE_STYLE).
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    ],
  ];
}

/** How much sheet XML is gathered before it is compressed (and its zipped bytes handed on). */
const CHUNK_CHARS = 64 * 1024;

export interface XlsxOptions {
  sheetName?: string;
  /** At most this many rows, the header included (XLSX_MAX_ROWS; lower in tests). */
  maxRows?: number;
}

/**
 * The workbook written a row at a time: each call hands back the zipped bytes ready so far (often none).
 * Throws XlsxTooManyRowsError on a row past maxRows.
 */
function sheetWriter(columns: readonly XlsxColumn[], options: XlsxOptions) {
  const maxRows = options.maxRows ?? XLSX_MAX_ROWS;
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failed = error;
    else out.push(chunk);
  });
  const drain = (): Uint8Array[] => {
    if (failed) throw failed;
    return out.splice(0, out.length);
  };
  const encoder = new TextEncoder();
  let sheet: ZipDeflate;
  let xml = '';
  let rowNo = 1;
  return {
    start(): Uint8Array[] {
      for (const [name, part] of fixedParts(options.sheetName ?? 'Sheet1')) {
        const entry = new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        entry.push(encoder.encode(part), true);
      }
      sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
      zip.add(sheet);
      const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(c.width ?? 0, c.header.length + 2)}" customWidth="1"/>`).join('');
      xml =
        `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        // The header row stays in view as the rows scroll.
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        (cols ? `<cols>${cols}</cols>` : '') +
        `<sheetData>${rowXml(1, columns.map((c) => c.header), ' s="1"')}`;
      return drain();
    },
    row(cells: readonly XlsxCell[]): Uint8Array[] {
      rowNo += 1;
      if (rowNo > maxRows) throw new XlsxTooManyRowsError(maxRows);
      xml += rowXml(rowNo, cells);
      if (xml.length < CHUNK_CHARS) return [];
      sheet.push(encoder.encode(xml));
      xml = '';
      return drain();
    },
    end(): Uint8Array[] {
      sheet.push(encoder.encode(`${xml}</sheetData></worksheet>`), true);
      xml = '';
      zip.end();
      return drain();
    },
  };
}

/**
 * The workbook's bytes, a piece at a time: a bold, frozen header row, then one row per `rows` item,
 * read only as the bytes are asked for. Throws XlsxTooManyRowsError on reaching a row past maxRows
 * (callers count first, so that a refusal writes nothing).
 */
export function* xlsxWorkbook(columns: readonly XlsxColumn[], rows: Iterable<readonly XlsxCell[]>, options: XlsxOptions = {}): Generator<Uint8Array> {
  const writer = sheetWriter(columns, options);
  yield* writer.start();
  for (const cells of rows) yield* writer.row(cells);
  yield* writer.end();
}

/** The same workbook from rows that arrive asynchronously (a database read a page at a time, at the hub). */
export async function* xlsxWorkbookFrom(columns: readonly XlsxColumn[], rows: AsyncIterable<readonly XlsxCell[]> | Iterable<readonly XlsxCell[]>, options: XlsxOptions = {}): AsyncGenerator<Uint8Array> {
  const writer = sheetWriter(columns, options);
  yield* writer.start();
  for await (const cells of rows) yield* writer.row(cells);
  yield* writer.end();
}
