import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import type { OrdersResponse } from '../../shared/sync/protocol.js';
import { integration, order, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

const line = (lineNo: number, sku: string, quantity: number) => ({ lineNo, sku, quantity });

describe('order system', () => {
  it('takes orders idempotently by order number and hands them to the benches', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1'), product('P2', 'none'));
    const oms = await integration(hub, 'North');
    const o1 = { orderNumber: 'SO-1', customer: 'Ada', lines: [line(1, 'P1', 2)] };

    expect((await oms.orders([o1, { orderNumber: 'SO-2', customer: 'Bob', lines: [line(1, 'NOPE', 1)] }])).body.results).toEqual([
      { orderNumber: 'SO-1', status: 'created' },
      { orderNumber: 'SO-2', status: 'rejected', reason: 'orders.1: unknown SKU NOPE' },
    ]);
    expect((await oms.orders([o1])).body.results).toEqual([{ orderNumber: 'SO-1', status: 'unchanged' }]);
    // An order that is not an object is named as that order, not as the request body.
    expect((await call<OrdersResponse>(hub.url, oms.token, 'POST', '/v1/orders', { orders: [null, ['SO-3']] })).body.results).toEqual([
      { orderNumber: '', status: 'rejected', reason: 'orders.0: order 1 must be an object, not null' },
      { orderNumber: '', status: 'rejected', reason: 'orders.1: order 2 must be an object, not a list' },
    ]);
    const amended = { ...o1, lines: [line(1, 'P1', 3), line(2, 'P2', 1)] };
    expect((await oms.orders([amended])).body.results).toEqual([{ orderNumber: 'SO-1', status: 'updated' }]);
    expect((await oms.orders([amended])).body.results).toEqual([{ orderNumber: 'SO-1', status: 'unchanged' }]);

    const orders = (await a!.pullAll()).changes.filter((c) => c.kind === 'order');
    // One change per actual change: "unchanged" logs nothing.
    expect(orders).toEqual([
      { kind: 'order', changeId: expect.any(Number), orderNumber: 'SO-1', customer: 'Ada', version: 1, lines: [{ lineNo: 1, sku: 'P1', quantity: 2, dispatched: 0 }] },
      {
        kind: 'order',
        changeId: expect.any(Number),
        orderNumber: 'SO-1',
        customer: 'Ada',
        version: 2,
        lines: [
          { lineNo: 1, sku: 'P1', quantity: 3, dispatched: 0 },
          { lineNo: 2, sku: 'P2', quantity: 1, dispatched: 0 },
        ],
      },
    ]);
  });

  it('an unknown SKU names the SKU that was probably meant: one equal ignoring case, else one a typo away; none when unclear', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('CABLE-2M', 'none'), product('SKU-10', 'none'), product('SKU-11', 'none'));
    const oms = await integration(hub, 'North');
    const one = (orderNumber: string, sku: string) => ({ orderNumber, customer: 'Ada', lines: [line(1, 'CABLE-2M', 1), line(2, sku, 1)] });
    expect((await oms.orders([one('SO-1', 'cable-2m'), one('SO-2', 'CALBE-2M'), one('SO-3', 'SKU-1'), one('SO-4', 'NOPE')])).body.results).toEqual([
      { orderNumber: 'SO-1', status: 'rejected', reason: 'orders.0: unknown SKU cable-2m (did you mean "CABLE-2M"? SKUs are case-sensitive)' },
      { orderNumber: 'SO-2', status: 'rejected', reason: 'orders.1: unknown SKU CALBE-2M (did you mean "CABLE-2M"?)' },
      { orderNumber: 'SO-3', status: 'rejected', reason: 'orders.2: unknown SKU SKU-1' }, // SKU-10 and SKU-11 are as near
      { orderNumber: 'SO-4', status: 'rejected', reason: 'orders.3: unknown SKU NOPE' },
    ]);
    expect((await a!.pullAll()).changes.filter((c) => c.kind === 'order')).toEqual([]);
  });

  it("an unknown SKU many orders of one request share (a product not yet at the hub) is looked for once, each order told", async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('CABLE-2M', 'none'));
    const oms = await integration(hub, 'North');
    // Looking for the meant SKU reads the warehouse's SKUs; counted on the hub's own pool, the database answering.
    let looks = 0;
    const query = hub.pool.query.bind(hub.pool) as (...args: unknown[]) => unknown;
    (hub.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if ((args[0] as { name?: string } | undefined)?.name === 'hub_meant_sku_case') looks++;
      return query(...args);
    };
    const orders = Array.from({ length: 30 }, (_, i) => ({ orderNumber: `SO-${i + 1}`, customer: 'Ada', lines: [line(1, 'cable-2m', 1)] }));
    const results = (await oms.orders(orders)).body.results;
    expect(results.map((r) => r.reason)).toEqual(orders.map((_, i) => `orders.${i}: unknown SKU cable-2m (did you mean "CABLE-2M"? SKUs are case-sensitive)`));
    expect(looks).toBe(1);
  });

  it('refuses amendments that would contradict allocations or dispatches', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(
      product('P1'),
      product('P2'),
      { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2', 'S3'] },
      order('O1', ['P1', 3], ['P2', 1]),
      { type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 3, sku: 'P1', value: 'S3' },
      { type: 'allocation.set', orderNumber: 'O1', lineNo: 2, unit: 1, sku: 'P1', value: 'S2' },
      {
        type: 'order.dispatch',
        orderNumber: 'O1',
        dispatchUid: 'D1',
        lines: [{ lineNo: 1, sku: 'P1', quantity: 1, units: [{ unit: 1, value: 'S1' }] }],
      },
    );
    const oms = await integration(hub, 'North');
    const attempt = async (lines: ReturnType<typeof line>[]) => (await oms.orders([{ orderNumber: 'O1', customer: 'Customer', lines }])).body.results[0];
    expect(await attempt([line(1, 'P2', 3), line(2, 'P2', 1)])).toEqual({
      orderNumber: 'O1',
      status: 'rejected',
      reason: 'orders.0: order O1 line 1 already has allocations or dispatches; its SKU cannot change',
    });
    expect(await attempt([line(1, 'P1', 2), line(2, 'P2', 1)])).toEqual({
      orderNumber: 'O1',
      status: 'rejected',
      reason: 'orders.0: order O1 line 1: units above 2 have identifiers allocated',
    });
    expect(await attempt([line(2, 'P2', 1)])).toEqual({
      orderNumber: 'O1',
      status: 'rejected',
      reason: 'orders.0: order O1 line 1 has allocations or dispatches and cannot be dropped',
    });
    expect(await attempt([line(1, 'P1', 5), line(2, 'P2', 1)])).toEqual({ orderNumber: 'O1', status: 'updated' });
  });

  it('keeps an order dispatched in full closed: sent again it is unchanged, changed it is rejected, and it is not reopened', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1', 'none'), product('P2', 'none'), product('P3', 'none'));
    const oms = await integration(hub, 'North');
    const full = { orderNumber: 'SO-1', customer: 'Ada', lines: [line(1, 'P1', 2), line(2, 'P2', 1)] };
    const partly = { orderNumber: 'SO-2', customer: 'Bob', lines: [line(1, 'P1', 2), line(2, 'P2', 1)] };
    expect((await oms.orders([full, partly])).body.results.map((r) => r.status)).toEqual(['created', 'created']);
    const dispatched = await a!.push(
      {
        type: 'order.dispatch',
        orderNumber: 'SO-1',
        dispatchUid: 'D1',
        lines: [
          { lineNo: 1, sku: 'P1', quantity: 2, units: [] },
          { lineNo: 2, sku: 'P2', quantity: 1, units: [] },
        ],
      },
      { type: 'order.dispatch', orderNumber: 'SO-2', dispatchUid: 'D2', lines: [{ lineNo: 1, sku: 'P1', quantity: 2, units: [] }] },
    );
    expect(dispatched.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const { cursor } = await a!.pullAll();

    // The same order again (a retry) is still unchanged.
    expect((await oms.orders([full])).body.results).toEqual([{ orderNumber: 'SO-1', status: 'unchanged' }]);
    const closed = {
      orderNumber: 'SO-1',
      status: 'rejected',
      reason: 'orders.0: order SO-1 was already dispatched in full and is closed; send extra units in a new order',
    };
    // Each change in a request of its own: one order number twice in one request is refused whole.
    for (const changed of [
      { ...full, lines: [line(1, 'P1', 3), line(2, 'P2', 1)] },
      { ...full, customer: 'Ada Lovelace' },
      { ...full, lines: [...full.lines, line(3, 'P3', 1)] },
      { ...full, lines: [line(1, 'P1', 1), line(2, 'P2', 1)] },
      { ...full, lines: [line(1, 'P1', 2)] },
    ]) {
      expect((await oms.orders([changed])).body.results).toEqual([closed]);
    }
    // Nothing reopened: no order change for the benches, and the same order is still unchanged.
    expect((await a!.pullAll(cursor)).changes.filter((c) => c.kind === 'order')).toEqual([]);
    expect((await oms.orders([full])).body.results).toEqual([{ orderNumber: 'SO-1', status: 'unchanged' }]);

    // An order dispatched only in part keeps today's rules: it can still grow.
    expect((await oms.orders([{ ...partly, lines: [line(1, 'P1', 3), line(2, 'P2', 1), line(3, 'P3', 1)] }])).body.results).toEqual([
      { orderNumber: 'SO-2', status: 'updated' },
    ]);
  });

  it('answers retries of a new order sent at the same time as the order they are, never as a duplicate key', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1', 'none'));
    const oms = await integration(hub, 'North');
    // An integration that times out and sends again while the first request still runs.
    for (let round = 0; round < 5; round++) {
      const orderNumber = `SO-${round}`;
      const body = { orders: [{ orderNumber, customer: 'Ada', lines: [line(1, 'P1', 1)] }] };
      const answers = await Promise.all(Array.from({ length: 6 }, () => call<OrdersResponse>(hub.url, oms.token, 'POST', '/v1/orders', body)));
      const statuses = answers.map((answer) => answer.body.results[0]);
      expect(statuses.filter((r) => r?.status === 'created')).toEqual([{ orderNumber, status: 'created' }]);
      expect(statuses.filter((r) => r?.status !== 'created')).toEqual(Array.from({ length: 5 }, () => ({ orderNumber, status: 'unchanged' })));
    }
  });

  it('takes a JSON body that starts with a UTF-8 byte order mark, as many Windows integrations send it', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1', 'none'));
    const oms = await integration(hub, 'North');
    const body = JSON.stringify({ orders: [{ orderNumber: 'SO-1', customer: 'Ada', lines: [line(1, 'P1', 2)] }] });
    const response = await fetch(`${hub.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oms.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]),
    });
    expect([response.status, await response.json()]).toEqual([200, { results: [{ orderNumber: 'SO-1', status: 'created' }] }]);
  });

  it('feeds dispatches with their identifiers since a cursor, per warehouse', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await warehouse(hub, 'South', []);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2', 'S3'] }, order('O1', ['P1', 1]), order('O2', ['P1', 2]));
    const dispatch = (orderNumber: string, uid: string, values: string[]) => ({
      type: 'order.dispatch' as const,
      orderNumber,
      dispatchUid: uid,
      lines: [{ lineNo: 1, sku: 'P1', quantity: values.length, units: values.map((value, i) => ({ unit: i + 1, value })) }],
    });
    await a!.push(dispatch('O1', 'D1', ['S1']));
    await b!.push(dispatch('O2', 'D2', ['S2', 'S3']));

    const oms = await integration(hub, 'North');
    const first = await oms.dispatches(undefined, 1);
    expect(first.status).toBe(200);
    expect(first.body.more).toBe(true);
    expect(first.body.dispatches).toEqual([
      { kind: 'dispatch', dispatchUid: 'D1', orderNumber: 'O1', stationId: 'A', stationName: 'A', at: expect.any(String), lines: [{ lineNo: 1, sku: 'P1', quantity: 1, units: [{ unit: 1, value: 'S1' }] }] },
    ]);
    const second = await oms.dispatches(first.body.cursor, 1);
    expect(second.body.dispatches.map((d) => [d.dispatchUid, d.stationId, d.lines[0]!.units.map((u) => u.value)])).toEqual([['D2', 'B', ['S2', 'S3']]]);
    const none = await oms.dispatches(second.body.cursor);
    expect(none.body).toEqual({ dispatches: [], cursor: second.body.cursor, more: false });

    const south = await integration(hub, 'South');
    expect((await south.dispatches()).body.dispatches).toEqual([]);
  });
});
