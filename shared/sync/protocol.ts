/**
 * The hub's wire format, one definition for both ends: the bench's outbox writer and pull reader, the
 * hub's push validator and pull writer, and the order system's intake all import these schemas (types
 * are inferred from them). Ops and outbox entries are in ./ops.ts, bounds in ./bounds.ts.
 */
import { z } from 'zod';
import { MAX_CHANGE_ID, MAX_LINE_NO, MAX_LINE_QUANTITY, MAX_STOCK_LEVEL } from './bounds.js';
import { boundedInt, boundedText, onlyFields, queryPageSize } from './fields.js';
import { issuePath } from './issue-words.js';
import { useByDateSchema } from '../identifiers/lot-dates.js';
import {
  customerSchema,
  identifierValueSchema,
  instantMicros,
  instantSchema,
  lineNoSchema,
  orderLineInputSchema,
  MAX_VALUES_PER_OP,
  orderNumberSchema,
  productFields,
  quantitySchema,
  stockCountSchema,
  skuSchema,
  unitSchema,
} from './ops.js';

export const MAX_PUSH_ENTRIES = 10_000;
/**
 * The body a push request may have at the hub: room for the largest op the bounds allow in a
 * batch's worth of identifier values (MAX_VALUES_PER_OP values of MAX_IDENTIFIER_LENGTH characters,
 * each up to 3 bytes of UTF-8 in JSON) sent alone, so whatever a bench accepted, it can push. A bench
 * fills a request up to PUSH_BATCH_BYTES (electron/core/sync/outbox.ts) unless one entry is larger.
 */
export const MAX_PUSH_BODY_BYTES = 8 * 1024 * 1024;
/**
 * Push requests a bench may have sent and not yet seen answered. The hub applies one station's
 * requests one after the other, in the order of their seqs, whichever arrives first (a request that
 * finds the hub expecting an earlier seq is answered not_applied with expectedSeq), so a bench can send
 * its next request while the hub commits and flushes the last one.
 */
export const PUSH_IN_FLIGHT = 2;
export const MAX_ORDERS_PER_REQUEST = 1_000;
export const DEFAULT_PAGE = 1_000;
export const MAX_PAGE = 5_000;
export const MAX_CURSOR_LENGTH = 200;

const seqSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const stationIdSchema = boundedText('stationId');
const stationNameSchema = boundedText('stationName');

/**
 * A push request's seqs must rise: a seq sent twice or after a later one is refused by name (the hub
 * answered it "gap", or took the first and called the repeat a duplicate), as no bench sends either.
 */
function risingSeqs(entries: { seq: number }[], ctx: z.RefinementCtx): void {
  for (let i = 1; i < entries.length; i++) {
    const { seq } = entries[i]!;
    const before = entries[i - 1]!.seq;
    if (seq > before) continue;
    const first = entries.findIndex((entry) => entry.seq === seq);
    const message =
      first < i ? `seq ${seq} is repeated (entries.${first} has it too); send each seq once` : `seq ${seq} comes after seq ${before}; list entries in seq order`;
    ctx.addIssue({ code: 'custom', path: [i, 'seq'], message });
    return;
  }
}

// ---- GET /v1/whoami ------------------------------------------------------------------------------

export const whoamiSchema = z.object({
  warehouse: z.string(),
  /** Names the warehouse had before (rename-warehouse): a bench bound to one follows the rename. Absent from older hubs. */
  formerWarehouseNames: z.array(z.string()).optional(),
  stationId: stationIdSchema,
  /** The name the hub gives this station ("Packing 1"). */
  stationName: stationNameSchema,
  lastSeq: z.number().int().nonnegative(),
  /** Every station of the warehouse, so benches show names rather than ids. */
  stations: z.array(z.object({ stationId: stationIdSchema, name: stationNameSchema })),
});
export type Whoami = z.infer<typeof whoamiSchema>;

// ---- POST /v1/push -------------------------------------------------------------------------------

/**
 * The envelope only: which station, and a seq per entry, and that each entry has its at, actor and op.
 * What they hold is checked on its own with outboxEntrySchema (./ops.ts), so one bad op is rejected
 * alone and the rest apply. An entry missing one of them (z.unknown() takes any value, but the key must
 * be there) refuses the request, 400 naming the entry and the field ("entries.3.op: op is missing"):
 * a sender's mistake, told before anything applies and before its seq is used up (a bench's outbox
 * holds all three, NOT NULL, so no bench wedges on it); rejected alone, the change would be lost.
 * Not strict about fields, unlike the order system's bodies: benches are updated one at a time, and a
 * newer bench's field must not stop its pushes to a hub not yet updated. Seqs rise through a request
 * (risingSeqs); a gap between them is the hub's to answer (not_applied with expectedSeq).
 */
