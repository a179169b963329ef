/**
 * Identifier history and recall search at one bench (real SQLite file, through the contract boundary).
 */
import { describe, expect, it } from 'vitest';
import { MAX_LOOKUP_ORDERS } from '../../shared/contract/schemas.js';
import { MAX_HISTORY_EVENTS, MAX_TIMELINE_STEPS } from '../../shared/contract/trace-schemas.js';
import { createContext } from '../../electron/core/context.js';
import { createRecallSearch, recallPageStatement } from '../../electron/core/trace/recall-search.js';
import { recallQuerySchema } from '../../shared/trace/recall-query.js';
import { openTestBench } from './helpers.js';

function clock(start = Date.parse('2026-03-01T08:00:00.000Z')) {
  let t = start;
  return {
    now: () => new Date((t += 1000)).toISOString(),
    jumpTo: (iso: string) => {
      t = Date.parse(iso);
    },
  };
}

describe('identifier history at the bench', () => {
  it('lists allocate, clear, reallocate and dispatch in order, with the bench name, user and order unit', () => {
    const time = clock();
    const bench = openTestBench({ now: time.now });
    bench.product('SU', 'single_use', 5, ['S1', 'S2']);
    const a = bench.order('SO-1', [['SU', 1]], 'Ada');
    const b = bench.order('SO-2', [['SU', 1]], 'Bob');
    bench.ok('saveAllocations', { allocations: [{ lineId: a.lineIds[0]!, unit: 1, value: 'S1' }] });
    bench.ok('saveAllocations', { allocations: [{ lineId: a.lineIds[0]!, unit: 1, value: null }] });
    bench.ok('saveAllocations', { allocations: [{ lineId: b.lineIds[0]!, unit: 1, value: 'S1' }] });
    bench.ok('completeOrder', { orderId: b.id, lines: [{ lineId: b.lineIds[0]!, quantity: 1 }] });

    const history = bench.ok('getIdentifierHistory', { value: ' S1 ' });
    expect(history.value).toBe('S1');
    expect(history.events.map((e) => [e.kind, e.orderNumber, e.unit])).toEqual([
      ['added', null, null],
      ['allocated', 'SO-1', 1],
      ['cleared', 'SO-1', 1],
      ['allocated', 'SO-2', 1],
      ['dispatched', 'SO-2', 1],
    ]);
    for (const e of history.events) {
      expect(e).toMatchObject({ sku: 'SU', value: 'S1', stationName: 'Test bench', actor: 'tester', stationId: bench.ok('getBenchInfo', {}).stationId });
    }
    const times = history.events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    // Another identifier's history is its own.
    expect(bench.ok('getIdentifierHistory', { value: 'S2' }).events.map((e) => e.kind)).toEqual(['added']);
  });

  it('records renames and removals from the identifier grid under both values', () => {
    const bench = openTestBench();
    const productId = bench.product('MU', 'multiple_use', 5, ['L-1', 'L-2']);
    const grid = bench.ok('getSerialGrid', { productId });
    const box = (v: string) => grid.boxes.find((b) => b.value === v)!;
    bench.ok('saveSerialGrid', {
      productId,
      edits: [
        { box: box('L-1').box, identifierId: box('L-1').identifierId, value: 'L-9' },
        { box: box('L-2').box, identifierId: box('L-2').identifierId, value: '' },
      ],
    });
    expect(bench.ok('getIdentifierHistory', { value: 'L-1' }).events.map((e) => [e.kind, e.detail])).toEqual([
      ['added', null],
      ['renamed', 'renamed to "L-9"'],
    ]);
    expect(bench.ok('getIdentifierHistory', { value: 'L-9' }).events.map((e) => [e.kind, e.detail])).toEqual([['renamed', 'renamed from "L-1"']]);
    expect(bench.ok('getIdentifierHistory', { value: 'L-2', sku: 'MU' }).events.map((e) => e.kind)).toEqual(['added', 'removed']);
    expect(bench.ok('getIdentifierHistory', { value: 'L-2', sku: 'OTHER' }).events).toEqual([]);
  });
});

