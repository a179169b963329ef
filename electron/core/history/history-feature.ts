import type { BenchHandlers } from '../../../shared/contract/api.js';
import { MAX_HISTORY_EVENTS, MAX_TIMELINE_STEPS, type IdentifierEvent } from '../../../shared/contract/trace-schemas.js';
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
  step: number;
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
  //  - those written as they happened, in id order;
  //  - an import's 'added' of an identifier since removed or renamed, written out then, placed where the import was;
  //  - an import's 'added' of an identifier it still holds, read from the import's row (history-migration.ts).
  // Each product (SKU) holding the value has its own timeline, its steps numbered from 1, and sends its
  // latest MAX_HISTORY_EVENTS steps, or those from the step `from`: a step just taken always shows (the
  // first 1,000 were sent, and a lot in use for long never showed a new step, here or pulled). Steps are
  // only ever added after the last (an import's place is after every event written before it; a
  // written-out 'added' keeps its import's place), so a step keeps its number and a timeline asks for
  // its earlier steps by it. Read from the end: the steps sent are the last rows by the index on
  // (value, id), numbered back from the product's count of steps; no numbering of every step (a lot in
  // 300,000 allocations took a second, on every change while its lookup was open).
  const importedRows = (sku: boolean) => `
    SELECT e.after_event_id + 0.5 AS place, e.import_id, e.identifier_id, e.at, e.kind, e.sku, e.value, e.station_id, e.station_name, e.actor,
           NULL AS order_number, NULL AS line_no, NULL AS unit, NULL AS detail
      FROM identifier_events e WHERE e.value = @value ${sku ? 'AND e.sku = @sku' : ''} AND e.after_event_id IS NOT NULL
    UNION ALL
    SELECT b.after_event_id + 0.5, b.id, i.id, b.at, 'added', p.sku, i.value, b.station_id, b.station_name, b.actor, NULL, NULL, NULL, NULL
      FROM identifiers i JOIN products p ON p.id = i.product_id JOIN identifier_import_events b ON b.id = ${importOfIdentifier('i.id')}
     WHERE i.value = @value ${sku ? 'AND p.sku = @sku' : ''} AND NOT ${writtenOut('i.id', 'b.id')}`;
  /** Each product's count of steps of the value: its written events, and its imports' 'added' (a few). */
  const stepCounts = db.prepare<[{ value: string }], { sku: string; steps: number }>(`
    SELECT sku, count(*) AS steps FROM (
      SELECT e.sku FROM identifier_events e WHERE e.value = @value AND e.after_event_id IS NULL
      UNION ALL SELECT sku FROM (${importedRows(false)})
    ) GROUP BY sku ORDER BY sku`);
  /** One product's latest `limit` steps, latest first. */
  const latest = db.prepare<[{ value: string; sku: string; limit: number }], EventRow & { place: number; import_id: number; identifier_id: number }>(`
    SELECT h.*, s.name AS known_name FROM (
      SELECT * FROM (
        -- The written events by the index from the end, as many as the page can reach (not all sorted).
        SELECT * FROM (
          SELECT e.id AS place, 0 AS import_id, 0 AS identifier_id, e.at, e.kind, e.sku, e.value, e.station_id, e.station_name, e.actor,
                 e.order_number, e.line_no, e.unit, e.detail
            FROM identifier_events e WHERE e.value = @value AND e.sku = @sku AND e.after_event_id IS NULL
           ORDER BY e.id DESC LIMIT @limit)
        UNION ALL ${importedRows(true)}
      ) ORDER BY place DESC, import_id DESC, identifier_id DESC LIMIT @limit
    ) h LEFT JOIN stations s ON s.station_id = h.station_id
    ORDER BY h.place DESC, h.import_id DESC, h.identifier_id DESC`);

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
    step: r.step,
  });

  return {
    getIdentifierHistory: ({ value, sku, from: asked }) =>
      db.transaction(() => {
        const exact = trimScannerInput(value);
        const events: (IdentifierEvent & { place: [number, number, number] })[] = [];
        const truncatedSkus: string[] = [];
        for (const { sku: of, steps } of stepCounts.all({ value: exact })) {
          if (sku !== undefined && of !== sku) continue;
          // Steps [from, steps] are sent: the latest, or those from the step asked, as many as one answer carries.
          const from = asked === undefined ? Math.max(1, steps + 1 - MAX_HISTORY_EVENTS) : Math.max(1, asked, steps + 1 - MAX_TIMELINE_STEPS);
          if (from > 1) truncatedSkus.push(of);
          if (from > steps) continue;
          const rows = latest.all({ value: exact, sku: of, limit: steps + 1 - from });
          rows.forEach((r, i) => events.push({ ...toEvent({ ...r, step: steps - i }), place: [r.place, r.import_id, r.identifier_id] }));
        }
        // Products' steps interleaved as they happened, oldest first.
        events.sort((a, b) => a.place[0] - b.place[0] || a.place[1] - b.place[1] || a.place[2] - b.place[2]);
        return { value: exact, events: events.map(({ place: _, ...event }) => event), truncatedSkus };
      })(),
  };
}
