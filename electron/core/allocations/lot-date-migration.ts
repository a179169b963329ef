/**
 * Bench migration 8 (issue 12, lots with a date): a lot identifier may carry a use-by date beside its
 * value. The CHECK repeats shared/identifiers/lot-dates.ts (YYYY-MM-DD, a real day, within the named
 * bounds); the triggers refuse a date on an identifier of a product whose kind takes none. The partial
 * index (dated lots still available) serves first-expiring-first over a line's dated lots index-only,
 * however deep into a million-unit line a page is, and costs nothing for undated rows.
 */
import { DATED_KINDS, MAX_USE_BY_DATE, MIN_USE_BY_DATE } from '../../../shared/identifiers/lot-dates.js';

const kinds = DATED_KINDS.map((k) => `'${k}'`).join(', ');
const kindCheck = `SELECT RAISE(ABORT, 'identifiers.use_by: only lot products take a use-by date')
    WHERE (SELECT identifier_kind FROM products WHERE id = NEW.product_id) NOT IN (${kinds});`;

/** The use_by column as migration 8 added it (migration 11 rebuilds the table with it unchanged). */
export const USE_BY_COLUMN = `use_by TEXT CHECK (use_by IS NULL OR (
    use_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
    AND use_by BETWEEN '${MIN_USE_BY_DATE}' AND '${MAX_USE_BY_DATE}'
    AND date(julianday(use_by)) IS use_by))`;

export const lotDateMigration = /* sql */ `
  ALTER TABLE identifiers ADD COLUMN ${USE_BY_COLUMN};
  CREATE INDEX identifiers_lot_expiry ON identifiers (product_id, use_by, id) WHERE use_by IS NOT NULL AND status = 'available';
  CREATE TRIGGER identifiers_use_by_kind_insert BEFORE INSERT ON identifiers WHEN NEW.use_by IS NOT NULL
  BEGIN
    ${kindCheck}
  END;
  CREATE TRIGGER identifiers_use_by_kind_update BEFORE UPDATE OF use_by, product_id ON identifiers WHEN NEW.use_by IS NOT NULL
  BEGIN
    ${kindCheck}
  END;
`;
