/**
 * Traceability at the hub (real PostgreSQL, real HTTP): identifier history across benches, recall
 * search with stable paging, the streamed CSV export.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { BenchClient } from '../../hub/testing/client.js';
import { call } from '../../hub/testing/client.js';
import { DISPATCH_CSV_PAGE_ROWS } from '../../hub/orders/feed.js';
import { encodeCursor } from '../../hub/pull/cursor.js';
import { MAX_HISTORY_EVENTS, MAX_TIMELINE_STEPS } from '../../shared/contract/trace-schemas.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import type { CatalogueResponse } from '../../shared/sync/protocol.js';
import type { HubHistoryResponse } from '../../shared/trace/hub-trace.js';
import type { RecallPage } from '../../shared/trace/recall-query.js';
import { unguardCell } from '../../shared/trace/csv-safety.js';
import { integration, order, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

const set = (orderNumber: string, unit: number, value: string, sku = 'P1'): SyncOp => ({ type: 'allocation.set', orderNumber, lineNo: 1, unit, sku, value });
const dispatch = (orderNumber: string, values: string[], sku = 'P1'): SyncOp => ({
  type: 'order.dispatch',
  orderNumber,
  dispatchUid: `${orderNumber}-d`,
  lines: [{ lineNo: 1, sku, quantity: values.length, units: values.map((value, i) => ({ unit: i + 1, value })) }],
});

/** Pushes ops as the bench's next entries with the bench clock at `at`. */
async function pushAt(bench: BenchClient, at: string, ...ops: SyncOp[]) {
  const answer = await bench.pushEntries(bench.entries(ops).map((e) => ({ ...e, at })));
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('identifier history at the hub', () => {
  it('lists every step across benches in order: added, allocated, cleared, reallocated, dispatched, refused', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['bench-a', 'bench-b']);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2'] }, order('O1', ['P1', 1]), order('O2', ['P1', 1]), order('O3', ['P1', 1]));
    await a!.push(set('O1', 1, 'S1'), { type: 'allocation.clear', orderNumber: 'O1', lineNo: 1, unit: 1 });
    await b!.push(set('O2', 1, 'S1'), dispatch('O2', ['S1']));
    const refused = await a!.push(set('O3', 1, 'S1'));
    expect(refused.results[0]!.status).toBe('rejected');

    const oms = await integration(hub, 'North');
    const history = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1');
    expect(history.status).toBe(200);
    expect(history.body.events.map((e) => [e.kind, e.stationId, e.orderNumber, e.unit])).toEqual([
      ['added', 'bench-a', null, null],
      ['allocated', 'bench-a', 'O1', 1],
      ['cleared', 'bench-a', 'O1', 1],
      ['allocated', 'bench-b', 'O2', 1],
      ['dispatched', 'bench-b', 'O2', 1],
      ['conflict', 'bench-a', 'O3', 1],
    ]);
    expect(history.body.events.every((e) => e.actor === 'test' && e.sku === 'P1')).toBe(true);
    expect(history.body.events[5]!.detail).toMatch(/the hub refused "allocated"/);
    // A bench token sees the same warehouse-wide history.
    const fromBench = await call<HubHistoryResponse>(hub.url, a!.token, 'GET', '/v1/history?value=S1&sku=P1');
    expect(fromBench.body.events).toHaveLength(6);
    // Sending the refused op again does not repeat its conflict.
    await a!.pushEntries([{ seq: 8, at: new Date().toISOString(), actor: 'test', op: set('O3', 1, 'S1') }]);
    expect((await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1')).body.events).toHaveLength(6);
    const bad = await call<{ message: string }>(hub.url, oms.token, 'GET', '/v1/history');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/value/);
    // A value pasted with spaces around it (from a spreadsheet cell) is the identifier, as the bench
    // trims a scan or a typed value: no identifier has surrounding spaces, so "nothing found" misled.
    const pasted = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=%20S1%09');
    expect(pasted.status).toBe(200);
    expect(pasted.body.value).toBe('S1');
    expect(pasted.body.events).toHaveLength(6);
  });

  it('records a bench push of identifiers the hub already holds (the same file imported on two benches) once; a removed one pushed again is added back and recorded', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['bench-a', 'bench-b']);
    const oms = await integration(hub, 'North');
    const kinds = async (value: string) => (await call<HubHistoryResponse>(hub.url, oms.token, 'GET', `/v1/history?value=${value}`)).body.events.map((e) => [e.kind, e.stationId]);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2'] });
    // Bench B imported the same file (S1 listed twice), and one more value.
    const again = await b!.push({ type: 'identifier.add', sku: 'P1', values: ['S1', 'S2', 'S1', 'S3'] });
    expect(again.results.map((r) => r.status)).toEqual(['applied']);
    expect(await kinds('S1')).toEqual([['added', 'bench-a']]);
    expect(await kinds('S2')).toEqual([['added', 'bench-a']]);
    expect(await kinds('S3')).toEqual([['added', 'bench-b']]);
    // Removed, then pushed again: it is held again, and that is a step.
    await a!.push({ type: 'identifier.remove', sku: 'P1', values: ['S2'] });
    await b!.push({ type: 'identifier.add', sku: 'P1', values: ['S2'] });
    expect(await kinds('S2')).toEqual([['added', 'bench-a'], ['removed', 'bench-a'], ['added', 'bench-b']]);
    const sql = await fx.sql(hub);
    expect((await sql.query(`SELECT value, status FROM identifiers ORDER BY value`)).rows).toEqual([
      { value: 'S1', status: 'available' },
      { value: 'S2', status: 'available' },
      { value: 'S3', status: 'available' },
    ]);
  });

  it("gives an order-system event's time as an ISO 8601 instant, like a bench event's", async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    expect((await call(hub.url, oms.token, 'POST', '/v1/products', { products: [{ sku: 'P1', title: 'P1', barcode: null, identifierMode: 'single_use' }] })).status).toBe(200);
    const before = Date.now();
    expect((await call(hub.url, oms.token, 'POST', '/v1/identifiers', { identifiers: [{ sku: 'P1', values: ['S1'] }] })).status).toBe(200);
    const after = Date.now();
    await a!.push(order('O1', ['P1', 1]), set('O1', 1, 'S1'));

    const events = (await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1')).body.events;
    expect(events.map((e) => [e.kind, e.stationName])).toEqual([
      ['added', 'order system'],
      ['allocated', 'bench-a'],
    ]);
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const e of events) expect(e.at).toMatch(iso);
    const added = Date.parse(events[0]!.at);
    expect(added).toBeGreaterThanOrEqual(before);
    expect(added).toBeLessThanOrEqual(after);
  });

  it("sends each product's latest steps on its own, numbered, names the products with earlier steps, and sends earlier ones asked `from` a step", async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    await a!.push(product('P1'), product('P2'), product('P3'), { type: 'identifier.add', sku: 'P3', values: ['S1'] });
    // P1 holds S1 through more steps than one answer carries (one added more than it); P2 gets it only afterwards.
    const cycles: SyncOp[] = [];
    for (let i = 0; i < MAX_HISTORY_EVENTS / 2; i++) cycles.push({ type: 'identifier.add', sku: 'P1', values: ['S1'] }, { type: 'identifier.remove', sku: 'P1', values: ['S1'] });
    cycles.push({ type: 'identifier.add', sku: 'P1', values: ['S1'] });
    await a!.push(...cycles);
    // The step just taken: an integrator asking now must see it (the first 1,000 steps were sent, and it never showed).
    await a!.push(order('O1', ['P1', 1]), set('O1', 1, 'S1'));
    await a!.push({ type: 'identifier.add', sku: 'P2', values: ['S1'] });
    const p1Steps = MAX_HISTORY_EVENTS + 2;

    const all = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1');
    expect(all.status).toBe(200);
    const ofSku = (body: HubHistoryResponse, sku: string) => body.events.filter((e) => e.sku === sku);
    // P1's latest MAX_HISTORY_EVENTS steps; P2 and P3 whole, in the order the hub applied them.
    expect(all.body.events.map((e) => e.sku)).toEqual(['P3', ...Array<string>(MAX_HISTORY_EVENTS).fill('P1'), 'P2']);
    expect(ofSku(all.body, 'P1').map((e) => e.step)).toEqual(Array.from({ length: MAX_HISTORY_EVENTS }, (_, i) => p1Steps - MAX_HISTORY_EVENTS + 1 + i));
    expect(ofSku(all.body, 'P1').slice(-2).map((e) => [e.kind, e.orderNumber])).toEqual([['added', null], ['allocated', 'O1']]);
    expect(ofSku(all.body, 'P2').map((e) => [e.kind, e.step])).toEqual([['added', 1]]);
    expect(ofSku(all.body, 'P3').map((e) => [e.kind, e.step])).toEqual([['added', 1]]);
    expect(all.body.truncated).toBe(true);
    expect(all.body.truncatedSkus).toEqual(['P1']);

    const p2 = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1&sku=P2');
    expect(p2.body).toMatchObject({ truncated: false, truncatedSkus: [] });
    expect(p2.body.events.map((e) => e.kind)).toEqual(['added']);
    const p1 = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1&sku=P1');
    expect((await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1&sku=P1%20')).body.events).toEqual(p1.body.events);
    expect(p1.body).toMatchObject({ truncated: true, truncatedSkus: ['P1'] });
    expect(p1.body.events).toHaveLength(MAX_HISTORY_EVENTS);
    expect(p1.body.events.at(-1)).toMatchObject({ kind: 'allocated', step: p1Steps });

    // Earlier steps: from step 1, every step to the latest (within MAX_TIMELINE_STEPS), the earliest first.
    const whole = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1&sku=P1&from=1');
    expect(whole.status).toBe(200);
    expect(whole.body).toMatchObject({ truncated: false, truncatedSkus: [] });
    expect(whole.body.events.map((e) => e.step)).toEqual(Array.from({ length: p1Steps }, (_, i) => i + 1));
    expect(whole.body.events.slice(0, 2).map((e) => e.kind)).toEqual(['added', 'removed']);
    // From a step: that step on; the steps before it are still there to ask for.
    const later = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1&sku=P1&from=3');
    expect(later.body).toMatchObject({ truncated: true, truncatedSkus: ['P1'] });
    expect(later.body.events.map((e) => e.step)).toEqual(Array.from({ length: p1Steps - 2 }, (_, i) => i + 3));
    // `from` for every product of the value: each sends its steps from there (P2 and P3 have only step 1).
    const fromTwo = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=S1&from=2');
    expect(fromTwo.body.events.map((e) => e.sku)).toEqual(Array<string>(p1Steps - 1).fill('P1'));
    expect(fromTwo.body.truncatedSkus).toEqual(['P1', 'P2', 'P3']);
  });

  it('sends no more than MAX_TIMELINE_STEPS of a product\'s steps asked `from` a step: the latest of them', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['L1'] });
    // A lot in more steps than a timeline asked from step 1 carries (written straight in: pushing them takes minutes).
    const sql = await fx.sql(hub);
    await sql.query(
      `INSERT INTO identifier_events (warehouse_id, station_id, at, actor, kind, sku, value, order_number, line_no, unit)
       SELECT e.warehouse_id, e.station_id, e.at, e.actor, 'allocated', 'P1', 'L1', 'O' || n, 1, 1
         FROM identifier_events e, generate_series(1, $1::int) n WHERE e.value = 'L1' ORDER BY n`,
      [MAX_TIMELINE_STEPS + 9],
    );
    const steps = MAX_TIMELINE_STEPS + 10;
    const fromOne = await call<HubHistoryResponse>(hub.url, oms.token, 'GET', '/v1/history?value=L1&from=1');
    expect(fromOne.body.events).toHaveLength(MAX_TIMELINE_STEPS);
    expect([fromOne.body.events[0]!.step, fromOne.body.events.at(-1)!.step]).toEqual([steps - MAX_TIMELINE_STEPS + 1, steps]);
    expect(fromOne.body.events.at(-1)!.orderNumber).toBe(`O${MAX_TIMELINE_STEPS + 9}`);
    expect(fromOne.body.truncatedSkus).toEqual(['P1']);
  });

  it('refuses a `from` that is no step number, naming it', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    const message = async (query: string) => {
      const answer = await call<{ message: string }>(hub.url, oms.token, 'GET', `/v1/history?value=S1&${query}`);
      expect(answer.status).toBe(400);
      return answer.body.message;
    };
    expect(await message('from=')).toBe('from: empty; give a step number from 1 in plain digits (e.g. from=1), or leave from out');
    expect(await message('from=0')).toBe('from: 0 is out of range; give a step number from 1 in plain digits (e.g. from=1)');
    expect(await message('from=-1')).toMatch(/^from: "-1" is not a step number; give a step number from 1/);
    expect(await message('from=1.5')).toMatch(/^from: "1.5" is not a step number/);
    expect(await message('from=1e3')).toMatch(/^from: "1e3" is not a step number/);
    expect(await message('from=0x10')).toMatch(/^from: "0x10" is not a step number/);
    expect(await message(`from=${'9'.repeat(30)}`)).toMatch(/^from: 9{30} is out of range; give a step number from 1/);
    expect(await message(`from=${'x'.repeat(60)}`)).toBe(`from: "${'x'.repeat(40)}..." is not a step number; give a step number from 1 in plain digits (e.g. from=1)`);
    expect(await message('from=1&from=2')).toMatch(/^from: /);
  });
});

