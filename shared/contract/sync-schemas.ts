/**
 * Runtime schemas of the sync calls of the BenchApi contract (getSyncStatus, syncNow, cancelSync,
 * listConflicts, resolveConflict). Entries in api.ts's benchApiContract point here.
 */
import { z } from 'zod';

const id = z.number().int().positive();
const count = z.number().int().nonnegative();

/** This bench as the hub knows it: the station id its token was issued for, and the station's name. */
export const stationSchema = z.object({ id: z.string().min(1), name: z.string().min(1) });

/** What every state tells, whatever it is. */
const common = {
  /** Local changes not yet taken by the hub. */
  pendingOps: count,
  openConflicts: count,
  /** When a sync last completed (null: never). */
  lastSyncAt: z.string().nullable(),
  /** Learned at first contact with the hub (null until then). */
  station: stationSchema.nullable(),
};
const configured = { ...common, hubUrl: z.string() };

/** How far the running sync has got. */
export const syncProgressSchema = z.object({
  /** connecting: asking the hub who this bench is; pushing: sending local changes; pulling: receiving the hub's. */
  phase: z.enum(['connecting', 'pushing', 'pulling']),
  /** Local changes the hub has answered in this sync. */
  pushed: count,
  /** Local changes waiting when this sync started, and those made since once this sync sends them. */
  toPush: count,
  /** The hub's changes applied here in this sync. */
  pulled: count,
});

/**
 * The sync status is exactly one of these; each carries only what is true in that state.
 * not_configured: no hub URL/token. stopped: configured, but the engine is not running (shutting down
 * or being reconfigured). syncing: a sync is running now. idle: the last sync worked; the next is
 * planned. cancelled: the packer cancelled the last sync (what it had sent or received stays); the next
 * runs on schedule. offline: the hub cannot be reached (retrying with backoff); cause says why; nextAttemptAt is
 * null while a retry is under way (it shows as syncing once the hub answers).
 * unauthorised: the hub refused this bench's token: settings need attention (reason says when the hub
 * revoked it). error: the hub answered
 * but this bench cannot sync with it (wrong station, a change it cannot apply, a protocol mismatch).
 */
export const syncStatusSchema = z.discriminatedUnion('state', [
  /**
   * hubUrl: a hub is set up but there is no (usable) token for it; absent when no hub is set up.
   * tokenUnreadable: a token is stored but could not be read (decrypted) here: it must be entered again.
   * hubUrlProblem: the hub URL set up is one the Settings screen's rule refuses (a settings file an
   * earlier release saved), in that rule's words: sync is off until it is corrected there.
   */
  z.object({
    state: z.literal('not_configured'),
    ...common,
    hubUrl: z.string().optional(),
    tokenUnreadable: z.literal(true).optional(),
    hubUrlProblem: z.string().optional(),
  }),
  z.object({ state: z.literal('stopped'), ...configured }),
  z.object({ state: z.literal('syncing'), ...configured, progress: syncProgressSchema }),
  z.object({ state: z.literal('idle'), ...configured, lastSyncAt: z.string(), nextSyncAt: z.string().nullable() }),
  /** The packer cancelled the last sync (what was sent or received before stays); the next runs on schedule. */
  z.object({ state: z.literal('cancelled'), ...configured, cancelledAt: z.string(), nextSyncAt: z.string().nullable() }),
  /** hubFailing: the hub (or a proxy before it) answered with a server error: it is there, but failing; absent: it did not answer. */
  z.object({ state: z.literal('offline'), ...configured, cause: z.string(), failedAt: z.string(), nextAttemptAt: z.string().nullable(), hubFailing: z.literal(true).optional() }),
  /**
   * reason token_revoked: the hub said this bench's token was revoked there (a new one is needed); absent: refused otherwise.
   * nextAttemptAt: the hub asked this bench to wait (429, too many failed tokens from its address): tried again then.
   */
  z.object({
    state: z.literal('unauthorised'),
    ...configured,
    message: z.string(),
    failedAt: z.string(),
    reason: z.literal('token_revoked').optional(),
    nextAttemptAt: z.string().optional(),
  }),
  /** needsAction: retrying cannot help (another station's database or token): no tries by itself until Settings change or "Sync now". */
  z.object({ state: z.literal('error'), ...configured, message: z.string(), failedAt: z.string(), nextAttemptAt: z.string().nullable(), needsAction: z.literal(true).optional() }),
]);
export type SyncStateName = z.infer<typeof syncStatusSchema>['state'];

