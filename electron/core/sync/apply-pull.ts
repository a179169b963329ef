/**
 * Applying a page of pulled changes: rows as they are now at the hub, by natural key. Products,
 * orders and identifiers new here are created; stock, order lines and statuses take the hub's
 * absolute values (they already include this bench's acknowledged ops, so nothing is counted twice);
 * allocations follow live/consumed/cleared; dispatches from other benches join the history.
 *
 * One transaction per page, together with the new cursor, and only while the outbox has no pending
 * entries: a pending local change must stay on top of the hub's rows until the hub has taken it, so
 * the caller pushes first and fetches the page again. Nothing here appends to the outbox.
 *
 * Poison-proof: each change is checked with the shared schema and applied in its own savepoint; one
 * that fails the schema, a local rule (PullApplyError) or a constraint is quarantined as a pull
 * conflict with the reason, and the page (and cursor) go on without it.
 *
 * Newest state wins: pages are in the hub's commit-safe order, not commit order, so a row's older state
 * can arrive after its newer one. Each state change carries its changeId (in commit order within a
 * row); the highest applied per row is kept (pulled_changes, migration 10) and an older one is skipped.
 */
import { describeZodError, pullChangeSchema, type PullChange } from '../../../shared/sync/protocol.js';
import type { CoreContext } from '../context.js';
import { createHistoryRecorder } from '../history/identifier-history.js';
import type { ConflictStore, HeldBackChange } from './conflicts.js';
import type { LocalRows } from './local-rows.js';
import type { Outbox } from './outbox.js';
import type { SyncStateStore } from './sync-state.js';

type Change<K extends PullChange['kind']> = Extract<PullChange, { kind: K }>;

export class PullApplyError extends Error {}

export interface PageResult {
  applied: number;
  /** Changes held back as pull conflicts. */
  quarantined: number;
}

/** Why a change could not be applied here, or null when the error is not about the change (disk, lock, bug). */
function changeProblem(err: unknown): string | null {
  if (err instanceof PullApplyError) return err.message;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) return `it breaks a rule of this bench's store (${(err as Error).message})`;
  return null;
}

type RowChange = Exclude<PullChange, { kind: 'dispatch' }>;

/**
 * A pulled state's row: its kind and natural key (the key of pulled_changes). Read leniently, so a
 * held-back change that does not fit the protocol still names the row a later good state sets.
 */
function rowKeyOf(change: unknown): string | null {
  if (typeof change !== 'object' || change === null) return null;
  const c = change as Record<string, unknown>;
  switch (c.kind) {
    case 'product':
      return JSON.stringify(['product', c.sku]);
    case 'identifier':
      return JSON.stringify(['identifier', c.sku, c.value]);
    case 'order':
      return JSON.stringify(['order', c.orderNumber]);
    case 'allocation':
      return JSON.stringify(['allocation', c.orderNumber, c.lineNo, c.unit]);
    default:
      return null;
  }
}

const pulledKey = (change: RowChange): string => rowKeyOf(change)!;

/** The row a pulled state sets, in the packer's words. */
function describeRow(change: RowChange): string {
  switch (change.kind) {
    case 'product':
      return `product ${change.sku}`;
    case 'identifier':
      return `identifier "${change.value}" of ${change.sku}`;
    case 'order':
      return `order ${change.orderNumber}`;
    case 'allocation':
      return `the identifier on order ${change.orderNumber} line ${change.lineNo} unit ${change.unit}`;
  }
}

