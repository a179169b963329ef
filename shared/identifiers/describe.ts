/** A product's identifier kind and format in words a packer reads on the product screen. */
import { CHECK_DIGIT_LABELS, IDENTIFIER_KIND_LABELS, type IdentifierSpec } from './kinds.js';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** "Serial number: IMEI: 15 digits, Luhn check digit" / "Use-by date: at least 7 days of shelf life left". */
export function describeIdentifierSpec(spec: IdentifierSpec): string {
  const kind = IDENTIFIER_KIND_LABELS[spec.identifierKind];
  if (spec.identifierKind === 'use_by') {
    const life = spec.minShelfLifeDays ? `at least ${days(spec.minShelfLifeDays)} of shelf life left` : 'not expired';
    return `${kind} (first-expiring first; ${life})`;
  }
  // Lots may carry a use-by date (issue 12): dated lots go first-expiring first.
  const lotLife = spec.identifierKind === 'lot' && spec.minShelfLifeDays ? `; dated lots need at least ${days(spec.minShelfLifeDays)} of shelf life left` : '';
  const f = spec.identifierFormat;
  if (!f) return `${kind}, any text${lotLife}`;
  const parts = [f.description];
  if (f.minLength !== null || f.maxLength !== null) {
    parts.push(
      f.minLength === f.maxLength ? `${f.minLength} characters` : `${f.minLength ?? 1} to ${f.maxLength ?? 200} characters`,
    );
  }
  if (f.checkDigit !== 'none') parts.push(`${CHECK_DIGIT_LABELS[f.checkDigit]} check digit`);
  return `${kind}: ${parts.join(', ')}${lotLife}`;
}
