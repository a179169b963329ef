/**
 * Names the set-up commands give (hub/admin/admin.ts) held to the shared text rules in the schema too,
 * as the last line of defence (a hand-written INSERT, a future code path): not empty, no C0/C1 control
 * characters, no surrounding whitespace, at most MAX_WAREHOUSE_NAME_LENGTH / MAX_INTEGRATION_NAME_LENGTH
 * characters (pgTextCheck, the same expressions 0004 uses; test/sync/bounds.property.test.ts shows they
 * agree with shared/sync/bounds.ts). Station names have been checked so since 0006.
 *
 * Existing rows are left as they are, so the migration never fails on an existing hub:
 * - warehouses: a NOT VALID CHECK (new and changed rows only; no code updates a warehouse row);
 * - integration names (tokens.name): a trigger on INSERT and on UPDATE OF name, raising a
 *   check_violation (23514) named tokens_name_bounds. Not a CHECK: every request updates its token's
 *   last_used_at (auth/authenticate.ts touchToken), and a CHECK, even NOT VALID, is tested on every
 *   update of a row, so an order system whose integration was named " orders" before the set-up
 *   commands checked names would be locked out. A trigger on the column tests only the name written.
 * - warehouse names differing only in case: a unique index on lower(name), so two set-up commands at
 *   once cannot add "north" and "North". Created only when no such pair exists; otherwise the migration
 *   raises a WARNING naming the clashing warehouses (the hub logs it at start) and goes on without the
 *   index; add-warehouse still refuses such names under its table lock. Rename all but one of each
 *   clash, then create the index by hand (the warning gives the statement).
 */
import { TEXT_RULES } from '../../../shared/sync/bounds.js';
import { pgTextCheck } from './0004-bounds.js';

export const WAREHOUSE_NAME_LOWER_INDEX = 'warehouses_name_lower_unique';

export const nameRulesSql = /* sql */ `
ALTER TABLE warehouses ADD CONSTRAINT warehouses_name_bounds CHECK (${pgTextCheck('name', TEXT_RULES.warehouseName)}) NOT VALID;

CREATE FUNCTION tokens_name_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS NOT NULL AND NOT (${pgTextCheck('NEW.name', TEXT_RULES.integrationName)}) THEN
    RAISE EXCEPTION 'new row for relation "tokens" violates check constraint "tokens_name_bounds"'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'tokens_name_bounds', TABLE = 'tokens', COLUMN = 'name',
        DETAIL = format('The integration name %L breaks the shared text rules.', NEW.name);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tokens_name_bounds BEFORE INSERT OR UPDATE OF name ON tokens
  FOR EACH ROW EXECUTE FUNCTION tokens_name_bounds();

DO $$
DECLARE
  v_clashes text;
BEGIN
  SELECT string_agg(names, '; ' ORDER BY names) INTO v_clashes
    FROM (SELECT string_agg(format('"%s" (id %s)', name, id), ', ' ORDER BY id) AS names
            FROM warehouses GROUP BY lower(name) HAVING count(*) > 1) AS c;
  IF v_clashes IS NULL THEN
    CREATE UNIQUE INDEX ${WAREHOUSE_NAME_LOWER_INDEX} ON warehouses (lower(name));
  ELSE
    RAISE WARNING 'warehouse names differing only in case: %; the unique index on lower(name) was not created. Rename all but one of each (UPDATE warehouses SET name = ... WHERE id = ...), then run: CREATE UNIQUE INDEX ${WAREHOUSE_NAME_LOWER_INDEX} ON warehouses (lower(name))', v_clashes;
  END IF;
END $$;
`;
