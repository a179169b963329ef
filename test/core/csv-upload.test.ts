/**
 * Files chosen in the page reach the core in pieces (beginCsvUpload, sendCsvUploadPiece) and import
 * as a stream (startUploadedCsvImport), on a real bench file: a multi-piece file with characters cut
 * across pieces imports whole and its pieces are removed; a piece out of order, a file that arrived
 * only in part, bytes that are not UTF-8 and names with folders are refused, naming what is wrong,
 * and change nothing.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/contract/api.js';
import { UPLOAD_PIECE_BYTES } from '../../shared/contract/import-schemas.js';
import { BenchError } from '../../shared/contract/result.js';
import { createCsvUploads, UPLOAD_IDLE_MS } from '../../electron/core/imports/csv-uploads.js';
import { HEADERS, openTestBench, tempDir, type TestBench } from './helpers.js';

async function settled(bench: TestBench, importId: string): Promise<ImportProgress> {
  for (;;) {
    const progress = bench.ok('getCsvImport', { importId });
    if (!['reading', 'applying'].includes(progress.state)) return progress;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends `bytes` as the page does: pieces of UPLOAD_PIECE_BYTES, in order. */
function send(bench: TestBench, uploadId: string, fileIndex: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_PIECE_BYTES) {
    const piece = bytes.subarray(offset, offset + UPLOAD_PIECE_BYTES);
    expect(bench.ok('sendCsvUploadPiece', { uploadId, fileIndex, offset, base64: piece.toString('base64') })).toEqual({ received: offset + piece.length });
  }
}

const uploadsOf = (bench: TestBench) => join(bench.dir, 'csv-uploads', 'bench.db');
const leftInUploads = (bench: TestBench) => (existsSync(uploadsOf(bench)) ? readdirSync(uploadsOf(bench)) : []);