describe('identifier history of a value several products hold', () => {
  it("shows each product its own latest 1,000 steps, says its timeline was cut only when its own was, and sends every step from the one asked", () => {
    const bench = openTestBench();
    // LOT-1 is a lot of two products: BIG's is allocated to 999 units (1,000 steps), SMALL's to one (2 steps).
    bench.product('BIG', 'multiple_use', 2000, ['LOT-1']);
    bench.product('SMALL', 'multiple_use', 10, ['LOT-1']);
    const allocate = (sku: string, orderNumber: string, units: number) => {
      const order = bench.order(orderNumber, [[sku, units]]);
      bench.ok('saveAllocations', { allocations: Array.from({ length: units }, (_, u) => ({ lineId: order.lineIds[0]!, unit: u + 1, value: 'LOT-1' })) });
    };
    allocate('BIG', 'SO-1', MAX_HISTORY_EVENTS - 1);
    allocate('SMALL', 'SO-2', 1);
    const timeline = (sku: string) => {
      const history = bench.ok('getIdentifierHistory', { value: 'LOT-1' });
      const events = history.events.filter((e) => e.sku === sku);
      return { steps: events.length, first: events[0]?.step, last: `${events.at(-1)?.orderNumber} step ${events.at(-1)?.step}`, cut: history.truncatedSkus.includes(sku) };
    };
    expect(timeline('BIG')).toEqual({ steps: MAX_HISTORY_EVENTS, first: 1, last: 'SO-1 step 1000', cut: false });
    expect(timeline('SMALL')).toEqual({ steps: 2, first: 1, last: 'SO-2 step 2', cut: false });

    // One more step for BIG: its latest 1,000 are sent, the new one with them (the first 1,000 were, and
    // a step taken now never showed); it says earlier steps were left off. SMALL's is whole.
    allocate('BIG', 'SO-3', 1);
    expect(timeline('BIG')).toEqual({ steps: MAX_HISTORY_EVENTS, first: 2, last: 'SO-3 step 1001', cut: true });
    expect(timeline('SMALL')).toEqual({ steps: 2, first: 1, last: 'SO-2 step 2', cut: false });
    // Asked for one product, the same; and asked from a step, every step from it to the latest.
    const big = bench.ok('getIdentifierHistory', { value: 'LOT-1', sku: 'BIG' });
    expect([big.events.length, big.events[0]!.step, big.truncatedSkus]).toEqual([MAX_HISTORY_EVENTS, 2, ['BIG']]);
    const whole = bench.ok('getIdentifierHistory', { value: 'LOT-1', sku: 'BIG', from: 1 });
    expect([whole.events.length, whole.events[0]!.kind, whole.events.at(-1)!.orderNumber, whole.truncatedSkus]).toEqual([MAX_HISTORY_EVENTS + 1, 'added', 'SO-3', []]);
    expect(whole.events.map((e) => e.step)).toEqual(Array.from({ length: MAX_HISTORY_EVENTS + 1 }, (_, i) => i + 1));
    const fromStep = bench.ok('getIdentifierHistory', { value: 'LOT-1', sku: 'BIG', from: 600 });
    expect([fromStep.events.length, fromStep.events[0]!.step, fromStep.events.at(-1)!.step, fromStep.truncatedSkus]).toEqual([402, 600, 1001, ['BIG']]);
    // Past the last step, nothing sent; still cut.
    expect(bench.ok('getIdentifierHistory', { value: 'LOT-1', sku: 'BIG', from: 5000 })).toMatchObject({ events: [], truncatedSkus: ['BIG'] });
    expect(bench.ok('getIdentifierHistory', { value: 'LOT-1', sku: 'SMALL' }).truncatedSkus).toEqual([]);
  });

  it('sends at most MAX_TIMELINE_STEPS asked from a step, the latest of them, and says earlier ones were left off', () => {
    const bench = openTestBench();
    bench.product('FLOUR', 'multiple_use', 1, ['LOT-1']);
    const units = MAX_TIMELINE_STEPS + 1;
    const order = bench.order('SO-1', [['FLOUR', units]]);
    bench.ok('saveAllocations', { allocations: Array.from({ length: units }, (_, u) => ({ lineId: order.lineIds[0]!, unit: u + 1, value: 'LOT-1' })) });
    const all = bench.ok('getIdentifierHistory', { value: 'LOT-1', sku: 'FLOUR', from: 1 });
    expect([all.events.length, all.events[0]!.step, all.events.at(-1)!.step, all.events.at(-1)!.unit, all.truncatedSkus]).toEqual([MAX_TIMELINE_STEPS, 3, units + 1, units, ['FLOUR']]);
  });

  it('numbers an imported identifier\'s steps from its import, and keeps the numbers as steps are added', () => {
    const bench = openTestBench();
    const productId = bench.product('MU', 'multiple_use', 3, ['L-1', 'L-2']);
    const order = bench.order('SO-1', [['MU', 2]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'L-1' }] });
    const steps = () => bench.ok('getIdentifierHistory', { value: 'L-1' }).events.map((e) => `${e.step} ${e.kind}`);
    expect(steps()).toEqual(['1 added', '2 allocated']);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: null }] });
    // Removed from the grid: its import's 'added' is written out in its place, and keeps number 1.
    const grid = bench.ok('getSerialGrid', { productId });
    const box = grid.boxes.find((b) => b.value === 'L-1')!;
    bench.ok('saveSerialGrid', { productId, edits: [{ box: box.box, identifierId: box.identifierId, value: '' }] });
    expect(steps()).toEqual(['1 added', '2 allocated', '3 cleared', '4 removed']);
  });
});

