/**
 * Bench migration: the identifier history (identifier_events) and the index recall search needs.
 * One row per step an identifier went through at this bench, with the station's id and name, the time,
 * who and the order unit where there is one. Dispatches and allocations already in the store are
 * carried in so an upgraded bench's history does not start empty.
 */
export { IDENTIFIER_EVENT_KINDS } from '../../../shared/contract/trace-schemas.js';
import { IDENTIFIER_EVENT_KINDS } from '../../../shared/contract/trace-schemas.js';

export const identifierHistoryMigration = /* sql */ `
  CREATE TABLE identifier_events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    station_id   TEXT NOT NULL,
    station_name TEXT NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN (${IDENTIFIER_EVENT_KINDS.map((k) => `'${k}'`).join(', ')})),
    sku          TEXT NOT NULL,
    value        TEXT NOT NULL,
    order_number TEXT,
    line_no      INTEGER,
    unit         INTEGER,
    detail       TEXT
  ) STRICT;
  CREATE INDEX identifier_events_value ON identifier_events (value, id);
  -- Which identifier a unit held: an allocation.clear names only the unit.
  CREATE INDEX identifier_events_unit ON identifier_events (order_number, line_no, unit, id) WHERE kind = 'allocated';
  -- Recall by dispatch date.
  CREATE INDEX dispatches_created_at ON dispatches (created_at, id);

  INSERT INTO identifier_events (at, station_id, station_name, actor, kind, sku, value, order_number, line_no, unit)
    SELECT a.created_at, coalesce((SELECT value FROM bench_meta WHERE key = 'station_id'), ''), '', '', 'allocated',
           p.sku, i.value, o.order_number, l.line_no, a.unit
      FROM allocations a JOIN identifiers i ON i.id = a.identifier_id JOIN products p ON p.id = i.product_id
      JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     ORDER BY a.created_at, a.id;
  INSERT INTO identifier_events (at, station_id, station_name, actor, kind, sku, value, order_number, line_no, unit)
    SELECT d.created_at, d.station_id, '', d.actor, 'dispatched', p.sku, i.value, o.order_number, l.line_no, a.unit
      FROM allocations a JOIN dispatches d ON d.id = a.dispatch_id JOIN identifiers i ON i.id = a.identifier_id
      JOIN products p ON p.id = i.product_id JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     ORDER BY d.created_at, a.id;
`;

/** The import holding identifier `id` (an expression), if any: its row id (the one range ending at or after it, if it starts at or before it). */
export const importOfIdentifier = (id: string) =>
  `(SELECT b.id FROM (SELECT id, first_identifier_id FROM identifier_import_events WHERE last_identifier_id >= ${id} ORDER BY last_identifier_id LIMIT 1) b WHERE b.first_identifier_id <= ${id})`;

/**
 * Whether the import `importId` has written out the 'added' event of identifier `id` (both expressions):
 * that identifier no longer reads from the import's row. Matched on the import too, since SQLite may hand
 * a removed largest id out again, and the next import then holds it.
 */
export const writtenOut = (id: string, importId: string) =>
  `EXISTS (SELECT 1 FROM identifier_events w WHERE w.identifier_id = ${id} AND w.import_id = ${importId} AND w.after_event_id IS NOT NULL)`;

function writeOutTrigger(name: string, on: string, when: string): string {
  return `CREATE TRIGGER ${name} ${on}
    WHEN ${when} AND OLD.id <= (SELECT max(last_identifier_id) FROM identifier_import_events)
      AND NOT ${writtenOut('OLD.id', importOfIdentifier('OLD.id'))}
    BEGIN
      INSERT INTO identifier_events (at, station_id, station_name, actor, kind, sku, value, after_event_id, import_id, identifier_id)
        SELECT b.at, b.station_id, b.station_name, b.actor, 'added', p.sku, OLD.value, b.after_event_id, b.id, OLD.id
          FROM identifier_import_events b JOIN products p ON p.id = OLD.product_id
         WHERE b.id = ${importOfIdentifier('OLD.id')};
    END;`;
}

/**
 * Bench migration 13: an import's 'added' events as one row per import, not one per identifier (a
 * 1,000,000-row file wrote 1,000,000 history rows, about 40% of the file, and 2.4 s of its import).
 * The import's new identifiers are the ids first..last; each reads as an 'added' event placed right after
 * history event after_event_id (history-feature.ts). An identifier of an import that is removed or
 * renamed gets its 'added' event written out first, as a row of identifier_events with the import's
 * place in the history (after_event_id, then the import's row id and the identifier's id: imports with no
 * event between them share a place); from then on that row is its 'added'. Triggers do it, so every path
 * that removes or renames an identifier (the grid, a pulled change, a revert) keeps the history.
 */
export const importHistoryMigration = /* sql */ `
  CREATE TABLE identifier_import_events (
    id                  INTEGER PRIMARY KEY,
    at                  TEXT NOT NULL,
    station_id          TEXT NOT NULL,
    station_name        TEXT NOT NULL,
    actor               TEXT NOT NULL,
    first_identifier_id INTEGER NOT NULL,
    last_identifier_id  INTEGER NOT NULL,
    after_event_id      INTEGER NOT NULL CHECK (after_event_id >= 0),
    CHECK (first_identifier_id BETWEEN 1 AND last_identifier_id)
  ) STRICT;
  -- Ranges never overlap: the import whose range holds an id is the first one ending at or after it.
  CREATE UNIQUE INDEX identifier_import_events_last ON identifier_import_events (last_identifier_id);

  -- Plain columns: adding them reads no row (a CHECK would scan the whole history of an upgraded bench).
  ALTER TABLE identifier_events ADD COLUMN after_event_id INTEGER;
  ALTER TABLE identifier_events ADD COLUMN import_id INTEGER;
  ALTER TABLE identifier_events ADD COLUMN identifier_id INTEGER;
  CREATE INDEX identifier_events_import_added ON identifier_events (value) WHERE after_event_id IS NOT NULL;
  CREATE INDEX identifier_events_written_out ON identifier_events (identifier_id, import_id) WHERE after_event_id IS NOT NULL;

  ${writeOutTrigger('identifiers_import_history_delete', 'BEFORE DELETE ON identifiers', 'TRUE')}
  ${writeOutTrigger('identifiers_import_history_update', 'BEFORE UPDATE OF value, product_id ON identifiers', '(OLD.value IS NOT NEW.value OR OLD.product_id IS NOT NEW.product_id)')}
`;

/**
 * Bench migration 14: an import's row id is never handed out again. A removed import's written-out
 * 'added' rows keep naming it; had SQLite given its id to the next import (which it does for a largest
 * rowid that was deleted), the next import's identifier holding a reused identifier id would read as
 * written out, and its 'added' event would be lost. The next import's id is one more than the largest
 * any row names (identifier-history.ts): this index makes the written-out rows' largest one step.
 */
export const importIdsOnceMigration = /* sql */ `
  CREATE INDEX identifier_events_written_out_import ON identifier_events (import_id) WHERE after_event_id IS NOT NULL;
`;
