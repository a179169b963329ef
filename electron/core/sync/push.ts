/**
 * Push: pending outbox entries go to the hub in seq order, a batch per request. Each answer is stored
 * in one transaction: applied/duplicate/rejected entries are acknowledged, rejected ones become
 * conflicts with their local effect undone (latest first, like a rollback); not_applied ones stay
 * pending. A request whose answer never arrives changes nothing here, so it is simply sent again.
 *
 * Pipelined: the next batch is sent before the last one is answered (PUSH_IN_FLIGHT requests at most),
 * so the hub applies it while it flushes and answers the last; it applies one station's requests in
 * seq order. Answers are stored in the order the requests were sent. Once one fails or reports a gap
 * or a stop, the answers to later requests are awaited but not stored: their entries stay pending and
 * are sent again (answered duplicate, or rejected again with the same reason, if the hub had them).
 */
import { performance } from 'node:perf_hooks';
import type { CoreContext } from '../context.js';
import type { ConflictStore } from './conflicts.js';
import { HubError, type HubClient } from './hub-client.js';
import { MAX_PUSH_BODY_BYTES, PUSH_IN_FLIGHT, type PushResponse } from '../../../shared/sync/protocol.js';
import type { Outbox, QueuedEntry } from './outbox.js';
import type { Reverter } from './revert.js';

export interface PushReport {
  applied: number;
  duplicate: number;
  rejected: number;
  requests: number;
  /** Wall time of the push, network included. */
  ms: number;
}

export interface PushDeps {
  ctx: CoreContext;
  client: HubClient;
  outbox: Outbox;
  conflicts: ConflictStore;
  reverter: Reverter;
  stationId: string;
  /** Entries per request (default and maximum: PUSH_BATCH_ENTRIES). */
  batchSize?: number;
}

/** Gaps healed per push before giving up (each heal re-sends entries the hub says it lacks). */
const MAX_GAP_HEALS = 3;
/** Requests answered with a gap the hub has since filled (they overtook an earlier one): sent again. */
const MAX_OVERTAKEN_RESENDS = 10;
/** The hub's answer to a body larger than it takes. */
const TOO_LARGE = 413;

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
/** Why an entry no push request could carry was refused. */
function tooLargeReason(bytes: number): string {
  return `the change is ${megabytes(bytes)} MB, more than one push request to the hub can carry`;
}

/** The hub lacks a change this bench has pruned from its outbox: retrying cannot help. */
export class UnsuppliableGapError extends HubError {}

interface Sent {
  batch: QueuedEntry[];
  answer: Promise<PushResponse>;
}

