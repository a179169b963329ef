/**
 * CSV import of products, identifiers and orders, all files in one transaction: every bad line is
 * reported with its file and line, and then nothing is imported. Re-importing the same files
 * changes nothing. Products are applied first, then identifiers, then orders, whatever the file order.
 *
 * Three ways in: `importCsv` (text in the call, answered at once; scripts and tests), the import jobs
 * (`startCsvImport` / `getCsvImport` / `cancelCsvImport`: the screens' progress bar and Cancel button,
 * which stops an import while it reads and while it saves),
 * `importSources` (files read as streams with an AbortSignal and a progress callback; tests and the
 * import benchmark), and `startFileImport` (files on disk as a job with progress events and cancel:
 * the Electron menu and the CLI), which files chosen in the page join once sent in pieces
 * (`beginCsvUpload` / `sendCsvUploadPiece` / `startUploadedCsvImport`).
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchHandlers, ImportProgress, ImportSummary } from '../../../shared/contract/api.js';
import { BenchError, type BenchErrorData } from '../../../shared/contract/result.js';
import type { CoreContext } from '../context.js';
import { DISK_FULL_MESSAGE, isDiskFull } from '../db/disk-full.js';
import type { ProductReader } from '../products/product-reader.js';
import { createStreamingImport, fileSource, fileSources, ImportGate, textSource, type CsvSource, type StreamingImport } from './csv-import.js';
import { isSeparatorLine } from './csv-files.js';
import { readCsvText } from './csv-readers.js';
import { UnreadFiles } from './unread-files.js';
import { demoCsvFiles } from './demo-data.js';
import { benchDates } from '../products/identifier-rules.js';
import { createImportRunner, type ImportReading } from './import-run.js';
import type { DateOrder } from '../../../shared/identifiers/use-by-dates.js';
import { createCancelInbox, type CancelInbox } from '../cancel-inbox.js';
import { createCsvUploads } from './csv-uploads.js';

type Handlers = Pick<
  BenchHandlers,
  'importCsv' | 'loadDemoData' | 'startCsvImport' | 'beginCsvUpload' | 'sendCsvUploadPiece' | 'startUploadedCsvImport' | 'discardCsvUpload' | 'getCsvImport' | 'cancelCsvImport'
>;

/** Finished imports kept for their last progress (a screen may ask once more after the end). */
const FINISHED_KEPT = 20;

export interface ImportFeature {
  handlers: Handlers;
  /** Imports files read as streams; rejects with BenchError (cancelled, validation, conflict…). */
  importSources: StreamingImport;
  /**
   * Starts an import of files on disk (read as streams: any size, bounded memory) as a job like
   * startCsvImport's: its progress goes to `onProgress`, getCsvImport/cancelCsvImport follow and stop it.
   * Throws BenchError (not_found) when a file cannot be read.
   */
  startFileImport(paths: string[]): ImportProgress;
}

interface ImportJob {
  progress: ImportProgress;
  controller: AbortController;
}

/**
 * `onProgress` hears every move of a started import (its start, its counts at most every 100 ms, its
 * end): the core's runtime puts each on the change stream, so a screen follows it without polling.
 */
