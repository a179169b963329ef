/**
 * What every feature of the core shares: the database, who and where we are, the clock, and the
 * two records every change writes in its own transaction (the audit log and the sync outbox).
 */
import { randomUUID } from 'node:crypto';
import { BenchError } from '../../shared/contract/result.js';
import { describeZodError } from '../../shared/sync/protocol.js';
import { MAX_VALUES_PER_OP, syncOpSchema, type SyncOp } from '../../shared/sync/ops.js';
import type { Db } from './db/open.js';
import { createHistoryRecorder } from './history/identifier-history.js';

export interface CoreContext {
  readonly db: Db;
  /** This bench's station id: its own until it binds to a hub, the hub's after (see adoptStation). */
  readonly stationId: string;
  /**
   * Its name: the settings name until it binds to a hub, the name the hub gave the station after;
   * Settings may rename it while the bench runs.
   */
  stationName: string;
  /** Call once the records have been rewritten to the hub's id (sync/stations.ts does both). */
  adoptStation(stationId: string, stationName: string): void;
  /** Who is at the bench; recorded in the audit log and outbox. */
  actor: string;
  now(): string;
  /**
   * Appends a sync op and its identifier history; call only inside the use case's transaction.
   * (A file import writes the ops and history of the identifiers it adds in bulk: imports/bulk-identifier-ops.ts
   * and HistoryRecorder.addedSince.)
   */
  recordOp(op: SyncOp): void;
  /** Appends an audit entry; call only inside the use case's transaction. */
  audit(action: string, subject: string, detail: unknown): void;
}

export function createContext(db: Db, options: { stationName?: string; actor?: string; now?: () => string }): CoreContext {
  let stationId = ensureStationId(db);
  let stationName = ownStationName(db, stationId, options.stationName?.trim() || null);
  const insertOp = db.prepare('INSERT INTO outbox (at, actor, op) VALUES (?, ?, ?)');
  const insertAudit = db.prepare(
    'INSERT INTO audit_log (at, station_id, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const now = options.now ?? (() => new Date().toISOString());
  const ctx: CoreContext = {
    db,
    get stationId() {
      return stationId;
    },
    get stationName() {
      return stationName;
    },
    set stationName(name: string) {
      stationName = name;
    },
    adoptStation(id, name) {
      stationId = id;
      stationName = name;
    },
    actor: options.actor ?? options.stationName ?? 'packer',
    now,
    recordOp(op) {
      for (const part of splitForPush(op)) {
        // The outbox holds only what the hub will take: a value out of bounds stops the use case here.
        const checked = syncOpSchema.safeParse(part);
        if (!checked.success) throw new BenchError('validation', `This change cannot be synced: ${describeZodError(checked.error)}. Nothing was changed.`);
        insertOp.run(now(), ctx.actor, JSON.stringify(part));
      }
    },
    audit(action, subject, detail) {
      insertAudit.run(now(), stationId, ctx.actor, action, subject, JSON.stringify(detail));
    },
  };
  const history = createHistoryRecorder(db, ctx);
  const recordParts = ctx.recordOp;
  ctx.recordOp = (op) => {
    recordParts(op);
    history.fromOp(op);
  };
  return ctx;
}

function ensureStationId(db: Db): string {
  const row = db.prepare("SELECT value FROM bench_meta WHERE key = 'station_id'").get() as { value: string } | undefined;
  if (row) return row.value;
  const stationId = randomUUID();
  db.prepare("INSERT INTO bench_meta (key, value) VALUES ('station_id', ?)").run(stationId);
  return stationId;
}

/**
 * The name this bench shows for itself. Bound to a hub: the hub's name for the station. Not bound:
 * the settings name, kept in the stations table so history rows can show it.
 */
/**
 * The name this bench goes by: the hub's once bound, else the settings name. Opened without one (the
 * CLI, tools), the name already recorded stays: a script run must not rename the bench in its history.
 */
function ownStationName(db: Db, stationId: string, givenName: string | null): string {
  const bound = db.prepare('SELECT hub_station_id FROM sync_state WHERE id = 1').pluck().get() as string | null | undefined;
  const known = db.prepare('SELECT name FROM stations WHERE station_id = ?').pluck().get(stationId) as string | undefined;
  if ((bound || givenName === null) && known) return known;
  const settingsName = givenName ?? 'Bench';
  if (known !== settingsName) {
    db.prepare('INSERT INTO stations (station_id, name) VALUES (?, ?) ON CONFLICT (station_id) DO UPDATE SET name = excluded.name').run(stationId, settingsName);
  }
  return settingsName;
}

/** Splits batched identifier ops so each one fits a push request; other ops pass unchanged. */
function splitForPush(op: SyncOp): SyncOp[] {
  if (op.type === 'identifier.use_by') {
    if (op.dates.length <= MAX_VALUES_PER_OP) return [op];
    const parts: SyncOp[] = [];
    for (let i = 0; i < op.dates.length; i += MAX_VALUES_PER_OP) parts.push({ ...op, dates: op.dates.slice(i, i + MAX_VALUES_PER_OP) });
    return parts;
  }
  if ((op.type !== 'identifier.add' && op.type !== 'identifier.remove') || op.values.length <= MAX_VALUES_PER_OP) return [op];
  const parts: SyncOp[] = [];
  for (let i = 0; i < op.values.length; i += MAX_VALUES_PER_OP) {
    parts.push({ ...op, values: op.values.slice(i, i + MAX_VALUES_PER_OP) });
  }
  return parts;
}
