/**
 * Poison-proof push, pull and order intake against real PostgreSQL: a value out of the shared bounds (a NUL
 * PostgreSQL cannot store, a lone surrogate UTF-8 cannot carry, an empty identifier, a delta past the
 * stock maximum) is rejected alone with a reason - never a 5xx for the batch - and the next op applies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import { MAX_LINE_QUANTITY, MAX_STOCK_LEVEL } from '../../shared/sync/bounds.js';
import { pullChangeSchema, pullEnvelopeSchema, type PushResponse } from '../../shared/sync/protocol.js';
import { integration, product, stockOf, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

describe('poison-proof push', () => {
  it('rejects each out-of-bounds op with a reason and applies the next one in the same batch', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    await bench!.push(product('P1', 'multiple_use'), { type: 'stock.delta', sku: 'P1', delta: 5 });
    const at = new Date().toISOString();
    const poisoned: unknown[] = [
      { type: 'identifier.add', sku: 'P1', values: ['NUL\u0000inside'] },
      { type: 'identifier.add', sku: 'P1', values: ['lone\ud800surrogate'] },
      { type: 'identifier.add', sku: 'P1', values: [''] },
      { type: 'stock.delta', sku: 'P1', delta: 2 ** 53 },
      { type: 'stock.delta', sku: 'P1', delta: MAX_STOCK_LEVEL },
      { type: 'stock.delta', sku: 'P1', delta: -6 },
      { type: 'product.upsert', sku: 'P\u00002', title: 't', barcode: null, identifierMode: 'none' },
      { type: 'order.upsert', orderNumber: 'O1', customer: 'Ada', lines: [{ lineNo: 1, sku: 'P1', quantity: 2_147_483_647 }] },
      { type: 'no.such.op' },
    ];
    const entries = [
      ...poisoned.map((op, i) => ({ seq: 3 + i, at, actor: 'test', op })),
      // a poisoned envelope field: the time itself holds a NUL
      { seq: 3 + poisoned.length, at: 'x\u0000', actor: 'test', op: { type: 'stock.delta', sku: 'P1', delta: 1 } },
      { seq: 4 + poisoned.length, at, actor: 'test', op: { type: 'identifier.add', sku: 'P1', values: ['GOOD-1'] } },
      { seq: 5 + poisoned.length, at, actor: 'test', op: { type: 'stock.delta', sku: 'P1', delta: 3 } },
    ];
    const answer = await call<PushResponse>(hub.url, bench!.token, 'POST', '/v1/push', { stationId: 'A', entries });
    expect(answer.status).toBe(200);
    const results = answer.body.results;
    expect(results.map((r) => r.status)).toEqual([...poisoned.map(() => 'rejected'), 'rejected', 'applied', 'applied']);
    const reasons = results.map((r) => r.reason ?? '');
    expect(reasons[0]).toContain('op.values.0: identifier contains a control character (NUL)');
    expect(reasons[1]).toContain('op.values.0: identifier contains a broken character (a lone UTF-16 surrogate)');
    expect(reasons[2]).toContain('op.values.0: identifier is empty');
    expect(reasons[3]).toContain('op.delta: stock change must be at most 1,000,000,000');
    expect(reasons[4]).toBe('SKU P1 has 5 in stock at the hub; a change of 1000000000 would pass the maximum of 1000000000');
    expect(reasons[5]).toBe('SKU P1 has 5 in stock at the hub; a change of -6 would make it negative');
    expect(reasons[6]).toContain('op.sku: sku contains a control character (NUL)');
    expect(reasons[7]).toContain(`op.lines.0.quantity: quantity must be at most ${MAX_LINE_QUANTITY.toLocaleString('en')}`);
    expect(reasons[8]).toContain('op.type');
    expect(reasons[9]).toContain('at: must be an ISO 8601 instant with its offset');
    expect(answer.body.lastSeq).toBe(5 + poisoned.length);

    const sql = await fx.sql(hub);
    expect(await stockOf(sql, 'P1')).toBe(8);
    expect((await sql.query('SELECT value FROM identifiers ORDER BY value')).rows.map((r) => r.value)).toEqual(['GOOD-1']);
    // A retry gets the same verdicts (the reasons were remembered), still no 5xx.
    const again = await call<PushResponse>(hub.url, bench!.token, 'POST', '/v1/push', { stationId: 'A', entries });
    expect(again.status).toBe(200);
    expect(again.body.results.map((r) => r.status)).toEqual([...poisoned.map(() => 'rejected'), 'rejected', 'duplicate', 'duplicate']);
  });

  it('never answers 5xx nor stops the next op, whatever the ops hold (fast-check)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    await bench!.push(product('P1', 'multiple_use'));
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\t', ' ', '\u00a0', '\ud800', '\udc00', '😀', 'a', 'P', '1', '"', '\\'), maxLength: 6 }),
      fc.constantFrom('P1', '', 'x'.repeat(201), '\u0000', 'P1 '),
    );
    const number = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53, -(2 ** 53), 1.5, MAX_STOCK_LEVEL + 1, MAX_LINE_QUANTITY + 1));
    const op = fc.oneof(
      fc.record({ type: fc.constant('identifier.add'), sku: text, values: fc.array(text, { maxLength: 3 }) }),
      fc.record({ type: fc.constant('stock.delta'), sku: text, delta: number }),
      fc.record({ type: fc.constant('product.upsert'), sku: text, title: text, barcode: fc.option(text), identifierMode: fc.constantFrom('none', 'single_use', 'bogus') }),
      fc.record({ type: fc.constant('order.upsert'), orderNumber: text, customer: text, lines: fc.array(fc.record({ lineNo: number, sku: text, quantity: number }), { maxLength: 2 }) }),
      fc.record({ type: fc.constant('allocation.set'), orderNumber: text, lineNo: number, unit: number, sku: text, value: text }),
      fc.anything({ maxDepth: 2 }),
    );
    let seq = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const at = new Date().toISOString();
        // Each poisoned op is followed by a good one, which must apply.
        const entries = ops.flatMap((o) => [
          { seq: ++seq, at, actor: 'fuzz', op: o },
          { seq: ++seq, at, actor: 'fuzz', op: { type: 'stock.delta', sku: 'P1', delta: 1 } },
        ]);
        const answer = await call<PushResponse>(hub.url, bench!.token, 'POST', '/v1/push', { stationId: 'A', entries });
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 400) {
          // The body reader refused the request as a whole (e.g. an absurd JSON shape from fc.anything):
          // nothing was taken, so the seqs are free again.
          seq -= entries.length;
          return;
        }
        expect(answer.status).toBe(200);
        answer.body.results.forEach((r, i) => {
          if (i % 2 === 1) expect(r.status).toBe('applied');
          else expect(['applied', 'rejected']).toContain(r.status);
          if (r.status === 'rejected') expect(r.reason).toMatch(/\w/);
        });
      }),
      { numRuns: 25 },
    );
    // Every good delta counted (a generated stock.delta for P1 may have moved it too, within bounds).
    const stock = await stockOf(await fx.sql(hub), 'P1');
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(stock).toBeLessThanOrEqual(MAX_STOCK_LEVEL);
  });

  it('takes each order of an intake on its own: a poisoned order is rejected, the next is created', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    await bench!.push(product('P1', 'none'));
    const system = await integration(hub, 'North');
    const answer = await call<{ results: { orderNumber: string; status: string; reason?: string }[] }>(hub.url, system.token, 'POST', '/v1/orders', {
      orders: [
        { orderNumber: 'SO-1', customer: 'Ada\u0000Lovelace', lines: [{ lineNo: 1, sku: 'P1', quantity: 1 }] },
        { orderNumber: 'SO-2', customer: 'Grace', lines: [{ lineNo: 1, sku: 'P1', quantity: MAX_LINE_QUANTITY + 1 }] },
        { orderNumber: ' SO-3', customer: 'Alan', lines: [{ lineNo: 1, sku: 'P1', quantity: 1 }] },
        { orderNumber: 'SO-4', customer: 'Edsger', lines: [{ lineNo: 1, sku: 'P1', quantity: MAX_LINE_QUANTITY }] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { orderNumber: 'SO-1', status: 'rejected', reason: 'orders.0: customer: customer contains a control character (NUL)' },
      { orderNumber: 'SO-2', status: 'rejected', reason: 'orders.1: lines.0.quantity: quantity must be at most 1,000,000' },
      { orderNumber: ' SO-3', status: 'rejected', reason: 'orders.2: orderNumber: order number has spaces or line breaks at the start or end' },
      { orderNumber: 'SO-4', status: 'created' },
    ]);
  });

  it('refuses out-of-bounds rows written around the protocol (the PostgreSQL CHECKs)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    await bench!.push(product('P1', 'none'));
    const sql = await fx.sql(hub);
    await expect(sql.query(`UPDATE products SET title = 'a' || chr(7) WHERE sku = 'P1'`)).rejects.toThrow(/products_title_bounds/);
    await expect(sql.query(`UPDATE products SET sku = ' P1' WHERE sku = 'P1'`)).rejects.toThrow(/products_sku_bounds/);
    await expect(sql.query(`UPDATE products SET stock_level = -1 WHERE sku = 'P1'`)).rejects.toThrow(/products_stock_level_bounds/);
    await expect(sql.query(`UPDATE products SET stock_level = ${MAX_STOCK_LEVEL + 1} WHERE sku = 'P1'`)).rejects.toThrow(/products_stock_level_bounds/);
    await sql.query(`UPDATE products SET title = 'tab' || chr(9) || 'inside' WHERE sku = 'P1'`);
  });
});

describe('poison-proof pull', () => {
  it('never answers 5xx to a pull, whatever its cursor and limit; a 200 is a page in the shared shape (fast-check)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    await bench!.push(product('P1', 'none'), product('P2', 'multiple_use'), { type: 'identifier.add', sku: 'P2', values: ['S1', 'S2'] });
    const first = await bench!.pull(undefined, 2);
    expect(first.status).toBe(200);
    const issued = first.body.cursor;
    const encoded = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const cursor = fc.oneof(
      fc.constant(issued),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      // Shaped like a cursor, with numbers past every range PostgreSQL has.
      fc.tuple(fc.bigInt({ min: -1n, max: 2n ** 70n }), fc.bigInt({ min: -1n, max: 2n ** 70n })).map(([xid, id]) => encoded(`${xid}:${id}`)),
      fc.string({ maxLength: 30 }).map(encoded),
      fc.constant('x'.repeat(5_000)),
    );
    const limit = fc.oneof(
      fc.integer({ min: -10, max: 100_000 }).map(String),
      fc.constantFrom('', '1.5', '1e3', 'NaN', '-0', '9'.repeat(30), ' 5', '0x10'),
      fc.string({ maxLength: 6 }),
    );
    let pages = 0;
    await fc.assert(
      fc.asyncProperty(fc.option(cursor, { nil: undefined }), fc.option(limit, { nil: undefined }), async (c, l) => {
        const query = new URLSearchParams();
        if (c !== undefined) query.set('cursor', c);
        if (l !== undefined) query.set('limit', l);
        const answer = await call<unknown>(hub.url, bench!.token, 'GET', `/v1/pull?${query}`);
        if (answer.status !== 200) {
          // Refused as the caller's mistake, with a message that names what is wrong.
          expect(answer.status).toBe(400);
          expect(answer.body).toEqual({ error: 'bad_request', message: expect.stringMatching(/^(cursor|limit): /) });
          return;
        }
        pages++;
        const page = pullEnvelopeSchema.parse(answer.body);
        for (const change of page.changes) expect(pullChangeSchema.safeParse(change).success).toBe(true);
      }),
      { numRuns: 120 },
    );
    // Good cursors and limits came up too, and were served.
    expect(pages).toBeGreaterThan(0);
    // The hub still serves a plain pull afterwards.
    expect((await bench!.pullAll()).changes.length).toBeGreaterThanOrEqual(4);
  });
});
