/**
 * The change stream: what the core tells every open screen after it commits (or after another
 * process, such as the CLI, wrote the bench file), so screens refetch what they show instead of
 * polling. One schema for every transport (worker port, Electron IPC, Server-Sent Events).
 *
 * Keys are the bench's own row ids (products, orders): the screens that receive them are this
 * bench's. "all" stands for "anything may have changed" (another process wrote the file, or more
 * rows changed than one event names).
 */
import { z } from 'zod';
import { importProgressSchema } from './import-schemas.js';
import { gridSaveProgressSchema } from './schemas.js';
import { syncStatusSchema } from './sync-schemas.js';

/** More changed rows than this in one commit are sent as "all". */
export const MAX_KEYS_PER_EVENT = 1_000;

const rowIds = z.union([z.literal('all'), z.array(z.number().int().positive()).max(MAX_KEYS_PER_EVENT)]);

export const dataChangedEventSchema = z.object({
  kind: z.literal('data'),
  /** Product rows changed (mode, stock, title, their identifiers' counts). */
  products: rowIds,
  /** Products whose identifiers (the grid, the pickers) changed. */
  identifiers: rowIds,
  /** Orders whose status, lines, allocations or dispatches changed, or that arrived. */
  orders: rowIds,
  /** Sync conflicts were added or resolved. */
  conflicts: z.boolean(),
  /** local: a call through the contract; sync: the sync engine; external: another process wrote the file. */
  source: z.enum(['local', 'sync', 'external']),
});

export const syncStatusEventSchema = z.object({ kind: z.literal('sync'), status: syncStatusSchema });

/**
 * The core service itself: running (also sent first on every new subscription), restarting after a
 * crash (calls in flight were refused; nothing committed is lost), or stopped for good.
 */
export const CORE_STATES = ['running', 'restarting', 'stopped'] as const;
export const coreStateEventSchema = z.object({
  kind: z.literal('core'),
  state: z.enum(CORE_STATES),
  message: z.string().max(1_000),
});

/**
 * A started CSV import moved (its counts, at most every 100 ms) or ended (done, refused, cancelled):
 * the import screen's progress bar follows these instead of asking.
 */
export const importProgressEventSchema = z.object({ kind: z.literal('import'), progress: importProgressSchema });

/** A long grid save moving (the Serial Numbers screen's progress bar); it ends with the save's answer. */
export const gridSaveProgressEventSchema = z.object({ kind: z.literal('gridSave'), progress: gridSaveProgressSchema });

/**
 * The bench's settings were saved (by any window on this bench), or the hub named the bench (its first
 * sync, or a rename there): open screens read them again, and a Settings screen with edits not saved
 * says the saved ones changed meanwhile (the hub's naming fills Bench name without saying so).
 */
export const settingsChangedEventSchema = z.object({ kind: z.literal('settings') });

export const benchEventSchema = z.discriminatedUnion('kind', [
  dataChangedEventSchema,
  syncStatusEventSchema,
  coreStateEventSchema,
  importProgressEventSchema,
  gridSaveProgressEventSchema,
  settingsChangedEventSchema,
]);

export type BenchEvent = z.infer<typeof benchEventSchema>;
export type DataChangedEvent = z.infer<typeof dataChangedEventSchema>;
export type CoreStateEvent = z.infer<typeof coreStateEventSchema>;
export type ImportProgressEvent = z.infer<typeof importProgressEventSchema>;
export type GridSaveProgress = z.infer<typeof gridSaveProgressSchema>;
export type RowIds = z.infer<typeof rowIds>;

/** Subscribing answers a function that ends the subscription. */
export type BenchEventListener = (event: BenchEvent) => void;
export type Unsubscribe = () => void;

/** What the screens see besides the contract: the change stream (Electron IPC or SSE). */
export interface BenchEvents {
  subscribe(listener: BenchEventListener): Unsubscribe;
}

/** Said when the core stopped unexpectedly and is being started again. */
export const CORE_RESTARTING_MESSAGE =
  'The bench core stopped unexpectedly and is restarting. Nothing saved before was lost; if your last change did not show as saved, do it again.';

/** Browser mode: the change stream's path on the host (Server-Sent Events, same secret as calls). */
export const CHANGE_STREAM_PATH = '/api/events';
