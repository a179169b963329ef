/**
 * A serial box's value against its product's kind and format (issue 12), at once in the grid: on
 * scan, on paste and before saving. The core checks the same on save (and names the same rule).
 */
import { checkIdentifier } from '../../../shared/domain/identifier-value.js';
import { normaliseIdentifier, type NormalisedIdentifier } from '../../../shared/identifiers/identifier-format.js';
import { identifierNouns, type IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { normaliseLotDate, type LotDateResult } from '../../../shared/identifiers/lot-dates.js';
import { localeDateOrder, localToday } from '../../../shared/identifiers/use-by-dates.js';
import { benchLocale } from '../identifier-text.js';

const NOT_DATES = { order: 'dmy', today: '2000-01-01' } as const;

/** The value as it will be stored, or why not; without a spec, only the identifier text rules. */
export function entryCheck(raw: string, spec: IdentifierSpec | undefined): NormalisedIdentifier {
  if (!spec) {
    const check = checkIdentifier(raw);
    return check.ok ? check : { ok: false, rule: 'text', reason: check.reason };
  }
  // Dates are worked out only for use-by products: a save checks every held box (up to 100,000).
  if (spec.identifierKind !== 'use_by') return normaliseIdentifier(raw, spec, NOT_DATES);
  return normaliseIdentifier(raw, spec, { order: localeDateOrder(benchLocale()), today: localToday() });
}

/** What follows the value in a refusal: "the serial number is empty" (as the kind names it) / "does not fit "IMEI: 15 digits": …". */
export function entryReason(check: Extract<NormalisedIdentifier, { ok: false }>, spec: IdentifierSpec | undefined): string {
  return check.rule === 'text' ? `the ${identifierNouns(spec?.identifierKind).one} ${check.reason}` : check.reason;
}

/** A lot's use-by date as typed beside it (the bench locale's date, ISO or GS1 YYMMDD), as stored, or why not. */
export function lotDateCheck(raw: string): LotDateResult {
  return normaliseLotDate(raw, 'lot', { order: localeDateOrder(benchLocale()), today: localToday() });
}

/** The date to send with "Save Changes": YYYY-MM-DD, '' for none, null when it is not a date (sent as typed). */
export function lotDateForSave(raw: string): string | null {
  const check = lotDateCheck(raw);
  return check.ok ? (check.useBy ?? '') : null;
}
