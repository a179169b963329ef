/**
 * The order system as catalogue authority (real PostgreSQL): idempotent products, identifiers and
 * stock counts; the later count wins and movements after it add, whatever order things arrive in.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import type { CatalogueResponse, PushResponse } from '../../shared/sync/protocol.js';
import type { HubHistoryResponse } from '../../shared/trace/hub-trace.js';
import { integration, stockOf, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();
const T = (minute: number) => `2026-12-01T09:${String(minute).padStart(2, '0')}:00.000Z`;

describe('catalogue endpoints', () => {
  it('creates products and identifiers idempotently, each item on its own', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const post = (path: string, body: unknown) => call<CatalogueResponse>(hub.url, system.token, 'POST', path, body);
    const products = { products: [{ sku: 'PHN', title: 'Phone', barcode: '501', identifierMode: 'single_use' }, { sku: 'BAD\u0000', title: '', barcode: null, identifierMode: 'none' }] };
    for (let i = 0; i < 2; i++) {
      const answer = await post('/v1/products', products);
      expect(answer.status).toBe(200);
      expect(answer.body.results).toEqual([
        { sku: 'PHN', status: 'applied' },
        { sku: 'BAD\u0000', status: 'rejected', reason: 'products.1: sku: sku contains a control character (NUL)' },
      ]);
      expect((await post('/v1/identifiers', { identifiers: [{ sku: 'PHN', values: ['SN-1', 'SN-2'] }, { sku: 'NOPE', values: ['X'] }] })).body.results).toEqual([
        { sku: 'PHN', status: 'applied' },
        { sku: 'NOPE', status: 'rejected', reason: 'identifiers.1: unknown SKU NOPE' },
      ]);
    }
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT sku, title, barcode, identifier_mode FROM products')).rows).toEqual([{ sku: 'PHN', title: 'Phone', barcode: '501', identifier_mode: 'single_use' }]);
    expect((await sql.query('SELECT value FROM identifiers ORDER BY value')).rows.map((r) => r.value)).toEqual(['SN-1', 'SN-2']);
    expect((await post('/v1/stock-counts', { counts: 'all' })).status).toBe(400);
    // A product without dispatch identifiers takes none, as at a bench.
    await post('/v1/products', { products: [{ sku: 'CBL', title: 'Cable', barcode: null, identifierMode: 'none' }] });
    expect((await post('/v1/identifiers', { identifiers: [{ sku: 'CBL', values: ['C-1'] }] })).body.results).toEqual([
      { sku: 'CBL', status: 'rejected', reason: 'identifiers.0: SKU CBL has no dispatch identifiers (identifier mode none); set its mode first' },
    ]);
    expect((await sql.query(`SELECT count(*)::int AS n FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'CBL'`)).rows[0].n).toBe(0);
  });

  it('sets stock to the latest count; movements after it add, earlier ones and older counts do not', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    await call(hub.url, system.token, 'POST', '/v1/products', { products: [{ sku: 'CBL', title: 'Cable', barcode: null, identifierMode: 'none' }] });
    const count = async (level: number, minute: number) =>
      (await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/stock-counts', { counts: [{ sku: 'CBL', level, countedAt: T(minute) }] })).body.results[0]!.status;
    let seq = 0;
    const delta = async (d: number, minute: number) =>
      (await call<PushResponse>(hub.url, bench!.token, 'POST', '/v1/push', { stationId: 'A', entries: [{ seq: ++seq, at: T(minute), actor: 't', op: { type: 'stock.delta', sku: 'CBL', delta: d } }] })).body.results[0]!;

    expect(await count(10, 10)).toBe('applied');
    expect(await stockOf(sql, 'CBL')).toBe(10);
    expect(await count(10, 10)).toBe('unchanged'); // the same count again: nothing doubles
    expect(await stockOf(sql, 'CBL')).toBe(10);
    expect((await delta(5, 20)).status).toBe('applied'); // after the count: adds
    expect(await stockOf(sql, 'CBL')).toBe(15);
    expect((await delta(3, 5)).status).toBe('applied'); // before the count (a bench was offline): the count includes it
    expect(await stockOf(sql, 'CBL')).toBe(15);
    await count(7, 1); // an older count: changes nothing
    expect(await stockOf(sql, 'CBL')).toBe(15);
    await count(30, 15); // a later count arriving late: 30 + the movement after it (+5)
    expect(await stockOf(sql, 'CBL')).toBe(35);
    expect((await delta(-40, 25)).reason).toBe('SKU CBL has 35 in stock at the hub; a change of -40 would make it negative');
    const bad = await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/stock-counts', {
      counts: [{ sku: 'CBL', level: -1, countedAt: T(30) }, { sku: 'CBL', level: 1, countedAt: 'yesterday' }, { sku: 'CBL', level: 1, countedAt: '0000-01-01T00:00:00Z' }],
    });
    expect(bad.body.results.map((r) => [r.status, r.reason?.split(':')[0]])).toEqual([['rejected', 'counts.0'], ['rejected', 'counts.1'], ['rejected', 'counts.2']]);
    expect(bad.body.results[2]!.reason).toMatch(/^counts\.2: countedAt: /);
    expect(await stockOf(sql, 'CBL')).toBe(35);

    // A count dated past the hub's clock would leave out every movement until then: refused, from the
    // order system and from a bench alike, naming the field; a bench clock a minute ahead is fine.
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const future = await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/stock-counts', { counts: [{ sku: 'CBL', level: 100, countedAt: inAnHour }] });
    expect(future.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^counts\.0: countedAt .* is in the future/) });
    const pushed = await call<PushResponse>(hub.url, bench!.token, 'POST', '/v1/push', { stationId: 'A', entries: [{ seq: ++seq, at: inAnHour, actor: 't', op: { type: 'stock.count', sku: 'CBL', level: 100, countedAt: inAnHour } }] });
    expect(pushed.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/countedAt .* is in the future/) });
    expect(await stockOf(sql, 'CBL')).toBe(35);
    const aMinuteAhead = new Date(Date.now() + 60_000).toISOString();
    expect((await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/stock-counts', { counts: [{ sku: 'CBL', level: 50, countedAt: aMinuteAhead }] })).body.results[0]!.status).toBe('applied');
    expect(await stockOf(sql, 'CBL')).toBe(50);
  });

  it('says what is wrong with a countedAt without its offset, and with an item that is not an object, changing nothing', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const sql = await fx.sql(hub);
    await call(hub.url, system.token, 'POST', '/v1/products', { products: [{ sku: 'CBL', title: 'Cable', barcode: null, identifierMode: 'none' }] });
    const bad = await call<CatalogueResponse>(hub.url, system.token, 'POST', '/v1/stock-counts', {
      counts: [{ sku: 'CBL', level: 5, countedAt: '2026-12-01T09:30:00' }, { sku: 'CBL', level: 5, countedAt: '2026-12-01 09:30:00+01:00' }, ['CBL', 5]],
    });
    expect(bad.status).toBe(200);
    // An ERP's local time without a zone is the usual slip: the answer must say the offset is missing.
    expect(bad.body.results[0]!.reason).toMatch(/^counts\.0: countedAt: .*offset.*e\.g\. 2026-12-01T09:30:00Z/);
    expect(bad.body.results[1]!.reason).toMatch(/^counts\.1: countedAt: .*ISO 8601/);
    // An item that is not an object is that item's problem, not the body's.
    expect(bad.body.results[2]).toEqual({ sku: '', status: 'rejected', reason: 'counts.2: count 3 must be an object, not a list' });
    expect(await stockOf(sql, 'CBL')).toBe(0);
  });

  it('records identifiers sent again (or twice in one item) once in the history; a removed one sent again comes back', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const system = await integration(hub, 'North');
    const post = (path: string, body: unknown) => call<CatalogueResponse>(hub.url, system.token, 'POST', path, body);
    await post('/v1/products', { products: [{ sku: 'PHN', title: 'Phone', barcode: null, identifierMode: 'single_use' }, { sku: 'MLK', title: 'Milk', barcode: null, identifierMode: 'multiple_use', identifierKind: 'lot' }] });
    const added = async (value: string) =>
      (await call<HubHistoryResponse>(hub.url, system.token, 'GET', `/v1/history?value=${value}`)).body.events.map((e) => e.kind);
    for (let i = 0; i < 2; i++) {
      expect((await post('/v1/identifiers', { identifiers: [{ sku: 'PHN', values: ['SN-1', 'SN-2', 'SN-1'] }, { sku: 'MLK', values: ['L-1'], useBy: '2027-01-31' }] })).body.results).toEqual([
        { sku: 'PHN', status: 'applied' },
        { sku: 'MLK', status: 'applied' },
      ]);
    }
    expect(await added('SN-1')).toEqual(['added']);
    expect(await added('SN-2')).toEqual(['added']);
    expect(await added('L-1')).toEqual(['added']);
    // Sent again: a value held stays; an unknown product is still refused.
    expect((await post('/v1/identifiers', { identifiers: [{ sku: 'NOPE', values: ['SN-1'] }] })).body.results).toEqual([{ sku: 'NOPE', status: 'rejected', reason: 'identifiers.0: unknown SKU NOPE' }]);
    // Removed at a bench, then sent again: it is added back, and that is recorded.
    expect((await bench!.push({ type: 'identifier.remove', sku: 'PHN', values: ['SN-2'] })).results[0]!.status).toBe('applied');
    expect((await post('/v1/identifiers', { identifiers: [{ sku: 'PHN', values: ['SN-1', 'SN-2'] }] })).body.results[0]!.status).toBe('applied');
    expect(await added('SN-2')).toEqual(['added', 'removed', 'added']);
    expect(await added('SN-1')).toEqual(['added']);
    const sql = await fx.sql(hub);
    expect((await sql.query(`SELECT value, status, to_char(use_by, 'YYYY-MM-DD') AS use_by FROM identifiers ORDER BY value`)).rows).toEqual([
      { value: 'L-1', status: 'available', use_by: '2027-01-31' },
      { value: 'SN-1', status: 'available', use_by: null },
      { value: 'SN-2', status: 'available', use_by: null },
    ]);
  });
});
