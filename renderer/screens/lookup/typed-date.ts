/**
 * A use-by date typed as the bench shows dates ("15/01/2027" on a day-first bench, as the order page and
 * the slip print it): use-by values are stored YYYY-MM-DD, so Identifier Lookup looks that form up when
 * nothing is the text as typed. Only dates written with separators: six digits (GS1's YYMMDD) are as
 * likely a serial or a lot code.
 */
import { isIsoDate, localeDateOrder, localToday, parseUseByDate } from '../../../shared/identifiers/use-by-dates.js';
import { benchLocale } from '../../components/identifier-text.js';

/** The stored form of a date typed with separators in the bench's order; null for anything else. */
export function storedFormOfTypedDate(text: string): string | null {
  const typed = text.trim();
  if (isIsoDate(typed) || !/[./-]/.test(typed)) return null;
  const read = parseUseByDate(typed, { order: localeDateOrder(benchLocale()), today: localToday() });
  return read.ok ? read.value : null;
}
