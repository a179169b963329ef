/**
 * The allocation dialog's word for orders of its own dispatched elsewhere while it is open: up to five
 * named, the rest counted with thousands separated as every count on the bench is.
 */
import { describe, expect, it } from 'vitest';
import { dispatchedElsewhereText } from '../../renderer/screens/orders/allocation/use-dispatched-elsewhere.js';

/** `n` orders of the dialog, SO-1 to SO-n, every one dispatched elsewhere. */
function allGone(n: number): Parameters<typeof dispatchedElsewhereText> {
  const orders = Array.from({ length: n }, (_, i) => ({ orderId: i + 1, orderNumber: `SO-${i + 1}`, customer: 'Ada', lines: [] }));
  return [{ orders }, new Set(orders.map((o) => o.orderId))];
}

describe('orders dispatched elsewhere, in words', () => {
  it('names one, a few, and counts the rest past five with thousands separated', () => {
    expect(dispatchedElsewhereText(...allGone(1))).toBe('Order SO-1 was dispatched elsewhere: its boxes take no more identifiers and are not saved.');
    expect(dispatchedElsewhereText(...allGone(3))).toBe('Orders SO-1, SO-2 and SO-3 were dispatched elsewhere: their boxes take no more identifiers and are not saved.');
    expect(dispatchedElsewhereText(...allGone(1_200))).toBe(
      'Orders SO-1, SO-2, SO-3, SO-4, SO-5 and 1,195 more were dispatched elsewhere: their boxes take no more identifiers and are not saved.',
    );
  });
});
