/**
 * Conflicts: ops the hub rejected (kind push), and changes from the hub this bench could not apply
 * (kind pull: quarantined, the pull moved on), stored with what happened until a packer resolves them.
 * A conflict that a later success makes moot closes by itself, with the reason as its resolution:
 * a rejected allocation once the same unit gets an identifier the hub takes (the packer picked one in
 * the normal allocation dialog) or is dispatched, here or (pulled from the hub) at another bench; a
 * rejected dispatch once this bench dispatches the same order's units again and the hub takes it (not
 * when another bench dispatched them: then two parcels may have left, which a person must look at).
 */
import type { SyncConflict } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import { syncOpSchema, type SyncOp } from '../../../shared/sync/ops.js';
import { escapeControls } from '../../../shared/sync/bounds.js';
import type { CoreContext } from '../context.js';
import { createHistoryRecorder } from '../history/identifier-history.js';
import { describeOp } from './describe-op.js';
import type { LocalRows } from './local-rows.js';
import { counted } from '../../../shared/domain/counted.js';
import type { z } from 'zod';
import { CONFLICT_RAW_SHOWN, UNREADABLE_CHANGE, type listConflictsResult } from '../../../shared/contract/sync-schemas.js';

/**
 * The start of every resolution acknowledge() writes ("Acknowledged by <actor>…"), and of no other:
 * the paths that close a conflict by itself write "Resolved: …". The core writes it and reads it back
 * (closedOf) to tell a person's acknowledgement, in any window of the bench, from a conflict made moot;
 * nothing outside the core reads a resolution's words.
 */
export const ACKNOWLEDGED_MARK = 'Acknowledged by ';

