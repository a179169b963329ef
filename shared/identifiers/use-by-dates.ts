/**
 * Use-by dates as identifier values. Decision: a use_by product's identifier value IS the date, stored
 * and synced as ISO 8601 YYYY-MM-DD ("2027-03-31"), so values sort and compare as dates in SQL, at the
 * hub and in recall searches, and two benches in different locales agree on the value. Entry (typing,
 * scanning, paste, CSV import) accepts the ISO form, the GS1 AI 17 form YYMMDD and the bench locale's
 * numeric form (31/03/2027 or 03/31/2027), and normalises to ISO; the wire (sync, hub catalogue) takes
 * ISO only and never rewrites a value. Pickers show the date in the bench's locale.
 *
 * "Use by" includes the day itself: a value dated today is still good; yesterday's is expired. Days
 * count in the bench's local calendar (the packer's today), never UTC.
 */

export type DateResult = { ok: true; value: string } | { ok: false; reason: string };
/** Order of day, month and year in a locale's numeric dates. */
/** How D/M/YYYY-style dates are read: day first, month first, or year first. */
export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GS1_DATE = /^(\d{2})(\d{2})(\d{2})$/;
const SEPARATED = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/;

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number): DateResult {
  if (y < 1900 || y > 2199) return { ok: false, reason: `year ${y} is out of range (1900-2199)` };
  if (m < 1 || m > 12) return { ok: false, reason: `month ${m} does not exist` };
  if (d < 1 || d > daysInMonth(y, m)) return { ok: false, reason: `day ${d} does not exist in ${isoOf(y, m, 1).slice(0, 7)}` };
  return { ok: true, value: isoOf(y, m, d) };
}

/** Whether `value` is a real date written YYYY-MM-DD (the stored form). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3])).ok;
}

/**
 * The year of a GS1 two-digit year (GS1 General Specifications 7.12): within 49 years ahead or 50
 * behind the current year. `thisYear` is the reference year (the bench's today).
 */
