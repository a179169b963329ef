/** Contract schemas of identifier history and recall search at the bench (electron/core/history, electron/core/trace). */
import { z } from 'zod';
import { identifierKindSchema } from '../identifiers/kinds.js';
import { TEXT_RULES } from '../sync/bounds.js';
import { RECALL_EXPORT_FORMATS } from '../trace/csv-format.js';
import { DEFAULT_RECALL_PAGE, MAX_RECALL_PAGE, recallPageSchema, recallQuerySchema } from '../trace/recall-query.js';

export const IDENTIFIER_EVENT_KINDS = ['added', 'renamed', 'removed', 'allocated', 'cleared', 'dispatched', 'conflict', 'resolved'] as const;
/** Steps of one product's timeline in one answer: its latest (the bench's timeline, and the hub's GET /v1/history). */
export const MAX_HISTORY_EVENTS = 1000;
/** Steps of one product's timeline in one answer asked `from` a step (here, and `/v1/history?from=`): its earlier steps shown, ten pages back at most. */
export const MAX_TIMELINE_STEPS = 10 * MAX_HISTORY_EVENTS;

export const getIdentifierHistoryArgs = z.object({
  value: z.string().max(10_000),
  /** Only this product's identifier; all products holding the value when omitted. */
  sku: z.string().min(1).max(TEXT_RULES.sku.max).optional(),
  /**
   * The steps from this one (an event's `step`) to the latest, MAX_TIMELINE_STEPS at most (the latest of
   * them): a timeline showing earlier steps. Left out: each product's latest MAX_HISTORY_EVENTS steps.
   */
  from: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const identifierEventSchema = z.object({
  at: z.string(),
  kind: z.enum(IDENTIFIER_EVENT_KINDS),
  sku: z.string(),
  value: z.string(),
  stationId: z.string(),
  /** The bench's name as known here; its id when the name is not known. */
  stationName: z.string(),
  actor: z.string(),
  orderNumber: z.string().nullable(),
  lineNo: z.number().int().positive().nullable(),
  unit: z.number().int().positive().nullable(),
  detail: z.string().nullable(),
  /**
   * Its place in its product's timeline at this bench: 1 for the first step. Steps are only ever added
   * after the last, so a step keeps its number (a timeline asks for earlier steps by it, and keys its rows by it).
   */
  step: z.number().int().positive(),
});
export type IdentifierEvent = z.infer<typeof identifierEventSchema>;

export const identifierHistoryResult = z.object({
  value: z.string(),
  /**
   * Oldest first, per product (SKU) its latest steps (so a step just taken, here or pulled, is always
   * among them): MAX_HISTORY_EVENTS, or those from `from` (MAX_TIMELINE_STEPS at most).
   */
  events: z.array(identifierEventSchema),
  /** The SKUs with earlier steps than those sent (the first one sent is not step 1). */
  truncatedSkus: z.array(z.string()),
});

export const recallSearchArgs = z.object({
  query: recallQuerySchema,
  cursor: z.string().max(1000).optional(),
  limit: z.number().int().min(1).max(MAX_RECALL_PAGE).default(DEFAULT_RECALL_PAGE),
});
export const recallSearchResult = recallPageSchema;

/**
 * A recall export's format: 'csv' (the default: callers that name none get CSV), or 'xlsx', an Excel
 * workbook whose identifiers are text cells (Excel turns a CSV's 15-digit IMEI into 3.56938E+14).
 */
export const recallExportFormatSchema = z.enum(RECALL_EXPORT_FORMATS).default('csv');

/** Electron: asks where to save, then writes the whole result there (streamed). Browser mode answers `save_in_browser`. */
export const saveRecallExportArgs = z.object({ query: recallQuerySchema, format: recallExportFormatSchema });
/**
 * What came of saving an export, as a typed outcome so the screen never tells them apart by their
 * words: saved, and where; the packer cancelled the system save dialog (their own choice: no fault, no
 * beep); or no shell saves here (browser mode), so the page downloads it by a one-time link
 * (prepareRecallExport). A save that failed (disk full, file open elsewhere) is not an outcome but a refusal.
 */
export const saveRecallExportResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), file: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('save_in_browser') }),
]);
export type SaveRecallExportResult = z.infer<typeof saveRecallExportResult>;

export const prepareRecallExportArgs = z.object({ query: recallQuerySchema, format: recallExportFormatSchema });
/** A one-time link (browser mode) to GET the CSV (or workbook) of the whole result, and the file name it downloads as. */
export const prepareRecallExportResult = z.object({ path: z.string(), fileName: z.string() });

/**
 * dispatchId: the slip of that one dispatch of the order (the parcel just packed: after a partial
 * dispatch, what went before is not in it); without it, everything dispatched so far.
 */
export const getPackingSlipArgs = z.object({ orderId: z.number().int().positive(), dispatchId: z.number().int().positive().optional() });
export const packingSlipSchema = z.object({
  /** The hub's warehouse name; null while the bench has never synced. */
  warehouse: z.string().nullable(),
  benchName: z.string(),
  orderNumber: z.string(),
  customer: z.string(),
  /**
   * The dispatches the slip covers: the first's and the last's times (the same for one dispatch's
   * slip) and how many; the whole-order slip lists the units of every parcel so far.
   */
  firstDispatchedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  dispatchCount: z.number().int().nonnegative(),
  lines: z.array(
    z.object({
      lineNo: z.number().int().positive(),
      sku: z.string(),
      title: z.string(),
      quantity: z.number().int().positive(),
      /** use_by: the identifiers are dates (YYYY-MM-DD), printed in the bench's locale. */
      identifierKind: identifierKindSchema,
      /** Each identifier once (with its use-by date then), in the order the line's units first took it. */
      identifiers: z.array(z.string()),
      /** Beside each identifier, in the same order: a lot's use-by date (YYYY-MM-DD); null for an undated lot or another kind. */
      useBy: z.array(z.string().nullable()),
      /** Beside each identifier: how many of the line's units went out with it (always 1 for a single-use serial). */
      counts: z.array(z.number().int().positive()),
    }),
  ),
  totalUnits: z.number().int().nonnegative(),
});
export type PackingSlip = z.infer<typeof packingSlipSchema>;

/** Electron: print the slip on screen to the label printer from Settings. */
export const printSlipArgs = z.object({});
/**
 * What came of a print, as a typed outcome so the screen never tells them apart by their words:
 * printed; the packer cancelled the system print dialog (their own choice: no fault, no beep); or no
 * shell prints here (browser mode), so the browser's own print is used. A print that failed (printer
 * offline) is not an outcome but a refusal: a `conflict` error in the shell's words.
 */
export const printSlipResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('printed'), printer: z.string().nullable() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('print_in_browser') }),
]);
export type PrintSlipResult = z.infer<typeof printSlipResult>;
