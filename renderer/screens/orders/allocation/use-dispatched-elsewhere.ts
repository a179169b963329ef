/**
 * The dialog's orders dispatched elsewhere while it is open (another bench through sync, the CLI):
 * which of them still await is read again by the change stream whenever orders change, and one
 * that no longer does has gone. The core would refuse its boxes on saving; this
 * lets the dialog say so at once, so the packer stops scanning into it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { useOrdersStillAwaiting } from '../list/use-orders-still-awaiting.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import type { SheetIndex } from './allocation-model.js';
import { listedInWords } from '../../../../shared/domain/counted.js';

const NONE: ReadonlySet<number> = new Set();

export interface DispatchedElsewhere {
  gone: ReadonlySet<number>;
  /**
   * The dialog's own "Complete Order" is under way (true) or failed (false): meanwhile its order
   * leaving the awaiting ones is that completion, not a dispatch elsewhere, so the answers wait.
   */
  holdWhileCompleting: (completing: boolean) => void;
}

export function useDispatchedElsewhere(api: BenchApi, store: AllocationBoxStore | null): DispatchedElsewhere {
  const [gone, setGone] = useState<ReadonlySet<number>>(NONE);
  const [completing, setCompleting] = useState(false);
  const lastAnswer = useRef<ReadonlySet<number> | null>(null);
  const mark = (dispatched: ReadonlySet<number>) => {
    if (!store) return;
    // A dispatch is final: an order once gone stays marked.
    const now = store.index.orders.filter((o) => dispatched.has(o.orderId) || gone.has(o.orderId)).map((o) => o.orderId);
    if (now.length === gone.size) return;
    const next = new Set(now);
    store.setGone(next);
    setGone(next);
  };
  const orderIds = useMemo<ReadonlySet<number>>(() => (store ? new Set(store.index.orders.map((o) => o.orderId)) : NONE), [store]);
  useOrdersStillAwaiting(api, 'allocation', orderIds, (dispatched) => {
    lastAnswer.current = dispatched;
    if (!completing) mark(dispatched);
  });
  // A completion that failed left the order awaiting unless it went elsewhere: the answer held back says which.
  useEffect(() => {
    if (!completing && lastAnswer.current) mark(lastAnswer.current);
  }, [completing]); // eslint-disable-line react-hooks/exhaustive-deps -- only when a completion ends
  return { gone, holdWhileCompleting: setCompleting };
}

/** "Order SO-1 was dispatched elsewhere" (or several), with what that means for its boxes. */
export function dispatchedElsewhereText(index: Pick<SheetIndex, 'orders'>, gone: ReadonlySet<number>): string | null {
  const numbers = index.orders.filter((o) => gone.has(o.orderId)).map((o) => o.orderNumber);
  if (numbers.length === 0) return null;
  if (numbers.length === 1) return `Order ${numbers[0]} was dispatched elsewhere: its boxes take no more identifiers and are not saved.`;
  return `Orders ${listedInWords(numbers, 5)} were dispatched elsewhere: their boxes take no more identifiers and are not saved.`;
}