export function gs1Year(yy: number, thisYear: number): number {
  const century = Math.floor(thisYear / 100) * 100;
  const diff = yy - (thisYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** A GS1 YYMMDD date (AI 17, 15, 13, 11) as ISO; day 00 means the month's last day. */
export function gs1DateToIso(yymmdd: string, today: string): DateResult {
  const m = GS1_DATE.exec(yymmdd);
  if (!m) return { ok: false, reason: 'a GS1 date has 6 digits (YYMMDD)' };
  const year = gs1Year(Number(m[1]), Number(today.slice(0, 4)));
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} does not exist` };
  const day = Number(m[3]) === 0 ? daysInMonth(year, month) : Number(m[3]);
  return validDate(year, month, day);
}

const orders = new Map<string, DateOrder>();

/** The numeric date order of `locale` (e.g. en-GB: dmy, en-US: mdy, sv-SE: ymd); worked out once per locale. */
export function localeDateOrder(locale?: string): DateOrder {
  const key = locale ?? '';
  let order = orders.get(key);
  if (!order) orders.set(key, (order = dateOrderOf(locale)));
  return order;
}

/**
 * A date format for `locale`, or for the default locale when the tag is one Intl refuses (Chromium
 * reports "en-US@posix" under LANG=C.UTF-8): dates must never stop working over a locale name.
 */
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    const base = locale?.split('@')[0];
    try {
      return new Intl.DateTimeFormat(base, options);
    } catch {
      return new Intl.DateTimeFormat(undefined, options);
    }
  }
}

function dateOrderOf(locale: string | undefined): DateOrder {
  const parts = dateFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(Date.UTC(2001, 10, 22)));
  const order = parts.filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day').map((p) => p.type[0]).join('');
  return order === 'mdy' || order === 'ymd' ? order : 'dmy';
}

/** How a use-by date is read: the bench's order, its today, and whether a day/month swap must be refused. */
export interface DateReading {
  order: DateOrder;
  today: string;
  /**
   * A file's dates (CSV import) may come from a supplier in another locale, and no one sees them read:
   * one whose day and month could be swapped (03/04/2031) is refused rather than taken in the bench's
   * order. Typed and scanned dates are read in the order the packer sees on screen.
   */
  refuseAmbiguous?: boolean;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** How D/M/YYYY is read: month first on a month-first bench, day first on every other. */
const orderWords = (order: DateOrder) => (order === 'mdy' ? 'month first, as MM/DD/YYYY' : 'day first, as DD/MM/YYYY');

/** "3 April 2031" for a date known to be real. */
const spelled = (y: number, m: number, d: number) => `${d} ${MONTH_NAMES[m - 1]!} ${y}`;

/** D/M/YYYY or M/D/YYYY read in `order`; an impossible month says the order, since the writer may have used the other one. */
function separatedDate(y: number, first: number, second: number, reading: DateReading): DateResult {
  const [m, d] = reading.order === 'mdy' ? [first, second] : [second, first];
  const dayFirst = validDate(y, second, first);
  const monthFirst = validDate(y, first, second);
  if (reading.refuseAmbiguous && first !== second && dayFirst.ok && monthFirst.ok) {
    return {
      ok: false,
      reason: `could be read two ways: ${spelled(y, second, first)} (day first) or ${spelled(y, first, second)} (month first); write it YYYY-MM-DD (${dayFirst.value} or ${monthFirst.value})`,
    };
  }
  const read = validDate(y, m, d);
  if (read.ok || !(m < 1 || m > 12)) return read;
  const other = reading.order === 'mdy' ? dayFirst : monthFirst;
  const example = other.ok ? other.value : isoOf(y, 3, 31);
  return { ok: false, reason: `${read.reason} (this bench reads dates ${orderWords(reading.order)}; write it YYYY-MM-DD, e.g. ${example})` };
}

/**
 * Normalises a typed, scanned or imported use-by date to YYYY-MM-DD. Accepts YYYY-MM-DD, GS1 YYMMDD,
 * and D/M/YYYY in the bench's order (`order`; ".", "/" or "-" between). `today` (YYYY-MM-DD) fixes the
 * century of GS1 years.
 */
export function parseUseByDate(raw: string, options: DateReading): DateResult {
  const text = raw.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (GS1_DATE.test(text)) return gs1DateToIso(text, options.today);
  const sep = SEPARATED.exec(text);
  if (sep) {
    const [a, b, c] = [sep[1]!, sep[2]!, sep[3]!];
    if (a.length === 4) return validDate(Number(a), Number(b), Number(c));
    if (c.length === 4) return separatedDate(Number(c), Number(a), Number(b), options);
  }
  const example = options.order === 'mdy' ? '03/31/2027' : '31/03/2027';
  return { ok: false, reason: `is not a date (use-by dates are written 2027-03-31, ${example} or 270331)` };
}

/** Today in the bench's local calendar, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** `iso` plus `days` days, YYYY-MM-DD. */
export function addDays(iso: string, days: number): string {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days));
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export type ShelfLifeProblem = { rule: 'expired' | 'shelf_life'; reason: string };

/**
 * Whether a use-by date may still go out on `today`: refused when expired (before today) or when fewer
 * than `minShelfLifeDays` days are left. The reason names the rule and the dates.
 */
export function shelfLifeProblem(useBy: string, today: string, minShelfLifeDays: number | null): ShelfLifeProblem | null {
  const left = daysBetween(today, useBy);
  if (left < 0) return { rule: 'expired', reason: `expired on ${useBy}` };
  if (minShelfLifeDays !== null && left < minShelfLifeDays) {
    const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    return {
      rule: 'shelf_life',
      reason: `use-by ${useBy} leaves ${days(left)}; this product needs at least ${days(minShelfLifeDays)} of shelf life`,
    };
  }
  return null;
}

/** A stored date shown in the bench's locale ("31/03/2027" in en-GB); anything else as it is. */
export function formatUseByDate(value: string, locale?: string): string {
  if (!isIsoDate(value)) return value;
  const date = new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
  return dateFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(date);
}
