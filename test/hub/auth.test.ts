import http from 'node:http';
import net from 'node:net';
import type { PushResponse } from '../../shared/sync/protocol.js';
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import { MAX_PUSH_BODY_BYTES } from '../../shared/sync/protocol.js';
import { integration, product, stockOf, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

/**
 * Streams up to `total` bytes of body (no Content-Length); stops writing once answered. Resolves with
 * the status and what was written by then; a reset of the connection (EPIPE, ECONNRESET) before the
 * answer arrived is a failure: the client never learns why it was refused.
 */
function streamBody(url: string, token: string, total: number): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = http.request(`${url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }, (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, written });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * Sends a whole request, a chunked body of `total` bytes, then reads the answer to the end, as a client
 * does that counts a request it could not finish sending as failed. Resolves with the answer's status;
 * a reset of the connection (EPIPE, ECONNRESET) fails it.
 */
function sendWholeBody(url: string, token: string, total: number): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const answer: Buffer[] = [];
    let sent = false;
    let ended = false;
    const settle = () => {
      if (!sent || !ended) return;
      const statusLine = /^HTTP\/1\.1 (\d{3}) /.exec(Buffer.concat(answer).toString('latin1'));
      if (statusLine) resolve(Number(statusLine[1]));
      else reject(new Error('no HTTP answer'));
    };
    socket.on('error', reject);
    socket.on('data', (data: Buffer) => answer.push(data));
    socket.on('end', () => {
      ended = true;
      settle();
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    let written = 0;
    const pump = () => {
      while (written < total) {
        written += chunk.length;
        if (!socket.write(framed)) {
          socket.once('drain', pump);
          return;
        }
      }
      socket.write('0\r\n\r\n', () => {
        sent = true;
        settle();
      });
    };
    socket.once('connect', () => {
      socket.write(`POST /v1/push HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer ${token}\r\ntransfer-encoding: chunked\r\n\r\n`);
      pump();
    });
  });
}

/** Declares a Content-Length but sends only the first bytes: the answer must not wait for the rest. */
function declareBody(url: string, token: string, declared: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/v1/push`,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-length': String(declared) } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', () => undefined);
    req.write('{"stationId":"A","entries":[');
    setTimeout(() => reject(new Error('no answer before the body was complete')), 5000).unref();
  });
}

