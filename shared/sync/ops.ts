/**
 * Sync operations: what a bench appends to its outbox, in the same transaction as the change.
 * Ops name things by natural keys (sku, identifier value, order number + line number + unit), never
 * by a bench's local row ids, so the hub and other benches can apply them.
 * Stock travels as deltas so offline changes on two benches add up, and as counts (stock-takes, e.g. a
 * catalogue import): the later count wins and the deltas after it add, so importing the same file on
 * two benches never doubles anything. Every field is bounded by
 * shared/sync/bounds.ts; the bench validates an op before it enters the outbox, the hub each op on its own.
 */
import { z } from 'zod';
import { IDENTIFIER_MODES } from '../domain/modes.js';
import { MAX_LINE_NO, MAX_LINE_QUANTITY, MAX_STOCK_DELTA, MAX_STOCK_LEVEL, MAX_TIMESTAMP_LENGTH } from './bounds.js';
import { boundedInt, boundedText } from './fields.js';
import { identifierFormatSchema, identifierKindSchema, minShelfLifeDaysSchema } from '../identifiers/kinds.js';
import { useByDateSchema } from '../identifiers/lot-dates.js';

export const skuSchema = boundedText('sku');
export const identifierValueSchema = boundedText('identifier');
export const orderNumberSchema = boundedText('orderNumber');
export const titleSchema = boundedText('title');
export const barcodeSchema = boundedText('barcode').nullable();
export const customerSchema = boundedText('customer');
export const lineNoSchema = boundedInt('line number', 1, MAX_LINE_NO);
export const unitSchema = boundedInt('unit', 1, MAX_LINE_QUANTITY);
export const quantitySchema = boundedInt('quantity', 1, MAX_LINE_QUANTITY);
export const identifierModeSchema = z.enum(IDENTIFIER_MODES);
/** The largest UTC offset an instant may carry: PostgreSQL reads up to ±15:59 (no time zone is past ±14:00). */
export const MAX_UTC_OFFSET_HOURS = 15;

/** The hours of an instant's UTC offset (+hh:mm, -hhmm, +hh; 0 for Z). */
function utcOffsetHours(at: string): number {
  const offset = /[+-](\d{2}):?(\d{2})?$/.exec(at);
  return offset ? Number(offset[1]) : 0;
}

