/**
 * The hub's wire format: request schemas (zod) and response shapes. Depends only on zod and shared/,
 * so the bench's sync engine can use it too (it belongs in shared/sync/ eventually).
 */
import { z } from 'zod';
import type { IdentifierMode } from '../shared/domain/modes.js';
import { outboxEntrySchema, type SyncOp } from '../shared/sync/ops.js';

export const MAX_PUSH_ENTRIES = 10_000;
export const MAX_ORDERS_PER_REQUEST = 1_000;
export const DEFAULT_PAGE = 1_000;
export const MAX_PAGE = 5_000;

// ---- POST /v1/push -------------------------------------------------------------------------------

export const pushRequestSchema = z.object({
  stationId: z.string().min(1).max(100),
  entries: z.array(outboxEntrySchema).max(MAX_PUSH_ENTRIES),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * applied: the op took effect. duplicate: seq <= the station's last seq, applied earlier, nothing
 * changed. rejected: the op broke a rule (reason says which); nothing changed but the seq advanced, so
 * the bench must turn it into a conflict; a retry of a rejected seq is answered "rejected" again with
 * the same reason (the first answer may have been lost in transit). not_applied: not attempted
 * (a gap before it, or a hub error); push it again later.
 */
export type PushStatus = 'applied' | 'duplicate' | 'rejected' | 'not_applied';
export interface PushResult {
  seq: number;
  status: PushStatus;
  reason?: string;
}
export interface PushResponse {
  stationId: string;
  /** The highest seq the hub has taken from this station (applied or rejected). */
  lastSeq: number;
  results: PushResult[];
}

// ---- GET /v1/pull --------------------------------------------------------------------------------

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
});

/** Rows as they are now at the hub, by natural key; apply in order, later ones replace earlier ones. */
export type PullChange =
  | { kind: 'product'; sku: string; title: string; barcode: string | null; identifierMode: IdentifierMode; stockLevel: number }
  | { kind: 'identifier'; sku: string; value: string; status: 'available' | 'consumed' | 'removed' }
  | {
      kind: 'order';
      orderNumber: string;
      customer: string;
      version: number;
      lines: { lineNo: number; sku: string; quantity: number; dispatched: number }[];
    }
  | {
      kind: 'allocation';
      orderNumber: string;
      lineNo: number;
      unit: number;
      sku: string;
      value: string;
      /** cleared: the unit no longer has this (or any) identifier. */
      status: 'live' | 'consumed' | 'cleared';
    }
  | DispatchRecord;

export interface DispatchRecord {
  kind: 'dispatch';
  dispatchUid: string;
  orderNumber: string;
  stationId: string | null;
  /** The station's name at the hub (null when the dispatch has no station). */
  stationName: string | null;
  at: string | null;
  lines: DispatchOp['lines'];
}
type DispatchOp = Extract<SyncOp, { type: 'order.dispatch' }>;

export interface PullResponse {
  changes: PullChange[];
  /** Opaque; pass it back unchanged. Unchanged itself when there was nothing new. */
  cursor: string;
  /** More changes are ready now: ask again at once. */
  more: boolean;
}

// ---- POST /v1/orders, GET /v1/dispatches (order system) ------------------------------------------

export const orderInputSchema = z.object({
  orderNumber: z.string().min(1).max(100),
  customer: z.string().max(500),
  lines: z
    .array(z.object({ lineNo: z.number().int().positive(), sku: z.string().min(1).max(100), quantity: z.number().int().positive() }))
    .min(1),
});
export type OrderInput = z.infer<typeof orderInputSchema>;
export const ordersRequestSchema = z.object({ orders: z.array(orderInputSchema).min(1).max(MAX_ORDERS_PER_REQUEST) });

export interface OrderResult {
  orderNumber: string;
  status: 'created' | 'updated' | 'unchanged' | 'rejected';
  reason?: string;
}
export interface OrdersResponse {
  results: OrderResult[];
}
export interface DispatchFeedResponse {
  dispatches: DispatchRecord[];
  cursor: string;
  more: boolean;
}

// ---- errors --------------------------------------------------------------------------------------

/** Every non-2xx answer. */
export interface ErrorBody {
  error: 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'method_not_allowed' | 'payload_too_large' | 'internal' | 'unavailable';
  message: string;
}

/** "entries.3.op.sku: Too small: ..." - names the bad field for the caller. */
export function describeZodError(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}
