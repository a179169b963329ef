/**
 * The sync engine of one bench: a loop that pushes the outbox and pulls the hub's changes, every
 * `intervalMs` while the hub answers and with capped, jittered exponential backoff while it does not;
 * sync on demand; a status for the UI. One cycle at a time; stop() waits for the running one.
 *
 * A cycle: learn (once) which station the token belongs to, push everything pending, pull every page
 * (pushing again whenever local changes arrived meanwhile), record the outcome in sync_state.
 */
import type { z } from 'zod';
import type { SyncStatus } from '../../../shared/contract/api.js';
import type { syncProgressSchema } from '../../../shared/contract/sync-schemas.js';
import type { CoreContext } from '../context.js';
import { capitalised } from '../../../shared/domain/capitalised.js';
import { createPullApplier, PullApplyError, type PullApplier } from './apply-pull.js';
import { backoffDelay } from './backoff.js';
import { createConflictStore } from './conflicts.js';
import { createHubClient, HubError, TOO_MANY_REQUESTS, type HubClient } from './hub-client.js';
import { createLocalRows } from './local-rows.js';
import { createOutbox } from './outbox.js';
import { createPuller, type PullReport } from './pull.js';
import { createPusher, UnsuppliableGapError, type PushReport } from './push.js';
import { createReverter } from './revert.js';
import { createStationDirectory } from './stations.js';
import { createSyncStateStore } from './sync-state.js';
import { counted } from '../../../shared/domain/counted.js';

export const DEFAULT_OUTBOX_RETENTION_MS = 7 * 24 * 3_600_000;

export interface SyncEngineOptions {
  hubUrl: string;
  token: string;
  /** PEM of a CA (or the hub's own certificate) to trust for an https hub, besides the system's. */
  hubCa?: string;
  /** The hub URL came from the environment (browser mode's BENCH_HUB_URL), not from Settings. */
  hubUrlFromEnvironment?: boolean;
  /** Between syncs while the hub answers; default 10 s. */
  intervalMs?: number;
  /** First and largest delay while the hub is unreachable; default 1 s and 60 s. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Deadline per HTTP request; default 8 s (REQUEST_DEADLINE_MS). */
  requestTimeoutMs?: number;
  /** Changes per pull page; default 1000. */
  pullPageSize?: number;
  /** Outbox entries per push request; default 1000. */
  pushBatchSize?: number;
  /** How often the bench asks the hub again who it is, learning renamed stations; default 10 minutes. */
  stationRefreshMs?: number;
  /**
   * How long acknowledged outbox entries are kept before they are pruned (the audit log keeps the
   * history); default 7 days, so a hub restored from a backup up to a week old gets them again.
   */
  outboxRetentionMs?: number;
  /** For tests: the jitter source. */
  random?: () => number;
  log?: (line: string) => void;
  /** For tests: another client (e.g. one that fails on purpose). */
  client?: HubClient;
  /**
   * Called after the engine committed something or its status moved (a page applied, a push answered,
   * a cycle started or ended): the core service turns it into change events at once.
   */
  onChange?: () => void;
}

export interface SyncCycleResult {
  ok: boolean;
  push?: PushReport;
  pull?: PullReport;
  error?: string;
}

/** How the last finished cycle ended (in memory: a restarted engine starts with 'none'). */
type Outcome =
  | { kind: 'none' }
  | { kind: 'ok' }
  /** offlineBefore: the hub was unreachable before; the retries after stay quiet and backed off. */
  | { kind: 'cancelled'; at: string; offlineBefore: boolean }
  | { kind: 'offline'; message: string; at: string; hubFailing: boolean }
  /** needsAction: retrying cannot help (BindingError, UnsuppliableGapError): no tries by themselves. */
  | { kind: 'error'; message: string; at: string; needsAction: boolean }
  /** revoked: the hub said this token was revoked there. retryAfterMs: the hub asked to wait (429), then try again. */
  | { kind: 'unauthorised'; message: string; at: string; revoked: boolean; retryAfterMs: number | null };
type Progress = z.infer<typeof syncProgressSchema>;

