import type { BenchHandlers } from '../../../shared/contract/api.js';
import { MAX_HISTORY_EVENTS, type IdentifierEvent } from '../../../shared/contract/trace-schemas.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import type { CoreContext } from '../context.js';
import type { IdentifierEventKind } from './identifier-history.js';
import { importOfIdentifier, writtenOut } from './history-migration.js';

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
  // Three kinds of event, merged in history order (place; imports sharing a place in their order, then file order):
  //  - those written as they happened, in id order (each product's first `limit` suffice);
  //  - an import's 'added' of an identifier since removed or renamed, written out then, placed where the import was;
  //  - an import's 'added' of an identifier it still holds, read from the import's row (history-migration.ts).
  // The cap is per product (SKU): each product holding the value has its own timeline, cut on its own steps.
  const query = (sku: boolean) => {
    const skuIs = (column: string) => (sku ? `AND ${column} = @sku` : '');
    return `
      SELECT h.at, h.kind, h.sku, h.value, h.station_id, h.station_name, s.name AS known_name, h.actor, h.order_number, h.line_no, h.unit, h.detail, h.step
        FROM (
          SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.sku ORDER BY u.place, u.import_id, u.identifier_id) AS step FROM (
            SELECT place, import_id, identifier_id, at, kind, sku, value, station_id, station_name, actor, order_number, line_no, unit, detail FROM (
              SELECT e.id AS place, 0 AS import_id, 0 AS identifier_id, e.at, e.kind, e.sku, e.value, e.station_id, e.station_name, e.actor, e.order_number, e.line_no, e.unit, e.detail,
                     ROW_NUMBER() OVER (PARTITION BY e.sku ORDER BY e.id) AS n
                FROM identifier_events e WHERE e.value = @value ${skuIs('e.sku')} AND e.after_event_id IS NULL)
             WHERE n <= @limit
            UNION ALL
            SELECT e.after_event_id + 0.5, e.import_id, e.identifier_id, e.at, e.kind, e.sku, e.value, e.station_id, e.station_name, e.actor, NULL, NULL, NULL, NULL
              FROM identifier_events e WHERE e.value = @value ${skuIs('e.sku')} AND e.after_event_id IS NOT NULL
            UNION ALL
            SELECT b.after_event_id + 0.5, b.id, i.id, b.at, 'added', p.sku, i.value, b.station_id, b.station_name, b.actor, NULL, NULL, NULL, NULL
              FROM identifiers i JOIN products p ON p.id = i.product_id JOIN identifier_import_events b ON b.id = ${importOfIdentifier('i.id')}
             WHERE i.value = @value ${skuIs('p.sku')} AND NOT ${writtenOut('i.id', 'b.id')}
          ) u
        ) h LEFT JOIN stations s ON s.station_id = h.station_id
       WHERE h.step <= @limit
       ORDER BY h.place, h.import_id, h.identifier_id`;
  };
  const ofValue = db.prepare<[{ value: string; limit: number }], EventRow & { step: number }>(query(false));
  const ofValueAndSku = db.prepare<[{ value: string; sku: string; limit: number }], EventRow & { step: number }>(query(true));

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
      const limit = MAX_HISTORY_EVENTS + 1;
      const rows = sku === undefined ? ofValue.all({ value: exact, limit }) : ofValueAndSku.all({ value: exact, sku, limit });
      // A product's step past the cap is left off, and says its timeline was cut.
      const kept = rows.filter((r) => r.step <= MAX_HISTORY_EVENTS);
      const truncatedSkus = [...new Set(rows.filter((r) => r.step > MAX_HISTORY_EVENTS).map((r) => r.sku))];
      return { value: exact, events: kept.map(toEvent), truncatedSkus };
    },
  };
}
