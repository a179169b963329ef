/** The hub's trace endpoints (GET /v1/history, GET /v1/trace, GET /v1/trace.csv): query and answer schemas. */
import { z } from 'zod';
import { noIdentifierGiven, queryDay, queryIdentifier, queryPageSize, queryStep, pastedSearchText } from '../sync/fields.js';
import { DEFAULT_RECALL_PAGE, MAX_RECALL_PAGE, recallQueryWith, type RecallDayField } from './recall-query.js';

/**
 * GET /v1/history's query, as the bench's getIdentifierHistory takes it (shared/contract/trace-schemas.ts):
 * each product's latest MAX_HISTORY_EVENTS steps; given `from` (an event's `step`), its steps from that
 * one to the latest, MAX_TIMELINE_STEPS at most (the latest of them): how its earlier steps are asked for.
 */
export const hubHistoryQuerySchema = z.object({
  value: queryIdentifier('value'),
  sku: pastedSearchText('sku').optional(),
  from: queryStep('from').optional(),
});

export const hubHistoryResponseSchema = z.object({
  value: z.string(),
  /** Whether any product has earlier steps than those sent (kept for clients from before truncatedSkus). */
  truncated: z.boolean(),
  /** The SKUs with earlier steps than those sent (the first one sent is not step 1), in code-unit order: ask `from` a step for them. */
  truncatedSkus: z.array(z.string()),
  /**
   * In the order the hub applied them; per product (SKU) its latest steps (so a step just taken is
   * always among them): MAX_HISTORY_EVENTS, or those from `from` (MAX_TIMELINE_STEPS at most).
   */
  events: z.array(
    z.object({
      /** The bench's time of the change (its clock); the hub's when it has none. */
      at: z.string(),
      /** When the hub applied it. */
      recordedAt: z.string(),
      kind: z.enum(['added', 'renamed', 'removed', 'allocated', 'cleared', 'dispatched', 'conflict']),
      sku: z.string(),
      value: z.string(),
      /** null: the order system (catalogue intake). */
      stationId: z.string().nullable(),
      stationName: z.string(),
      actor: z.string().nullable(),
      orderNumber: z.string().nullable(),
      lineNo: z.number().int().nullable(),
      unit: z.number().int().nullable(),
      detail: z.string().nullable(),
      /**
       * Its place in its product's history at the hub: 1 for the first step. Steps are only ever added
       * after the last, so a step keeps its number (`from` asks for earlier steps by it).
       */
      step: z.number().int().positive(),
    }),
  ),
});
export type HubHistoryResponse = z.infer<typeof hubHistoryResponseSchema>;

/** The query parameter each recall day is sent as (traceParams). */
export const RECALL_DAY_PARAMS: Record<RecallDayField, string> = { dispatchedFrom: 'from', dispatchedTo: 'to', useByFrom: 'useByFrom', useByTo: 'useByTo' };

/** Recall's other ways to search, when it is given no identifier (noIdentifierGiven's `orElse`). */
const RECALL_OTHER_SEARCHES = 'search by lot, a use-by day (useByFrom, useByTo), sku, or a dispatch day (from, to)';

/**
 * The recall query as the hub's query string carries it: its days and an empty search worded as on
 * /v1/dispatches and /v1/history (queryDay, noIdentifierGiven), by the parameter sent. A value of only
 * spaces (`value=%20`) is no identifier, as on /v1/history (queryIdentifier): it was searched for as a
 * prefix and found nothing. Empty or left out, it is every identifier (then give something else).
 */
const hubRecallQuerySchema = recallQueryWith(
  (field) => queryDay(RECALL_DAY_PARAMS[field]),
  noIdentifierGiven('value', RECALL_OTHER_SEARCHES),
  'an exact SKU match needs a sku',
  queryIdentifier('value', { orElse: RECALL_OTHER_SEARCHES, empty: 'allowed' }),
  // A lot is an identifier too: pasted with spaces around it, it is that lot, as the bench's Recall trims
  // it (`lot=%20L-7` answered an empty 200, "nothing found"); only spaces is no lot (as `lot=`).
  pastedSearchText('lot'),
  pastedSearchText('sku'),
);

/** Query string numbers arrive as text. */
export const hubTraceQuerySchema = z.object({
  query: hubRecallQuerySchema,
  cursor: z.string().max(1000).optional(),
  limit: queryPageSize(MAX_RECALL_PAGE, DEFAULT_RECALL_PAGE),
});

/** URLSearchParams of a trace or history request, as an object zod can check (absent = undefined). */
export function traceParams(params: URLSearchParams) {
  const get = (k: string) => params.get(k) ?? undefined;
  return {
    query: {
      match: get('match'),
      value: get('value'),
      sku: get('sku'),
      skuMatch: get('skuMatch'),
      dispatchedFrom: get('from'),
      dispatchedTo: get('to'),
      lot: get('lot'),
      useByFrom: get('useByFrom'),
      useByTo: get('useByTo'),
    },
    cursor: get('cursor'),
    limit: get('limit'),
  };
}

/**
 * Filters of the dispatch feed and its CSV export: one product, dispatch days (UTC, both ends included).
 * Checked under the query parameters' own names (`from`, `to`), so a message names what was sent.
 */
export const dispatchFeedFilterSchema = z
  .object({
    sku: pastedSearchText('sku').optional(),
    from: queryDay('from').optional(),
    to: queryDay('to').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'the dispatch date range ends before it starts',
    path: ['to'],
  })
  .transform(({ sku, from, to }) => ({ sku, dispatchedFrom: from, dispatchedTo: to }));
export type DispatchFeedFilter = { sku?: string | undefined; dispatchedFrom?: string | undefined; dispatchedTo?: string | undefined };

/** The query parameters dispatchFilterParams reads (each taken once). */
export const DISPATCH_FILTER_PARAMS = ['sku', 'from', 'to'] as const;

export function dispatchFilterParams(params: URLSearchParams) {
  return { sku: params.get('sku') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
}