const INSTANT_EXPECTED = 'must be an ISO 8601 instant with its offset (Z or +hh:mm), e.g. 2026-12-01T09:30:00Z';
/** An instant's parts, loosely: date, separator, hh:mm, seconds, offset (absent, or Z/z, +hh, +hhmm, +hh:mm). */
const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}([Tt ])\d{2}:\d{2}(:\d{2}(?:\.\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Why `at`, which the ISO check refused, is no instant, in words that say what to change. The usual
 * slip, a local time without its zone, keeps INSTANT_EXPECTED; a time that has its offset was told the
 * same ("with its offset"), whatever else was wrong: a space for the T (as PostgreSQL and SQL tools
 * write it), the seconds left out, an offset without its colon, 30 February or 24:00.
 */
export function instantProblem(at: unknown): string {
  const shape = typeof at === 'string' ? INSTANT_SHAPE.exec(at) : null;
  if (!shape || shape[3] === undefined) return INSTANT_EXPECTED;
  const [, separator, seconds, offset] = shape as unknown as [string, string, string | undefined, string];
  const text = (at as string).slice(0, 60);
  if (separator === ' ') return `${text} has a space between the date and the time; write a T there (ISO 8601), e.g. 2026-12-01T09:30:00Z`;
  if (separator === 't' || offset === 'z') return `${text} has a small t or z; write T and Z as capitals, e.g. 2026-12-01T09:30:00Z`;
  if (seconds === undefined) return `${text} has no seconds; give the time as hh:mm:ss, e.g. 2026-12-01T09:30:00Z`;
  if (/^[+-]\d{4}$/.test(offset)) return `${text} has its UTC offset without a colon; write it +hh:mm, e.g. 2026-12-01T09:30:00+01:00`;
  if (/^[+-]\d{2}$/.test(offset)) return `${text} has its UTC offset without minutes; write it +hh:mm, e.g. 2026-12-01T09:30:00+01:00`;
  return `${text} names a day or time that does not exist (months have 28 to 31 days, hours 00 to 23, seconds 00 to 59)`;
}

/**
 * An instant with its offset (ISO 8601, e.g. 2026-12-01T09:30:00.000Z), comparable at the hub. Year 0000
 * is refused here, naming the field: PostgreSQL's dates have no year 0, so it would fail there instead.
 */
export const instantSchema = z.iso
  // Zod's own words ("Invalid ISO datetime") do not say what is wrong: instantProblem does (this error
  // is the schema's, so the length check below takes it too).
  .datetime({ offset: true, error: (issue) => ((issue as { code: string }).code === 'too_big' ? `is longer than ${MAX_TIMESTAMP_LENGTH} characters` : instantProblem(issue.input)) })
  .max(MAX_TIMESTAMP_LENGTH)
  .refine((at) => !at.startsWith('0000-'), { message: 'the year must be 0001 or later' })
  .refine((at) => utcOffsetHours(at) <= MAX_UTC_OFFSET_HOURS, {
    error: (issue) =>
      `${String(issue.input)} has a UTC offset past what any time zone uses (at most ±${MAX_UTC_OFFSET_HOURS}:59); send the time with its real offset, or in UTC (Z)`,
  });

/** Microseconds in a second: the hub's timestamptz keeps an instant to the microsecond. */
const MICROS_PER_SECOND = 1_000_000;

/**
 * An instant instantSchema takes, as the hub's timestamptz holds it: microseconds since the epoch, so
 * two instants compare as the hub compares them (the same time written with another offset is equal;
 * two times a microsecond apart are not, which milliseconds would not tell). Digits past the
 * microsecond are rounded as PostgreSQL rounds them (rint: half to even).
 */
export function instantMicros(at: string): bigint {
  const fraction = /\.(\d+)/.exec(at)?.[1] ?? '';
  const scaled = Number(`0.${fraction || '0'}`) * MICROS_PER_SECOND;
  const rounded = Math.abs(scaled % 1) === 0.5 ? 2 * Math.round(scaled / 2) : Math.round(scaled);
  return BigInt(Date.parse(at.replace(/\.\d+/, ''))) * 1000n + BigInt(rounded);
}

/** A stock-take: `level` units counted at `countedAt`. The latest count wins; deltas after it add. */
export const stockCountSchema = z.object({
  sku: skuSchema,
  level: boundedInt('counted level', 0, MAX_STOCK_LEVEL),
  countedAt: instantSchema,
});

/**
 * How far past the hub's clock a count may be dated. The latest count wins and movements dated before
 * it are left out, so a count dated in the future would swallow every dispatch until then (the bench
 * that dispatched keeps its own figure, the others the hub's). A bench clock a little ahead is allowed.
 */
export const MAX_COUNT_AHEAD_MS = 5 * 60 * 1000;

/** Why a count dated `countedAt` cannot be taken at `now` (ms since the epoch), or null. */
export function futureCountProblem(countedAt: string, now: number): string | null {
  const at = Date.parse(countedAt);
  if (!(at > now + MAX_COUNT_AHEAD_MS)) return null;
  return `countedAt ${countedAt} is in the future (the hub's time is ${new Date(now).toISOString()}); send the time the stock was counted, and check the sender's clock`;
}

/** Values per identifier op: one op of the longest values (up to about 6 MB of UTF-8) fits a push request (MAX_PUSH_BODY_BYTES). */
export const MAX_VALUES_PER_OP = 10_000;
const values = z.array(identifierValueSchema).min(1).max(MAX_VALUES_PER_OP);
export const lotDateSchema = z.object({ value: identifierValueSchema, useBy: useByDateSchema.nullable() });
const lotDates = z.array(lotDateSchema).min(1).max(MAX_VALUES_PER_OP);

export const orderLineInputSchema = z.object({ lineNo: lineNoSchema, sku: skuSchema, quantity: quantitySchema });
const orderLines = z.array(orderLineInputSchema).min(1).max(MAX_LINE_NO);

/**
 * A product's own fields as every message carries them (a bench's op, the order system's catalogue, a
 * pulled change). Issue 12's three are optional so messages written before (and benches or order
 * systems not yet updated) stay valid: an absent field leaves the product's current value as it is.
 */
export const productFields = {
  sku: skuSchema,
  title: titleSchema,
  barcode: barcodeSchema,
  identifierMode: identifierModeSchema,
  identifierKind: identifierKindSchema.optional(),
  identifierFormat: identifierFormatSchema.nullable().optional(),
  minShelfLifeDays: minShelfLifeDaysSchema.nullable().optional(),
};

export const productUpsertOpSchema = z.object({ type: z.literal('product.upsert'), ...productFields });

export const syncOpSchema = z.discriminatedUnion('type', [
  productUpsertOpSchema,
  z.object({ type: z.literal('product.mode'), sku: skuSchema, identifierMode: identifierModeSchema }),
  z.object({
    type: z.literal('stock.delta'),
    sku: skuSchema,
    delta: boundedInt('stock change', -MAX_STOCK_DELTA, MAX_STOCK_DELTA),
  }),
  stockCountSchema.extend({ type: z.literal('stock.count') }),
  /** Batched (a grid save of 100,000 values is ten ops, see recordOp). Adding is idempotent per (sku, value). */
  z.object({ type: z.literal('identifier.add'), sku: skuSchema, values }),
  z.object({ type: z.literal('identifier.rename'), sku: skuSchema, from: identifierValueSchema, to: identifierValueSchema }),
  z.object({ type: z.literal('identifier.remove'), sku: skuSchema, values }),
  /**
   * Issue 12, lots with a date: sets (or, with null, clears) the use-by dates of lot values the product
   * already holds. Batched like identifier.add and sent after it; only lot products take a date.
   */
  z.object({ type: z.literal('identifier.use_by'), sku: skuSchema, dates: lotDates }),
  z.object({ type: z.literal('order.upsert'), orderNumber: orderNumberSchema, customer: customerSchema, lines: orderLines }),
  z.object({
    type: z.literal('allocation.set'),
    orderNumber: orderNumberSchema,
    lineNo: lineNoSchema,
    unit: unitSchema,
    sku: skuSchema,
    value: identifierValueSchema,
  }),
  z.object({ type: z.literal('allocation.clear'), orderNumber: orderNumberSchema, lineNo: lineNoSchema, unit: unitSchema }),
  z.object({
    /** Dispatching reduces the stock of each line's product by its quantity; no separate stock.delta. */
    type: z.literal('order.dispatch'),
    orderNumber: orderNumberSchema,
    dispatchUid: boundedText('dispatchUid'),
    lines: z
      .array(
        z.object({
          lineNo: lineNoSchema,
          sku: skuSchema,
          quantity: quantitySchema,
          units: z.array(z.object({ unit: unitSchema, value: identifierValueSchema })).max(MAX_LINE_QUANTITY),
        }),
      )
      .max(MAX_LINE_NO),
  }),
]);
export type SyncOp = z.infer<typeof syncOpSchema>;
export type SyncOpType = SyncOp['type'];

/** One outbox entry as pushed to the hub. */
export const outboxEntrySchema = z.object({
  seq: z.number().int().positive(),
  // When the change was made at the bench: the dispatch time the hub keeps, never guessed from a local time.
  at: instantSchema,
  actor: boundedText('actor'),
  op: syncOpSchema,
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
