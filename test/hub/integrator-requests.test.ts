/**
 * What an order-system integrator or a warehouse manager may get wrong on the wire (real PostgreSQL,
 * real HTTP): a body in another encoding than UTF-8, a compressed body, a search parameter given twice.
 * Each is refused with a 4xx naming the problem, and nothing is stored in its place.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub.js';
import { call } from '../../hub/testing/client.js';
import { createHubClient } from '../../electron/core/sync/hub-client.js';
import { integration, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

async function post(hub: Hub, token: string, path: string, body: Buffer | string, headers: Record<string, string>) {
  const response = await fetch(hub.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, body: (await response.json()) as { error?: string; message?: string; results?: { status: string }[] } };
}

const orderJson = (orderNumber: string, customer: string) => JSON.stringify({ orders: [{ orderNumber, customer, lines: [{ lineNo: 1, sku: 'P', quantity: 1 }] }] });

describe('integrator requests', () => {
  it('refuses a body that is not UTF-8, or declared in another charset or compressed, instead of storing U+FFFD for what it could not read', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    await call(hub.url, system.token, 'POST', '/v1/products', { products: [{ sku: 'P', title: 'T', barcode: null, identifierMode: 'none' }] });

    // A file saved as Latin-1 / Windows-1252 ("Müller" with ü as the single byte 0xFC).
    const latin1 = await post(hub, system.token, '/v1/orders', Buffer.from(orderJson('SO-1', 'Müller'), 'latin1'), { 'content-type': 'application/json' });
    expect(latin1.status).toBe(400);
    expect(latin1.body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/not valid UTF-8/) });

    // Declared as another charset: the hub reads UTF-8 only, so it says so rather than misreading it.
    const declared = await post(hub, system.token, '/v1/orders', Buffer.from(orderJson('SO-2', 'Müller'), 'latin1'), { 'content-type': 'application/json; charset=ISO-8859-1' });
    expect(declared.status).toBe(415);
    expect(declared.body).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(/charset.*ISO-8859-1.*UTF-8/i) });

    // Declared with an empty charset: said in words, not "charset  is not accepted" around nothing.
    for (const contentType of ['application/json; charset=', 'application/json; charset=""', 'application/json;charset= ']) {
      const empty = await post(hub, system.token, '/v1/orders', orderJson('SO-E', 'Ada'), { 'content-type': contentType });
      expect(empty, contentType).toEqual({
        status: 415,
        body: { error: 'unsupported_media_type', message: 'Content-Type: the charset parameter is empty; send the body as UTF-8 (application/json; charset=utf-8), or leave charset out' },
      });
    }

    // Compressed: named as such, not "not valid JSON".
    const gzipped = await post(hub, system.token, '/v1/orders', gzipSync(orderJson('SO-3', 'Ada')), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(415);
    expect(gzipped.body).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(/Content-Encoding: gzip/) });

    expect((await sql.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(0);

    // UTF-8, declared in any spelling or not at all, is taken as before.
    for (const [i, contentType] of ['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8', 'application/json'].entries()) {
      const taken = await post(hub, system.token, '/v1/orders', Buffer.from(orderJson(`SO-U${i}`, 'Müller'), 'utf8'), { 'content-type': contentType, 'content-encoding': 'identity' });
      expect(taken, contentType).toMatchObject({ status: 200, body: { results: [{ status: 'created' }] } });
    }
    expect((await sql.query("SELECT DISTINCT customer FROM orders")).rows).toEqual([{ customer: 'Müller' }]);
  });

  it('refuses a recall or history search parameter given twice, naming it, as the dispatch feed does (reading the first dropped the other)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const cases: [path: string, name: string][] = [
      ['/v1/trace?value=SN-1&value=SN-2', 'value'],
      ['/v1/trace?value=SN&sku=PHN&sku=CBL', 'sku'],
      ['/v1/trace?sku=PHN&from=2026-01-01&from=2026-02-01', 'from'],
      ['/v1/trace?sku=PHN&to=2026-01-01&to=2026-02-01', 'to'],
      ['/v1/trace?match=exact&match=prefix&value=SN', 'match'],
      ['/v1/trace?lot=L1&lot=L2', 'lot'],
      ['/v1/trace?useByFrom=2026-01-01&useByFrom=2026-02-01', 'useByFrom'],
      ['/v1/trace?useByTo=2026-01-01&useByTo=2026-02-01', 'useByTo'],
      ['/v1/trace?value=SN&limit=5&limit=10', 'limit'],
      ['/v1/trace?value=SN&cursor=a&cursor=b', 'cursor'],
      ['/v1/trace.csv?value=SN-1&value=SN-2', 'value'],
      ['/v1/trace.csv?sku=PHN&sku=CBL', 'sku'],
      ['/v1/history?value=SN-1&value=SN-2', 'value'],
      ['/v1/history?value=SN-1&sku=PHN&sku=CBL', 'sku'],
      ['/v1/history?value=SN-1&from=1&from=2', 'from'],
    ];
    for (const [path, name] of cases) {
      for (const token of [system.token, bench!.token]) {
        const answer = await call<{ error: string; message: string }>(hub.url, token, 'GET', path);
        expect(answer, path).toEqual({ status: 400, body: { error: 'bad_request', message: `${name}: given more than once; give it once` } });
      }
    }
    // Once each is taken as before.
    expect((await call(hub.url, system.token, 'GET', '/v1/trace?value=SN&sku=PHN&from=2026-01-01&to=2026-02-01&limit=5')).status).toBe(200);
    expect((await call(hub.url, system.token, 'GET', '/v1/history?value=SN-1&sku=PHN')).status).toBe(200);
    expect((await call(hub.url, system.token, 'GET', '/v1/history?value=SN-1&sku=PHN&from=1')).status).toBe(200);
  });

  it('refuses a query parameter the route does not take, naming it, the ones it takes and the nearest (a typo for from answered the whole feed)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const feed = 'cursor, limit, sku, from, to';
    const trace = 'match, value, sku, skuMatch, from, to, lot, useByFrom, useByTo, cursor, limit';
    const traceCsv = 'match, value, sku, skuMatch, from, to, lot, useByFrom, useByTo';
    const cases: [path: string, as: 'system' | 'bench', message: string][] = [
      ['/v1/dispatches?form=2026-01-01', 'system', `form: not a parameter of /v1/dispatches; did you mean "from"? It takes ${feed}`],
      ['/v1/dispatches?sku=P&form=2026-01-01&form=2026-02-01', 'system', `form: not a parameter of /v1/dispatches; did you mean "from"? It takes ${feed}`],
      ['/v1/dispatches?limit=5&page=2', 'system', `page: not a parameter of /v1/dispatches. It takes ${feed}`],
      ['/v1/dispatches.csv?skus=P', 'system', 'skus: not a parameter of /v1/dispatches.csv; did you mean "sku"? It takes sku, from, to'],
      ['/v1/dispatches.csv?limit=10', 'system', 'limit: not a parameter of /v1/dispatches.csv. It takes sku, from, to'],
      ['/v1/dispatches.xlsx?skus=P', 'system', 'skus: not a parameter of /v1/dispatches.xlsx; did you mean "sku"? It takes sku, from, to'],
      ['/v1/dispatches.xlsx?cursor=abc', 'system', 'cursor: not a parameter of /v1/dispatches.xlsx. It takes sku, from, to'],
      ['/v1/pull?limt=5', 'bench', 'limt: not a parameter of /v1/pull; did you mean "limit"? It takes cursor, limit'],
      ['/v1/trace?vaule=SN', 'system', `vaule: not a parameter of /v1/trace; did you mean "value"? It takes ${trace}`],
      ['/v1/trace?useByfrom=2026-01-01', 'bench', `useByfrom: not a parameter of /v1/trace; did you mean "useByFrom"? It takes ${trace}`],
      ['/v1/trace.csv?value=SN&cursor=abc', 'system', `cursor: not a parameter of /v1/trace.csv. It takes ${traceCsv}`],
      ['/v1/trace.xlsx?value=SN&limit=5', 'bench', `limit: not a parameter of /v1/trace.xlsx. It takes ${traceCsv}`],
      ['/v1/trace.xlsx?vaule=SN', 'system', `vaule: not a parameter of /v1/trace.xlsx; did you mean "value"? It takes ${traceCsv}`],
      ['/v1/history?value=SN&skuu=P', 'bench', 'skuu: not a parameter of /v1/history; did you mean "sku"? It takes value, sku, from'],
    ];
    for (const [path, as, message] of cases) {
      const answer = await call<{ error: string; message: string }>(hub.url, as === 'system' ? system.token : bench!.token, 'GET', path);
      expect(answer, path).toEqual({ status: 400, body: { error: 'bad_request', message } });
    }
    // What each route takes is taken as before.
    expect((await call(hub.url, system.token, 'GET', '/v1/dispatches?limit=5&sku=P&from=2026-01-01&to=2026-02-01')).status).toBe(200);
    expect((await call(hub.url, bench!.token, 'GET', '/v1/pull?limit=5')).status).toBe(200);
    const csv = await fetch(`${hub.url}/v1/dispatches.csv?sku=P&from=2026-01-01`, { headers: { authorization: `Bearer ${system.token}` } });
    expect(csv.status).toBe(200);
    await csv.text();
  });

  it('takes a page size only as plain decimal digits, and refuses any other limit naming it, what was sent and the range (0x10 and 1e3 were read as numbers)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const routes: [path: string, as: 'system' | 'bench', max: number, fallback: number][] = [
      ['/v1/pull?', 'bench', 5000, 1000],
      ['/v1/dispatches?', 'system', 5000, 1000],
      ['/v1/trace?value=SN&', 'system', 1000, 200],
    ];
    for (const [route, as, max, fallback] of routes) {
      const token = as === 'system' ? system.token : bench!.token;
      const digits = `give a whole number from 1 to ${max} in plain digits (e.g. limit=${fallback})`;
      const cases: [limit: string, message: string][] = [
        ['0x10', `limit: "0x10" is not a page size; ${digits}`],
        ['1e3', `limit: "1e3" is not a page size; ${digits}`],
        ['%2B5', `limit: "+5" is not a page size; ${digits}`],
        ['%205', `limit: " 5" is not a page size; ${digits}`],
        ['1.0', `limit: "1.0" is not a page size; ${digits}`],
        ['', `limit: empty; ${digits}, or leave limit out for ${fallback}`],
        ['0', `limit: 0 is out of range; ${digits}`],
        [String(max + 1), `limit: ${max + 1} is out of range; ${digits}`],
        ['99999999999999999999999', `limit: 99999999999999999999999 is out of range; ${digits}`],
        // A long paste is named by its first 40 characters, the cut shown inside the quotes.
        ['x'.repeat(60), `limit: "${'x'.repeat(40)}..." is not a page size; ${digits}`],
      ];
      for (const [limit, message] of cases) {
        const answer = await call<{ error: string; message: string }>(hub.url, token, 'GET', `${route}limit=${limit}`);
        expect(answer, `${route}limit=${limit}`).toEqual({ status: 400, body: { error: 'bad_request', message } });
      }
      // Plain digits, leading zeros included, are taken.
      for (const limit of ['1', '007', String(max)]) expect((await call(hub.url, token, 'GET', `${route}limit=${limit}`)).status, `${route}limit=${limit}`).toBe(200);
    }
  });

  it('answers an empty or unreadable day on the dispatch routes with one message naming the parameter (two were given for one problem)', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const cases: [path: string, message: string][] = [
      ['/v1/dispatches?from=', 'from: empty; give a day written YYYY-MM-DD (e.g. from=2026-03-01), or leave from out'],
      ['/v1/dispatches?to=', 'to: empty; give a day written YYYY-MM-DD (e.g. to=2026-03-01), or leave to out'],
      ['/v1/dispatches.csv?from=', 'from: empty; give a day written YYYY-MM-DD (e.g. from=2026-03-01), or leave from out'],
      ['/v1/dispatches?from=yesterday', 'from: "yesterday" is not a day written YYYY-MM-DD (e.g. from=2026-03-01)'],
      ['/v1/dispatches?to=2026-02-30', 'to: "2026-02-30" is not a day written YYYY-MM-DD (e.g. to=2026-03-01)'],
      ['/v1/dispatches?from=0000-01-01', 'from: 0000-01-01 is not between 0001-01-01 and 9999-12-31'],
      ['/v1/dispatches?from=2026-03-10&to=2026-03-01', 'to: the dispatch date range ends before it starts'],
    ];
    for (const [path, message] of cases) {
      const answer = await call<{ error: string; message: string }>(hub.url, system.token, 'GET', path);
      expect(answer, path).toEqual({ status: 400, body: { error: 'bad_request', message } });
    }
  });

  it('the bench sync client asks the pull route for no parameter the hub does not take', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const client = createHubClient({ hubUrl: hub.url, token: bench!.token });
    const first = await client.pull(null, 10);
    expect(first.more).toBe(false);
    await client.pull(first.cursor, 10);
  });

  it('says what to send fewer of in a 413: the items the route takes', async () => {
    const hub = await fx.hub({ bodyLimit: 1000, pushBodyLimit: 1000 });
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const big = 'x'.repeat(2000);
    const cases: [path: string, token: string, items: string][] = [
      ['/v1/orders', system.token, 'orders'],
      ['/v1/products', system.token, 'products'],
      ['/v1/identifiers', system.token, 'identifiers'],
      ['/v1/stock-counts', system.token, 'counts'],
      ['/v1/push', bench!.token, 'entries'],
    ];
    for (const [path, token, items] of cases) {
      const answer = await post(hub, token, path, JSON.stringify({ [items]: [big] }), { 'content-type': 'application/json' });
      expect(answer, path).toEqual({ status: 413, body: { error: 'payload_too_large', message: `the body is larger than 1000 bytes; send fewer ${items} per request` } });
    }
  });

  it('answers HEAD /healthz as GET, without a body (monitoring tools use HEAD)', async () => {
    const hub = await fx.hub();
    const get = await fetch(`${hub.url}/healthz`);
    const head = await fetch(`${hub.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(await head.text()).toBe('');
    expect(await get.json()).toEqual({ status: 'ok' });
  });

  it('names countedAt when its UTC offset is past what any time zone (and PostgreSQL) has, from the order system and from a bench alike', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    await call(hub.url, system.token, 'POST', '/v1/products', { products: [{ sku: 'P', title: 'T', barcode: null, identifierMode: 'none' }] });
    const counts = await call<{ results: { sku: string; status: string; reason?: string }[] }>(hub.url, system.token, 'POST', '/v1/stock-counts', {
      counts: [
        { sku: 'P', level: 5, countedAt: '2026-01-01T00:00:00+23:59' },
        { sku: 'P', level: 6, countedAt: '2026-01-01T00:00:00-16:00' },
        { sku: 'P', level: 7, countedAt: '2026-01-01T00:00:00+14:00' },
      ],
    });
    expect(counts.status).toBe(200);
    expect(counts.body.results).toEqual([
      { sku: 'P', status: 'rejected', reason: expect.stringMatching(/^counts\.0: countedAt: .*\+23:59.*offset/) },
      { sku: 'P', status: 'rejected', reason: expect.stringMatching(/^counts\.1: countedAt: .*-16:00.*offset/) },
      { sku: 'P', status: 'applied' },
    ]);
    const pushed = await bench!.push({ type: 'stock.count', sku: 'P', level: 9, countedAt: '2026-01-02T00:00:00+20:00' }, { type: 'stock.delta', sku: 'P', delta: 1 });
    expect(pushed.results).toEqual([
      { seq: 1, status: 'rejected', reason: expect.stringMatching(/^the hub cannot take this change: op\.countedAt: .*\+20:00.*offset/) },
      { seq: 2, status: 'applied' },
    ]);
    expect((await sql.query("SELECT stock_level::int AS n FROM products WHERE sku = 'P'")).rows[0].n).toBe(8);
  });
  it('says what is wrong with a countedAt that carries its offset (a space for the T, no seconds, a day that does not exist), not that the offset is missing', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    await call(hub.url, system.token, 'POST', '/v1/products', { products: [{ sku: 'P', title: 'T', barcode: null, identifierMode: 'none' }] });
    const sent = ['2026-01-01 09:30:00Z', '2026-01-01T09:30+01:00', '2026-02-30T09:30:00Z', '2026-01-01T24:00:00Z', '2026-01-01T09:30:00+0100', '2026-01-01T09:30:00'];
    const counts = await call<{ results: { sku: string; status: string; reason?: string }[] }>(hub.url, system.token, 'POST', '/v1/stock-counts', {
      counts: sent.map((countedAt, i) => ({ sku: 'P', level: i, countedAt })),
    });
    expect(counts.body.results.map((r) => r.reason)).toEqual([
      'counts.0: countedAt: 2026-01-01 09:30:00Z has a space between the date and the time; write a T there (ISO 8601), e.g. 2026-12-01T09:30:00Z',
      'counts.1: countedAt: 2026-01-01T09:30+01:00 has no seconds; give the time as hh:mm:ss, e.g. 2026-12-01T09:30:00Z',
      'counts.2: countedAt: 2026-02-30T09:30:00Z names a day or time that does not exist (months have 28 to 31 days, hours 00 to 23, seconds 00 to 59)',
      'counts.3: countedAt: 2026-01-01T24:00:00Z names a day or time that does not exist (months have 28 to 31 days, hours 00 to 23, seconds 00 to 59)',
      'counts.4: countedAt: 2026-01-01T09:30:00+0100 has its UTC offset without a colon; write it +hh:mm, e.g. 2026-12-01T09:30:00+01:00',
      // Without its offset the old words stand: that is the slip they were written for.
      'counts.5: countedAt: must be an ISO 8601 instant with its offset (Z or +hh:mm), e.g. 2026-12-01T09:30:00Z',
    ]);
  });
});
