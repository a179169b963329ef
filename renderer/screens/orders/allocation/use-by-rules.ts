/**
 * Use-by dates in the allocation dialog (issue 12), without React: which lines hold use-by dates,
 * reading a scanned or typed date into its stored form, the refusal for an expired value or one too
 * close to expiry (the core refuses the same on save), and how a picker option shows a date.
 */
import type { AllocationSheet, AllocationSheetLine, Candidate } from '../../../../shared/contract/api.js';
import { isIsoDate, localeDateOrder, localToday, parseUseByDate, shelfLifeProblem, daysBetween } from '../../../../shared/identifiers/use-by-dates.js';
import { counted } from '../../../../shared/domain/counted.js';
import { benchLocale, shownUseByDate } from '../../../components/identifier-text.js';

export interface UseByLine {
  productId: number;
  /** use_by: the value is the date; lot: a lot may carry a date beside it (candidate.useBy). */
  kind: 'use_by' | 'lot';
  minShelfLifeDays: number | null;
  /** Where the line starts in its product's first-expiring-first sequence (the core's, see getAllocationUnits). */
  fefoOffset: number;
  /** What saving gives the line's empty units, as the sheet was read (the core's fefoPlan). */
  plan?: AllocationSheetLine['fefoPlan'];
}
/** Lines whose identifiers carry use-by dates (use-by products, lot products), by line id. */
export type UseByLines = ReadonlyMap<number, UseByLine>;

export function linesWithUseByDates(sheet: AllocationSheet): UseByLines {
  const lines = new Map<number, UseByLine>();
  for (const order of sheet.orders) {
    for (const line of order.lines) {
      if (line.identifierKind === 'use_by' || line.identifierKind === 'lot') {
        lines.set(line.lineId, { productId: line.productId, kind: line.identifierKind, minShelfLifeDays: line.minShelfLifeDays, fefoOffset: line.fefoOffset ?? 0, plan: line.fefoPlan });
      }
    }
  }
  return lines;
}

/** The date a candidate expires on for `line`: a use-by value itself, a lot's date; null for an undated lot. */
export function expiryDateOf(line: UseByLine, candidate: Pick<Candidate, 'value' | 'useBy'>): string | null {
  return line.kind === 'use_by' ? candidate.value : (candidate.useBy ?? null);
}


/** A value as the dialog quotes it: a use-by line's date in the bench's locale, as its heading and list show it; other values as they are. */
export function quotedValue(line: Pick<UseByLine, 'kind'> | undefined, value: string): string {
  return line?.kind === 'use_by' ? shownUseByDate(value) : value;
}

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
  const shown = shownUseByDate(value);
  return problem.rule === 'expired'
    ? `the use-by date ${shown} has passed (expired)`
    : `the use-by date ${shown} leaves ${counted(daysBetween(today, value), 'day', 'days')}; this product needs at least ${counted(line.minShelfLifeDays ?? 0, 'day', 'days')} of shelf life`;
}

/**
 * Why a lot whose GS1 code carries a use-by date (AI 17) other than the one the bench holds for that lot
 * is refused: the label and the record disagree, and either may be the wrong one. Null when they agree,
 * or when the scan or the lot has no date (an undated lot: see undatedLotLabelCheck).
 */
export function scannedDateRefusalText(line: UseByLine, candidate: Pick<Candidate, 'value' | 'useBy'>, scannedUseBy: string | null): string | null {
  const stored = candidate.useBy ?? null;
  if (line.kind !== 'lot' || scannedUseBy === null || stored === null || stored === scannedUseBy) return null;
  return `its code says use by ${shownUseByDate(scannedUseBy)}, but lot ${candidate.value} is recorded with use by ${shownUseByDate(stored)}; check the label`;
}

/**
 * A lot the bench holds without a use-by date, scanned from a GS1 code carrying one (AI 17): the label's
 * date still protects the customer. Refused, in the words of an expired lot (or one too close to expiry),
 * naming the label's date; else taken, with a note naming that date so a manager can record it. Null for
 * a dated lot (see scannedDateRefusalText), a scan without a date, or a use-by product.
 */
export function undatedLotLabelCheck(
  line: UseByLine,
  candidate: Pick<Candidate, 'value' | 'useBy'>,
  scannedUseBy: string | null,
  today: string,
): { kind: 'refused'; why: string } | { kind: 'note'; text: string } | null {
  if (line.kind !== 'lot' || scannedUseBy === null || (candidate.useBy ?? null) !== null) return null;
  const why = expiryRefusalText(line, scannedUseBy, today);
  if (why !== null) return { kind: 'refused', why };
  return { kind: 'note', text: `Lot ${candidate.value} has no use-by date on record; its label says use by ${shownUseByDate(scannedUseBy)} (a manager can record it).` };
}

/**
 * How a dated option reads in the picker: the date in the bench's locale and what is left; a lot shows
 * its code first ("L-100 — use by 31/03/2027 — 119 days left").
 */
export function dateOptionLabel(candidate: Candidate, line: UseByLine, today: string): string {
  const date = expiryDateOf(line, candidate);
  if (date === null || !isIsoDate(date)) return candidate.value;
  const left = daysBetween(today, date);
  const shown = shownUseByDate(date);
  const head = line.kind === 'lot' ? `${candidate.value} — use by ${shown}` : shown;
  if (left < 0) return `${head} — expired`;
  const note = line.minShelfLifeDays !== null && left < line.minShelfLifeDays ? ', too close to expiry' : '';
  return `${head} — ${counted(left, 'day', 'days')} left${note}`;
}

/**
 * Why a value a box already holds may not go out on `today` (its use-by date passed, e.g. at midnight
 * with the dialog open, or leaves too little shelf life), in the words of the refusal when it is entered;
 * null when it may go, or when it has no date (an undated lot).
 */
export function heldValueProblemText(line: UseByLine, held: { value: string; useBy?: string | null | undefined }, today: string): string | null {
  const date = line.kind === 'use_by' ? held.value : (held.useBy ?? null);
  const why = date === null ? null : expiryRefusalText(line, date, today);
  return why === null ? null : `"${held.value}" may not go out now: ${why}. Scan another.`;
}