export function createPusher(deps: PushDeps) {
  const { ctx, outbox, conflicts, reverter } = deps;

  /** Stores one answer; returns the seq the hub expects next if it reported a gap (expectedSeq), else null. */
  const storeAnswer = ctx.db.transaction((batch: QueuedEntry[], response: PushResponse, report: PushReport): { gapAt: number | null; stopped: string | null } => {
    const bySeq = new Map(batch.map((e) => [e.seq, e]));
    const now = ctx.now();
    const rejected: Array<{ entry: QueuedEntry; reason: string }> = [];
    let stopped: string | null = null;
    let gapAt: number | null = null;
    for (const result of response.results) {
      const entry = bySeq.get(result.seq);
      if (!entry) continue; // not something we sent: ignore rather than ack the wrong row
      if (result.status === 'not_applied') {
        stopped ??= result.reason ?? 'not applied';
        gapAt ??= result.expectedSeq ?? null;
        continue;
      }
      outbox.ack(entry.seq, now);
      if (result.status === 'rejected') {
        rejected.push({ entry, reason: entry.tooLarge !== undefined ? tooLargeReason(entry.tooLarge) : (result.reason ?? 'rejected by the hub') });
        report.rejected++;
      } else {
        if (result.status === 'applied') report.applied++;
        else report.duplicate++;
        if (entry.checked) conflicts.resolveByLaterOp(entry.seq, entry.checked);
      }
    }
    // Undo latest first: a rejected dispatch must be undone before the rejected allocation it used.
    for (const { entry, reason } of rejected.reverse()) {
      if (entry.checked) {
        const undone = reverter.revert(entry.checked, reason);
        conflicts.record(entry.seq, entry.checked, reason, `The hub refused it: ${reason}. ${undone}`);
      } else {
        // Not an op this version writes: nothing here can be undone with certainty; the hub's rows land at the next pull.
        conflicts.recordUnreadable(entry.seq, entry.op, reason, `The hub refused it: ${reason}. This bench's copy is replaced by the hub's at the next pull.`);
      }
    }
    return { gapAt, stopped };
  });

  return {
    /** Pushes until nothing is pending; throws HubError when the hub cannot take more now. */
    async pushAll(): Promise<PushReport> {
      const started = performance.now();
      const report: PushReport = { applied: 0, duplicate: 0, rejected: 0, requests: 0, ms: 0 };
      let heals = 0;
      let overtaken = 0;
      // A hub that took less than a request carried (413): smaller requests from then on.
      let batchSize = deps.batchSize;
      for (;;) {
        const inFlight: Sent[] = [];
        let sentUpTo = 0;
        let failure: { error: unknown; batch: QueuedEntry[] } | null = null;
        let halt: { gapAt: number | null; stopped: string | null; batch: QueuedEntry[] } | null = null;
        /** The highest last seq the hub answered in this pass. */
        let hubLastSeq = 0;
        for (;;) {
          while (failure === null && halt === null && inFlight.length < PUSH_IN_FLIGHT) {
            const batch = outbox.nextBatch(batchSize, sentUpTo);
            if (batch.length === 0) break;
            sentUpTo = batch[batch.length - 1]!.seq;
            report.requests++;
            // Its deadline runs from the answer to the one ahead: the hub answers them in turn.
            const answer = deps.client.push(deps.stationId, batch, inFlight[inFlight.length - 1]?.answer);
            answer.catch(() => undefined); // awaited below, in order; never left unhandled meanwhile
            inFlight.push({ batch, answer });
          }
          const sent = inFlight.shift();
          if (!sent) break;
          let response: PushResponse;
          try {
            response = await sent.answer;
          } catch (error) {
            failure ??= { error, batch: sent.batch };
            continue;
          }
          if (failure !== null || halt !== null) continue;
          hubLastSeq = Math.max(hubLastSeq, response.lastSeq);
          const { gapAt, stopped } = storeAnswer.immediate(sent.batch, response, report);
          if (gapAt !== null || stopped !== null) halt = { gapAt, stopped, batch: sent.batch };
        }
        report.ms = Math.round(performance.now() - started);
        if (failure !== null) {
          const { error, batch } = failure;
          if (!(error instanceof HubError && error.status === TOO_LARGE)) throw error;
          if (batch.length > 1) {
            batchSize = Math.max(1, Math.floor(batch.length / 2));
            continue;
          }
          // One entry the bounds allow, and still too large: the hub (or a proxy before it) takes less
          // than the protocol promises. Say so; the entry stays pending until that is fixed.
          throw new HubError(
            'invalid',
            `the hub refused a change of ${megabytes(Buffer.byteLength(JSON.stringify(batch[0]?.op ?? null)))} MB as too large (413); the sync protocol needs it (or a proxy in front of it) to take push requests of ${megabytes(MAX_PUSH_BODY_BYTES)} MB`,
            TOO_LARGE,
          );
        }
        if (halt === null) return report;
        const { gapAt, stopped, batch } = halt;
        if (gapAt !== null) {
          // Answered before an earlier request of this pass had landed, which since has: send it again.
          if (gapAt <= hubLastSeq && overtaken++ < MAX_OVERTAKEN_RESENDS) continue;
          // The hub lacks entries this bench had marked as taken (e.g. the hub was restored from a
          // backup): send them again from where the hub stands. The outbox keeps every entry.
          if (heals++ < MAX_GAP_HEALS && gapAt < batch[0]!.seq && outbox.entry(gapAt)) {
            outbox.reopenFrom(gapAt);
            continue;
          }
          // Pruned here (kept only for the retention period): no retry can send it again.
          if (!outbox.entry(gapAt)) {
            throw new UnsuppliableGapError(
              'invalid',
              `the hub expects seq ${gapAt} next but this bench no longer keeps that change (the hub was likely restored from a backup older than this bench keeps its changes); ask the hub's administrator to restore its latest backup, then press Sync now`,
            );
          }
          throw new HubError('invalid', `the hub expects seq ${gapAt} next but this bench cannot supply it (${stopped})`);
        }
        throw new HubError('offline', `the hub could not take every change: ${stopped}`);
      }
    },
  };
}
