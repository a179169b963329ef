/**
 * The hub's HTTP front: routing, authentication, JSON answers. Holds no state beyond the pool, so any
 * number of hub processes can serve one database.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { authenticate, type Principal, type TokenKind } from '../auth/authenticate.js';
import { describeDataException, isDataException } from '../db/data-errors.js';
import { dispatchFeed, dispatchHistoryCsv, dispatchHistoryXlsx } from '../orders/feed.js';
import { DISPATCH_FILTER_PARAMS, dispatchFeedFilterSchema, dispatchFilterParams } from '../../shared/trace/hub-trace.js';
import { intakeIdentifiers, intakeProducts, intakeStockCounts } from '../orders/catalogue.js';
import { intakeOrders } from '../orders/intake.js';
import {
  describeZodError,
  identifiersRequestSchema,
  MAX_PUSH_BODY_BYTES,
  ordersRequestSchema,
  pageQuerySchema,
  productsRequestSchema,
  pushRequestSchema,
  stockCountsRequestSchema,
  type ErrorBody,
  type ErrorReason,
} from '../../shared/sync/protocol.js';
import { pull } from '../pull/pull.js';
import { HISTORY_PARAMS, TRACE_CSV_PARAMS, TRACE_PARAMS, historyReply, traceCsv, traceReply, traceXlsx } from '../trace/routes.js';
import { push } from '../push/push.js';
import { databaseUnavailableReason } from '../db/pool.js';
import { discardBody, readJson } from './body.js';
import { HttpError, badRequest } from './errors.js';
import { createFailedTokenLimiter, type FailedTokenLimiter } from './rate-limit.js';
import { checkQuery, remoteAddress, requestUrl, requireJsonBody } from './request-guards.js';
import { createHttpServer, type HubServer, type HubTls } from './tls.js';

export interface ServerContext {
  db: pg.Pool;
  bodyLimit: number;
  /** The push route's own limit (default MAX_PUSH_BODY_BYTES: the largest op a bench may queue fits). */
  pushBodyLimit?: number;
  log: (line: string) => void;
  /** HTTPS with this certificate and key; plain HTTP without. */
  tls?: HubTls;
  /** Throttles addresses that send failed tokens (default: 10 a minute, then 429 for a minute). */
  failedTokens?: FailedTokenLimiter;
  /** Rows an .xlsx download's sheet holds, the header included (default XLSX_MAX_ROWS, Excel's; lower in tests). */
  xlsxMaxRows?: number;
}

/** A handler's answer: a value to serialise, JSON text already assembled, or a response it streamed itself. */
type Reply = { json: unknown } | { text: string } | { streamed: true };

interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Which token may call it; 'any': a bench or an integration token. */
  auth: TokenKind | 'any';
  /**
   * The query parameters it takes, each at most once; any other, or one given twice, is refused with
   * 400 naming it (checkQuery) before the handler runs. Left out: it takes none, and any is refused
   * (`POST /v1/orders?dryRun=true` was applied as if the parameter were not there).
   */
  query?: readonly string[];
  handle(ctx: ServerContext, req: IncomingMessage, url: URL, who: Principal, res: ServerResponse): Promise<Reply>;
}

/** The paging parameters of a feed (pull, dispatches). */
const PAGE_PARAMS = ['cursor', 'limit'] as const;

function pageQuery(url: URL): { cursor?: string; limit: number } {
  const parsed = pageQuerySchema.safeParse({
    cursor: url.searchParams.get('cursor') ?? undefined,
    limit: url.searchParams.get('limit') ?? undefined,
  });
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  return parsed.data;
}

function dispatchFilter(url: URL) {
  const parsed = dispatchFeedFilterSchema.safeParse(dispatchFilterParams(url.searchParams));
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  return parsed.data;
}

