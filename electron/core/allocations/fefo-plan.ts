/**
 * First-expiring-first over a whole line (issue 12), in SQL: the k-th empty unit of a line (counting
 * from its first unit still to dispatch) gets the k-th usable value of its product in expiry order,
 * after the values earlier lines of the same product in the dialog take (`offset`). Usable: not
 * allocated to any unit, use-by date no earlier than today plus the product's minimum shelf life.
 * Multiple-use products give every empty unit the earliest usable value. Applies to use-by products
 * (the value is the date) and lot products (lots with a date; undated lots are left to the packer).
 *
 * A page of a million-unit line costs one count over the line's allocations before the page and one
 * read of as many values as the page has empty units, through an index in expiry order.
 */
import type { FefoPick } from '../../../shared/contract/api.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import { addDays } from '../../../shared/identifiers/use-by-dates.js';
import type { CoreContext } from '../context.js';
import { benchDates } from '../products/identifier-rules.js';

export interface FefoLine {
  line_id: number;
  product_id: number;
  identifier_kind: IdentifierKind;
  identifier_mode: 'none' | 'single_use' | 'multiple_use';
  min_shelf_life_days: number | null;
  dispatched: number;
}

type Usable = { id: number; value: string; use_by: string };
export type FefoPlanSummary = { units: number; firstUseBy: string | null; lastUseBy: string | null; short: number; undatedLotsLeft?: boolean };

export function isFefoKind(kind: IdentifierKind): boolean {
  return kind === 'use_by' || kind === 'lot';
}

export function createFefoPlan(ctx: CoreContext) {
  const { db } = ctx;
  // Through the products' UNIQUE (product_id, value) index: a use-by value is its date.
  const usableDates = db.prepare<[number, string, number, number], Usable>(
    `SELECT id, value, value AS use_by FROM identifiers
     WHERE product_id = ? AND status = 'available' AND value >= ? AND value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
     ORDER BY value LIMIT ? OFFSET ?`,
  );
  // Index-only through identifiers_lot_expiry (bench migration 8), which holds exactly these rows:
  // the OFFSET steps over index entries, and only the page's rows are read from the table.
  const usableLots = db.prepare<[number, string, number, number], Usable>(
    `SELECT i.id, i.value, i.use_by FROM (
       SELECT id FROM identifiers INDEXED BY identifiers_lot_expiry
       WHERE product_id = ? AND use_by IS NOT NULL AND status = 'available' AND use_by >= ?
       ORDER BY use_by, id LIMIT ? OFFSET ?) page
     JOIN identifiers i ON i.id = page.id ORDER BY i.use_by, i.id`,
  );
  const liveAllocatedBetween = db.prepare<[number, number, number], number>(
    'SELECT count(*) FROM allocations WHERE line_id = ? AND unit BETWEEN ? AND ? AND dispatch_id IS NULL',
  ).pluck();

  // How many values could go out (the summary's count): index-only, as the reads above.
  const usableDateCount = db.prepare<[number, string], number>(
    `SELECT count(*) FROM identifiers
     WHERE product_id = ? AND status = 'available' AND value >= ? AND value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
  ).pluck();
  const usableLotCount = db.prepare<[number, string], number>(
    `SELECT count(*) FROM identifiers INDEXED BY identifiers_lot_expiry
     WHERE product_id = ? AND use_by IS NOT NULL AND status = 'available' AND use_by >= ?`,
  ).pluck();

  // Asked only of a lot line with units left empty: lots without a date are the packer's to choose.
  const undatedLotLeft = db.prepare<[number], number>(
    `SELECT EXISTS (SELECT 1 FROM identifiers WHERE product_id = ? AND use_by IS NULL AND status = 'available')`,
  ).pluck();

  /** A summary leaving `short` units empty, saying for a lot line whether undated lots are on hand. */
  function withShort(line: FefoLine, summary: FefoPlanSummary): FefoPlanSummary {
    return summary.short > 0 && line.identifier_kind === 'lot' && undatedLotLeft.get(line.product_id) === 1 ? { ...summary, undatedLotsLeft: true } : summary;
  }

  /** The earliest date a value may carry to go out today for `line`. */
  function earliestUsable(line: FefoLine): string {
    return addDays(benchDates(ctx).today, line.min_shelf_life_days ?? 0);
  }

  return {
    earliestUsable,
    /** The first `limit` usable values of the line's product in expiry order, skipping `offset`. */
    usable(line: FefoLine, limit: number, offset = 0): Usable[] {
      return (line.identifier_kind === 'use_by' ? usableDates : usableLots).all(line.product_id, earliestUsable(line), limit, offset);
    },
    /**
     * What the whole line's `empty` units would take, after `offset` values taken by earlier lines: how
     * many get a value, the first and last use-by dates, and how many are left empty.
     */
    summary(line: FefoLine, empty: number, offset: number): FefoPlanSummary {
      if (!isFefoKind(line.identifier_kind) || line.identifier_mode === 'none' || empty === 0) return { units: 0, firstUseBy: null, lastUseBy: null, short: 0 };
      const minDate = earliestUsable(line);
      const usable = line.identifier_kind === 'use_by' ? usableDates : usableLots;
      if (line.identifier_mode === 'multiple_use') {
        const first = usable.get(line.product_id, minDate, 1, 0);
        return first ? { units: empty, firstUseBy: first.use_by, lastUseBy: first.use_by, short: 0 } : withShort(line, { units: 0, firstUseBy: null, lastUseBy: null, short: empty });
      }
      const count = (line.identifier_kind === 'use_by' ? usableDateCount : usableLotCount).get(line.product_id, minDate)!;
      const units = Math.max(0, Math.min(empty, count - offset));
      if (units === 0) return withShort(line, { units: 0, firstUseBy: null, lastUseBy: null, short: empty });
      const first = usable.get(line.product_id, minDate, 1, offset)!;
      const last = units === 1 ? first : usable.get(line.product_id, minDate, 1, offset + units - 1)!;
      return withShort(line, { units, firstUseBy: first.use_by, lastUseBy: last.use_by, short: empty - units });
    },
    /**
     * Picks for the empty units among from..to (`allocated`: the units there that have an identifier).
     * `offset`: values taken by the same product's lines before this one in the dialog.
     */
    picks(line: FefoLine, from: number, to: number, allocated: ReadonlySet<number>, offset: number): FefoPick[] {
      if (!isFefoKind(line.identifier_kind) || line.identifier_mode === 'none' || from > to) return [];
      const empty: number[] = [];
      for (let unit = from; unit <= to; unit++) if (!allocated.has(unit)) empty.push(unit);
      if (empty.length === 0) return [];
      const usable = line.identifier_kind === 'use_by' ? usableDates : usableLots;
      const minDate = earliestUsable(line);
      if (line.identifier_mode === 'multiple_use') {
        const first = usable.get(line.product_id, minDate, 1, 0);
        return first ? empty.map((unit) => ({ unit, identifierId: first.id, value: first.value, useBy: first.use_by })) : [];
      }
      const firstOpen = line.dispatched + 1;
      const emptyBefore = from - firstOpen - (from > firstOpen ? liveAllocatedBetween.get(line.line_id, firstOpen, from - 1)! : 0);
      const values = usable.all(line.product_id, minDate, empty.length, offset + emptyBefore);
      return values.map((v, i) => ({ unit: empty[i]!, identifierId: v.id, value: v.value, useBy: v.use_by }));
    },
  };
}
export type FefoPlan = ReturnType<typeof createFefoPlan>;