export const pushRequestSchema = z.object({
  stationId: stationIdSchema,
  entries: z.array(z.object({ seq: seqSchema, at: z.unknown(), actor: z.unknown(), op: z.unknown() })).max(MAX_PUSH_ENTRIES).superRefine(risingSeqs),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * applied: the op took effect. duplicate: seq <= the station's last seq, applied earlier, nothing
 * changed. rejected: the op broke a rule or a bound (reason says which); nothing changed but the seq
 * advanced, so the bench must turn it into a conflict; a retry of a rejected seq is answered "rejected"
 * again with the same reason (the first answer may have been lost in transit). not_applied: not
 * attempted (a gap before it - expectedSeq says where the hub stands - or a hub error); push it again.
 */
export const pushStatusSchema = z.enum(['applied', 'duplicate', 'rejected', 'not_applied']);
export type PushStatus = z.infer<typeof pushStatusSchema>;
export const pushResultSchema = z.object({
  seq: seqSchema,
  status: pushStatusSchema,
  reason: z.string().optional(),
  /** On not_applied after a gap: the seq the hub expects next from this station. */
  expectedSeq: seqSchema.optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushResponseSchema = z.object({
  stationId: z.string(),
  /** The highest seq the hub has taken from this station (applied or rejected). */
  lastSeq: z.number().int().nonnegative(),
  results: z.array(pushResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---- GET /v1/pull --------------------------------------------------------------------------------

export const pageQuerySchema = z.object({
  cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
  /** Plain digits only (queryPageSize): "0x10", "1e3" and an empty limit are refused. */
  limit: queryPageSize(MAX_PAGE, DEFAULT_PAGE),
});

const dispatchLineSchema = z.object({
  lineNo: lineNoSchema,
  sku: skuSchema,
  quantity: quantitySchema,
  units: z.array(z.object({ unit: unitSchema, value: identifierValueSchema })).max(MAX_LINE_QUANTITY),
});

export const dispatchRecordSchema = z.object({
  kind: z.literal('dispatch'),
  dispatchUid: boundedText('dispatchUid'),
  orderNumber: orderNumberSchema,
  stationId: stationIdSchema.nullable(),
  /** The station's name at the hub (null when the dispatch has no station). */
  stationName: stationNameSchema.nullable(),
  at: boundedText('timestamp').nullable(),
  lines: z.array(dispatchLineSchema).max(MAX_LINE_NO),
});
export type DispatchRecord = z.infer<typeof dispatchRecordSchema>;

/**
 * The change's id in the hub's log. Pages come in commit-safe (xid, id) order, which is not commit order:
 * a push that took its xid first may change a row after a later one did. Within one row (one natural
 * key) the ids are in commit order (each is taken after the row's lock), so a bench keeps the state with
 * the highest id per key and skips older ones. Absent from hubs before it: changes apply in page order.
 */
const changeIdSchema = boundedInt('changeId', 1, MAX_CHANGE_ID).optional();

/**
 * Rows as they are now at the hub, by natural key; later ones replace earlier ones (by changeId where
 * the hub sends it, else in page order). Dispatches are records, not states: each arrives once.
 */
export const pullChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('product'),
    changeId: changeIdSchema,
    ...productFields, // kind, format and shelf life absent from hubs before issue 12: the bench keeps what it has
    stockLevel: boundedInt('stock level', 0, MAX_STOCK_LEVEL),
  }),
  z.object({
    kind: z.literal('identifier'),
    changeId: changeIdSchema,
    sku: skuSchema,
    value: identifierValueSchema,
    status: z.enum(['available', 'consumed', 'removed']),
    /** A lot's use-by date (issue 12); absent from hubs before it (and from set-wise dispatch changes): the bench keeps what it has. */
    useBy: useByDateSchema.nullable().optional(),
  }),
  z.object({
    kind: z.literal('order'),
    changeId: changeIdSchema,
    orderNumber: orderNumberSchema,
    customer: customerSchema,
    version: z.number().int().nonnegative(),
    lines: z
      .array(z.object({ lineNo: lineNoSchema, sku: skuSchema, quantity: quantitySchema, dispatched: boundedInt('dispatched', 0, MAX_LINE_QUANTITY) }))
      .max(MAX_LINE_NO),
  }),
  z.object({
    kind: z.literal('allocation'),
    changeId: changeIdSchema,
    orderNumber: orderNumberSchema,
    lineNo: lineNoSchema,
    unit: unitSchema,
    sku: skuSchema,
    value: identifierValueSchema,
    /** cleared: the unit no longer has this (or any) identifier. */
    status: z.enum(['live', 'consumed', 'cleared']),
  }),
  dispatchRecordSchema,
]);
export type PullChange = z.infer<typeof pullChangeSchema>;
export type PullChangeKind = PullChange['kind'];

/**
 * The page as it travels: changes are checked one by one by the reader (pullChangeSchema), so a change
 * a bench cannot apply is quarantined alone and the cursor still moves on.
 */
export const pullEnvelopeSchema = z.object({
  changes: z.array(z.unknown()).max(MAX_PAGE),
  /** Opaque; pass it back unchanged. Unchanged itself when there was nothing new. */
  cursor: z.string().min(1).max(MAX_CURSOR_LENGTH),
  /** More changes are ready now: ask again at once. */
  more: z.boolean(),
});
export type PullEnvelope = z.infer<typeof pullEnvelopeSchema>;
export interface PullResponse {
  changes: PullChange[];
  cursor: string;
  more: boolean;
}

// ---- POST /v1/orders, GET /v1/dispatches (order system) ------------------------------------------

/** How a refused envelope key names the body: "dryRun: not a field of the body. The body has orders". */
const BODY = 'the body';

/** How many characters of a repeated key a refusal quotes. */
const REPEAT_QUOTED_LENGTH = 100;

/** A repeated key as a refusal quotes it: "SO-1", a long one cut, a number as it is. */
function quotedKey(key: string | number): string {
  if (typeof key === 'number') return String(key);
  return `${JSON.stringify(key.slice(0, REPEAT_QUOTED_LENGTH))}${key.length > REPEAT_QUOTED_LENGTH ? '...' : ''}`;
}

/** Where a repeat is (`at`), the earlier item it repeats (`first`) and its key as the message quotes it. */
interface Repeat<K> {
  at: number;
  first: number;
  key: K;
}

/** An item's field, or undefined when the item is no object. */
function fieldOf(item: unknown, field: string): unknown {
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
}

/**
 * Each item of `items` whose key an earlier item has already: its position, the earlier one's and the
 * key as `keyOf` gives it. `keyOf` gives the key to compare by (`id`) and to quote, or undefined for
 * an item that has none (its own check refuses it).
 */
function repeatsBy<K>(items: readonly unknown[], keyOf: (item: unknown) => { id: string | number; key: K } | undefined): Repeat<K>[] {
  const seen = new Map<string | number, number>();
  const found: Repeat<K>[] = [];
  for (const [at, item] of items.entries()) {
    const keyed = keyOf(item);
    if (keyed === undefined) continue;
    const first = seen.get(keyed.id);
    if (first === undefined) seen.set(keyed.id, at);
    else found.push({ at, first, key: keyed.key });
  }
  return found;
}

/**
 * Each item of `items` whose `field` (text or a number) an earlier item has already: its position, the
 * earlier one's and the key. Compared exactly, as the hub's unique indexes compare order numbers, SKUs
 * and line numbers ("SO-1" and "so-1" are two orders); an item without such a field is not compared
 * (its own check refuses it).
 */
function repeatsOf(items: readonly unknown[], field: string): Repeat<string | number>[] {
  return repeatsBy(items, (item) => {
    const key = fieldOf(item, field);
    return typeof key === 'string' || typeof key === 'number' ? { id: key, key } : undefined;
  });
}

/**
 * A request's list keyed by `field` has each key once: the same order (or SKU) twice in one request was
 * applied twice, the second as an update of the first, so an integrator's doubled row silently won.
 * The request is refused whole (400), naming both positions: `orders.3: order number "SO-1" repeats
 * orders.0; send each order once per request`.
 */
function onceEach<L extends string>(list: L, field: string, label: string, item: string) {
  return (body: Record<L, unknown>, ctx: z.RefinementCtx) => {
    const items = body[list];
    if (!Array.isArray(items)) return;
    for (const { at, first, key } of repeatsOf(items, field)) {
      ctx.addIssue({ code: 'custom', path: [list, at], message: `${label} ${quotedKey(key)} repeats ${list}.${first}; send each ${item} once per request` });
    }
  };
}

/**
 * What the order system sends has exactly these fields (onlyFields): one it misspelt or the hub does not
 * know refuses the item, naming it, rather than being dropped while the item is applied without it.
 */
export const orderInputSchema = onlyFields(
  {
    orderNumber: orderNumberSchema,
    customer: customerSchema,
    lines: z.array(onlyFields(orderLineInputSchema.shape, 'an order line')).min(1).max(MAX_LINE_NO),
  },
  'an order',
).superRefine((order, ctx) => {
  // The database refuses it too, without saying which line ("order SO-1 lists a line number twice").
  for (const { at, first, key } of repeatsOf(order.lines, 'lineNo')) {
    ctx.addIssue({ code: 'custom', path: ['lines', at], message: `line number ${quotedKey(key)} repeats lines.${first}; give each line of an order its own number` });
  }
});
export type OrderInput = z.infer<typeof orderInputSchema>;
/**
 * The envelope; each order is checked on its own with orderInputSchema and rejected alone. The same
 * order number twice refuses the whole request (onceEach): which of the two was meant is not known.
 */
export const ordersRequestSchema = onlyFields({ orders: z.array(z.unknown()).min(1).max(MAX_ORDERS_PER_REQUEST) }, BODY).superRefine(
  onceEach('orders', 'orderNumber', 'order number', 'order'),
);

export const orderResultSchema = z.object({
  orderNumber: z.string(),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  reason: z.string().optional(),
});
export type OrderResult = z.infer<typeof orderResultSchema>;
export const ordersResponseSchema = z.object({ results: z.array(orderResultSchema) });
export type OrdersResponse = z.infer<typeof ordersResponseSchema>;
// ---- POST /v1/products, /v1/identifiers, /v1/stock-counts (order system: the catalogue) ----------

export const MAX_CATALOGUE_ITEMS = 1_000;
/** Creates or updates a product (not its stock: that is a count). Idempotent. */
export const productInputSchema = onlyFields(productFields, 'a product');
export type ProductInput = z.infer<typeof productInputSchema>;
/**
 * Adds identifier values to a product; values already there stay as they are. Idempotent. `useBy`
 * (issue 12, lot products only): the lots' use-by date, YYYY-MM-DD, set on every value of the item
 * (also on lots already there); the item is refused whole when the product is not a lot product.
 */
export const identifiersInputSchema = onlyFields(
  {
    sku: skuSchema,
    values: z.array(identifierValueSchema).min(1).max(MAX_VALUES_PER_OP),
    useBy: useByDateSchema.optional(),
  },
  'an identifiers item',
);
export type IdentifiersInput = z.infer<typeof identifiersInputSchema>;
/** A stock-take; the latest count wins and the movements after it add. Idempotent. */
export const stockCountInputSchema = onlyFields(stockCountSchema.shape, 'a stock count');
export type StockCountInput = z.infer<typeof stockCountInputSchema>;

/**
 * An identifiers request names each identifier (SKU and value, compared exactly as the hub's unique index
 * on a product's values does) in one item at most: in two items, the second's use-by date silently won
 * over the first's, and which was meant is not known. Refused whole as onceEach refuses a repeated
 * order, whatever the dates (the same item twice too, as the same order twice is), naming both values'
 * positions: `identifiers.2.values.1: sku "MLK" value "L-1" repeats identifiers.0.values.0; send each
 * identifier once per request`. A value twice in one item is one value with one date: it is added once.
 */
function onceEachIdentifier(body: { identifiers: unknown[] }, ctx: z.RefinementCtx): void {
  const seen = new Map<string, { item: number; at: number }>();
  for (const [item, raw] of body.identifiers.entries()) {
    const sku = fieldOf(raw, 'sku');
    const values = fieldOf(raw, 'values');
    if (typeof sku !== 'string' || !Array.isArray(values)) continue;
    for (const [at, value] of values.entries()) {
      if (typeof value !== 'string') continue;
      const id = JSON.stringify([sku, value]);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, { item, at });
      else if (first.item !== item) {
        ctx.addIssue({
          code: 'custom',
          path: ['identifiers', item, 'values', at],
          message: `sku ${quotedKey(sku)} value ${quotedKey(value)} repeats identifiers.${first.item}.values.${first.at}; send each identifier once per request`,
        });
      }
    }
  }
}

/**
 * A stock-counts request has one count per SKU (exactly, as the hub's unique index on SKUs compares)
 * and time (the instant the hub holds: another offset or the same time written otherwise is the same
 * count time): two levels at one time are a stock-take told twice, the first silently won and which was
 * right is not known. Refused whole as onceEach refuses a repeated order, whatever the levels (the same
 * count twice too), naming both positions: `counts.2: sku "CBL" counted at "2026-03-01T11:00:00+01:00"
 * repeats counts.0; send one count per product and time`. Counts of one SKU at different times are
 * stock-takes in turn (the latest wins).
 */
function onceEachCount(body: { counts: unknown[] }, ctx: z.RefinementCtx): void {
  const repeats = repeatsBy(body.counts, (item) => {
    const sku = fieldOf(item, 'sku');
    const countedAt = instantSchema.safeParse(fieldOf(item, 'countedAt'));
    if (typeof sku !== 'string' || !countedAt.success) return undefined;
    return { id: JSON.stringify([sku, String(instantMicros(countedAt.data))]), key: { sku, at: countedAt.data } };
  });
  for (const { at, first, key } of repeats) {
    ctx.addIssue({ code: 'custom', path: ['counts', at], message: `sku ${quotedKey(key.sku)} counted at ${quotedKey(key.at)} repeats counts.${first}; send one count per product and time` });
  }
}

/**
 * Envelopes: each item is checked on its own and rejected alone. The same SKU twice among products, the
 * same identifier in two identifiers items, or two counts of a SKU at one time refuse the whole request
 * (onceEach, onceEachIdentifier, onceEachCount). Otherwise identifiers and counts may name a SKU more
 * than once: an identifiers item adds values (two items add both), and counts of one SKU at different
 * times are stock-takes in turn (the latest wins).
 */
export const productsRequestSchema = onlyFields({ products: z.array(z.unknown()).min(1).max(MAX_CATALOGUE_ITEMS) }, BODY).superRefine(
  onceEach('products', 'sku', 'sku', 'product'),
);
export const identifiersRequestSchema = onlyFields({ identifiers: z.array(z.unknown()).min(1).max(MAX_CATALOGUE_ITEMS) }, BODY).superRefine(onceEachIdentifier);
export const stockCountsRequestSchema = onlyFields({ counts: z.array(z.unknown()).min(1).max(MAX_CATALOGUE_ITEMS) }, BODY).superRefine(onceEachCount);
// unchanged: a stock count as old as or older than the one held changes nothing (the later count wins).
export const catalogueResultSchema = z.object({ sku: z.string(), status: z.enum(['applied', 'unchanged', 'rejected']), reason: z.string().optional() });
export type CatalogueResult = z.infer<typeof catalogueResultSchema>;
export const catalogueResponseSchema = z.object({ results: z.array(catalogueResultSchema) });
export type CatalogueResponse = z.infer<typeof catalogueResponseSchema>;

export interface DispatchFeedResponse {
  dispatches: DispatchRecord[];
  cursor: string;
  more: boolean;
}

// ---- errors --------------------------------------------------------------------------------------

export const ERROR_KINDS = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal',
  'unavailable',
] as const;
/**
 * Why a 401 was answered, where the hub may say it: token_revoked - the presented token is one the hub
 * issued and then revoked (`revoke-bench`, `revoke-integration`); a new token is needed. A missing or
 * unknown token gets no reason (nothing is said about tokens the hub does not know).
 */
export const ERROR_REASONS = ['token_revoked'] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];
/** Every non-2xx answer. An unknown reason (from a newer hub) is dropped, not a failed parse. */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  reason: z.enum(ERROR_REASONS).optional().catch(undefined),
});
export interface ErrorBody {
  error: (typeof ERROR_KINDS)[number];
  message: string;
  reason?: ErrorReason;
}

/**
 * "entries.3.op.sku: sku contains a NUL character" - names the bad field for the caller. `whole` names
 * the checked value itself; '' when the caller already names it (an item of a request: "orders.2: ...").
 */
export function describeZodError(error: z.ZodError, whole = '(body)'): string {
  const all = error.issues.map((issue) => {
    // A field the object does not have (onlyFields) is named in the path: "orders.0.lines.2.qty: not a field ...".
    const path = issuePath(issue);
    const where = path.length > 0 ? path.map(String).join('.') : whole;
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
  // Said once: two checks of one field can fail alike (a number past both int()'s range and max()).
  const distinct = [...new Set(all)];
  const shown = distinct.slice(0, 5);
  const more = distinct.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}
