/**
 * The streaming CSV import use case: files are read as streams (bounded memory whatever their size),
 * checked row by row and staged, then applied in one transaction (import-run.ts). It reports progress
 * (rows and bytes read, rows applied) and stops on an AbortSignal; a stopped or refused import changes
 * nothing. One import runs at a time per bench.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportSummary } from '../../../shared/contract/api.js';
import { IMPORT_BUSY, IMPORT_CANCELLED, type ImportCounts } from '../../../shared/contract/import-schemas.js';
import { BenchError } from '../../../shared/contract/result.js';
import { withThousands } from '../../../shared/domain/counted.js';
import { DATABASE_BUSY_MESSAGE, DISK_FULL_MESSAGE, isDatabaseBusy, isDiskFull } from '../db/disk-full.js';
import { isSeparatorLine } from './csv-files.js';
import { readCsvStream, refuseBrokenText } from './csv-readers.js';
import type { FileStage, ImportReading, ImportRun } from './import-run.js';
import type { DateOrder } from '../../../shared/identifiers/use-by-dates.js';
import { UnreadFiles } from './unread-files.js';

export interface CsvSource {
  name: string;
  /** Bytes, for progress. */
  size: number;
  /** Whether every byte of `size` must be read (false for a pipe, whose size is not known ahead). */
  sizeIsKnown?: boolean;
  open(): Readable;
}

export interface ImportOptions {
  signal?: AbortSignal;
  /** Called at most every PROGRESS_INTERVAL_MS while the import runs, and once more when reading ends. */
  onProgress?: (counts: ImportCounts) => void;
  /** Asked between the save's steps (no call or timer runs meanwhile): it may abort `signal`. */
  hearCancels?: () => void;
  /** How the files' D/M/YYYY dates are read: the order of the screen that sent them (else the bench process's). */
  dateOrder?: DateOrder;
}

export type StreamingImport = (sources: CsvSource[], options?: ImportOptions) => Promise<ImportSummary>;

const PROGRESS_INTERVAL_MS = 100;
const READ_CHUNK_BYTES = 256 * 1024;
const YIELD_EVERY_ROWS = 2_000;

/** A file on disk, read as a stream, named in messages by `name` (its own name unless given). */
export function fileSource(path: string, name = basename(path)): CsvSource {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new BenchError('not_found', `Cannot read ${name}: ${(error as Error).message}`);
  }
  return { name, size: stats.size, sizeIsKnown: stats.isFile(), open: () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) };
}

/**
 * Files on disk named by their own names, except where two share one (orders.csv from two folders):
 * those are named by their paths as given, so a refusal says which one it means.
 */
export function fileSources(paths: readonly string[]): CsvSource[] {
  const seen = new Map<string, number>();
  for (const path of paths) seen.set(basename(path), (seen.get(basename(path)) ?? 0) + 1);
  return paths.map((path) => fileSource(path, seen.get(basename(path))! > 1 ? path : basename(path)));
}

/** Text that arrived whole in a call, read in chunks like a file (never cutting a surrogate pair). */
export function textSource(name: string, content: string): CsvSource {
  refuseBrokenText(name, content);
  const charsPerChunk = READ_CHUNK_BYTES / 4;
  return {
    name,
    size: Buffer.byteLength(content),
    open: () =>
      Readable.from(
        (function* chunks() {
          for (let at = 0; at < content.length; ) {
            let end = Math.min(at + charsPerChunk, content.length);
            const last = content.charCodeAt(end - 1);
            if (end < content.length && last >= 0xd800 && last <= 0xdbff) end--;
            yield Buffer.from(content.slice(at, end));
            at = end;
          }
        })(),
        { objectMode: false },
      ),
  };
}

/** Serialises imports: the staging tables are one per bench. */
export class ImportGate {
  private running = false;
  enter(): void {
    if (this.running) throw new BenchError('conflict', IMPORT_BUSY);
    this.running = true;
  }
  leave(): void {
    this.running = false;
  }
}

export function createStreamingImport(openRun: (reading?: ImportReading) => ImportRun, gate: ImportGate): StreamingImport {
  return async (sources, options = {}) => {
    const { signal, onProgress, hearCancels, dateOrder } = options;
    const counts: ImportCounts = {
      state: 'reading',
      fileName: null,
      fileNumber: null,
      fileCount: sources.length,
      rowsRead: 0,
      bytesRead: 0,
      bytesTotal: sources.reduce((n, s) => n + s.size, 0),
      rowsApplied: 0,
      rowsTotal: 0,
    };
    let lastReport = 0;
    const report = (force = false) => {
      const now = Date.now();
      if (!onProgress || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return;
      lastReport = now;
      onProgress({ ...counts });
    };
    const stopIfCancelled = () => {
      if (signal?.aborted) throw new BenchError('cancelled', IMPORT_CANCELLED);
    };

    stopIfCancelled();
    gate.enter();
    const run = openRun(dateOrder ? { dateOrder } : {});
    try {
      const unread = new UnreadFiles();
      for (const [index, source] of sources.entries()) {
        counts.fileName = source.name;
        counts.fileNumber = index + 1;
        report(true);
        let sourceBytes = 0;
        try {
          const batches = readCsvStream(source.name, source.open(), {
            signal,
            onBytes: (n) => {
              counts.bytesRead += n;
              sourceBytes += n;
            },
          });
          let file: FileStage | null = null;
          for await (const batch of batches) {
            let from = 0;
            if (!file) {
              if (isSeparatorLine(source.name, batch[0]!)) from = 1;
              if (from === batch.length) continue;
              file = run.addFile(source.name, batch[from]);
              from++;
            }
            for (let i = from; i < batch.length; i++) {
              stopIfCancelled();
              file.add(batch[i]!);
              counts.rowsRead++;
              report();
              // A parser with data buffered answers at once: let timers and requests (a Cancel) in.
              if (counts.rowsRead % YIELD_EVERY_ROWS === 0) await new Promise(setImmediate);
            }
          }
          // A file with no records at all is refused for its missing header.
          if (!file) run.addFile(source.name, undefined);
        } catch (error) {
          stopIfCancelled();
          unread.note(source.name, error);
          // Its bytes not read are counted as read, so the progress bar still ends full.
          counts.bytesRead += Math.max(0, source.size - sourceBytes);
          continue;
        }
        // A file written to or cut short while it was read would import a part, its last row cut.
        if (source.sizeIsKnown !== false && sourceBytes !== source.size) {
          throw new BenchError(
            'conflict',
            `${source.name} changed while it was being imported (${withThousands(source.size)} bytes when the import started, ${withThousands(sourceBytes)} read); nothing was imported. Import it again once it is complete.`,
          );
        }
      }
      stopIfCancelled();
      unread.throwIfAny(sources.map((s) => s.name), () => run.lineIssues(unread.names));
      counts.state = 'applying';
      counts.fileName = null;
      counts.fileNumber = null;
      counts.rowsTotal = counts.rowsRead;
      report(true);
      return run.apply(({ rowsApplied }) => {
        counts.rowsApplied = rowsApplied;
        hearCancels?.();
        stopIfCancelled();
        report();
      });
    } catch (error) {
      if (isDiskFull(error)) throw new BenchError('disk_full', DISK_FULL_MESSAGE);
      if (isDatabaseBusy(error)) throw new BenchError('conflict', DATABASE_BUSY_MESSAGE);
      throw error;
    } finally {
      run.close();
      gate.leave();
    }
  };
}