describe('files sent from the page in pieces', () => {
  it('import whole as a stream, characters cut between pieces intact, and the pieces are removed after', async () => {
    const bench = openTestBench();
    bench.product('SKU-1', 'single_use', 80_000);
    // Three-byte characters: most piece boundaries fall inside one.
    const rows = Array.from({ length: 80_000 }, (_, i) => `SKU-1,ÉTIQUETTE-€-${String(i).padStart(6, '0')}`);
    const file = Buffer.from(`${HEADERS.identifiers}\n${rows.join('\n')}\n`);
    expect(file.length).toBeGreaterThan(2 * UPLOAD_PIECE_BYTES);
    const { uploadId } = bench.ok('beginCsvUpload', { files: [{ name: 'serials €.csv', bytes: file.length }] });
    send(bench, uploadId, 0, file);

    const started = bench.ok('startUploadedCsvImport', { uploadId });
    expect(started).toMatchObject({ state: 'reading', fileName: 'serials €.csv', bytesTotal: file.length });
    const ended = await settled(bench, started.importId);
    expect(ended.error).toBeNull();
    expect(ended.state).toBe('done');
    expect(ended.summary!.files).toEqual([{ name: 'serials €.csv', kind: 'identifiers', rows: 80_000, added: 80_000, updated: 0, unchanged: 0 }]);
    expect(bench.ok('lookupIdentifier', { value: 'ÉTIQUETTE-€-079999' }).matches).toHaveLength(1);
    expect(leftInUploads(bench)).toEqual([]);
    // Taken once: the same upload cannot start a second import.
    expect(bench.refused('startUploadedCsvImport', { uploadId }).message).toMatch(/no longer on this bench/);
  });

  it('writes the byte counts of a refused piece with their thousands separated, as the other import messages do', () => {
    const bench = openTestBench();
    const { uploadId } = bench.ok('beginCsvUpload', { files: [{ name: 'serials.csv', bytes: 1_500_000 }] });
    const piece = Buffer.from('sku,identifier\n').toString('base64');
    expect(bench.refused('sendCsvUploadPiece', { uploadId, fileIndex: 0, offset: 1_200_000, base64: piece }).message).toBe(
      'A piece of serials.csv came out of order (at byte 1,200,000, expected 0); nothing was added.',
    );
    const small = bench.ok('beginCsvUpload', { files: [{ name: 'tiny.csv', bytes: 1_000 }] });
    expect(bench.refused('sendCsvUploadPiece', { uploadId: small.uploadId, fileIndex: 0, offset: 0, base64: Buffer.alloc(1_001).toString('base64') }).message).toBe(
      'tiny.csv is longer than the 1,000 bytes it was said to be; nothing was added.',
    );
    bench.ok('sendCsvUploadPiece', { uploadId, fileIndex: 0, offset: 0, base64: piece });
    expect(bench.refused('startUploadedCsvImport', { uploadId }).message).toBe(
      'serials.csv arrived only in part (15 of 1,500,000 bytes); nothing was imported. Choose the files again.',
    );
  });

  it('refuses a piece out of order and a file that arrived only in part; nothing is imported', () => {
    const bench = openTestBench();
    bench.product('SKU-1', 'single_use', 0);
    const file = Buffer.from(`${HEADERS.identifiers}\nSKU-1,A\nSKU-1,B\n`);
    const { uploadId } = bench.ok('beginCsvUpload', { files: [{ name: 'serials.csv', bytes: file.length }] });
    const outOfOrder = bench.refused('sendCsvUploadPiece', { uploadId, fileIndex: 0, offset: 5, base64: file.subarray(5).toString('base64') });
    expect(outOfOrder.message).toBe('A piece of serials.csv came out of order (at byte 5, expected 0); nothing was added.');
    bench.ok('sendCsvUploadPiece', { uploadId, fileIndex: 0, offset: 0, base64: file.subarray(0, 10).toString('base64') });
    const longer = bench.refused('sendCsvUploadPiece', { uploadId, fileIndex: 0, offset: 10, base64: Buffer.concat([file.subarray(10), Buffer.from('x')]).toString('base64') });
    expect(longer.message).toBe(`serials.csv is longer than the ${file.length} bytes it was said to be; nothing was added.`);
    const partial = bench.refused('startUploadedCsvImport', { uploadId });
    expect(partial.message).toBe(`serials.csv arrived only in part (10 of ${file.length} bytes); nothing was imported. Choose the files again.`);
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(0);
    // The page gives up: the upload and its files are gone.
    expect(bench.ok('discardCsvUpload', { uploadId })).toEqual({ discarded: true });
    expect(leftInUploads(bench)).toEqual([]);
    expect(bench.ok('discardCsvUpload', { uploadId })).toEqual({ discarded: false });
  });

  it('refuses bytes that are not UTF-8 naming the file and line, and removes the pieces', async () => {
    const bench = openTestBench();
    bench.product('SKU-1', 'single_use', 0);
    const before = bench.snapshot();
    const file = Buffer.concat([Buffer.from(`${HEADERS.identifiers}\nSKU-1,A\nSKU-1,`), Buffer.from('Caf\xe9', 'latin1'), Buffer.from('\n')]);
    const { uploadId } = bench.ok('beginCsvUpload', { files: [{ name: 'latin1.csv', bytes: file.length }] });
    send(bench, uploadId, 0, file);
    const ended = await settled(bench, bench.ok('startUploadedCsvImport', { uploadId }).importId);
    expect(ended.state).toBe('refused');
    expect(ended.error).toMatchObject({ message: 'latin1.csv is not UTF-8 text; nothing was imported.', issues: [expect.objectContaining({ where: 'latin1.csv line 3' })] });
    expect(bench.snapshot()).toEqual(before);
    expect(leftInUploads(bench)).toEqual([]);
  });

  it("names the line of bytes that are not UTF-8 in a file whose lines end in CR alone (Excel for Mac's \"CSV (Macintosh)\"), or mixed", async () => {
    const bench = openTestBench();
    bench.product('SKU-1', 'single_use', 0);
    const before = bench.snapshot();
    // Mac Roman "é" (0x8E) on line 4, as Excel for Mac saves it: lines end in CR; then the same in a file mixing CRLF, LF and CR.
    const macFile = Buffer.concat([Buffer.from(`${HEADERS.identifiers}\rSKU-1,A\rSKU-1,B\rSKU-1,Caf`), Buffer.from([0x8e]), Buffer.from('\r')]);
    const mixedFile = Buffer.concat([Buffer.from(`${HEADERS.identifiers}\r\nSKU-1,A\nSKU-1,B\rSKU-1,C\r\nSKU-1,Caf`), Buffer.from([0xe9]), Buffer.from('\n')]);
    for (const [name, file, line] of [['mac.csv', macFile, 4], ['mixed.csv', mixedFile, 5]] as const) {
      const { uploadId } = bench.ok('beginCsvUpload', { files: [{ name, bytes: file.length }] });
      send(bench, uploadId, 0, file);
      const ended = await settled(bench, bench.ok('startUploadedCsvImport', { uploadId }).importId);
      expect(ended.error).toMatchObject({ message: `${name} is not UTF-8 text; nothing was imported.`, issues: [expect.objectContaining({ where: `${name} line ${line}` })] });
    }
    // The same line named for text that arrived whole with a broken character (importCsv).
    const text = bench.fail('importCsv', { files: [{ name: 'mac-text.csv', content: `${HEADERS.identifiers}\rSKU-1,A\rSKU-1,B\rSKU-1,\uD800\r` }] });
    expect(text.issues).toEqual([expect.objectContaining({ where: 'mac-text.csv line 4' })]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses file names with folders or control characters, naming the field; a backslash is part of a name', () => {
    const bench = openTestBench();
    for (const name of ['../bench.db', 'tab\there.csv', '..']) {
      const refused = bench.refused('beginCsvUpload', { files: [{ name, bytes: 10 }] });
      expect(refused.issues.map((issue) => issue.where)).toEqual(['files.0.name']);
    }
    expect(leftInUploads(bench)).toEqual([]);
    // Unzipped from a Windows archive on Linux: stored by number, named as chosen.
    const { uploadId } = bench.ok('beginCsvUpload', { files: [{ name: 'exports\\orders.csv', bytes: 10 }] });
    expect(readdirSync(join(uploadsOf(bench), uploadId))).toEqual(['0.csv']);
    expect(bench.refused('startUploadedCsvImport', { uploadId }).message).toBe('exports\\orders.csv arrived only in part (0 of 10 bytes); nothing was imported. Choose the files again.');
  });
});

describe('room and leftovers of uploads (csv-uploads.ts, on a real folder)', () => {
  const MB = 1024 * 1024;
  const folderOf = () => tempDir('csv-uploads-');

  it('takes a small file on a disk with little room, and refuses what does not fit, saying how much it needs and has', () => {
    const folder = folderOf();
    let free = 400 * MB;
    const uploads = createCsvUploads(folder, { freeBytes: () => free });
    expect(uploads.begin([{ name: 'orders.csv', bytes: 5 * 1024 }])).toMatch(/^[0-9a-f-]{36}$/);
    let refused = refusalOf(() => uploads.begin([{ name: 'catalogue.csv', bytes: 300 * MB }]));
    expect(refused).toMatchObject({
      code: 'disk_full',
      message: "catalogue.csv needs about 600 MB free on the bench's disk (the files and room for the database to grow), and 400 MB are free; nothing was sent. Free some space on the disk, then try again.",
    });
    // An upload still on its way counts with the bytes it has yet to send.
    free = 3_800 * MB;
    uploads.begin([{ name: 'big.csv', bytes: 1_500 * MB }]);
    refused = refusalOf(() => uploads.begin([{ name: 'a.csv', bytes: 600 * MB }, { name: 'b.csv', bytes: 600 * MB }]));
    expect(refused.message).toMatch(/^These 2 files need about 3,900 MB free on the bench's disk \(the files and room for the database to grow, and 1,500 MB of other uploads still being sent\), and 3,800 MB are free;/);
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it('drops an upload its page stopped sending once the next one begins', () => {
    const folder = folderOf();
    let now = 1_000_000;
    const uploads = createCsvUploads(folder, { freeBytes: () => null, now: () => now });
    const left = uploads.begin([{ name: 'left.csv', bytes: 10 }]);
    now += UPLOAD_IDLE_MS - 1;
    const kept = uploads.begin([{ name: 'kept.csv', bytes: 10 }]);
    expect(readdirSync(folder).sort()).toEqual([kept, left].sort());
    now += 2;
    uploads.append(kept, 0, 0, Buffer.from('sku').toString('base64'));
    const next = uploads.begin([{ name: 'next.csv', bytes: 10 }]);
    expect(readdirSync(folder).sort()).toEqual([kept, next].sort());
    expect(refusalOf(() => uploads.append(left, 0, 0, 'AA==')).code).toBe('not_found');
  });

  it('names the file the bench could not write, and the upload stops', () => {
    const folder = folderOf();
    const uploads = createCsvUploads(folder, { freeBytes: () => null });
    const uploadId = uploads.begin([{ name: 'serials.csv', bytes: 10 }]);
    // The piece's file turned into a folder (a real EISDIR, as a locked or unwritable file would fail).
    const piece = join(folder, uploadId, '0.csv');
    rmSync(piece);
    mkdirSync(piece);
    const refused = refusalOf(() => uploads.append(uploadId, 0, 0, Buffer.from('sku').toString('base64')));
    expect(refused.message).toBe(
      "serials.csv could not be written to the bench's data folder (EISDIR); nothing was imported. Check that the folder can be written to, then choose the files again.",
    );
    expect(readdirSync(folder)).toEqual([]);
    // The folder itself cannot be made (a file is in its way).
    const blocked = join(folderOf(), 'uploads');
    writeFileSync(blocked, '');
    const cannot = refusalOf(() => createCsvUploads(blocked, { freeBytes: () => null }).begin([{ name: 'orders.csv', bytes: 10 }]));
    expect(cannot.message).toMatch(/^orders\.csv could not be written to the bench's data folder \((ENOTDIR|EEXIST)\)/);
  });
});

function refusalOf(call: () => unknown): BenchError {
  try {
    call();
  } catch (error) {
    if (error instanceof BenchError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
