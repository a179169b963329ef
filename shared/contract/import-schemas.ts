/**
 * A CSV import that reports progress and can be cancelled: started with the files, then followed by
 * its progress (the same event a change stream relays) until it is done, refused or cancelled.
 * Entries in api.ts's benchApiContract point here.
 */
import { z } from 'zod';
import { benchErrorSchema, type Result } from './result.js';
import { importCsvArgs, importDateOrderSchema, importSummarySchema } from './schemas.js';

const count = z.number().int().nonnegative();

/** The core's words for an import stopped by Cancel, and for a second import while one runs; the page says the same before asking. */
export const IMPORT_CANCELLED = 'The import was cancelled; nothing was imported.';
export const IMPORT_BUSY = 'Another import is running on this bench; wait for it to finish or cancel it.';
export const importIdSchema = z.string().min(1).max(64);
/** More files chosen than one import takes: the Import screen and the desktop menu's Import… say it alike. */
export const tooManyFilesText = (chosen: number, most: number): string =>
  `${chosen.toLocaleString('en-US')} files are chosen: choose at most ${most} at a time, and import the rest next.`;

/** reading: rows are read and checked; applying: the checked rows are written in one transaction. */
export const IMPORT_STATES = ['reading', 'applying', 'done', 'refused', 'cancelled'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/**
 * Counts of a running import. rowsRead and bytesRead count every file read so far (not only the one
 * named), bytesTotal is the size of every file, rowsTotal is known once reading ends.
 */
export const importCountsSchema = z.object({
  state: z.enum(['reading', 'applying']),
  /** The file being read (null while applying). */
  fileName: z.string().nullable(),
  /** Which file it is, from 1 (null while applying), of fileCount files chosen. */
  fileNumber: z.number().int().positive().nullable(),
  fileCount: count,
  rowsRead: count,
  bytesRead: count,
  bytesTotal: count,
  rowsApplied: count,
  rowsTotal: count,
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** Bytes as megabytes to one decimal, "12.5" (progress counts; the unit is said by the caller). */
export function megabytesText(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/**
 * Whether the bytes read can be shown as a share of the whole: a pipe's size is not known ahead (it
 * counts 0 bytes), so its bytes are counted on their own, never as "1,000% read".
 */
export function importSizeIsKnown(counts: Pick<ImportCounts, 'bytesRead' | 'bytesTotal'>): boolean {
  return counts.bytesTotal > 0 && counts.bytesRead <= counts.bytesTotal;
}

/** The progress event: counts plus, once finished, the summary or the refusal. */
export const importProgressSchema = importCountsSchema.extend({
  type: z.literal('import.progress'),
  importId: importIdSchema,
  state: z.enum(IMPORT_STATES),
  summary: importSummarySchema.nullable(),
  error: benchErrorSchema.nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const startCsvImportArgs = importCsvArgs;

/**
 * Files chosen in the page reach the core in pieces (the page never holds a whole file, the core writes
 * each piece to a file of its own and imports it as a stream): begin with names and sizes, send every
 * piece in order, then start the import. A piece is at most UPLOAD_PIECE_BYTES bytes, sent as base64.
 */
export const UPLOAD_PIECE_BYTES = 1024 * 1024;
/** The largest file the page can send (a catalogue far larger than any warehouse's). */
export const MAX_UPLOAD_FILE_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 10;
export const uploadIdSchema = z.uuid();
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SLASH_OR_CONTROL = /[/\u0000-\u001f\u007f]/;
/**
 * A file's own name as the page knows it (for messages only: the core stores files by number): no
 * folders, no control characters. A backslash is a character of the name on Linux and macOS (files
 * unzipped from Windows archives carry them).
 */
export const MAX_UPLOAD_NAME_LENGTH = 255;
const uploadFileName = z
  .string()
  .min(1)
  .max(MAX_UPLOAD_NAME_LENGTH)
  .refine((name) => !SLASH_OR_CONTROL.test(name) && name !== '.' && name !== '..', 'a file name without folders or control characters');
export const beginCsvUploadArgs = z.object({
  files: z
    .array(z.object({ name: uploadFileName, bytes: z.number().int().nonnegative().max(MAX_UPLOAD_FILE_BYTES) }))
    .min(1)
    .max(MAX_UPLOAD_FILES),
});
export const beginCsvUploadResult = z.object({ uploadId: uploadIdSchema });
export const sendCsvUploadPieceArgs = z.object({
  uploadId: uploadIdSchema,
  fileIndex: z.number().int().nonnegative().max(MAX_UPLOAD_FILES - 1),
  /** Where the piece starts in its file: the bytes received so far (a piece sent twice or out of order is refused). */
  offset: z.number().int().nonnegative().max(MAX_UPLOAD_FILE_BYTES),
  base64: z
    .string()
    .max(Math.ceil(UPLOAD_PIECE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
});
export const sendCsvUploadPieceResult = z.object({ received: z.number().int().nonnegative() });
export const uploadRefArgs = z.object({ uploadId: uploadIdSchema });
export const startUploadedCsvImportArgs = uploadRefArgs.extend({ dateOrder: importDateOrderSchema });
export const discardCsvUploadResult = z.object({ discarded: z.boolean() });
export const startCsvImportResult = importProgressSchema;
export const getCsvImportArgs = z.object({ importId: importIdSchema });
export const cancelCsvImportArgs = z.object({ importId: importIdSchema });

/** An ended import as a Result: its summary, or why it did not finish (the refusal, the cancel). */
export function importEndResult(last: ImportProgress): Result<z.infer<typeof importSummarySchema>> {
  if (last.state === 'done' && last.summary) return { ok: true, value: last.summary };
  return { ok: false, error: last.error ?? { code: 'internal', message: `The import ended (${last.state}) without saying why.`, issues: [] } };
}
