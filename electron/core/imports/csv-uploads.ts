/**
 * Files chosen in the page, received in pieces and written to files of their own in the bench's data
 * folder, so an import from the screen is read as a stream like one from disk (bounded memory,
 * whatever the file's size). Each upload lives in its own folder, removed once its import ends or
 * it is discarded; one left behind by a crash is removed once a day old, when the core opens or the
 * next upload begins (not at once: the CLI may open the same file while a bench's upload is on its way).
 * An upload the disk cannot hold (with room for the database to grow by as much again) is refused
 * before any byte, saying how much it needs; one the page stopped sending (a reload, a crash) is dropped
 * once no piece came for UPLOAD_IDLE_MS, when the next upload begins.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../../../shared/contract/result.js';
import { withThousands } from '../../../shared/domain/counted.js';
import { DISK_FULL_MESSAGE } from '../db/disk-full.js';
import { systemErrorCode } from '../system-error.js';

/** Uploads begun and not yet imported; the oldest is dropped past this many (a page that went away). */
const MAX_PENDING_UPLOADS = 4;
const LEFT_BEHIND_AFTER_MS = 24 * 60 * 60 * 1000;
/** A pending upload with no piece for this long was left by its page: dropped when the next one begins. */
export const UPLOAD_IDLE_MS = 10 * 60 * 1000;

interface PendingUpload {
  files: UploadFile[];
  /** When a piece last came (or the upload began), in ms. */
  touchedAt: number;
}

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

/**
 * Room an upload needs on the disk: its files, and as much again (with a floor) for the database to
 * grow into while they import (rows take about the room of their CSV text, indexes aside).
 */
const MIN_DATABASE_ROOM_BYTES = 16 * 1024 * 1024;
const roomNeededFor = (bytes: number) => bytes + Math.max(bytes, MIN_DATABASE_ROOM_BYTES);

export interface CsvUploadOptions {
  /** The bytes the disk under the folder can take, or null when it cannot be asked (statfs by default). */
  freeBytes?: (folder: string) => number | null;
  now?: () => number;
}

const MB = 1024 * 1024;
const megabytes = (bytes: number, round: (n: number) => number) => withThousands(round(bytes / MB));

function diskFreeBytes(folder: string): number | null {
  try {
    mkdirSync(folder, { recursive: true });
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** A file the bench could not write for a reason other than a full disk (permissions, a locked file...). */
function notWritten(name: string, error: unknown): BenchError {
  const code = systemErrorCode(error);
  if (code === 'ENOSPC') return new BenchError('disk_full', DISK_FULL_MESSAGE);
  return new BenchError(
    'internal',
    `${name} could not be written to the bench's data folder (${code ?? (error instanceof Error ? error.message : String(error))}); nothing was imported. Check that the folder can be written to, then choose the files again.`,
  );
}

export function createCsvUploads(folder: string, options: CsvUploadOptions = {}): CsvUploads {
  const freeBytes = options.freeBytes ?? diskFreeBytes;
  const now = options.now ?? Date.now;
  const pending = new Map<string, PendingUpload>();
  const removeFolder = (uploadId: string) => {
    try {
      rmSync(join(folder, uploadId), { recursive: true, force: true });
    } catch {
      // Nothing of it could be written (the folder is not there to remove), or it goes with the day-old ones.
    }
  };
  const drop = (uploadId: string) => {
    pending.delete(uploadId);
    removeFolder(uploadId);
  };

  function filesOf(uploadId: string): UploadFile[] {
    const upload = pending.get(uploadId);
    if (!upload) throw new BenchError('not_found', 'That upload is no longer on this bench (it was imported, discarded or the bench restarted); choose the files again.');
    upload.touchedAt = now();
    return upload.files;
  }

  /** Bytes the uploads still being sent will add. */
  const bytesToCome = () => [...pending.values()].reduce((n, upload) => n + upload.files.reduce((m, f) => m + f.bytes - f.received, 0), 0);

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

  return {
    begin(files) {
      removeLeftBehind();
      for (const [uploadId, upload] of pending) if (now() - upload.touchedAt > UPLOAD_IDLE_MS) drop(uploadId);
      const free = freeBytes(folder);
      const total = files.reduce((n, file) => n + file.bytes, 0);
      const underWay = bytesToCome();
      const needed = roomNeededFor(total) + underWay;
      if (free !== null && needed > free) {
        const what = files.length === 1 ? files[0]!.name : `These ${files.length} files`;
        const others = Math.round(underWay / MB) > 0 ? `, and ${megabytes(underWay, Math.round)} MB of other uploads still being sent` : '';
        throw new BenchError(
          'disk_full',
          `${what} need${files.length === 1 ? 's' : ''} about ${megabytes(needed, Math.round)} MB free on the bench's disk (the files and room for the database to grow${others}), and ${megabytes(free, Math.floor)} MB are free; nothing was sent. Free some space on the disk, then try again.`,
        );
      }
      // Only once this one is taken: a refused begin leaves the others' uploads alone.
      while (pending.size >= MAX_PENDING_UPLOADS) drop(pending.keys().next().value!);
      const uploadId = randomUUID();
      // Stored by number: the packer's name (any characters the page allows) is kept for messages only.
      const dir = join(folder, uploadId);
      const entries = files.map((file, index) => ({ name: file.name, path: join(dir, `${index}.csv`), bytes: file.bytes, received: 0 }));
      let current = entries[0]!.name;
      try {
        mkdirSync(dir, { recursive: true });
        for (const entry of entries) {
          current = entry.name;
          writeFileSync(entry.path, '');
        }
      } catch (error) {
        removeFolder(uploadId);
        throw notWritten(current, error);
      }
      pending.set(uploadId, { files: entries, touchedAt: now() });
      return uploadId;
    },
    append(uploadId, fileIndex, offset, base64) {
      const file = filesOf(uploadId)[fileIndex];
      if (!file) throw new BenchError('invalid_argument', `This upload has no file number ${fileIndex + 1}.`);
      if (offset !== file.received) {
        throw new BenchError('conflict', `A piece of ${file.name} came out of order (at byte ${withThousands(offset)}, expected ${withThousands(file.received)}); nothing was added.`);
      }
      const piece = Buffer.from(base64, 'base64');
      if (file.received + piece.length > file.bytes) {
        throw new BenchError('invalid_argument', `${file.name} is longer than the ${withThousands(file.bytes)} bytes it was said to be; nothing was added.`);
      }
      try {
        appendFileSync(file.path, piece);
      } catch (error) {
        // Part of the piece may be in the file: the upload cannot go on.
        drop(uploadId);
        throw notWritten(file.name, error);
      }
      file.received += piece.length;
      return file.received;
    },
    take(uploadId) {
      const files = filesOf(uploadId);
      const short = files.find((file) => file.received !== file.bytes);
      if (short) {
        throw new BenchError('conflict', `${short.name} arrived only in part (${withThousands(short.received)} of ${withThousands(short.bytes)} bytes); nothing was imported. Choose the files again.`);
      }
      pending.delete(uploadId);
      return { files: files.map(({ path, name }) => ({ path, name })), remove: () => removeFolder(uploadId) };
    },
    discard(uploadId) {
      if (!pending.has(uploadId)) return false;
      drop(uploadId);
      return true;
    },
  };
}
