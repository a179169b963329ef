/**
 * Sync operations: what a bench appends to its outbox, in the same transaction as the change.
 * Ops name things by natural keys (sku, identifier value, order number + line number + unit), never
 * by a bench's local row ids, so the hub and other benches can apply them.
 * Stock travels as deltas so offline changes on two benches add up.
 */
import { z } from 'zod';
import { IDENTIFIER_MODES } from '../domain/modes.js';

const sku = z.string().min(1).max(100);
const value = z.string().min(1).max(200);
const orderNumber = z.string().min(1).max(100);
const lineNo = z.number().int().positive();
const unit = z.number().int().positive();
/** Values per identifier op: keeps one op (≤ ~2 MB) well under the hub's request size limit. */
export const MAX_VALUES_PER_OP = 10_000;
const values = z.array(value).min(1).max(MAX_VALUES_PER_OP);

export const syncOpSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('product.upsert'),
    sku,
    title: z.string().max(500),
    barcode: z.string().max(100).nullable(),
    identifierMode: z.enum(IDENTIFIER_MODES),
  }),
  z.object({ type: z.literal('product.mode'), sku, identifierMode: z.enum(IDENTIFIER_MODES) }),
  z.object({ type: z.literal('stock.delta'), sku, delta: z.number().int() }),
  /** Batched (a grid save of 100,000 values is ten ops, see recordOp). Adding is idempotent per (sku, value). */
  z.object({ type: z.literal('identifier.add'), sku, values }),
  z.object({ type: z.literal('identifier.rename'), sku, from: value, to: value }),
  z.object({ type: z.literal('identifier.remove'), sku, values }),
  z.object({
    type: z.literal('order.upsert'),
    orderNumber,
    customer: z.string().max(500),
    lines: z.array(z.object({ lineNo, sku, quantity: z.number().int().positive() })).min(1),
  }),
  z.object({ type: z.literal('allocation.set'), orderNumber, lineNo, unit, sku, value }),
  z.object({ type: z.literal('allocation.clear'), orderNumber, lineNo, unit }),
  z.object({
    /** Dispatching reduces the stock of each line's product by its quantity; no separate stock.delta. */
    type: z.literal('order.dispatch'),
    orderNumber,
    dispatchUid: z.string().min(1).max(100),
    lines: z.array(
      z.object({ lineNo, sku, quantity: z.number().int().positive(), units: z.array(z.object({ unit, value })) }),
    ),
  }),
]);
export type SyncOp = z.infer<typeof syncOpSchema>;

/** One outbox entry as pushed to the hub. */
export const outboxEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string().max(40),
  actor: z.string().max(200),
  op: syncOpSchema,
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