export const getSyncStatusArgs = z.object({}).default({});
export const syncNowArgs = z.object({}).default({});
export const cancelSyncArgs = z.object({}).default({});

export const conflictSchema = z.object({
  conflictId: id,
  /**
   * push: a change made on this bench that the hub refused (undone here where needed);
   * pull: a change from the hub this bench could not apply (held back; the pull went on without it).
   */
  kind: z.enum(['push', 'pull']),
  /** The outbox entry the hub rejected (push conflicts only). */
  opSeq: id.nullable(),
  /** The op type (push) or the change kind (pull), "unknown" when it could not be read. */
  opType: z.string(),
  /** The change in words, e.g. 'Allocating "X" to order 1001 line 1 (SKU) unit 1'. */
  summary: z.string(),
  /**
   * A refused change this version cannot read (written by another version): its stored text, cut at
   * CONFLICT_RAW_SHOWN characters, shown under the summary's words for whoever looks into it; else null.
   */
  raw: z.string().nullable(),
  /** The hub's reason (push) or why this bench could not apply it (pull). */
  reason: z.string(),
  /** What happened, including what this bench did about it. */
  whatHappened: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  /** The order concerned, for "Open order" (allocation and dispatch conflicts). */
  order: z
    .object({
      orderId: id.nullable(),
      orderNumber: z.string(),
      lineNo: z.number().int().positive().nullable(),
      unit: z.number().int().positive().nullable(),
      sku: z.string().nullable(),
      /** The identifier the hub refused (allocation conflicts). */
      rejectedValue: z.string().nullable(),
      /** What the unit holds on this bench now (null: nothing). */
      currentValue: z.string().nullable(),
    })
    .nullable(),
  /** A rejected allocation whose unit still has no identifier: pick another in the allocation dialog. */
  needsIdentifier: z.boolean(),
});

/** The most of a refused change's stored text a conflict carries when this version cannot read it. */
export const CONFLICT_RAW_SHOWN = 200;
/** The summary of a refused change this version cannot read (its stored text is in raw). */
export const UNREADABLE_CHANGE = 'A change this version of the bench cannot read';

/** Conflicts one listConflicts call reads by default (a page of the conflicts panel), and at most. */
export const CONFLICTS_PAGE_SIZE = 100;
export const MAX_CONFLICTS_READ = 500;

/** Most conflict ids one listConflicts call asks about in seenOpen: the open ones of one read, at most. */
export const MAX_CONFLICTS_ASKED_ABOUT = MAX_CONFLICTS_READ;

export const listConflictsArgs = z.object({
  includeResolved: z.boolean().default(false),
  limit: z.number().int().min(1).max(MAX_CONFLICTS_READ).default(CONFLICTS_PAGE_SIZE),
  /**
   * The conflicts the caller last saw open (the conflicts panel: those of its last read): the answer's
   * `closed` says which of them have closed since, and how, in the same read.
   */
  seenOpen: z
    .array(id)
    .max(MAX_CONFLICTS_ASKED_ABOUT, {
      message: `seenOpen asks about at most ${MAX_CONFLICTS_ASKED_ABOUT.toLocaleString('en-US')} conflicts at once (the open ones of one read)`,
    })
    .optional(),
});
/**
 * How a conflict closed: acknowledged: a person pressed Acknowledge (in any window of this bench);
 * by_itself: a later sync made it moot (the hub took another identifier, a dispatch, a later state).
 */
export const conflictClosedHowSchema = z.enum(['acknowledged', 'by_itself']);
export const listConflictsResult = z.object({
  items: z.array(conflictSchema),
  openCount: count,
  /** Of seenOpen, those closed now, in id order, and how each closed (ids unknown or still open: not listed; no seenOpen: empty). */
  closed: z.array(z.object({ conflictId: id, how: conflictClosedHowSchema })),
});

export const resolveConflictArgs = z.object({
  conflictId: id,
  action: z.literal('acknowledge'),
  /** Optional words from the packer, kept with the resolution. */
  note: z.string().max(500).optional(),
});
export const resolveConflictResult = conflictSchema;