const routes: Route[] = [
  {
    method: 'GET',
    path: '/v1/whoami',
    auth: 'bench',
    async handle(ctx, _req, _url, who) {
      const stations = await ctx.db.query<{ station_id: string; name: string; last_seq: string }>(
        'SELECT station_id, name, last_seq FROM stations WHERE warehouse_id = $1 ORDER BY station_id',
        [who.warehouseId],
      );
      const former = await ctx.db.query<{ name: string }>('SELECT name FROM warehouse_former_names WHERE warehouse_id = $1 ORDER BY renamed_at, name', [
        who.warehouseId,
      ]);
      const me = stations.rows.find((s) => s.station_id === who.stationId);
      return {
        json: {
          warehouse: who.warehouseName,
          formerWarehouseNames: former.rows.map((r) => r.name),
          stationId: who.stationId,
          stationName: me?.name ?? who.stationId,
          lastSeq: Number(me?.last_seq ?? 0),
          stations: stations.rows.map((s) => ({ stationId: s.station_id, name: s.name })),
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/v1/push',
    auth: 'bench',
    async handle(ctx, req, _url, who) {
      return { json: await push(ctx.db, who, await readJson(req, pushRequestSchema, ctx.pushBodyLimit ?? Math.max(ctx.bodyLimit, MAX_PUSH_BODY_BYTES), 'entries')) };
    },
  },
  {
    method: 'GET',
    path: '/v1/pull',
    auth: 'bench',
    query: PAGE_PARAMS,
    async handle(ctx, _req, url, who) {
      const { cursor, limit } = pageQuery(url);
      return { text: await pull(ctx.db, who, cursor, limit) };
    },
  },
  {
    method: 'POST',
    path: '/v1/orders',
    auth: 'integration',
    async handle(ctx, req, _url, who) {
      const body = await readJson(req, ordersRequestSchema, ctx.bodyLimit, 'orders');
      return { json: await intakeOrders(ctx.db, who, body.orders) };
    },
  },
  {
    method: 'POST',
    path: '/v1/products',
    auth: 'integration',
    async handle(ctx, req, _url, who) {
      const body = await readJson(req, productsRequestSchema, ctx.bodyLimit, 'products');
      return { json: await intakeProducts(ctx.db, who, body.products) };
    },
  },
  {
    method: 'POST',
    path: '/v1/identifiers',
    auth: 'integration',
    async handle(ctx, req, _url, who) {
      const body = await readJson(req, identifiersRequestSchema, ctx.bodyLimit, 'identifiers');
      return { json: await intakeIdentifiers(ctx.db, who, body.identifiers) };
    },
  },
  {
    method: 'POST',
    path: '/v1/stock-counts',
    auth: 'integration',
    async handle(ctx, req, _url, who) {
      const body = await readJson(req, stockCountsRequestSchema, ctx.bodyLimit, 'counts');
      return { json: await intakeStockCounts(ctx.db, who, body.counts) };
    },
  },
  {
    method: 'GET',
    path: '/v1/dispatches',
    auth: 'integration',
    query: [...PAGE_PARAMS, ...DISPATCH_FILTER_PARAMS],
    async handle(ctx, _req, url, who) {
      const { cursor, limit } = pageQuery(url);
      return { text: await dispatchFeed(ctx.db, who, cursor, limit, dispatchFilter(url)) };
    },
  },
  {
    method: 'GET',
    path: '/v1/dispatches.csv',
    auth: 'integration',
    query: DISPATCH_FILTER_PARAMS,
    async handle(ctx, _req, url, who, res) {
      await dispatchHistoryCsv(ctx.db, who, dispatchFilter(url), res);
      return { streamed: true };
    },
  },
  {
    method: 'GET',
    path: '/v1/dispatches.xlsx',
    auth: 'integration',
    query: DISPATCH_FILTER_PARAMS,
    async handle(ctx, _req, url, who, res) {
      await dispatchHistoryXlsx(ctx.db, who, dispatchFilter(url), res, ctx.xlsxMaxRows);
      return { streamed: true };
    },
  },
  {
    method: 'GET',
    path: '/v1/history',
    auth: 'any',
    query: HISTORY_PARAMS,
    async handle(ctx, _req, url, who) {
      return { json: await historyReply(ctx.db, who, url) };
    },
  },
  {
    method: 'GET',
    path: '/v1/trace',
    auth: 'any',
    query: TRACE_PARAMS,
    async handle(ctx, _req, url, who) {
      return { json: await traceReply(ctx.db, who, url) };
    },
  },
  {
    method: 'GET',
    path: '/v1/trace.csv',
    auth: 'any',
    query: TRACE_CSV_PARAMS,
    async handle(ctx, _req, url, who, res) {
      await traceCsv(ctx.db, who, url, res);
      return { streamed: true };
    },
  },
  {
    method: 'GET',
    path: '/v1/trace.xlsx',
    auth: 'any',
    query: TRACE_CSV_PARAMS,
    async handle(ctx, _req, url, who, res) {
      await traceXlsx(ctx.db, who, url, res, ctx.xlsxMaxRows);
      return { streamed: true };
    },
  },
];

function send(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const unread = !req.complete;
  // An unread body (refused early: 401, 413) is not drained to the end: the connection closes.
  if (unread) headers.connection = 'close';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  if (!unread) {
    res.end(text);
    return;
  }
  // The answer goes out whole now (its length is declared); ending the response, after which Node
  // closes the socket, waits until a bounded rest of the body has been read and dropped.
  res.write(text);
  discardBody(req, () => res.end());
}

/** Seconds a client is asked to wait while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 1;

function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: ErrorBody['error'],
  message: string,
  reason?: ErrorReason,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string> = { ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}), ...extraHeaders };
  if (status === 503) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  send(req, res, status, JSON.stringify({ error, message, ...(reason ? { reason } : {}) } satisfies ErrorBody), headers);
}

const HEALTH_METHODS = ['GET', 'HEAD'] as const;

/** 405 naming the methods the path takes, in the words and in `Allow` (which RFC 9110 requires of a 405). */
function sendMethodNotAllowed(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): void {
  sendError(req, res, 405, 'method_not_allowed', `use ${methods.join(' or ')}`, undefined, { allow: methods.join(', ') });
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  // HEAD as GET (monitoring tools use it): Node leaves out the body of an answer to HEAD.
  if (url.pathname === '/healthz') {
    // Another method is told which to use, as on every route (it was "no route /healthz").
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendMethodNotAllowed(req, res, HEALTH_METHODS);
      return;
    }
    try {
      await ctx.db.query('SELECT 1');
      send(req, res, 200, JSON.stringify({ status: 'ok' }));
    } catch (err) {
      sendError(req, res, 503, 'unavailable', databaseUnavailableReason(err) ?? `the database failed: ${(err as Error)?.message ?? String(err)}`);
    }
    return;
  }
  const onPath = routes.filter((r) => r.path === url.pathname);
  const route = onPath.find((r) => r.method === req.method);
  if (!route) {
    if (onPath.length > 0) sendMethodNotAllowed(req, res, onPath.map((r) => r.method));
    else sendError(req, res, 404, 'not_found', `no route ${url.pathname}`);
    return;
  }
  if (route.method === 'POST') requireJsonBody(req);
  const authenticated = await authenticate(ctx.db, req);
  if (!authenticated.ok) {
    // A revoked token is a failed token like any other for the throttle: only the 401's words differ.
    const wait = ctx.failedTokens?.fail(remoteAddress(req)) ?? null;
    if (wait !== null) {
      send(req, res, 429, JSON.stringify({ error: 'too_many_requests', message: `too many failed tokens from this address; try again in ${wait} s` } satisfies ErrorBody), { 'retry-after': String(wait) });
      return;
    }
    if (authenticated.revoked) {
      sendError(req, res, 401, 'unauthorized', 'this token was revoked at the hub; a new one is needed', 'token_revoked');
      return;
    }
    sendError(req, res, 401, 'unauthorized', 'a valid bearer token is required (missing, unknown or revoked)');
    return;
  }
  const who = authenticated.principal;
  if (route.auth !== 'any' && who.kind !== route.auth) {
    sendError(req, res, 403, 'forbidden', `${route.path} needs ${route.auth === 'bench' ? 'a bench' : 'an integration'} token`);
    return;
  }
  checkQuery(url, route.query ?? []);
  const reply = await route.handle(ctx, req, url, who, res);
  if ('streamed' in reply) return;
  send(req, res, 200, 'text' in reply ? reply.text : JSON.stringify(reply.json));
}

export function createHubServer(options: ServerContext): HubServer {
  const ctx: ServerContext = { ...options, failedTokens: options.failedTokens ?? createFailedTokenLimiter() };
  const server = createHttpServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (err instanceof HttpError) {
        sendError(req, res, err.status, err.code, err.message);
      } else if (databaseUnavailableReason(err) !== null) {
        // The database stopped or restarting: temporary, and the pool reconnects by itself.
        sendError(req, res, 503, 'unavailable', `${databaseUnavailableReason(err)}; try again shortly`);
      } else if (isDataException(err)) {
        sendError(req, res, 400, 'bad_request', describeDataException(err));
      } else {
        ctx.log(`hub: ${req.method} ${req.url} failed: ${(err as Error)?.stack ?? String(err)}`);
        sendError(req, res, 500, 'internal', 'internal error; try again');
      }
    });
  }, ctx.tls);
  return server;
}
