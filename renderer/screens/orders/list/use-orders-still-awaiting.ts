/**
 * Every order still awaiting dispatch, read again by the change stream whenever orders change
 * (dispatched on this bench, at another one, or arriving by a sync pull), so the list can let go
 * of selected orders that were dispatched. Read only while `watching` (something is selected).
 */
import { useEffect, useMemo, useRef } from 'react';
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

/**
 * How many selected orders the search leaves out of the list (they are still selected, and
 * "Dispatch Identifiers" still covers them): 0 with no search, or until the search's ids are read.
 */
export function useSelectedHiddenBySearch(api: BenchApi, query: string, selected: ReadonlySet<number>): number {
  const searching = query.trim() !== '' && selected.size > 0;
  const { data } = useBenchQuery(benchKeys.matchingOrderIds(query), () => api.listAwaitingOrderIds({ query }), { enabled: searching });
  const shown = useMemo(() => (data ? new Set(data.ids) : null), [data]);
  if (!searching || !shown) return 0;
  let hidden = 0;
  for (const id of selected) if (!shown.has(id)) hidden++;
  return hidden;
}
