/**
 * Allocation of identifiers to order units: the sheet the dialog shows, the picker's candidate
 * search, and saving many orders' boxes at once, all or nothing.
 * A unit is numbered 1..quantity on its line; units 1..dispatched are history and fixed.
 * A line may hold a million units: the sheet describes lines (with counts and their first
 * units' allocations) and the dialog reads further units a page at a time; nothing here builds
 * one object per unit of a line.
 */
import { dispatchedElsewhere } from '../../../shared/domain/dispatched-words.js';
import { counted } from '../../../shared/domain/counted.js';
import type { AllocatedUnit, AllocationEntry, AllocationSheet, BenchHandlers, Candidate, CandidateBranch, ParsedArgsOf, ResultOf } from '../../../shared/contract/api.js';
import { ALLOCATION_UNITS_PAGE, MAX_LOOKAHEAD_BRANCHES, SEARCH_TEXT_MAX } from '../../../shared/contract/schemas.js';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { checkIdentifier } from '../../../shared/domain/identifier-value.js';
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import { useByRefusal } from './use-by-allocation.js';
import { createFefoPlan, isFefoKind } from './fefo-plan.js';
import { createFefoFill, type FefoFill } from './fefo-fill.js';
import { createDatedLotCandidates, earliestUsableDate, lotDate, lotPickerOrder, soonestFirst, useByValueDate, type DatedRow } from './dated-lot-candidates.js';
import type { CoreContext } from '../context.js';
import { benchDates } from '../products/identifier-rules.js';
import type { ProductReader } from '../products/product-reader.js';

type Handlers = Pick<BenchHandlers, 'getAllocationSheet' | 'getAllocationUnits' | 'searchCandidates' | 'getCandidates' | 'saveAllocations'>;

export interface AllocationsFeature {
  handlers: Handlers;
  /**
   * Saves boxes inside the caller's transaction (completing an order saves the dialog's boxes in its
   * own); refuses with BenchError('validation') naming every box that needs fixing.
   */
  saveBoxes(entries: readonly AllocationEntry[]): ResultOf<'saveAllocations'>;
  /** First-expiring-first for every empty unit of the orders' FEFO lines, inside the caller's transaction (fefo-fill.ts). */
  fillFefo: FefoFill['fill'];
}

interface LineRow {
  line_id: number;
  line_no: number;
  order_id: number;
  order_number: string;
  order_status: 'awaiting' | 'dispatched';
  product_id: number;
  sku: string;
  title: string;
  identifier_mode: IdentifierMode;
  identifier_kind: IdentifierKind;
  min_shelf_life_days: number | null;
  quantity: number;
  dispatched: number;
}

interface SheetLineRow extends LineRow {
  allocated: number;
}

interface UseRow {
  line_id: number;
  unit: number;
  order_id: number;
  order_number: string;
  dispatched: number;
}

const LINE_COLUMNS = `l.id AS line_id, l.line_no, o.id AS order_id, o.order_number, o.status AS order_status,
  p.id AS product_id, p.sku, p.title, p.identifier_mode, p.identifier_kind, p.min_shelf_life_days, l.quantity, l.dispatched`;
const LINE_FROM = 'order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id';
// Upper bound for a prefix range over BINARY-collated text: U+10FFFF sorts after any continuation.
const PREFIX_END = String.fromCodePoint(0x10ffff);

/** A lot or use-by product's picker order (dated-lot-candidates.ts): usable from this date; a row's date. */
interface DatedOrder {
  from: string;
  dateOf: (row: DatedRow) => string | null;
}
/** Shortest term the picker searches inside values for (trigram index). */
export const MIN_CONTAINS_LENGTH = 3;

/** Said the same by the dialog's warning (shared/domain/dispatched-words.ts). */
export { dispatchedElsewhere };

