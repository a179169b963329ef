/**
 * Check-digit rules for identifiers: Luhn (IMEI, card-like numbers) and GS1 mod-10 (GTIN, SSCC, GLN).
 * Both weigh digits from the right; they differ in how. The last digit of the value is the check digit.
 */
import type { CheckDigitRule } from './kinds.js';

const DIGITS = /^[0-9]+$/;

/** The Luhn check digit for `payload` (the digits before the check digit). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // From the right of the payload, every first digit is doubled (it becomes the second once the check digit follows).
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The GS1 mod-10 check digit for `payload`: weights 3,1,3,1... from the right of the payload. */
export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = payload.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (payload.charCodeAt(i) - 48) * weight;
  return (10 - (sum % 10)) % 10;
}

export type CheckDigitResult = { ok: true } | { ok: false; reason: string };

const LABEL: Record<Exclude<CheckDigitRule, 'none'>, string> = { luhn: 'Luhn', gs1_mod10: 'GS1 mod-10' };

/** Whether `value`'s last digit is right by `rule`; the reason names the rule ("check digit wrong (Luhn)"). */
export function checkCheckDigit(value: string, rule: CheckDigitRule): CheckDigitResult {
  if (rule === 'none') return { ok: true };
  const label = LABEL[rule];
  if (value.length < 2 || !DIGITS.test(value)) return { ok: false, reason: `a ${label} check digit needs digits only (at least 2)` };
  const payload = value.slice(0, -1);
  const expected = rule === 'luhn' ? luhnCheckDigit(payload) : gs1CheckDigit(payload);
  return value.charCodeAt(value.length - 1) - 48 === expected ? { ok: true } : { ok: false, reason: `check digit wrong (${label})` };
}
