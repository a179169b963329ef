/**
 * Bench migration 6 (issue 12): a product's identifier kind, format (JSON, see
 * shared/identifiers/kinds.ts) and minimum remaining shelf life. The CHECKs repeat the shared bounds;
 * the pattern's syntax is checked by the shared schema (SQLite has no JavaScript regular expressions).
 * Existing products become kind 'other' with no format: nothing they hold is refused.
 */
import {
  CHECK_DIGIT_RULES,
  IDENTIFIER_KINDS,
  MAX_FORMAT_DESCRIPTION_LENGTH,
  MAX_FORMAT_LENGTH,
  MAX_FORMAT_PATTERN_LENGTH,
  MAX_SHELF_LIFE_DAYS,
} from '../../../shared/identifiers/kinds.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const lengthLimit = (path: string) =>
  `(json_extract(identifier_format, '${path}') IS NULL OR (json_type(identifier_format, '${path}') = 'integer' AND json_extract(identifier_format, '${path}') BETWEEN 1 AND ${MAX_FORMAT_LENGTH}))`;

export const identifierSpecMigration = /* sql */ `
  ALTER TABLE products ADD COLUMN identifier_kind TEXT NOT NULL DEFAULT 'other'
    CHECK (identifier_kind IN (${list(IDENTIFIER_KINDS)}));
  ALTER TABLE products ADD COLUMN identifier_format TEXT CHECK (identifier_format IS NULL OR (
    json_valid(identifier_format) AND json_type(identifier_format) = 'object'
    AND length(json_extract(identifier_format, '$.description')) BETWEEN 1 AND ${MAX_FORMAT_DESCRIPTION_LENGTH}
    AND (json_extract(identifier_format, '$.pattern') IS NULL
         OR length(json_extract(identifier_format, '$.pattern')) BETWEEN 1 AND ${MAX_FORMAT_PATTERN_LENGTH})
    AND json_extract(identifier_format, '$.checkDigit') IN (${list(CHECK_DIGIT_RULES)})
    AND ${lengthLimit('$.minLength')} AND ${lengthLimit('$.maxLength')}));
  ALTER TABLE products ADD COLUMN min_shelf_life_days INTEGER
    CHECK (min_shelf_life_days IS NULL OR min_shelf_life_days BETWEEN 0 AND ${MAX_SHELF_LIFE_DAYS});
`;
