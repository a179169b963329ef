/**
 * Catalogue imports set stock to a count, never add to it: the same file imported on two benches,
 * offline, in any order, never doubles anything (two benches, real hub, real PostgreSQL).
 */
import { describe, expect, it } from 'vitest';
import { expectAllAgree, stockOf, syncAll, useSyncFixture, type SyncBench } from './harness.js';

const fx = useSyncFixture();
const catalogue = (stock: number) => ({ 'products.csv': [['CBL', 'Cable', '', 'none', stock], ['PHN', 'Phone', '', 'multiple_use', 4]] });
const productId = (bench: SyncBench, sku: string) => bench.count('SELECT id FROM products WHERE sku = ?', sku);

describe('catalogue import', () => {
  it.each([['A first'], ['B first']])('the same file on two offline benches counts once (%s)', async (order) => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    a.importRows(catalogue(50));
    b.importRows(catalogue(50));
    const [first, second] = order === 'A first' ? [a, b] : [b, a];
    await syncAll(first, second);
    const truth = await expectAllAgree(hub, a, b);
    expect(stockOf(truth, 'CBL')).toBe(50);
    expect(stockOf(truth, 'PHN')).toBe(4);

    // A new count on B (offline), then a sale on A after it (offline): the later count wins, the sale adds.
    b.importRows(catalogue(60));
    await new Promise((r) => setTimeout(r, 5));
    a.ok('changeStockLevel', { productId: productId(a, 'CBL'), newStockLevel: 45 });
    await syncAll(first, second);
    expect(stockOf(await expectAllAgree(hub, a, b), 'CBL')).toBe(55);
  });
});
