/**
 * Natural key -> local row lookups and the few writes both the pull and the conflict reverts need.
 * Writes here never touch the outbox: they mirror the hub, they are not new local changes.
 */
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { Db } from '../db/open.js';

export interface ProductRow {
  id: number;
  sku: string;
  identifier_mode: IdentifierMode;
  stock_level: number;
}
export interface LineRow {
  id: number;
  order_id: number;
  line_no: number;
  product_id: number;
  quantity: number;
  dispatched: number;
}
export interface AllocationRow {
  id: number;
  line_id: number;
  unit: number;
  identifier_id: number;
  single_use: number;
  dispatch_id: number | null;
  value: string;
}

export function createLocalRows(db: Db) {
  const productBySku = db.prepare<[string], ProductRow>('SELECT id, sku, identifier_mode, stock_level FROM products WHERE sku = ?');
  const productById = db.prepare<[number], ProductRow>('SELECT id, sku, identifier_mode, stock_level FROM products WHERE id = ?');
  const orderByNumber = db.prepare<[string], { id: number; status: string }>('SELECT id, status FROM orders WHERE order_number = ?');
  const lineOf = db.prepare<[string, number], LineRow>(
    `SELECT l.id, l.order_id, l.line_no, l.product_id, l.quantity, l.dispatched
     FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = ? AND l.line_no = ?`,
  );
  const identifierOf = db.prepare<[number, string], { id: number; status: string }>(
    'SELECT id, status FROM identifiers WHERE product_id = ? AND value = ?',
  );
  const allocationAt = db.prepare<[number, number], AllocationRow>(
    `SELECT a.id, a.line_id, a.unit, a.identifier_id, a.single_use, a.dispatch_id, i.value
     FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE a.line_id = ? AND a.unit = ?`,
  );
  const allocationsOfIdentifier = db.prepare<[number], AllocationRow>(
    `SELECT a.id, a.line_id, a.unit, a.identifier_id, a.single_use, a.dispatch_id, i.value
     FROM allocations a JOIN identifiers i ON i.id = a.identifier_id WHERE a.identifier_id = ?`,
  );
  const insertIdentifier = db.prepare<[number, string, string, string]>(
    'INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, ?, ?)',
  );
  const deleteAllocation = db.prepare<[number]>('DELETE FROM allocations WHERE id = ?');
  const setIdentifierStatus = db.prepare<[string, number]>('UPDATE identifiers SET status = ? WHERE id = ?');
  const deriveStatus = db.prepare<[number], { mode: IdentifierMode; status: string; live: number; dispatched: number }>(
    `SELECT p.identifier_mode AS mode, i.status,
       EXISTS (SELECT 1 FROM allocations a WHERE a.identifier_id = i.id AND a.dispatch_id IS NULL) AS live,
       EXISTS (SELECT 1 FROM allocations a WHERE a.identifier_id = i.id AND a.dispatch_id IS NOT NULL) AS dispatched
     FROM identifiers i JOIN products p ON p.id = i.product_id WHERE i.id = ?`,
  );
  const orderLinesOpen = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM order_lines WHERE order_id = ? AND dispatched < quantity');
  const setOrderStatus = db.prepare<[string, number]>('UPDATE orders SET status = ? WHERE id = ?');

  const rows = {
    product: (sku: string) => productBySku.get(sku),
    productById: (id: number) => productById.get(id),
    order: (orderNumber: string) => orderByNumber.get(orderNumber),
    line: (orderNumber: string, lineNo: number) => lineOf.get(orderNumber, lineNo),
    identifier: (productId: number, value: string) => identifierOf.get(productId, value),
    allocationAt: (lineId: number, unit: number) => allocationAt.get(lineId, unit),
    allocationsOf: (identifierId: number) => allocationsOfIdentifier.all(identifierId),
    /** The identifier's id, inserting it (as available) if this bench has never seen it. */
    ensureIdentifier(productId: number, value: string, now: string): number {
      const found = identifierOf.get(productId, value);
      if (found) return found.id;
      return Number(insertIdentifier.run(productId, value, 'available', now).lastInsertRowid);
    },
    /**
     * Recomputes a local identifier status from its allocations, as the use cases keep it:
     * single use: consumed once dispatched (or when the hub says so), allocated while a unit holds it;
     * multiple use and none: always available. keepConsumed: a consumed value stays consumed even
     * without a local dispatch (the hub consumed it; the dispatch record may come on a later page).
     */
    refreshIdentifierStatus(identifierId: number, options: { hubConsumed?: boolean; keepConsumed?: boolean } = {}): void {
      const row = deriveStatus.get(identifierId);
      if (!row) return;
      let status = 'available';
      if (row.mode === 'single_use') {
        const keep = (options.keepConsumed ?? true) && row.status === 'consumed';
        if (row.dispatched || options.hubConsumed || keep) status = 'consumed';
        else if (row.live) status = 'allocated';
      }
      if (status !== row.status) setIdentifierStatus.run(status, identifierId);
    },
    /** Removes a live (not dispatched) allocation and frees its identifier. */
    dropLiveAllocation(allocation: AllocationRow): void {
      deleteAllocation.run(allocation.id);
      rows.refreshIdentifierStatus(allocation.identifier_id);
    },
    /** An order is dispatched when no line has units left. */
    refreshOrderStatus(orderId: number): void {
      setOrderStatus.run(orderLinesOpen.get(orderId)!.n === 0 ? 'dispatched' : 'awaiting', orderId);
    },
  };
  return rows;
}
export type LocalRows = ReturnType<typeof createLocalRows>;
