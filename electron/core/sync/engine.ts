/**
 * The sync engine of one bench: a loop that pushes the outbox and pulls the hub's changes, every
 * `intervalMs` while the hub answers and with capped, jittered exponential backoff while it does not;
 * sync on demand; a status for the UI. One cycle at a time; stop() waits for the running one.
 *
 * A cycle: learn (once) which station the token belongs to, push everything pending, pull every page
 * (pushing again whenever local changes arrived meanwhile), record the outcome in sync_state.
 */
import type { SyncStatus } from '../../../shared/contract/api.js';
import type { CoreContext } from '../context.js';
import { createPullApplier, PullApplyError } from './apply-pull.js';
import { backoffDelay } from './backoff.js';
import { createConflictStore } from './conflicts.js';
import { createHubClient, HubError, type HubClient } from './hub-client.js';
import { createLocalRows } from './local-rows.js';
import { createOutbox } from './outbox.js';
import { createPuller, type PullReport } from './pull.js';
import { createPusher, type PushReport } from './push.js';
import { createReverter } from './revert.js';
import { createSyncStateStore } from './sync-state.js';

export interface SyncEngineOptions {
  hubUrl: string;
  token: string;
  /** PEM of a CA (or the hub's own certificate) to trust for an https hub, besides the system's. */
  hubCa?: string;
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
  /** For tests: the jitter source. */
  random?: () => number;
  log?: (line: string) => void;
  /** For tests: another client (e.g. one that fails on purpose). */
  client?: HubClient;
}

export interface SyncCycleResult {
  ok: boolean;
  push?: PushReport;
  pull?: PullReport;
  error?: string;
}

type Contact = 'unknown' | 'online' | 'offline' | 'error';

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
  status(): SyncStatus;
}

export function createSyncEngine(ctx: CoreContext, options: SyncEngineOptions): SyncEngine {
  const intervalMs = options.intervalMs ?? 10_000;
  const backoff = { minMs: options.minBackoffMs ?? 1_000, maxMs: options.maxBackoffMs ?? 60_000, random: options.random };
  const log = options.log ?? (() => undefined);
  const stopper = new AbortController();
  const client =
    options.client ??
    createHubClient({ hubUrl: options.hubUrl, token: options.token, timeoutMs: options.requestTimeoutMs, signal: stopper.signal, ca: options.hubCa });

  const state = createSyncStateStore(ctx.db);
  const outbox = createOutbox(ctx.db);
  const rows = createLocalRows(ctx.db);
  const conflicts = createConflictStore(ctx, rows);
  const reverter = createReverter(ctx, rows);
  const applier = createPullApplier(ctx, rows, outbox, state, conflicts);
  const puller = createPuller({ client, applier, state, pageSize: options.pullPageSize });

  let running = false;
  let stopped = false;
  let contact: Contact = 'unknown';
  let failures = 0;
  let syncing = false;
  let stationId: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let nextAttemptAt: number | null = null;
  /** The cycle running or queued; cycles never overlap. */
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<SyncCycleResult> | null = null;

  /** The station the token was issued for; refuses a token of another station or warehouse. */
  async function ensureStation(): Promise<string> {
    if (stationId !== null) return stationId;
    const me = await client.whoami();
    const known = state.get();
    if (known.hubStationId !== null && (known.hubStationId !== me.stationId || known.hubWarehouse !== me.warehouse)) {
      throw new HubError(
        'invalid',
        `this bench synced as station "${known.hubStationId}" (${known.hubWarehouse}) but the token belongs to "${me.stationId}" (${me.warehouse}); use that station's token`,
      );
    }
    // The hub numbering ahead of this outbox means another database used this station (or this one
    // was restored from a backup): pushing would be answered "duplicate" and silently lost.
    if (me.lastSeq > outbox.maxSeq()) {
      throw new HubError(
        'invalid',
        `the hub has ${me.lastSeq} changes from station "${me.stationId}" but this bench only made ${outbox.maxSeq()}; this database is not the one that station synced from`,
      );
    }
    if (known.hubStationId === null) state.bind(me.stationId, me.warehouse);
    stationId = me.stationId;
    return stationId;
  }

  async function cycle(): Promise<SyncCycleResult> {
    syncing = true;
    try {
      const station = await ensureStation();
      const pusher = createPusher({ ctx, client, outbox, conflicts, reverter, stationId: station, batchSize: options.pushBatchSize });
      const push = await pusher.pushAll();
      const pull = await puller.pullAll(() => pusher.pushAll());
      state.succeeded(ctx.now());
      contact = 'online';
      failures = 0;
      if (push.rejected) log(`sync: ${push.rejected} change(s) refused by the hub, see the conflicts`);
      if (pull.quarantined) log(`sync: ${pull.quarantined} change(s) from the hub could not be applied here, see the conflicts`);
      return { ok: true, push, pull };
    } catch (err) {
      if (stopped && stopper.signal.aborted) return { ok: false, error: 'stopped' };
      failures++;
      const message = describe(err);
      if (err instanceof HubError && err.kind === 'offline') contact = 'offline';
      else contact = 'error';
      if (err instanceof HubError && err.kind === 'refused') stationId = null; // learn again once the token changes
      if (!(err instanceof HubError) && !(err instanceof PullApplyError)) log(`sync: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
      if (ctx.db.open) state.failed(message, ctx.now());
      return { ok: false, error: message };
    } finally {
      syncing = false;
    }
  }

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    if (stopped) return;
    nextAttemptAt = Date.now() + delayMs;
    timer = setTimeout(() => void runQueued(), delayMs);
    timer.unref?.();
  }

  /** Queues one cycle after the current one; concurrent callers share a queued cycle. */
  function runQueued(): Promise<SyncCycleResult> {
    if (queued) return queued;
    const next = chain.then(async () => {
      queued = null;
      if (stopped) return { ok: false, error: 'stopped' } satisfies SyncCycleResult;
      clearTimeout(timer);
      nextAttemptAt = null;
      const result = await cycle();
      if (running && !stopped) schedule(result.ok ? intervalMs : backoffDelay(failures, backoff));
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
      void runQueued();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running = false;
      clearTimeout(timer);
      nextAttemptAt = null;
      stopper.abort();
      await chain;
    },
    syncNow() {
      if (stopped) return Promise.resolve({ ok: false, error: 'sync is stopped' });
      return runQueued();
    },
    requestSync() {
      if (!stopped) void runQueued();
    },
    status() {
      const known = state.get();
      let shown: SyncStatus['state'] = 'idle';
      if (running && contact !== 'unknown') shown = contact;
      return {
        state: shown,
        hubUrl: options.hubUrl,
        hubStationId: known.hubStationId,
        syncing,
        pendingOps: outbox.pendingCount(),
        lastSyncAt: known.lastSyncAt,
        lastError: known.lastError,
        lastErrorAt: known.lastErrorAt,
        openConflicts: conflicts.openCount(),
        nextAttemptAt: nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString(),
      };
    },
  };
  return engine;
}

function describe(err: unknown): string {
  if (err instanceof HubError) return err.message.charAt(0).toUpperCase() + err.message.slice(1);
  if (err instanceof PullApplyError) return `Could not apply changes from the hub: ${err.message}`;
  return `Sync failed unexpectedly: ${(err as Error)?.message ?? String(err)}`;
}