describe('recall at the hub', () => {
  async function seeded() {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['bench-a', 'bench-b']);
    const values = ['IMEI-1001', 'IMEI-1002', 'IMEI-2001', 'IMEI-2002', 'LOT,"7"', '=1+1', 'Zoë'];
    await a!.push(product('P1'), product('P2', 'multiple_use'), { type: 'identifier.add', sku: 'P1', values }, { type: 'identifier.add', sku: 'P2', values: ['LOT-7'] });
    await a!.push(order('SO-1', ['P1', 1]), order('SO-2', ['P1', 2]), order('SO-3', ['P1', 1]), order('SO-4', ['P2', 2]), order('SO-5', ['P1', 3]));
    await pushAt(a!, '2026-03-02T10:00:00.000Z', set('SO-1', 1, 'IMEI-1001'), dispatch('SO-1', ['IMEI-1001']));
    await pushAt(b!, '2026-03-05T23:59:00.000Z', set('SO-2', 1, 'IMEI-1002'), set('SO-2', 2, 'IMEI-2001'), dispatch('SO-2', ['IMEI-1002', 'IMEI-2001']));
    await pushAt(b!, '2026-03-09T00:00:00.000Z', set('SO-3', 1, 'IMEI-2002'), dispatch('SO-3', ['IMEI-2002']));
    await pushAt(a!, '2026-03-10T08:00:00.000Z', set('SO-4', 1, 'LOT-7', 'P2'), set('SO-4', 2, 'LOT-7', 'P2'), dispatch('SO-4', ['LOT-7', 'LOT-7'], 'P2'));
    await pushAt(a!, '2026-03-11T08:00:00.000Z', set('SO-5', 1, 'LOT,"7"'), set('SO-5', 2, '=1+1'), set('SO-5', 3, 'Zoë'), dispatch('SO-5', ['LOT,"7"', '=1+1', 'Zoë']));
    const oms = await integration(hub, 'North');
    const trace = (query: string) => call<RecallPage & { message?: string }>(hub.url, oms.token, 'GET', `/v1/trace?${query}`);
    return { hub, a: a!, b: b!, oms, trace };
  }

  it('answers exact, prefix, product and dispatch-date queries with orders, customers, benches and counts', async () => {
    const { trace } = await seeded();
    const exact = await trace('match=exact&value=LOT-7');
    expect(exact.body.rows.map((r) => [r.orderNumber, r.unit, r.stationId, r.dispatchedAt])).toEqual([
      ['SO-4', 1, 'bench-a', '2026-03-10T08:00:00.000Z'],
      ['SO-4', 2, 'bench-a', '2026-03-10T08:00:00.000Z'],
    ]);
    expect(exact.body.counts).toEqual({ units: 2, orders: 1, customers: 1, benches: 1 });
    // Spaces around a pasted value are not part of it, exact or prefix, as at the bench's Recall.
    expect((await trace('match=exact&value=%20LOT-7%20')).body.counts.units).toBe(2);
    expect((await trace('value=%20IMEI-1')).body.counts.units).toBe(2);
    const prefix = await trace('value=IMEI-1');
    expect(prefix.body.rows.map((r) => [r.value, r.orderNumber, r.stationId])).toEqual([['IMEI-1001', 'SO-1', 'bench-a'], ['IMEI-1002', 'SO-2', 'bench-b']]);
    expect(prefix.body.counts).toEqual({ units: 2, orders: 2, customers: 1, benches: 2 });
    const dated = await trace('value=IMEI&from=2026-03-03&to=2026-03-09');
    expect(dated.body.rows.map((r) => r.value)).toEqual(['IMEI-1002', 'IMEI-2001', 'IMEI-2002']);
    const product = await trace('sku=P2');
    expect(product.body.counts.units).toBe(2);
    // The product filter is a SKU prefix in any case, as at the bench; values stay case-sensitive.
    expect((await trace('sku=p2')).body.counts.units).toBe(2);
    expect((await trace('sku=p')).body.counts.units).toBe(9);
    expect((await trace('sku=p_')).body.counts.units).toBe(0);
    expect((await trace('value=imei&sku=p1')).body.counts.units).toBe(0);
    const bad = await trace('match=exact&from=2026-03-09&to=2026-03-01');
    expect(bad.status).toBe(400);
    // Named by the query parameters sent, each problem once.
    expect(bad.body.message).toBe('value: an exact search needs a value; to: the dispatch date range ends before it starts');
    expect((await trace('value=I&from=2026-13-01')).body.message).toBe('from: "2026-13-01" is not a day written YYYY-MM-DD (e.g. from=2026-03-01)');
    expect((await trace('value=I&match=fuzzy')).body.message).toBe('match: give "exact" or "prefix"');
    expect((await trace('value=I&cursor=nope')).status).toBe(400);
    expect((await trace('value=I&limit=0')).status).toBe(400);
  });

  it('takes skuMatch=exact for one product by its SKU as given (a code named it): not SKUs it starts, nor other cases; a bad skuMatch is refused by name', async () => {
    const { a, trace, hub, oms } = await seeded();
    await a.push(product('PHN-S'), product('PHN-S2'), product('phn-s'));
    await a.push(
      { type: 'identifier.add', sku: 'PHN-S', values: ['SN-1'] },
      { type: 'identifier.add', sku: 'PHN-S2', values: ['SN-2'] },
      { type: 'identifier.add', sku: 'phn-s', values: ['SN-3'] },
      order('SO-A', ['PHN-S', 1]),
      order('SO-B', ['PHN-S2', 1]),
      order('SO-C', ['phn-s', 1]),
    );
    await pushAt(a, '2026-03-12T08:00:00.000Z', set('SO-A', 1, 'SN-1', 'PHN-S'), dispatch('SO-A', ['SN-1'], 'PHN-S'));
    await pushAt(a, '2026-03-12T08:00:00.000Z', set('SO-B', 1, 'SN-2', 'PHN-S2'), dispatch('SO-B', ['SN-2'], 'PHN-S2'));
    await pushAt(a, '2026-03-12T08:00:00.000Z', set('SO-C', 1, 'SN-3', 'phn-s'), dispatch('SO-C', ['SN-3'], 'phn-s'));
    const skus = async (query: string) => (await trace(query)).body.rows.map((r) => r.sku);
    expect(await skus('sku=PHN-S')).toEqual(['PHN-S', 'PHN-S2', 'phn-s']);
    expect(await skus('sku=PHN-S&skuMatch=prefix')).toEqual(['PHN-S', 'PHN-S2', 'phn-s']);
    expect(await skus('sku=PHN-S&skuMatch=exact')).toEqual(['PHN-S']);
    expect(await skus('sku=phn-s&skuMatch=exact')).toEqual(['phn-s']);
    expect(await skus('value=SN-&sku=%20PHN-S%20&skuMatch=exact')).toEqual(['PHN-S']);
    expect(await skus('sku=PHN&skuMatch=exact')).toEqual([]);
    expect((await trace('sku=PHN-S&skuMatch=exact&from=2026-03-12&to=2026-03-12')).body.counts).toEqual({ units: 1, orders: 1, customers: 1, benches: 1 });
    // The CSV takes it too.
    const csv = await fetch(`${hub.url}/v1/trace.csv?sku=PHN-S&skuMatch=exact`, { headers: { authorization: `Bearer ${oms.token}` } });
    expect(csv.status).toBe(200);
    const [, ...records] = parse(Buffer.from(await csv.arrayBuffer()), { bom: true }) as string[][];
    expect(records.map((r) => r[1])).toEqual(['PHN-S']);
    // Refused by name: a word it does not know, or exact with no SKU.
    const fuzzy = await trace('sku=PHN-S&skuMatch=fuzzy');
    expect([fuzzy.status, fuzzy.body.message]).toEqual([400, 'skuMatch: give "exact" or "prefix"']);
    const noSku = await trace('value=SN&skuMatch=exact');
    expect([noSku.status, noSku.body.message]).toEqual([400, 'skuMatch: an exact SKU match needs a sku']);
  });

  it('pages with a stable cursor: rows dispatched meanwhile never repeat or shift the pages', async () => {
    const { a, trace } = await seeded();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: RecallPage } = await trace(`value=&sku=P1&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.rows.map((r) => `${r.value}/${r.orderNumber}`));
      cursor = page.body.nextCursor;
      if (pages++ === 0) {
        // A unit dispatched before the cursor's position (sorts first) while paging.
        await a.push({ type: 'identifier.add', sku: 'P1', values: ['AAA-0'] }, order('SO-9', ['P1', 1]), set('SO-9', 1, 'AAA-0'), dispatch('SO-9', ['AAA-0']));
      }
    } while (cursor);
    expect(seen).toEqual(['=1+1/SO-5', 'IMEI-1001/SO-1', 'IMEI-1002/SO-2', 'IMEI-2001/SO-2', 'IMEI-2002/SO-3', 'LOT,"7"/SO-5', 'Zoë/SO-5']);
  });

  it('refuses a cursor given out for another search, naming it, rather than starting that search part-way', async () => {
    const { trace } = await seeded();
    const first = await trace('value=IMEI&limit=1');
    const cursor = encodeURIComponent(first.body.nextCursor!);
    const other = (await trace(`value=IMEI-2&limit=1&cursor=${cursor}`)) as { status: number; body: { message: string } };
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/^cursor: .*another search/);
    const same = await trace(`value=IMEI&limit=1&cursor=${cursor}`);
    expect(same.body.rows.map((r) => r.value)).toEqual(['IMEI-1002']);
  });

  it('takes a cursor given out before cursors named their search (a hub updated while an integrator pages), as the place it was', async () => {
    const { trace } = await seeded();
    // As the hub gave it out before: [value, row id], no search named. It was refused as "not one this hub gave out".
    const first = await trace('value=IMEI&limit=1');
    const [value, rowId] = JSON.parse(first.body.nextCursor!) as [string, string];
    const legacy = encodeURIComponent(JSON.stringify([value, rowId]));
    const next = await trace(`value=IMEI&limit=1&cursor=${legacy}`);
    expect(next.status).toBe(200);
    expect(next.body.rows.map((r) => r.value)).toEqual(['IMEI-1002']);
  });

  it('takes a lot pasted with spaces around it as the lot, as the bench trims it (it answered an empty 200)', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    await a!.push({ type: 'product.upsert', sku: 'MLK', title: 'Milk', barcode: null, identifierMode: 'multiple_use', identifierKind: 'lot' }, { type: 'identifier.add', sku: 'MLK', values: ['L-1'] });
    await pushAt(a!, '2026-03-05T10:00:00.000Z', order('SO-1', ['MLK', 1]), set('SO-1', 1, 'L-1', 'MLK'), dispatch('SO-1', ['L-1'], 'MLK'));
    const trace = (query: string) => call<RecallPage & { message?: string }>(hub.url, oms.token, 'GET', `/v1/trace?${query}`);
    const plain = await trace('lot=L-1');
    expect(plain.body.message).toBeUndefined();
    expect(plain.body.counts.units).toBe(1);
    expect((await trace('lot=%20L-1%09')).body.counts.units).toBe(1);
    const blank = await trace('lot=%20%20');
    expect(blank.status).toBe(400);
    expect(blank.body.message).toMatch(/^lot: /);
  });

  it('exports the whole result as streamed CSV that reads back exactly', async () => {
    const { hub, oms } = await seeded();
    const response = await fetch(`${hub.url}/v1/trace.csv?sku=P1`, { headers: { authorization: `Bearer ${oms.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="recall-P1-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parse(bytes, { bom: true }) as string[][];
    expect(header![0]).toBe('Identifier');
    expect(records.map((r) => unguardCell(r[0]!))).toEqual(['=1+1', 'IMEI-1001', 'IMEI-1002', 'IMEI-2001', 'IMEI-2002', 'LOT,"7"', 'Zoë']);
    expect(records.map((r) => r[0]!).filter((c) => /^[=+\-@]/.test(c))).toEqual([]);

    // A value spelled in another script keeps its name (it was "recall-Zo_-…"), with an ASCII stand-in.
    const named = await fetch(`${hub.url}/v1/trace.csv?value=Zo%C3%AB`, { headers: { authorization: `Bearer ${oms.token}` } });
    expect(named.headers.get('content-disposition')).toMatch(/^attachment; filename="recall-Zo_-(\d{4}-\d{2}-\d{2})\.csv"; filename\*=UTF-8''recall-Zo%C3%AB-\1\.csv$/);
    await named.arrayBuffer();
  });

  it('filters the dispatch feed by product and dispatch days, and exports the dispatch history as CSV', async () => {
    const { hub, oms } = await seeded();
    const feed = (query: string) => call<{ dispatches: { orderNumber: string }[]; cursor: string; more: boolean; message?: string }>(hub.url, oms.token, 'GET', `/v1/dispatches?${query}`);
    expect((await feed('')).body.dispatches.map((d) => d.orderNumber)).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5']);
    expect((await feed('sku=P2')).body.dispatches.map((d) => d.orderNumber)).toEqual(['SO-4']);
    // A SKU pasted with spaces around it is that SKU, on every route taking one (it found nothing).
    expect((await feed('sku=%20P2%20')).body.dispatches.map((d) => d.orderNumber)).toEqual(['SO-4']);
    expect((await call<RecallPage>(hub.url, oms.token, 'GET', '/v1/trace?sku=%20P2')).body.counts.units).toBe(2);
    expect((await feed('from=2026-03-05&to=2026-03-10')).body.dispatches.map((d) => d.orderNumber)).toEqual(['SO-2', 'SO-3', 'SO-4']);
    // Paged with filters: a cursor carries on after the last match.
    const first = await feed('sku=P1&limit=2');
    expect(first.body.dispatches.map((d) => d.orderNumber)).toEqual(['SO-1', 'SO-2']);
    expect(first.body.more).toBe(true);
    expect((await feed(`sku=P1&limit=2&cursor=${first.body.cursor}`)).body.dispatches.map((d) => d.orderNumber)).toEqual(['SO-3', 'SO-5']);
    const bad = await feed('from=2026-03-10&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/ends before it starts/);

    const response = await fetch(`${hub.url}/v1/dispatches.csv?from=2026-03-05&to=2026-03-09`, { headers: { authorization: `Bearer ${oms.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/filename="dispatches-all-/);
    const [, ...records] = parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][];
    expect(records.map((r) => [unguardCell(r[0]!), r[2], r[6]])).toEqual([
      ['IMEI-1002', 'SO-2', '2026-03-05T23:59:00.000Z'],
      ['IMEI-2001', 'SO-2', '2026-03-05T23:59:00.000Z'],
      ['IMEI-2002', 'SO-3', '2026-03-09T00:00:00.000Z'],
    ]);
    // Bench tokens do not get the order system's feed.
    expect((await call(hub.url, (await warehouse(hub, 'South', ['s-1']))[0]!.token, 'GET', '/v1/dispatches.csv')).status).toBe(403);
  });

  it("fills the dispatch CSV's Use by column for lots with a date, as the recall CSV does", async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    await a!.push({ type: 'product.upsert', sku: 'MLK', title: 'Milk', barcode: null, identifierMode: 'multiple_use', identifierKind: 'lot' });
    const added = await call<CatalogueResponse>(hub.url, oms.token, 'POST', '/v1/identifiers', { identifiers: [{ sku: 'MLK', values: ['L-1'], useBy: '2027-01-31' }] });
    expect(added.body.results).toEqual([{ sku: 'MLK', status: 'applied' }]);
    await pushAt(a!, '2026-03-05T10:00:00.000Z', order('SO-1', ['MLK', 1]), set('SO-1', 1, 'L-1', 'MLK'), dispatch('SO-1', ['L-1'], 'MLK'));
    const csvOf = async (path: string) => {
      const response = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${oms.token}` } });
      expect(response.status).toBe(200);
      const [header, ...records] = parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][];
      return records.map((r) => [r[0], r[header!.indexOf('Use by')]]);
    };
    expect(await csvOf('/v1/trace.csv?lot=L-1')).toEqual([['L-1', '2027-01-31']]);
    expect(await csvOf('/v1/dispatches.csv?sku=MLK')).toEqual([['L-1', '2027-01-31']]);
  });

  it('exports every dispatched unit once when a page of the dispatch CSV ends within a microsecond-precise dispatch time', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    // One reusable identifier on every unit of a line longer than a page of the CSV's reads.
    const units = DISPATCH_CSV_PAGE_ROWS + 1;
    await a!.push(product('BOX', 'multiple_use'), { type: 'identifier.add', sku: 'BOX', values: ['B-1'] }, order('SO-1', ['BOX', units]));
    const values = Array.from({ length: units }, () => 'B-1');
    // A bench clock may carry microseconds (the entry's at is any clock text); JavaScript dates keep milliseconds.
    await pushAt(a!, '2026-03-05T10:00:00.123456Z', dispatch('SO-1', values, 'BOX'));
    const response = await fetch(`${hub.url}/v1/dispatches.csv?sku=BOX`, { headers: { authorization: `Bearer ${oms.token}` }, signal: AbortSignal.timeout(20_000) });
    expect(response.status).toBe(200);
    const [, ...records] = parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][];
    expect(records.length).toBe(units);
    expect(new Set(records.map((r) => r[5])).size).toBe(units);
  }, 60_000);

  it('takes the last day a search may name (9999-12-31) as the end of a dispatch day range, in every route', async () => {
    const { hub, oms } = await seeded();
    const get = (path: string) => fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${oms.token}` } });
    const feed = await get('/v1/dispatches?from=2026-03-05&to=9999-12-31');
    expect(feed.status).toBe(200);
    expect(((await feed.json()) as { dispatches: { orderNumber: string }[] }).dispatches.map((d) => d.orderNumber)).toEqual(['SO-2', 'SO-3', 'SO-4', 'SO-5']);
    const csv = await get('/v1/dispatches.csv?from=2026-03-05&to=9999-12-31');
    expect(csv.status).toBe(200);
    const [, ...rows] = parse(Buffer.from(await csv.arrayBuffer()), { bom: true }) as string[][];
    expect(rows.length).toBeGreaterThan(0);
    const trace = await get('/v1/trace?sku=P1&to=9999-12-31');
    expect(trace.status).toBe(200);
    expect(((await trace.json()) as RecallPage).rows.map((r) => r.orderNumber)).toContain('SO-5');
    const traceCsv = await get('/v1/trace.csv?sku=P1&to=9999-12-31');
    expect(traceCsv.status).toBe(200);
    expect((parse(Buffer.from(await traceCsv.arrayBuffer()), { bom: true }) as string[][]).length).toBeGreaterThan(1);
  });

  it('refuses a filtered feed cursor ahead of its database, as the unfiltered feed does', async () => {
    const { hub, oms } = await seeded();
    const ahead = encodeCursor({ xid: '999999999999', id: '1' });
    for (const query of [`cursor=${ahead}`, `sku=P1&cursor=${ahead}`, `from=2026-03-05&cursor=${ahead}`]) {
      const answer = await call<{ message: string }>(hub.url, oms.token, 'GET', `/v1/dispatches?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.body.message).toMatch(/^cursor: ahead of this hub's database/);
    }
  });
});

