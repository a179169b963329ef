/**
 * Identifier history across two benches and the hub (real SQLite benches, real sync engine, real HTTP,
 * real PostgreSQL): allocate, clear, reallocate and dispatch on different benches; each bench's timeline
 * and the hub's list every step in order, with the benches' names.
 */
import { describe, expect, it } from 'vitest';
import type { HubHistoryResponse } from '../../shared/trace/hub-trace.js';
import { useSyncFixture } from './harness.js';

const fx = useSyncFixture();

describe('identifier history', () => {
  it('follows SN-1 from bench to bench: at each bench and at the hub, every step in order with bench names', async () => {
    const hub = await fx.hub();
    const tokenA = await hub.addBench('A', 'Packing 1');
    const tokenB = await hub.addBench('B', 'Packing 2');
    const a = await fx.bench(hub, 'A', { token: tokenA });
    const b = await fx.bench(hub, 'B', { token: tokenB });
    await a.syncOk();
    await b.syncOk();
    a.importRows({
      'products.csv': [['PHN', 'Phone', '', 'single_use', 5]],
      'identifiers.csv': [['PHN', 'SN-1'], ['PHN', 'SN-2']],
      'orders.csv': [['O1', 'Ada', 'PHN', 1], ['O2', 'Grace', 'PHN', 1]],
    });
    // Bench A allocates SN-1 to O1, then clears it.
    a.ok('saveAllocations', { allocations: [{ lineId: a.lineIds('O1')[0]!, unit: 1, value: 'SN-1' }] });
    a.ok('saveAllocations', { allocations: [{ lineId: a.lineIds('O1')[0]!, unit: 1, value: null }] });
    await a.syncOk();
    await b.syncOk();
    // Bench B gives SN-1 to O2 and dispatches it.
    b.ok('saveAllocations', { allocations: [{ lineId: b.lineIds('O2')[0]!, unit: 1, value: 'SN-1' }] });
    expect(b.ok('completeOrder', { orderId: b.orderId('O2'), lines: [{ lineId: b.lineIds('O2')[0]!, quantity: 1 }] }).status).toBe('dispatched');
    await b.syncOk();
    await a.syncOk();

    const steps = (events: ReadonlyArray<{ kind: string; stationName: string; orderNumber: string | null }>) =>
      events.map((e) => `${e.kind} ${e.orderNumber ?? '-'} @ ${e.stationName}`);
    // The hub: the whole warehouse, in the order it applied them.
    const answer = await fetch(`${hub.url}/v1/history?value=SN-1`, { headers: { authorization: `Bearer ${tokenA}` } });
    expect(answer.status).toBe(200);
    const atHub = (await answer.json()) as HubHistoryResponse;
    expect(steps(atHub.events)).toEqual([
      'added - @ Packing 1',
      'allocated O1 @ Packing 1',
      'cleared O1 @ Packing 1',
      'allocated O2 @ Packing 2',
      'dispatched O2 @ Packing 2',
    ]);
    // Bench A: its own steps, and B's dispatch learnt from the hub, under B's name.
    expect(steps(a.ok('getIdentifierHistory', { value: 'SN-1' }).events)).toEqual([
      'added - @ Packing 1',
      'allocated O1 @ Packing 1',
      'cleared O1 @ Packing 1',
      'dispatched O2 @ Packing 2',
    ]);
    // Bench B: its own allocation and dispatch.
    expect(steps(b.ok('getIdentifierHistory', { value: 'SN-1' }).events)).toEqual(['allocated O2 @ Packing 2', 'dispatched O2 @ Packing 2']);
    // Recall at each bench and at the hub finds O2 for Grace at Packing 2.
    for (const bench of [a, b]) {
      expect(bench.ok('recallSearch', { query: { match: 'exact', value: 'SN-1' } }).rows.map((r) => [r.orderNumber, r.customer, r.stationName])).toEqual([['O2', 'Grace', 'Packing 2']]);
    }
    const trace = await fetch(`${hub.url}/v1/trace?match=exact&value=SN-1`, { headers: { authorization: `Bearer ${tokenB}` } });
    expect(((await trace.json()) as { rows: Array<{ orderNumber: string; stationName: string }> }).rows.map((r) => [r.orderNumber, r.stationName])).toEqual([['O2', 'Packing 2']]);
  });
});
