/**
 * What kind of identifier a product carries and the format its values follow. One definition for the
 * product screen, the contract, the sync protocol (product.upsert), the hub catalogue and CSV import.
 * The bounds are named here and the SQL CHECKs (bench migration 6, hub migration 0009) repeat them.
 *
 * Kinds:
 * - serial: one value per unit (IMEI, serial number); GS1 AI 21.
 * - lot: a batch code; GS1 AI 10.
 * - use_by: a use-by date; the value is stored as ISO YYYY-MM-DD (see ./use-by-dates.ts) so values sort
 *   and compare as dates everywhere (SQL, sync, recall), and shown in the bench's locale. GS1 AI 17.
 * - other: free text, as before this existed.
 *
 * A format is optional and applies to serial, lot and other values (a use-by date's format is the date
 * itself): a pattern matched against the whole value, a description a packer can read ("IMEI: 15
 * digits"), length limits and a check-digit rule.
 */
import { patternProblem } from './format-pattern.js';
import { textProblem, type TextRule } from '../sync/bounds.js';
import { z } from 'zod';

export const IDENTIFIER_KINDS = ['serial', 'lot', 'use_by', 'other'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export const identifierKindSchema = z.enum(IDENTIFIER_KINDS);
/** Products made before kinds existed, and ops that do not carry one. */
export const DEFAULT_IDENTIFIER_KIND: IdentifierKind = 'other';

/** The labels on the product screen. */
export const IDENTIFIER_KIND_LABELS: Record<IdentifierKind, string> = {
  serial: 'Serial number',
  lot: 'Lot / batch',
  use_by: 'Use-by date',
  other: 'Other',
};

/**
 * How sentences name a kind's values, one and many: a question about a lot product's stock speaks of lot
 * numbers, not serial numbers. Other (free text) values are simply identifiers. capitalOne and
 * capitalMany begin a sentence or a label ("Lot numbers for the 3 new units", "Lot number for new unit 1").
 */
const IDENTIFIER_KIND_NOUNS: Record<IdentifierKind, { one: string; many: string; aOne: string; capitalOne: string; capitalMany: string }> = {
  serial: { one: 'serial number', many: 'serial numbers', aOne: 'a serial number', capitalOne: 'Serial number', capitalMany: 'Serial numbers' },
  lot: { one: 'lot number', many: 'lot numbers', aOne: 'a lot number', capitalOne: 'Lot number', capitalMany: 'Lot numbers' },
  use_by: { one: 'use-by date', many: 'use-by dates', aOne: 'a use-by date', capitalOne: 'Use-by date', capitalMany: 'Use-by dates' },
  other: { one: 'identifier', many: 'identifiers', aOne: 'an identifier', capitalOne: 'Identifier', capitalMany: 'Identifiers' },
};

/** The nouns for a product's kind; a product read without one (before kinds existed) is of kind Other. */
export function identifierNouns(kind: IdentifierKind | undefined) {
  return IDENTIFIER_KIND_NOUNS[kind ?? DEFAULT_IDENTIFIER_KIND];
}

export const CHECK_DIGIT_RULES = ['none', 'luhn', 'gs1_mod10'] as const;
export type CheckDigitRule = (typeof CHECK_DIGIT_RULES)[number];
export const checkDigitRuleSchema = z.enum(CHECK_DIGIT_RULES);
/** How messages and the product screen name the rules. */
export const CHECK_DIGIT_LABELS: Record<CheckDigitRule, string> = {
  none: 'None',
  luhn: 'Luhn',
  gs1_mod10: 'GS1 mod-10',
};

/** Characters in a format's pattern (a regular expression in RE2's syntax, matched against the whole value: format-pattern.ts). */
export const MAX_FORMAT_PATTERN_LENGTH = 200;
/** Characters in a format's description ("IMEI: 15 digits"). */
export const MAX_FORMAT_DESCRIPTION_LENGTH = 100;
/** Length limits are identifier lengths: MIN_FORMAT_LENGTH..MAX_IDENTIFIER_LENGTH (shared/sync/bounds.ts). */
export const MIN_FORMAT_LENGTH = 1;
export const MAX_FORMAT_LENGTH = 200;
/** The shortest value a check digit fits: one digit, then the check digit. */
export const MIN_CHECK_DIGIT_VALUE_LENGTH = 2;
/** Minimum remaining shelf life, in days (ten years). */
export const MAX_SHELF_LIFE_DAYS = 3650;

/**
 * A custom format's texts under the shared text rules (shared/sync/bounds.ts: no control character, not
 * even a tab, trimmed, not empty, bounded): the schema's, and the product screen's before it sends one.
 */
export const FORMAT_TEXT_RULES = {
  pattern: { field: 'format pattern', max: MAX_FORMAT_PATTERN_LENGTH, min: 1, tab: false, trimmed: true },
  description: { field: 'format description', max: MAX_FORMAT_DESCRIPTION_LENGTH, min: 1, tab: false, trimmed: true },
} as const satisfies Record<string, TextRule>;

const formatText = (rule: TextRule) =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: `${rule.field} ${problem}` });
  });
