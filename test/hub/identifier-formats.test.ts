/**
 * Issue 12 at the hub (real PostgreSQL, real HTTP): products carry identifier kind, format and minimum
 * shelf life through push, catalogue intake and pull (older ops without them keep what is there);
 * identifier values that break the format are refused with the rule named; recall by lot and by use-by
 * date range (issue 13) over seeded dispatches. Lots with a use-by date: the dates sync bench → hub →
 * bench, a date where none belongs (another kind, an unknown lot, not a date) is refused with the reason
 * and changes nothing, and recall by use-by date range finds dispatched lots whose date falls in it.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import { FORMAT_PRESETS } from '../../shared/identifiers/kinds.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import type { CatalogueResponse } from '../../shared/sync/protocol.js';
import type { RecallPage } from '../../shared/trace/recall-query.js';
import { integration, order, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();
const IMEI = FORMAT_PRESETS[0]!.format;

const set = (orderNumber: string, sku: string, unit: number, value: string): SyncOp => ({ type: 'allocation.set', orderNumber, lineNo: 1, unit, sku, value });
const dispatch = (orderNumber: string, sku: string, values: string[]): SyncOp => ({
  type: 'order.dispatch',
  orderNumber,
  dispatchUid: `${orderNumber}-d`,
  lines: [{ lineNo: 1, sku, quantity: values.length, units: values.map((value, i) => ({ unit: i + 1, value })) }],
});

describe('identifier kinds and formats at the hub', () => {
  it('push, catalogue and pull carry the spec; bad values are refused naming the rule; recall by lot and use-by range', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    const phone: SyncOp = { ...(product('PHONE') as Extract<SyncOp, { type: 'product.upsert' }>), identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null };
    const pushed = await a!.push(
      phone,
      { type: 'identifier.add', sku: 'PHONE', values: ['490154203237518', '356938035643809'] },
      { type: 'identifier.add', sku: 'PHONE', values: ['490154203237517'] },
      { type: 'identifier.rename', sku: 'PHONE', from: '356938035643809', to: 'SHORT' },
      // An op from a bench before issue 12: no spec fields; the format stays.
      product('PHONE'),
      { type: 'identifier.add', sku: 'PHONE', values: ['12345'] },
    );
    expect(pushed.results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'the hub cannot take this change: identifier "490154203237517" of SKU PHONE does not fit "IMEI: 15 digits": check digit wrong (Luhn)'],
      ['rejected', 'the hub cannot take this change: identifier "SHORT" of SKU PHONE does not fit "IMEI: 15 digits": 5 characters, needs 15'],
      ['applied', undefined],
      ['rejected', 'the hub cannot take this change: identifier "12345" of SKU PHONE does not fit "IMEI: 15 digits": 5 characters, needs 15'],
    ]);
    // A malformed format never reaches SQL.
    const broken = await a!.push({ ...phone, identifierFormat: { ...IMEI, pattern: '(' } } as SyncOp);
    expect(broken.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/pattern is not a valid regular expression/) });

    // The order system: products with a spec, identifiers checked against it.
    const oms = await integration(hub, 'North');
    const post = (path: string, body: unknown) => call<CatalogueResponse>(hub.url, oms.token, 'POST', path, body);
    const products = await post('/v1/products', {
      products: [
        { sku: 'MILK', title: 'Milk', barcode: null, identifierMode: 'multiple_use', identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 3 },
        { sku: 'FLOUR', title: 'Flour', barcode: null, identifierMode: 'multiple_use', identifierKind: 'lot' },
        { sku: 'BAD', title: 'Bad', barcode: null, identifierMode: 'none', minShelfLifeDays: 99999 },
      ],
    });
    expect(products.body.results).toEqual([
      { sku: 'MILK', status: 'applied' },
      { sku: 'FLOUR', status: 'applied' },
      { sku: 'BAD', status: 'rejected', reason: 'products.2: minShelfLifeDays: minimum shelf life must be at most 3650 days' },
    ]);
    const identifiers = await post('/v1/identifiers', {
      identifiers: [
        { sku: 'MILK', values: ['2026-12-10', '2027-01-31', '2027-02-28'] },
        { sku: 'MILK', values: ['31/01/2027'] },
        { sku: 'FLOUR', values: ['L-100', 'L-200'] },
      ],
    });
    expect(identifiers.body.results).toEqual([
      { sku: 'MILK', status: 'applied' },
      { sku: 'MILK', status: 'rejected', reason: 'identifiers.1: identifier "31/01/2027" of SKU MILK is not a use-by date written YYYY-MM-DD' },
      { sku: 'FLOUR', status: 'applied' },
    ]);

    // Another bench pulls the products with their spec.
    const pulled = (await b!.pullAll()).changes.filter((c) => c.kind === 'product');
    const last = (sku: string) => pulled.filter((c) => c.sku === sku).at(-1);
    expect(last('PHONE')).toMatchObject({ identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null });
    expect(last('MILK')).toMatchObject({ identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 3 });
    expect(last('FLOUR')).toMatchObject({ identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });

    // Recall: dispatches of lots and use-by dates.
    await a!.push(order('SO-1', ['MILK', 2]), order('SO-2', ['MILK', 1]), order('SO-3', ['FLOUR', 2]), order('SO-4', ['FLOUR', 1]));
    await a!.push(set('SO-1', 'MILK', 1, '2026-12-10'), set('SO-1', 'MILK', 2, '2027-01-31'), dispatch('SO-1', 'MILK', ['2026-12-10', '2027-01-31']));
    await b!.push(set('SO-2', 'MILK', 1, '2027-02-28'), dispatch('SO-2', 'MILK', ['2027-02-28']));
    await b!.push(set('SO-3', 'FLOUR', 1, 'L-100'), set('SO-3', 'FLOUR', 2, 'L-200'), dispatch('SO-3', 'FLOUR', ['L-100', 'L-200']));
    await a!.push(set('SO-4', 'FLOUR', 1, 'L-100'), dispatch('SO-4', 'FLOUR', ['L-100']));
    const trace = (query: string) => call<RecallPage & { message?: string }>(hub.url, oms.token, 'GET', `/v1/trace?${query}`);
    const lot = await trace('lot=L-100');
    expect(lot.body.rows.map((r) => [r.value, r.orderNumber, r.stationId])).toEqual([['L-100', 'SO-3', 'B'], ['L-100', 'SO-4', 'A']]);
    expect(lot.body.counts).toEqual({ units: 2, orders: 2, customers: 1, benches: 2 });
    const range = await trace('useByFrom=2027-01-01&useByTo=2027-02-28');
    expect(range.body.rows.map((r) => [r.value, r.orderNumber])).toEqual([['2027-01-31', 'SO-1'], ['2027-02-28', 'SO-2']]);
    expect((await trace('useByTo=2026-12-31')).body.rows.map((r) => r.value)).toEqual(['2026-12-10']);
    // A lot is never a use-by date: the kinds keep the searches apart.
    expect((await trace('lot=2026-12-10')).body.rows).toEqual([]);
    const bad = await trace('useByFrom=2027-03-01&useByTo=2027-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/use-by date range ends before it starts/);
    expect((await trace('lot=L-100&value=L')).status).toBe(400);
    // A lot search is exact, and so is a use-by range: `match=exact` with one is taken (it was refused
    // as "value: an exact search needs a value", naming a parameter not sent).
    const exactLot = await trace('lot=L-100&match=exact');
    expect(exactLot.status).toBe(200);
    expect(exactLot.body.rows.map((r) => [r.value, r.orderNumber])).toEqual([['L-100', 'SO-3'], ['L-100', 'SO-4']]);
    expect((await trace('useByFrom=2027-01-01&useByTo=2027-02-28&match=exact')).body.rows.map((r) => r.value)).toEqual(['2027-01-31', '2027-02-28']);
  });
});

const kindOf = (sku: string, identifierKind: 'lot' | 'use_by' | 'serial'): SyncOp => ({
  ...(product(sku, 'multiple_use') as Extract<SyncOp, { type: 'product.upsert' }>),
  identifierKind,
  identifierFormat: null,
  minShelfLifeDays: null,
});
describe('lots with a use-by date at the hub', () => {
  it('syncs dates bench → hub → bench, refuses dates where none belong, and recalls dated lots by use-by range', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    const pushed = await a!.push(
      kindOf('FLOUR', 'lot'),
      kindOf('MILK', 'use_by'),
      kindOf('PHONE', 'serial'),
      { type: 'identifier.add', sku: 'FLOUR', values: ['L-100', 'L-200', 'L-300'] },
      { type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-100', useBy: '2027-03-01' }, { value: 'L-200', useBy: '2027-06-30' }] },
      { type: 'identifier.add', sku: 'MILK', values: ['2027-03-15'] },
      { type: 'identifier.add', sku: 'PHONE', values: ['S-1'] },
      { type: 'identifier.use_by', sku: 'PHONE', dates: [{ value: 'S-1', useBy: '2027-03-01' }] },
      { type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-300', useBy: '2027-01-01' }, { value: 'L-999', useBy: '2027-01-01' }] },
    );
    expect(pushed.results.map((r) => [r.status, r.reason])).toEqual([
      ...Array.from({ length: 7 }, () => ['applied', undefined]),
      ['rejected', 'SKU PHONE has identifiers of kind serial; only lot products take a use-by date'],
      ['rejected', 'identifier "L-999" of SKU FLOUR is not held at the hub; its use-by date cannot be set'],
    ]);
    // A date that is not a date never reaches SQL; the entry is refused naming the field.
    const bad = await a!.push({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-300', useBy: '2027-02-30' }] } as SyncOp);
    expect(bad.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/use-by date is not a date written YYYY-MM-DD/) });

    // The other bench pulls the lots with their dates (the refused ones changed nothing).
    const pulled = await b!.pullAll();
    const lots = new Map<string, string | null | undefined>();
    for (const c of pulled.changes) if (c.kind === 'identifier' && c.sku === 'FLOUR') lots.set(c.value, c.useBy);
    expect(Object.fromEntries(lots)).toEqual({ 'L-100': '2027-03-01', 'L-200': '2027-06-30', 'L-300': null });
    // Clearing a date travels too.
    await a!.push({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-200', useBy: null }] });
    const after = await b!.pullAll(pulled.cursor);
    expect(after.changes.filter((c) => c.kind === 'identifier').map((c) => c.kind === 'identifier' && [c.value, c.useBy])).toEqual([['L-200', null]]);

    // Recall by use-by date range: dated lots in range beside use-by values; undated and out-of-range lots not.
    await a!.push({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-200', useBy: '2027-06-30' }] });
    await a!.push(order('SO-1', ['FLOUR', 3]), order('SO-2', ['MILK', 1]));
    await a!.push(set('SO-1', 'FLOUR', 1, 'L-100'), set('SO-1', 'FLOUR', 2, 'L-200'), set('SO-1', 'FLOUR', 3, 'L-300'), dispatch('SO-1', 'FLOUR', ['L-100', 'L-200', 'L-300']));
    await a!.push(set('SO-2', 'MILK', 1, '2027-03-15'), dispatch('SO-2', 'MILK', ['2027-03-15']));
    const oms = await integration(hub, 'North');
    const trace = (query: string) => call<RecallPage>(hub.url, oms.token, 'GET', `/v1/trace?${query}`);
    const march = await trace('useByFrom=2027-03-01&useByTo=2027-03-31');
    expect(march.status).toBe(200);
    // A lot's row carries its use-by date (a use-by value is its own date).
    expect(march.body.rows.map((r) => [r.value, r.sku, r.useBy])).toEqual([['2027-03-15', 'MILK', undefined], ['L-100', 'FLOUR', '2027-03-01']]);
    expect((await trace('lot=L-300')).body.rows.map((r) => [r.value, r.useBy])).toEqual([['L-300', undefined]]);
    expect(march.body.counts).toMatchObject({ units: 2, orders: 2 });
    const fromJune = await trace('useByFrom=2027-06-01');
    expect(fromJune.body.rows.map((r) => r.value)).toEqual(['L-200']);
    // Paging over the mixed result keeps every row once.
    const first = await trace('useByFrom=2027-01-01&limit=1');
    const second = await trace(`useByFrom=2027-01-01&limit=1&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect([...first.body.rows, ...second.body.rows].map((r) => r.value)).toEqual(['2027-03-15', 'L-100']);
  });

  it('order-system intake: POST /v1/identifiers takes lots with a use-by date, set with them or not at all', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(kindOf('FLOUR', 'lot'), kindOf('PHONE', 'serial'));
    const oms = await integration(hub, 'North');
    const post = (body: unknown) => call<CatalogueResponse>(hub.url, oms.token, 'POST', '/v1/identifiers', body);
    const answer = await post({
      identifiers: [
        { sku: 'FLOUR', values: ['L-1', 'L-2'], useBy: '2027-04-30' },
        { sku: 'FLOUR', values: ['L-3'] },
        { sku: 'PHONE', values: ['S-1'], useBy: '2027-04-30' },
        { sku: 'FLOUR', values: ['L-4'], useBy: '30/04/2027' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { sku: 'FLOUR', status: 'applied' },
      { sku: 'FLOUR', status: 'applied' },
      { sku: 'PHONE', status: 'rejected', reason: 'identifiers.2: SKU PHONE has identifiers of kind serial; only lot products take a use-by date' },
      { sku: 'FLOUR', status: 'rejected', reason: expect.stringMatching(/^identifiers\.3: useBy: use-by date is not a date written YYYY-MM-DD/) },
    ]);
    // The benches pull the lots with their dates; the refused items added nothing (S-1, L-4).
    const pulled = await a!.pullAll();
    const values = new Map<string, string | null | undefined>();
    for (const c of pulled.changes) if (c.kind === 'identifier') values.set(c.value, c.useBy);
    expect(Object.fromEntries(values)).toEqual({ 'L-1': '2027-04-30', 'L-2': '2027-04-30', 'L-3': null });
    // Sent again with another date: the date changes, the lots stay.
    expect((await post({ identifiers: [{ sku: 'FLOUR', values: ['L-3'], useBy: '2027-05-31' }] })).body.results).toEqual([{ sku: 'FLOUR', status: 'applied' }]);
    const after = await a!.pullAll(pulled.cursor);
    expect(after.changes.filter((c) => c.kind === 'identifier').map((c) => c.kind === 'identifier' && [c.value, c.useBy])).toEqual([['L-3', '2027-05-31']]);
  });
});