describe('identifier lookup of a lot in many orders', () => {
  it('lists its first orders, bounded, and says how many units were left off (Recall lists them all)', () => {
    const bench = openTestBench();
    bench.product('FLOUR', 'multiple_use', MAX_LOOKUP_ORDERS * 3, ['LOT-1']);
    const units = MAX_LOOKUP_ORDERS + 5;
    const order = bench.order('SO-1', [['FLOUR', units]], 'Bakery');
    bench.ok('saveAllocations', { allocations: Array.from({ length: units }, (_, u) => ({ lineId: order.lineIds[0]!, unit: u + 1, value: 'LOT-1' })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: units }] });

    const [lot] = bench.ok('lookupIdentifier', { value: 'LOT-1' }).matches;
    expect(lot!.orders).toHaveLength(MAX_LOOKUP_ORDERS);
    expect(lot!.orders.map((o) => o.unit)).toEqual(Array.from({ length: MAX_LOOKUP_ORDERS }, (_, u) => u + 1));
    expect(lot!.ordersLeftOff).toBe(5);
    expect(bench.ok('recallSearch', { query: { match: 'exact', value: 'LOT-1' } }).counts.units).toBe(units);

    // A serial in one order: nothing left off.
    bench.product('PH', 'single_use', 1, ['SN-1']);
    const one = bench.order('SO-2', [['PH', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: one.lineIds[0]!, unit: 1, value: 'SN-1' }] });
    const [serial] = bench.ok('lookupIdentifier', { value: 'SN-1' }).matches;
    expect([serial!.orders.length, serial!.ordersLeftOff]).toEqual([1, undefined]);
  });
});

