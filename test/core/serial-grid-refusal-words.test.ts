/** The grid save's refusals count boxes in words: "1 box is empty", "2 boxes need fixing", never "box(es)". */
import { describe, expect, it } from 'vitest';
import { newBoxes, openTestBench } from './helpers.js';

describe('the grid save refusal counts boxes in words', () => {
  it('says "1 box is empty" and "2 boxes are empty"', () => {
    const bench = openTestBench();
    const one = bench.product('SU1', 'single_use', 2);
    expect(bench.refused('saveSerialGrid', { productId: one, edits: newBoxes(['A']) }).message).toMatch(/^1 box is empty;/);
    const two = bench.product('SU2', 'single_use', 3);
    expect(bench.refused('saveSerialGrid', { productId: two, edits: newBoxes(['A']) }).message).toMatch(/^2 boxes are empty;/);
  });

  it('says "1 box needs fixing" and "2 boxes need fixing"', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 4);
    expect(bench.refused('saveSerialGrid', { productId: mu, edits: newBoxes(['A', 'A']) }).message).toBe('1 box needs fixing before the serial numbers can be saved.');
    expect(bench.refused('saveSerialGrid', { productId: mu, edits: newBoxes(['A', 'A', 'A']) }).message).toBe('2 boxes need fixing before the serial numbers can be saved.');
  });
});
