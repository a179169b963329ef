/**
 * Undoing, on this bench, the local effect of an op the hub rejected, so the bench again agrees with
 * the hub and pulled rows can land. Each function returns what it did, in words, for the conflict.
 * Runs inside the transaction that stores the hub's answer; never appends outbox ops.
 */
import { counted } from '../../../shared/domain/counted.js';
import type { SyncOp } from '../../../shared/sync/ops.js';
import type { CoreContext } from '../context.js';
import type { LocalRows } from './local-rows.js';

type Op<T extends SyncOp['type']> = Extract<SyncOp, { type: T }>;

export function createReverter(ctx: CoreContext, rows: LocalRows) {
  const { db } = ctx;
  const dispatchByUid = db.prepare<[string], { id: number; order_id: number }>('SELECT id, order_id FROM dispatches WHERE uid = ?');
  const dispatchLines = db.prepare<[number], { line_id: number; quantity: number; product_id: number }>(
    `SELECT dl.line_id, dl.quantity, l.product_id FROM dispatch_lines dl JOIN order_lines l ON l.id = dl.line_id WHERE dl.dispatch_id = ?`,
  );
  const dispatchedIdentifiers = db.prepare<[number], { identifier_id: number }>('SELECT identifier_id FROM allocations WHERE dispatch_id = ?');
  const unlinkAllocations = db.prepare<[number]>('UPDATE allocations SET dispatch_id = NULL, use_by_at_dispatch = NULL WHERE dispatch_id = ?');
  const lowerDispatched = db.prepare<[number, number]>('UPDATE order_lines SET dispatched = max(0, dispatched - ?) WHERE id = ?');
  const raiseStock = db.prepare<[number, string, number]>('UPDATE products SET stock_level = stock_level + ?, updated_at = ? WHERE id = ?');
  const deleteDispatchLines = db.prepare<[number]>('DELETE FROM dispatch_lines WHERE dispatch_id = ?');
  const deleteDispatch = db.prepare<[number]>('DELETE FROM dispatches WHERE id = ?');
  const shiftStock = db.prepare<[number, string, string]>('UPDATE products SET stock_level = max(0, stock_level - ?), updated_at = ? WHERE sku = ?');
  const insertIdentifier = db.prepare<[number, string, string]>(
    `INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', ?)`,
  );
  const renameIdentifier = db.prepare<[string, number]>('UPDATE identifiers SET value = ? WHERE id = ?');

  function allocationSet(op: Op<'allocation.set'>): string {
    const line = rows.line(op.orderNumber, op.lineNo);
    const current = line ? rows.allocationAt(line.id, op.unit) : undefined;
    if (!current) return 'This bench no longer has that allocation; nothing to undo.';
    if (current.value !== op.value) return `The unit has since been given "${current.value}" on this bench; nothing to undo.`;
    if (current.dispatch_id !== null) return `The unit was dispatched from this bench with "${op.value}".`;
    rows.dropLiveAllocation(current);
    return `This bench took "${op.value}" off the unit: it needs another identifier before it can be dispatched.`;
  }

  function orderDispatch(op: Op<'order.dispatch'>): string {
    const dispatch = dispatchByUid.get(op.dispatchUid);
    if (!dispatch) return 'This bench has no record of that dispatch; nothing to undo.';
    const now = ctx.now();
    let units = 0;
    for (const line of dispatchLines.all(dispatch.id)) {
      lowerDispatched.run(line.quantity, line.line_id);
      raiseStock.run(line.quantity, now, line.product_id);
      units += line.quantity;
    }
    const identifiers = dispatchedIdentifiers.all(dispatch.id).map((r) => r.identifier_id);
    unlinkAllocations.run(dispatch.id);
    for (const id of identifiers) rows.refreshIdentifierStatus(id, { keepConsumed: false });
    deleteDispatchLines.run(dispatch.id);
    deleteDispatch.run(dispatch.id);
    rows.refreshOrderStatus(dispatch.order_id);
    return (
      `This bench undid its record of the dispatch: ${counted(units, 'unit is', 'units are')} back in stock and awaiting dispatch, ` +
      'their identifiers allocated again. If the parcel has already left, tell your supervisor.'
    );
  }

  function stockDelta(op: Op<'stock.delta'>): string {
    if (!rows.product(op.sku)) return 'This bench does not have that product; nothing to undo.';
    shiftStock.run(op.delta, ctx.now(), op.sku);
    return `This bench undid the stock change of ${op.sku}.`;
  }

  function identifierRemove(op: Op<'identifier.remove'>): string {
    const product = rows.product(op.sku);
    if (!product) return 'This bench does not have that product; nothing to undo.';
    const now = ctx.now();
    const back = op.values.filter((value) => !rows.identifier(product.id, value));
    for (const value of back) insertIdentifier.run(product.id, value, now);
    return back.length ? `This bench put back ${counted(back.length, 'identifier', 'identifiers')} of ${op.sku}.` : 'Nothing to undo on this bench.';
  }

  function identifierRename(op: Op<'identifier.rename'>): string {
    const product = rows.product(op.sku);
    const renamed = product ? rows.identifier(product.id, op.to) : undefined;
    if (!product || !renamed || rows.identifier(product.id, op.from) || rows.allocationsOf(renamed.id).length) {
      return 'This bench kept the new value; nothing could be undone safely.';
    }
    renameIdentifier.run(op.from, renamed.id);
    return `This bench changed "${op.to}" back to "${op.from}".`;
  }

  function productUpsert(op: Op<'product.upsert'>): string {
    return (
      `This bench kept its copy of ${op.sku}, which the hub does not have as it is here: correct what the reason names on this bench ` +
      "(import the product's row again, or change its mode or format) and it is sent again. " +
      "A product the hub has comes back in the hub's version the next time it changes there."
    );
  }

  function stockCount(op: Op<'stock.count'>, reason: string): string {
    // The hub's words for a SKU it has no product for (hub migration 0026): most often the product itself was refused.
    if (reason === `unknown SKU ${op.sku}`) {
      return (
        `The hub has no product ${op.sku}, so it cannot take its count: this bench keeps the figure it counted. ` +
        'Once the hub has the product (if it refused the product too, that conflict says why), import the count again.'
      );
    }
    return "This bench keeps the figure it counted, and the hub its own, until a count the hub takes arrives: fix what the reason names (for a count dated ahead, this bench's clock) and import the count again.";
  }

  return {
    /** Undoes what can be undone; returns what was done. `reason` is the hub's, as the conflict shows it. */
    revert(op: SyncOp, reason: string): string {
      switch (op.type) {
        case 'allocation.set':
          return allocationSet(op);
        case 'order.dispatch':
          return orderDispatch(op);
        case 'stock.delta':
          return stockDelta(op);
        case 'identifier.remove':
          return identifierRemove(op);
        case 'identifier.rename':
          return identifierRename(op);
        case 'allocation.clear':
          return 'Nothing to undo: the hub keeps the unit as it is and the next pull brings it here.';
        case 'stock.count':
          return stockCount(op, reason);
        case 'product.upsert':
          return productUpsert(op);
        default:
          return 'This bench kept its own copy; the hub\'s version replaces it the next time it changes there.';
      }
    },
  };
}
export type Reverter = ReturnType<typeof createReverter>;