export function createPullApplier(ctx: CoreContext, rows: LocalRows, outbox: Outbox, state: SyncStateStore, conflicts: ConflictStore) {
  const { db } = ctx;
  const history = createHistoryRecorder(db, ctx);
  const insertProduct = db.prepare<[string, string, string | null, string, number, string]>(
    'INSERT INTO products (sku, title, barcode, identifier_mode, stock_level, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updateProduct = db.prepare<[string, string | null, string, number, string, number]>(
    'UPDATE products SET title = ?, barcode = ?, identifier_mode = ?, stock_level = ?, updated_at = ? WHERE id = ?',
  );
  // Single use allows one allocation per identifier; an identifier already used twice keeps its flag off.
  const markSingleUse = db.prepare<[number]>(
    `UPDATE allocations SET single_use = 1 WHERE identifier_id IN (SELECT id FROM identifiers WHERE product_id = ?)
       AND identifier_id NOT IN (SELECT identifier_id FROM allocations GROUP BY identifier_id HAVING count(*) > 1)`,
  );
  const markMultipleUse = db.prepare<[number]>(
    'UPDATE allocations SET single_use = 0 WHERE identifier_id IN (SELECT id FROM identifiers WHERE product_id = ?)',
  );
  const insertIdentifier = db.prepare<[number, string, string, string]>(
    'INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, ?, ?)',
  );
  const identifiersOfProduct = db.prepare<[number], { id: number }>('SELECT id FROM identifiers WHERE product_id = ?');
  const deleteIdentifier = db.prepare<[number]>('DELETE FROM identifiers WHERE id = ?');
  const setUseBy = db.prepare<[{ useBy: string | null; id: number | bigint }]>('UPDATE identifiers SET use_by = @useBy WHERE id = @id AND use_by IS NOT @useBy');
  const insertOrder = db.prepare<[string, string, string]>(
    `INSERT INTO orders (order_number, customer, status, created_at) VALUES (?, ?, 'awaiting', ?)`,
  );
  const updateCustomer = db.prepare<[string, number]>('UPDATE orders SET customer = ? WHERE id = ?');
  const linesOfOrder = db.prepare<[number], { id: number; line_no: number; product_id: number; quantity: number }>(
    'SELECT id, line_no, product_id, quantity FROM order_lines WHERE order_id = ?',
  );
  const insertLine = db.prepare<[number, number, number, number, number]>(
    'INSERT INTO order_lines (order_id, line_no, product_id, quantity, dispatched) VALUES (?, ?, ?, ?, ?)',
  );
  const updateLine = db.prepare<[number, number, number, number]>(
    'UPDATE order_lines SET product_id = ?, quantity = ?, dispatched = ? WHERE id = ?',
  );
  const liveAllocationsOfLine = db.prepare<[number], { id: number; unit: number; identifier_id: number }>(
    'SELECT id, unit, identifier_id FROM allocations WHERE line_id = ? AND dispatch_id IS NULL',
  );
  const lineHistory = db.prepare<[number, number], { n: number }>(
    `SELECT (SELECT count(*) FROM dispatch_lines WHERE line_id = ?) + (SELECT count(*) FROM allocations WHERE line_id = ? AND dispatch_id IS NOT NULL) AS n`,
  );
  const deleteAllocation = db.prepare<[number]>('DELETE FROM allocations WHERE id = ?');
  const deleteLine = db.prepare<[number]>('DELETE FROM order_lines WHERE id = ?');
  const insertAllocation = db.prepare<[number, number, number, number, number | null, string]>(
    'INSERT INTO allocations (line_id, unit, identifier_id, single_use, dispatch_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // A dispatch pulled from the hub: its lots' dates as this bench knows them when it arrives (migration 16).
  const linkAllocation = db.prepare<[number, number]>(
    'UPDATE allocations SET dispatch_id = ?, use_by_at_dispatch = (SELECT use_by FROM identifiers WHERE id = allocations.identifier_id) WHERE id = ?',
  );
  const keepUseByAtDispatch = db.prepare<[number]>(
    'UPDATE allocations SET use_by_at_dispatch = (SELECT use_by FROM identifiers WHERE id = allocations.identifier_id) WHERE id = ?',
  );
  const dispatchByUid = db.prepare<[string], { id: number }>('SELECT id FROM dispatches WHERE uid = ?');
  const insertDispatch = db.prepare<[string, number, string, string, string]>(
    'INSERT INTO dispatches (uid, order_id, station_id, actor, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const nameStation = db.prepare<[string, string]>(
    'INSERT INTO stations (station_id, name) VALUES (?, ?) ON CONFLICT (station_id) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name',
  );
  const insertDispatchLine = db.prepare<[number, number, number]>(
    'INSERT INTO dispatch_lines (dispatch_id, line_id, quantity) VALUES (?, ?, ?)',
  );

  // Issue 12: a field the hub did not send (an older hub) leaves the bench's value as it is. Identifiers
  // that do not fit a pulled format are kept; the product screen lists them (getUnfitIdentifiers).
  const applySpec = db.prepare<[string | null, number, string | null, number, number | null, string]>(
    `UPDATE products SET identifier_kind = coalesce(?, identifier_kind),
       identifier_format = CASE WHEN ? THEN ? ELSE identifier_format END,
       min_shelf_life_days = CASE WHEN ? THEN ? ELSE min_shelf_life_days END
     WHERE sku = ?`,
  );
  function productSpec(change: Change<'product'>): void {
    if (change.identifierKind === undefined && change.identifierFormat === undefined && change.minShelfLifeDays === undefined) return;
    applySpec.run(
      change.identifierKind ?? null,
      change.identifierFormat === undefined ? 0 : 1,
      change.identifierFormat ? JSON.stringify(change.identifierFormat) : null,
      change.minShelfLifeDays === undefined ? 0 : 1,
      change.minShelfLifeDays ?? null,
      change.sku,
    );
  }

  function product(change: Change<'product'>, now: string): void {
    // The bench never shows negative stock; the hub may go below zero when offline benches overshoot.
    const stock = Math.max(0, change.stockLevel);
    const existing = rows.product(change.sku);
    if (!existing) {
      insertProduct.run(change.sku, change.title, change.barcode, change.identifierMode, stock, now);
      productSpec(change);
      return;
    }
    productSpec(change);
    updateProduct.run(change.title, change.barcode, change.identifierMode, stock, now, existing.id);
    if (existing.identifier_mode !== change.identifierMode) {
      if (change.identifierMode === 'single_use') markSingleUse.run(existing.id);
      else markMultipleUse.run(existing.id);
      for (const { id } of identifiersOfProduct.all(existing.id)) rows.refreshIdentifierStatus(id);
    }
  }

  function identifier(change: Change<'identifier'>, now: string): void {
    const owner = rows.product(change.sku);
    if (!owner) throw new PullApplyError(`identifier "${change.value}" of unknown SKU ${change.sku}`);
    const found = rows.identifier(owner.id, change.value);
    if (change.status === 'removed') {
      // Kept while this bench's history refers to it (the hub never removes a dispatched value).
      if (found && rows.allocationsOf(found.id).length === 0) deleteIdentifier.run(found.id);
      return;
    }
    if (!found) {
      // New here (most of a late-joining bench's pull): no allocations yet, so the status is the hub's.
      const consumed = change.status === 'consumed' && owner.identifier_mode === 'single_use';
      const inserted = insertIdentifier.run(owner.id, change.value, consumed ? 'consumed' : 'available', now);
      if (change.useBy) setUseBy.run({ useBy: change.useBy, id: inserted.lastInsertRowid });
      return;
    }
    rows.refreshIdentifierStatus(found.id, { hubConsumed: change.status === 'consumed', keepConsumed: false });
    // A lot's use-by date (issue 12): absent from older hubs' changes, which leave it as it is.
    if (change.useBy !== undefined) setUseBy.run({ useBy: change.useBy, id: found.id });
  }

  function order(change: Change<'order'>, now: string): void {
    const found = rows.order(change.orderNumber);
    if (!found) return newOrder(change, now);
    const orderId = found.id;
    updateCustomer.run(change.customer, orderId);
    const existing = new Map(linesOfOrder.all(orderId).map((l) => [l.line_no, l]));
    for (const line of change.lines) {
      const lineProduct = rows.product(line.sku);
      if (!lineProduct) throw new PullApplyError(`order ${change.orderNumber} line ${line.lineNo} names unknown SKU ${line.sku}`);
      const local = existing.get(line.lineNo);
      existing.delete(line.lineNo);
      if (!local) {
        insertLine.run(orderId, line.lineNo, lineProduct.id, line.quantity, line.dispatched);
        continue;
      }
      // Live allocations that no longer fit the hub's line (other SKU, fewer units) were stale here.
      for (const a of liveAllocationsOfLine.all(local.id)) {
        if (local.product_id !== lineProduct.id || a.unit > line.quantity) {
          deleteAllocation.run(a.id);
          rows.refreshIdentifierStatus(a.identifier_id);
        }
      }
      updateLine.run(lineProduct.id, line.quantity, line.dispatched, local.id);
    }
    for (const gone of existing.values()) {
      if (lineHistory.get(gone.id, gone.id)!.n > 0) continue; // dispatch history stays
      for (const a of liveAllocationsOfLine.all(gone.id)) {
        deleteAllocation.run(a.id);
        rows.refreshIdentifierStatus(a.identifier_id);
      }
      deleteLine.run(gone.id);
    }
    rows.refreshOrderStatus(orderId);
  }

  /** An order new here: its lines as the hub has them, and its status from them (no local history yet). */
  function newOrder(change: Change<'order'>, now: string): void {
    const orderId = Number(insertOrder.run(change.orderNumber, change.customer, now).lastInsertRowid);
    for (const line of change.lines) {
      const lineProduct = rows.product(line.sku);
      if (!lineProduct) throw new PullApplyError(`order ${change.orderNumber} line ${line.lineNo} names unknown SKU ${line.sku}`);
      insertLine.run(orderId, line.lineNo, lineProduct.id, line.quantity, line.dispatched);
    }
    if (change.lines.every((line) => line.dispatched >= line.quantity)) rows.refreshOrderStatus(orderId);
  }

  /**
   * Puts identifier `value` on (line, unit), replacing what a live allocation there held. A single-use
   * value held live by another unit here is taken off it: the hub, the authority, gave it to this one.
   */
  function placeIdentifier(change: { orderNumber: string; lineNo: number; unit: number; sku: string; value: string }, dispatchId: number | null, now: string): number | null {
    const line = rows.line(change.orderNumber, change.lineNo);
    if (!line) throw new PullApplyError(`allocation for unknown order line ${change.orderNumber}/${change.lineNo}`);
    const lineProduct = rows.productById(line.product_id)!;
    if (lineProduct.sku !== change.sku) {
      throw new PullApplyError(`order ${change.orderNumber} line ${change.lineNo} is for ${lineProduct.sku} here, ${change.sku} at the hub`);
    }
    if (lineProduct.identifier_mode === 'none') return null; // mode turned off since: nothing to show
    const identifierId = rows.ensureIdentifier(lineProduct.id, change.value, now);
    const current = rows.allocationAt(line.id, change.unit);
    if (current && current.identifier_id === identifierId) {
      if (dispatchId !== null && current.dispatch_id === null) linkAllocation.run(dispatchId, current.id);
      return identifierId;
    }
    if (current) {
      if (current.dispatch_id !== null) {
        throw new PullApplyError(`order ${change.orderNumber} line ${change.lineNo} unit ${change.unit} was dispatched here with "${current.value}", at the hub with "${change.value}"`);
      }
      rows.dropLiveAllocation(current);
    }
    const singleUse = lineProduct.identifier_mode === 'single_use';
    if (singleUse) {
      for (const other of rows.allocationsOf(identifierId)) {
        if (other.dispatch_id !== null) {
          throw new PullApplyError(`single-use "${change.value}" of ${change.sku} is dispatched here on another unit`);
        }
        rows.dropLiveAllocation(other);
        ctx.audit('sync.allocation.replaced', change.sku, { value: change.value, movedTo: { order: change.orderNumber, line: change.lineNo, unit: change.unit } });
      }
    }
    const inserted = Number(insertAllocation.run(line.id, change.unit, identifierId, singleUse ? 1 : 0, dispatchId, now).lastInsertRowid);
    if (dispatchId !== null) keepUseByAtDispatch.run(inserted);
    return identifierId;
  }

  function allocation(change: Change<'allocation'>, now: string): void {
    if (change.status === 'cleared') {
      const line = rows.line(change.orderNumber, change.lineNo);
      const current = line ? rows.allocationAt(line.id, change.unit) : undefined;
      // Only if the unit still holds that value: a later change may already have put another there.
      if (current && current.value === change.value && current.dispatch_id === null) rows.dropLiveAllocation(current);
      return;
    }
    const identifierId = placeIdentifier(change, null, now);
    if (identifierId !== null) rows.refreshIdentifierStatus(identifierId, { hubConsumed: change.status === 'consumed' });
  }

  function dispatch(change: Change<'dispatch'>, now: string): void {
    if (change.stationId !== null && change.stationName !== null) nameStation.run(change.stationId, change.stationName);
    if (dispatchByUid.get(change.dispatchUid)) return; // this bench's own, or pulled before
    const found = rows.order(change.orderNumber);
    if (!found) throw new PullApplyError(`dispatch of unknown order ${change.orderNumber}`);
    const dispatchId = Number(
      insertDispatch.run(change.dispatchUid, found.id, change.stationId ?? 'hub', 'sync', change.at ?? now).lastInsertRowid,
    );
    for (const line of change.lines) {
      const local = rows.line(change.orderNumber, line.lineNo);
      if (!local) throw new PullApplyError(`dispatch of unknown order line ${change.orderNumber}/${line.lineNo}`);
      insertDispatchLine.run(dispatchId, local.id, line.quantity);
      for (const u of line.units) {
        const identifierId = placeIdentifier({ orderNumber: change.orderNumber, lineNo: line.lineNo, unit: u.unit, sku: line.sku, value: u.value }, dispatchId, now);
        if (identifierId !== null) rows.refreshIdentifierStatus(identifierId);
      }
    }
    // Another bench's dispatch joins this bench's identifier history under that bench's id.
    const stationId = change.stationId ?? 'hub';
    conflicts.resolveByOtherStationDispatch(change, change.stationName ?? (change.stationId === null ? 'the hub' : `station ${change.stationId}`));
    history.fromOtherStation(
      { type: 'order.dispatch', orderNumber: change.orderNumber, dispatchUid: change.dispatchUid, lines: change.lines.map((l) => ({ ...l, units: [...l.units] })) },
      { stationId, stationName: change.stationName ?? '', at: change.at ?? now, actor: 'sync' },
    );
  }

  function apply(change: PullChange, now: string): void {
    switch (change.kind) {
      case 'product':
        return product(change, now);
      case 'identifier':
        return identifier(change, now);
      case 'order':
        return order(change, now);
      case 'allocation':
        return allocation(change, now);
      case 'dispatch':
        return dispatch(change, now);
    }
  }

  // One statement per change: it records the id unless an equal or newer one is recorded (0 changes:
  // the change is stale). Inside the change's savepoint, so a change that fails records nothing.
  const recordChangeId = db.prepare<[string, number]>(
    `INSERT INTO pulled_changes (key, change_id) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET change_id = excluded.change_id WHERE excluded.change_id > change_id`,
  );

  /**
   * The open held-back changes by the row they would set, with their changeIds: read once a page (not a
   * query per applied change), added to on a quarantine, and taken out as a later state makes them moot.
   */
  let heldBack = new Map<string, Array<{ id: number; changeId: number | undefined }>>();

  function holdBack({ id, change }: HeldBackChange): void {
    const key = rowKeyOf(change);
    if (key === null) return;
    const changeId = (change as { changeId?: unknown }).changeId;
    const held = heldBack.get(key) ?? [];
    held.push({ id, changeId: typeof changeId === 'number' ? changeId : undefined });
    heldBack.set(key, held);
  }

  /** Held-back states of `change`'s row older than it are moot; a change without a changeId (an older hub) counts as older. */
  function resolveMoot(change: RowChange): void {
    const key = pulledKey(change);
    const held = heldBack.get(key);
    if (!held) return;
    const moot = (h: { changeId: number | undefined }) => h.changeId === undefined || change.changeId === undefined || h.changeId < change.changeId;
    for (const h of held.filter(moot)) conflicts.resolveHeldBack(h.id, `Resolved: a later state of ${describeRow(change)} from the hub was applied here.`);
    const left = held.filter((h) => !moot(h));
    if (left.length) heldBack.set(key, left);
    else heldBack.delete(key);
  }

  // Nested in applyPage's transaction: a savepoint, rolled back alone when the change fails.
  const applyOne = db.transaction((change: PullChange, now: string) => {
    if (change.kind !== 'dispatch' && change.changeId !== undefined && recordChangeId.run(pulledKey(change), change.changeId).changes === 0) {
      return; // superseded: a newer state of this row is applied already
    }
    apply(change, now);
    if (heldBack.size > 0 && change.kind !== 'dispatch') resolveMoot(change);
  });

  function applyOrQuarantine(raw: unknown, now: string): boolean {
    const parsed = pullChangeSchema.safeParse(raw);
    if (!parsed.success) {
      holdBack(conflicts.quarantine(JSON.stringify(raw), `it does not fit the sync protocol: ${describeZodError(parsed.error)}`));
      return false;
    }
    try {
      applyOne(parsed.data, now);
      return true;
    } catch (err) {
      const problem = changeProblem(err);
      if (problem === null) throw err;
      holdBack(conflicts.quarantine(JSON.stringify(raw), problem));
      return false;
    }
  }

  const applyPage = db.transaction((changes: unknown[], cursor: string): PageResult | null => {
    if (outbox.pendingCount() > 0) return null;
    const now = ctx.now();
    heldBack = new Map();
    for (const held of conflicts.heldBack()) holdBack(held);
    let quarantined = 0;
    for (const change of changes) if (!applyOrQuarantine(change, now)) quarantined++;
    state.setCursor(cursor);
    return { applied: changes.length - quarantined, quarantined };
  });

  return {
    /**
     * Applies a page and stores its cursor; null (nothing applied) while local ops are pending.
     * IMMEDIATE: the write lock is taken before the pending check, so no other connection on the file
     * can add a local change between the check and the page.
     */
    applyPage: (changes: unknown[], cursor: string): PageResult | null => applyPage.immediate(changes, cursor),
  };
}
export type PullApplier = ReturnType<typeof createPullApplier>;
