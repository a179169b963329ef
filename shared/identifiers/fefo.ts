/**
 * First-expiring-first-out for use-by identifiers: the order the picker lists them in, and which value
 * each empty unit gets by default. Pure functions; the allocation dialog's useFefoDefaults hook uses them.
 */
import { isIsoDate, shelfLifeProblem } from './use-by-dates.js';

export interface FefoCandidate {
  readonly identifierId: number;
  readonly value: string;
}

/** Dates first, earliest first; values that are not dates last, in text order. Stable, not in place. */
export function fefoOrder<T extends FefoCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => {
    const ad = isIsoDate(a.value);
    const bd = isIsoDate(b.value);
    if (ad !== bd) return ad ? -1 : 1;
    return a.value < b.value ? -1 : a.value > b.value ? 1 : a.identifierId - b.identifierId;
  });
}

/** The candidates that may go out on `today` (not expired, enough shelf life), earliest first. */
export function fefoUsable<T extends FefoCandidate>(candidates: readonly T[], today: string, minShelfLifeDays: number | null): T[] {
  return fefoOrder(candidates).filter((c) => isIsoDate(c.value) && shelfLifeProblem(c.value, today, minShelfLifeDays) === null);
}

/**
 * A default value for each empty unit, earliest usable date first. Single-use: each value once
 * (`taken` holds values already allocated elsewhere); multiple-use: every unit gets the earliest.
 * Units for which nothing usable is left are absent from the result.
 */
export function fefoDefaults<T extends FefoCandidate>(
  emptyUnits: readonly number[],
  candidates: readonly T[],
  options: { today: string; minShelfLifeDays: number | null; singleUse: boolean; taken?: ReadonlySet<string> },
): Map<number, T> {
  const usable = fefoUsable(candidates, options.today, options.minShelfLifeDays).filter((c) => !options.taken?.has(c.value));
  const picks = new Map<number, T>();
  if (usable.length === 0) return picks;
  let next = 0;
  for (const unit of emptyUnits) {
    if (options.singleUse) {
      if (next >= usable.length) break;
      picks.set(unit, usable[next++]!);
    } else picks.set(unit, usable[0]!);
  }
  return picks;
}
