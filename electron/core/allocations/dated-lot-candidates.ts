/**
 * The picker's order for lot products (issue 12): lots that may go out today come first, soonest use-by
 * first; then lots without a date (by value); expired lots and those too close to expiry (under the
 * product's minimum shelf life) last, where the picker shows them as expired or too close and refuses
 * them when chosen. With nothing typed, the list offers the soonest usable lots of the whole product
 * (through the identifiers_lot_expiry index, bench migration 8), so the first options are the ones to
 * send; a typed prefix keeps the answer's values (the first ones by value, as for any product) and
 * orders them the same way. A use-by product's values are its dates: they go in the same order (usable
 * first, expired and too close last; allocations-feature.ts). Other kinds keep value order.
 */
import type Database from 'better-sqlite3';
import { addDays, isIsoDate } from '../../../shared/identifiers/use-by-dates.js';

export interface DatedRow {
  id: number;
  value: string;
  use_by: string | null;
}

/** A row's use-by date: a lot's date on record (null when undated). */
export const lotDate = (row: DatedRow): string | null => row.use_by;
/** A use-by product's row's date: its value (null for a value that is no date, kept from another kind). */
export const useByValueDate = (row: DatedRow): string | null => (isIsoDate(row.value) ? row.value : null);

/**
 * Usable dated values first (by date), undated next (by value), expired or too close last (by date).
 * `dateOf`: a lot's date, or (useByValueDate) a use-by product's value.
 */
export function lotPickerOrder<T extends DatedRow>(rows: readonly T[], earliestUsable: string, dateOf: (row: T) => string | null = lotDate): T[] {
  const rank = (r: T) => {
    const date = dateOf(r);
    return date === null ? 1 : date >= earliestUsable ? 0 : 2;
  };
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => rank(a) - rank(b) || text(dateOf(a) ?? '', dateOf(b) ?? '') || text(a.value, b.value) || a.id - b.id);
}

/**
 * The answer to an empty query: `soonest` (the soonest usable values, limit + 1 of them, read through an
 * index), then the first values (`byValue`, the usual first limit + 1 by value) not among them, in picker
 * order; `more` as for any answer.
 */
export function soonestFirst<T extends DatedRow>(soonest: readonly T[], byValue: readonly T[], limit: number, earliestUsable: string, dateOf: (row: T) => string | null = lotDate): { rows: T[]; more: boolean } {
  const shown = new Set(soonest.map((r) => r.id));
  const rest = lotPickerOrder(byValue.slice(0, limit).filter((r) => !shown.has(r.id)), earliestUsable, dateOf);
  const rows = [...soonest, ...rest];
  return { rows: rows.slice(0, limit), more: rows.length > limit || byValue.length > limit };
}

/** The earliest use-by date a lot may carry to go out on `today` with `minShelfLifeDays`. */
export function earliestUsableDate(today: string, minShelfLifeDays: number | null): string {
  return addDays(today, minShelfLifeDays ?? 0);
}

/**
 * `candidateColumns`: the picker's select list over identifiers `i` (the same columns as its other
 * queries), so rows come out in the same shape.
 */
export function createDatedLotCandidates<Row extends DatedRow>(db: Database.Database, candidateColumns: string) {
  const soonestUsable = db.prepare<[number, string, number], Row>(
    `SELECT ${candidateColumns} FROM (
       SELECT id FROM identifiers INDEXED BY identifiers_lot_expiry
       WHERE product_id = ? AND use_by IS NOT NULL AND status = 'available' AND use_by >= ?
       ORDER BY use_by, id LIMIT ?) page
     JOIN identifiers i ON i.id = page.id ORDER BY i.use_by, i.id`,
  );
  return {
    /** The answer to an empty query (soonestFirst), the soonest usable lots read through the expiry index. */
    emptyQueryAnswer(productId: number, earliestUsable: string, byValue: readonly Row[], limit: number): { rows: Row[]; more: boolean } {
      return soonestFirst(soonestUsable.all(productId, earliestUsable, limit + 1), byValue, limit, earliestUsable);
    },
  };
}
