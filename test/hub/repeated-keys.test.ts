/**
 * One intake request naming the same order, SKU, order line, identifier or stock count twice (real
 * PostgreSQL, real HTTP): an integrator's doubled row. It was applied twice, the second as an update of
 * the first, so the doubled row silently won (or, for counts, the first did); now the whole request is
 * refused (400) naming the key and both positions, and nothing is applied. Keys compare exactly, as the
 * hub's unique indexes do (a count's time as the instant PostgreSQL holds).
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import type { CatalogueResponse, OrdersResponse } from '../../shared/sync/protocol.js';
import { integration, stockOf, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

const anOrder = (orderNumber: string, customer: string, quantity = 1) => ({ orderNumber, customer, lines: [{ lineNo: 1, sku: 'P', quantity }] });
const aProduct = (sku: string, title: string) => ({ sku, title, barcode: null, identifierMode: 'none' });

async function northWithIntegration() {
  const hub = await fx.hub();
  await warehouse(hub, 'North', ['A']);
  const system = await integration(hub, 'North');
  const sql = await fx.sql(hub);
  const post = <T>(path: string, body: unknown) => call<T>(hub.url, system.token, 'POST', path, body);
  return { hub, sql, post, system };
}

describe('repeated keys in one intake request', () => {
  it('refuses a body naming one JSON key twice (the last silently won), naming the key and where, and changes nothing', async () => {
    const { hub, sql, post, system } = await northWithIntegration();
    const [bench] = await warehouse(hub, 'South', ['S']);
    await post('/v1/products', { products: [aProduct('P', 'Plug')] });
    const send = async (token: string, path: string, text: string) => {
      const response = await fetch(hub.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: text });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const refused = (message: string) => ({ status: 400, body: { error: 'bad_request', message } });

    // An order system's doubled quantity: neither 1 nor 5 is known to be meant.
    expect(await send(system.token, '/v1/orders', '{"orders":[{"orderNumber":"SO-1","customer":"Ada","lines":[{"lineNo":1,"sku":"P","quantity":1,"quantity":5}]}]}')).toEqual(
      refused('orders.0.lines.0.quantity: given twice in one object; send each field once'),
    );
    // Keys compare as JSON reads them: "\u0071uantity" is "quantity".
    expect(await send(system.token, '/v1/orders', '{"orders":[{"orderNumber":"SO-1","customer":"Ada","lines":[{"lineNo":1,"sku":"P","quantity":1,"\\u0071uantity":5}]}]}')).toEqual(
      refused('orders.0.lines.0.quantity: given twice in one object; send each field once'),
    );
    // The body's own list named twice: the first list of orders would be dropped unseen.
    expect(await send(system.token, '/v1/orders', '{"orders":[{"orderNumber":"SO-2","customer":"Bob","lines":[{"lineNo":1,"sku":"P","quantity":1}]}],"orders":[]}')).toEqual(
      refused('orders: given twice in one object; send each field once'),
    );
    expect((await sql.query('SELECT 1 FROM orders')).rowCount).toBe(0);

    // A bench's push alike: the entry is not applied, and its seq not taken.
    const entry = '{"seq":1,"at":"2026-01-01T00:00:00Z","actor":"packer","op":{"type":"stock.delta","sku":"P","delta":1,"delta":-1}}';
    expect(await send(bench!.token, '/v1/push', `{"stationId":"S","entries":[${entry}]}`)).toEqual(refused('entries.0.op.delta: given twice in one object; send each field once'));
    expect((await sql.query(`SELECT last_seq FROM stations WHERE station_id = 'S'`)).rows).toEqual([{ last_seq: '0' }]);

    // The same key in two objects is no repeat.
    expect(await send(system.token, '/v1/orders', '{"orders":[{"orderNumber":"SO-3","customer":"Cy","lines":[{"lineNo":1,"sku":"P","quantity":1},{"lineNo":2,"sku":"P","quantity":2}]}]}')).toEqual({
      status: 200,
      body: { results: [{ orderNumber: 'SO-3', status: 'created' }] },
    });
  });

  it('refuses a request with the same order number twice, naming it and both positions, and applies none of its orders', async () => {
    const { sql, post } = await northWithIntegration();
    expect((await post<CatalogueResponse>('/v1/products', { products: [aProduct('P', 'Plug')] })).body.results).toEqual([{ sku: 'P', status: 'applied' }]);

    const doubled = await post<{ error: string; message: string }>('/v1/orders', {
      orders: [anOrder('SO-1', 'Ada', 1), anOrder('SO-2', 'Bob'), anOrder('SO-3', 'Cy'), anOrder('SO-1', 'Ada', 5)],
    });
    expect(doubled).toEqual({ status: 400, body: { error: 'bad_request', message: 'orders.3: order number "SO-1" repeats orders.0; send each order once per request' } });
    expect((await sql.query('SELECT 1 FROM orders')).rowCount).toBe(0);

    // Every repeat is named, each with the position it repeats (the first one), in request order.
    const twice = await post<{ error: string; message: string }>('/v1/orders', {
      orders: [anOrder('SO-1', 'Ada'), anOrder('SO-2', 'Bob'), anOrder('SO-2', 'Bob'), anOrder('SO-1', 'Ada'), anOrder('SO-1', 'Ada')],
    });
    expect(twice.body.message).toBe(
      'orders.2: order number "SO-2" repeats orders.1; send each order once per request; ' +
        'orders.3: order number "SO-1" repeats orders.0; send each order once per request; ' +
        'orders.4: order number "SO-1" repeats orders.0; send each order once per request',
    );
    expect((await sql.query('SELECT 1 FROM orders')).rowCount).toBe(0);

    // Order numbers are case-sensitive at the hub (a unique index on the number as it is): two orders.
    const cased = await post<OrdersResponse>('/v1/orders', { orders: [anOrder('SO-1', 'Ada'), anOrder('so-1', 'Bob')] });
    expect(cased).toEqual({ status: 200, body: { results: [{ orderNumber: 'SO-1', status: 'created' }, { orderNumber: 'so-1', status: 'created' }] } });
    expect((await sql.query('SELECT order_number, customer FROM orders ORDER BY order_number COLLATE "C"')).rows).toEqual([
      { order_number: 'SO-1', customer: 'Ada' },
      { order_number: 'so-1', customer: 'Bob' },
    ]);
  });

  it('refuses a request with the same SKU twice among products, naming it and both positions, and applies none of them', async () => {
    const { sql, post } = await northWithIntegration();
    const doubled = await post<{ error: string; message: string }>('/v1/products', { products: [aProduct('P-1', 'Plug'), aProduct('P-2', 'Cable'), aProduct('P-1', 'Plug, old title')] });
    expect(doubled).toEqual({ status: 400, body: { error: 'bad_request', message: 'products.2: sku "P-1" repeats products.0; send each product once per request' } });
    expect((await sql.query('SELECT 1 FROM products')).rowCount).toBe(0);

    // SKUs are case-sensitive at the hub: "P-1" and "p-1" are two products.
    const cased = await post<CatalogueResponse>('/v1/products', { products: [aProduct('P-1', 'Plug'), aProduct('p-1', 'Small plug')] });
    expect(cased).toEqual({ status: 200, body: { results: [{ sku: 'P-1', status: 'applied' }, { sku: 'p-1', status: 'applied' }] } });
    expect((await sql.query('SELECT sku, title FROM products ORDER BY sku COLLATE "C"')).rows).toEqual([
      { sku: 'P-1', title: 'Plug' },
      { sku: 'p-1', title: 'Small plug' },
    ]);
  });

  it('rejects an order listing a line number twice, naming the line number and both lines, and applies the other orders', async () => {
    const { sql, post } = await northWithIntegration();
    await post('/v1/products', { products: [aProduct('P', 'Plug'), aProduct('Q', 'Cable')] });
    const answer = await post<OrdersResponse>('/v1/orders', {
      orders: [
        anOrder('SO-1', 'Ada'),
        {
          orderNumber: 'SO-2',
          customer: 'Bob',
          lines: [
            { lineNo: 1, sku: 'P', quantity: 1 },
            { lineNo: 2, sku: 'Q', quantity: 1 },
            { lineNo: 1, sku: 'Q', quantity: 3 },
          ],
        },
      ],
    });
    expect(answer).toEqual({
      status: 200,
      body: {
        results: [
          { orderNumber: 'SO-1', status: 'created' },
          { orderNumber: 'SO-2', status: 'rejected', reason: 'orders.1: lines.2: line number 1 repeats lines.0; give each line of an order its own number' },
        ],
      },
    });
    expect((await sql.query('SELECT order_number FROM orders')).rows).toEqual([{ order_number: 'SO-1' }]);
  });

  it('refuses a request with the same SKU and identifier in two items, whatever their use-by dates, naming both positions, and changes nothing', async () => {
    const { sql, post } = await northWithIntegration();
    await post('/v1/products', {
      products: [
        { sku: 'MLK', title: 'Milk', barcode: null, identifierMode: 'multiple_use', identifierKind: 'lot' },
        { sku: 'PHN', title: 'Phone', barcode: null, identifierMode: 'single_use' },
      ],
    });
    expect((await post<CatalogueResponse>('/v1/identifiers', { identifiers: [{ sku: 'MLK', values: ['L-1'], useBy: '2027-01-31' }] })).body.results).toEqual([
      { sku: 'MLK', status: 'applied' },
    ]);
    const held = async () =>
      (await sql.query(`SELECT p.sku, i.value, to_char(i.use_by, 'YYYY-MM-DD') AS use_by FROM identifiers i JOIN products p ON p.id = i.product_id ORDER BY p.sku COLLATE "C", i.value COLLATE "C"`)).rows;
    const events = async () => Number((await sql.query('SELECT count(*) AS n FROM identifier_events')).rows[0].n);
    const before = { held: await held(), events: await events() };
    expect(before.held).toEqual([{ sku: 'MLK', value: 'L-1', use_by: '2027-01-31' }]);

    // Two dates for one lot: which was meant is not known (the second silently won).
    const twoDates = await post<{ error: string; message: string }>('/v1/identifiers', {
      identifiers: [
        { sku: 'MLK', values: ['L-1', 'L-2'], useBy: '2027-03-31' },
        { sku: 'PHN', values: ['SN-1'] },
        { sku: 'MLK', values: ['L-3', 'L-1'], useBy: '2027-04-30' },
      ],
    });
    expect(twoDates).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'identifiers.2.values.1: sku "MLK" value "L-1" repeats identifiers.0.values.0; send each identifier once per request' },
    });
    // The same item twice (same date) and the same value without a date are refused alike, as a doubled order is.
    const exact = await post<{ error: string; message: string }>('/v1/identifiers', {
      identifiers: [
        { sku: 'MLK', values: ['L-4'], useBy: '2027-05-31' },
        { sku: 'PHN', values: ['SN-2', 'SN-3'] },
        { sku: 'MLK', values: ['L-4'], useBy: '2027-05-31' },
        { sku: 'PHN', values: ['SN-3'] },
      ],
    });
    expect(exact).toEqual({
      status: 400,
      body: {
        error: 'bad_request',
        message:
          'identifiers.2.values.0: sku "MLK" value "L-4" repeats identifiers.0.values.0; send each identifier once per request; ' +
          'identifiers.3.values.0: sku "PHN" value "SN-3" repeats identifiers.1.values.1; send each identifier once per request',
      },
    });
    expect({ held: await held(), events: await events() }).toEqual(before);

    // The same value of two products, a value in another case, and a value twice in one item (one date) are not repeats.
    const fine = await post<CatalogueResponse>('/v1/identifiers', {
      identifiers: [
        { sku: 'MLK', values: ['X-1', 'L-5', 'L-5'], useBy: '2027-06-30' },
        { sku: 'PHN', values: ['X-1'] },
        { sku: 'MLK', values: ['l-5'], useBy: '2027-07-31' },
      ],
    });
    expect(fine).toEqual({ status: 200, body: { results: [{ sku: 'MLK', status: 'applied' }, { sku: 'PHN', status: 'applied' }, { sku: 'MLK', status: 'applied' }] } });
    expect(await held()).toEqual([
      { sku: 'MLK', value: 'L-1', use_by: '2027-01-31' },
      { sku: 'MLK', value: 'L-5', use_by: '2027-06-30' },
      { sku: 'MLK', value: 'X-1', use_by: '2027-06-30' },
      { sku: 'MLK', value: 'l-5', use_by: '2027-07-31' },
      { sku: 'PHN', value: 'X-1', use_by: null },
    ]);
  });

  it('refuses a request with two counts of one SKU at the same time (however written), naming both positions, and changes nothing', async () => {
    const { sql, post } = await northWithIntegration();
    await post('/v1/products', { products: [aProduct('CBL', 'Cable'), aProduct('cbl', 'Small cable'), aProduct('PLG', 'Plug')] });
    expect((await post<CatalogueResponse>('/v1/stock-counts', { counts: [{ sku: 'CBL', level: 10, countedAt: '2026-03-01T09:00:00Z' }] })).body.results).toEqual([
      { sku: 'CBL', status: 'applied' },
    ]);
    const counted = async () =>
      (await sql.query(`SELECT sku, stock_level::int AS level, counted_level::int AS counted, counted_at FROM products ORDER BY sku COLLATE "C"`)).rows;
    const before = await counted();

    // Two levels at one time: which is right is not known (the first silently won). +01:00 is the same instant as Z an hour earlier.
    const twoLevels = await post<{ error: string; message: string }>('/v1/stock-counts', {
      counts: [
        { sku: 'CBL', level: 20, countedAt: '2026-03-01T10:00:00Z' },
        { sku: 'PLG', level: 5, countedAt: '2026-03-01T10:00:00Z' },
        { sku: 'CBL', level: 30, countedAt: '2026-03-01T11:00:00.000+01:00' },
      ],
    });
    expect(twoLevels).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'counts.2: sku "CBL" counted at "2026-03-01T11:00:00.000+01:00" repeats counts.0; send one count per product and time' },
    });
    // The same count twice is refused alike, as a doubled order is.
    const exact = await post<{ error: string; message: string }>('/v1/stock-counts', {
      counts: [
        { sku: 'PLG', level: 5, countedAt: '2026-03-01T10:00:00Z' },
        { sku: 'PLG', level: 5, countedAt: '2026-03-01T10:00:00Z' },
      ],
    });
    expect(exact.status).toBe(400);
    expect(exact.body.message).toBe('counts.1: sku "PLG" counted at "2026-03-01T10:00:00Z" repeats counts.0; send one count per product and time');
    // Past the microsecond, digits are rounded as PostgreSQL rounds them: the same time.
    const rounded = await post<{ error: string; message: string }>('/v1/stock-counts', {
      counts: [
        { sku: 'CBL', level: 20, countedAt: '2026-03-01T10:00:00Z' },
        { sku: 'CBL', level: 30, countedAt: '2026-03-01T10:00:00.0000004Z' },
      ],
    });
    expect(rounded.body.message).toBe('counts.1: sku "CBL" counted at "2026-03-01T10:00:00.0000004Z" repeats counts.0; send one count per product and time');
    expect(await counted()).toEqual(before);
    expect(await stockOf(sql, 'CBL')).toBe(10);

    // One SKU at two times (a microsecond apart, as PostgreSQL keeps them), and two SKUs differing in case, are not repeats.
    const fine = await post<CatalogueResponse>('/v1/stock-counts', {
      counts: [
        { sku: 'CBL', level: 20, countedAt: '2026-03-01T10:00:00.000001Z' },
        { sku: 'CBL', level: 30, countedAt: '2026-03-01T10:00:00.000002Z' },
        { sku: 'cbl', level: 7, countedAt: '2026-03-01T10:00:00.000001Z' },
      ],
    });
    expect(fine).toEqual({ status: 200, body: { results: [{ sku: 'CBL', status: 'applied' }, { sku: 'CBL', status: 'applied' }, { sku: 'cbl', status: 'applied' }] } });
    expect(await stockOf(sql, 'CBL')).toBe(30);
    expect(await stockOf(sql, 'cbl')).toBe(7);
  });
});
