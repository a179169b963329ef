/**
 * One intake request naming the same order, SKU or order line twice (real PostgreSQL, real HTTP): an
 * integrator's doubled row. It was applied twice, the second as an update of the first, so the doubled
 * row silently won; now the whole request is refused (400) naming the key and both positions, and
 * nothing is applied. Keys compare exactly, as the hub's unique indexes do.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import type { CatalogueResponse, OrdersResponse } from '../../shared/sync/protocol.js';
import { integration, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

const anOrder = (orderNumber: string, customer: string, quantity = 1) => ({ orderNumber, customer, lines: [{ lineNo: 1, sku: 'P', quantity }] });
const aProduct = (sku: string, title: string) => ({ sku, title, barcode: null, identifierMode: 'none' });

async function northWithIntegration() {
  const hub = await fx.hub();
  await warehouse(hub, 'North', ['A']);
  const system = await integration(hub, 'North');
  const sql = await fx.sql(hub);
  const post = <T>(path: string, body: unknown) => call<T>(hub.url, system.token, 'POST', path, body);
  return { hub, sql, post };
}

describe('repeated keys in one intake request', () => {
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
});
