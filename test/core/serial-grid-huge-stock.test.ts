/**
 * The serial grid of a multiple-use product whose stock is huge (tens of millions, up to the largest
 * stock the contract allows), against a real SQLite file: its boxes are the filled ones and at most
 * MAX_EMPTY_GRID_BOXES empty ones, not one per unit, so reading and saving cost what is entered, not the
 * stock (the save once took a byte per box: a gigabyte for the largest stock). A box beyond them is
 * refused in words saying why.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EMPTY_GRID_BOXES } from '../../shared/contract/schemas.js';
import { MAX_STOCK_LEVEL } from '../../shared/sync/bounds.js';
import { expectBoxBeyondGridRefused } from './grid-bound-checks.js';
import { openTestBench } from './helpers.js';

describe('serial grid: a multiple-use product with a huge stock', () => {
  it.each([50_000_000, MAX_STOCK_LEVEL])('has its filled boxes and at most the bound of empty ones (stock %i); the last one saves; one beyond is refused in words', (stock) => {
    const bench = openTestBench();
    const productId = bench.product('MU-HUGE', 'multiple_use', stock, ['A-1', 'A-2']);

    const grid = bench.ok('getSerialGrid', { productId, limit: 5 });
    expect(grid).toMatchObject({ totalBoxes: 2 + MAX_EMPTY_GRID_BOXES, filledBoxes: 2 });
    expect(grid.product.stockLevel).toBe(stock);
    expect(grid.boxes.map((b) => b.value)).toEqual(['A-1', 'A-2', '', '', '']);
    const lastBox = grid.totalBoxes - 1;
    expect(bench.ok('getSerialGrid', { productId, offset: lastBox, limit: 10 }).boxes).toEqual([
      { box: lastBox, identifierId: null, value: '', status: null, useCount: 0, locked: false, useBy: null },
    ]);

    // A value typed far down (the last box, as Ctrl+End reaches it) saves, without a byte per unit of stock.
    const buffersBefore = process.memoryUsage().arrayBuffers;
    const saved = bench.ok('saveSerialGrid', { productId, edits: [{ box: lastBox, identifierId: null, value: 'FAR' }] });
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(20_000_000);
    expect(saved).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect(saved.product.stockLevel).toBe(stock);

    // Opened again: the entered values in entry order, then as many empty boxes as before.
    const again = bench.ok('getSerialGrid', { productId, limit: 4 });
    expect(again).toMatchObject({ totalBoxes: 3 + MAX_EMPTY_GRID_BOXES, filledBoxes: 3 });
    expect(again.boxes.map((b) => b.value)).toEqual(['A-1', 'A-2', 'FAR', '']);

    expectBoxBeyondGridRefused(bench, productId, 'MU-HUGE', stock, 3);
  });

  it('keeps one box per unit while the stock is within the bound, as before', () => {
    const bench = openTestBench();
    const productId = bench.product('MU-SMALL', 'multiple_use', 10, ['A-1']);
    expect(bench.ok('getSerialGrid', { productId })).toMatchObject({ totalBoxes: 10, filledBoxes: 1 });
    bench.ok('saveSerialGrid', { productId, edits: [{ box: 9, identifierId: null, value: 'LAST' }] });
    expect(bench.ok('getSerialGrid', { productId })).toMatchObject({ totalBoxes: 10, filledBoxes: 2 });
  });
});
