/**
 * Use-by dates in the allocation dialog (issue 12), without React: which lines hold use-by dates,
 * reading a scanned or typed date into its stored form, the refusal for an expired value or one too
 * close to expiry (the core refuses the same on save), and how a picker option shows a date.
 */
import type { AllocationSheet, Candidate } from '../../../../shared/contract/api.js';
import { formatUseByDate, isIsoDate, localeDateOrder, localToday, parseUseByDate, shelfLifeProblem, daysBetween } from '../../../../shared/identifiers/use-by-dates.js';

export interface UseByLine {
  productId: number;
  minShelfLifeDays: number | null;
}
/** Lines whose product's identifiers are use-by dates, by line id. */
export type UseByLines = ReadonlyMap<number, UseByLine>;

export function linesWithUseByDates(sheet: AllocationSheet): UseByLines {
  const lines = new Map<number, UseByLine>();
  for (const order of sheet.orders) {
    for (const line of order.lines) {
      if (line.identifierKind === 'use_by') lines.set(line.lineId, { productId: line.productId, minShelfLifeDays: line.minShelfLifeDays });
    }
  }
  return lines;
}

const benchLocale = () => (typeof navigator === 'undefined' ? undefined : navigator.language);

/** The packer's today, in the bench's calendar. */
export function benchToday(): string {
  return localToday();
}

/** A scanned or typed date ("270331", "31/03/2027") as the stored YYYY-MM-DD; other text as it is. */
export function storedUseByText(text: string, today: string): string {
  const parsed = parseUseByDate(text, { order: localeDateOrder(benchLocale()), today });
  return parsed.ok ? parsed.value : text;
}

/** Why `value` may not go out on `today` for `line`, as the dialog says it; null when it may. */
export function expiryRefusalText(line: UseByLine, value: string, today: string): string | null {
  if (!isIsoDate(value)) return null;
  const problem = shelfLifeProblem(value, today, line.minShelfLifeDays);
  if (!problem) return null;
  const shown = formatUseByDate(value, benchLocale());
  return problem.rule === 'expired'
    ? `the use-by date ${shown} has passed (expired)`
    : `the use-by date ${shown} leaves ${daysBetween(today, value)} day(s); this product needs at least ${line.minShelfLifeDays} days of shelf life`;
}

/** How a use-by option reads in the picker: the date in the bench's locale and what is left. */
export function dateOptionLabel(candidate: Candidate, line: UseByLine, today: string): string {
  if (!isIsoDate(candidate.value)) return candidate.value;
  const left = daysBetween(today, candidate.value);
  const shown = formatUseByDate(candidate.value, benchLocale());
  if (left < 0) return `${shown} — expired`;
  const note = line.minShelfLifeDays !== null && left < line.minShelfLifeDays ? ', too close to expiry' : '';
  return `${shown} — ${left} day${left === 1 ? '' : 's'} left${note}`;
}
