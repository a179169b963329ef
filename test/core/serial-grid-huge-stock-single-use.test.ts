/**
 * The serial grid of a single-use product whose stock is huge (by sync, an import, a mode change from
 * multiple use), against a real SQLite file. Its grid had one box per unit: a save allocated a byte per
 * unit and walked every empty box, and, since every box had to be filled, no save of at most 200,000
 * serial numbers could ever pass. Now, as for multiple use, the grid has its filled boxes and at most
 * MAX_EMPTY_GRID_BOXES empty ones; while more units lack a serial number than one save takes, a save
 * fills any number of them (the rest stay without, as they were), and a box beyond is refused in words.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EMPTY_GRID_BOXES } from '../../shared/contract/schemas.js';
import { MAX_STOCK_LEVEL } from '../../shared/sync/bounds.js';
import { expectBoxBeyondGridRefused } from './grid-bound-checks.js';
import { openTestBench } from './helpers.js';

describe('serial grid: a single-use product with a huge stock', () => {
  it.each([50_000_000, MAX_STOCK_LEVEL])('has its filled boxes and the bound of empty ones (stock %i); a batch saves; one beyond is refused in words', (stock) => {
    const bench = openTestBench();
    const productId = bench.product('SU-HUGE', 'single_use', stock, ['S-1', 'S-2']);

    const grid = bench.ok('getSerialGrid', { productId, limit: 4 });
    expect(grid).toMatchObject({ totalBoxes: 2 + MAX_EMPTY_GRID_BOXES, filledBoxes: 2 });
    expect(grid.boxes.map((b) => b.value)).toEqual(['S-1', 'S-2', '', '']);
    const lastBox = grid.totalBoxes - 1;

    // A batch (the first empty box and the last one) saves, the other boxes left empty, without a byte per unit.
    const buffersBefore = process.memoryUsage().arrayBuffers;
    const saved = bench.ok('saveSerialGrid', {
      productId,
      edits: [
        { box: 2, identifierId: null, value: 'S-3' },
        { box: lastBox, identifierId: null, value: 'S-FAR' },
      ],
    });
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(20_000_000);
    expect(saved).toMatchObject({ added: 2, changed: 0, removed: 0 });
    expect(saved.product.stockLevel).toBe(stock);

    // Opened again: the entered values in entry order, then the next empty boxes, as many as before.
    const again = bench.ok('getSerialGrid', { productId, limit: 5 });
    expect(again).toMatchObject({ totalBoxes: 4 + MAX_EMPTY_GRID_BOXES, filledBoxes: 4 });
    expect(again.boxes.map((b) => b.value)).toEqual(['S-1', 'S-2', 'S-3', 'S-FAR', '']);

    expectBoxBeyondGridRefused(bench, productId, 'SU-HUGE', stock, 4);
  });

  it('still refuses a repeated value in a batch, naming the boxes', () => {
    const bench = openTestBench();
    const productId = bench.product('SU-HUGE', 'single_use', 50_000_000, ['S-1']);
    const refused = bench.refused('saveSerialGrid', { productId, edits: [{ box: 1, identifierId: null, value: 'S-1' }] });
    expect(refused.issues).toEqual([{ where: 'box 2', box: 1, message: '"S-1" is already entered (box 1); identifiers must be unique within SU-HUGE.', repeatsBox: 0 }]);
  });

  it('takes a cleared box as a unit without a serial number again, as the other units are (every box filled cannot be asked)', () => {
    const bench = openTestBench();
    const productId = bench.product('SU-HUGE', 'single_use', 50_000_000, ['S-1', 'S-2']);
    const [first] = bench.ok('getSerialGrid', { productId, limit: 1 }).boxes;
    expect(bench.ok('saveSerialGrid', { productId, edits: [{ box: 0, identifierId: first!.identifierId, value: '' }] })).toMatchObject({ removed: 1 });
    expect(bench.ok('getSerialGrid', { productId, limit: 2 }).boxes.map((b) => b.value)).toEqual(['S-2', '']);
  });

  it('needs every box filled once the units without a serial number fit in one grid, as before', () => {
    const bench = openTestBench();
    // One unit more than the bound: a batch saves; then every unit has a box, and every box needs a value.
    const productId = bench.product('SU-EDGE', 'single_use', MAX_EMPTY_GRID_BOXES + 1);
    expect(bench.ok('getSerialGrid', { productId, limit: 1 })).toMatchObject({ totalBoxes: MAX_EMPTY_GRID_BOXES, filledBoxes: 0 });
    bench.ok('saveSerialGrid', { productId, edits: [{ box: 0, identifierId: null, value: 'E-1' }] });
    expect(bench.ok('getSerialGrid', { productId, limit: 1 })).toMatchObject({ totalBoxes: MAX_EMPTY_GRID_BOXES + 1, filledBoxes: 1 });
    const refused = bench.refused('saveSerialGrid', { productId, edits: [{ box: 1, identifierId: null, value: 'E-2' }] });
    expect(refused.message).toBe(`${(MAX_EMPTY_GRID_BOXES - 1).toLocaleString('en-US')} boxes are empty; single-use products need an identifier in every box.`);
  });
});
