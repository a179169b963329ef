// @vitest-environment happy-dom
/**
 * The new-units prompt (stock of a tracked product going up) against a real core: a dispatch while it
 * is open re-reads the product, and the serial numbers typed for the arrived units stay; saving adds
 * those units to the stock as it is now, and says so.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { NewUnitsPrompt } from '../../renderer/screens/products/NewUnitsPrompt.js';
import type { Product } from '../../shared/contract/api.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const box = (i: number) => document.getElementById(`new-unit-box-${i}`) as HTMLInputElement;

describe('serial numbers for new units', () => {
  it('keeps what was typed when a dispatch moves the stock meanwhile, and adds the units to the stock as it is', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN', 'single_use', 10, Array.from({ length: 10 }, (_, i) => `OLD-${i}`));
    const order = bench.order('SO-1', [['PHN', 1]]);
    const { root } = mounted();
    let done: Product | null = null;
    const render = (product: Product) =>
      act(() => root.render(<NewUnitsPrompt api={coreApi(bench)} product={product} newStockLevel={15} onDone={(p) => (done = p)} onCancel={() => {}} />));
    render(bench.ok('getProduct', { productId }));
    for (let i = 0; i < 5; i++) typeInto(box(i), `IMEI-${i}`);

    // Another screen dispatches one unit; the product is read afresh (9 in stock).
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'OLD-0' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    render(bench.ok('getProduct', { productId }));
    expect([0, 1, 2, 3, 4].map((i) => box(i).value)).toEqual(['IMEI-0', 'IMEI-1', 'IMEI-2', 'IMEI-3', 'IMEI-4']);
    expect(document.querySelector('[role=status].hint')?.textContent).toBe(
      'The stock of PHN changed while this was open (from 10 to 9): saving adds these 5 units, to 14.',
    );

    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Stock Change')!.click());
    expect(done).toMatchObject({ stockLevel: 14 });
    expect(bench.count(`SELECT count(*) FROM identifiers WHERE value LIKE 'IMEI-%'`)).toBe(5);
  });

  it('adds the new units to the stock as the core holds it when the stock moved before the screen heard of it (synced as +N)', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN', 'single_use', 10, Array.from({ length: 10 }, (_, i) => `OLD-${i}`));
    const order = bench.order('SO-1', [['PHN', 1]]);
    const { root } = mounted();
    let done: Product | null = null;
    act(() =>
      root.render(<NewUnitsPrompt api={coreApi(bench)} product={bench.ok('getProduct', { productId })} newStockLevel={15} onDone={(p) => (done = p)} onCancel={() => {}} />),
    );
    for (let i = 0; i < 5; i++) typeInto(box(i), `IMEI-${i}`);

    // A dispatch commits just before "Save Stock Change": the screen still shows 10 in stock.
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'OLD-0' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    const ops = bench.outboxOps().length;

    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Stock Change')!.click());
    expect(document.querySelector('.problem-list, [role=alert]')?.textContent ?? '').toBe('');
    expect(done).toMatchObject({ stockLevel: 14 });
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'stock.delta', sku: 'PHN', delta: 5 },
      { type: 'identifier.add', sku: 'PHN', values: ['IMEI-0', 'IMEI-1', 'IMEI-2', 'IMEI-3', 'IMEI-4'] },
    ]);
  });

  it('never overwrites a stock change that arrived meanwhile (multiple use: the raise stays +N, the other change is kept)', async () => {
    const bench = openTestBench();
    const productId = bench.product('YOG', 'multiple_use', 10, ['L1']);
    const { root } = mounted();
    let done: Product | null = null;
    act(() =>
      root.render(<NewUnitsPrompt api={coreApi(bench)} product={bench.ok('getProduct', { productId })} newStockLevel={13} onDone={(p) => (done = p)} onCancel={() => {}} />),
    );
    typeInto(box(0), 'L2');
    // Another bench's stock-take of 4 arrives by sync before the screen re-reads the product.
    bench.writer.prepare('UPDATE products SET stock_level = 4 WHERE id = ?').run(productId);
    const ops = bench.outboxOps().length;

    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Stock Change')!.click());
    expect(done).toMatchObject({ stockLevel: 7 });
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'stock.delta', sku: 'YOG', delta: 3 },
      { type: 'identifier.add', sku: 'YOG', values: ['L2'] },
    ]);
  });
});
