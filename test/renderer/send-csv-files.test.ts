// @vitest-environment happy-dom
/**
 * The Import screen's sending of chosen files (send-csv-files.ts): pieces of UPLOAD_PIECE_BYTES, in
 * order, each at the offset it starts at, whose bytes add up to the file; Cancel (an aborted signal)
 * stops between pieces and drops the upload.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_CANCELLED, MAX_UPLOAD_NAME_LENGTH, UPLOAD_PIECE_BYTES } from '../../shared/contract/import-schemas.js';
import type { BenchApi } from '../../shared/contract/api.js';
import { MAX_SHOWN_NAME_CHARS, sendCsvFiles } from '../../renderer/screens/setup/send-csv-files.js';

function recordingApi() {
  const pieces: Array<{ fileIndex: number; offset: number; bytes: Buffer }> = [];
  const discarded: string[] = [];
  const api = {
    beginCsvUpload: async () => ({ ok: true, value: { uploadId: '7f1c2a9e-2b1e-4f3a-9d3c-2a6b9f0c1d2e' } }),
    sendCsvUploadPiece: async ({ fileIndex, offset, base64 }: { fileIndex: number; offset: number; base64: string }) => {
      const bytes = Buffer.from(base64, 'base64');
      pieces.push({ fileIndex, offset, bytes });
      return { ok: true, value: { received: offset + bytes.length } };
    },
    discardCsvUpload: async ({ uploadId }: { uploadId: string }) => {
      discarded.push(uploadId);
      return { ok: true, value: { discarded: true } };
    },
  } as unknown as BenchApi;
  return { api, pieces, discarded };
}

describe('sending chosen files', () => {
  it('sends each file in order, in pieces whose bytes add up to it', async () => {
    const big = Buffer.alloc(UPLOAD_PIECE_BYTES * 2 + 123, 0);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    const { api, pieces } = recordingApi();
    const progress: number[] = [];
    const sent = await sendCsvFiles(api, [new File([big], 'big.csv'), new File(['sku,identifier\nA,€\n'], 'small.csv')], (p) => progress.push(p.bytesSent));
    expect(sent).toEqual({ ok: true, value: { uploadId: '7f1c2a9e-2b1e-4f3a-9d3c-2a6b9f0c1d2e' } });
    expect(pieces.map((p) => [p.fileIndex, p.offset])).toEqual([
      [0, 0],
      [0, UPLOAD_PIECE_BYTES],
      [0, UPLOAD_PIECE_BYTES * 2],
      [1, 0],
    ]);
    expect(Buffer.concat(pieces.filter((p) => p.fileIndex === 0).map((p) => p.bytes)).equals(big)).toBe(true);
    expect(pieces[3]!.bytes.toString('utf8')).toBe('sku,identifier\nA,€\n');
    expect(progress.at(-1)).toBe(big.length + Buffer.byteLength('sku,identifier\nA,€\n'));
  });

  it('stops between pieces when cancelled, and drops what was sent', async () => {
    const { api, pieces, discarded } = recordingApi();
    const controller = new AbortController();
    const sent = await sendCsvFiles(api, [new File([Buffer.alloc(UPLOAD_PIECE_BYTES * 3)], 'big.csv')], () => controller.abort(), controller.signal);
    expect(sent).toEqual({ ok: false, error: { code: 'cancelled', message: IMPORT_CANCELLED, issues: [] } });
    expect(pieces).toHaveLength(1);
    expect(discarded).toEqual(['7f1c2a9e-2b1e-4f3a-9d3c-2a6b9f0c1d2e']);
  });
});

describe('chosen files the bench would refuse by name or size', () => {
  it('names every such file in one refusal, its long name cut at MAX_SHOWN_NAME_CHARS, and sends nothing', async () => {
    const { api, pieces } = recordingApi();
    const long = `${'n'.repeat(MAX_UPLOAD_NAME_LENGTH)}.csv`;
    const sent = await sendCsvFiles(api, [new File(['x'], 'tab\there.csv'), new File(['sku,identifier\n'], 'fine.csv'), new File(['x'], long)], () => {});
    expect(sent).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: '2 of the chosen files cannot be imported; nothing was imported.',
        issues: [
          { where: 'tab?here.csv', message: 'It has a control character in its name; rename the file and choose it again.' },
          { where: `${long.slice(0, MAX_SHOWN_NAME_CHARS)}…`, message: `It has a name longer than ${MAX_UPLOAD_NAME_LENGTH} characters; rename the file and choose it again.` },
        ],
      },
    });
    expect(pieces).toEqual([]);
  });
});
