/**
 * Every order still awaiting dispatch, read again by the change stream whenever orders change
 * (dispatched on this bench, at another one, or arriving by a sync pull), so the list can let go
 * of selected orders that were dispatched. Read only while `watching` (something is selected).
 */
import { useEffect, useRef } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';

export function useOrdersStillAwaiting(api: BenchApi, watching: boolean, onAnswer: (awaiting: ReadonlySet<number>) => void): void {
  const { data, isFetching } = useBenchQuery(benchKeys.awaitingOrderIds(), () => api.listAwaitingOrderIds({ query: '' }), { enabled: watching });
  const answer = useRef(onAnswer);
  useEffect(() => {
    answer.current = onAnswer;
  });
  // Only a settled answer counts: a cached one while it is read again (back on the list, or
  // watching again) may predate orders imported and ticked since. A new change cancels a read in
  // flight, so a settled answer was read after every change the packer could have seen. (Not the
  // very first read: TanStack joins a change to it rather than reading again, so a dispatch in
  // those few milliseconds after the first tick is let go of at the next change of orders.)
  useEffect(() => {
    if (data && !isFetching) answer.current(new Set(data.ids));
  }, [data, isFetching]);
}
