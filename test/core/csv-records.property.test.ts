/**
 * The import's CSV reader (csv-records.ts splits quote-free text itself and hands the rest to
 * csv-parse) gives the records and errors csv-parse gives on the whole file, however the bytes are
 * cut into chunks: quotes, CRLF, lone CR, empty lines, a BOM and multi-byte characters anywhere.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_PARSE_OPTIONS } from '../../electron/core/imports/csv-files.js';
import { CsvRecords } from '../../electron/core/imports/csv-records.js';

type Outcome = { records: string[][] } | { error: { lines: number | undefined; message: string } };

const failure = (error: unknown): Outcome => ({ error: { lines: (error as { lines?: number }).lines, message: (error as Error).message } });

function csvParseWhole(text: string): Outcome {
  try {
    return { records: parse(Buffer.from(text), CSV_PARSE_OPTIONS) as string[][] };
  } catch (error) {
    return failure(error);
  }
}

/** `text` cut before the characters at `cuts` (whole characters per chunk, as the UTF-8 check passes them on). */
async function splitRead(text: string, cuts: number[]): Promise<Outcome> {
  const chars = [...text];
  const at = [...new Set(cuts.map((c) => c % (chars.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const to of [...at, chars.length]) {
    if (to > from) chunks.push(Buffer.from(chars.slice(from, to).join('')));
    from = Math.max(from, to);
  }
  const records: string[][] = [];
  try {
    await pipeline(Readable.from(chunks, { objectMode: false }), new CsvRecords(), async (source: AsyncIterable<string[]>) => {
      for await (const record of source) records.push(record);
    });
    return { records };
  } catch (error) {
    return failure(error);
  }
}

const piece = fc.constantFrom('a', 'SKU-1', ' ', ',', ',', '\n', '\n', '\r\n', '\r', '"', '""', '"x,\ny"', 'é', '𝄞', '\uFEFF', '');
const csvText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const plainLines = fc.array(fc.array(fc.constantFrom('a', 'b1', 'é', '𝄞', ''), { maxLength: 4 }).map((f) => f.join(',')), { maxLength: 8 });

describe('CSV records read in chunks', () => {
  it('are the records, or the error (line and message), csv-parse gives on the whole text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), csvText, fc.array(fc.nat(60), { maxLength: 4 }), async (bom, body, cuts) => {
        const text = (bom ? '\uFEFF' : '') + body;
        expect(await splitRead(text, cuts)).toEqual(csvParseWhole(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('count lines on from the split text when a later chunk brings quotes or CRLF', async () => {
    await fc.assert(
      fc.asyncProperty(plainLines, fc.constantFrom('"a', 'a"b', '"a"b', 'x\r\n"y"\r\n', '"p\nq",r\n', '"ok"\r\n'), fc.nat(200), async (lines, tail, cut) => {
        const head = lines.map((l) => `${l}\n`).join('');
        const text = `${head}${tail}`;
        expect(await splitRead(text, [Math.min(cut, [...head].length)])).toEqual(csvParseWhole(text));
      }),
      { numRuns: 1_000 },
    );
  });
});
