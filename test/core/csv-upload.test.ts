/**
 * Files chosen in the page reach the core in pieces (beginCsvUpload, sendCsvUploadPiece) and import
 * as a stream (startUploadedCsvImport), on a real bench file: a multi-piece file with characters cut
 * across pieces imports whole and its pieces are removed; a piece out of order, a file that arrived
 * only in part, bytes that are not UTF-8 and names with folders are refused, naming what is wrong,
 * and change nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/contract/api.js';
import { UPLOAD_PIECE_BYTES } from '../../shared/contract/import-schemas.js';
import { HEADERS, openTestBench, type TestBench } from './helpers.js';

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

  it('refuses file names with folders or control characters, naming the field', () => {
    const bench = openTestBench();
    for (const name of ['../bench.db', 'a\\b.csv', 'tab\there.csv', '..']) {
      const refused = bench.refused('beginCsvUpload', { files: [{ name, bytes: 10 }] });
      expect(refused.issues.map((issue) => issue.where)).toEqual(['files.0.name']);
    }
    expect(leftInUploads(bench)).toEqual([]);
  });
});