interface Row {
  id: number;
  kind: 'push' | 'pull';
  op_seq: number | null;
  op: string;
  reason: string;
  what_happened: string;
  created_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export function createConflictStore(ctx: CoreContext, rows: LocalRows) {
  const { db } = ctx;
  const insert = db.prepare<[number, string, string, string, string]>(
    `INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('push', ?, ?, ?, ?, ?)
     ON CONFLICT (op_seq) DO NOTHING`,
  );
  const insertPull = db.prepare<[string, string, string, string]>(
    `INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM sync_conflicts WHERE id = ?');
  // Push conflicts in the order the packer made the changes (op seq), then pulled ones as they came;
  // with resolved ones: open ones first.
  const open = db.prepare<[number], Row>(
    "SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY kind = 'pull', op_seq, id LIMIT ?",
  );
  const all = db.prepare<[number], Row>(
    "SELECT * FROM sync_conflicts ORDER BY resolved_at IS NOT NULL, kind = 'pull', op_seq, id LIMIT ?",
  );
  const openCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL');
  const openOfUnit = db.prepare<[number, string, number, number], Row>(
    `SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'push' AND op_seq < ?
       AND json_extract(op, '$.type') = 'allocation.set' AND json_extract(op, '$.orderNumber') = ?
       AND json_extract(op, '$.lineNo') = ? AND json_extract(op, '$.unit') = ?`,
  );
  // Through the open-conflicts index (no op_seq bound, which would walk every conflict ever stored).
  const openAllocationsOfOrder = db.prepare<[string], Row>(
    `SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'push'
       AND json_extract(op, '$.type') = 'allocation.set' AND json_extract(op, '$.orderNumber') = ?`,
  );
  const openDispatchesOfOrder = db.prepare<[number, string], Row>(
    `SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'push' AND op_seq < ?
       AND json_extract(op, '$.type') = 'order.dispatch' AND json_extract(op, '$.orderNumber') = ?`,
  );
  // Held-back pulled changes, read once per page: the applier matches them to the rows it applies.
  const openPulls = db.prepare<[], Row>("SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'pull' ORDER BY id");
  // Of the ids asked about (a JSON array), those closed, and whether by an acknowledgement (its mark
  // starts the resolution, compared exactly: LIKE would ignore case and read _ and % in the mark).
  const closedAmong = db.prepare<[number, string, string], { id: number; acknowledged: 0 | 1 }>(
    `SELECT id, substr(resolution, 1, ?) IS ? AS acknowledged FROM sync_conflicts
      WHERE id IN (SELECT value FROM json_each(?)) AND resolved_at IS NOT NULL ORDER BY id`,
  );
  const resolve = db.prepare<[string, string, number]>(
    'UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL',
  );

  const history = createHistoryRecorder(db, ctx);

  function parseJson(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }

  function parseOp(row: Row): SyncOp | null {
    if (row.kind !== 'push') return null;
    const parsed = syncOpSchema.safeParse(parseJson(row.op));
    return parsed.success ? parsed.data : null;
  }

  function pullConflict(row: Row): SyncConflict {
    const change = parseJson(row.op) as Record<string, unknown> | null;
    const kind = typeof change?.kind === 'string' ? change.kind.slice(0, 40) : 'unknown';
    const orderNumber = typeof change?.orderNumber === 'string' ? change.orderNumber : null;
    const orderId = orderNumber === null ? null : (rows.order(orderNumber)?.id ?? null);
    return {
      conflictId: row.id,
      kind: 'pull',
      opSeq: null,
      opType: kind,
      summary: describePullChange(change),
      raw: null,
      reason: row.reason,
      whatHappened: row.what_happened,
      createdAt: row.created_at,
      resolvedAt: row.resolved_at,
      resolution: row.resolution,
      order:
        orderId === null || orderNumber === null
          ? null
          : { orderId, orderNumber, lineNo: null, unit: null, sku: null, rejectedValue: null, currentValue: null },
      needsIdentifier: false,
    };
  }

  /** The type an unreadable op claims, for the list ("unknown" if none). */
  function rawType(text: string): string {
    const type = (parseJson(text) as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type.slice(0, 40) : 'unknown';
  }

  function toConflict(row: Row): SyncConflict {
    if (row.kind === 'pull') return pullConflict(row);
    const op = parseOp(row);
    let order: SyncConflict['order'] = null;
    let needsIdentifier = false;
    if (op && (op.type === 'allocation.set' || op.type === 'allocation.clear')) {
      const line = rows.line(op.orderNumber, op.lineNo);
      const current = line ? rows.allocationAt(line.id, op.unit) : undefined;
      order = {
        orderId: line?.order_id ?? null,
        orderNumber: op.orderNumber,
        lineNo: op.lineNo,
        unit: op.unit,
        sku: op.type === 'allocation.set' ? op.sku : null,
        rejectedValue: op.type === 'allocation.set' ? op.value : null,
        currentValue: current?.value ?? null,
      };
      // Still to do: the unit is awaiting dispatch and holds no identifier on this bench.
      needsIdentifier = op.type === 'allocation.set' && row.resolved_at === null && !!line && !current && op.unit > line.dispatched;
    } else if (op && (op.type === 'order.dispatch' || op.type === 'order.upsert')) {
      order = {
        orderId: rows.order(op.orderNumber)?.id ?? null,
        orderNumber: op.orderNumber,
        lineNo: null,
        unit: null,
        sku: null,
        rejectedValue: null,
        currentValue: null,
      };
    }
    return {
      conflictId: row.id,
      kind: 'push',
      opSeq: row.op_seq,
      opType: op?.type ?? rawType(row.op),
      // Never the raw JSON as its words (it was the heading): it goes below them, cut short.
      summary: op ? describeOp(op) : UNREADABLE_CHANGE,
      raw: op ? null : cutShort(row.op),
      reason: row.reason,
      whatHappened: row.what_happened,
      createdAt: row.created_at,
      resolvedAt: row.resolved_at,
      resolution: row.resolution,
      order,
      needsIdentifier,
    };
  }

  /**
   * Earlier refused dispatches of the same order are moot once this one covers what they tried to
   * dispatch (the same lines, at least as many units) or the order is complete on this bench.
   */
  function resolveDispatchesOf(seq: number, later: Extract<SyncOp, { type: 'order.dispatch' }>): void {
    const dispatchedNow = new Map<number, number>();
    for (const line of later.lines) dispatchedNow.set(line.lineNo, (dispatchedNow.get(line.lineNo) ?? 0) + line.quantity);
    const complete = rows.order(later.orderNumber)?.status === 'dispatched';
    const units = later.lines.reduce((n, l) => n + l.quantity, 0);
    for (const row of openDispatchesOfOrder.all(seq, later.orderNumber)) {
      const refused = parseOp(row);
      if (!refused || refused.type !== 'order.dispatch') continue;
      const covered = refused.lines.every((line) => (dispatchedNow.get(line.lineNo) ?? 0) >= line.quantity);
      if (!covered && !complete) continue;
      doResolve(
        row,
        `Resolved: order ${later.orderNumber} was dispatched again from this bench (${counted(units, 'unit', 'units')}${complete ? ', order complete' : ''}) and the hub took it.`,
        true,
      );
    }
  }

  function doResolve(row: Row, resolution: string, audit: boolean): void {
    const resolved = resolve.run(ctx.now(), resolution, row.id);
    const op = row.kind === 'push' ? syncOpSchema.safeParse(parseJson(row.op)) : null;
    if (resolved.changes && op?.success) history.resolved(op.data, resolution);
    if (audit) ctx.audit('sync.conflict.resolve', `conflict ${row.id}`, { kind: row.kind, opSeq: row.op_seq, resolution });
  }

  return {
    /** Stores a conflict (once per op); call in the transaction that acknowledges the op. */
    record(seq: number, op: SyncOp, reason: string, whatHappened: string): void {
      const added = insert.run(seq, JSON.stringify(op), reason, whatHappened, ctx.now());
      if (added.changes) {
        ctx.audit('sync.conflict', describeOp(op), { seq, reason, whatHappened });
        history.conflict(op, reason);
      }
    },
    /**
     * A pulled change this bench cannot apply (it breaks the shared schema or a local rule): kept with
     * the reason so a packer sees it; the pull goes on. Call in the transaction that applies the page.
     */
    quarantine(changeJson: string, reason: string): HeldBackChange {
      const what = `This bench could not apply it (${reason}), so it was held back and the changes after it were applied. The hub still has it; tell whoever manages the hub.`;
      const added = insertPull.run(changeJson, reason, what, ctx.now());
      ctx.audit('sync.quarantine', changeJson.slice(0, 200), { reason });
      return { id: Number(added.lastInsertRowid), change: parseJson(changeJson) };
    },
    /** The pulled changes held back and still open, as they came from the hub. */
    heldBack(): HeldBackChange[] {
      return openPulls.all().map((row) => ({ id: row.id, change: parseJson(row.op) }));
    },
    /** A held-back change made moot (a later state of its row from the hub applied); in the applying transaction. */
    resolveHeldBack(id: number, resolution: string): void {
      const row = byId.get(id);
      if (row) doResolve(row, resolution, true);
    },
    /** A rejected outbox entry that is not a valid op (written by an older version). */
    recordUnreadable(seq: number, op: unknown, reason: string, whatHappened: string): void {
      const added = insert.run(seq, JSON.stringify(op) ?? 'null', reason, whatHappened, ctx.now());
      if (added.changes) ctx.audit('sync.conflict', `outbox entry ${seq}`, { seq, reason, whatHappened });
    },
    list(includeResolved: boolean, limit: number): SyncConflict[] {
      return (includeResolved ? all.all(limit) : open.all(limit)).map(toConflict);
    },
    /** Of `ids` (conflicts a caller saw open), those closed now, and how: one statement, whatever their number. */
    closedOf(ids: readonly number[]): ConflictClosed[] {
      if (ids.length === 0) return [];
      return closedAmong
        .all(ACKNOWLEDGED_MARK.length, ACKNOWLEDGED_MARK, JSON.stringify(ids))
        .map((row) => ({ conflictId: row.id, how: row.acknowledged ? 'acknowledged' : 'by_itself' }));
    },
    openCount(): number {
      return openCount.get()!.n;
    },
    get(conflictId: number): SyncConflict {
      const row = byId.get(conflictId);
      if (!row) throw new BenchError('not_found', `There is no sync conflict ${conflictId}.`);
      return toConflict(row);
    },
    /** The packer's acknowledgement; records what the bench shows for the unit at that moment. */
    acknowledge(conflictId: number, note?: string): SyncConflict {
      const row = byId.get(conflictId);
      if (!row) throw new BenchError('not_found', `There is no sync conflict ${conflictId}.`);
      if (row.resolved_at !== null) return toConflict(row);
      const conflict = toConflict(row);
      let what = `${ACKNOWLEDGED_MARK}${ctx.actor}`;
      if (conflict.opType === 'allocation.set' && conflict.order) {
        what += conflict.order.currentValue
          ? `; the unit now has "${conflict.order.currentValue}"`
          : '; the unit had no identifier at the time';
      }
      if (note?.trim()) what += `. Note: ${note.trim()}`;
      db.transaction(() => doResolve(row, what, true)).immediate();
      return toConflict(byId.get(conflictId)!);
    },
    /**
     * The hub took a later op for the same unit: a new identifier (allocation.set) or a dispatch.
     * Call in the transaction that acknowledges that op.
     */
    resolveByLaterOp(seq: number, op: SyncOp): void {
      if (op.type !== 'allocation.set' && op.type !== 'order.dispatch') return;
      const units: Array<{ lineNo: number; unit: number; how: string }> = [];
      if (op.type === 'allocation.set') units.push({ lineNo: op.lineNo, unit: op.unit, how: `the unit was given "${op.value}" instead` });
      if (op.type === 'order.dispatch') {
        for (const line of op.lines) {
          for (const u of line.units) units.push({ lineNo: line.lineNo, unit: u.unit, how: `the unit was dispatched with "${u.value}"` });
        }
      }
      for (const u of units) {
        for (const row of openOfUnit.all(seq, op.orderNumber, u.lineNo, u.unit)) {
          doResolve(row, `Resolved: ${u.how} and the hub took it.`, true);
        }
      }
      if (op.type === 'order.dispatch') resolveDispatchesOf(seq, op);
    },
    /**
     * Another bench dispatched units (a dispatch pulled from the hub): refused allocations for those
     * units have nothing left to pick. Call in the transaction that applies the pulled dispatch.
     */
    resolveByOtherStationDispatch(
      dispatch: { orderNumber: string; lines: ReadonlyArray<{ lineNo: number; units: ReadonlyArray<{ unit: number; value: string }> }> },
      stationName: string,
    ): void {
      const open = openAllocationsOfOrder.all(dispatch.orderNumber);
      if (open.length === 0) return;
      const dispatched = new Map(dispatch.lines.flatMap((line) => line.units.map((u) => [`${line.lineNo}:${u.unit}`, u.value] as const)));
      for (const row of open) {
        const op = parseOp(row);
        const value = op?.type === 'allocation.set' ? dispatched.get(`${op.lineNo}:${op.unit}`) : undefined;
        if (value !== undefined) doResolve(row, `Resolved: the unit was dispatched from ${stationName} with "${value}" (pulled from the hub).`, true);
      }
    },
  };
}
export type ConflictStore = ReturnType<typeof createConflictStore>;

/** A conflict closed since it was seen open, and how (see closedOf). */
export type ConflictClosed = z.infer<typeof listConflictsResult>['closed'][number];

/** A pulled change held back: its conflict's id and the change as the hub sent it (it may not fit the protocol). */
export interface HeldBackChange {
  id: number;
  change: unknown;
}

/** A refused change's stored text, at most CONFLICT_RAW_SHOWN characters (… says it was cut). */
function cutShort(text: string): string {
  return text.length > CONFLICT_RAW_SHOWN ? `${text.slice(0, CONFLICT_RAW_SHOWN)}…` : text;
}

/** A text a change from the hub carries, shown safely: cut short, control characters written as \uXXXX. */
function shown(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value);
  const visible = escapeControls(text.slice(0, 80));
  return text.length > 80 ? `${visible}…` : visible;
}

/**
 * A change from the hub this bench could not apply, in words: what it was about, from the fields it has
 * (it may lack some or have them wrong: that is often why it was held back). Never the raw JSON.
 */
export function describePullChange(change: Record<string, unknown> | null): string {
  const sku = shown(change?.sku);
  const orderNumber = shown(change?.orderNumber);
  const value = shown(change?.value);
  const ofSku = sku ? ` of ${sku}` : '';
  switch (change?.kind) {
    case 'product':
      return sku ? `A change from the hub to product ${sku}` : 'A change from the hub to a product';
    case 'identifier':
      return value ? `A change from the hub to identifier "${value}"${ofSku}` : `A change from the hub to an identifier${ofSku}`;
    case 'order':
      return orderNumber ? `A change from the hub to order ${orderNumber}` : 'A change from the hub to an order';
    case 'allocation': {
      const where = [shown(change.lineNo) && `line ${shown(change.lineNo)}`, shown(change.unit) && `unit ${shown(change.unit)}`].filter(Boolean).join(' ');
      return orderNumber ? `A change from the hub to an identifier on order ${orderNumber}${where ? ` ${where}` : ''}` : 'A change from the hub to an identifier on an order';
    }
    case 'dispatch':
      return orderNumber ? `A dispatch of order ${orderNumber} from the hub` : 'A dispatch from the hub';
    default: {
      const kind = shown(change?.kind);
      return kind ? `A change from the hub of a kind this bench does not know ("${kind}")` : 'A change from the hub this bench could not read';
    }
  }
}