/** A GLOB pattern matching values that contain `term` literally (*, ? and [ escaped as classes). */
function globContaining(term: string): string {
  return `*${term.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}

export function createAllocationsFeature(ctx: CoreContext, products: ProductReader): AllocationsFeature {
  const { db } = ctx;
  const ordersByIds = db.prepare<[string], { id: number; order_number: string; customer: string }>(
    'SELECT o.id, o.order_number, o.customer FROM json_each(?) j JOIN orders o ON o.id = j.value',
  );
  const sheetLines = db.prepare<[string], SheetLineRow>(
    `SELECT ${LINE_COLUMNS},
       (SELECT count(*) FROM allocations a WHERE a.line_id = l.id AND a.dispatch_id IS NULL) AS allocated
     FROM ${LINE_FROM}
     WHERE l.order_id IN (SELECT value FROM json_each(?)) AND p.identifier_mode <> 'none' AND l.quantity > l.dispatched
     ORDER BY l.order_id, l.line_no`,
  );
  const untrackedProducts = db.prepare<[string], { order_id: number; product_id: number }>(
    `SELECT DISTINCT l.order_id, l.product_id FROM order_lines l JOIN products p ON p.id = l.product_id
     WHERE l.order_id IN (SELECT value FROM json_each(?)) AND p.identifier_mode = 'none' AND l.quantity > l.dispatched
     ORDER BY l.order_id, l.product_id`,
  );
  const liveAllocationsBetween = db.prepare<[number, number, number], { unit: number; identifier_id: number; value: string; use_by: string | null }>(
    `SELECT a.unit, a.identifier_id, i.value, i.use_by FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
     WHERE a.line_id = ? AND a.dispatch_id IS NULL AND a.unit BETWEEN ? AND ? ORDER BY a.unit`,
  );
  // The end of the first run of allocated units from `unit`: the next unit is the first empty one.
  const endOfAllocatedRun = db.prepare<[number, number], { unit: number }>(
    `SELECT a.unit FROM allocations a
     WHERE a.line_id = ? AND a.unit >= ? AND a.dispatch_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM allocations b WHERE b.line_id = a.line_id AND b.unit = a.unit + 1)
     ORDER BY a.unit LIMIT 1`,
  );
  const lineById = db.prepare<[number], LineRow>(`SELECT ${LINE_COLUMNS} FROM ${LINE_FROM} WHERE l.id = ?`);
  const identifierByValue = db.prepare<[number, string], { id: number; status: Candidate['status']; use_by: string | null }>(
    'SELECT id, status, use_by FROM identifiers WHERE product_id = ? AND value = ?',
  );
  const fefo = createFefoPlan(ctx);
  const usesOfIdentifier = db.prepare<[number], UseRow>(
    `SELECT a.line_id, a.unit, o.id AS order_id, o.order_number, a.dispatch_id IS NOT NULL AS dispatched
     FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     WHERE a.identifier_id = ? ORDER BY a.dispatch_id IS NULL, a.id LIMIT 1`,
  );
  const allocationOfUnit = db.prepare<[number, number], { id: number; identifier_id: number; dispatch_id: number | null }>(
    'SELECT id, identifier_id, dispatch_id FROM allocations WHERE line_id = ? AND unit = ?',
  );
  const deleteAllocation = db.prepare('DELETE FROM allocations WHERE id = ?');
  const insertAllocation = db.prepare(
    'INSERT INTO allocations (line_id, unit, identifier_id, single_use, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const setStatus = db.prepare('UPDATE identifiers SET status = ? WHERE id = ?');
  // A unit letting go of a value the hub has since reported dispatched elsewhere does not make it available.
  const release = db.prepare(`UPDATE identifiers SET status = 'available' WHERE id = ? AND status <> 'consumed'`);
  const identifierValue = db.prepare<[number], { value: string }>('SELECT value FROM identifiers WHERE id = ?');

  const candidateColumns = `i.id, i.value, i.status, i.use_by,
    (SELECT json_object('orderId', o.id, 'orderNumber', o.order_number, 'lineId', a.line_id, 'unit', a.unit)
     FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     WHERE a.identifier_id = i.id AND a.dispatch_id IS NULL AND a.single_use = 1) AS in_use`;
  const prefixCandidates = db.prepare<[number, number, string, string, number], CandidateRow>(
    `SELECT ${candidateColumns} FROM identifiers i
     WHERE i.product_id = ? AND (? = 0 OR i.status <> 'consumed') AND i.value >= ? AND i.value < ?
     ORDER BY i.value LIMIT ?`,
  );
  // The first value after `from` that still starts with the query: where the next branch begins.
  const nextPrefixValue = db.prepare<[number, number, string, string], { value: string }>(
    `SELECT i.value FROM identifiers i
     WHERE i.product_id = ? AND (? = 0 OR i.status <> 'consumed') AND i.value > ? AND i.value < ?
     ORDER BY i.value LIMIT 1`,
  );
  // Through the trigram index (migration 7): GLOB is case-sensitive like the values. No ORDER BY, so
  // the index stops at the limit; the few rows found are sorted below. instr(...) > 1: contains the
  // term but does not start with it (those came from the prefix query).
  const containsCandidates = db.prepare<[string, number, number, string, number], CandidateRow>(
    `SELECT ${candidateColumns} FROM identifiers_trigram t CROSS JOIN identifiers i ON i.id = t.rowid
     WHERE t.value GLOB ? AND i.product_id = ? AND (? = 0 OR i.status <> 'consumed') AND instr(i.value, ?) > 1
     LIMIT ?`,
  );

  // With the order a consumed value was dispatched with: the dialog warns at its box before Save Changes.
  const candidatesById = db.prepare<[string], CandidateRow & { dispatched_with: string | null }>(
    `SELECT ${candidateColumns},
       CASE WHEN i.status = 'consumed' THEN
         (SELECT o.order_number FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
          WHERE a.identifier_id = i.id AND a.dispatch_id IS NOT NULL ORDER BY a.id LIMIT 1)
       END AS dispatched_with
     FROM identifiers i WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id`,
  );

  const datedLots = createDatedLotCandidates<CandidateRow>(db, candidateColumns);
  type CandidateRow = { id: number; value: string; status: Candidate['status']; use_by: string | null; in_use: string | null };
  const toCandidate = (r: CandidateRow): Candidate => ({
    identifierId: r.id,
    value: r.value,
    status: r.status,
    ...(r.use_by === null ? {} : { useBy: r.use_by }),
    inUseBy: r.in_use ? (JSON.parse(r.in_use) as Candidate['inUseBy']) : null,
  });

  /**
   * Read-ahead for type-ahead: for each character that follows `term` in some value (skipping from
   * one to the next through the index, so 10 digits cost 10 seeks), the first `rows` values that
   * start with term + that character.
   */
  function branchesAfter(productId: number, singleUse: number, term: string, rows: number, dated: DatedOrder | null): CandidateBranch[] {
    const branches: CandidateBranch[] = [];
    const end = term + PREFIX_END;
    let after = term; // values equal to the term itself belong to no branch
    while (branches.length < MAX_LOOKAHEAD_BRANCHES) {
      const next = nextPrefixValue.get(productId, singleUse, after, end);
      if (!next) break;
      const character = String.fromCodePoint(next.value.codePointAt(term.length)!);
      const branch = term + character;
      const found = prefixCandidates.all(productId, singleUse, branch, branch + PREFIX_END, rows + 1);
      const first = found.slice(0, rows);
      branches.push({ query: branch, items: (dated === null ? first : lotPickerOrder(first, dated.from, dated.dateOf)).map(toCandidate), more: found.length > rows });
      after = branch + PREFIX_END;
    }
    return branches;
  }

  /** How a lot or use-by product's picker orders values: the earliest usable date today, and a row's date. */
  function datedOrderOf(row: { identifier_kind: IdentifierKind; min_shelf_life_days: number | null }): DatedOrder | null {
    if (row.identifier_kind !== 'lot' && row.identifier_kind !== 'use_by') return null;
    return { from: earliestUsableDate(benchDates(ctx).today, row.min_shelf_life_days), dateOf: row.identifier_kind === 'lot' ? lotDate : useByValueDate };
  }

  /**
   * A use-by product's answer to an empty query (soonestFirst): its soonest usable dates are its values
   * from the earliest usable one, through the products' value index; so Down and Enter never offer an
   * expired date first.
   */
  function useByEmptyQueryAnswer(productId: number, singleUse: number, dated: DatedOrder, byValue: readonly CandidateRow[], limit: number): { rows: CandidateRow[]; more: boolean } {
    return soonestFirst(prefixCandidates.all(productId, singleUse, dated.from, PREFIX_END, limit + 1), byValue, limit, dated.from, dated.dateOf);
  }

  function searchCandidates({ productId, query, limit, lookahead }: ParsedArgsOf<'searchCandidates'>): ResultOf<'searchCandidates'> {
    const row = products.requireRow(productId);
    const singleUse = row.identifier_mode === 'single_use' ? 1 : 0;
    const term = query.replace(/[\r\n\t]+$/, '');
    let rows = prefixCandidates.all(productId, singleUse, term, term + PREFIX_END, limit + 1);
    // Values that merely contain the term (e.g. an IMEI's last digits), when nothing starts with
    // it; the trigram index needs 3 characters (shorter terms match by prefix only).
    if (rows.length === 0 && [...term].length >= MIN_CONTAINS_LENGTH) {
      const found = containsCandidates.all(globContaining(term), productId, singleUse, term, limit + 1);
      rows.push(...found.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)));
    }
    let more = rows.length > limit;
    // Lot and use-by products (issue 12): soonest usable values first (dated-lot-candidates.ts).
    const dated = datedOrderOf(row);
    if (dated !== null && term === '') {
      ({ rows, more } = row.identifier_kind === 'lot' ? datedLots.emptyQueryAnswer(productId, dated.from, rows, limit) : useByEmptyQueryAnswer(productId, singleUse, dated, rows, limit));
    } else rows = dated === null ? rows.slice(0, limit) : lotPickerOrder(rows.slice(0, limit), dated.from, dated.dateOf);
    const items = rows.map(toCandidate);
    // Only a partial prefix answer needs reading ahead: a complete one already holds every next
    // keystroke's answer, and a "contains" answer says nothing about what starts with the term.
    if (lookahead === 0 || !more || !rows[0]!.value.startsWith(term) || term.length + 2 > SEARCH_TEXT_MAX) return { items, more };
    return { items, more, next: branchesAfter(productId, singleUse, term, lookahead, dated) };
  }

  function describeUse(use: UseRow, sku: string): string {
    return use.dispatched
      ? `already dispatched with order ${use.order_number}`
      : `already in use by order ${use.order_number} (${sku} unit ${use.unit})`;
  }

  function allocationsBetween(lineId: number, from: number, to: number): AllocatedUnit[] {
    return liveAllocationsBetween.all(lineId, from, to).map((a) => ({
      unit: a.unit,
      identifierId: a.identifier_id,
      value: a.value,
      ...(a.use_by === null ? {} : { useBy: a.use_by }),
    }));
  }

  function firstEmptyUnit(line: SheetLineRow): number | null {
    const first = line.dispatched + 1;
    if (line.allocated >= line.quantity - line.dispatched) return null;
    if (line.allocated === 0 || !allocationOfUnit.get(line.line_id, first)) return first;
    const runEnd = endOfAllocatedRun.get(line.line_id, first);
    return runEnd ? runEnd.unit + 1 : first;
  }

  function saveBoxes(entries: readonly AllocationEntry[]): ResultOf<'saveAllocations'> {
    const lines = new Map<number, LineRow | undefined>();
    const lineOf = (lineId: number) => {
      if (!lines.has(lineId)) lines.set(lineId, lineById.get(lineId));
      return lines.get(lineId);
    };
    const issues: Issue[] = [];
    const seenUnits = new Set<string>();
    type Planned = { line: LineRow; unit: number; identifierId: number | null; where: string };
    const planned: Planned[] = [];
    const unitsTargeted = new Set<string>();
    const chosenBy = new Map<number, Planned[]>();
    const today = benchDates(ctx).today;

    for (const { lineId, unit, value } of entries) {
      const line = lineOf(lineId);
      if (!line) {
        issues.push({ where: `line ${lineId}`, lineId, unit, message: `There is no order line ${lineId}.` });
        continue;
      }
      const where = `order ${line.order_number}, ${line.sku} unit ${unit}`;
      const key = `${lineId}:${unit}`;
      if (seenUnits.has(key)) {
        issues.push({ where, lineId, unit, message: 'The box appears twice in one save.' });
        continue;
      }
      seenUnits.add(key);
      if (line.identifier_mode === 'none') {
        // The mode may have been turned None after the packer filled the box (elsewhere, or by a sync pull): say so.
        issues.push({ where, lineId, unit, message: `${line.sku} takes no dispatch identifiers: its identifier mode is None, so nothing can be saved in this box.` });
        continue;
      }
      if (unit > line.quantity) {
        issues.push({ where, lineId, unit, message: `The line has only ${counted(line.quantity, 'unit', 'units')}.` });
        continue;
      }
      if (unit <= line.dispatched || line.order_status !== 'awaiting') {
        issues.push({ where, lineId, unit, message: 'This unit is already dispatched; its identifier cannot change.' });
        continue;
      }
      unitsTargeted.add(key);
      if (value === null || value.trim() === '') {
        planned.push({ line, unit, identifierId: null, where });
        continue;
      }
      const check = checkIdentifier(value);
      if (!check.ok) {
        issues.push({ where, lineId, unit, message: `The identifier ${check.reason}.` });
        continue;
      }
      const identifier = identifierByValue.get(line.product_id, check.value);
      if (!identifier) {
        issues.push({ where, lineId, unit, message: `"${check.value}" is not a pre-entered identifier of ${line.sku}.` });
        continue;
      }
      const keeps = allocationOfUnit.get(lineId, unit)?.identifier_id === identifier.id;
      // Consumed with no dispatch here: another bench dispatched it (the hub said so at the last pull);
      // one dispatched here is refused below, naming the order.
      if (!keeps && line.identifier_mode === 'single_use' && identifier.status === 'consumed' && !usesOfIdentifier.get(identifier.id)?.dispatched) {
        issues.push({ where, lineId, unit, message: dispatchedElsewhere(check.value) });
        continue;
      }
      const useBy = keeps ? null : useByRefusal(line, check.value, identifier.use_by, today);
      if (useBy) {
        issues.push({ where, lineId, unit, message: useBy });
        continue;
      }
      const plan = { line, unit, identifierId: identifier.id, where };
      planned.push(plan);
      if (line.identifier_mode === 'single_use') {
        chosenBy.set(identifier.id, [...(chosenBy.get(identifier.id) ?? []), plan]);
      }
    }

    // Single-use: each value to one unit, not already held by a unit outside this save, never reused.
    for (const [identifierId, plans] of chosenBy) {
      const value = identifierValue.get(identifierId)!.value;
      if (plans.length > 1) {
        for (const plan of plans) {
          const others = plans.filter((p) => p !== plan).map((p) => p.where).join('; ');
          issues.push({ where: plan.where, lineId: plan.line.line_id, unit: plan.unit, message: `"${value}" is also chosen for ${others}; a single-use identifier goes to one unit.` });
        }
        continue;
      }
      const use = usesOfIdentifier.get(identifierId);
      const plan = plans[0]!;
      if (!use) continue;
      const heldHere = use.line_id === plan.line.line_id && use.unit === plan.unit;
      if (use.dispatched || (!heldHere && !unitsTargeted.has(`${use.line_id}:${use.unit}`))) {
        issues.push({ where: plan.where, lineId: plan.line.line_id, unit: plan.unit, message: `"${value}" is ${describeUse(use, plan.line.sku)}.` });
      }
    }
    if (issues.length) {
      throw new BenchError('validation', `${counted(issues.length, 'box needs', 'boxes need')} fixing; no identifiers were saved.`, issues);
    }

    // Clear every changed unit first, then set, so values may move between units in one save.
    const now = ctx.now();
    const toSet: Planned[] = [];
    const freed: number[] = [];
    let cleared = 0;
    let unchanged = 0;
    const valuesSet = new Set(planned.map((p) => p.identifierId));
    for (const plan of planned) {
      const current = allocationOfUnit.get(plan.line.line_id, plan.unit);
      if (current && current.identifier_id === plan.identifierId) {
        unchanged++;
        continue;
      }
      if (current) {
        deleteAllocation.run(current.id);
        if (plan.line.identifier_mode === 'single_use') freed.push(current.identifier_id);
        // A single-use value moving to another unit in this save: the ops replay one by one, so this
        // unit lets go of it (a clear) before any unit takes it (the sets below).
        if (plan.identifierId !== null && plan.line.identifier_mode === 'single_use' && valuesSet.has(current.identifier_id)) {
          ctx.recordOp({ type: 'allocation.clear', orderNumber: plan.line.order_number, lineNo: plan.line.line_no, unit: plan.unit });
        }
      }
      if (plan.identifierId === null) {
        if (current) {
          cleared++;
          ctx.recordOp({ type: 'allocation.clear', orderNumber: plan.line.order_number, lineNo: plan.line.line_no, unit: plan.unit });
        } else unchanged++;
      } else toSet.push(plan);
    }
    for (const identifierId of freed) release.run(identifierId);
    for (const plan of toSet) {
      const singleUse = plan.line.identifier_mode === 'single_use' ? 1 : 0;
      insertAllocation.run(plan.line.line_id, plan.unit, plan.identifierId, singleUse, now);
      if (singleUse) setStatus.run('allocated', plan.identifierId);
      ctx.recordOp({
        type: 'allocation.set',
        orderNumber: plan.line.order_number,
        lineNo: plan.line.line_no,
        unit: plan.unit,
        sku: plan.line.sku,
        value: identifierValue.get(plan.identifierId!)!.value,
      });
    }
    if (toSet.length || cleared) {
      ctx.audit('allocations.save', counted(new Set(planned.map((p) => p.line.order_number)).size, 'order', 'orders'), {
        set: toSet.map((p) => ({ order: p.line.order_number, sku: p.line.sku, unit: p.unit, identifierId: p.identifierId })),
        cleared,
      });
    }
    return { set: toSet.length, cleared, unchanged };
  }
  const fefoFill = createFefoFill(ctx);
  const save = db.transaction((args: ParsedArgsOf<'saveAllocations'>): ResultOf<'saveAllocations'> => {
    const saved = saveBoxes(args.allocations);
    if (!args.fefoFill) return saved;
    const filled = fefoFill.fill(args.fefoFill.orderIds, args.fefoFill.keepEmpty);
    return { ...saved, fefoFilled: filled.filled, fefoShort: filled.short };
  });

  const handlers: Handlers = {
    getAllocationSheet: ({ orderIds }) => {
      const idsJson = JSON.stringify([...new Set(orderIds)]);
      const read = db.transaction((): AllocationSheet => {
        const found = ordersByIds.all(idsJson);
        if (found.length !== new Set(orderIds).size) {
          const missing = orderIds.filter((id) => !found.some((o) => o.id === id));
          throw new BenchError('not_found', `No order with id ${missing.join(', ')}`);
        }
        const linesByOrder = new Map<number, AllocationSheet['orders'][number]['lines']>();
        // FEFO (issue 12): each product's values go to its lines' empty units in sheet order.
        const fefoTaken = new Map<number, number>();
        for (const line of sheetLines.all(idsJson)) {
          // The first page or two of units come along, so small orders need no further call.
          const through = Math.min(line.quantity, line.dispatched + ALLOCATION_UNITS_PAGE);
          const allocations = line.allocated === 0 ? [] : allocationsBetween(line.line_id, line.dispatched + 1, through);
          let fefoFields = {};
          if (isFefoKind(line.identifier_kind)) {
            const fefoOffset = line.identifier_mode === 'single_use' ? (fefoTaken.get(line.product_id) ?? 0) : 0;
            fefoTaken.set(line.product_id, fefoOffset + line.quantity - line.dispatched - line.allocated);
            const picks = fefo.picks(line, line.dispatched + 1, through, new Set(allocations.map((a) => a.unit)), fefoOffset);
            const fefoPlan = fefo.summary(line, line.quantity - line.dispatched - line.allocated, fefoOffset);
            fefoFields = { fefoOffset, fefo: picks, fefoPlan };
          }
          const list = linesByOrder.get(line.order_id) ?? [];
          list.push({
            lineId: line.line_id,
            lineNo: line.line_no,
            productId: line.product_id,
            sku: line.sku,
            title: line.title,
            identifierMode: line.identifier_mode as 'single_use' | 'multiple_use',
            identifierKind: line.identifier_kind,
            minShelfLifeDays: line.min_shelf_life_days,
            quantity: line.quantity,
            dispatched: line.dispatched,
            allocated: line.allocated,
            firstEmptyUnit: firstEmptyUnit(line),
            allocations,
            allocationsThrough: through,
            ...fefoFields,
          });
          linesByOrder.set(line.order_id, list);
        }
        const untrackedByOrder = new Map<number, number[]>();
        for (const row of untrackedProducts.all(idsJson)) {
          const list = untrackedByOrder.get(row.order_id) ?? [];
          list.push(row.product_id);
          untrackedByOrder.set(row.order_id, list);
        }
        return {
          orders: found.map((o) => ({
            orderId: o.id,
            orderNumber: o.order_number,
            customer: o.customer,
            lines: linesByOrder.get(o.id) ?? [],
            untrackedProductIds: untrackedByOrder.get(o.id) ?? [],
          })),
        };
      });
      return read();
    },
    getAllocationUnits: ({ lineId, fromUnit, limit, fefoOffset }) => {
      const read = db.transaction(() => {
        const line = lineById.get(lineId);
        if (!line) throw new BenchError('not_found', `There is no order line ${lineId}.`);
        const from = Math.max(fromUnit, line.dispatched + 1);
        const to = Math.min(line.quantity, fromUnit + limit - 1);
        const allocations = from <= to && line.identifier_mode !== 'none' ? allocationsBetween(lineId, from, to) : [];
        const page = { lineId, quantity: line.quantity, dispatched: line.dispatched, allocations };
        if (fefoOffset === undefined || line.order_status !== 'awaiting') return page;
        return { ...page, fefo: fefo.picks(line, from, to, new Set(allocations.map((a) => a.unit)), fefoOffset) };
      });
      return read();
    },
    // One read transaction: the answer and its read-ahead see the same identifiers.
    searchCandidates: db.transaction(searchCandidates),
    // As one JSON text: up to MAX_CANDIDATES_BY_ID ids in one statement.
    getCandidates: ({ identifierIds }) => ({
      items: candidatesById.all(JSON.stringify(identifierIds)).map((r) => ({ ...toCandidate(r), ...(r.status === 'consumed' ? { dispatchedWith: r.dispatched_with } : {}) })),
    }),
    saveAllocations: (args) => save.immediate(args),
  };
  return { handlers, saveBoxes, fillFefo: fefoFill.fill };
}
