/**
 * The identifier history at this bench: every sync op that touches an identifier becomes one event per
 * identifier value (added, renamed, removed, allocated, cleared, dispatched), and so do the hub's
 * rejections of them (conflict) and the packer's resolutions (resolved). Written in the use case's own
 * transaction, so the history never disagrees with the store.
 */
import type { SyncOp } from '../../../shared/sync/ops.js';
import type { Db } from '../db/open.js';
import type { IDENTIFIER_EVENT_KINDS } from './history-migration.js';

export type IdentifierEventKind = (typeof IDENTIFIER_EVENT_KINDS)[number];

/** Who and where: read at each write (the station may be renamed or adopt the hub's id). */
export interface EventSource {
  readonly stationId: string;
  readonly stationName: string;
  readonly actor: string;
  now(): string;
}

interface Step {
  sku: string;
  value: string;
  orderNumber: string | null;
  lineNo: number | null;
  unit: number | null;
  detail: string | null;
}

export interface HistoryRecorder {
  /** The events of a local change; call inside its transaction. */
  fromOp(op: SyncOp): void;
  /**
   * The 'added' events of every identifier with an id above `afterId` (a file import's, which writes its
   * identifier.add ops in bulk: imports/bulk-identifier-ops.ts), as one row for the import: they read as
   * the events fromOp would have written at this point (history-migration.ts, importHistoryMigration).
   * Call inside the import's transaction, once its identifiers are in.
   */
  addedSince(afterId: number): void;
  /** A change another station made, learnt from the hub (e.g. a pulled dispatch). */
  fromOtherStation(op: SyncOp, station: { stationId: string; stationName: string; at: string; actor: string }): void;
  /** The hub rejected `op`: a conflict event for each identifier it names. */
  conflict(op: SyncOp, reason: string): void;
  /** A packer resolved the conflict over `op`. */
  resolved(op: SyncOp, resolution: string): void;
}

export function createHistoryRecorder(db: Db, source: EventSource): HistoryRecorder {
  const insert = db.prepare<[string, string, string, string, IdentifierEventKind, string, string, string | null, number | null, number | null, string | null]>(
    `INSERT INTO identifier_events (at, station_id, station_name, actor, kind, sku, value, order_number, line_no, unit, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const heldBy = db.prepare<[string, number, number], { sku: string; value: string }>(
    `SELECT sku, value FROM identifier_events WHERE kind = 'allocated' AND order_number = ? AND line_no = ? AND unit = ?
     ORDER BY id DESC LIMIT 1`,
  );

  // An earlier import's ids above `after` were all removed (the largest id is `after`), their events written
  // out: SQLite may hand those ids out again, now to this import's identifiers, so the earlier range ends at `after`.
  const dropImportsAbove = db.prepare<[number]>('DELETE FROM identifier_import_events WHERE first_identifier_id > ?');
  const endImportsAt = db.prepare<[number, number]>('UPDATE identifier_import_events SET last_identifier_id = ? WHERE last_identifier_id > ?');
  // Its id is one more than any import's a row names, dropped ones included (bench migration 14): their
  // written-out rows must never match this import's identifiers.
  const insertImport = db.prepare<[{ at: string; stationId: string; stationName: string; actor: string; after: number }]>(
    `INSERT INTO identifier_import_events (id, at, station_id, station_name, actor, first_identifier_id, last_identifier_id, after_event_id)
     SELECT 1 + max(coalesce((SELECT max(id) FROM identifier_import_events), 0),
                    coalesce((SELECT max(import_id) FROM identifier_events WHERE after_event_id IS NOT NULL), 0)),
            @at, @stationId, @stationName, @actor, @after + 1, max(id), (SELECT coalesce(max(id), 0) FROM identifier_events)
       FROM identifiers WHERE id > @after HAVING count(*) > 0`,
  );

  const plain = (sku: string, value: string, detail: string | null = null): Step => ({ sku, value, orderNumber: null, lineNo: null, unit: null, detail });

  /** Each identifier an op names, with the step it takes; an op without identifiers gives none. */
  function stepsOf(op: SyncOp): { kind: IdentifierEventKind; step: Step }[] {
    switch (op.type) {
      case 'identifier.add':
        return op.values.map((v) => ({ kind: 'added', step: plain(op.sku, v) }));
      case 'identifier.remove':
        return op.values.map((v) => ({ kind: 'removed', step: plain(op.sku, v) }));
      case 'identifier.rename':
        return [
          { kind: 'renamed', step: plain(op.sku, op.from, `renamed to "${op.to}"`) },
          { kind: 'renamed', step: plain(op.sku, op.to, `renamed from "${op.from}"`) },
        ];
      case 'allocation.set':
        return [{ kind: 'allocated', step: { sku: op.sku, value: op.value, orderNumber: op.orderNumber, lineNo: op.lineNo, unit: op.unit, detail: null } }];
      case 'allocation.clear': {
        const held = heldBy.get(op.orderNumber, op.lineNo, op.unit);
        return held ? [{ kind: 'cleared', step: { ...held, orderNumber: op.orderNumber, lineNo: op.lineNo, unit: op.unit, detail: null } }] : [];
      }
      case 'order.dispatch':
        return op.lines.flatMap((line) =>
          line.units.map((u) => ({
            kind: 'dispatched' as const,
            step: { sku: line.sku, value: u.value, orderNumber: op.orderNumber, lineNo: line.lineNo, unit: u.unit, detail: null },
          })),
        );
      default:
        return [];
    }
  }

  function write(kind: IdentifierEventKind, step: Step, from: { stationId: string; stationName: string; at: string; actor: string } | null = null): void {
    const who = from ?? { stationId: source.stationId, stationName: source.stationName, at: source.now(), actor: source.actor };
    insert.run(who.at, who.stationId, who.stationName, who.actor, kind, step.sku, step.value, step.orderNumber, step.lineNo, step.unit, step.detail);
  }

  return {
    fromOp(op) {
      for (const { kind, step } of stepsOf(op)) write(kind, step);
    },
    addedSince(afterId) {
      dropImportsAbove.run(afterId);
      endImportsAt.run(afterId, afterId);
      insertImport.run({ at: source.now(), stationId: source.stationId, stationName: source.stationName, actor: source.actor, after: afterId });
    },
    fromOtherStation(op, station) {
      for (const { kind, step } of stepsOf(op)) write(kind, step, station);
    },
    conflict(op, reason) {
      for (const { kind, step } of stepsOf(op)) write('conflict', { ...step, detail: `the hub refused "${kind}": ${reason}` });
    },
    resolved(op, resolution) {
      for (const { step } of stepsOf(op)) write('resolved', { ...step, detail: resolution });
    },
  };
}
