/**
 * Completing an order: dispatch a quantity per line (partial allowed). Tracked units dispatched now
 * (the next ones in unit order) must each have an identifier; otherwise the typed answer lists them.
 * A dispatch reduces stock and consumes single-use identifiers, in one transaction; boxes the
 * allocation dialog sends along are saved in that same transaction, and only if the order completes.
 */
import { randomUUID } from 'node:crypto';
import { counted, withThousands } from '../../../shared/domain/counted.js';
import type { BenchHandlers, MissingIdentifier, ParsedArgsOf, ResultOf } from '../../../shared/contract/api.js';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { MAX_MISSING_LISTED } from '../../../shared/contract/schemas.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import type { CoreContext } from '../context.js';
import { dispatchedElsewhere, type AllocationsFeature } from '../allocations/allocations-feature.js';
import { useByRefusal } from '../allocations/use-by-allocation.js';
import { benchDates } from '../products/identifier-rules.js';
import type { OrderReader } from '../orders/order-reader.js';

type Handlers = Pick<BenchHandlers, 'completeOrder'>;
type ParsedBoxes = NonNullable<ParsedArgsOf<'completeOrder'>['allocations']>;
type FefoFillArgs = ParsedArgsOf<'completeOrder'>['fefoFill'];
type NeededResult = Extract<ResultOf<'completeOrder'>, { status: 'identifiers_needed' }>;

/** Thrown inside the transaction so boxes saved with the completion roll back; answered as a result. */
class IdentifiersNeeded extends Error {
  constructor(readonly result: NeededResult) {
    super('identifiers needed');
  }
}

