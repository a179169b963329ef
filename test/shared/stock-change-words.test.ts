/** The stock refusals' figures read as every other count on the screen: thousands separated. */
import { describe, expect, it } from 'vitest';
import { belowAllocatedMessage, stockMovedMessage } from '../../shared/domain/stock-change.js';

describe('stock change words', () => {
  it('separate thousands in the figures they name', () => {
    expect(stockMovedMessage('CBL', 12500, 12497)).toContain('The stock of CBL changed from 12,500 to 12,497 while you were editing');
    expect(belowAllocatedMessage('PHN', 1500)).toBe(
      'PHN has 1,500 units allocated to orders awaiting dispatch: the stock level cannot go below 1,500 until those allocations are cleared or dispatched.',
    );
  });
});
