/**
 * Files chosen in the page, received in pieces and written to files of their own in the bench's data
 * folder, so an import from the screen is read as a stream like one from disk (bounded memory,
 * whatever the file's size). Each upload lives in its own folder, removed once its import ends or
 * it is discarded; one left behind by a crash is removed once a day old, when the core opens or the
 * next upload begins (not at once: the CLI may open the same file while a bench's upload is on its way).
 * An upload the disk cannot hold (with room to spare for the database) is refused before any byte.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../../../shared/contract/result.js';
import { DISK_FULL_MESSAGE } from '../db/disk-full.js';
import { systemErrorCode } from '../system-error.js';

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
  /** Each file where it was written, and its name as the packer chose it (for messages). */
  files: Array<{ path: string; name: string }>;
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

/** Room left on the disk beyond the uploads, for the database to grow into while they import. */
const DISK_HEADROOM_BYTES = 512 * 1024 * 1024;

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

  removeLeftBehind();

  /** The bytes the disk under `folder` can take, or null when it cannot be asked. */
  function freeBytes(): number | null {
    try {
      mkdirSync(folder, { recursive: true });
      const stats = statfsSync(folder);
      return stats.bavail * stats.bsize;
    } catch {
      return null;
    }
  }

  return {
    begin(files) {
      removeLeftBehind();
      const free = freeBytes();
      const total = files.reduce((n, file) => n + file.bytes, 0);
      if (free !== null && total + DISK_HEADROOM_BYTES > free) throw new BenchError('disk_full', DISK_FULL_MESSAGE);
      while (pending.size >= MAX_PENDING_UPLOADS) {
        const oldest = pending.keys().next().value!;
        pending.delete(oldest);
        removeFolder(oldest);
      }
      const uploadId = randomUUID();
      const entries = files.map((file, index) => {
        // A folder per file keeps the file's own name (messages name it) even when two share a name.
        // Stored by number: the packer's name (any characters the page allows) is kept for messages only.
        const dir = join(folder, uploadId);
        mkdirSync(dir, { recursive: true });
        const path = join(dir, `${index}.csv`);
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
      try {
        appendFileSync(file.path, piece);
      } catch (error) {
        if (systemErrorCode(error) === 'ENOSPC') throw new BenchError('disk_full', DISK_FULL_MESSAGE);
        throw error;
      }
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
      return { files: files.map(({ path, name }) => ({ path, name })), remove: () => removeFolder(uploadId) };
    },
    discard(uploadId) {
      if (!pending.delete(uploadId)) return false;
      removeFolder(uploadId);
      return true;
    },
  };
}
