/**
 * "Export for Excel": the recall as an .xlsx workbook whose identifiers are text cells, so Excel shows
 * a 15-digit IMEI and "00123" as dispatched. Read back with an independent reader (test/support/xlsx-read.ts).
 * The writer itself (shared/trace/xlsx-writer.ts) is tested in test/shared/xlsx-writer.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../electron/web/host.js';
import { createContext } from '../../electron/core/context.js';
import { createExportLinks } from '../../electron/core/trace/export-links.js';
import { startCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { createRecallSearch } from '../../electron/core/trace/recall-search.js';
import { XLSX_MAX_ROWS, xlsxWorkbook } from '../../shared/trace/xlsx-writer.js';
import { BenchError } from '../../shared/contract/result.js';
import { RECALL_XLSX_COLUMNS, XLSX_CONTENT_TYPE, recallXlsxCells } from '../../shared/trace/csv-format.js';
import { recallQuerySchema } from '../../shared/trace/recall-query.js';
import { readWorkbook } from '../support/xlsx-read.js';
import { openTestBench, tempDir } from './helpers.js';

const IMEI = '356938035643809';
/** What the bench holds: identifiers a CSV opened in Excel would mangle, or read as a formula, or as markup. */
const IDENTIFIERS = [IMEI, '00123', '=HYPERLINK("http://x")', 'A&<>B', '_x0041_ kept', '1E5'];

async function bytesOf(chunks: Iterable<Uint8Array> | Readable): Promise<Uint8Array> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), new Writable({ write(c: Buffer, _e, done) { out.push(c); done(); } }));
  return new Uint8Array(Buffer.concat(out));
}

function dispatchedBench(values = IDENTIFIERS) {
  const bench = openTestBench();
  bench.product('PH', 'single_use', values.length, values);
  const order = bench.order('SO-00042', [['PH', values.length]], 'Ada & <Co>');
  bench.ok('saveAllocations', { allocations: values.map((value, u) => ({ lineId: order.lineIds[0]!, unit: u + 1, value })) });
  bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: values.length }] });
  return { bench, values };
}

const ID_COL = 'A';
const HEADERS = RECALL_XLSX_COLUMNS.map((c) => c.header);