export interface SyncEngine {
  readonly hubUrl: string;
  readonly running: boolean;
  start(): void;
  /** Stops the loop and waits for a running cycle (requests in flight are aborted). */
  stop(): Promise<void>;
  /** Runs a cycle now (after the running one, if any) and answers how it went. */
  syncNow(): Promise<SyncCycleResult>;
  /** Asks for a cycle as soon as possible without waiting for it. */
  requestSync(): void;
  /**
   * The packer's Cancel: the running cycle stops at its next request (requests in flight are aborted;
   * a page applied or a push answered stays done) and a cycle queued to run at once is dropped. The
   * loop goes on: the next cycle runs on schedule. False when no cycle was running or queued.
   */
  cancel(): boolean;
  status(): SyncStatus;
}

export function createSyncEngine(ctx: CoreContext, options: SyncEngineOptions): SyncEngine {
  const intervalMs = options.intervalMs ?? 10_000;
  const retentionMs = options.outboxRetentionMs ?? DEFAULT_OUTBOX_RETENTION_MS;
  const backoff = { minMs: options.minBackoffMs ?? 1_000, maxMs: options.maxBackoffMs ?? 60_000, random: options.random };
  const log = options.log ?? (() => undefined);
  const changed = () => {
    try {
      options.onChange?.();
    } catch (error) {
      log(`sync: change listener failed: ${(error as Error)?.message ?? String(error)}`);
    }
  };
  /** The running cycle's requests: aborted when the engine stops, when the packer cancels, or when a quiet retry is given up for an asked-for cycle. */
  let cycleRequests = new AbortController();
  const hub =
    options.client ??
    createHubClient({ hubUrl: options.hubUrl, token: options.token, timeoutMs: options.requestTimeoutMs, signal: () => cycleRequests.signal, ca: options.hubCa, hubUrlFromEnvironment: options.hubUrlFromEnvironment });
  // Any answer ends a quiet retry: the hub is back, and the status shows the cycle's progress.
  const heard = <T>(answer: T): T => {
    if (quietRetry) {
      quietRetry = false;
      changed();
    }
    return answer;
  };
  // Counts what the hub answered, for the progress the status shows.
  const client: HubClient = {
    whoami: async () => heard(await hub.whoami()),
    pull: async (cursor, limit) => heard(await hub.pull(cursor, limit)),
    async push(station, entries, after) {
      // Changes made since the sync started go out in it too: counted in what it has to send as they are
      // sent, or "sent" would pass "of" (and the bar its end) while the packer works on during a long push.
      const last = entries[entries.length - 1]?.seq ?? 0;
      if (progress && last > toPushUpTo) {
        progress.toPush += entries.filter((e) => e.seq > toPushUpTo).length;
        toPushUpTo = last;
      }
      const answer = heard(await hub.push(station, entries, after));
      if (progress) progress.pushed += answer.results.filter((r) => r.status !== 'not_applied').length;
      queueMicrotask(changed); // after the pusher has recorded the answers
      return answer;
    },
  };

  const state = createSyncStateStore(ctx.db);
  const outbox = createOutbox(ctx.db);
  // Entries the hub asks for again (restored from a backup) go out again in this sync: counted in what
  // it has to send, or "sent" would pass "of".
  const pusherOutbox: typeof outbox = {
    ...outbox,
    reopenFrom(seq) {
      const reopened = outbox.reopenFrom(seq);
      if (progress) progress.toPush += reopened;
      return reopened;
    },
  };
  const rows = createLocalRows(ctx.db);
  const conflicts = createConflictStore(ctx, rows);
  const reverter = createReverter(ctx, rows);
  const pageApplier = createPullApplier(ctx, rows, outbox, state, conflicts);
  const applier: PullApplier = {
    ...pageApplier,
    applyPage(changes, cursor) {
      const applied = pageApplier.applyPage(changes, cursor);
      if (applied && progress) progress.pulled += changes.length;
      changed();
      return applied;
    },
  };
  const stations = createStationDirectory(ctx);
  const puller = createPuller({ client, applier, state, pageSize: options.pullPageSize });

  let running = false;
  let stopped = false;
  let outcome: Outcome = { kind: 'none' };
  /** Pruned at least once by this engine (afterwards only when a push acknowledged something). */
  let pruned = false;
  let failures = 0;
  /** Set while a cycle runs or is queued to run at once. */
  let progress: Progress | null = null;
  /** The highest outbox seq counted in progress.toPush (entries are sent in seq order). */
  let toPushUpTo = 0;
  let stationId: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let nextAttemptAt: number | null = null;
  /** The cycle running or queued; cycles never overlap. */
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<SyncCycleResult> | null = null;
  /** Someone asked for the queued cycle ("Sync now", settings), rather than the backoff timer. */
  let queuedAsked = false;
  /**
   * The running cycle is the backoff timer's retry of an unreachable hub and has heard nothing yet: the
   * status stays "offline" (trying again now) instead of flicking to "syncing" for as long as a dead
   * connection takes to time out on every retry.
   */
  let quietRetry = false;
  /** The packer cancelled the running cycle: it ends as cancelled. */
  let cancelRequested = false;
  /** The packer cancelled while a cycle was queued to run at once: it does not run. */
  let dropQueued = false;

  /** When the hub last said who this bench is (and every station's name). */
  let stationAskedAt = -Infinity;
  const stationRefreshMs = options.stationRefreshMs ?? 10 * 60 * 1000;

  /**
   * The station the token was issued for; refuses a token of another station or warehouse. Asked
   * again now and then, so a station renamed at the hub shows its new name without a restart.
   */
  async function ensureStation(): Promise<string> {
    if (stationId !== null && performance.now() - stationAskedAt < stationRefreshMs) return stationId;
    const me = await client.whoami();
    stationAskedAt = performance.now();
    const known = state.get();
    // A warehouse renamed at the hub is the same warehouse: its former names say so, and adopt() rebinds.
    const sameWarehouse = known.hubWarehouse === me.warehouse || (known.hubWarehouse !== null && (me.formerWarehouseNames ?? []).includes(known.hubWarehouse));
    if (known.hubStationId !== null && (known.hubStationId !== me.stationId || !sameWarehouse)) {
      throw new BindingError(
        'invalid',
        `this bench synced as station "${known.hubStationId}" (${known.hubWarehouse}) but the token belongs to "${me.stationId}" (${me.warehouse}); use that station's token`,
      );
    }
    // The hub numbering ahead of this outbox means another database used this station (or this one
    // was restored from a backup): pushing would be answered "duplicate" and silently lost.
    if (me.lastSeq > outbox.maxSeq()) {
      throw new BindingError(
        'invalid',
        `the hub has ${me.lastSeq} changes from station "${me.stationId}" but this bench only made ${outbox.maxSeq()}; this database is not the one that station synced from: open that station's database, or register this bench as a new station at the hub and enter its token in Settings`,
      );
    }
    // Bound from now on: this bench's own records carry the hub's id, and it shows the hub's name.
    stations.adopt(me);
    stationId = me.stationId;
    return stationId;
  }

  function cancelled(): SyncCycleResult {
    cancelRequested = false;
    const offlineBefore = outcome.kind === 'offline' || (outcome.kind === 'cancelled' && outcome.offlineBefore);
    outcome = { kind: 'cancelled', at: ctx.now(), offlineBefore };
    return { ok: false, error: 'cancelled' };
  }

  async function cycle(): Promise<SyncCycleResult> {
    progress = { phase: 'connecting', pushed: 0, toPush: outbox.pendingCount(), pulled: 0 };
    toPushUpTo = outbox.maxSeq();
    try {
      const station = await ensureStation();
      const pusher = createPusher({ ctx, client, outbox: pusherOutbox, conflicts, reverter, stationId: station, batchSize: options.pushBatchSize });
      progress.phase = 'pushing';
      const push = await pusher.pushAll();
      progress.phase = 'pulling';
      const pull = await puller.pullAll(() => pusher.pushAll());
      const now = ctx.now();
      if (push.applied + push.duplicate + push.rejected > 0 || !pruned) {
        const nowMs = Number.isNaN(Date.parse(now)) ? Date.now() : Date.parse(now);
        outbox.pruneAcknowledged(new Date(nowMs - retentionMs).toISOString());
        pruned = true;
      }
      if (!pull.complete) {
        // Not every hub change is here: no "up to date", no last sync. Tried again soon (with backoff,
        // as the packer may keep working), where the pull goes on from its cursor.
        failures++;
        outcome = { kind: 'error', message: PULL_UNFINISHED_MESSAGE, at: now, needsAction: false };
        state.failed(PULL_UNFINISHED_MESSAGE, now);
        return { ok: false, push, pull, error: PULL_UNFINISHED_MESSAGE };
      }
      state.succeeded(now);
      outcome = { kind: 'ok' };
      failures = 0;
      if (push.rejected) log(`sync: ${counted(push.rejected, 'change', 'changes')} refused by the hub, see the conflicts`);
      if (pull.quarantined) log(`sync: ${counted(pull.quarantined, 'change', 'changes')} from the hub could not be applied here, see the conflicts`);
      return { ok: true, push, pull };
    } catch (err) {
      if (stopped) return { ok: false, error: 'stopped' };
      if (cancelRequested) return cancelled();
      // Given up for an asked-for cycle that runs next: not a failure of its own.
      if (cycleRequests.signal.aborted) return { ok: false, error: 'given up for a new attempt' };
      failures++;
      const message = describe(err);
      const at = ctx.now();
      const kind = outcomeOf(err);
      if (err instanceof HubError && err.status === TOO_MANY_REQUESTS) {
        // A 429 says only "wait", not why the token failed: what was known (revoked) stays, and it is
        // tried again once the wait is over.
        const known = outcome.kind === 'unauthorised' ? outcome : null;
        outcome = { kind: 'unauthorised', message: known?.message ?? message, at, revoked: known?.revoked ?? false, retryAfterMs: err.retryAfterMs ?? backoff.maxMs };
      } else if (kind === 'unauthorised') {
        outcome = { kind, message, at, revoked: err instanceof HubError && err.reason === 'token_revoked', retryAfterMs: null };
      } else if (kind === 'error') {
        outcome = { kind, message, at, needsAction: err instanceof BindingError || err instanceof UnsuppliableGapError };
      } else {
        // A 5xx: the hub is there but failing (retried the same way); said apart from no answer at all.
        outcome = { kind, message, at, hubFailing: err instanceof HubError && err.status !== undefined && err.status >= 500 };
      }
      if (outcome.kind === 'unauthorised') stationId = null; // learn again once the token changes
      if (!(err instanceof HubError) && !(err instanceof PullApplyError)) log(`sync: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
      if (ctx.db.open) state.failed(outcome.message, at);
      return { ok: false, error: message };
    } finally {
      progress = null;
    }
  }

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    if (stopped) return;
    nextAttemptAt = Date.now() + delayMs;
    timer = setTimeout(() => void runQueued(false), delayMs);
    timer.unref?.();
  }

  /** Queues one cycle after the current one; concurrent callers share a queued cycle. */
  function runQueued(asked: boolean): Promise<SyncCycleResult> {
    // Asked during a quiet retry that has heard nothing yet: the retry is given up at once (its request
    // may be stuck on a connection the network dropped, for its whole deadline) and the asked-for cycle
    // runs now. Nothing is lost: what the hub did not answer is sent again (a "duplicate" if it had it).
    if (asked && quietRetry) {
      quietRetry = false;
      cycleRequests.abort();
    }
    queuedAsked ||= asked;
    if (queued) return queued;
    const next = chain.then(async () => {
      queued = null;
      if (stopped) return { ok: false, error: 'stopped' } satisfies SyncCycleResult;
      clearTimeout(timer);
      nextAttemptAt = null;
      let result: SyncCycleResult;
      if (dropQueued) {
        // Cancelled before it started: it does not run; the next one comes on schedule.
        dropQueued = false;
        queuedAsked = false;
        result = cancelled();
      } else {
        quietRetry = !queuedAsked && (outcome.kind === 'offline' || (outcome.kind === 'cancelled' && outcome.offlineBefore));
        queuedAsked = false;
        cycleRequests = new AbortController();
        changed();
        result = await cycle().finally(() => {
          quietRetry = false;
          cancelRequested = false; // a Cancel that came as the cycle finished anyway
        });
      }
      // A refused token stays refused: no retries until "Sync now" or new settings (retrying would
      // only get this bench's address throttled by the hub), unless the hub said when to try again (429).
      // A problem retrying cannot fix waits for the same. A cancelled cycle keeps the loop's pace: the
      // interval, or the backoff while the hub was unreachable.
      if (running && !stopped) {
        if (outcome.kind === 'unauthorised') {
          if (outcome.retryAfterMs !== null) schedule(outcome.retryAfterMs);
        } else if (!(outcome.kind === 'error' && outcome.needsAction)) {
          schedule(result.ok || failures === 0 ? intervalMs : backoffDelay(failures, backoff));
        }
      }
      changed(); // after the next attempt is planned: the status says when
      return result;
    });
    queued = next;
    chain = next.catch(() => undefined);
    return next;
  }

  const engine: SyncEngine = {
    hubUrl: options.hubUrl,
    get running() {
      return running;
    },
    start() {
      if (running || stopped) return;
      running = true;
      void runQueued(true);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running = false;
      clearTimeout(timer);
      nextAttemptAt = null;
      cycleRequests.abort();
      await chain;
    },
    syncNow() {
      if (stopped) return Promise.resolve({ ok: false, error: 'sync is stopped' });
      return runQueued(true);
    },
    requestSync() {
      if (!stopped) void runQueued(true);
    },
    cancel() {
      if (stopped || (progress === null && queued === null)) return false;
      if (progress !== null) {
        cancelRequested = true;
        cycleRequests.abort();
      }
      if (queued !== null) dropQueued = true;
      changed();
      return true;
    },
    status() {
      const known = state.get();
      const base = {
        hubUrl: options.hubUrl,
        pendingOps: outbox.pendingCount(),
        openConflicts: conflicts.openCount(),
        lastSyncAt: known.lastSyncAt,
        station: stations.own(),
      };
      if (!running) return { state: 'stopped', ...base };
      // A cycle queued to run at once (e.g. "Sync now") counts as syncing already.
      if ((progress && !quietRetry) || queued || outcome.kind === 'none') {
        return { state: 'syncing', ...base, progress: progress ? { ...progress } : { phase: 'connecting', pushed: 0, toPush: base.pendingOps, pulled: 0 } };
      }
      const next = nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString();
      switch (outcome.kind) {
        case 'ok':
          return { state: 'idle', ...base, lastSyncAt: known.lastSyncAt ?? ctx.now(), nextSyncAt: next };
        case 'cancelled':
          return { state: 'cancelled', ...base, cancelledAt: outcome.at, nextSyncAt: next };
        case 'offline':
          return { state: 'offline', ...base, cause: outcome.message, failedAt: outcome.at, nextAttemptAt: next, ...(outcome.hubFailing ? { hubFailing: true as const } : {}) };
        case 'unauthorised':
          return {
            state: 'unauthorised',
            ...base,
            message: outcome.message,
            failedAt: outcome.at,
            ...(outcome.revoked ? { reason: 'token_revoked' as const } : {}),
            ...(outcome.retryAfterMs !== null && next !== null ? { nextAttemptAt: next } : {}),
          };
        case 'error':
          return { state: 'error', ...base, message: outcome.message, failedAt: outcome.at, nextAttemptAt: next, ...(outcome.needsAction ? { needsAction: true as const } : {}) };
      }
    },
  };
  return engine;
}

function outcomeOf(err: unknown): 'offline' | 'unauthorised' | 'error' {
  if (!(err instanceof HubError)) return 'error';
  if (err.kind === 'offline') return 'offline';
  return err.kind === 'refused' ? 'unauthorised' : 'error';
}

/** The hub answered, but this bench cannot sync with it as set up (another station's token or database): retrying cannot help. */
class BindingError extends HubError {}

/** A pull left for the next cycle (local changes kept arriving): said instead of "up to date". */
export const PULL_UNFINISHED_MESSAGE = "Not all of the hub's changes arrived: changes made on this bench kept arriving while they were received; the rest comes at the next try.";

/** Said in full in the header (and the log): what happened and what the packer does about it. */
export const TOKEN_REVOKED_MESSAGE = "This bench's token was revoked at the hub: ask your supervisor for a new one and enter it in Settings.";

function describe(err: unknown): string {
  if (err instanceof HubError && err.reason === 'token_revoked') return TOKEN_REVOKED_MESSAGE;
  if (err instanceof HubError) return capitalised(err.message);
  if (err instanceof PullApplyError) return `Could not apply changes from the hub: ${err.message}`;
  return `Sync failed unexpectedly: ${(err as Error)?.message ?? String(err)}`;
}