describe('authentication and scoping', () => {
  it('answers 401 to a missing, wrong or revoked token, and changes nothing', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const body = { stationId: 'A', entries: a!.entries([product('P1')]) };
    for (const token of [null, 'pbh_wrong', `${a!.token}x`, '']) {
      const answer = await call(hub.url, token, 'POST', '/v1/push', body);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: 'unauthorized' });
      expect((await call(hub.url, token, 'GET', '/v1/pull')).status).toBe(401);
    }
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT count(*)::int AS n FROM products')).rows[0].n).toBe(0);
    expect((await sql.query('SELECT last_seq FROM stations')).rows[0].last_seq).toBe('0');

    expect((await call(hub.url, a!.token, 'GET', '/v1/whoami')).body).toEqual({
      warehouse: 'North',
      formerWarehouseNames: [],
      stationId: 'A',
      stationName: 'A',
      lastSeq: 0,
      stations: [{ stationId: 'A', name: 'A' }],
    });
    await hub.admin.revokeBench({ warehouse: 'North', station: 'A' });
    expect((await a!.pushEntries(body.entries)).status).toBe(401);
    expect((await a!.pull()).status).toBe(401);
    expect((await sql.query('SELECT count(*)::int AS n FROM products')).rows[0].n).toBe(0);

    // The station can get a new token and carries on from its seq.
    const renewed = await hub.admin.addBench({ warehouse: 'North', station: 'A' });
    expect((await call(hub.url, renewed.token, 'POST', '/v1/push', body)).status).toBe(200);
  });

  it('tells a revoked token it was revoked (token_revoked), and says no more than before about any other', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    const orders = await integration(hub, 'North');
    await hub.admin.revokeBench({ warehouse: 'North', station: 'A' });
    await hub.admin.revokeIntegration({ warehouse: 'North', name: 'orders' });
    const revoked = { error: 'unauthorized', message: 'this token was revoked at the hub; a new one is needed', reason: 'token_revoked' };
    expect(await call(hub.url, a!.token, 'GET', '/v1/whoami')).toEqual({ status: 401, body: revoked });
    expect(await call(hub.url, a!.token, 'POST', '/v1/push', { stationId: 'A', entries: a!.entries([product('P1')]) })).toEqual({ status: 401, body: revoked });
    expect(await call(hub.url, orders.token, 'GET', '/v1/dispatches')).toEqual({ status: 401, body: revoked });
    // Missing, unknown, or a revoked token altered: today's words, no reason (nothing learnt about the token).
    const unknown = { error: 'unauthorized', message: 'a valid bearer token is required (missing, unknown or revoked)' };
    for (const token of [null, '', 'pbh_wrong', `${a!.token}x`, a!.token.slice(0, -1), `${a!.token} extra`]) {
      expect(await call(hub.url, token, 'GET', '/v1/whoami')).toEqual({ status: 401, body: unknown });
    }
    // The other bench of the warehouse is served as before, and A's new token works.
    expect((await call(hub.url, b!.token, 'GET', '/v1/whoami')).status).toBe(200);
    const renewed = await hub.admin.addBench({ warehouse: 'North', station: 'A' });
    expect((await call(hub.url, renewed.token, 'GET', '/v1/whoami')).status).toBe(200);
    expect((await call(hub.url, a!.token, 'GET', '/v1/whoami')).body).toEqual(revoked);
  });

  it('keeps each warehouse to itself', async () => {
    const hub = await fx.hub();
    const [north] = await warehouse(hub, 'North', ['A']);
    const [south] = await warehouse(hub, 'South', ['S']);
    await north!.push(product('P1'), { type: 'stock.delta', sku: 'P1', delta: 5 });

    // South cannot see North's rows...
    expect((await south!.pullAll()).changes).toEqual([]);
    // ...nor push as North's station...
    const asNorth = await call(hub.url, south!.token, 'POST', '/v1/push', { stationId: 'A', entries: north!.entries([{ type: 'stock.delta', sku: 'P1', delta: 100 }]) });
    expect(asNorth.status).toBe(403);
    expect(asNorth.body).toEqual({ error: 'forbidden', message: 'this token belongs to station "S", not "A"' });
    // ...nor reach North's product by its SKU from its own station.
    const ownStation = await south!.push({ type: 'stock.delta', sku: 'P1', delta: 100 });
    expect(ownStation.results).toEqual([{ seq: 1, status: 'rejected', reason: 'unknown SKU P1' }]);
    expect(await stockOf(await fx.sql(hub), 'P1')).toBe(5);

    // Same SKU in both warehouses: two products.
    await south!.push(product('P1'), { type: 'stock.delta', sku: 'P1', delta: 1 });
    const southChanges = (await south!.pullAll()).changes;
    expect(southChanges.at(-1)).toMatchObject({ kind: 'product', sku: 'P1', stockLevel: 1 });
    expect((await north!.pullAll()).changes.at(-1)).toMatchObject({ kind: 'product', sku: 'P1', stockLevel: 5 });
  });

  it('keeps bench tokens and integration tokens to their own routes', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const orders = await integration(hub, 'North');
    const asIntegration = await call(hub.url, orders.token, 'POST', '/v1/push', { stationId: 'A', entries: [] });
    expect(asIntegration).toEqual({ status: 403, body: { error: 'forbidden', message: '/v1/push needs a bench token' } });
    const asBench = await call(hub.url, a!.token, 'POST', '/v1/orders', { orders: [] });
    expect(asBench).toEqual({ status: 403, body: { error: 'forbidden', message: '/v1/orders needs an integration token' } });
    expect((await call(hub.url, a!.token, 'GET', '/v1/dispatches')).status).toBe(403);
    expect((await call(hub.url, null, 'GET', '/v1/dispatches')).status).toBe(401);
  });

  it('issues one live token per integration, and a revoked one is refused', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', []);
    const orders = await integration(hub, 'North');
    expect((await orders.dispatches()).status).toBe(200);
    await expect(hub.admin.addIntegration({ warehouse: 'North' })).rejects.toThrow('integration "orders" already has a live token; revoke it first');
    await expect(hub.admin.addBench({ warehouse: 'Nowhere' })).rejects.toThrow('no warehouse named "Nowhere"');

    await hub.admin.revokeIntegration({ warehouse: 'North', name: 'orders' });
    expect((await orders.dispatches()).status).toBe(401);
    expect((await orders.orders([{ orderNumber: 'SO-1', customer: 'C', lines: [{ lineNo: 1, sku: 'P1', quantity: 1 }] }])).status).toBe(401);
    await expect(hub.admin.revokeIntegration({ warehouse: 'North', name: 'orders' })).rejects.toThrow(
      'the token of integration "orders" in warehouse "North" is already revoked; add-integration --warehouse "North" --name "orders" issues a new one',
    );
    await expect(hub.admin.revokeIntegration({ warehouse: 'North', name: 'shop' })).rejects.toThrow('no live integration "shop" in warehouse "North"');
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(0);

    const renewed = await hub.admin.addIntegration({ warehouse: 'North' });
    expect((await call(hub.url, renewed.token, 'GET', '/v1/dispatches')).status).toBe(200);
  });
});

