/**
 * Sends chosen CSV files to the core in pieces (import-schemas.ts: beginCsvUpload, sendCsvUploadPiece),
 * one slice of the file read at a time, so the page never holds a whole file however large it is, and
 * never busies itself decoding one: the core reads what arrived as a stream, with the same checks
 * (UTF-8, lines) as a file imported from disk.
 */
import type { BenchApi } from '../../../shared/contract/api.js';
import { IMPORT_CANCELLED, MAX_UPLOAD_FILES, UPLOAD_PIECE_BYTES } from '../../../shared/contract/import-schemas.js';
import type { BenchErrorData, Result } from '../../../shared/contract/result.js';

export const MAX_IMPORT_FILES = MAX_UPLOAD_FILES;

export interface SendProgress {
  fileName: string;
  bytesSent: number;
  bytesTotal: number;
}

/**
 * Answers the upload's id once every byte arrived; a file that went away meanwhile is refused, naming
 * it. Aborting `signal` (Cancel, or the page left) stops between pieces and drops what was sent.
 */
export async function sendCsvFiles(
  api: BenchApi,
  files: readonly File[],
  onProgress: (progress: SendProgress) => void,
  signal?: AbortSignal,
): Promise<Result<{ uploadId: string }>> {
  const begun = await api.beginCsvUpload({ files: files.map((file) => ({ name: file.name, bytes: file.size })) });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  const bytesTotal = files.reduce((n, file) => n + file.size, 0);
  let bytesSent = 0;
  for (const [fileIndex, file] of files.entries()) {
    for (let offset = 0; offset < file.size; offset += UPLOAD_PIECE_BYTES) {
      if (signal?.aborted) {
        void api.discardCsvUpload({ uploadId });
        return { ok: false, error: { code: 'cancelled', message: IMPORT_CANCELLED, issues: [] } };
      }
      let piece: Uint8Array;
      try {
        piece = new Uint8Array(await file.slice(offset, offset + UPLOAD_PIECE_BYTES).arrayBuffer());
      } catch (error) {
        void api.discardCsvUpload({ uploadId });
        return { ok: false, error: unreadable(file.name, error) };
      }
      const sent = await api.sendCsvUploadPiece({ uploadId, fileIndex, offset, base64: toBase64(piece) });
      if (!sent.ok) {
        void api.discardCsvUpload({ uploadId });
        return sent;
      }
      bytesSent += piece.length;
      onProgress({ fileName: file.name, bytesSent, bytesTotal });
    }
  }
  return { ok: true, value: { uploadId } };
}

function unreadable(name: string, error: unknown): BenchErrorData {
  // The file changed or went away after it was chosen.
  const why = error instanceof Error ? error.message : String(error);
  return { code: 'invalid_argument', message: `${name} could not be read (${why}); nothing was imported. Choose the files again.`, issues: [] };
}

const CHARS_PER_STEP = 0x8000;

function toBase64(bytes: Uint8Array): string {
  // Chromium's own encoder where it has one (Chromium 140+); else through a binary string in steps.
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHARS_PER_STEP) binary += String.fromCharCode(...bytes.subarray(at, at + CHARS_PER_STEP));
  return btoa(binary);
}
