/** The bench's pull applier (an internal module) on a test's own connection to a bench file, with the conflicts it records. */
import { createContext } from '../../electron/core/context.js';
import { createPullApplier } from '../../electron/core/sync/apply-pull.js';
import { createConflictStore } from '../../electron/core/sync/conflicts.js';
import { createLocalRows } from '../../electron/core/sync/local-rows.js';
import { createOutbox } from '../../electron/core/sync/outbox.js';
import { createSyncStateStore } from '../../electron/core/sync/sync-state.js';
import type { TestBench } from '../core/helpers.js';

export function pullApplierOn(bench: TestBench) {
  const db = bench.writer;
  const context = createContext(db, { stationName: 'Test bench', actor: 'tester' });
  const rows = createLocalRows(db);
  const conflicts = createConflictStore(context, rows);
  const applier = createPullApplier(context, rows, createOutbox(db), createSyncStateStore(db), conflicts);
  return { applier, conflicts };
}
