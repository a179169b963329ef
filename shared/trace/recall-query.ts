/**
 * Recall search: which orders, customers, dates and benches got dispatched identifiers matching a
 * value (exactly or by prefix), optionally one product and a dispatch date range. One definition for
 * the bench's contract call and the hub's GET /v1/trace query string.
 *
 * Dates are calendar days (YYYY-MM-DD) in UTC, both ends included. By lot (issue 12): the exact lot
 * value among products whose identifier kind is lot. By use-by date range: the values (stored as
 * YYYY-MM-DD) of products whose kind is use_by, both ends included, either end open.
 */
import { z } from 'zod';
import { searchDay, searchText } from '../sync/fields.js';

export const RECALL_MATCHES = ['exact', 'prefix'] as const;
/**
 * How the product filter compares `sku`: 'prefix', the start of a SKU in any ASCII case (skuPrefixRange:
 * what a packer types); 'exact', that one product's SKU as stored, case-sensitive (the product a scanned
 * code or barcode named, or the one picked among products sharing a GTIN: PHN-S, not PHN-S2 nor phn-s).
 */
export const RECALL_SKU_MATCHES = ['prefix', 'exact'] as const;
export type RecallSkuMatch = (typeof RECALL_SKU_MATCHES)[number];
export const MAX_RECALL_PAGE = 1000;
export const DEFAULT_RECALL_PAGE = 200;

/** The query's days in the searcher's words: the schema's messages and the Recall screen's name them so. */
export const RECALL_DAY_FIELDS = {
  dispatchedFrom: 'dispatched from',
  dispatchedTo: 'dispatched to',
  useByFrom: 'use-by from',
  useByTo: 'use-by to',
} as const;
export type RecallDayField = keyof typeof RECALL_DAY_FIELDS;

/** A day the date input could not read (Chromium's badInput: 2026-02-30 typed), in the schema's words. */
export function notADayMessage(field: RecallDayField): string {
  return `${RECALL_DAY_FIELDS[field]} is not a date`;
}

/**
 * The recall query, its days, its value and its "nothing to search by" worded by the caller: the bench's
 * screen in the searcher's words ("dispatched from must be ..."), the hub's query string by the
 * parameters sent (shared/trace/hub-trace.ts), so one mistake reads the same on every hub route. `value`
 * must take '' (every identifier); `lot` and `sku`, as `value`, may trim what was sent (the hub's query string).
 */
export function recallQueryWith(
  day: (field: RecallDayField) => z.ZodType<string>,
  nothingToSearch: string,
  skuMatchNeedsSku: string,
  value: z.ZodType<string> = searchText('identifier', 0),
  lot: z.ZodType<string> = searchText('lot'),
  sku: z.ZodType<string> = searchText('sku'),
) {
  return z
    .object({
      match: z.enum(RECALL_MATCHES, { error: 'give "exact" or "prefix"' }).default('prefix'),
      /** Empty: every dispatched identifier (then give a product or a date range). */
      value: value.default(''),
      /** The start of a product's SKU, in any case (skuPrefixRange): "ph" finds PH and PHN-1; exactly as stored with skuMatch 'exact'. */
      sku: sku.optional(),
      /** How `sku` is compared (RECALL_SKU_MATCHES); absent, as a prefix. */
      skuMatch: z.enum(RECALL_SKU_MATCHES, { error: 'give "exact" or "prefix"' }).optional(),
      dispatchedFrom: day('dispatchedFrom').optional(),
      dispatchedTo: day('dispatchedTo').optional(),
      /** A lot number, exactly (products of kind lot only). */
      lot: lot.optional(),
      /** Use-by dates in [useByFrom, useByTo] (products of kind use_by only). */
      useByFrom: day('useByFrom').optional(),
      useByTo: day('useByTo').optional(),
    })
    // A lot or a use-by range is searched exactly whatever `match` says: `match=exact&lot=L-1` is taken
    // (it was refused as "value: an exact search needs a value", naming what was not sent).
    .refine((q) => !(q.match === 'exact' && q.value === '' && q.lot === undefined && useByOf(q) === null), {
      message: 'an exact search needs a value',
      path: ['value'],
    })
    .refine((q) => q.skuMatch !== 'exact' || q.sku !== undefined, { message: skuMatchNeedsSku, path: ['skuMatch'] })
    .refine(
      (q) =>
        // An exact search without a value is told so by the rule above, once.
        q.value !== '' || q.match === 'exact' || q.sku !== undefined || q.dispatchedFrom !== undefined || q.dispatchedTo !== undefined || q.lot !== undefined || useByOf(q) !== null,
      { message: nothingToSearch, path: ['value'] },
    )
    .superRefine((q, ctx) => {
      if ((q.value === '' ? 0 : 1) + (q.lot === undefined ? 0 : 1) + (useByOf(q) === null ? 0 : 1) <= 1) return;
      // Named by a field that was given: a value and a use-by date were refused as "lot: ..." (no lot sent).
      const field = q.lot !== undefined ? 'lot' : q.useByFrom !== undefined ? 'useByFrom' : 'useByTo';
      ctx.addIssue({ code: 'custom', message: 'search by one of value, lot or use-by date range at a time', path: [field] });
    })
    .refine((q) => !q.useByFrom || !q.useByTo || q.useByFrom <= q.useByTo, { message: 'the use-by date range ends before it starts', path: ['useByTo'] })
    .refine((q) => !q.dispatchedFrom || !q.dispatchedTo || q.dispatchedFrom <= q.dispatchedTo, {
      message: 'the dispatch date range ends before it starts',
      path: ['dispatchedTo'],
    });
}