describe('recall search at the bench', () => {
  function seeded() {
    const time = clock();
    const bench = openTestBench({ now: time.now });
    bench.product('PH', 'single_use', 10, ['IMEI-1001', 'IMEI-1002', 'IMEI-2001', 'IMEI-2002', 'X-1']);
    bench.product('CASE', 'multiple_use', 10, ['LOT-7']);
    const dispatch = (orderNumber: string, customer: string, lines: Array<[string, string[]]>, at: string) => {
      time.jumpTo(at);
      const order = bench.order(orderNumber, lines.map(([sku, values]) => [sku, values.length]), customer);
      bench.ok('saveAllocations', {
        allocations: lines.flatMap(([, values], i) => values.map((value, u) => ({ lineId: order.lineIds[i]!, unit: u + 1, value }))),
      });
      bench.ok('completeOrder', { orderId: order.id, lines: order.lineIds.map((lineId, i) => ({ lineId, quantity: lines[i]![1].length })) });
    };
    dispatch('SO-1', 'Ada', [['PH', ['IMEI-1001']], ['CASE', ['LOT-7']]], '2026-03-02T10:00:00.000Z');
    dispatch('SO-2', 'Bob', [['PH', ['IMEI-1002', 'IMEI-2001']], ['CASE', ['LOT-7']]], '2026-03-05T23:59:00.000Z');
    dispatch('SO-3', 'Ada', [['PH', ['IMEI-2002']]], '2026-03-09T00:00:00.000Z');
    // Allocated but not dispatched: not part of a recall.
    const open = bench.order('SO-4', [['PH', 1]], 'Cy');
    bench.ok('saveAllocations', { allocations: [{ lineId: open.lineIds[0]!, unit: 1, value: 'X-1' }] });
    return bench;
  }

  it('finds the orders, customers, dates and benches of an exact value and of a prefix, with counts', () => {
    const bench = seeded();
    const exact = bench.ok('recallSearch', { query: { match: 'exact', value: 'LOT-7' } });
    expect(exact.rows.map((r) => [r.orderNumber, r.customer, r.sku, r.stationName])).toEqual([
      ['SO-1', 'Ada', 'CASE', 'Test bench'],
      ['SO-2', 'Bob', 'CASE', 'Test bench'],
    ]);
    expect(exact.counts).toEqual({ units: 2, orders: 2, customers: 2, benches: 1 });
    expect(exact.rows[0]!.dispatchedAt).toMatch(/^2026-03-02T10:00/);

    const prefix = bench.ok('recallSearch', { query: { match: 'prefix', value: 'IMEI-1' } });
    expect(prefix.rows.map((r) => [r.value, r.orderNumber])).toEqual([['IMEI-1001', 'SO-1'], ['IMEI-1002', 'SO-2']]);
    expect(bench.ok('recallSearch', { query: { match: 'exact', value: 'IMEI-1' } }).rows).toEqual([]);
    expect(bench.ok('recallSearch', { query: { value: 'X-' } }).counts.units).toBe(0);
  });

  it('narrows by product and by dispatch date range (UTC days, both ends included)', () => {
    const bench = seeded();
    const ph = bench.ok('recallSearch', { query: { value: '', sku: 'PH' } });
    expect(ph.counts).toEqual({ units: 4, orders: 3, customers: 2, benches: 1 });
    const range = bench.ok('recallSearch', { query: { value: 'IMEI', dispatchedFrom: '2026-03-03', dispatchedTo: '2026-03-05' } });
    expect(range.rows.map((r) => r.value)).toEqual(['IMEI-1002', 'IMEI-2001']);
    const fromOnly = bench.ok('recallSearch', { query: { dispatchedFrom: '2026-03-09' } });
    expect(fromOnly.rows.map((r) => r.orderNumber)).toEqual(['SO-3']);
    // The last day a search may name ends the range like any other day (it once found nothing).
    const toLast = bench.ok('recallSearch', { query: { dispatchedFrom: '2026-03-09', dispatchedTo: '9999-12-31' } });
    expect(toLast.rows.map((r) => r.orderNumber)).toEqual(['SO-3']);
  });

  it('finds products by the start of their SKU in any case (as the order list does), identifiers by their value exactly as typed', () => {
    const bench = seeded();
    bench.product('PHN-1', 'single_use', 10, ['IMEI-9001']);
    const order = bench.order('SO-9', [['PHN-1', 1]], 'Dee');
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'IMEI-9001' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    const skus = (sku: string, value = '') => bench.ok('recallSearch', { query: { value, sku } }).rows.map((r) => r.sku);
    expect(skus('phn-1')).toEqual(['PHN-1']);
    expect(skus('Phn')).toEqual(['PHN-1']);
    expect(skus('ph')).toEqual(['PH', 'PH', 'PH', 'PH', 'PHN-1']);
    expect(bench.ok('recallSearch', { query: { value: '', sku: 'ph' } }).counts).toEqual({ units: 5, orders: 4, customers: 3, benches: 1 });
    expect(skus('ca', 'LOT')).toEqual(['CASE', 'CASE']);
    expect(skus('PHN-10')).toEqual([]);
    // Wildcards are text: "_" and "%" match themselves only.
    expect(skus('P_')).toEqual([]);
    expect(skus('%')).toEqual([]);
    // The identifier value stays case-sensitive.
    expect(skus('phn', 'imei-9')).toEqual([]);
  });

  it("searches a product's exact SKU when asked (a product a code named): not SKUs it starts, nor the same letters in another case", async () => {
    const bench = seeded();
    for (const [sku, value, orderNumber] of [['PHN-S', 'SN-1', 'SO-A'], ['PHN-S2', 'SN-2', 'SO-B'], ['phn-s', 'SN-3', 'SO-C']] as const) {
      bench.product(sku, 'single_use', 1, [value]);
      const order = bench.order(orderNumber, [[sku, 1]], 'Eve');
      bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value }] });
      bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    }
    const skus = (query: { value?: string; sku: string; skuMatch?: 'prefix' | 'exact' }) => bench.ok('recallSearch', { query }).rows.map((r) => r.sku);
    // By hand, the start of a SKU in any case, as before.
    expect(skus({ sku: 'PHN-S' })).toEqual(['PHN-S', 'PHN-S2', 'phn-s']);
    expect(skus({ sku: 'PHN-S', skuMatch: 'prefix' })).toEqual(['PHN-S', 'PHN-S2', 'phn-s']);
    // Exactly: that product only, with a value or without one, and its counts.
    expect(skus({ sku: 'PHN-S', skuMatch: 'exact' })).toEqual(['PHN-S']);
    expect(skus({ sku: 'phn-s', skuMatch: 'exact' })).toEqual(['phn-s']);
    expect(skus({ value: 'SN-', sku: 'PHN-S', skuMatch: 'exact' })).toEqual(['PHN-S']);
    expect(skus({ sku: 'PHN', skuMatch: 'exact' })).toEqual([]);
    expect(bench.ok('recallSearch', { query: { sku: 'PHN-S', skuMatch: 'exact' } }).counts).toEqual({ units: 1, orders: 1, customers: 1, benches: 1 });
    // The export takes the same query: the same one row.
    const search = createRecallSearch(createContext(bench.writer, { stationName: 'Test bench' }));
    expect([...search.rows(recallQuerySchema.parse({ sku: 'PHN-S', skuMatch: 'exact' }))].map((r) => [r.sku, r.value])).toEqual([['PHN-S', 'SN-1']]);
    // A cursor of the prefix search is not one of the exact search.
    const first = bench.ok('recallSearch', { query: { sku: 'PHN-S' }, limit: 1 });
    expect(bench.fail('recallSearch', { query: { sku: 'PHN-S', skuMatch: 'exact' }, limit: 1, cursor: first.nextCursor! }).message).toMatch(/another search/);
    // An exact SKU needs a SKU; anything but the two words is refused by name.
    expect(bench.fail('recallSearch', { query: { value: 'SN', skuMatch: 'exact' } }).message).toMatch(/exact SKU match needs a SKU/);
    expect(bench.fail('recallSearch', { query: { sku: 'PHN-S', skuMatch: 'fuzzy' as 'exact' } }).message).toMatch(/give "exact" or "prefix"/);
  });

  it('finds an exact SKU through the SKU index, not by reading every product', () => {
    const bench = seeded();
    const plan = (query: Record<string, unknown>) => {
      const { sql, params } = recallPageStatement(recallQuerySchema.parse(query));
      return (bench.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join('\n');
    };
    expect(plan({ sku: 'PH', skuMatch: 'exact' })).toMatch(/SEARCH p USING (COVERING )?INDEX \S+ \(sku=\?\)/);
  });

  it('finds a SKU prefix through an index of SKUs ignoring case, not by reading every product', () => {
    const bench = seeded();
    const plan = (query: Record<string, unknown>) => {
      const { sql, params } = recallPageStatement(recallQuerySchema.parse(query));
      return (bench.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join('\n');
    };
    expect(plan({ sku: 'ph' })).toMatch(/SEARCH p USING (COVERING )?INDEX products_sku_nocase \(sku>\? AND sku<\?\)/);
    // A value prefix still goes by the value index.
    expect(plan({ value: 'IMEI-1' })).toMatch(/SEARCH i USING (COVERING )?INDEX identifiers_value/);
  });

  it('pages with a cursor: every row once, in order', () => {
    const bench = seeded();
    const all = bench.ok('recallSearch', { query: { value: 'I' }, limit: 1000 }).rows;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = bench.ok('recallSearch', { query: { value: 'I' }, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.counts.units).toBe(4);
      seen.push(...page.rows.map((r) => `${r.value}/${r.orderNumber}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => `${r.value}/${r.orderNumber}`));
  });

  it('refuses a cursor given out for another search, rather than starting that search part-way', () => {
    const bench = seeded();
    const first = bench.ok('recallSearch', { query: { value: 'I' }, limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const other = bench.fail('recallSearch', { query: { value: 'IMEI' }, limit: 1, cursor: first.nextCursor! });
    expect(other.message).toMatch(/cursor .*another search/);
    // The search it was given out for goes on with it.
    expect(bench.ok('recallSearch', { query: { value: 'I' }, limit: 1, cursor: first.nextCursor! }).rows).toHaveLength(1);
  });

  it('refuses a query it cannot run, saying what is wrong', () => {
    const bench = seeded();
    expect(bench.fail('recallSearch', { query: { match: 'exact', value: '' } }).message).toMatch(/exact search needs a value/);
    expect(bench.fail('recallSearch', { query: { value: '' } }).message).toMatch(/give a value, a prefix, a lot, a use-by date range, a product or a dispatch date range/);
    expect(bench.fail('recallSearch', { query: { value: 'I', dispatchedFrom: '2026-03-09', dispatchedTo: '2026-03-01' } }).message).toMatch(/ends before it starts/);
    expect(bench.fail('recallSearch', { query: { value: 'I', dispatchedFrom: '9 March' } }).message).toMatch(/dispatchedFrom/);
    expect(bench.fail('recallSearch', { query: { value: 'I' }, cursor: 'nonsense' }).message).toMatch(/cursor/);
  });

  it('names the date field it refuses, in the words the Recall screen shows (issue messages, not paths)', () => {
    const bench = seeded();
    // The screen shows the issues' messages only; a date input takes years past 9999 (and 0000 by hand).
    const shown = (query: Record<string, unknown>) => bench.fail('recallSearch', { query }).issues.map((i) => i.message);
    expect(shown({ value: 'I', dispatchedTo: '10000-01-01' })).toEqual([expect.stringMatching(/^dispatched to /)]);
    expect(shown({ value: 'I', dispatchedFrom: '0000-12-31' })).toEqual([expect.stringMatching(/^dispatched from .*0001-01-01/)]);
    expect(shown({ useByFrom: '2026-02-30' })).toEqual([expect.stringMatching(/^use-by from /)]);
    expect(shown({ useByTo: '12/03/2026' })).toEqual([expect.stringMatching(/^use-by to .*YYYY-MM-DD/)]);
  });
});
