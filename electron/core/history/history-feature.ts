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
  actor: string;
  order_number: string | null;
  line_no: number | null;
  unit: number | null;
  detail: string | null;
}

/** A station's name as this bench knows it: the row's, this bench's own, else its id. */
export function stationNameOf(ctx: CoreContext, stationId: string, recorded: string): string {
  if (recorded) return recorded;
  return stationId === ctx.stationId ? ctx.stationName : stationId;
}

/** "What happened to identifier X here?": its events at this bench, in the order they happened. */
export function createHistoryFeature(ctx: CoreContext): Handlers {
  const { db } = ctx;
  const select = `SELECT at, kind, sku, value, station_id, station_name, actor, order_number, line_no, unit, detail FROM identifier_events`;
  const ofValue = db.prepare<[string, number], EventRow>(`${select} WHERE value = ? ORDER BY id LIMIT ?`);
  const ofValueAndSku = db.prepare<[string, string, number], EventRow>(`${select} WHERE value = ? AND sku = ? ORDER BY id LIMIT ?`);

  const toEvent = (r: EventRow): IdentifierEvent => ({
    at: r.at,
    kind: r.kind,
    sku: r.sku,
    value: r.value,
    stationId: r.station_id,
    stationName: stationNameOf(ctx, r.station_id, r.station_name),
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
