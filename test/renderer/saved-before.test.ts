import { describe, expect, it } from 'vitest';
import { refusalAfterChunks } from '../../renderer/screens/orders/allocation/saved-before.js';
import { DISK_FULL_MESSAGE } from '../../electron/core/db/disk-full.js';

describe('a refusal after a save sent in chunks', () => {
  it('is said as it is when no chunk was saved before it', () => {
    expect(refusalAfterChunks('2 units still need an identifier before the order can be completed. Nothing was saved.', 0)).toBe(
      '2 units still need an identifier before the order can be completed. Nothing was saved.',
    );
    expect(refusalAfterChunks(DISK_FULL_MESSAGE, 0)).toBe(DISK_FULL_MESSAGE);
  });

  it('never says "nothing was saved" once earlier chunks were saved, and says how many were', () => {
    expect(refusalAfterChunks('2 units still need an identifier before the order can be completed. Nothing was saved.', 100_000)).toBe(
      '2 units still need an identifier before the order can be completed. Nothing more was saved. The first 100,000 changed boxes were saved before this.',
    );
    expect(refusalAfterChunks('Check the dispatch quantities of the order first: nothing was saved.', 200_000)).toBe(
      'Check the dispatch quantities of the order first: nothing more was saved. The first 200,000 changed boxes were saved before this.',
    );
    expect(refusalAfterChunks(DISK_FULL_MESSAGE, 100_000)).toBe(
      "The bench's disk is full, so nothing more was saved. Free some space on the disk, then try again. The first 100,000 changed boxes were saved before this.",
    );
  });

  it('adds what was saved to a refusal that does not speak of saving', () => {
    expect(refusalAfterChunks('Order SO-1 cannot be completed as entered.', 100_000)).toBe(
      'Order SO-1 cannot be completed as entered. The first 100,000 changed boxes were saved before this.',
    );
    expect(refusalAfterChunks('Refused.', 1)).toBe('Refused. The first changed box was saved before this.');
  });
});