describe('query mistakes read the same on every hub route', () => {
  it('names an empty or unreadable day, and an empty identifier, by the parameter sent, in one wording', async () => {
    const hub = await fx.hub();
    await warehouse(hub, 'North', ['bench-a']);
    const oms = await integration(hub, 'North');
    const message = async (path: string) => {
      const answer = await call<{ message: string }>(hub.url, oms.token, 'GET', path);
      expect(answer.status, path).toBe(400);
      return answer.body.message;
    };
    // A day: the same words on the dispatch feed, its CSV and Excel twins, and recall with its exports.
    const emptyFrom = 'from: empty; give a day written YYYY-MM-DD (e.g. from=2026-03-01), or leave from out';
    const notADay = 'to: "31/03/2026" is not a day written YYYY-MM-DD (e.g. to=2026-03-01)';
    for (const route of ['/v1/dispatches', '/v1/dispatches.csv', '/v1/dispatches.xlsx']) {
      expect(await message(`${route}?from=`)).toBe(emptyFrom);
      expect(await message(`${route}?to=31/03/2026`)).toBe(notADay);
    }
    for (const route of ['/v1/trace', '/v1/trace.csv', '/v1/trace.xlsx']) {
      expect(await message(`${route}?value=V&from=`)).toBe(emptyFrom);
      expect(await message(`${route}?value=V&to=31/03/2026`)).toBe(notADay);
      expect(await message(`${route}?useByFrom=`)).toBe('useByFrom: empty; give a day written YYYY-MM-DD (e.g. useByFrom=2026-03-01), or leave useByFrom out');
    }
    // No identifier to look for: history says it as recall does (recall then names its other searches).
    const noIdentifier = 'value: no identifier given; give the identifier to look for (e.g. value=SN-0001)';
    expect(await message('/v1/history?value=')).toBe(noIdentifier);
    expect(await message('/v1/history')).toBe(noIdentifier);
    // Only spaces is no identifier either (identifiers are trimmed): it was looked up as "   " and found nothing.
    expect(await message('/v1/history?value=%20')).toBe(noIdentifier);
    expect(await message('/v1/history?value=%20%20%09&sku=P')).toBe(noIdentifier);
    // Recall too: "%20" was searched for as a prefix (every identifier starting with a space: none).
    for (const path of ['/v1/trace?value=', '/v1/trace', '/v1/trace.csv?value=', '/v1/trace?value=%20', '/v1/trace?match=exact&value=%20%09', '/v1/trace.xlsx?value=%20&sku=P']) {
      expect(await message(path)).toBe(`${noIdentifier}, or search by lot, a use-by day (useByFrom, useByTo), sku, or a dispatch day (from, to)`);
    }
  });
});
