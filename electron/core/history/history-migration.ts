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
