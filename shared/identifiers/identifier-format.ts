/**
 * Checking identifier values against their product's kind and format. Two entry points:
 * - normaliseIdentifier: for what people type, scan, paste or import: trims, turns a use-by date into
 *   its stored form (YYYY-MM-DD), then checks;
 * - identifierSpecProblem: for values on the wire (sync, hub catalogue), which are never rewritten.
 * Every refusal names the rule it broke, so the message tells the packer what to fix.
 */
import { checkIdentifier } from '../domain/identifier-value.js';
import { checkCheckDigit } from './check-digits.js';
import { matchesWholePattern } from './format-pattern.js';
import type { IdentifierFormat, IdentifierSpec } from './kinds.js';
import { isIsoDate, parseUseByDate, type DateReading } from './use-by-dates.js';

export type FormatRule = 'length' | 'pattern' | 'check_digit' | 'date';
export type FormatCheck = { ok: true } | { ok: false; rule: FormatRule; reason: string };
export type NormalisedIdentifier = { ok: true; value: string } | { ok: false; rule: FormatRule | 'text'; reason: string };

const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

/**
 * Whether `value` fits `format`. The reason names the format and the broken rule:
 * `does not fit "IMEI: 15 digits": check digit wrong (Luhn)`.
 */
export function checkIdentifierFormat(value: string, format: IdentifierFormat): FormatCheck {
  const refuse = (rule: FormatRule, detail: string): FormatCheck => ({ ok: false, rule, reason: `does not fit "${format.description}": ${detail}` });
  const length = [...value].length;
  if (format.minLength !== null && length < format.minLength) {
    return refuse('length', `${chars(length)}, needs ${format.minLength === format.maxLength ? '' : 'at least '}${format.minLength}`);
  }
  if (format.maxLength !== null && length > format.maxLength) {
    return refuse('length', `${chars(length)}, needs ${format.minLength === format.maxLength ? '' : 'at most '}${format.maxLength}`);
  }
  if (format.pattern !== null) {
    const matched = matchesWholePattern(format.pattern, value);
    if (typeof matched === 'string') return refuse('pattern', `cannot be checked: the product's format needs changing (its ${matched})`);
    if (!matched) return refuse('pattern', 'does not match its pattern');
  }
  const digit = checkCheckDigit(value, format.checkDigit);
  if (!digit.ok) return refuse('check_digit', digit.reason);
  return { ok: true };
}

/** What is wrong with a stored/wire value for a product with `spec`, or null. Nothing is rewritten. */
export function identifierSpecProblem(value: string, spec: IdentifierSpec): { rule: FormatRule; reason: string } | null {
  if (spec.identifierKind === 'use_by') {
    return isIsoDate(value) ? null : { rule: 'date', reason: 'is not a use-by date written YYYY-MM-DD' };
  }
  if (spec.identifierFormat === null) return null;
  const check = checkIdentifierFormat(value, spec.identifierFormat);
  return check.ok ? null : { rule: check.rule, reason: check.reason };
}

/**
 * A typed, scanned, pasted or imported value as it will be stored, or why it cannot be. `order` and
 * `today` read use-by dates (see parseUseByDate). Expiry is not checked here: an expired date may be
 * recorded (it is stock on the shelf); allocation refuses it.
 */
export function normaliseIdentifier(raw: string, spec: IdentifierSpec, dates: DateReading): NormalisedIdentifier {
  const text = checkIdentifier(raw);
  if (!text.ok) return { ok: false, rule: 'text', reason: text.reason };
  if (spec.identifierKind === 'use_by') {
    const date = parseUseByDate(text.value, dates);
    if (date.ok) return date;
    return { ok: false, rule: 'date', reason: date.reason.startsWith('is not') || date.reason.startsWith('could be') ? date.reason : `is not a real date: ${date.reason}` };
  }
  const problem = identifierSpecProblem(text.value, spec);
  return problem ? { ok: false, ...problem } : text;
}
