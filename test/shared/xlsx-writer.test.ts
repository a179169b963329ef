/**
 * The one-sheet .xlsx writer the bench and the hub share (shared/trace/xlsx-writer.ts), read back with an
 * independent reader (test/support/xlsx-read.ts): text round-trips exactly, bytes stream as rows are
 * read, a row past the sheet's limit is an error; from synchronous rows (the bench's SQLite) or
 * asynchronous ones (the hub's PostgreSQL pages) alike.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xlsxWorkbook, xlsxWorkbookFrom, XlsxTooManyRowsError, type XlsxCell } from '../../shared/trace/xlsx-writer.js';
import { readWorkbook } from '../support/xlsx-read.js';

const IMEI = '356938035643809';
/** GS1 element strings carry the group separator; the bench refuses control characters, a workbook must still hold them. */
const GS = '\u001d';
const ODD_TEXT = [`0109501101530008${GS}10LOT-1`, ' leading and trailing ', 'tab\tand\nnewline', 'cr\rhere', '\u0001\u0008\u000b\u001f', 'Zoë 東京 😀', '_x005F_', '_xD83D_'];

async function bytesOf(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), new Writable({ write(c: Buffer, _e, done) { out.push(c); done(); } }));
  return new Uint8Array(Buffer.concat(out));
}

describe('xlsx writer', () => {
  const columns = [{ header: 'Identifier' }, { header: 'Other' }];

  it('round-trips the GS1 group separator, other control characters, spaces at the ends and escape look-alikes exactly', async () => {
    const rows: XlsxCell[][] = ODD_TEXT.map((text) => [text, 7]);
    const bytes = await bytesOf(xlsxWorkbook(columns, rows));
    const { rows: read, parts } = readWorkbook(bytes);
    expect(read.slice(1).map((r) => r.get('A')!.text)).toEqual(ODD_TEXT);
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain(`0109501101530008_x001D_10LOT-1`);
    expect(sheet).toContain('<t xml:space="preserve"> leading and trailing </t>');
    expect(sheet).not.toContain(GS);
    // A raw CR would read back as LF in a conforming XML reader (Excel's): it is escaped too.
    expect(sheet).toContain('cr_x000D_here');
  });

  it('round-trips any text exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...ODD_TEXT), fc.stringMatching(/^(_x[0-9a-fA-F]{4}_?)+$/)), { maxLength: 20 }), async (texts) => {
        const bytes = await bytesOf(xlsxWorkbook(columns, texts.map((t) => [t, t])));
        const read = readWorkbook(bytes).rows.slice(1);
        // An empty text is an empty cell.
        expect(read.map((r) => r.get('A')?.text ?? '')).toEqual(texts);
        expect(read.map((r) => r.get('B')?.text ?? '')).toEqual(texts);
      }),
      { numRuns: 60 },
    );
  });

  it('streams: zipped bytes come out before the rows run out', () => {
    let read = 0;
    function* endless(): Generator<XlsxCell[]> {
      for (;;) {
        read += 1;
        yield [`${IMEI}-${read}`, read];
      }
    }
    const chunks = xlsxWorkbook(columns, endless());
    let bytes = 0;
    for (const chunk of chunks) {
      bytes += chunk.length;
      if (bytes > 200_000) break;
    }
    expect(bytes).toBeGreaterThan(200_000);
    expect(read).toBeLessThan(500_000);
  });

  it('stops with an error at a row past the sheet limit', async () => {
    await expect(bytesOf(xlsxWorkbook(columns, [['a'], ['b'], ['c']], { maxRows: 3 }))).rejects.toBeInstanceOf(XlsxTooManyRowsError);
    await expect(bytesOf(xlsxWorkbook(columns, [['a'], ['b']], { maxRows: 3 }))).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe('xlsx writer from asynchronous rows (the hub reads PostgreSQL a page at a time)', () => {
  const columns = [{ header: 'Identifier' }, { header: 'Unit' }];

  it('writes the same sheet as from synchronous rows, identifiers as text cells', async () => {
    const values = [IMEI, '00123', '=1+1', ...ODD_TEXT];
    const rows: XlsxCell[][] = values.map((v, i) => [v, i + 1]);
    async function* slowly() {
      for (const row of rows) {
        await new Promise((resolve) => setImmediate(resolve));
        yield row;
      }
    }
    const fromAsync = readWorkbook(await bytesOf(xlsxWorkbookFrom(columns, slowly(), { sheetName: 'Recall' })));
    const fromSync = readWorkbook(await bytesOf(xlsxWorkbook(columns, rows, { sheetName: 'Recall' })));
    expect(fromAsync.rows).toEqual(fromSync.rows);
    expect(fromAsync.parts['xl/workbook.xml']).toContain('<sheet name="Recall"');
    expect(fromAsync.rows.slice(1).map((r) => r.get('A'))).toEqual(values.map((text) => ({ type: 'inlineStr', style: null, text })));
  });

  it('streams and stops at a row past the sheet limit, as the synchronous writer does', async () => {
    let read = 0;
    async function* endless(): AsyncGenerator<XlsxCell[]> {
      for (;;) {
        read += 1;
        yield [`${IMEI}-${read}`, read];
      }
    }
    let bytes = 0;
    for await (const chunk of xlsxWorkbookFrom(columns, endless())) {
      bytes += chunk.length;
      if (bytes > 200_000) break;
    }
    expect(read).toBeLessThan(500_000);
    async function* three() {
      yield* [['a'], ['b'], ['c']];
    }
    await expect(bytesOf(xlsxWorkbookFrom(columns, three(), { maxRows: 3 }))).rejects.toBeInstanceOf(XlsxTooManyRowsError);
    await expect(bytesOf(xlsxWorkbookFrom(columns, [['a'], ['b']], { maxRows: 3 }))).resolves.toBeInstanceOf(Uint8Array);
  });
});