export const recallQuerySchema = recallQueryWith(
  (field) => searchDay(RECALL_DAY_FIELDS[field]),
  'give a value, a prefix, a lot, a use-by date range, a product or a dispatch date range',
  'an exact SKU match needs a SKU',
);
export type RecallQuery = z.output<typeof recallQuerySchema>;

function useByOf(q: { useByFrom?: string | undefined; useByTo?: string | undefined }): { from: string; to: string } | null {
  if (q.useByFrom === undefined && q.useByTo === undefined) return null;
  return { from: q.useByFrom ?? '0000-01-01', to: q.useByTo ?? '9999-12-31' };
}

/** The identifier kind a query is restricted to (lot, use-by range), or null for any. */
export function recallKind(q: Pick<RecallQuery, 'lot' | 'useByFrom' | 'useByTo'>): 'lot' | 'use_by' | null {
  if (q.lot !== undefined) return 'lot';
  return useByOf(q) === null ? null : 'use_by';
}

/** The half-open value range [lo, hi) a query covers; values never hold NUL, U+10FFFF is the last code point. */
export function valueRange(q: Pick<RecallQuery, 'match' | 'value'> & Partial<Pick<RecallQuery, 'lot' | 'useByFrom' | 'useByTo'>>): { lo: string; hi: string } {
  if (q.lot !== undefined) return { lo: q.lot, hi: `${q.lot}\u0001` };
  const useBy = useByOf(q);
  if (useBy) return { lo: useBy.from, hi: `${useBy.to}\u0001` };
  if (q.match === 'exact') return { lo: q.value, hi: `${q.value}\u0001` };
  return { lo: q.value, hi: `${q.value}\u{10FFFF}` };
}

/**
 * The product filter's rule, at the bench and at the hub alike: a product's SKU starting with the text
 * given, ignoring the case of ASCII letters only (the order list's search does so through SQLite's
 * LIKE; the bench compares under NOCASE, the hub under lower() of COLLATE "C" text, both ASCII-only).
 * Identifier values are case-sensitive and stay so. As a half-open range [lo, hi) compared ignoring
 * case, like valueRange: SKUs never hold NUL, U+10FFFF is the last code point.
 */
export function skuPrefixRange(sku: string): { lo: string; hi: string } {
  return { lo: sku, hi: `${sku}\u{10FFFF}` };
}

/** ASCII letters in lower case, others as they are: the case skuPrefixRange ignores (NOCASE, lower() of "C" text). */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** Whether two SKUs are the same ignoring the case of ASCII letters only (how a typed SKU prefix compares). */
export function sameSku(a: string, b: string): boolean {
  return asciiLower(a) === asciiLower(b);
}

/**
 * The product among `products` a typed SKU names: the one whose SKU is exactly that (SKUs are
 * case-sensitive: PHN-S and phn-s may both exist), else the one equal to it ignoring ASCII case, when
 * only one is; null for none (or several equal ignoring case, none exactly: which one is not known).
 */
export function pickBySku<P extends { sku: string }>(products: readonly P[], typed: string): P | null {
  const exact = products.find((p) => p.sku === typed);
  if (exact) return exact;
  const anyCase = products.filter((p) => sameSku(p.sku, typed));
  return anyCase.length === 1 ? anyCase[0]! : null;
}

