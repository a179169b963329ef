/**
 * A CSV import that reports progress and can be cancelled: started with the files, then followed by
 * its progress (the same event a change stream relays) until it is done, refused or cancelled.
 * Entries in api.ts's benchApiContract point here.
 */
import { z } from 'zod';
import { benchErrorSchema, type Result } from './result.js';
import { importCsvArgs, importSummarySchema } from './schemas.js';

const count = z.number().int().nonnegative();
export const importIdSchema = z.string().min(1).max(64);

/** reading: rows are read and checked; applying: the checked rows are written in one transaction. */
export const IMPORT_STATES = ['reading', 'applying', 'done', 'refused', 'cancelled'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Counts of a running import; bytesTotal is the size of every file, rowsTotal is known once reading ends. */
export const importCountsSchema = z.object({
  state: z.enum(['reading', 'applying']),
  /** The file being read (null while applying). */
  fileName: z.string().nullable(),
  rowsRead: count,
  bytesRead: count,
  bytesTotal: count,
  rowsApplied: count,
  rowsTotal: count,
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

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
export const startCsvImportResult = importProgressSchema;
export const getCsvImportArgs = z.object({ importId: importIdSchema });
export const cancelCsvImportArgs = z.object({ importId: importIdSchema });

/** An ended import as a Result: its summary, or why it did not finish (the refusal, the cancel). */
export function importEndResult(last: ImportProgress): Result<z.infer<typeof importSummarySchema>> {
  if (last.state === 'done' && last.summary) return { ok: true, value: last.summary };
  return { ok: false, error: last.error ?? { code: 'internal', message: `The import ended (${last.state}) without saying why.`, issues: [] } };
}
