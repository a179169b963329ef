/**
 * First-expiring-first for every unit (issue 12): "Save Changes" and "Complete Order" in the allocation
 * dialog ask the core, inside their own transaction and after the packer's boxes are saved, to give every
 * still-empty unit of the FEFO lines (use-by products; lot products' dated lots) the next usable value in
 * expiry order, exactly as the dialog pre-selects the units it shows. So units on pages the packer never
 * viewed are filled too, without the renderer paging through a million-unit line. Expired values and
 * those under the product's minimum shelf life are never taken (fefo-plan's usable reads); units the
 * packer cleared on purpose (`keepEmpty`) stay empty; units with nothing usable left stay empty and are
 * counted (`short`), so "Complete Order" then names them as missing.
 *
 * Lines are filled in sheet order (order, line number), so a product's earlier lines take the earlier
 * values, as the dialog's pre-selection shows them. Values are read in batches: each batch's values
 * leave the 'available' state as they are allocated, so the next read starts after them.
 */
import type { CoreContext } from '../context.js';
import { createFefoPlan, isFefoKind, type FefoLine } from './fefo-plan.js';
import { counted } from '../../../shared/domain/counted.js';

interface FillLine extends FefoLine {
  order_number: string;
  line_no: number;
  sku: string;
  quantity: number;
}

export interface FefoFillResult {
  filled: number;
  short: number;
}

/** Values read per batch: bounded memory whatever the line's size. */
const BATCH = 5000;

export function createFefoFill(ctx: CoreContext) {
  const { db } = ctx;
  const plan = createFefoPlan(ctx);
  const linesOfOrders = db.prepare<[string], FillLine>(
    `SELECT l.id AS line_id, l.line_no, o.order_number, p.id AS product_id, p.sku, p.identifier_kind, p.identifier_mode,
       p.min_shelf_life_days, l.quantity, l.dispatched
     FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
     WHERE l.order_id IN (SELECT value FROM json_each(?)) AND o.status = 'awaiting'
       AND p.identifier_mode <> 'none' AND p.identifier_kind IN ('use_by', 'lot') AND l.quantity > l.dispatched
     ORDER BY l.order_id, l.line_no`,
  );
  const allocatedUnits = db.prepare<[number], number>(
    'SELECT unit FROM allocations WHERE line_id = ? AND dispatch_id IS NULL ORDER BY unit',
  ).pluck();
  const insertAllocation = db.prepare(
    'INSERT INTO allocations (line_id, unit, identifier_id, single_use, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const markAllocated = db.prepare(`UPDATE identifiers SET status = 'allocated' WHERE id = ?`);

  /** The line's empty units, in order, skipping those the packer keeps empty. */
  function* emptyUnits(line: FillLine, keepEmpty: ReadonlySet<string>): Generator<number> {
    const held = allocatedUnits.all(line.line_id);
    let next = 0;
    for (let unit = line.dispatched + 1; unit <= line.quantity; unit++) {
      while (next < held.length && held[next]! < unit) next++;
      if (held[next] === unit) continue;
      if (keepEmpty.has(`${line.line_id}:${unit}`)) continue;
      yield unit;
    }
  }

  function give(line: FillLine, unit: number, value: { id: number; value: string }, singleUse: boolean, now: string): void {
    insertAllocation.run(line.line_id, unit, value.id, singleUse ? 1 : 0, now);
    if (singleUse) markAllocated.run(value.id);
    ctx.recordOp({ type: 'allocation.set', orderNumber: line.order_number, lineNo: line.line_no, unit, sku: line.sku, value: value.value });
  }

  /** Fills the FEFO lines of `orderIds`; call inside the caller's transaction. */
  function fill(orderIds: readonly number[], keepEmpty: ReadonlyArray<{ lineId: number; unit: number }>): FefoFillResult {
    const keep = new Set(keepEmpty.map((u) => `${u.lineId}:${u.unit}`));
    const now = ctx.now();
    let filled = 0;
    let short = 0;
    const perLine: Array<{ order: string; sku: string; units: number }> = [];
    for (const line of linesOfOrders.all(JSON.stringify([...new Set(orderIds)]))) {
      if (!isFefoKind(line.identifier_kind)) continue;
      const singleUse = line.identifier_mode === 'single_use';
      let lineFilled = 0;
      // Multiple use: every unit takes the earliest usable value; single use: each value once, in order.
      let batch = plan.usable(line, singleUse ? BATCH : 1);
      let taken = 0;
      for (const unit of emptyUnits(line, keep)) {
        if (singleUse && taken === batch.length && batch.length === BATCH) {
          batch = plan.usable(line, BATCH);
          taken = 0;
        }
        const value = batch[singleUse ? taken : 0];
        if (!value) {
          short++;
          continue;
        }
        give(line, unit, value, singleUse, now);
        if (singleUse) taken++;
        lineFilled++;
      }
      filled += lineFilled;
      if (lineFilled > 0) perLine.push({ order: line.order_number, sku: line.sku, units: lineFilled });
    }
    if (filled > 0) ctx.audit('allocations.fefo_fill', counted(perLine.length, 'line', 'lines'), { lines: perLine, short });
    return { filled, short };
  }

  return { fill };
}
export type FefoFill = ReturnType<typeof createFefoFill>;
