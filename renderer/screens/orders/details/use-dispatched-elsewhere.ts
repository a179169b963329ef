/**
 * Whether the open order was dispatched by someone else (the CLI, another window, a sync) while the
 * page showed it: the controls the packer was on ("Complete Order", the quantities) go with it, so the
 * page says why. The page's own completions go through `ownCompletion`, so its own dispatch, read back
 * by the change stream before its answer came, never counts as one made elsewhere.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchApi, OrderDetails as Order } from '../../../../shared/contract/api.js';

type Completion = Awaited<ReturnType<BenchApi['completeOrder']>>;

export function useDispatchedElsewhere(read: Order | undefined) {
  const completing = useRef(0);
  const ownDispatches = useRef(new Set<number>());
  const lastRead = useRef<Order | undefined>(undefined);
  const [dispatchedElsewhere, setDispatchedElsewhere] = useState(false);
  useEffect(() => {
    if (!read) return;
    const before = lastRead.current;
    lastRead.current = read;
    const latest = read.dispatches.at(-1);
    const ownOrOnItsWay = completing.current > 0 || (latest !== undefined && ownDispatches.current.has(latest.dispatchId));
    if (before?.status === 'awaiting' && read.status !== 'awaiting' && latest && !ownOrOnItsWay) setDispatchedElsewhere(true);
  }, [read]);
  const ownCompletion = useCallback(async (complete: () => Promise<Completion>): Promise<Completion> => {
    completing.current++;
    try {
      const result = await complete();
      if (result.ok && result.value.status === 'dispatched') ownDispatches.current.add(result.value.dispatchId);
      return result;
    } finally {
      completing.current--;
    }
  }, []);
  return { dispatchedElsewhere, ownCompletion };
}
