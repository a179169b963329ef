/**
 * Station ids and integration names unique in a warehouse ignoring case, as warehouse names are (0024):
 * "a" beside "A", or an order system "orders" beside "Orders", were two holders people cannot tell
 * apart. add-bench and add-integration refuse them in words (hub/admin/admin.ts); these indexes hold
 * when two set-up commands run at once or a row is written by hand.
 * - stations: a unique index on (warehouse_id, lower(station_id));
 * - integrations: a unique index on (warehouse_id, lower(name)) over live integration tokens (a
 *   revoked token keeps its row, and an integration may hold many over time; add-integration also
 *   refuses a name differing only in case from a revoked one).
 * Existing rows are left as they are, so the migration never fails on an existing hub: when such a
 * pair already exists, that index is not created and a WARNING names the pairs (the hub logs it at
 * start) with the statement that creates the index once all but one of each pair is gone (stations:
 * delete the station and its tokens if it never pushed, or keep both and leave the index out;
 * integrations: revoke all but one of each with revoke-integration).
 */
export const STATION_ID_LOWER_INDEX = 'stations_station_id_lower_unique';
export const INTEGRATION_NAME_LOWER_INDEX = 'tokens_live_integration_name_lower_unique';

const createStationIndex = `CREATE UNIQUE INDEX ${STATION_ID_LOWER_INDEX} ON stations (warehouse_id, lower(station_id))`;
const createIntegrationIndex = `CREATE UNIQUE INDEX ${INTEGRATION_NAME_LOWER_INDEX} ON tokens (warehouse_id, lower(name)) WHERE kind = 'integration' AND revoked_at IS NULL`;

export const stationIntegrationCaseSql = /* sql */ `
DO $$
DECLARE
  v_clashes text;
BEGIN
  SELECT string_agg(clash, '; ' ORDER BY clash) INTO v_clashes
    FROM (SELECT format('%s (warehouse %s)', string_agg(format('"%s"', s.station_id), ', ' ORDER BY s.station_id), format('"%s"', w.name)) AS clash
            FROM stations s JOIN warehouses w ON w.id = s.warehouse_id
           GROUP BY w.id, w.name, lower(s.station_id) HAVING count(*) > 1) AS c;
  IF v_clashes IS NULL THEN
    ${createStationIndex};
  ELSE
    RAISE WARNING 'station ids differing only in case in one warehouse: %; the unique index on lower(station_id) was not created. Keep one of each (a station that never pushed may be deleted with its tokens), then run: ${createStationIndex.replace(/'/g, "''")}', v_clashes;
  END IF;

  SELECT string_agg(clash, '; ' ORDER BY clash) INTO v_clashes
    FROM (SELECT format('%s (warehouse %s)', string_agg(format('"%s"', t.name), ', ' ORDER BY t.id), format('"%s"', w.name)) AS clash
            FROM tokens t JOIN warehouses w ON w.id = t.warehouse_id
           WHERE t.kind = 'integration' AND t.revoked_at IS NULL
           GROUP BY w.id, w.name, lower(t.name) HAVING count(*) > 1) AS c;
  IF v_clashes IS NULL THEN
    ${createIntegrationIndex};
  ELSE
    RAISE WARNING 'live integrations differing only in case in one warehouse: %; the unique index on lower(name) was not created. Revoke all but one of each (revoke-integration), then run: ${createIntegrationIndex.replace(/'/g, "''")}', v_clashes;
  END IF;
END $$;
`;
