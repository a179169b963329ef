/**
 * Ranges of identifiers as carton labels give them: "SN-0001..SN-0100" (first..last) or
 * "SN-0001 +100" (first value and count). The numeric tail is the last run of digits; what comes
 * before (prefix) and after it (suffix) is kept, and so is its zero padding. Pure: the serial grid and
 * the CSV import both expand ranges here, then check each value as if it were typed.
 */

/** The most values one range may fill (the grid and the import refuse larger ones, saying so). */
export const MAX_RANGE_COUNT = 100_000;

export interface IdentifierRange {
  prefix: string;
  suffix: string;
  first: bigint;
  count: number;
  /** Digits of the tail; 0 when the range is unpadded (first..last with more digits at the end). */
  width: number;
}

export type RangeParse =
  /** The text is not written as a range: an ordinary value. */
  | { kind: 'none' }
  | { kind: 'range'; range: IdentifierRange }
  /** Written as a range, but not one that can be filled: `reason` says why. */
  | { kind: 'invalid'; reason: string };

const FIRST_LAST = /^(.+?)\s*\.\.\s*(.+)$/;
/** The count may have its thousands separated, as the bench and a spreadsheet write counts ("+1,000"). */
const FIRST_COUNT = /^(.+?)\s+\+\s*(\d[\d,]*)$/;
const GROUPED_COUNT = /^\d{1,3}(,\d{3})+$/;
const TAIL = /^(.*?)(\d+)(\D*)$/;

function splitTail(value: string): { prefix: string; digits: string; suffix: string } | null {
  const match = TAIL.exec(value);
  return match ? { prefix: match[1]!, digits: match[2]!, suffix: match[3]! } : null;
}

/** Reads "first..last" or "first +count"; anything else is not a range. */
export function parseRange(text: string): RangeParse {
  const trimmed = text.trim();
  const pair = FIRST_LAST.exec(trimmed);
  if (pair) return rangeFromFirstLast(pair[1]!, pair[2]!);
  const counted = FIRST_COUNT.exec(trimmed);
  if (counted) {
    const written = counted[2]!;
    if (written.includes(',') && !GROUPED_COUNT.test(written)) {
      return { kind: 'invalid', reason: `the count "${written}" is not a whole number (write it in digits, with or without a comma before each three: +1000 or +1,000)` };
    }
    return rangeFromFirstCount(counted[1]!, Number(written.replace(/,/g, '')));
  }
  return { kind: 'none' };
}

function rangeFromFirstCount(first: string, count: number): RangeParse {
  const tail = splitTail(first);
  if (!tail) return { kind: 'invalid', reason: `the first value "${first}" has no number to count up from` };
  if (count < 1) return { kind: 'invalid', reason: 'the count must be at least 1' };
  if (!Number.isSafeInteger(count) || count > MAX_RANGE_COUNT) return { kind: 'invalid', reason: `the count ${count.toLocaleString('en-GB')} is more than ${MAX_RANGE_COUNT.toLocaleString('en-GB')} values` };
  return checkWidth({ prefix: tail.prefix, suffix: tail.suffix, first: BigInt(tail.digits), count, width: tail.digits.length });
}

function rangeFromFirstLast(first: string, last: string): RangeParse {
  const a = splitTail(first);
  const b = splitTail(last);
  if (!a || !b) return { kind: 'invalid', reason: `"${!a ? first : last}" has no number to count with` };
  if (a.prefix !== b.prefix || a.suffix !== b.suffix) {
    return { kind: 'invalid', reason: `"${first}" and "${last}" differ in more than their number (they must share what comes before and after it)` };
  }
  const from = BigInt(a.digits);
  const to = BigInt(b.digits);
  if (to < from) return { kind: 'invalid', reason: `the last value "${last}" comes before the first "${first}"` };
  const span = to - from + 1n;
  if (span > BigInt(MAX_RANGE_COUNT)) return { kind: 'invalid', reason: `"${first}..${last}" is ${span.toLocaleString('en-GB')} values, more than ${MAX_RANGE_COUNT.toLocaleString('en-GB')}` };
  let width = a.digits.length;
  if (a.digits.length !== b.digits.length) {
    // 9..12 counts without padding; 0009..012 mixes two paddings and says nothing clear.
    if (a.digits.startsWith('0') || b.digits.startsWith('0')) {
      return { kind: 'invalid', reason: `"${first}" and "${last}" have numbers of different widths (${a.digits.length} and ${b.digits.length} digits)` };
    }
    width = 0;
  }
  return checkWidth({ prefix: a.prefix, suffix: a.suffix, first: from, count: Number(span), width });
}

function checkWidth(range: IdentifierRange): RangeParse {
  if (range.width === 0) return { kind: 'range', range };
  const last = range.first + BigInt(range.count - 1);
  if (last.toString().length > range.width) {
    const lastValue = `${range.prefix}${last}${range.suffix}`;
    return {
      kind: 'invalid',
      reason: `the range overflows its ${range.width}-digit number: ${range.count.toLocaleString('en-GB')} values from "${rangeValue(range, 0)}" would end at "${lastValue}"`,
    };
  }
  return { kind: 'range', range };
}

/** The value at `offset` (0 = the first) of a range. */
export function rangeValue(range: IdentifierRange, offset: number): string {
  const n = (range.first + BigInt(offset)).toString();
  return `${range.prefix}${range.width ? n.padStart(range.width, '0') : n}${range.suffix}`;
}

/** Whether `value` is one of the range's values, as it writes them (padding included), without expanding it. */
export function rangeHolds(range: IdentifierRange, value: string): boolean {
  const tail = splitTail(value);
  if (!tail || tail.prefix !== range.prefix || tail.suffix !== range.suffix) return false;
  const offset = BigInt(tail.digits) - range.first;
  return offset >= 0n && offset < BigInt(range.count) && rangeValue(range, Number(offset)) === value;
}

/** Every value of a range, in order. */
export function expandRange(range: IdentifierRange): string[] {
  const values = new Array<string>(range.count);
  for (let i = 0; i < range.count; i++) values[i] = rangeValue(range, i);
  return values;
}

/** "SN-0001 … SN-0100 (100 values)": what the preview shows before anything is filled. */
export function describeRange(range: IdentifierRange): string {
  const first = rangeValue(range, 0);
  if (range.count === 1) return `${first} (1 value)`;
  return `${first} … ${rangeValue(range, range.count - 1)} (${range.count.toLocaleString('en-GB')} values)`;
}

/**
 * The values of `values` that collide with identifiers already there (`isTaken`), in range order;
 * at most `limit` of them, with the total count.
 */
export function rangeCollisions(values: readonly string[], isTaken: (value: string) => boolean, limit = 5): { count: number; examples: string[] } {
  const examples: string[] = [];
  let count = 0;
  for (const value of values) {
    if (!isTaken(value)) continue;
    count++;
    if (examples.length < limit) examples.push(value);
  }
  return { count, examples };
}

/** "SN-0005 and SN-0006 are already …" / "3 values are already … (SN-1, SN-2, …)". */
export function describeCollisions(collisions: { count: number; examples: string[] }, where: string): string {
  const quoted = collisions.examples.map((v) => `"${v}"`);
  if (collisions.count === 1) return `${quoted[0]} is already ${where}`;
  if (collisions.count <= collisions.examples.length) return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)} are already ${where}`;
  return `${collisions.count.toLocaleString('en-GB')} of its values are already ${where} (${quoted.join(', ')}, …)`;
}
