/**
 * Lots with a use-by date (issue 12): a lot identifier may carry an optional use-by date beside its
 * value (the lot code). Such lots go out first-expiring-first like use-by values, expired ones are
 * refused and the product's minimum shelf life applies. Only lot products take a date: a use-by
 * product's value IS its date, and serials or "other" values have none.
 *
 * The date is stored and synced as YYYY-MM-DD within the named bounds below; the bench's SQLite CHECK
 * (bench migration 8) and the hub's PostgreSQL CHECK (hub migration 0011) repeat them.
 */
import { z } from 'zod';
import type { IdentifierKind } from './kinds.js';
import { isIsoDate, parseUseByDate, type DateReading } from './use-by-dates.js';

/** The earliest and latest use-by date a bench or the hub holds (the same years parseUseByDate accepts). */
export const MIN_USE_BY_DATE = '1900-01-01';
export const MAX_USE_BY_DATE = '2199-12-31';

/** Identifier kinds whose values may carry a use-by date beside them. */
export const DATED_KINDS: readonly IdentifierKind[] = ['lot'];

export function kindTakesDate(kind: IdentifierKind): boolean {
  return DATED_KINDS.includes(kind);
}

/** A stored or synced use-by date: YYYY-MM-DD, a real day, within the bounds. */
export const useByDateSchema = z
  .string()
  .refine((value) => isIsoDate(value) && value >= MIN_USE_BY_DATE && value <= MAX_USE_BY_DATE, {
    message: `use-by date is not a date written YYYY-MM-DD between ${MIN_USE_BY_DATE} and ${MAX_USE_BY_DATE}`,
  });

export type LotDateResult = { ok: true; useBy: string | null } | { ok: false; reason: string };

/**
 * A typed, scanned or imported date for a lot of a product of `kind`, as stored (YYYY-MM-DD, or null for
 * no date), or why not: a date that is not a date, or a date on a kind that takes none.
 */
export function normaliseLotDate(raw: string | null | undefined, kind: IdentifierKind, dates: DateReading): LotDateResult {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, useBy: null };
  if (!kindTakesDate(kind)) {
    return { ok: false, reason: `takes no use-by date beside it: only lot products carry one (this product's identifiers are ${kind === 'use_by' ? 'use-by dates themselves' : kind === 'serial' ? 'serial numbers' : 'of kind "other"'})` };
  }
  const date = parseUseByDate(text, dates);
  if (!date.ok) {
    const why = date.reason.startsWith('is not') || date.reason.startsWith('could be') ? date.reason : `is not a real date: ${date.reason}`;
    return { ok: false, reason: `has a use-by date "${text}" that ${why}` };
  }
  return { ok: true, useBy: date.value };
}
