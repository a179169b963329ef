/**
 * The dialog's orders dispatched elsewhere while it is open (another bench through sync, the CLI):
 * the awaiting orders are read again by the change stream whenever orders change, and one of the
 * dialog's that is no longer among them has gone. The core would refuse its boxes on saving; this
 * lets the dialog say so at once, so the packer stops scanning into it.
 */
import { useState } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { useOrdersStillAwaiting } from '../list/use-orders-still-awaiting.js';
import type { SheetIndex } from './allocation-model.js';

const NONE: ReadonlySet<number> = new Set();

export function useDispatchedElsewhere(api: BenchApi, index: SheetIndex | null): ReadonlySet<number> {
  const [gone, setGone] = useState<ReadonlySet<number>>(NONE);
  useOrdersStillAwaiting(api, index !== null, (awaiting) => {
    if (!index) return;
    // A dispatch is final: an order once gone stays marked.
    const now = index.orders.filter((o) => !awaiting.has(o.orderId) || gone.has(o.orderId)).map((o) => o.orderId);
    if (now.length !== gone.size) setGone(new Set(now));
  });
  return gone;
}

/** "Order SO-1 was dispatched elsewhere" (or several), with what that means for its boxes. */
export function dispatchedElsewhereText(index: SheetIndex, gone: ReadonlySet<number>): string | null {
  const numbers = index.orders.filter((o) => gone.has(o.orderId)).map((o) => o.orderNumber);
  if (numbers.length === 0) return null;
  if (numbers.length === 1) return `Order ${numbers[0]} was dispatched elsewhere: its boxes take no more identifiers and are not saved.`;
  const named = numbers.length > 5 ? `${numbers.slice(0, 5).join(', ')} and ${numbers.length - 5} more` : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
  return `Orders ${named} were dispatched elsewhere: their boxes take no more identifiers and are not saved.`;
}
