/**
 * Every hub endpoint against malformed, wrongly typed, oversized and absurd requests, over real HTTP on
 * a real PostgreSQL: each gets a 4xx with a JSON error naming what is wrong (never a 5xx), changes
 * nothing, and the hub goes on serving.
 */
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub.js';
import { call, type BenchClient, type IntegrationClient } from '../../hub/testing/client.js';
import { TEXT_RULES } from '../../shared/sync/bounds.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import { MAX_PUSH_BODY_BYTES } from '../../shared/sync/protocol.js';
import { integration, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

type Caller = 'bench' | 'integration';

interface BadRequest {
  name: string;
  method: 'GET' | 'POST';
  /** Path with query. */
  path: string;
  as: Caller;
  /** Sent as JSON, or as is when Raw. */
  body?: unknown;
  contentType?: string | null;
  status: number;
  error: string;
  /** What the message must say (the field or the problem). */
  message: RegExp;
}

/** Body text sent as is (malformed JSON, padding, CSV). */
class Raw {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new Raw(text);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const entry = (seq: unknown, op: unknown = product('P1')) => ({ seq, at: '2026-01-01T00:00:00Z', actor: 'packer', op });
const pushBody = (entries: unknown[]) => ({ stationId: 'A', entries });

/** Cursor and limit abuse, for both paged routes. */
function pagedCases(path: string, as: Caller): BadRequest[] {
  const page = (query: string, name: string, message: RegExp): BadRequest => ({
    name: `${path}: ${name}`,
    method: 'GET',
    path: `${path}?${query}`,
    as,
    status: 400,
    error: 'bad_request',
    message,
  });
  const notOurs = /^cursor: not a cursor this hub issued/;
  return [
    page('cursor=hello%20world', 'cursor of random text', notOurs),
    page('cursor=1000000000000000000000000000000', 'cursor 10^30', notOurs),
    page('cursor=-1', 'negative cursor', notOurs),
    page(`cursor=${b64('-1:-1')}`, 'encoded negative cursor', notOurs),
    page(`cursor=${b64('1000000000000000000000000000000:1')}`, 'encoded cursor 10^30', notOurs),
    page(`cursor=${b64('99999999999999999999:1')}`, 'encoded cursor past the xid range', notOurs),
    page(`cursor=${b64('1:9999999999999999999')}`, 'encoded cursor past the id range', notOurs),
    page(`cursor=${b64('1:2:3')}`, 'encoded cursor of the wrong shape', notOurs),
    page(`cursor=${b64('9000000000000000000:1')}`, 'cursor ahead of the database', /^cursor: ahead of this hub's database/),
    page('cursor=%FF%FE%00%01', 'cursor of binary garbage', notOurs),
    page('cursor=!!!!', 'cursor that is not base64', notOurs),
    page(`cursor=${'A'.repeat(5000)}`, 'cursor of 5,000 characters', /^cursor: /),
    page('limit=-1', 'negative limit', /^limit: /),
    page('limit=0', 'zero limit', /^limit: /),
    page('limit=NaN', 'NaN limit', /^limit: /),
    page('limit=abc', 'text limit', /^limit: /),
    page('limit=1.5', 'fractional limit', /^limit: /),
    page('limit=1e30', 'limit 10^30', /^limit: /),
    page('limit=5001', 'limit over the largest page', /^limit: /),
    page('limit=Infinity', 'infinite limit', /^limit: /),
  ];
}

const CASES: BadRequest[] = [
  // ---- POST /v1/push -----------------------------------------------------------------------------
  ...(
    [
      ['invalid JSON', raw('{"stationId":'), /not valid JSON/],
      ['empty body', raw(''), /empty; expected JSON/],
      ['NaN in JSON', raw('{"stationId":"A","entries":[{"seq":NaN}]}'), /not valid JSON/],
      // Named in words, with what was expected and what came (it was zod's "Invalid input: expected object, received array").
      ['a JSON array', [1, 2], /^\(body\): the body must be an object, not a list$/],
      ['a JSON number', 42, /^\(body\): the body must be an object, not a number \(42\)$/],
      ['JSON null', null, /^\(body\): the body must be an object, not null$/],
      ['a JSON string', 'push', /^\(body\): the body must be an object, not text \("push"\)$/],
      ['entries not a list', { stationId: 'A', entries: 'all' }, /^entries: entries must be a list, not text \("all"\)$/],
      ['entries left out', { stationId: 'A' }, /^entries: entries is missing$/],
      ['stationId a number', { stationId: 7, entries: [] }, /^stationId: /],
      ['seq of 10^30', pushBody([entry(1e30)]), /^entries\.0\.seq: seq must be at most 9007199254740991, not 1e\+30$/],
      ['seq negative', pushBody([entry(-1)]), /^entries\.0\.seq: seq must be more than 0, not -1$/],
      ['seq as text', pushBody([entry('1')]), /^entries\.0\.seq: seq must be a number, not text \("1"\)$/],
      ['seq fractional', pushBody([entry(1.5)]), /^entries\.0\.seq: seq must be a whole number, not 1\.5$/],
      ['seq beyond 2^53', pushBody([entry(2 ** 60)]), /^entries\.0\.seq: /],
      ['entry a number', pushBody([5]), /^entries\.0: entry 1 must be an object, not a number \(5\)$/],
      // Seqs must rise through a request: a repeat or a step back was answered "gap" (or applied the rest).
      ['a seq repeated', pushBody([entry(1), entry(1)]), /^entries\.1\.seq: seq 1 is repeated \(entries\.0 has it too\); send each seq once$/],
      ['seqs out of order', pushBody([entry(2), entry(1)]), /^entries\.1\.seq: seq 1 comes after seq 2; list entries in seq order$/],
      ['a deeply nested body', raw('['.repeat(100_000) + ']'.repeat(100_000)), /^\(body\): |not valid JSON/],
    ] as [string, unknown, RegExp][]
  ).map(([name, body, message]): BadRequest => ({ name: `push: ${name}`, method: 'POST', path: '/v1/push', as: 'bench', body, status: 400, error: 'bad_request', message })),
  { name: 'push: Content-Type text/plain', method: 'POST', path: '/v1/push', as: 'bench', body: pushBody([]), contentType: 'text/plain', status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  { name: 'push: Content-Type form', method: 'POST', path: '/v1/push', as: 'bench', body: pushBody([]), contentType: 'application/x-www-form-urlencoded', status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  // Push takes the largest op the bounds allow (MAX_PUSH_BODY_BYTES), more than the other routes.
  { name: 'push: body over the limit', method: 'POST', path: '/v1/push', as: 'bench', body: raw(' '.repeat(MAX_PUSH_BODY_BYTES + 1)), status: 413, error: 'payload_too_large', message: new RegExp(`larger than ${MAX_PUSH_BODY_BYTES} bytes`) },
  { name: 'push: GET', method: 'GET', path: '/v1/push', as: 'bench', status: 405, error: 'method_not_allowed', message: /use POST/ },

  // ---- A query parameter on a route that takes none: refused by name, not ignored (the products were applied) -----
  {
    name: 'products: ?dryRun=true (no route takes it)',
    method: 'POST',
    path: '/v1/products?dryRun=true',
    as: 'integration',
    body: { products: [{ sku: 'P-DRY', title: 'Dry run', barcode: null, identifierMode: 'none' }] },
    status: 400,
    error: 'bad_request',
    message: /^dryRun: not a parameter of \/v1\/products\. It takes none$/,
  },
  { name: 'push: a query parameter', method: 'POST', path: '/v1/push?stationId=A', as: 'bench', body: pushBody([]), status: 400, error: 'bad_request', message: /^stationId: not a parameter of \/v1\/push\. It takes none$/ },
  { name: 'whoami: a query parameter', method: 'GET', path: '/v1/whoami?verbose=1', as: 'bench', status: 400, error: 'bad_request', message: /^verbose: not a parameter of \/v1\/whoami\. It takes none$/ },
  // A wrong method on /healthz is told the methods, as on every route (it was 404 "no route /healthz").
  { name: 'healthz: POST', method: 'POST', path: '/healthz', as: 'bench', body: {}, status: 405, error: 'method_not_allowed', message: /^use GET or HEAD$/ },

  // ---- GET /v1/pull, GET /v1/dispatches ----------------------------------------------------------
  ...pagedCases('/v1/pull', 'bench'),
  ...pagedCases('/v1/dispatches', 'integration'),

  // ---- GET /v1/whoami ----------------------------------------------------------------------------
  { name: 'whoami: POST', method: 'POST', path: '/v1/whoami', as: 'bench', body: {}, status: 405, error: 'method_not_allowed', message: /use GET/ },

  // ---- POST /v1/orders ---------------------------------------------------------------------------
  ...(
    [
      ['invalid JSON', raw('{"orders":['), /not valid JSON/],
      ['empty body', raw(''), /empty; expected JSON/],
      ['a JSON array', [], /^\(body\): /],
      ['JSON null', null, /^\(body\): /],
      ['a JSON number', 1, /^\(body\): /],
      ['no orders', { orders: [] }, /^orders: orders is empty; send at least one order$/],
      ['orders an object', { orders: {} }, /^orders: orders must be a list, not an object$/],
    ] as [string, unknown, RegExp][]
  ).map(([name, body, message]): BadRequest => ({ name: `orders: ${name}`, method: 'POST', path: '/v1/orders', as: 'integration', body, status: 400, error: 'bad_request', message })),
  { name: 'orders: Content-Type text/csv', method: 'POST', path: '/v1/orders', as: 'integration', body: raw('orderNumber,sku\nSO-1,P1'), contentType: 'text/csv', status: 415, error: 'unsupported_media_type', message: /application\/json/ },
  { name: 'orders: body over the limit', method: 'POST', path: '/v1/orders', as: 'integration', body: raw(' '.repeat(5 * 1024 * 1024 + 1)), status: 413, error: 'payload_too_large', message: /larger than/ },

  // ---- POST /v1/products, /v1/identifiers, /v1/stock-counts (the catalogue) --------------------------
  ...catalogueCases('/v1/products', 'products'),
  ...catalogueCases('/v1/identifiers', 'identifiers'),
  ...catalogueCases('/v1/stock-counts', 'counts'),

  // ---- GET /v1/history, /v1/trace, /v1/trace.csv, /v1/dispatches.csv ---------------------------------
  ...(
    [
      ['history: no value', '/v1/history', /^value: /],
      ['history: a from that is no step number', '/v1/history?value=V&from=first', /^from: "first" is not a step number; give a step number from 1 in plain digits/],
      ['history: from 0', '/v1/history?value=V&from=0', /^from: 0 is out of range/],
      ['history: a value past the longest identifier', `/v1/history?value=${'v'.repeat(TEXT_RULES.identifier.max + 1)}`, /^value: /],
      ['trace: limit of text', '/v1/trace?value=V&limit=abc', /^limit: /],
      ['trace: limit 0', '/v1/trace?value=V&limit=0', /^limit: /],
      ['trace: cursor of 2,000 characters', `/v1/trace?value=V&cursor=${'c'.repeat(2_000)}`, /^cursor: /],
      ['trace.csv: limit of text', '/v1/trace.csv?value=V&limit=abc', /^limit: /],
      ['dispatches.csv: a date that is not one', '/v1/dispatches.csv?from=yesterday', /from|date/],
      // What no stored text holds is refused by the shared bounds before any SQL (it once reached
      // PostgreSQL: a CSV export then closed without an answer, a JSON route named no field).
      ['history: a NUL in the value', '/v1/history?value=%00', /^value: identifier contains a control character \(NUL\)/],
      ['trace: a NUL in the value', '/v1/trace?match=exact&value=%00', /value: identifier contains a control character \(NUL\)/],
      ['trace: a NUL in the lot', '/v1/trace?lot=L%00', /lot|identifier contains a control character/],
      ['trace: year 0000', '/v1/trace?value=V&from=0000-01-01', /between 0001-01-01 and 9999-12-31/],
      ['trace: a cursor past the largest row id', `/v1/trace?value=V&cursor=${encodeURIComponent(JSON.stringify(['V', '9999999999999999999']))}`, /^cursor: /],
      ['trace: a cursor whose value holds a NUL', `/v1/trace?value=V&cursor=${encodeURIComponent(JSON.stringify(['\u0000', '1']))}`, /^cursor: /],
      ['trace.csv: a NUL in the value', '/v1/trace.csv?match=exact&value=%00', /identifier contains a control character \(NUL\)/],
      ['trace.csv: a NUL in the sku', '/v1/trace.csv?sku=%00', /sku contains a control character \(NUL\)/],
      ['dispatches: year 0000', '/v1/dispatches?from=0000-01-01', /between 0001-01-01 and 9999-12-31/],
      // Named by a parameter that was sent: it was "lot: ..." with no lot in the query.
      ['trace: a value and a use-by date', '/v1/trace?value=V&useByFrom=2026-01-01', /^useByFrom: search by one of value, lot or use-by date range at a time$/],
      ['trace: a value and a lot', '/v1/trace?value=V&lot=L', /^lot: search by one of value, lot or use-by date range at a time$/],
      ['dispatches.csv: a NUL in the sku', '/v1/dispatches.csv?sku=%00', /sku contains a control character \(NUL\)/],
      ['dispatches.csv: year 0000', '/v1/dispatches.csv?from=0000-01-01', /between 0001-01-01 and 9999-12-31/],
      // A query %-encoded as Latin-1 (or a lone surrogate): it was decoded to U+FFFD and searched, answering "nothing found".
      ['dispatches: a sku %-encoded as Latin-1', '/v1/dispatches?sku=M%FCller', /^sku: not UTF-8 once its %-escapes are decoded; .*%C3%BC/],
      ['history: a value %-encoded as Latin-1', '/v1/history?value=M%FCller', /^value: not UTF-8 once its %-escapes are decoded/],
      ['trace: a lone surrogate %-encoded in the lot', '/v1/trace?lot=L%ED%A0%80', /^lot: not UTF-8 once its %-escapes are decoded/],
      ['trace.csv: a parameter name %-encoded as Latin-1', '/v1/trace.csv?s%FCku=1', /^\(a parameter name\): not UTF-8 once its %-escapes are decoded/],
    ] as [string, string, RegExp][]
  ).map(([name, path, message]): BadRequest => ({ name, method: 'GET', path, as: 'integration', status: 400, error: 'bad_request', message })),
];

/** Envelope abuse for one catalogue endpoint (its list under `key`); each item's own problems are rejected alone. */
function catalogueCases(path: string, key: string): BadRequest[] {
  const name = path.slice('/v1/'.length);
  return [
    ...(
      [
        ['invalid JSON', raw(`{"${key}":[`), /not valid JSON/],
        ['empty body', raw(''), /empty; expected JSON/],
        ['a JSON array', [], /^\(body\): /],
        ['JSON null', null, /^\(body\): /],
        ['a JSON string', key, /^\(body\): /],
        [`no ${key}`, { [key]: [] }, new RegExp(`^${key}: ${key} is empty; send at least one `)],
        [`${key} an object`, { [key]: {} }, new RegExp(`^${key}: ${key} must be a list, not an object$`)],
        [`${key} text`, { [key]: 'P1' }, new RegExp(`^${key}: ${key} must be a list, not text \\("P1"\\)$`)],
        [`1,001 ${key}`, { [key]: Array.from({ length: 1_001 }, () => ({})) }, new RegExp(`^${key}: ${key} has 1001 items; send at most 1000$`)],
      ] as [string, unknown, RegExp][]
    ).map(([what, body, message]): BadRequest => ({ name: `${name}: ${what}`, method: 'POST', path, as: 'integration', body, status: 400, error: 'bad_request', message })),
    { name: `${name}: Content-Type text/csv`, method: 'POST', path, as: 'integration', body: raw('sku\nP1'), contentType: 'text/csv', status: 415, error: 'unsupported_media_type', message: /application\/json/ },
    { name: `${name}: body over the limit`, method: 'POST', path, as: 'integration', body: raw(' '.repeat(5 * 1024 * 1024 + 1)), status: 413, error: 'payload_too_large', message: /larger than/ },
    { name: `${name}: GET`, method: 'GET', path, as: 'integration', status: 405, error: 'method_not_allowed', message: /use POST/ },
  ];
}

/**
 * Bad values inside one op or one order: the request is taken, that op or order alone is rejected
 * with a reason naming the field (so one bad op never wedges a bench's queue or the order feed).
 */
const REJECTED_OPS: [string, unknown, RegExp][] = [
  ['stock delta of 10^300', { type: 'stock.delta', sku: 'P1', delta: 1e300 }, /op\.delta: /],
  ['op of unknown type', { type: 'stock.teleport', sku: 'P1' }, /op\.type: op type must be one of product\.upsert, .*, not "stock\.teleport"$/],
  ['op null', null, /op: op must be an object, not null$/],
  // Named in words (it was zod's 'Invalid option: expected one of "none"|"single_use"|"multiple_use"').
  ['an identifier mode not one of the modes', { ...product('P1'), identifierMode: 'serial' }, /op\.identifierMode: identifier mode must be one of none, single_use, multiple_use, not "serial"$/],
  ['identifier values given as text', { type: 'identifier.add', sku: 'P1', values: 'SN-1' }, /op\.values: values must be a list, not text \("SN-1"\)$/],
  ['no identifier values', { type: 'identifier.add', sku: 'P1', values: [] }, /op\.values: values is empty; send at least one value$/],
  ['an order line of 10^30 units', { type: 'order.upsert', orderNumber: 'O', customer: 'C', lines: [{ lineNo: 1, sku: 'P1', quantity: 1e30 }] }, /op\.lines\.0\.quantity: /],
  ['an order number given as a number', { type: 'order.upsert', orderNumber: 1001, customer: 'C', lines: [{ lineNo: 1, sku: 'P1', quantity: 1 }] }, /op\.orderNumber: order number must be text, not a number \(1001\); send it in quotes$/],
  ['a title with a NUL character', { ...product('P1'), title: 'a\u0000b' }, /title/],
  ['a title with a lone surrogate', { ...product('P1'), title: 'a\ud800b' }, /title/],
  ['a stock count dated in year 0000', { type: 'stock.count', sku: 'P1', level: 1, countedAt: '0000-01-01T00:00:00Z' }, /op\.countedAt: /],
];
const REJECTED_ORDERS: [string, unknown, RegExp][] = [
  ['quantity of 10^30', [{ lineNo: 1, sku: 'P1', quantity: 1e30 }], /lines\.0\.quantity: /],
  ['quantity negative', [{ lineNo: 1, sku: 'P1', quantity: -5 }], /lines\.0\.quantity: /],
  // A number sent as text, or left out, is said in words (it was zod's "Invalid input: expected number, received string").
  ['quantity as text', [{ lineNo: 1, sku: 'P1', quantity: '5' }], /lines\.0\.quantity: quantity must be a number, not text \("5"\); send it without quotes$/],
  ['quantity left out', [{ lineNo: 1, sku: 'P1' }], /lines\.0\.quantity: quantity is missing$/],
  ['sku as a number', [{ lineNo: 1, sku: 17, quantity: 1 }], /lines\.0\.sku: sku must be text, not a number \(17\); send it in quotes$/],
  ['line number beyond 2^53', [{ lineNo: 2 ** 60, sku: 'P1', quantity: 1 }], /lines\.0\.lineNo: /],
  ['lines null', null, /lines: lines must be a list, not null$/],
  ['a line null', [null], /lines\.0: line 1 must be an object, not null$/],
];

describe('bad requests to every hub endpoint', () => {
  let hub: Hub;
  let bench: BenchClient;
  /** A second station for pushes whose ops are rejected (a rejection advances its seq). */
  let rejecter: BenchClient;
  let orders: IntegrationClient;

  beforeAll(async () => {
    hub = await fx.hub();
    [bench, rejecter] = (await warehouse(hub, 'North', ['A', 'R'])) as [BenchClient, BenchClient];
    orders = await integration(hub, 'North');
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: %#', async (_name, c) => {
    const headers: Record<string, string> = { authorization: `Bearer ${c.as === 'bench' ? bench.token : orders.token}` };
    const contentType = c.contentType === undefined ? 'application/json' : c.contentType;
    if (contentType !== null && c.body !== undefined) headers['content-type'] = contentType;
    const body = c.body === undefined ? undefined : c.body instanceof Raw ? c.body.text : JSON.stringify(c.body);
    const response = await fetch(hub.url + c.path, { method: c.method, headers, body });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(c.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = JSON.parse(text) as { error: string; message: string };
    expect(answer.error).toBe(c.error);
    expect(answer.message).toMatch(c.message);
  });

  it('answers a request target that is not a URL with 400', async () => {
    for (const target of ['http://[', '//[', 'http://x:abc/v1/pull']) {
      const head = await rawRequest(hub.url, `GET ${target} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer ${bench.token}\r\nConnection: close\r\n\r\n`);
      expect(head.status, target).toBe(400);
      expect(JSON.parse(head.body)).toEqual({ error: 'bad_request', message: `the request target ${JSON.stringify(target)} is not a URL path` });
    }
  });

  it('answers a wrong method with 405 and Allow naming the methods the path takes (RFC 9110)', async () => {
    for (const [method, path, allow] of [
      ['GET', '/v1/push', 'POST'],
      ['DELETE', '/v1/orders', 'POST'],
      ['POST', '/v1/pull', 'GET'],
      ['POST', '/healthz', 'GET, HEAD'],
    ] as const) {
      const response = await fetch(hub.url + path, { method, headers: { authorization: `Bearer ${bench.token}` } });
      expect([path, response.status, response.headers.get('allow')]).toEqual([path, 405, allow]);
      expect(await response.json()).toEqual({ error: 'method_not_allowed', message: `use ${allow.replace(', ', ' or ')}` });
    }
  });

  it.each(REJECTED_OPS)('push: %s is rejected alone, with the field named', async (_name, op, reason) => {
    const sent = rejecter.entries([op as SyncOp, product('P-OK')]);
    const pushed = await rejecter.pushEntries(sent);
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.results[0]).toMatchObject({ seq: sent[0]!.seq, status: 'rejected', reason: expect.stringMatching(reason) });
    expect(pushed.body.results[1]).toEqual({ seq: sent[1]!.seq, status: 'applied' });
  });

  it.each(REJECTED_ORDERS)('orders: %s is rejected alone, with the field named', async (_name, lines, reason) => {
    const taken = await call<{ results: { orderNumber: string; status: string; reason?: string }[] }>(hub.url, orders.token, 'POST', '/v1/orders', {
      orders: [{ orderNumber: 'SO-BAD', customer: 'C', lines }, { orderNumber: 'SO-OK', customer: 'C', lines: [{ lineNo: 1, sku: 'P-OK', quantity: 1 }] }],
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason) });
    expect(taken.body.results[1]!.status).not.toBe('rejected');
  });

  it('changed nothing, and the hub still serves', async () => {
    const sql = await fx.sql(hub);
    // Only the good op and order sent beside the rejected ones are there.
    expect((await sql.query('SELECT sku FROM products ORDER BY sku')).rows).toEqual([{ sku: 'P-OK' }]);
    expect((await sql.query('SELECT order_number FROM orders')).rows).toEqual([{ order_number: 'SO-OK' }]);
    for (const table of ['identifiers', 'dispatches']) {
      expect((await sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n, table).toBe(0);
    }
    expect((await sql.query(`SELECT last_seq FROM stations WHERE station_id = 'A'`)).rows[0].last_seq).toBe('0');
    expect((await bench.push(product('P1'))).results).toEqual([{ seq: 1, status: 'applied' }]);
    expect((await bench.pull()).status).toBe(200);
    expect((await orders.dispatches()).status).toBe(200);
  });
});

/** Sends `text` as is over a new connection; the status line's code and the body. */
function rawRequest(hubUrl: string, text: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(hubUrl);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), body });
    });
  });
}