export function createImportFeature(
  ctx: CoreContext,
  products: ProductReader,
  onProgress: (progress: ImportProgress) => void = () => {},
  cancels: CancelInbox = createCancelInbox(),
  /** Where files sent from the page in pieces are written until imported (csv-uploads.ts). */
  uploadFolder: string = join(tmpdir(), `bench-csv-uploads-${randomUUID()}`),
): ImportFeature {
  const runner = createImportRunner(ctx, products);
  const gate = new ImportGate();
  const importSources = createStreamingImport(runner.open, gate);
  const uploads = createCsvUploads(uploadFolder);

  function importTexts(files: Array<{ name: string; content: string }>, reading: ImportReading = {}): ImportSummary {
    gate.enter();
    const run = runner.open(reading);
    try {
      const unread = new UnreadFiles();
      for (const { name, content } of files) {
        try {
          const records = readCsvText(name, content);
          const from = records[0] && isSeparatorLine(name, records[0]) ? 1 : 0;
          const file = run.addFile(name, records[from]);
          for (let i = from + 1; i < records.length; i++) file.add(records[i]!);
        } catch (error) {
          unread.note(name, error);
        }
      }
      unread.throwIfAny(files.map((f) => f.name), () => run.lineIssues(unread.names));
      return run.apply();
    } finally {
      run.close();
      gate.leave();
    }
  }

  const jobs = new Map<string, ImportJob>();

  function forgetOldJobs(): void {
    const finished = [...jobs].filter(([, job]) => !['reading', 'applying'].includes(job.progress.state));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) jobs.delete(id);
  }

  function jobOf(importId: string): ImportJob {
    const job = jobs.get(importId);
    if (!job) throw new BenchError('not_found', `No import ${importId} on this bench.`);
    return job;
  }

  /** `ended` is told once the import has ended, however it ended. */
  function startJob(sources: CsvSource[], ended: () => void = () => {}, reading: ImportReading = {}): ImportProgress {
    const importId = randomUUID();
    const job: ImportJob = {
      controller: new AbortController(),
      progress: {
        type: 'import.progress',
        importId,
        state: 'reading',
        fileName: sources[0]?.name ?? null,
        fileNumber: sources.length > 0 ? 1 : null,
        fileCount: sources.length,
        rowsRead: 0,
        bytesRead: 0,
        bytesTotal: sources.reduce((n, s) => n + s.size, 0),
        rowsApplied: 0,
        rowsTotal: 0,
        summary: null,
        error: null,
      },
    };
    jobs.set(importId, job);
    forgetOldJobs();
    const update = (next: ImportProgress) => {
      job.progress = next;
      onProgress(next);
    };
    const finish = (state: ImportProgress['state'], summary: ImportSummary | null, error: BenchErrorData | null) => {
      cancels.forget(importId);
      update({ ...job.progress, state, summary, error });
      try {
        ended();
      } catch (cleanupError) {
        // The import's end stands; a file that cannot be removed now (held by a scanner) is removed later.
        console.error('import: could not remove its uploaded files', cleanupError);
      }
    };
    // Told after this call answers (the caller gets the first progress as the answer itself).
    queueMicrotask(() => onProgress(job.progress));
    importSources(sources, {
      signal: job.controller.signal,
      ...reading,
      onProgress: (counts) => update({ ...job.progress, ...counts }),
      // cancelCsvImport waits while the rows are saved; a cancel told meanwhile stops it all the same.
      hearCancels: () => {
        if (cancels.cancelled(importId)) job.controller.abort();
      },
    }).then(
      (summary) => finish('done', summary, null),
      (error: unknown) => {
        const refusal = toRefusal(error);
        finish(refusal.code === 'cancelled' ? 'cancelled' : 'refused', null, refusal);
      },
    );
    return job.progress;
  }

  return {
    importSources,
    startFileImport: (paths) => startJob(fileSources(paths)),
    handlers: {
      importCsv: ({ files, dateOrder }) => importTexts(files, readingOf(dateOrder)),
      // Dated from the bench's today, the day every use-by check here reads (benchDates), not the machine's.
      loadDemoData: () => importTexts(demoCsvFiles(benchDates(ctx).today)),
      startCsvImport: ({ files, dateOrder }) => startJob(files.map((f) => textSource(f.name, f.content)), undefined, readingOf(dateOrder)),
      beginCsvUpload: ({ files }) => ({ uploadId: uploads.begin(files) }),
      sendCsvUploadPiece: ({ uploadId, fileIndex, offset, base64 }) => ({ received: uploads.append(uploadId, fileIndex, offset, base64) }),
      startUploadedCsvImport: ({ uploadId, dateOrder }) => {
        const upload = uploads.take(uploadId);
        try {
          return startJob(upload.files.map((file) => fileSource(file.path, file.name)), upload.remove, readingOf(dateOrder));
        } catch (error) {
          upload.remove();
          throw error;
        }
      },
      discardCsvUpload: ({ uploadId }) => ({ discarded: uploads.discard(uploadId) }),
      getCsvImport: ({ importId }) => jobOf(importId).progress,
      cancelCsvImport: ({ importId }) => {
        const job = jobOf(importId);
        job.controller.abort();
        return job.progress;
      },
    },
  };
}

const readingOf = (dateOrder: DateOrder | undefined): ImportReading => (dateOrder ? { dateOrder } : {});

function toRefusal(error: unknown): BenchErrorData {
  if (error instanceof BenchError) return error.toData();
  if (isDiskFull(error)) return { code: 'disk_full', message: DISK_FULL_MESSAGE, issues: [] };
  console.error('CSV import failed', error);
  return { code: 'internal', message: 'The import hit an unexpected error; nothing was imported.', issues: [] };
}
