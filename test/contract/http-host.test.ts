/**
 * The BenchApi contract over the real browser-mode host on 127.0.0.1: the secret, Origin/Host and
 * Sec-Fetch-Site checks, malformed calls, static files kept inside the renderer folder, and the
 * same results over HTTP as in-process.
 */
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, MAX_REQUEST_BYTES, type RunningHost } from '../../electron/web/host.js';
import { createHttpBenchApi } from '../../renderer/api/http-transport.js';
import type { ArgsOf, BenchApi, BenchMethod } from '../../shared/contract/api.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/contract/result.js';
import { csv, HEADERS, openTestBench, tempDir, withoutVolatile, type TestBench } from '../core/helpers.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

/** A raw HTTP request: the path is sent verbatim and any header (Host too) can be set. */
function raw(
  host: RunningHost,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; writeBody?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined && options.writeBody !== false) req.write(options.body);
    if (options.writeBody === false) {
      // headers only: the server must answer without waiting for the body
      req.flushHeaders();
      return;
    }
    req.end();
  });
}

function apiHeaders(host: RunningHost, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', Authorization: `Bearer ${host.secret}`, ...extra };
}

let bench: TestBench;
let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  const root = tempDir('bench-host-', 'file');
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("bench");');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE-RENDERER');
  bench = openTestBench({ dir: root, scope: 'file' });
  bench.ok('loadDemoData', {});
  host = await startHost({ handlers: bench.core, rendererDir, log: () => {} });
});

afterAll(async () => {
  await host?.close();
});

const demoImport = JSON.stringify({ files: [{ name: 'orders.csv', content: csv([[...HEADERS.orders], ['HTTP-1', 'X', 'CBL-USB', 1]]) }] });