/** The dispatch instants [from, to) of a day range, as ISO text (UTC), or null for an open end. */
export function dayRange(q: Pick<RecallQuery, 'dispatchedFrom' | 'dispatchedTo'>): { from: string | null; to: string | null } {
  const from = q.dispatchedFrom ? `${q.dispatchedFrom}T00:00:00.000Z` : null;
  // The end of the last day as 24:00 of that day, not as the next day's midnight: the day after the
  // last one a search may name (9999-12-31) has no four-digit year (toISOString gives
  // "+010000-01-01T…", which PostgreSQL refuses and which sorts before every date as text). 24:00 is
  // the next midnight to PostgreSQL and sorts after the whole day as text (the bench's SQLite).
  const to = q.dispatchedTo ? `${q.dispatchedTo}T24:00:00.000Z` : null;
  return { from, to };
}

export const recallRowSchema = z.object({
  value: z.string(),
  sku: z.string(),
  orderNumber: z.string(),
  customer: z.string(),
  lineNo: z.number().int().positive(),
  unit: z.number().int().positive(),
  dispatchedAt: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  /** Lot products (issue 12): the lot's use-by date, YYYY-MM-DD; absent for an undated lot and other kinds. */
  useBy: z.string().optional(),
});
export type RecallRow = z.infer<typeof recallRowSchema>;

export const recallCountsSchema = z.object({
  units: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  customers: z.number().int().nonnegative(),
  benches: z.number().int().nonnegative(),
});

/** One page: counts over the whole result, rows in (value, dispatch) order, the cursor of the next page. */
export const recallPageSchema = z.object({
  counts: recallCountsSchema,
  rows: z.array(recallRowSchema),
  nextCursor: z.string().nullable(),
});
export type RecallPage = z.infer<typeof recallPageSchema>;

/**
 * The CSV columns of a recall export and of the dispatch history export, in order. "Use by" (issue 12:
 * a lot's use-by date, YYYY-MM-DD, empty for none) comes last so readers that go by position still work.
 */
export const RECALL_CSV_COLUMNS: readonly { key: keyof RecallRow; header: string }[] = [
  { key: 'value', header: 'Identifier' },
  { key: 'sku', header: 'SKU' },
  { key: 'orderNumber', header: 'Order' },
  { key: 'customer', header: 'Customer' },
  { key: 'lineNo', header: 'Line' },
  { key: 'unit', header: 'Unit' },
  { key: 'dispatchedAt', header: 'Dispatched at' },
  { key: 'stationName', header: 'Bench' },
  { key: 'stationId', header: 'Bench id' },
  { key: 'useBy', header: 'Use by' },
];

/**
 * Which search a cursor was given out for: FNV-1a over the query's fields, so a cursor passed back with
 * another search is refused, not read as a place in it (that search then started part-way, unsaid).
 */
function searchKey(query: RecallQuery): string {
  // skuMatch only when exact: a prefix search's key stays what it was (cursors given out before it go on).
  const fields = [query.match, query.value, query.sku, query.dispatchedFrom, query.dispatchedTo, query.lot, query.useByFrom, query.useByTo];
  const text = JSON.stringify(query.skuMatch === 'exact' ? [...fields, 'exact sku'] : fields);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** Cursor: the last row's (value, row id) and its search as JSON text; callers pass it back unchanged. */
export function encodeCursor(query: RecallQuery, value: string, rowId: number | string): string {
  return JSON.stringify([value, String(rowId), searchKey(query)]);
}

/** A row id as text: a whole number a PostgreSQL bigint (and so a SQLite rowid) holds. */
const rowIdText = z
  .string()
  .regex(/^[0-9]{1,19}$/)
  .refine((id) => BigInt(id) <= 9_223_372_036_854_775_807n);
const cursorSchema = z.tuple([searchText('identifier', 0), rowIdText, z.string().regex(/^[0-9a-f]{8}$/)]);
/**
 * A cursor as given out before cursors named their search: [value, row id]. Still a place in the
 * search it is passed back with, as it was read then: an integrator paging while the hub is updated
 * goes on (it was refused as "not one this hub gave out", which it was).
 */
const cursorBeforeSearchKeySchema = z.tuple([searchText('identifier', 0), rowIdText]);

/**
 * The (value, row id) after which `query`'s next page starts; 'not ours' when the cursor is no cursor
 * this side gave out, 'another search' when it was given out for a search other than `query`.
 */
export function decodeCursor(cursor: string, query: RecallQuery): { value: string; rowId: string } | 'not ours' | 'another search' {
  let sent: unknown;
  try {
    sent = JSON.parse(cursor);
  } catch {
    return 'not ours';
  }
  const parsed = cursorSchema.safeParse(sent);
  if (!parsed.success) {
    const before = cursorBeforeSearchKeySchema.safeParse(sent);
    return before.success ? { value: before.data[0], rowId: before.data[1] } : 'not ours';
  }
  const [value, rowId, search] = parsed.data;
  return search === searchKey(query) ? { value, rowId } : 'another search';
}
