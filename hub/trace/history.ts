/** GET /v1/history: every step of an identifier across the warehouse's benches, in the order the hub applied them. */
import type pg from 'pg';
import { MAX_HISTORY_EVENTS, MAX_TIMELINE_STEPS } from '../../shared/contract/trace-schemas.js';
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
  /** The event's place in its SKU's history, from 1 (bigint: text). */
  step: string;
  /** Whether it is among the steps sent; its SKU's step 1 is read though not sent, only to tell that earlier steps were left off. */
  sent: boolean;
}

// Each SKU's latest steps on its own (a value shared by products must not let one product's steps
// crowd out another's): steps [first, count], first = max($4 from, count + 1 - $5 cap). The latest, not
// the first: the first 1,000 were sent, and a lot in use for long never showed a new step. Steps are
// only ever added after the last (identifier_events is only inserted into), so a step keeps its number
// and a client asks for earlier steps by it. A SKU's step 1 is read even when not sent, only to tell
// that its earlier steps were left off (and which SKUs have steps, when `from` is past a SKU's latest).
const SQL = `
  SELECT e.at, e.kind, e.sku, e.value, e.station_id, to_jsonb(s)->>'name' AS station_name, e.actor, e.order_number,
         e.line_no, e.unit, e.detail, to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
         e.step, e.step >= e.first_sent AS sent
    FROM (SELECT e.*, row_number() OVER (PARTITION BY e.sku ORDER BY e.id) AS step,
                 GREATEST($4::bigint, count(*) OVER (PARTITION BY e.sku) + 1 - $5::bigint) AS first_sent
            FROM identifier_events e
           WHERE e.warehouse_id = $1 AND e.value = $2 AND ($3::text IS NULL OR e.sku = $3)) e
    LEFT JOIN stations s ON s.warehouse_id = e.warehouse_id AND s.station_id = e.station_id
   WHERE e.step >= e.first_sent OR e.step = 1
   ORDER BY e.id`;

/**
 * Each product's latest MAX_HISTORY_EVENTS steps of the value; given `from`, its steps from that one
 * to the latest, MAX_TIMELINE_STEPS at most (the latest of them), as the bench's timeline asks.
 */
export async function identifierHistory(
  db: pg.Pool,
  warehouseId: string,
  value: string,
  sku: string | undefined,
  from: number | undefined,
): Promise<HubHistoryResponse> {
  const cap = from === undefined ? MAX_HISTORY_EVENTS : MAX_TIMELINE_STEPS;
  const found = await db.query<Row>({ name: 'hub_identifier_history_latest', text: SQL, values: [warehouseId, value, sku ?? null, from ?? 1, cap] });
  const truncatedSkus = found.rows.filter((r) => !r.sent).map((r) => r.sku).sort();
  return {
    value,
    truncated: truncatedSkus.length > 0,
    truncatedSkus,
    events: found.rows.filter((r) => r.sent).map((r) => ({
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
      step: Number(r.step),
    })),
  };
}
