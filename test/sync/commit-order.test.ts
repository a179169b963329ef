/**
 * Pulled changes are states, and the hub pages them in (xid, id) order. A push transaction takes its
 * xid at its first write but may lock a product only later, so a transaction with a smaller xid can
 * change a product after (and on top of) one with a larger xid: its change comes first in the pull
 * while it is the newer state. Every bench must still end on the hub's state.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { PullChange } from '../../shared/sync/protocol.js';
import { openTestBench } from '../core/helpers.js';
import { pullApplierOn } from './pull-applier.js';
import { expectAllAgree, stockOf, syncAll, useSyncFixture, type SyncBench, type TestHub } from './harness.js';

const fx = useSyncFixture();

function changeStockBy(bench: SyncBench, sku: string, delta: number): void {
  const product = bench.ok('getProduct', { productId: bench.count('SELECT id FROM products WHERE sku = ?', sku) });
  bench.ok('changeStockLevel', { productId: product.id, newStockLevel: product.stockLevel + delta });
}

/** Resolves once some session of the hub's database waits for a row lock. */
async function someoneWaitsForARowLock(hub: TestHub): Promise<void> {
  for (;;) {
    const [row] = await hub.sql<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')`,
    );
    if (Number(row!.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('pull order across concurrent pushes', () => {
  it('ends every bench on the hub\'s stock when the push with the older xid changes a product last', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    const c = await fx.bench(hub, 'C'); // only pulls
    a.importRows({ 'products.csv': [['P1', 'First', '', 'none', 5], ['P2', 'Second', '', 'none', 50]] });
    await syncAll(a, b, c);

    // A's push: two stock changes, P1 then P2 (one set-wise run; products are locked in id order).
    changeStockBy(a, 'P1', 1);
    changeStockBy(a, 'P2', 10);
    changeStockBy(b, 'P2', 100);

    // Hold P1, so A's push takes its xid and then waits before it reaches the products.
    const holder = new pg.Client({ connectionString: hub.databaseUrl });
    await holder.connect();
    fx.cleanup(() => holder.end());
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM products WHERE sku = 'P1' FOR UPDATE`);
    const aSyncing = a.sync.syncNow();
    await someoneWaitsForARowLock(hub);

    // B (a later xid) changes P2 and commits first; then A changes P2 on top of B's result.
    await b.syncOk();
    await holder.query('ROLLBACK');
    expect(await aSyncing).toMatchObject({ ok: true });

    await syncAll(a, b, c);
    const truth = await expectAllAgree(hub, a, b, c);
    expect(stockOf(truth, 'P2')).toBe(160);
    expect(stockOf(truth, 'P1')).toBe(6);
  });

  it('keeps each row\'s newest state (by changeId) whatever order the pages bring them in', () => {
    const bench = openTestBench();
    const { applier, conflicts } = pullApplierOn(bench);
    let page = 0;
    const apply = (...changes: PullChange[]) => expect(applier.applyPage(JSON.parse(JSON.stringify(changes)) as unknown[], `c${++page}`)).toMatchObject({ quarantined: 0 });
    const product = (changeId: number | undefined, stockLevel: number): PullChange =>
      ({ kind: 'product', ...(changeId ? { changeId } : {}), sku: 'P', title: 'Phone', barcode: null, identifierMode: 'single_use', stockLevel });

    apply(
      product(1, 5),
      { kind: 'identifier', changeId: 2, sku: 'P', value: 'S1', status: 'available' },
      { kind: 'identifier', changeId: 3, sku: 'P', value: 'S2', status: 'available' },
      { kind: 'order', changeId: 4, orderNumber: 'O1', customer: 'First', version: 1, lines: [{ lineNo: 1, sku: 'P', quantity: 2, dispatched: 0 }] },
    );
    // Each row's newer state first, then an older one (a transaction with the smaller xid).
    apply(
      product(20, 9),
      product(10, 7),
      { kind: 'order', changeId: 22, orderNumber: 'O1', customer: 'Newer', version: 3, lines: [{ lineNo: 1, sku: 'P', quantity: 2, dispatched: 0 }] },
      { kind: 'order', changeId: 12, orderNumber: 'O1', customer: 'Older', version: 2, lines: [{ lineNo: 1, sku: 'P', quantity: 2, dispatched: 0 }] },
      { kind: 'allocation', changeId: 23, orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P', value: 'S2', status: 'live' },
      { kind: 'allocation', changeId: 13, orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P', value: 'S1', status: 'live' },
      { kind: 'identifier', changeId: 24, sku: 'P', value: 'S1', status: 'removed' },
      { kind: 'identifier', changeId: 14, sku: 'P', value: 'S1', status: 'available' },
    );
    const read = <T>(sql: string) => bench.reader.prepare(sql).all() as T[];
    expect(read(`SELECT stock_level FROM products WHERE sku = 'P'`)).toEqual([{ stock_level: 9 }]);
    expect(read(`SELECT customer FROM orders WHERE order_number = 'O1'`)).toEqual([{ customer: 'Newer' }]);
    expect(read('SELECT i.value FROM allocations a JOIN identifiers i ON i.id = a.identifier_id')).toEqual([{ value: 'S2' }]);
    expect(read('SELECT value FROM identifiers ORDER BY value')).toEqual([{ value: 'S2' }]);

    // A hub before changeId: its changes apply in page order, as they always did.
    apply(product(undefined, 3));
    expect(read(`SELECT stock_level FROM products WHERE sku = 'P'`)).toEqual([{ stock_level: 3 }]);
    expect(conflicts.openCount()).toBe(0);
  });
});