const formatLength = (field: string) =>
  z.number().int(`${field} must be a whole number`).min(MIN_FORMAT_LENGTH, `${field} must be at least ${MIN_FORMAT_LENGTH}`).max(MAX_FORMAT_LENGTH, `${field} must be at most ${MAX_FORMAT_LENGTH}`);

export const identifierFormatSchema = z
  .object({
    /** Matched against the whole value; null: any text. */
    pattern: formatText(FORMAT_TEXT_RULES.pattern)
      .superRefine((pattern, ctx) => {
        const problem = patternProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .nullable(),
    /** What a packer reads when a value does not fit: "IMEI: 15 digits". */
    description: formatText(FORMAT_TEXT_RULES.description),
    minLength: formatLength('minimum length').nullable(),
    maxLength: formatLength('maximum length').nullable(),
    checkDigit: checkDigitRuleSchema,
  })
  .superRefine((format, ctx) => {
    if (format.minLength !== null && format.maxLength !== null && format.minLength > format.maxLength) {
      ctx.addIssue({ code: 'custom', message: 'minimum length is more than the maximum length', path: ['minLength'] });
    }
    // A check digit follows at least one digit, so such a format would refuse every value.
    if (format.checkDigit !== 'none' && format.maxLength !== null && format.maxLength < MIN_CHECK_DIGIT_VALUE_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        message: `maximum length ${format.maxLength} leaves no room for a ${CHECK_DIGIT_LABELS[format.checkDigit]} check digit (values need at least ${MIN_CHECK_DIGIT_VALUE_LENGTH} digits)`,
        path: ['maxLength'],
      });
    }
  });
export type IdentifierFormat = z.infer<typeof identifierFormatSchema>;

export const minShelfLifeDaysSchema = z
  .number()
  .int('minimum shelf life must be a whole number of days')
  .min(0, 'minimum shelf life must be at least 0 days')
  .max(MAX_SHELF_LIFE_DAYS, `minimum shelf life must be at most ${MAX_SHELF_LIFE_DAYS} days`);

/** Everything about a product's identifiers beyond its mode: what they are and what they look like. */
export const identifierSpecSchema = z.object({
  identifierKind: identifierKindSchema,
  /** null: no format (any text within the identifier bounds). Ignored for use_by (the date is the format). */
  identifierFormat: identifierFormatSchema.nullable(),
  /** use_by only: values with fewer days left than this are refused. null: only expired ones are. */
  minShelfLifeDays: minShelfLifeDaysSchema.nullable(),
});
export type IdentifierSpec = z.infer<typeof identifierSpecSchema>;

/** A product with no kind or format: any identifier text, as before. */
export const NO_IDENTIFIER_SPEC: IdentifierSpec = { identifierKind: DEFAULT_IDENTIFIER_KIND, identifierFormat: null, minShelfLifeDays: null };

/** Ready-made formats the product screen offers. */
export const FORMAT_PRESETS: readonly { readonly name: string; readonly format: IdentifierFormat }[] = [
  { name: 'IMEI', format: { pattern: '[0-9]{15}', description: 'IMEI: 15 digits', minLength: 15, maxLength: 15, checkDigit: 'luhn' } },
  { name: 'GTIN-14', format: { pattern: '[0-9]{14}', description: 'GTIN: 14 digits', minLength: 14, maxLength: 14, checkDigit: 'gs1_mod10' } },
  { name: 'SSCC', format: { pattern: '[0-9]{18}', description: 'SSCC: 18 digits', minLength: 18, maxLength: 18, checkDigit: 'gs1_mod10' } },
];
