import type { BenchHandlers } from '../../../shared/contract/api.js';
import { MAX_HISTORY_EVENTS, type IdentifierEvent } from '../../../shared/contract/trace-schemas.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import type { CoreContext } from '../context.js';
import type { IdentifierEventKind } from './identifier-history.js';

type Handlers = Pick<BenchHandlers, 'getIdentifierHistory'>;

interface EventRow {
  at: string;
  kind: IdentifierEventKind;
  sku: string;
  value: string;
  station_id: string;
  station_name: string;
  known_name: string | null;
  actor: string;
  order_number: string | null;
  line_no: number | null;
  unit: number | null;
  detail: string | null;
}

/** A station's name as this bench knows it now (stations table), else as recorded, this bench's own, or its id. */
export function stationNameOf(ctx: CoreContext, stationId: string, recorded: string, known: string | null = null): string {
  if (stationId === ctx.stationId) return ctx.stationName;
  return known ?? (recorded || stationId);
}

/** "What happened to identifier X here?": its events at this bench, in the order they happened. */
export function createHistoryFeature(ctx: CoreContext): Handlers {
  const { db } = ctx;
  const select = `SELECT e.at, e.kind, e.sku, e.value, e.station_id, e.station_name, s.name AS known_name, e.actor, e.order_number,
      e.line_no, e.unit, e.detail FROM identifier_events e LEFT JOIN stations s ON s.station_id = e.station_id`;
  const ofValue = db.prepare<[string, number], EventRow>(`${select} WHERE e.value = ? ORDER BY e.id LIMIT ?`);
  const ofValueAndSku = db.prepare<[string, string, number], EventRow>(`${select} WHERE e.value = ? AND e.sku = ? ORDER BY e.id LIMIT ?`);

  const toEvent = (r: EventRow): IdentifierEvent => ({
    at: r.at,
    kind: r.kind,
    sku: r.sku,
    value: r.value,
    stationId: r.station_id,
    stationName: stationNameOf(ctx, r.station_id, r.station_name, r.known_name),
    actor: r.actor,
    orderNumber: r.order_number,
    lineNo: r.line_no,
    unit: r.unit,
    detail: r.detail,
  });

  return {
    getIdentifierHistory: ({ value, sku }) => {
      const exact = trimScannerInput(value);
      const rows = sku === undefined ? ofValue.all(exact, MAX_HISTORY_EVENTS + 1) : ofValueAndSku.all(exact, sku, MAX_HISTORY_EVENTS + 1);
      return { value: exact, events: rows.slice(0, MAX_HISTORY_EVENTS).map(toEvent), truncated: rows.length > MAX_HISTORY_EVENTS };
    },
  };
}
