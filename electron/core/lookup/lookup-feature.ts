import type { BenchHandlers } from '../../../shared/contract/api.js';
import { MAX_LOOKUP_ORDERS, MAX_LOOKUP_SUGGESTIONS } from '../../../shared/contract/schemas.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import type { IdentifierMode } from '../../../shared/domain/modes.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import type { CoreContext } from '../context.js';

type Handlers = Pick<BenchHandlers, 'lookupIdentifier' | 'getBenchInfo'>;

/**
 * The most spellings of a missed value probed for its case variants, one seek of the value index each
 * (4,096 take about 7 ms over 1,000,000 identifiers). A value with more (over twelve letters) is
 * compared by a scan instead: about 130–170 ms over 1,000,000 identifiers, paid only on such a miss.
 */
const MAX_CASE_VARIANTS = 4096;

/**
 * Every spelling of `value` with each character as typed, lower- or upper-cased by JS (Unicode's
 * simple and special mappings: "é" finds "É", "ß" finds "SS"); null when there are more than MAX_CASE_VARIANTS.
 */
function caseVariants(value: string): string[] | null {
  let variants = [''];
  for (const char of value) {
    const forms = [...new Set([char, char.toLowerCase(), char.toUpperCase()])];
    if (variants.length * forms.length > MAX_CASE_VARIANTS) return null;
    variants = variants.flatMap((start) => forms.map((form) => start + form));
  }
  return variants;
}

/**
 * "Which order got identifier X?": every product holding the exact value, and its first
 * MAX_LOOKUP_ORDERS allocations (a lot in thousands of orders is counted past that, not all sent).
 */
export function createLookupFeature(ctx: CoreContext, schemaVersion: number): Handlers {
  const { db } = ctx;
  const matches = db.prepare<[string], {
    id: number; product_id: number; sku: string; title: string; identifier_mode: IdentifierMode; identifier_kind: IdentifierKind; status: 'available' | 'allocated' | 'consumed'; use_by: string | null;
  }>(
    `SELECT i.id, p.id AS product_id, p.sku, p.title, p.identifier_mode, p.identifier_kind, i.status, i.use_by
     FROM identifiers i JOIN products p ON p.id = i.product_id WHERE i.value = ? ORDER BY p.sku`,
  );
  const uses = db.prepare<[number, number], {
    order_id: number; order_number: string; customer: string; line_no: number; unit: number; dispatched: number; at: string; dispatched_by: string | null;
  }>(
    `SELECT o.id AS order_id, o.order_number, o.customer, l.line_no, a.unit, a.dispatch_id IS NOT NULL AS dispatched,
       coalesce(d.created_at, a.created_at) AS at, coalesce(s.name, d.station_id) AS dispatched_by
     FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     LEFT JOIN dispatches d ON d.id = a.dispatch_id LEFT JOIN stations s ON s.station_id = d.station_id
     WHERE a.identifier_id = ? ORDER BY a.id LIMIT ?`,
  );
  // A miss's suggestions: no index is added for them (an index on value COLLATE NOCASE would be written
  // by every import and grid save); the BINARY value index is probed for each spelling instead.
  const sameIgnoringCase = db.prepare<[string, number], { value: string; sku: string }>(
    `SELECT i.value, p.sku FROM identifiers i JOIN products p ON p.id = i.product_id
     WHERE i.value IN (SELECT value FROM json_each(?)) ORDER BY i.value, p.sku LIMIT ?`,
  );
  // Too many spellings to probe: SQLite's NOCASE folds ASCII letters only (A–Z), so here "é" no longer finds "É".
  const sameIgnoringAsciiCase = db.prepare<[string, number], { value: string; sku: string }>(
    `SELECT i.value, p.sku FROM identifiers i JOIN products p ON p.id = i.product_id
     WHERE i.value = ? COLLATE NOCASE ORDER BY i.value, p.sku LIMIT ?`,
  );
  function suggestionsFor(value: string): Array<{ value: string; sku: string }> {
    const variants = caseVariants(value);
    return variants === null ? sameIgnoringAsciiCase.all(value, MAX_LOOKUP_SUGGESTIONS) : sameIgnoringCase.all(JSON.stringify(variants), MAX_LOOKUP_SUGGESTIONS);
  }
  const useCount = db.prepare<[number], number>('SELECT count(*) FROM allocations WHERE identifier_id = ?').pluck();
  const productCount = db.prepare('SELECT count(*) FROM products').pluck();
  const awaitingCount = db.prepare(`SELECT count(*) FROM orders WHERE status = 'awaiting'`).pluck();

  return {
    lookupIdentifier: ({ value, suggest = false }) => {
      const exact = trimScannerInput(value);
      const found = matches.all(exact);
      return {
        value: exact,
        // Only a miss Identifier Lookup asked about looks further: an exact hit costs nothing more, and
        // neither does a scan's check (a new serial scanned in is a miss every time).
        suggestions: suggest && found.length === 0 && exact !== '' ? suggestionsFor(exact) : [],
        matches: found.map((m) => {
          const listed = uses.all(m.id, MAX_LOOKUP_ORDERS);
          const leftOff = listed.length < MAX_LOOKUP_ORDERS ? 0 : useCount.get(m.id)! - listed.length;
          return {
            identifierId: m.id,
            productId: m.product_id,
            sku: m.sku,
            title: m.title,
            identifierMode: m.identifier_mode,
            identifierKind: m.identifier_kind,
            status: m.status,
            ...(m.use_by === null ? {} : { useBy: m.use_by }),
            orders: listed.map((u) => ({
              orderId: u.order_id,
              orderNumber: u.order_number,
              customer: u.customer,
              lineNo: u.line_no,
              unit: u.unit,
              dispatched: u.dispatched === 1,
              at: u.at,
              dispatchedBy: u.dispatched_by,
            })),
            ...(leftOff > 0 ? { ordersLeftOff: leftOff } : {}),
          };
        }),
      };
    },
    getBenchInfo: () => ({
      stationId: ctx.stationId,
      stationName: ctx.stationName,
      productCount: productCount.get() as number,
      awaitingOrderCount: awaitingCount.get() as number,
      schemaVersion,
    }),
  };
}
