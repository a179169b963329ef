/**
 * Station names: every bench (station) has a name people know it by ("Packing 3"), unique in its
 * warehouse; benches show names rather than ids (GET /v1/whoami lists them, pulled dispatches carry
 * the dispatching station's name) and rejection reasons name the station that holds an identifier.
 * Existing stations are named after their id.
 */
import { TEXT_RULES } from '../../../shared/sync/bounds.js';
import { pgTextCheck } from './0004-bounds.js';

export const stationNamesSql = /* sql */ `
ALTER TABLE stations ADD COLUMN name text;
UPDATE stations SET name = station_id;
ALTER TABLE stations ALTER COLUMN name SET NOT NULL;
ALTER TABLE stations ADD CONSTRAINT stations_name_bounds CHECK (${pgTextCheck('name', TEXT_RULES.stationName)});
ALTER TABLE stations ADD CONSTRAINT stations_name_unique UNIQUE (warehouse_id, name);

CREATE OR REPLACE FUNCTION dispatch_payload(d dispatches) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('kind', 'dispatch', 'dispatchUid', d.uid, 'orderNumber', o.order_number,
    'stationId', d.station_id, 'stationName', s.name, 'at', d.at, 'lines', d.lines)
  FROM orders o LEFT JOIN stations s ON s.warehouse_id = d.warehouse_id AND s.station_id = d.station_id
  WHERE o.id = d.order_id
$$;

CREATE OR REPLACE FUNCTION explain_violation(p_constraint text, p_detail text, p_message text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  IF p_constraint = 'allocations_single_use_once' THEN
    SELECT i.value, p.sku, o.order_number, l.line_no, a.unit, a.status, COALESCE(s.name, a.station_id) AS station INTO v
      FROM allocations a
      JOIN identifiers i ON i.id = a.identifier_id JOIN products p ON p.id = i.product_id
      JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id
      LEFT JOIN stations s ON s.warehouse_id = o.warehouse_id AND s.station_id = a.station_id
     WHERE a.identifier_id = substring(p_detail FROM '\\((\\d+)\\)')::bigint
       AND a.single_use AND a.status IN ('live', 'consumed');
    IF FOUND THEN
      RETURN format('single-use identifier "%s" of SKU %s is already %s order %s line %s unit %s (station %s)',
        v.value, v.sku, CASE WHEN v.status = 'consumed' THEN 'dispatched with' ELSE 'allocated to' END,
        v.order_number, v.line_no, v.unit, COALESCE(v.station, 'unknown'));
    END IF;
    RETURN 'single-use identifier is already allocated to another order unit';
  ELSIF p_constraint = 'dispatches_uid_unique' THEN
    RETURN 'this dispatch was already recorded';
  ELSIF p_constraint = 'order_lines_not_over_dispatched' THEN
    RETURN 'dispatching more units than the order line has left';
  END IF;
  RETURN p_message;
END $$;
`;
