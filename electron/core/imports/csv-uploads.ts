/**
 * Files chosen in the page, received in pieces and written to files of their own in the bench's data
 * folder, so an import from the screen is read as a stream like one from disk (bounded memory,
 * whatever the file's size). Each upload lives in its own folder, removed once its import ends or
 * it is discarded; one left behind by a crash is removed by the next upload once a day old (not at
 * once: the CLI may open the same file while the bench's own upload is on its way).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../../../shared/contract/result.js';

/** Uploads begun and not yet imported; the oldest is dropped past this many (a page that went away). */
const MAX_PENDING_UPLOADS = 4;
const LEFT_BEHIND_AFTER_MS = 24 * 60 * 60 * 1000;

interface UploadFile {
  name: string;
  path: string;
  bytes: number;
  received: number;
}

export interface TakenUpload {
  paths: string[];
  /** Removes the upload's files (once its import has ended). */
  remove(): void;
}

export interface CsvUploads {
  begin(files: Array<{ name: string; bytes: number }>): string;
  /** Appends a piece at `offset` (the bytes received so far); answers the bytes received now. */
  append(uploadId: string, fileIndex: number, offset: number, base64: string): number;
  /** Hands over a complete upload's files; it is no longer pending. */
  take(uploadId: string): TakenUpload;
  discard(uploadId: string): boolean;
}

export function createCsvUploads(folder: string): CsvUploads {
  const pending = new Map<string, UploadFile[]>();
  const removeFolder = (uploadId: string) => rmSync(join(folder, uploadId), { recursive: true, force: true });

  function filesOf(uploadId: string): UploadFile[] {
    const files = pending.get(uploadId);
    if (!files) throw new BenchError('not_found', 'That upload is no longer on this bench (it was imported, discarded or the bench restarted); choose the files again.');
    return files;
  }

  function removeLeftBehind(): void {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      try {
        if (Date.now() - statSync(join(folder, name)).mtimeMs > LEFT_BEHIND_AFTER_MS) removeFolder(name);
      } catch {
        // Gone meanwhile.
      }
    }
  }

  return {
    begin(files) {
      removeLeftBehind();
      while (pending.size >= MAX_PENDING_UPLOADS) {
        const oldest = pending.keys().next().value!;
        pending.delete(oldest);
        removeFolder(oldest);
      }
      const uploadId = randomUUID();
      const entries = files.map((file, index) => {
        // A folder per file keeps the file's own name (messages name it) even when two share a name.
        const dir = join(folder, uploadId, String(index));
        mkdirSync(dir, { recursive: true });
        const path = join(dir, file.name);
        writeFileSync(path, '');
        return { name: file.name, path, bytes: file.bytes, received: 0 };
      });
      pending.set(uploadId, entries);
      return uploadId;
    },
    append(uploadId, fileIndex, offset, base64) {
      const file = filesOf(uploadId)[fileIndex];
      if (!file) throw new BenchError('invalid_argument', `This upload has no file number ${fileIndex + 1}.`);
      if (offset !== file.received) {
        throw new BenchError('conflict', `A piece of ${file.name} came out of order (at byte ${offset}, expected ${file.received}); nothing was added.`);
      }
      const piece = Buffer.from(base64, 'base64');
      if (file.received + piece.length > file.bytes) {
        throw new BenchError('invalid_argument', `${file.name} is longer than the ${file.bytes} bytes it was said to be; nothing was added.`);
      }
      appendFileSync(file.path, piece);
      file.received += piece.length;
      return file.received;
    },
    take(uploadId) {
      const files = filesOf(uploadId);
      const short = files.find((file) => file.received !== file.bytes);
      if (short) {
        throw new BenchError('conflict', `${short.name} arrived only in part (${short.received} of ${short.bytes} bytes); nothing was imported. Choose the files again.`);
      }
      pending.delete(uploadId);
      return { paths: files.map((file) => file.path), remove: () => removeFolder(uploadId) };
    },
    discard(uploadId) {
      if (!pending.delete(uploadId)) return false;
      removeFolder(uploadId);
      return true;
    },
  };
}