describe('recall export for Excel from a bench', () => {
  it('writes every identifier as a text cell holding exactly the dispatched value (no formula guard), under a bold frozen header', async () => {
    const { bench, values } = dispatchedBench();
    const query = recallQuerySchema.parse({ sku: 'PH' });
    expect(bench.exports.fileName(query, 'xlsx')).toMatch(/^recall-PH-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(tempDir(), bench.exports.fileName(query, 'xlsx'));
    await bench.exports.writeFile(query, file, 'xlsx');
    const { rows, parts } = readWorkbook(readFileSync(file));
    const [header, ...records] = rows;
    expect([...header!.values()].map((c) => c.text)).toEqual(HEADERS);
    for (const c of header!.values()) expect(c).toMatchObject({ type: 'inlineStr', style: '1' });
    expect(parts['xl/worksheets/sheet1.xml']).toContain('state="frozen"');
    expect(records).toHaveLength(values.length);
    expect(records.map((r) => r.get(ID_COL)!.text).sort()).toEqual([...values].sort());
    for (const r of records) {
      expect(r.get(ID_COL)!.type).toBe('inlineStr');
      expect(r.get('B')).toEqual({ type: 'inlineStr', style: null, text: 'PH' });
      expect(r.get('C')!).toMatchObject({ type: 'inlineStr', text: 'SO-00042' });
      expect(r.get('D')!).toMatchObject({ type: 'inlineStr', text: 'Ada & <Co>' });
      // Line and unit are numbers, and stay number cells.
      expect(r.get('E')).toEqual({ type: null, style: null, text: '1' });
    }
    const imei = records.find((r) => r.get(ID_COL)!.text === IMEI)!;
    expect(imei.get(ID_COL)!.text).toHaveLength(15);
    // The raw XML: escaped markup, a literal "_x0041_" kept from being read as "A", no apostrophe guard.
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<t>A&amp;&lt;&gt;B</t>');
    expect(sheet).toContain('<t>_x005F_x0041_ kept</t>');
    expect(sheet).toContain('<t>=HYPERLINK("http://x")</t>');
    expect(sheet).not.toContain("'=");
  });

  it('downloads as .xlsx over a browser-mode link, with the workbook type', async () => {
    const { bench, values } = dispatchedBench();
    const host = await startHost({ handlers: bench.core, takeExport: (t) => bench.exports.take(t), log: () => {} });
    try {
      const link = bench.ok('prepareRecallExport', { query: { match: 'prefix', value: '', sku: 'PH' }, format: 'xlsx' });
      expect(link.fileName).toMatch(/^recall-PH-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const response = await fetch(new URL(link.path, host.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${link.fileName}"`);
      const [, ...records] = readWorkbook(new Uint8Array(await response.arrayBuffer())).rows;
      expect(records.map((r) => r.get(ID_COL)!.text).sort()).toEqual([...values].sort());
      // A call that names no format still gets CSV.
      const csv = bench.ok('prepareRecallExport', { query: { match: 'prefix', value: '', sku: 'PH' } });
      expect(csv.fileName).toMatch(/\.csv$/);
    } finally {
      await host.close();
    }
  });

  it('refuses a result larger than an Excel sheet before writing anything, pointing to Export CSV', async () => {
    const { bench, values } = dispatchedBench();
    const search = createRecallSearch(createContext(bench.writer, { stationName: 'Test bench' }));
    const query = recallQuerySchema.parse({ sku: 'PH' });
    // A sheet of header + values.length rows fits exactly; one row fewer does not.
    const fits = createExportLinks(search, Date.now, { xlsxMaxRows: values.length + 1 });
    const dir = tempDir();
    await fits.writeFile(query, join(dir, 'fits.xlsx'), 'xlsx');
    expect(readWorkbook(readFileSync(join(dir, 'fits.xlsx'))).rows).toHaveLength(values.length + 1);

    const tooSmall = createExportLinks(search, Date.now, { xlsxMaxRows: values.length });
    const refused = await tooSmall.writeFile(query, join(dir, 'refused.xlsx'), 'xlsx').then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(BenchError);
    expect((refused as BenchError).code).toBe('conflict');
    expect((refused as BenchError).message).toBe(
      `This recall found ${values.length} units: more than an Excel sheet holds (${values.length - 1} rows below its header). Nothing was exported; use Export CSV for it, or narrow the search.`,
    );
    expect(readdirSync(dir)).toEqual(['fits.xlsx']);
    // Browser mode: no link is handed out; CSV has no such limit.
    expect(() => tooSmall.create(query, 'xlsx')).toThrow(/use Export CSV/);
    expect(tooSmall.create(query, 'csv').fileName).toMatch(/\.csv$/);
    await tooSmall.writeFile(query, join(dir, 'all.csv'), 'csv');
    expect(existsSync(join(dir, 'all.csv'))).toBe(true);
    // Excel's own limit is the default.
    expect(XLSX_MAX_ROWS).toBe(1_048_576);
  });
});

describe('recall export for Excel: dates', () => {
  /** Excel's day number (1900 date system) of an instant to the whole second it shows: days since 1899-12-30, UTC. */
  const excelSerial = (iso: string) => Math.floor(Date.parse(iso) / 1000) / 86_400 + 25_569;

  it('writes "Dispatched at" and "Use by" as date cells Excel sorts and filters as dates, shown as ISO, the zone in the header', async () => {
    const { bench } = dispatchedBench();
    const query = recallQuerySchema.parse({ sku: 'PH' });
    const file = join(tempDir(), 'dates.xlsx');
    await bench.exports.writeFile(query, file, 'xlsx');
    const { rows, parts } = readWorkbook(readFileSync(file));
    const [header, ...records] = rows;
    const letterOf = (words: RegExp) => [...header!.entries()].find(([, c]) => words.test(c.text))![0];
    const dispatched = letterOf(/^Dispatched at/);
    // A date cell has no zone: the header says which one its times are in, as the screen does.
    expect(header!.get(dispatched)!.text).toBe('Dispatched at (UTC)');
    const page = bench.ok('recallSearch', { query });
    const dispatchedAt = page.rows[0]!.dispatchedAt;
    for (const r of records) {
      const cell = r.get(dispatched)!;
      expect(cell.type).toBeNull(); // a number, not text
      expect(Number(cell.text)).toBeCloseTo(excelSerial(dispatchedAt), 8);
    }
    const styles = parts['xl/styles.xml']!;
    const formatOfStyle = (style: string) => {
      const xf = [...styles.matchAll(/<cellXfs[^>]*>(.*?)<\/cellXfs>/gs)][0]![1]!.match(/<xf [^>]*\/>/g)![Number(style)]!;
      const id = xf.match(/numFmtId="(\d+)"/)![1]!;
      return styles.match(new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`))?.[1];
    };
    expect(formatOfStyle(records[0]!.get(dispatched)!.style!)).toBe('yyyy-mm-dd hh:mm:ss');

    // A lot's use-by date: a whole day.
    const cells = recallXlsxCells({ ...page.rows[0]!, useBy: '2027-03-01' });
    const bytes = await bytesOf(xlsxWorkbook(RECALL_XLSX_COLUMNS, [cells, recallXlsxCells(page.rows[0]!)]));
    const book = readWorkbook(bytes);
    const useBy = [...book.rows[0]!.entries()].find(([, c]) => c.text === 'Use by')![0];
    expect(book.rows[1]!.get(useBy)).toMatchObject({ type: null, text: String(excelSerial('2027-03-01')) });
    expect(formatOfStyle(book.rows[1]!.get(useBy)!.style!)).toBe('yyyy-mm-dd');
    // None: an empty cell, as before.
    expect(book.rows[2]!.get(useBy)).toBeUndefined();
  });
});

/**
 * What Excel shows for a day number formatted yyyy-mm-dd (hh:mm:ss): it rounds a time to the second
 * it shows, and its 1900 date system counts a 29 February 1900 (day 60) that never was, so each day
 * before 1 March 1900 is one number lower than the count of days from 1899-12-30.
 */
function excelShows(serial: number, show: 'day' | 'time'): string {
  const seconds = Math.round(serial * 86_400);
  const day = Math.floor(seconds / 86_400);
  const clock = new Date((seconds % 86_400) * 1000).toISOString().slice(11, 19);
  const date = day === 60 ? '1900-02-29' : new Date((day - (day < 60 ? 25_568 : 25_569)) * 86_400_000).toISOString().slice(0, 10);
  return show === 'day' ? date : `${date} ${clock}`;
}

describe('recall export for Excel: the dates Excel shows', () => {
  it('shows each date and time as the CSV writes it: a late dispatch keeps its day, a use-by date early in 1900 its own', async () => {
    const cases: Array<[date: string, show: 'day' | 'time', shown: string]> = [
      // Half a second before midnight: Excel rounded it up to the next second, and so to the next day.
      ['2026-03-01T23:59:59.700Z', 'time', '2026-03-01 23:59:59'],
      ['2026-03-02T10:00:00.500Z', 'time', '2026-03-02 10:00:00'],
      ['2026-03-02T10:00:00.000Z', 'time', '2026-03-02 10:00:00'],
      // The lowest use-by date the bench takes, and the days of 1900 before Excel's 29 February.
      ['1900-01-01', 'day', '1900-01-01'],
      ['1900-02-28', 'day', '1900-02-28'],
      ['1900-03-01', 'day', '1900-03-01'],
      ['2027-03-01', 'day', '2027-03-01'],
    ];
    const bytes = await bytesOf(xlsxWorkbook([{ header: 'Date' }], cases.map(([date, show]) => [{ date, show }])));
    const [, ...records] = readWorkbook(bytes).rows;
    expect(records.map((r, i) => excelShows(Number(r.get('A')!.text), cases[i]![1]))).toEqual(cases.map(([, , shown]) => shown));
    for (const r of records) expect(r.get('A')!.type).toBeNull(); // date cells, not text
  });
});

describe('recall export for Excel through the core worker (what Electron and browser mode run)', () => {
  it('writes the workbook to the file the save dialog chose, and serves a link as .xlsx', async () => {
    const { bench, values } = dispatchedBench();
    const file = bench.file;
    const service = await startCoreService({ worker: sourceWorker(), config: { file, stationName: 'Worker bench', externalCheckMs: 20 }, log: () => {} });
    try {
      const query = recallQuerySchema.parse({ sku: 'PH' });
      const saved = join(tempDir(), 'chosen.xlsx');
      await service.writeRecallExport(query, saved, 'xlsx');
      expect(readWorkbook(readFileSync(saved)).rows.slice(1).map((r) => r.get(ID_COL)!.text).sort()).toEqual([...values].sort());
      const link = await service.api.prepareRecallExport({ query, format: 'xlsx' });
      if (!link.ok) throw new Error(link.error.message);
      const download = (await service.takeExport(link.value.path.slice('/export/'.length)))!;
      expect(download.contentType).toBe(XLSX_CONTENT_TYPE);
      expect(download.fileName).toMatch(/\.xlsx$/);
      expect(readWorkbook(await bytesOf(download.stream)).rows.slice(1).map((r) => r.get(ID_COL)!.text).sort()).toEqual([...values].sort());
    } finally {
      await service.close();
    }
  });
});
