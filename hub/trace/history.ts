/** GET /v1/history: every step of an identifier across the warehouse's benches, in the order the hub applied them. */
import type pg from 'pg';
import { MAX_HISTORY_EVENTS } from '../../shared/contract/trace-schemas.js';
import type { HubHistoryResponse } from '../../shared/trace/hub-trace.js';

interface Row {
  at: string | null;
  kind: HubHistoryResponse['events'][number]['kind'];
  sku: string;
  value: string;
  station_id: string | null;
  station_name: string | null;
  actor: string | null;
  order_number: string | null;
  line_no: number | null;
  unit: number | null;
  detail: string | null;
  recorded_at: string;
  /** The event's place in its SKU's history, from 1. */
  step: string;
}

// Capped per SKU, not overall: a value shared by products must not let one product's steps crowd out
// another's. One step past the cap is read per SKU, only to tell that its history was cut.
const SQL = `
  SELECT e.at, e.kind, e.sku, e.value, e.station_id, to_jsonb(s)->>'name' AS station_name, e.actor, e.order_number,
         e.line_no, e.unit, e.detail, to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at, e.step
    FROM (SELECT e.*, row_number() OVER (PARTITION BY e.sku ORDER BY e.id) AS step
            FROM identifier_events e
           WHERE e.warehouse_id = $1 AND e.value = $2 AND ($3::text IS NULL OR e.sku = $3)) e
    LEFT JOIN stations s ON s.warehouse_id = e.warehouse_id AND s.station_id = e.station_id
   WHERE e.step <= $4
   ORDER BY e.id`;

export async function identifierHistory(db: pg.Pool, warehouseId: string, value: string, sku: string | undefined): Promise<HubHistoryResponse> {
  const found = await db.query<Row>({ name: 'hub_identifier_history', text: SQL, values: [warehouseId, value, sku ?? null, MAX_HISTORY_EVENTS + 1] });
  const cut = (r: Row) => Number(r.step) > MAX_HISTORY_EVENTS;
  const truncatedSkus = found.rows.filter(cut).map((r) => r.sku);
  return {
    value,
    truncated: truncatedSkus.length > 0,
    truncatedSkus,
    events: found.rows.filter((r) => !cut(r)).map((r) => ({
      // The order system's events carry the hub's own now()::text (PostgreSQL's format, not ISO 8601):
      // the same instant as recorded_at, written in the same transaction, so that is given instead.
      at: r.station_id === null ? r.recorded_at : (r.at ?? r.recorded_at),
      recordedAt: r.recorded_at,
      kind: r.kind,
      sku: r.sku,
      value: r.value,
      stationId: r.station_id,
      stationName: r.station_id === null ? 'order system' : (r.station_name ?? r.station_id),
      actor: r.actor,
      orderNumber: r.order_number,
      lineNo: r.line_no,
      unit: r.unit,
      detail: r.detail,
    })),
  };
}
