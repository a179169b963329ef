/**
 * Pull: pages of changes since the stored cursor until the hub has no more. A page fetched while
 * local ops are pending is not applied (see apply-pull.ts): the caller's push runs and the page is
 * fetched again from the same cursor.
 */
import { performance } from 'node:perf_hooks';
import type { PullApplier } from './apply-pull.js';
import type { HubClient } from './hub-client.js';
import { MAX_PAGE } from '../../../shared/sync/protocol.js';
import type { SyncStateStore } from './sync-state.js';

/** Changes per page: one short SQLite transaction each, so the bench's screens never wait long. */
export const PULL_PAGE = 1_000;
/**
 * Changes per page while catching up (the hub said more are ready): the hub's largest page, so a bench
 * joining late makes a fifth of the round trips and commits.
 */
export const CATCH_UP_PAGE = MAX_PAGE;
/** Rounds of "push, then fetch the page again" before leaving the pull for the next cycle. */
const MAX_DEFERRALS = 5;

export interface PullReport {
  pages: number;
  changes: number;
  /** Changes this bench could not apply, held back as pull conflicts. */
  quarantined: number;
  /** False when local changes kept arriving and the pull was left for the next cycle. */
  complete: boolean;
  /** Wall time of the pull, network included (and any pushes it had to make first). */
  ms: number;
}

export function createPuller(deps: { client: HubClient; applier: PullApplier; state: SyncStateStore; pageSize?: number }) {
  // A page size set by the caller holds throughout.
  const pageSize = deps.pageSize ?? PULL_PAGE;
  const catchUpSize = deps.pageSize ?? CATCH_UP_PAGE;
  return {
    async pullAll(pushPending: () => Promise<unknown>): Promise<PullReport> {
      const started = performance.now();
      const report: PullReport = { pages: 0, changes: 0, quarantined: 0, complete: false, ms: 0 };
      let deferrals = 0;
      let catchingUp = false;
      for (;;) {
        report.ms = Math.round(performance.now() - started);
        const page = await deps.client.pull(deps.state.get().pullCursor, catchingUp ? catchUpSize : pageSize);
        const applied = deps.applier.applyPage(page.changes, page.cursor);
        if (!applied) {
          if (++deferrals > MAX_DEFERRALS) return report;
          await pushPending();
          continue;
        }
        report.pages++;
        report.changes += page.changes.length;
        report.quarantined += applied.quarantined;
        catchingUp = page.more;
        if (!page.more) {
          report.complete = true;
          report.ms = Math.round(performance.now() - started);
          return report;
        }
      }
    },
  };
}
