/**
 * Runtime checks of the hub's answers (the bench trusts nothing that crosses the network).
 * The wire format is defined in hub/protocol.ts; the type assertions at the bottom fail the build
 * if these schemas and that file drift apart.
 */
import { z } from 'zod';
import type { PullChange as HubPullChange, PullResponse as HubPullResponse, PushResponse as HubPushResponse } from '../../../hub/protocol.js';
import { IDENTIFIER_MODES } from '../../../shared/domain/modes.js';

/** The hub's limit per push request (hub/protocol.ts MAX_PUSH_ENTRIES). */
export const HUB_MAX_PUSH_ENTRIES = 10_000;
/** The hub's largest page (hub/protocol.ts MAX_PAGE). */
export const HUB_MAX_PAGE = 5_000;

export const whoamiSchema = z.object({
  warehouse: z.string(),
  stationId: z.string().min(1),
  /** The name the hub gives this station. */
  stationName: z.string().min(1),
  lastSeq: z.number().int().nonnegative(),
  /** Every station of the warehouse, so benches show names rather than ids. */
  stations: z.array(z.object({ stationId: z.string().min(1), name: z.string().min(1) })),
});
export type Whoami = z.infer<typeof whoamiSchema>;

export const pushResponseSchema = z.object({
  stationId: z.string(),
  lastSeq: z.number().int().nonnegative(),
  results: z.array(
    z.object({
      seq: z.number().int().positive(),
      status: z.enum(['applied', 'duplicate', 'rejected', 'not_applied']),
      reason: z.string().optional(),
    }),
  ),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

const dispatchLineSchema = z.object({
  lineNo: z.number().int().positive(),
  sku: z.string(),
  quantity: z.number().int().positive(),
  units: z.array(z.object({ unit: z.number().int().positive(), value: z.string() })),
});

export const pullChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('product'),
    sku: z.string().min(1),
    title: z.string(),
    barcode: z.string().nullable(),
    identifierMode: z.enum(IDENTIFIER_MODES),
    stockLevel: z.number().int(),
  }),
  z.object({
    kind: z.literal('identifier'),
    sku: z.string().min(1),
    value: z.string().min(1),
    status: z.enum(['available', 'consumed', 'removed']),
  }),
  z.object({
    kind: z.literal('order'),
    orderNumber: z.string().min(1),
    customer: z.string(),
    version: z.number().int(),
    lines: z.array(
      z.object({
        lineNo: z.number().int().positive(),
        sku: z.string(),
        quantity: z.number().int().positive(),
        dispatched: z.number().int().nonnegative(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('allocation'),
    orderNumber: z.string().min(1),
    lineNo: z.number().int().positive(),
    unit: z.number().int().positive(),
    sku: z.string(),
    value: z.string().min(1),
    status: z.enum(['live', 'consumed', 'cleared']),
  }),
  z.object({
    kind: z.literal('dispatch'),
    dispatchUid: z.string().min(1),
    orderNumber: z.string().min(1),
    stationId: z.string().nullable(),
    stationName: z.string().min(1).nullable(),
    at: z.string().nullable(),
    lines: z.array(dispatchLineSchema),
  }),
]);
export type PullChange = z.infer<typeof pullChangeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(pullChangeSchema),
  cursor: z.string().min(1),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const errorBodySchema = z.object({ error: z.string(), message: z.string() });

// Compile-time drift check against the hub's own types (type-only import: no hub code is bundled).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const pullChangeMatches: Same<PullChange, HubPullChange> = true;
const pullResponseMatches: Same<PullResponse, HubPullResponse> = true;
const pushResponseMatches: Same<PushResponse, HubPushResponse> = true;
void pullChangeMatches;
void pullResponseMatches;
void pushResponseMatches;
