/**
 * Three benches and one hub: seed on one bench, work offline on each (allocate, dispatch, change
 * stock), sync, and every bench and the hub agree exactly.
 */
import { describe, expect, it } from 'vitest';
import { expectAllAgree, stockOf, syncAll, useSyncFixture, type SyncBench } from './harness.js';

const fx = useSyncFixture();

const IMEIS = ['IMEI-1', 'IMEI-2', 'IMEI-3', 'IMEI-4', 'IMEI-5', 'imei-5'];

function seed(bench: SyncBench): void {
  bench.importRows({
    'products.csv': [
      ['PHN', 'Phone', '', 'single_use', IMEIS.length],
      ['YOG', 'Yoghurt', '', 'multiple_use', 20],
      ['CBL', 'Cable', '', 'none', 100],
    ],
    'identifiers.csv': [...IMEIS.map((v) => ['PHN', v]), ['YOG', 'USE BY 2026-12-04'], ['YOG', 'USE BY 2026-12-11']],
    'orders.csv': [
      ['O1', 'Ada', 'PHN', 1],
      ['O1', 'Ada', 'CBL', 2],
      ['O2', 'Grace', 'PHN', 2],
      ['O3', 'Alan', 'YOG', 3],
      ['O4', 'Hedy', 'CBL', 5],
      ['O5', 'Tim', 'PHN', 1],
    ],
  });
}

/** Allocates values to the units of one order line (units 1..n) and dispatches the given quantities. */
function allocateAndDispatch(bench: SyncBench, orderNumber: string, values: Array<string[] | null>, quantities?: number[]): void {
  const lineIds = bench.lineIds(orderNumber);
  const allocations = values.flatMap((unitValues, i) =>
    unitValues ? unitValues.map((value, u) => ({ lineId: lineIds[i]!, unit: u + 1, value })) : [],
  );
  if (allocations.length) bench.ok('saveAllocations', { allocations });
  const order = bench.ok('getOrder', { orderId: bench.orderId(orderNumber) });
  const result = bench.ok('completeOrder', {
    orderId: order.id,
    lines: order.lines.map((l, i) => ({ lineId: l.lineId, quantity: quantities?.[i] ?? l.remaining })),
  });
  expect(result.status).toBe('dispatched');
}

/** Stock travels as a delta: what the packer changed here, whatever other benches did meanwhile. */
function changeStockBy(bench: SyncBench, sku: string, delta: number): void {
  const product = bench.ok('getProduct', { productId: productId(bench, sku) });
  bench.ok('changeStockLevel', { productId: product.id, newStockLevel: product.stockLevel + delta });
}

function productId(bench: SyncBench, sku: string): number {
  return bench.count('SELECT id FROM products WHERE sku = ?', sku);
}

describe('sync between benches', () => {
  it('spreads one bench\'s import to the others through the hub', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    seed(a);
    expect(a.pending()).toBeGreaterThan(0);
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', station: { id: 'A', name: 'A' } });
    await syncAll(a, b);
    const truth = await expectAllAgree(hub, a, b);
    expect(stockOf(truth, 'PHN')).toBe(6);
    expect(truth.orders).toHaveLength(5);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', pendingOps: 0, openConflicts: 0, lastSyncAt: expect.any(String) });
    // Pulled rows did not become local changes at B.
    expect(b.count('SELECT count(*) FROM outbox')).toBe(0);
  });

  it('merges offline allocations, dispatches and stock changes of three benches exactly', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    const c = await fx.bench(hub, 'C');
    seed(a);
    await syncAll(a, b, c);
    await expectAllAgree(hub, a, b, c);

    // Offline work (no sync between these steps).
    allocateAndDispatch(a, 'O1', [['IMEI-1'], null]); // PHN 1, CBL 2
    allocateAndDispatch(b, 'O2', [['IMEI-2', 'imei-5']]); // PHN 2 (case-sensitive values)
    allocateAndDispatch(c, 'O3', [['USE BY 2026-12-04', 'USE BY 2026-12-04', 'USE BY 2026-12-11']]); // YOG 3, multiple use
    allocateAndDispatch(a, 'O4', [], [2]); // CBL 2 of 5: partial
    allocateAndDispatch(c, 'O4', [], [1]); // CBL 1 more of O4, at another bench
    changeStockBy(b, 'CBL', +10);
    changeStockBy(c, 'CBL', -5);
    b.ok('saveAllocations', { allocations: [{ lineId: b.lineIds('O5')[0]!, unit: 1, value: 'IMEI-4' }] }); // allocated, not dispatched

    await syncAll(a, b, c);
    const truth = await expectAllAgree(hub, a, b, c);
    expect(stockOf(truth, 'PHN')).toBe(6 - 1 - 2);
    expect(stockOf(truth, 'YOG')).toBe(20 - 3);
    expect(stockOf(truth, 'CBL')).toBe(100 - 2 - 2 - 1 + 10 - 5);
    expect(truth.dispatches).toHaveLength(5);
    expect(truth.identifiers.filter((i) => i.consumed).map((i) => i.value).sort()).toEqual(['IMEI-1', 'IMEI-2', 'imei-5']);
    expect(truth.orders.find((o) => o.orderNumber === 'O4')!.lines[0]).toMatchObject({ quantity: 5, dispatched: 3 });
    expect(truth.allocations).toContainEqual({ orderNumber: 'O5', lineNo: 1, unit: 1, value: 'IMEI-4', dispatched: false });

    // Each bench shows the others' dispatches in the order history, with the station that made them.
    const o3AtA = a.ok('getOrder', { orderId: a.orderId('O3') });
    expect(o3AtA.status).toBe('dispatched');
    expect(o3AtA.dispatches).toHaveLength(1);
    expect(o3AtA.dispatches[0]).toMatchObject({ stationId: 'C', lines: [{ sku: 'YOG', quantity: 3, identifiers: ['USE BY 2026-12-04', 'USE BY 2026-12-04', 'USE BY 2026-12-11'] }] });
    // The single-use picker at A knows IMEI-4 is taken by B's order and IMEI-2 is gone.
    const candidates = a.ok('searchCandidates', { productId: productId(a, 'PHN'), query: '' }).items;
    expect(candidates.map((c) => [c.value, c.status, c.inUseBy?.orderNumber ?? null])).toEqual([
      ['IMEI-3', 'available', null],
      ['IMEI-4', 'allocated', 'O5'],
      ['IMEI-5', 'available', null],
    ]);
    // Stock equals the unconsumed single-use identifiers on every bench (the grid has one box per unit).
    for (const bench of [a, b, c]) {
      expect(bench.ok('getProduct', { productId: productId(bench, 'PHN') }).identifierCounts).toEqual({ available: 2, allocated: 1, consumed: 3 });
    }
    for (const bench of [a, b, c]) expect(bench.conflicts()).toEqual([]);
  });
});
