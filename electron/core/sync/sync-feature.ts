/**
 * The sync calls of the BenchApi contract. They work with or without a hub: without one, the status
 * says "not_configured" (with the pending count and any stored conflicts) and syncNow is refused.
 * Handlers are synchronous like every other: syncNow starts a cycle and answers at once.
 */
import type { BenchHandlers, SyncStatus } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import type { CoreContext } from '../context.js';
import { createConflictStore } from './conflicts.js';
import { createLocalRows } from './local-rows.js';
import { createOutbox } from './outbox.js';
import { createStationDirectory } from './stations.js';
import { createSyncStateStore } from './sync-state.js';
import type { SyncHolder } from './sync-holder.js';

type Handlers = Pick<BenchHandlers, 'getSyncStatus' | 'syncNow' | 'cancelSync' | 'listConflicts' | 'resolveConflict'>;

export const NOT_CONFIGURED_MESSAGE =
  'No hub is configured for this bench: set the hub URL and bench token in Settings (browser mode: BENCH_HUB_URL and BENCH_HUB_TOKEN).';

export function createSyncFeature(ctx: CoreContext, sync: SyncHolder): Handlers {
  const state = createSyncStateStore(ctx.db);
  const outbox = createOutbox(ctx.db);
  const conflicts = createConflictStore(ctx, createLocalRows(ctx.db));
  const stations = createStationDirectory(ctx);

  function status(): SyncStatus {
    const engine = sync.engine;
    if (engine) return engine.status();
    return {
      state: 'not_configured',
      pendingOps: outbox.pendingCount(),
      openConflicts: conflicts.openCount(),
      lastSyncAt: state.get().lastSyncAt,
      station: stations.own(),
      ...(sync.hubUrlRefused
        ? { hubUrl: sync.hubUrlRefused.hubUrl, hubUrlProblem: sync.hubUrlRefused.problem }
        : sync.hubWithoutToken
          ? { hubUrl: sync.hubWithoutToken, ...(sync.tokenUnreadable ? { tokenUnreadable: true as const } : {}) }
          : {}),
    };
  }

  return {
    getSyncStatus: () => status(),
    syncNow: () => {
      const engine = sync.engine;
      if (!engine) throw new BenchError('conflict', NOT_CONFIGURED_MESSAGE);
      if (!engine.running) throw new BenchError('conflict', 'Sync is stopped on this bench (it is shutting down or being reconfigured).');
      engine.requestSync(); // queued at once: the status already says "syncing"
      return engine.status();
    },
    cancelSync: () => {
      const engine = sync.engine;
      if (!engine) throw new BenchError('conflict', NOT_CONFIGURED_MESSAGE);
      engine.cancel(); // nothing running: the status says what is
      return engine.status();
    },
    listConflicts: ({ includeResolved, limit, seenOpen }) => ({
      items: conflicts.list(includeResolved, limit),
      openCount: conflicts.openCount(),
      closed: conflicts.closedOf(seenOpen ?? []),
    }),
    resolveConflict: ({ conflictId, note }) => conflicts.acknowledge(conflictId, note),
  };
}
