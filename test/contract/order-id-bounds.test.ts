/** The named bounds on how many order ids one call takes, and the words a call beyond them gets. */
import { describe, expect, it } from 'vitest';
import { fefoFillSchema, getAllocationSheetArgs, listAwaitingOrderIdsArgs, MAX_AMONG_ORDER_IDS, MAX_ORDERS_PER_ALLOCATION_CALL } from '../../shared/contract/schemas.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('order id bounds', () => {
  it('a still-awaiting read of a select-all of 50,000 orders (the most the bench is sized to list) fits; one past the bound is refused in words', () => {
    expect(listAwaitingOrderIdsArgs.safeParse({ among: ids(50_000) }).success).toBe(true);
    expect(listAwaitingOrderIdsArgs.safeParse({ among: ids(MAX_AMONG_ORDER_IDS) }).success).toBe(true);
    const over = listAwaitingOrderIdsArgs.safeParse({ among: ids(MAX_AMONG_ORDER_IDS + 1) });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe('among asks about at most 200,000 orders at once; ask in parts');
  });

  it('an allocation sheet read and a fefoFill take the same bound, named in the refusal', () => {
    expect(getAllocationSheetArgs.safeParse({ orderIds: ids(MAX_ORDERS_PER_ALLOCATION_CALL) }).success).toBe(true);
    for (const parsed of [getAllocationSheetArgs.safeParse({ orderIds: ids(MAX_ORDERS_PER_ALLOCATION_CALL + 1) }), fefoFillSchema.safeParse({ orderIds: ids(MAX_ORDERS_PER_ALLOCATION_CALL + 1) })]) {
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('orderIds takes at most 5,000 orders at once; ask in parts');
    }
  });
});
