/**
 * A bench that joins late: the benches already working prune what the hub has acknowledged (the
 * audit log keeps the history), and a new bench gets the whole warehouse in its first sync.
 * (The full-size figure, 100,000 identifiers and 50,000 orders, is in `npm run bench -- sync`.)
 */
import { describe, expect, it } from 'vitest';
import { expectAllAgree, useSyncFixture, type SyncBench } from './harness.js';

const fx = useSyncFixture();

const PRODUCTS = 20;
const IDENTIFIERS = 3_000;
const ORDERS = 1_500;
const sku = (i: number) => `SKU-${String(i % PRODUCTS).padStart(2, '0')}`;

function seedWarehouse(bench: SyncBench): void {
  bench.importRows({
    'products.csv': Array.from({ length: PRODUCTS }, (_, i) => [sku(i), `Product ${i}`, '', i % 2 ? 'multiple_use' : 'single_use', 500]),
    'identifiers.csv': Array.from({ length: IDENTIFIERS }, (_, i) => [sku(i), `SN${String(i).padStart(6, '0')}`]),
    'orders.csv': Array.from({ length: ORDERS }, (_, i) => [`SO-${String(i).padStart(5, '0')}`, `Customer ${i}`, sku(i), 1 + (i % 3)]),
  });
}

const outboxRows = (bench: SyncBench) => bench.count('SELECT count(*) FROM outbox');

describe('a bench that joins late', () => {
  it('prunes acknowledged outbox entries, keeps the history, and a new bench gets everything', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A', { settings: { outboxRetentionMs: 0 } });
    seedWarehouse(a);
    const made = a.ok('getSyncStatus', {}).pendingOps;
    expect(made).toBeGreaterThan(ORDERS);
    const audited = a.count('SELECT count(*) FROM audit_log');
    await a.syncOk();
    // Every entry was acknowledged, so every one is gone; the audit log still tells what happened.
    expect(outboxRows(a)).toBe(0);
    expect(a.count('SELECT count(*) FROM audit_log')).toBeGreaterThanOrEqual(audited);
    expect(a.auditActions()).toContain('import');

    // Some work at A: an allocation the hub refuses stays in the outbox with its conflict.
    const b = await fx.bench(hub, 'B', { settings: { outboxRetentionMs: 0 } });
    a.ok('saveAllocations', { allocations: [{ lineId: a.lineIds('SO-00000')[0]!, unit: 1, value: 'SN000000' }] });
    b.ok('saveAllocations', { allocations: [{ lineId: b.lineIds('SO-00020')[0]!, unit: 1, value: 'SN000000' }] });
    await a.syncOk();
    await b.syncOk();
    expect(b.conflicts()).toHaveLength(1);
    expect(outboxRows(a)).toBe(0);
    expect(b.reader.prepare('SELECT seq FROM outbox').pluck().all()).toEqual([b.conflicts()[0]!.opSeq]);

    // Numbering survives pruning: a restarted A (which checks its seq against the hub's) syncs on.
    await a.restart();
    a.ok('changeStockLevel', { productId: a.count(`SELECT id FROM products WHERE sku = ?`, sku(1)), newStockLevel: 499 });
    await a.syncOk();
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', pendingOps: 0 });
    expect((await hub.sql<{ last_seq: string }>(`SELECT last_seq FROM stations WHERE station_id = 'A'`))[0]!.last_seq).toBe(String(made + 2));

    // One order dispatched (a single-use identifier consumed) before the late bench joins.
    a.ok('saveAllocations', { allocations: [{ lineId: a.lineIds('SO-00002')[0]!, unit: 1, value: 'SN000002' }, { lineId: a.lineIds('SO-00002')[0]!, unit: 2, value: 'SN000022' }, { lineId: a.lineIds('SO-00002')[0]!, unit: 3, value: 'SN000042' }] });
    expect(a.ok('completeOrder', { orderId: a.orderId('SO-00002'), lines: [{ lineId: a.lineIds('SO-00002')[0]!, quantity: 3 }] }).status).toBe('dispatched');
    await a.syncOk();

    // A new bench, late: one sync and it has the whole warehouse, exactly as the hub has it.
    const late = await fx.bench(hub, 'LATE');
    expect(late.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', pendingOps: 0, openConflicts: 0 });
    expect(late.count('SELECT count(*) FROM identifiers')).toBe(IDENTIFIERS);
    expect(late.count('SELECT count(*) FROM orders')).toBe(ORDERS);
    expect(outboxRows(late)).toBe(0);
    expect(late.ok('getOrder', { orderId: late.orderId('SO-00002') })).toMatchObject({ status: 'dispatched', unitsRemaining: 0 });
    expect(late.count(`SELECT count(*) FROM identifiers WHERE status = 'consumed'`)).toBe(3);
    await b.syncOk();
    await expectAllAgree(hub, a, b, late);
  });

  it('keeps acknowledged entries for the retention period (a hub restored from a backup gets them again)', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    a.product('P', 'none', 3);
    await a.syncOk();
    expect(a.pending()).toBe(0);
    expect(outboxRows(a)).toBe(2);
  });
});
