/**
 * The optional product CSV columns of issue 12: identifier kind, format and minimum shelf life.
 * A file without them leaves every product's kind and format as they are; with them, an empty cell
 * means "none" (no format, no minimum). Example header:
 *   sku,title,barcode,identifier_mode,stock_level,identifier_kind,format_description,format_pattern,
 *   format_min_length,format_max_length,format_check_digit,min_shelf_life_days
 */
import { identifierSpecSchema, IDENTIFIER_KINDS, type IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { quoted } from './quoted.js';

export const SPEC_CSV_COLUMNS = [
  'identifier_kind',
  'format_description',
  'format_pattern',
  'format_min_length',
  'format_max_length',
  'format_check_digit',
  'min_shelf_life_days',
] as const;

/** The whole-number columns, by the spec field each gives. */
const NUMBER_COLUMNS = { minLength: 'format_min_length', maxLength: 'format_max_length', minShelfLifeDays: 'min_shelf_life_days' } as const;

/** The column each field of the spec comes from, for refusals. */
const COLUMN_OF: Record<string, (typeof SPEC_CSV_COLUMNS)[number]> = {
  identifierKind: 'identifier_kind',
  'identifierFormat.description': 'format_description',
  'identifierFormat.pattern': 'format_pattern',
  'identifierFormat.minLength': NUMBER_COLUMNS.minLength,
  'identifierFormat.maxLength': NUMBER_COLUMNS.maxLength,
  'identifierFormat.checkDigit': 'format_check_digit',
  minShelfLifeDays: NUMBER_COLUMNS.minShelfLifeDays,
};

const number = (text: string | undefined): number | null | 'bad' => {
  if (text === undefined || text === '') return null;
  return /^\d{1,6}$/.test(text) ? Number(text) : 'bad';
};

/** The spec a products row gives, undefined when the file has none of the columns, or the reason it is wrong. */
export function specFromCsv(fields: Record<string, string>): { spec: IdentifierSpec | undefined } | { problem: string } {
  if (!SPEC_CSV_COLUMNS.some((c) => c in fields)) return { spec: undefined };
  const kind = fields.identifier_kind || 'other';
  if (!(IDENTIFIER_KINDS as readonly string[]).includes(kind)) {
    return { problem: `identifier_kind "${quoted(kind)}" must be one of ${IDENTIFIER_KINDS.join(', ')}.` };
  }
  const numbers = { minLength: number(fields.format_min_length), maxLength: number(fields.format_max_length), minShelfLifeDays: number(fields.min_shelf_life_days) };
  for (const field of Object.keys(NUMBER_COLUMNS) as Array<keyof typeof NUMBER_COLUMNS>) {
    const column = NUMBER_COLUMNS[field];
    if (numbers[field] === 'bad') return { problem: `${column} "${quoted(fields[column] ?? '')}" must be a whole number.` };
  }
  const hasFormat = ['format_description', 'format_pattern', 'format_min_length', 'format_max_length'].some((c) => fields[c]) ||
    (fields.format_check_digit !== undefined && fields.format_check_digit !== '' && fields.format_check_digit !== 'none');
  const candidate = {
    identifierKind: kind,
    identifierFormat: hasFormat
      ? {
          pattern: fields.format_pattern || null,
          description: fields.format_description ?? '',
          minLength: numbers.minLength,
          maxLength: numbers.maxLength,
          checkDigit: fields.format_check_digit || 'none',
        }
      : null,
    minShelfLifeDays: numbers.minShelfLifeDays,
  };
  const parsed = identifierSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    // Named by the file's columns, not the schema's fields.
    const said = parsed.error.issues.slice(0, 3).map((issue) => `${COLUMN_OF[issue.path.map(String).join('.')] ?? 'the format columns'}: ${issue.message}`);
    return { problem: `${said.join('; ')}.` };
  }
  if (parsed.data.identifierKind === 'use_by' && parsed.data.identifierFormat) return { problem: 'a use-by date product has no format (its values are dates); leave the format columns empty.' };
  if (parsed.data.identifierKind !== 'use_by' && parsed.data.identifierKind !== 'lot' && parsed.data.minShelfLifeDays !== null) {
    return { problem: 'min_shelf_life_days applies to use-by dates and dated lots only.' };
  }
  return { spec: parsed.data };
}
