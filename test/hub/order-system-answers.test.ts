/**
 * What the order system's calls answer (real PostgreSQL, real HTTP): a stock count that changes
 * nothing says so and why, every rejection names its item, and the feed's query names what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import type { CatalogueResponse } from '../../shared/sync/protocol.js';
import { integration, stockOf, useHubFixture, warehouse } from './fixture.js';
import { ALLOCATIONS_LIVE_BY_PRODUCT_INDEX } from '../../hub/db/migrations/0028-allocations-live-by-product.js';

const fx = useHubFixture();
const T = (minute: number) => `2026-12-01T09:${String(minute).padStart(2, '0')}:00.000Z`;

describe('order system answers', () => {
  it('says when a stock count changes nothing, and refuses a different level at a held count time', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    await call(hub.url, system.token, 'POST', '/v1/products', { products: [{ sku: 'CBL', title: 'Cable', barcode: null, identifierMode: 'none' }] });
    const count = async (level: number, minute: number) =>
      (await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/stock-counts', { counts: [{ sku: 'CBL', level, countedAt: T(minute) }] })).body.results[0];

    expect(await count(10, 10)).toEqual({ sku: 'CBL', status: 'applied' });
    // The same count again (a retry): nothing to do, and it says so.
    expect(await count(10, 10)).toEqual({ sku: 'CBL', status: 'unchanged' });
    // A typo corrected at the same count time is not taken silently: refused, saying what to do.
    expect(await count(12, 10)).toEqual({
      sku: 'CBL',
      status: 'rejected',
      reason: `counts.0: SKU CBL already has a count of 10 at ${T(10)}; send the corrected count with a later countedAt`,
    });
    // An older count: the later one wins, and the answer says which one is held.
    expect(await count(7, 5)).toEqual({ sku: 'CBL', status: 'unchanged', reason: `counts.0: a later count of SKU CBL is already held (counted at ${T(10)})` });
    expect(await stockOf(sql, 'CBL')).toBe(10);
    expect(await count(12, 11)).toEqual({ sku: 'CBL', status: 'applied' });
    expect(await stockOf(sql, 'CBL')).toBe(12);
  });

  it("finds a product's live allocations by index when mode none is asked for (no read of every allocation per item)", async () => {
    const hub = await fx.hub();
    const sql = await fx.sql(hub);
    // The planner is told to avoid reading whole tables: with no usable index it still must (and says so).
    await sql.query('SET enable_seqscan = off');
    const plan = await sql.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT count(*) FROM allocations WHERE product_id = 1 AND status = 'live'");
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain(ALLOCATIONS_LIVE_BY_PRODUCT_INDEX);
    expect(text).not.toMatch(/Seq Scan on allocations/);
  });

  it('names the item in every rejection, from the schema or from the database', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const post = async (path: string, body: unknown) => (await call<CatalogueResponse>(hub.url, system.token, 'POST', path, body)).body.results;
    await post('/v1/products', { products: [{ sku: 'PHN', title: 'Phone', barcode: null, identifierMode: 'single_use' }] });
    expect(await post('/v1/stock-counts', { counts: [{ sku: 'PHN', level: 1, countedAt: T(1) }, { sku: 'NOPE', level: 1, countedAt: T(1) }] })).toEqual([
      { sku: 'PHN', status: 'applied' },
      { sku: 'NOPE', status: 'rejected', reason: 'counts.1: unknown SKU NOPE' },
    ]);
    expect(await post('/v1/identifiers', { identifiers: [{ sku: 'PHN', values: ['SN-1'] }, { sku: 'NOPE', values: ['X'] }, { sku: 'PHN', values: ['SN-2'], useBy: '2027-01-01' }] })).toEqual([
      { sku: 'PHN', status: 'applied' },
      { sku: 'NOPE', status: 'rejected', reason: 'identifiers.1: unknown SKU NOPE' },
      { sku: 'PHN', status: 'rejected', reason: expect.stringMatching(/^identifiers\.2: .*use-by/) },
    ]);
    const orders = await call<{ results: unknown[] }>(hub.url, system.token, 'POST', '/v1/orders', {
      orders: [{ orderNumber: 'SO-1', customer: 'Ada', lines: [{ lineNo: 1, sku: 'PHN', quantity: 1 }] }, { orderNumber: 'SO-2', customer: 'Bob', lines: [{ lineNo: 1, sku: 'NOPE', quantity: 1 }] }],
    });
    expect(orders.body.results).toEqual([{ orderNumber: 'SO-1', status: 'created' }, { orderNumber: 'SO-2', status: 'rejected', reason: 'orders.1: unknown SKU NOPE' }]);
  });

  it('refuses a feed limit far too big once, and a repeated query parameter by name', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const get = (path: string) => call<{ error: string; message: string }>(hub.url, system.token, 'GET', path);
    const big = await get('/v1/dispatches?limit=99999999999999999999');
    expect(big.status).toBe(400);
    // One message for one problem, naming the parameter and the range.
    expect(big.body.message.match(/limit:/g)).toHaveLength(1);
    expect(big.body.message).toContain('is out of range');
    for (const name of ['sku', 'from', 'to', 'limit', 'cursor']) {
      const twice = await get(`/v1/dispatches?${name}=A&${name}=B`);
      expect([twice.status, twice.body.message]).toEqual([400, `${name}: given more than once; give it once`]);
    }
    const csv = await get('/v1/dispatches.csv?sku=A&sku=B');
    expect([csv.status, csv.body.message]).toEqual([400, 'sku: given more than once; give it once']);
  });

  it('refuses turning identifiers off for a product with allocations awaiting dispatch, as a bench does, changing nothing', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    const post = async (path: string, body: unknown) => (await call<CatalogueResponse>(hub.url, system.token, 'POST', path, body)).body.results;
    const phone = { sku: 'PHN', title: 'Phone', barcode: null, identifierMode: 'multiple_use' };
    await post('/v1/products', { products: [phone] });
    await post('/v1/identifiers', { identifiers: [{ sku: 'PHN', values: ['SN-1', 'SN-2'] }] });
    await call(hub.url, system.token, 'POST', '/v1/orders', { orders: [{ orderNumber: 'SO-1', customer: 'Ada', lines: [{ lineNo: 1, sku: 'PHN', quantity: 1 }] }] });
    const pushed = await bench!.push({ type: 'allocation.set', orderNumber: 'SO-1', lineNo: 1, unit: 1, sku: 'PHN', value: 'SN-1' });
    expect(pushed.results.map((r) => r.status)).toEqual(['applied']);

    // The refusal names the orders that hold them, as a bench's does: the manager knows which to open.
    expect(await post('/v1/products', { products: [{ ...phone, identifierMode: 'none' }] })).toEqual([
      { sku: 'PHN', status: 'rejected', reason: 'products.0: SKU PHN has 1 identifier allocation on an order awaiting dispatch (SO-1); clear it before turning identifiers off' },
    ]);
    expect((await sql.query(`SELECT identifier_mode FROM products WHERE sku = 'PHN'`)).rows).toEqual([{ identifier_mode: 'multiple_use' }]);
    // More orders than it names: the first three by number, then how many more.
    const more = ['SO-4', 'SO-2', 'SO-3'];
    await call(hub.url, system.token, 'POST', '/v1/orders', { orders: more.map((orderNumber) => ({ orderNumber, customer: 'Ada', lines: [{ lineNo: 1, sku: 'PHN', quantity: 1 }] })) });
    for (const orderNumber of more) await bench!.push({ type: 'allocation.set', orderNumber, lineNo: 1, unit: 1, sku: 'PHN', value: 'SN-2' });
    expect(await post('/v1/products', { products: [{ ...phone, identifierMode: 'none' }] })).toEqual([
      {
        sku: 'PHN',
        status: 'rejected',
        reason: 'products.0: SKU PHN has 4 identifier allocations on 4 orders awaiting dispatch (SO-1, SO-2, SO-3 and 1 more); clear them before turning identifiers off',
      },
    ]);
    // Without allocations the identifiers are kept (as at a bench, shown while the mode is none).
    for (const orderNumber of ['SO-1', ...more]) await bench!.push({ type: 'allocation.clear', orderNumber, lineNo: 1, unit: 1 });
    expect(await post('/v1/products', { products: [{ ...phone, identifierMode: 'none' }] })).toEqual([{ sku: 'PHN', status: 'applied' }]);
  });
  it('refuses a field the order system misspelt or the hub does not know, naming it and the nearest, instead of applying the item without it', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    const post = <T>(path: string, body: unknown) => call<T>(hub.url, system.token, 'POST', path, body);
    const lot = { sku: 'LOT', title: 'Flour', barcode: null, identifierMode: 'multiple_use' };

    // identifierKind misspelt: the product was "applied" as kind other, and every later lot date refused.
    const products = await post<CatalogueResponse>('/v1/products', { products: [{ ...lot, identifierKnd: 'lot' }] });
    expect(products.body.results).toEqual([
      { sku: 'LOT', status: 'rejected', reason: 'products.0: identifierKnd: not a field of a product; did you mean "identifierKind"? A product has sku, title, barcode, identifierMode, identifierKind, identifierFormat, minShelfLifeDays' },
    ]);
    expect((await sql.query('SELECT 1 FROM products')).rowCount).toBe(0);
    expect((await post<CatalogueResponse>('/v1/products', { products: [{ ...lot, identifierKind: 'lot' }] })).body.results[0]!.status).toBe('applied');

    // useBy misspelt: the lots were added without their date, answered "applied".
    const ids = await post<CatalogueResponse>('/v1/identifiers', { identifiers: [{ sku: 'LOT', values: ['L1'], useby: '2027-01-31' }] });
    expect(ids.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^identifiers\.0: useby: not a field of an identifiers item; did you mean "useBy"\?/) });
    const counts = await post<CatalogueResponse>('/v1/stock-counts', { counts: [{ sku: 'LOT', level: 5, countedAt: T(1), takenBy: 'Ann' }] });
    expect(counts.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^counts\.0: takenBy: not a field of a stock count\. A stock count has sku, level, countedAt$/) });

    // In an order and in its lines (a line's price or a misspelt quantity), the order is refused whole.
    const orders = await post<{ results: { orderNumber: string; status: string; reason?: string }[] }>('/v1/orders', {
      orders: [
        { orderNumber: 'SO-1', customer: 'C', reference: 'PO-9', lines: [{ lineNo: 1, sku: 'LOT', quantity: 1 }] },
        { orderNumber: 'SO-2', customer: 'C', lines: [{ lineNo: 1, sku: 'LOT', quantity: 2, qty: 3 }] },
      ],
    });
    expect(orders.body.results).toEqual([
      { orderNumber: 'SO-1', status: 'rejected', reason: 'orders.0: reference: not a field of an order. An order has orderNumber, customer, lines' },
      { orderNumber: 'SO-2', status: 'rejected', reason: 'orders.1: lines.0.qty: not a field of an order line. An order line has lineNo, sku, quantity' },
    ]);
    // An envelope key the route does not take (a dry run the hub has no notion of) is refused whole: 400.
    const dryRun = await post<{ error: string; message: string }>('/v1/orders', { orders: [{ orderNumber: 'SO-3', customer: 'C', lines: [{ lineNo: 1, sku: 'LOT', quantity: 1 }] }], dryRun: true });
    expect(dryRun).toEqual({ status: 400, body: { error: 'bad_request', message: 'dryRun: not a field of the body. The body has orders' } });
    expect((await sql.query('SELECT 1 FROM orders')).rowCount).toBe(0);
    expect((await sql.query('SELECT 1 FROM identifiers')).rowCount).toBe(0);
  });
});