describe('authentication', () => {
  it('listens on 127.0.0.1 and puts the secret in the launch URL fragment only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.launchUrl).toBe(`${host.url}#secret=${host.secret}`);
    expect(host.secret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong secret', { Authorization: 'Bearer wrong' }],
    ['a wrong secret of the right length', { Authorization: `Bearer ${'x'.repeat(43)}` }],
    ['the secret without "Bearer"', { Authorization: 'SECRET' }],
  ])('refuses a call with %s (401) and changes nothing', async (_label, auth) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...auth };
    if (headers.Authorization === 'SECRET') headers.Authorization = host.secret;
    const before = bench.snapshot();
    const res = await raw(host, '/api/importCsv', { method: 'POST', headers, body: demoImport });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(res.text).not.toContain('at ');
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses a secret from another launch', async () => {
    const other = await startHost({ handlers: bench.core, log: () => {} });
    try {
      const api = createHttpBenchApi(other.url, host.secret, fetch);
      expect(await api.getBenchInfo({})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const good = createHttpBenchApi(other.url, other.secret, fetch);
      expect((await good.getBenchInfo({})).ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('cross-origin protection', () => {
  it.each([
    ['a foreign Origin', { Origin: 'http://evil.example' }],
    ['an Origin on another local port', { Origin: 'http://127.0.0.1:1' }],
    ['an opaque Origin', { Origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses a call with %s (403), even with the secret, and changes nothing', async (_label, extra) => {
    const before = bench.snapshot();
    const res = await raw(host, '/api/importCsv', { method: 'POST', headers: apiHeaders(host, extra), body: demoImport });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(bench.snapshot()).toEqual(before);
  });

  it.each(['evil.example', `evil.example:${0}`, 'bench.attacker.test'])('refuses a foreign Host header "%s" (DNS rebinding), pages too', async (h) => {
    const hostHeader = h.endsWith(':0') ? `evil.example:${host.port}` : h;
    const before = bench.snapshot();
    const api = await raw(host, '/api/importCsv', { method: 'POST', headers: apiHeaders(host, { Host: hostHeader }), body: demoImport });
    expect(api.status).toBe(403);
    const page = await raw(host, '/', { headers: { Host: hostHeader } });
    expect(page.status).toBe(403);
    expect(bench.snapshot()).toEqual(before);
  });

  it('accepts the bench’s own origins (127.0.0.1 and localhost) and same-origin fetch metadata', async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const res = await raw(host, '/api/getBenchInfo', {
        method: 'POST',
        headers: apiHeaders(host, { Origin: origin, 'Sec-Fetch-Site': 'same-origin', Host: origin.slice('http://'.length) }),
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(res.json().ok).toBe(true);
    }
  });
});

describe('malformed calls', () => {
  it('answers malformed JSON with invalid_argument (400)', async () => {
    const res = await raw(host, '/api/getProduct', { method: 'POST', headers: apiHeaders(host), body: '{"productId": 1' });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'The request body is not valid JSON.', issues: [] } });
  });

  it('answers schema-invalid arguments with invalid_argument naming the field', async () => {
    const res = await raw(host, '/api/getProduct', { method: 'POST', headers: apiHeaders(host), body: '{"productId":"one"}' });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_argument', issues: [{ where: 'productId' }] } });
    expect(body.error.message).toContain('productId');

    const nested = await raw(host, '/api/saveAllocations', {
      method: 'POST',
      headers: apiHeaders(host),
      body: JSON.stringify({ allocations: [{ lineId: 1, unit: 1, value: 'A' }, { lineId: 1, unit: 'two', value: 'B' }] }),
    });
    expect(nested.json().error.issues[0].where).toBe('allocations.1.unit');
    const array = await raw(host, '/api/getProduct', { method: 'POST', headers: apiHeaders(host), body: '[1,2]' });
    expect(array.json()).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('answers an unknown method with 404, and non-POST or non-JSON calls with clear errors', async () => {
    const unknown = await raw(host, '/api/dropAllTables', { method: 'POST', headers: apiHeaders(host), body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Unknown call "dropAllTables"' } });
    const proto = await raw(host, '/api/__proto__', { method: 'POST', headers: apiHeaders(host), body: '{}' });
    expect(proto.status).toBe(404);
    const get = await raw(host, '/api/getBenchInfo', { headers: { Authorization: `Bearer ${host.secret}` } });
    expect(get.status).toBe(405);
    const text = await raw(host, '/api/getBenchInfo', { method: 'POST', headers: apiHeaders(host, { 'Content-Type': 'text/plain' }), body: '{}' });
    expect(text.status).toBe(415);
    const badEscape = await raw(host, '/api/%E0%A4%A', { method: 'POST', headers: apiHeaders(host), body: '{}' });
    expect(badEscape.status).toBe(404);
  });

  it('refuses an oversized body by its declared length without reading it', async () => {
    const before = bench.snapshot();
    const res = await raw(host, '/api/importCsv', {
      method: 'POST',
      headers: apiHeaders(host, { 'Content-Length': String(MAX_REQUEST_BYTES + 1) }),
      body: '{"files":',
      writeBody: false,
    });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: 'The request is too large.' } });
    expect(bench.snapshot()).toEqual(before);
  });

  it('keeps errors typed: a core refusal crosses as a Result, not a stack trace', async () => {
    const api = createHttpBenchApi(host.url, host.secret, fetch);
    const result = await api.getProduct({ productId: 987654 });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'No product with id 987654', issues: [] } });
  });
});

describe('static files', () => {
  it('serves the renderer with a content security policy, and index.html for app routes', async () => {
    const index = await raw(host, '/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>bench</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    const js = await raw(host, '/assets/app.js');
    expect(js.headers['content-type']).toContain('text/javascript');
    const route = await raw(host, '/orders/123');
    expect(route.text).toContain('<title>bench</title>');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/....//secret.txt',
    `/${'..%2f'.repeat(8)}etc/passwd`,
    '/%00/../secret.txt',
    '/%E0%A4%A',
  ])('keeps %s inside the renderer folder', async (path) => {
    const res = await raw(host, path);
    expect(res.text).not.toContain('TOP-SECRET');
    expect(res.text).not.toContain('root:');
    expect([200, 400, 404]).toContain(res.status);
  });

  it('refuses writes to static paths', async () => {
    expect((await raw(host, '/', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('one contract, two transports', () => {
  type Call = { [M in BenchMethod]: [M, ArgsOf<M>] }[BenchMethod];

  /** A scripted session; later calls use ids from earlier results, so it runs step by step. */
  async function session(run: <M extends BenchMethod>(method: M, args: ArgsOf<M>) => Promise<Result<unknown>>): Promise<unknown[]> {
    const results: unknown[] = [];
    const step = async (...[method, args]: Call) => {
      const result = await run(method, args as never);
      results.push({ method, result: withoutVolatile(result) });
      return result as { ok: boolean; value?: any } as { ok: true; value: any };
    };
    await step('getBenchInfo', {});
    await step('loadDemoData', {});
    await step('importCsv', {
      files: [
        { name: 'products.csv', content: csv([[...HEADERS.products], ['T-SU', 'Test single', '', 'single_use', 3], ['T-MU', 'Test multi', '', 'multiple_use', 5]]) },
        { name: 'orders.csv', content: csv([[...HEADERS.orders], ['T-1', 'Tess', 'T-SU', 2], ['T-1', 'Tess', 'T-MU', 2], ['T-2', 'Tom', 'T-SU', 1]]) },
      ],
    });
    await step('importCsv', { files: [{ name: 'bad.csv', content: 'sku,identifier\nNOPE,1\n' }] });
    const products = await step('findProducts', { query: 'T-' });
    const [su, mu] = (products.value.items as Array<{ id: number }>).map((p) => p.id);
    await step('getSerialGrid', { productId: su! });
    await step('saveSerialGrid', { productId: su!, edits: [{ box: 0, identifierId: null, value: 'ABC' }] });
    await step('saveSerialGrid', { productId: su!, edits: ['ABC\r\n', 'abc', 'X1'].map((value, box) => ({ box, identifierId: null, value })) });
    await step('saveSerialGrid', { productId: mu!, edits: [{ box: 0, identifierId: null, value: 'LOT-1' }] });
    await step('changeStockLevel', { productId: mu!, newStockLevel: 6, newIdentifiers: ['LOT-2'] });
    await step('setIdentifierMode', { productId: mu!, mode: 'none' });
    await step('getSerialGrid', { productId: su!, offset: 1, limit: 2 });
    const t1 = (await step('findOrderByNumber', { orderNumber: 'T-1' })).value.order as { id: number };
    const t2 = (await step('findOrderByNumber', { orderNumber: 'T-2' })).value.order as { id: number };
    const order = await step('getOrder', { orderId: t1.id });
    const [suLine, muLine] = (order.value.lines as Array<{ lineId: number }>).map((l) => l.lineId);
    const t2Line = ((await step('getOrder', { orderId: t2.id })).value.lines as Array<{ lineId: number }>)[0]!.lineId;
    await step('listAwaitingOrders', { query: 'T-', limit: 10 });
    await step('listAwaitingOrderIds', { query: 'Tess' });
    await step('getAllocationSheet', { orderIds: [t1.id, t2.id] });
    await step('searchCandidates', { productId: su!, query: 'a' });
    await step('saveAllocations', { allocations: [{ lineId: suLine!, unit: 1, value: 'abc' }, { lineId: t2Line, unit: 1, value: 'abc' }] });
    await step('saveAllocations', {
      allocations: [
        { lineId: suLine!, unit: 1, value: 'abc' },
        { lineId: suLine!, unit: 2, value: 'ABC' },
        { lineId: muLine!, unit: 1, value: 'LOT-1' },
        { lineId: muLine!, unit: 2, value: 'LOT-1' },
      ],
    });
    await step('saveAllocations', { allocations: [{ lineId: t2Line, unit: 1, value: 'ABC' }] });
    await step('getAllocationUnits', { lineId: suLine!, fromUnit: 1, limit: 10 });
    await step('getAllocationUnits', { lineId: suLine!, fromUnit: 1, limit: 5000 });
    await step('searchCandidates', { productId: su!, query: 'ABC' });
    await step('completeOrder', { orderId: t2.id, lines: [{ lineId: t2Line, quantity: 1 }] });
    await step('completeOrder', { orderId: t1.id, lines: [{ lineId: suLine!, quantity: 1 }, { lineId: muLine!, quantity: 2 }] });
    await step('completeOrder', { orderId: t1.id, lines: [{ lineId: suLine!, quantity: 1 }] });
    await step('completeOrder', { orderId: t1.id, lines: [{ lineId: suLine!, quantity: 1 }] });
    await step('getDispatchedUnits', { orderIds: [t1.id, t2.id] });
    await step('getDispatchedUnits', { orderIds: [t1.id, 424242] });
    await step('lookupIdentifier', { value: 'abc' });
    await step('lookupIdentifier', { value: 'LOT-1\t' });
    await step('getProduct', { productId: su! });
    await step('getProduct', { productId: 424242 });
    await step('getProduct', { productId: -1 } as never);
    await step('getBenchInfo', {});
    return results;
  }

  it('gives the same results over HTTP as in-process, on two separate databases', async () => {
    const clock = () => '2026-01-01T00:00:00.000Z';
    const httpBench = openTestBench({ now: clock });
    const localBench = openTestBench({ now: clock });
    const httpHost = await startHost({ handlers: httpBench.core, log: () => {} });
    try {
      const api: BenchApi = createHttpBenchApi(httpHost.url, httpHost.secret, fetch);
      const overHttp = await session((method, args) => (api[method] as (a: unknown) => Promise<Result<unknown>>)(args));
      const inProcess = await session(async (method, args) => invokeBenchMethod(localBench.core, method, args));
      expect(overHttp).toHaveLength(inProcess.length);
      overHttp.forEach((entry, i) => expect(entry, `step ${i}`).toEqual(inProcess[i]));
      // the session exercised successes and refusals alike
      const outcomes = inProcess.map((e) => (e as { result: Result<unknown> }).result.ok);
      expect(outcomes.filter((ok) => !ok).length).toBeGreaterThanOrEqual(5);
      expect(httpBench.snapshot().outbox!.rows).toBe(localBench.snapshot().outbox!.rows);
    } finally {
      await httpHost.close();
    }
  });
});
