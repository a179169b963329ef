/** Checks shared by the huge-stock serial grid tests (single and multiple use): one wording, one place. */
import { expect } from 'vitest';
import type { TestBench } from './helpers.js';

/** A box of the stock beyond the grid's (a grid read before, a script) is refused, saying why and what to do; nothing is written. */
export function expectBoxBeyondGridRefused(bench: TestBench, productId: number, sku: string, stock: number, filledBoxes: number): void {
  const refused = bench.refused('saveSerialGrid', { productId, edits: [{ box: stock - 1, identifierId: null, value: 'BEYOND' }] });
  expect(refused.code).toBe('validation');
  expect(refused.issues).toEqual([
    {
      where: `box ${stock}`,
      box: stock - 1,
      message:
        `There is no box ${stock.toLocaleString('en-US')}: the serial grid of ${sku} has its ${filledBoxes} filled boxes and 200,000 empty ones after them ` +
        `(one save takes at most 200,000), not one box for each of its ${stock.toLocaleString('en-US')} units in stock. Enter the serial number in an empty box of the grid.`,
    },
  ]);
  expect(bench.count("SELECT count(*) FROM identifiers WHERE value = 'BEYOND'")).toBe(0);
}