export function createDispatchFeature(ctx: CoreContext, orders: OrderReader, allocations: Pick<AllocationsFeature, 'saveBoxes' | 'fillFefo'>): Handlers {
  const { db } = ctx;
  const orderLines = db.prepare<[number], {
    id: number; line_no: number; product_id: number; sku: string; identifier_mode: string; identifier_kind: IdentifierKind;
    min_shelf_life_days: number | null; quantity: number; dispatched: number; stock_level: number;
  }>(
    `SELECT l.id, l.line_no, l.product_id, p.sku, p.identifier_mode, p.identifier_kind, p.min_shelf_life_days, l.quantity, l.dispatched, p.stock_level
     FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no`,
  );
  const orderState = db.prepare<[number], { orderNumber: string; status: 'awaiting' | 'dispatched' }>(
    'SELECT order_number AS orderNumber, status FROM orders WHERE id = ?',
  );
  const liveAllocations = db.prepare<[number, number, number], { unit: number; identifier_id: number; value: string; status: string; use_by: string | null }>(
    `SELECT a.unit, a.identifier_id, i.value, i.status, i.use_by FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
     WHERE a.line_id = ? AND a.dispatch_id IS NULL AND a.unit BETWEEN ? AND ? ORDER BY a.unit`,
  );
  const insertDispatch = db.prepare(
    'INSERT INTO dispatches (uid, order_id, station_id, actor, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertDispatchLine = db.prepare('INSERT INTO dispatch_lines (dispatch_id, line_id, quantity) VALUES (?, ?, ?)');
  const markDispatched = db.prepare(
    'UPDATE allocations SET dispatch_id = ? WHERE line_id = ? AND dispatch_id IS NULL AND unit BETWEEN ? AND ?',
  );
  // A lot's units keep the date their lot has as they go out (migration 16): a lot re-dated later leaves
  // the slip of this dispatch as it was. Only lot lines pay the identifier read.
  const markLotsDispatched = db.prepare(
    `UPDATE allocations SET dispatch_id = ?, use_by_at_dispatch = (SELECT use_by FROM identifiers WHERE id = allocations.identifier_id)
     WHERE line_id = ? AND dispatch_id IS NULL AND unit BETWEEN ? AND ?`,
  );
  const consume = db.prepare(`UPDATE identifiers SET status = 'consumed' WHERE id = ?`);
  const advanceLine = db.prepare('UPDATE order_lines SET dispatched = dispatched + ? WHERE id = ?');
  const reduceStock = db.prepare('UPDATE products SET stock_level = stock_level - ?, updated_at = ? WHERE id = ?');
  const closeIfComplete = db.prepare(
    `UPDATE orders SET status = 'dispatched'
     WHERE id = ? AND NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = ? AND dispatched < quantity)`,
  );

  const complete = db.transaction((orderId: number, requested: Array<{ lineId: number; quantity: number }>, boxes: ParsedBoxes, fefoFill: FefoFillArgs) => {
    if (boxes.length > 0) allocations.saveBoxes(boxes);
    // First-expiring-first for the units the dialog never showed (issue 12), rolled back with the rest.
    if (fefoFill) allocations.fillFefo([orderId], fefoFill.keepEmpty);
    const order = orderState.get(orderId);
    if (!order) throw new BenchError('not_found', `No order with id ${orderId}`);
    if (order.status !== 'awaiting') {
      throw new BenchError('conflict', `Order ${order.orderNumber} is already dispatched.`);
    }
    const lines = new Map(orderLines.all(orderId).map((l) => [l.id, l]));
    const issues: Issue[] = [];
    const quantities = new Map<number, number>();
    for (const { lineId, quantity } of requested) {
      const line = lines.get(lineId);
      if (!line) {
        issues.push({ where: `line ${lineId}`, lineId, message: `Line ${lineId} is not on order ${order.orderNumber}.` });
      } else if (quantities.has(lineId)) {
        issues.push({ where: `${line.sku} (line ${line.line_no})`, lineId, message: 'The line appears twice.' });
      } else if (quantity > line.quantity - line.dispatched) {
        issues.push({
          where: `${line.sku} (line ${line.line_no})`,
          lineId,
          message: `Only ${counted(line.quantity - line.dispatched, 'unit remains', 'units remain')} to dispatch; ${withThousands(quantity)} entered.`,
        });
      } else quantities.set(lineId, quantity);
    }
    const stockNeeded = new Map<number, number>();
    for (const [lineId, quantity] of quantities) {
      const line = lines.get(lineId)!;
      stockNeeded.set(line.product_id, (stockNeeded.get(line.product_id) ?? 0) + quantity);
    }
    for (const [lineId, quantity] of quantities) {
      const line = lines.get(lineId)!;
      const needed = stockNeeded.get(line.product_id)!;
      if (quantity > 0 && needed > line.stock_level) {
        issues.push({ where: `${line.sku} (line ${line.line_no})`, lineId, message: `Only ${withThousands(line.stock_level)} of ${line.sku} in stock; ${withThousands(needed)} to dispatch.` });
      }
    }
    if (issues.length) throw new BenchError('validation', `Order ${order.orderNumber} cannot be completed as entered.`, issues);
    const dispatching = [...quantities].filter(([, q]) => q > 0);
    if (dispatching.length === 0) {
      throw new BenchError('validation', `Enter how many units of order ${order.orderNumber} to dispatch.`);
    }

    // Only the first missing units are named (a line may have a million); all are counted.
    const missing: MissingIdentifier[] = [];
    let missingCount = 0;
    const unitsOf = new Map<number, Array<{ unit: number; identifier_id: number; value: string; status: string }>>();
    // Units that cannot go out (dispatched elsewhere, expired): the first MAX_MISSING_LISTED named, all counted.
    const cannotGo: Issue[] = [];
    let cannotGoCount = 0;
    const refuseUnit = (issue: Issue) => {
      cannotGoCount++;
      if (cannotGo.length < MAX_MISSING_LISTED) cannotGo.push(issue);
    };
    const today = benchDates(ctx).today;
    for (const [lineId, quantity] of dispatching) {
      const line = lines.get(lineId)!;
      if (line.identifier_mode === 'none') continue;
      const first = line.dispatched + 1;
      const last = line.dispatched + quantity;
      const units = liveAllocations.all(lineId, first, last);
      unitsOf.set(lineId, units);
      // A live single-use value the hub has since reported dispatched at another bench (a pull).
      if (line.identifier_mode === 'single_use') {
        for (const held of units) {
          if (held.status !== 'consumed') continue;
          refuseUnit({
            where: `${line.sku} (line ${line.line_no}) unit ${held.unit}`,
            lineId,
            unit: held.unit,
            message: `${dispatchedElsewhere(held.value)} Choose another for this unit.`,
          });
        }
      }
      // Issue 12: a value checked when it was allocated may have expired (or come too close) since, or
      // its lot been re-dated: what goes out today is checked against today.
      for (const held of units) {
        const expiry = useByRefusal(line, held.value, held.use_by, today);
        if (expiry) refuseUnit({ where: `${line.sku} (line ${line.line_no}) unit ${held.unit}`, lineId, unit: held.unit, message: `${expiry} Choose another for this unit.` });
      }
      missingCount += quantity - units.length;
      // Units come in order: walk them to name the first gaps, stopping once enough are named.
      let unit = first;
      for (const held of [...units, { unit: last + 1 }]) {
        for (; unit < held.unit && missing.length < MAX_MISSING_LISTED; unit++) {
          missing.push({ orderId, orderNumber: order.orderNumber, lineId, sku: line.sku, unit });
        }
        if (missing.length >= MAX_MISSING_LISTED) break;
        unit = held.unit + 1;
      }
    }
    if (cannotGoCount > 0) {
      const listed = cannotGoCount > cannotGo.length ? ` ${withThousands(cannotGoCount)} units cannot go out; the first ${withThousands(cannotGo.length)} are listed.` : '';
      throw new BenchError('validation', `Order ${order.orderNumber} cannot be completed as entered.${listed}`, cannotGo);
    }
    if (missingCount > 0) throw new IdentifiersNeeded({ status: 'identifiers_needed', missing, missingCount });

    const now = ctx.now();
    const uid = randomUUID();
    const dispatchId = Number(insertDispatch.run(uid, orderId, ctx.stationId, ctx.actor, now).lastInsertRowid);
    const opLines = [];
    for (const [lineId, quantity] of dispatching) {
      const line = lines.get(lineId)!;
      insertDispatchLine.run(dispatchId, lineId, quantity);
      const units = unitsOf.get(lineId) ?? [];
      if (units.length) {
        (line.identifier_kind === 'lot' ? markLotsDispatched : markDispatched).run(dispatchId, lineId, line.dispatched + 1, line.dispatched + quantity);
        if (line.identifier_mode === 'single_use') for (const u of units) consume.run(u.identifier_id);
      }
      advanceLine.run(quantity, lineId);
      reduceStock.run(quantity, now, line.product_id);
      opLines.push({ lineNo: line.line_no, sku: line.sku, quantity, units: units.map((u) => ({ unit: u.unit, value: u.value })) });
    }
    closeIfComplete.run(orderId, orderId);
    ctx.recordOp({ type: 'order.dispatch', orderNumber: order.orderNumber, dispatchUid: uid, lines: opLines });
    ctx.audit('order.dispatch', order.orderNumber, { dispatchId, lines: opLines });
    return { status: 'dispatched' as const, dispatchId, order: orders.getDetails(orderId) };
  });

  return {
    completeOrder: ({ orderId, lines, allocations: boxes, fefoFill }) => {
      try {
        return complete.immediate(orderId, lines, boxes ?? [], fefoFill);
      } catch (error) {
        if (error instanceof IdentifiersNeeded) return error.result;
        throw error;
      }
    },
  };
}
