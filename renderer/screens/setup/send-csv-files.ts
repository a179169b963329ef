/**
 * Sends chosen CSV files to the core in pieces (import-schemas.ts: beginCsvUpload, sendCsvUploadPiece),
 * one slice of the file read at a time, so the page never holds a whole file however large it is, and
 * never busies itself decoding one: the core reads what arrived as a stream, with the same checks
 * (UTF-8, lines) as a file imported from disk.
 */
import type { BenchApi } from '../../../shared/contract/api.js';
import {
  IMPORT_CANCELLED,
  MAX_UPLOAD_FILE_BYTES,
  MAX_UPLOAD_FILES,
  MAX_UPLOAD_NAME_LENGTH,
  UPLOAD_PIECE_BYTES,
} from '../../../shared/contract/import-schemas.js';
import type { BenchErrorData, Result } from '../../../shared/contract/result.js';
import { sizeOfText, sizeText } from '../../components/format-size.js';

export const MAX_IMPORT_FILES = MAX_UPLOAD_FILES;

export interface SendProgress {
  fileName: string;
  bytesSent: number;
  bytesTotal: number;
}

/**
 * "Sending x.csv (12 KB)…", "Sending 3 files (3.0 of 50.0 MB)…": files of one piece or less go in one
 * call, so only their size is said; larger ones say how far they got.
 */
export function sendingText(what: string, bytesSent: number, bytesTotal: number): string {
  const size = bytesTotal <= UPLOAD_PIECE_BYTES ? sizeText(bytesTotal) : sizeOfText(bytesSent, bytesTotal);
  return `Sending ${what} (${size})…`;
}

const CANCELLED: Result<never> = { ok: false, error: { code: 'cancelled', message: IMPORT_CANCELLED, issues: [] } };

/**
 * Answers the upload's id once every byte arrived; a file that went away meanwhile is refused, naming
 * it. Aborting `signal` (Cancel, or the page left) stops between pieces, or once the last one is in,
 * and drops what was sent: the import is never started then.
 */
export async function sendCsvFiles(
  api: BenchApi,
  files: readonly File[],
  onProgress: (progress: SendProgress) => void,
  signal?: AbortSignal,
): Promise<Result<{ uploadId: string }>> {
  const unfit = unfitFile(files);
  if (unfit) return { ok: false, error: unfit };
  const begun = await api.beginCsvUpload({ files: files.map((file) => ({ name: file.name, bytes: file.size })) });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  const cancelled = () => {
    void api.discardCsvUpload({ uploadId });
    return CANCELLED;
  };
  const bytesTotal = files.reduce((n, file) => n + file.size, 0);
  let bytesSent = 0;
  for (const [fileIndex, file] of files.entries()) {
    for (let offset = 0; offset < file.size; offset += UPLOAD_PIECE_BYTES) {
      if (signal?.aborted) return cancelled();
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
  // Cancel pressed while the last piece was on its way (for most files, the only one).
  if (signal?.aborted) return cancelled();
  return { ok: true, value: { uploadId } };
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
const GB = 1024 * 1024 * 1024;

/** A file name in a message is cut here: a name may be up to MAX_UPLOAD_NAME_LENGTH characters, too long to read in a line. */
export const MAX_SHOWN_NAME_CHARS = 80;

/** Why the bench would refuse `file` by its name or size ("has a control character in its name; …"), or null. */
function unfitReason(file: File): string | null {
  if (file.size > MAX_UPLOAD_FILE_BYTES) {
    return `is ${(file.size / GB).toFixed(1)} GB, larger than the ${MAX_UPLOAD_FILE_BYTES / GB} GB the bench imports at once (is it the right file?)`;
  }
  if (file.name.length > MAX_UPLOAD_NAME_LENGTH) return `has a name longer than ${MAX_UPLOAD_NAME_LENGTH} characters; rename the file and choose it again`;
  if (file.name.search(CONTROL) !== -1) return 'has a control character in its name; rename the file and choose it again';
  return null;
}

const CHOSEN_TWICE = 'is chosen twice: choose each file once (if two different files have that name, rename one)';

function shownName(name: string): string {
  const cut = name.length > MAX_SHOWN_NAME_CHARS ? `${name.slice(0, MAX_SHOWN_NAME_CHARS)}…` : name;
  return cut.replace(CONTROL, '?');
}

/**
 * The chosen files the bench would refuse by their name or size, or chosen twice, said before any byte is sent: every
 * one of them at once (not the first only, the next found on the next try), each named.
 */
function unfitFile(files: readonly File[]): BenchErrorData | null {
  const timesChosen = new Map<string, number>();
  const unfit = files.flatMap((file) => {
    const times = (timesChosen.get(file.name) ?? 0) + 1;
    timesChosen.set(file.name, times);
    // Its lines would be refused as each listed twice, in a file of the same name: the file is what was doubled.
    const why = unfitReason(file) ?? (times === 2 ? CHOSEN_TWICE : null);
    return why === null ? [] : [{ name: shownName(file.name), why }];
  });
  if (!unfit.length) return null;
  if (unfit.length === 1) return { code: 'invalid_argument', message: `${unfit[0]!.name} ${unfit[0]!.why}; nothing was imported.`, issues: [] };
  return {
    code: 'invalid_argument',
    message: `${unfit.length} of the chosen files cannot be imported; nothing was imported.`,
    issues: unfit.map(({ name, why }) => ({ where: name, message: `It ${why}.` })),
  };
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