describe('bad requests', () => {
  it('answers 400 naming the bad field of a malformed envelope, and changes nothing; a bad op is rejected alone', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const push = (body: unknown) => call<{ error: string; message: string }>(hub.url, a!.token, 'POST', '/v1/push', body);
    const entry = { seq: 1, at: '2026-12-01T09:30:00Z', actor: 'x', op: product('P1') };

    const notJson = await fetch(`${hub.url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${a!.token}`, 'content-type': 'application/json' }, body: '{"stationId":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'bad_request', message: 'the body is not valid JSON' });

    const cases: [unknown, string][] = [
      [{ entries: [entry] }, 'stationId: '],
      [{ stationId: 'A', entries: 'all of them' }, 'entries: '],
      [{ stationId: 'A', entries: [{ ...entry, seq: 0 }] }, 'entries.0.seq: '],
      [[1, 2], '(body): '],
    ];
    for (const [body, field] of cases) {
      const answer = await push(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toBe('bad_request');
      expect(answer.body.message.startsWith(field), answer.body.message).toBe(true);
    }
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT last_seq FROM stations')).rows[0].last_seq).toBe('0');

    // The envelope is fine but ops are not: each is rejected alone, naming the field; the good one applies.
    const ops = await call<PushResponse>(hub.url, a!.token, 'POST', '/v1/push', {
      stationId: 'A',
      entries: [
        { ...entry, seq: 1, op: { type: 'stock.delta', sku: '', delta: 1 } },
        { ...entry, seq: 2, op: { type: 'stock.delta', sku: 'P1', delta: 1.5 } },
        { ...entry, seq: 3, op: { type: 'stock.teleport', sku: 'P1' } },
        // A time with no offset would be read in the hub's own zone; a word, not as a time at all.
        { ...entry, seq: 4, at: '2026-12-01T09:30:00' },
        { ...entry, seq: 5, at: 'now' },
        { ...entry, seq: 6 },
      ],
    });
    expect(ops.status).toBe(200);
    expect(ops.body.results.map((r) => [r.status, r.reason?.replace(/^the hub cannot take this change: /, '').split(':')[0]])).toEqual([
      ['rejected', 'op.sku'],
      ['rejected', 'op.delta'],
      ['rejected', 'op.type'],
      ['rejected', 'at'],
      ['rejected', 'at'],
      ['applied', undefined],
    ]);
    expect(ops.body.results[3]!.reason).toContain('at: must be an ISO 8601 instant with its offset (Z or +hh:mm)');

    const orders = await integration(hub, 'North');
    const badOrder = await call<{ results: { status: string; reason: string }[] }>(hub.url, orders.token, 'POST', '/v1/orders', {
      orders: [{ orderNumber: 'O1', customer: 'C', lines: [{ lineNo: 1, sku: 'P1', quantity: 0 }] }],
    });
    expect(badOrder.status).toBe(200);
    expect(badOrder.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^orders\.0: lines\.0\.quantity: /) });
    const malformed = await call<{ error: string }>(hub.url, orders.token, 'POST', '/v1/orders', { orders: 'none' });
    expect(malformed.status).toBe(400);
    expect((await sql.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(0);
  });

  it('answers 413 to an oversized body without reading it all', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    expect(await declareBody(hub.url, a!.token, MAX_PUSH_BODY_BYTES + 1)).toBe(413);
    // Streamed (no length declared): refused once past the limit, long before the 200 MB are sent.
    const streamed = await streamBody(hub.url, a!.token, 200 * 1024 * 1024);
    expect(streamed.status).toBe(413);
    expect(streamed.written).toBeLessThan(200 * 1024 * 1024);
    // A body just under the limit is read (and here refused as JSON, not for its size).
    const under = await fetch(`${hub.url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${a!.token}`, 'content-type': 'application/json' }, body: ' '.repeat(MAX_PUSH_BODY_BYTES - 10) });
    expect(under.status).toBe(400);
    // The hub is still fine.
    expect((await a!.push(product('P1'))).results[0]!.status).toBe('applied');
  });

  it('lets a client that sends its whole refused body read the answer: 413 a few MB past the limit, 401 before reading', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    expect(await sendWholeBody(hub.url, a!.token, MAX_PUSH_BODY_BYTES + 16 * 1024 * 1024)).toBe(413);
    expect(await sendWholeBody(hub.url, 'pbh_wrong', 16 * 1024 * 1024)).toBe(401);
    expect((await a!.push(product('P1'))).results[0]!.status).toBe('applied');
  });

  it('reads and drops a refused body only so far: a client cannot hold the connection by sending on', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const { hostname, port } = new URL(hub.url);
    // Sends without end (`stallAfter` bytes, then nothing; or on and on), never reading: until the hub closes.
    const sendOn = (stallAfter: number) =>
      new Promise<{ answer: string; written: number; ms: number }>((resolve) => {
        const started = Date.now();
        const socket = net.connect(Number(port), hostname);
        let answer = '';
        let written = 0;
        socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve({ answer, written, ms: Date.now() - started }));
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
        const pump = () => {
          while (!socket.destroyed && written < stallAfter) {
            written += chunk.length;
            if (!socket.write(framed)) {
              socket.once('drain', pump);
              return;
            }
          }
        };
        socket.write(`POST /v1/push HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer ${a!.token}\r\ntransfer-encoding: chunked\r\n\r\n`);
        pump();
      });
    const stalled = await sendOn(MAX_PUSH_BODY_BYTES + 1024 * 1024);
    expect(stalled.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(stalled.ms).toBeLessThan(10_000);
    const flood = await sendOn(Number.POSITIVE_INFINITY);
    expect(flood.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(flood.written).toBeLessThan(200 * 1024 * 1024);
  });

  it('answers unknown routes 404, wrong methods 405, and /healthz without a token', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    expect((await call(hub.url, a!.token, 'GET', '/v1/nothing')).status).toBe(404);
    expect((await call(hub.url, a!.token, 'GET', '/v1/push')).status).toBe(405);
    expect(await call(hub.url, null, 'GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
