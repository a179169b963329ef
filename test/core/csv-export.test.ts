/**
 * CSV exports: RFC 4180 with a BOM, formula-guarded, streamed; read back with csv-parse. Through the
 * format itself (any text, newlines included) and end to end from a bench (file and browser-mode link).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../electron/web/host.js';
import { createContext } from '../../electron/core/context.js';
import { createRecallSearch, type RecallSearch } from '../../electron/core/trace/recall-search.js';
import { createExportLinks } from '../../electron/core/trace/export-links.js';
import { writeRecallCsv } from '../../electron/core/trace/csv-export.js';
import { recallCsvOptions } from '../../shared/trace/csv-format.js';
import { BenchError } from '../../shared/contract/result.js';
import { unguardCell } from '../../shared/trace/csv-safety.js';
import { RECALL_CSV_COLUMNS, recallQuerySchema, type RecallRow } from '../../shared/trace/recall-query.js';
import { openTestBench, tempDir } from './helpers.js';

const TRICKY = ['a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf', 'Zoë Øster 東京', '=SUM(A1:A2)', '+44 1234', '-1', '@cmd', '\tTAB', "'quoted", 'plain'];
const FORMULA_START = /^[=+\-@\t\r]/;

async function csvText(rows: RecallRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(Readable.from(rows), stringify(recallCsvOptions()), new Writable({ write(c: Buffer, _e, done) { chunks.push(c); done(); } }));
  return Buffer.concat(chunks);
}

function readBack(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(bytes, { bom: true, relax_quotes: false }) as string[][];
  for (const record of records) for (const cell of record) expect(cell).not.toMatch(FORMULA_START);
  return records;
}

describe('recall CSV format', () => {
  it('round-trips commas, quotes, newlines, non-ASCII and formula starts exactly, none read as a formula', async () => {
    const rows: RecallRow[] = TRICKY.map((text, i) => ({
      value: text, sku: `SKU-${i}`, orderNumber: `SO-${i}`, customer: text, lineNo: 1, unit: i + 1,
      dispatchedAt: '2026-03-02T10:00:00.000Z', stationId: 'st-1', stationName: text,
      // Lots carry their use-by date; other rows have none (an empty cell).
      ...(i % 2 === 0 ? { useBy: `2027-03-${String(i + 1).padStart(2, '0')}` } : {}),
    }));
    const bytes = await csvText(rows);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const [header, ...records] = readBack(bytes);
    expect(header).toEqual(RECALL_CSV_COLUMNS.map((c) => c.header));
    expect(header!.at(-1)).toBe('Use by');
    expect(records.map((r) => r.map(unguardCell))).toEqual(rows.map((row) => RECALL_CSV_COLUMNS.map((c) => String(row[c.key] ?? ''))));
    expect(records.slice(0, 2).map((r) => r.at(-1))).toEqual(['2027-03-01', '']);
    // The guard is visible where it acts: one apostrophe in front, inside the quotes.
    expect(bytes.toString('utf8')).toContain(`"'=SUM(A1:A2)"`);
  });
});

describe('recall CSV from a bench', () => {
  function dispatchedBench() {
    const bench = openTestBench();
    const values = ['=HYPERLINK("x")', 'a,b', 'say "hi"', 'Zoë-東京', '@A1', 'IMEI-1'];
    bench.product('PH', 'single_use', values.length, values);
    const order = bench.order('SO-1', [['PH', values.length]], 'Ada, "the" Customer');
    bench.ok('saveAllocations', { allocations: values.map((value, u) => ({ lineId: order.lineIds[0]!, unit: u + 1, value })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: values.length }] });
    return { bench, values };
  }

  it('writes every matching row to a file, streamed page by page', async () => {
    const { bench, values } = dispatchedBench();
    const file = join(tempDir(), 'recall.csv');
    // The search module on the test's own connection (the core's is its own).
    const search = createRecallSearch(createContext(bench.writer, { stationName: 'Test bench' }));
    await writeRecallCsv(search, recallQuerySchema.parse({ sku: 'PH' }), file);
    const [, ...records] = readBack(readFileSync(file));
    expect(records.map((r) => unguardCell(r[0]!)).sort()).toEqual([...values].sort());
    expect(new Set(records.map((r) => unguardCell(r[3]!)))).toEqual(new Set(['Ada, "the" Customer']));
    // Smaller pages than rows: the stream pages through them all.
    const paged: RecallRow[] = [...search.rows(recallQuerySchema.parse({ sku: 'PH' }), 2)];
    expect(paged).toHaveLength(values.length);
    // The product filter is a SKU prefix in any case, as on the screen: the export finds the same rows.
    const anyCase = join(tempDir(), 'recall-any-case.csv');
    await writeRecallCsv(search, recallQuerySchema.parse({ sku: 'p' }), anyCase);
    expect(readFileSync(anyCase)).toEqual(readFileSync(file));
  });

  it('replaces a file already there only once the export is whole; one that cannot be replaced is left as it was, saying why', async () => {
    const { bench, values } = dispatchedBench();
    const dir = tempDir();
    const search = createRecallSearch(createContext(bench.writer, { stationName: 'Test bench' }));
    const file = join(dir, 'recall.csv');
    writeFileSync(file, 'an older export\n');
    await writeRecallCsv(search, recallQuerySchema.parse({ sku: 'PH' }), file);
    expect(readBack(readFileSync(file))).toHaveLength(values.length + 1);
    // A place that cannot take the file (here a folder of that name; on Windows, a file open in Excel).
    const blocked = join(dir, 'blocked.csv');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep.txt'), 'kept');
    const refused = await writeRecallCsv(search, recallQuerySchema.parse({ sku: 'PH' }), blocked).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(BenchError);
    expect((refused as BenchError).message).toMatch(/^Could not save blocked\.csv \(E[A-Z]+\): .* the file there was left as it was\.$/);
    expect(readFileSync(join(blocked, 'keep.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).sort()).toEqual(['blocked.csv', 'recall.csv']);
  });

  it('downloads once over a browser-mode link; the link is then used up', async () => {
    const { bench, values } = dispatchedBench();
    const host = await startHost({ handlers: bench.core, takeExport: (t) => bench.exports.take(t), log: () => {} });
    try {
      const link = bench.ok('prepareRecallExport', { query: { match: 'prefix', value: '' , sku: 'PH' } });
      expect(link.fileName).toMatch(/^recall-PH-\d{4}-\d{2}-\d{2}\.csv$/);
      const response = await fetch(new URL(link.path, host.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${link.fileName}"`);
      const [, ...records] = readBack(Buffer.from(await response.arrayBuffer()));
      expect(records.map((r) => unguardCell(r[0]!)).sort()).toEqual([...values].sort());
      const again = await fetch(new URL(link.path, host.url));
      expect(again.status).toBe(404);
      expect(await again.text()).toMatch(/used up or expired/);
    } finally {
      await host.close();
    }
  });

  it('downloads a name in any script: an ASCII stand-in for old clients and the exact name as RFC 6266\'s filename*', async () => {
    const { bench } = dispatchedBench();
    const host = await startHost({ handlers: bench.core, takeExport: (t) => bench.exports.take(t), log: () => {} });
    try {
      const link = bench.ok('prepareRecallExport', { query: { match: 'prefix', value: 'Zoë東', sku: 'PH' } });
      expect(link.fileName).toMatch(/^recall-Zoë東-PH-\d{4}-\d{2}-\d{2}\.csv$/);
      const response = await fetch(new URL(link.path, host.url));
      expect(response.status).toBe(200);
      const day = link.fileName.slice(-14, -4);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="recall-Zo__-PH-${day}.csv"; filename*=UTF-8''recall-Zo%C3%AB%E6%9D%B1-PH-${day}.csv`,
      );
    } finally {
      await host.close();
    }
  });

  it('saves to a file through the shell only; the core alone says to download instead', async () => {
    const { bench, values } = dispatchedBench();
    const query = recallQuerySchema.parse({ sku: 'PH' });
    await expect(bench.core.saveRecallExport({ query, format: 'csv' })).resolves.toEqual({ outcome: 'save_in_browser' });
    const file = join(tempDir(), bench.exports.fileName(query));
    await bench.exports.writeFile(query, file);
    const [, ...records] = readBack(readFileSync(file));
    expect(records).toHaveLength(values.length);
  });
});

describe('recall export file name', () => {
  const at = (iso: string) => () => Date.parse(iso);

  it('names every part of the search: a dispatch week is not "all", a product filter beside a value is kept', () => {
    const links = createExportLinks({} as RecallSearch, at('2026-03-05T12:00:00.000Z'));
    const name = (raw: Record<string, string>, format?: 'csv' | 'xlsx') => links.fileName(recallQuerySchema.parse(raw), format);
    expect(name({ dispatchedFrom: '2026-03-01', dispatchedTo: '2026-03-07' })).toBe('recall-dispatched-2026-03-01-to-2026-03-07-2026-03-05.csv');
    expect(name({ dispatchedFrom: '2026-03-01' })).toBe('recall-dispatched-from-2026-03-01-2026-03-05.csv');
    expect(name({ value: 'SN-B', sku: 'PH' })).toBe('recall-SN-B-PH-2026-03-05.csv');
    expect(name({ value: 'SN-B', sku: 'PH' })).not.toBe(name({ value: 'SN-B', sku: 'TAB' }));
    expect(name({ lot: 'L-77', sku: 'PH' }, 'xlsx')).toBe('recall-lot-L-77-PH-2026-03-05.xlsx');
    expect(name({ useByFrom: '2027-01-01', useByTo: '2027-01-31' })).toBe('recall-use-by-2027-01-01-to-2027-01-31-2026-03-05.csv');
    expect(name({ useByTo: '2027-02-01' })).toBe('recall-use-by-to-2027-02-01-2026-03-05.csv');
    // As before: a value or a product alone is named by itself.
    expect(name({ value: 'SN-B' })).toBe('recall-SN-B-2026-03-05.csv');
    expect(name({ sku: 'PH' })).toBe('recall-PH-2026-03-05.csv');
  });

  it('keeps letters and digits of any script (a customer\'s or a lot\'s own spelling); only characters file systems refuse become "_"', () => {
    const links = createExportLinks({} as RecallSearch, at('2026-03-05T12:00:00.000Z'));
    const name = (raw: Record<string, string>) => links.fileName(recallQuerySchema.parse(raw));
    expect(name({ value: 'Zoë-東京' })).toBe('recall-Zoë-東京-2026-03-05.csv');
    expect(name({ lot: 'Ünïcode lot', sku: 'ÄPFEL' })).toBe('recall-lot-Ünïcode_lot-ÄPFEL-2026-03-05.csv');
    expect(name({ value: 'a/b\\c:d*e?f"g<h>i|j' })).toBe('recall-a_b_c_d_e_f_g_h_i_j-2026-03-05.csv');
    // Cut at 60 characters, never inside one (an astral character is two UTF-16 units).
    const long = name({ value: '𝔸'.repeat(70) });
    expect(long).toBe(`recall-${'𝔸'.repeat(60)}-2026-03-05.csv`);
    // The same spelling composed or decomposed names one file.
    expect(name({ value: 'Zoe\u0308' })).toBe(name({ value: 'Zo\u00eb' }));
  });

  it('is dated by the bench\'s own calendar day, not the UTC one', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      // 20:30 on 5 March in New York is already 6 March in UTC.
      const links = createExportLinks({} as RecallSearch, at('2026-03-06T01:30:00.000Z'));
      expect(links.fileName(recallQuerySchema.parse({ value: 'SN-B' }))).toBe('recall-SN-B-2026-03-05.csv');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
