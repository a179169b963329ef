/**
 * Whether the open order was dispatched by someone else (the CLI, another window, a sync) while the
 * page showed it: the controls the packer was on ("Complete Order", the quantities) go with it, so the
 * page says why. Part of it dispatched elsewhere (the order still awaiting) is counted in units, so the
 * page can say why the quantities to dispatch went down. The page's own completions go through
 * `ownCompletion`, so its own dispatch, read back by the change stream before its answer came, never
 * counts as one made elsewhere.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchApi, OrderDetails as Order } from '../../../../shared/contract/api.js';

type Completion = Awaited<ReturnType<BenchApi['completeOrder']>>;

export function useDispatchedElsewhere(read: Order | undefined) {
  const completing = useRef(0);
  const ownDispatches = useRef(new Set<number>());
  const lastRead = useRef<Order | undefined>(undefined);
  const [dispatchedElsewhere, setDispatchedElsewhere] = useState(false);
  /** Units of the order dispatched elsewhere while it stayed awaiting here (0: none). */
  const [unitsDispatchedElsewhere, setUnitsDispatchedElsewhere] = useState(0);
  useEffect(() => {
    if (!read) return;
    const before = lastRead.current;
    lastRead.current = read;
    const latest = read.dispatches.at(-1);
    const ownOrOnItsWay = completing.current > 0 || (latest !== undefined && ownDispatches.current.has(latest.dispatchId));
    if (before?.status === 'awaiting' && read.status !== 'awaiting' && latest && !ownOrOnItsWay) setDispatchedElsewhere(true);
    if (!before || completing.current > 0 || read.status !== 'awaiting') return;
    const seen = new Set(before.dispatches.map((d) => d.dispatchId));
    const foreign = read.dispatches.filter((d) => !seen.has(d.dispatchId) && !ownDispatches.current.has(d.dispatchId));
    const units = foreign.reduce((sum, d) => sum + d.lines.reduce((n, line) => n + line.quantity, 0), 0);
    if (units > 0) setUnitsDispatchedElsewhere((n) => n + units);
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
  return { dispatchedElsewhere, unitsDispatchedElsewhere, ownCompletion };
}
