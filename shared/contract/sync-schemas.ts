/**
 * Runtime schemas of the sync calls of the BenchApi contract (getSyncStatus, syncNow, listConflicts,
 * resolveConflict). Entries in api.ts's benchApiContract point here.
 */
import { z } from 'zod';

const id = z.number().int().positive();
const count = z.number().int().nonnegative();

/**
 * not_configured: no hub URL/token; idle: configured, engine not running (e.g. shutting down);
 * online: the last contact with the hub worked; offline: the hub is unreachable (retrying with backoff);
 * error: the hub answered but refused (wrong token, protocol mismatch): settings need attention.
 */
export const syncStateSchema = z.enum(['not_configured', 'idle', 'online', 'offline', 'error']);

export const syncStatusSchema = z.object({
  state: syncStateSchema,
  hubUrl: z.string().nullable(),
  /** The station id the hub issued with this bench's token (learned at first contact). */
  hubStationId: z.string().nullable(),
  /** A sync is running right now. */
  syncing: z.boolean(),
  /** Local changes not yet taken by the hub. */
  pendingOps: count,
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  openConflicts: count,
  /** When the engine tries next (offline backoff or the regular interval). */
  nextAttemptAt: z.string().nullable(),
});

export const getSyncStatusArgs = z.object({}).default({});
export const syncNowArgs = z.object({}).default({});

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

export const listConflictsArgs = z.object({
  includeResolved: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(100),
});
export const listConflictsResult = z.object({ items: z.array(conflictSchema), openCount: count });

export const resolveConflictArgs = z.object({
  conflictId: id,
  action: z.literal('acknowledge'),
  /** Optional words from the packer, kept with the resolution. */
  note: z.string().max(500).optional(),
});
export const resolveConflictResult = conflictSchema;
