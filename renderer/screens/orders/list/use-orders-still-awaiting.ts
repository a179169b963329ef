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

/** The cache key of a search's matching ids; no search is every awaiting order (read for `useOrdersStillAwaiting` too). */
function searchIdsKey(query: string): readonly unknown[] {
  return query === '' ? benchKeys.awaitingOrderIds() : benchKeys.matchingOrderIds(query);
}

export interface SearchSelection {
  /** The ids of every awaiting order the (trimmed) search matches; null with nothing selected, or until read. */
  matching: readonly number[] | null;
  /** How many of them are selected (0 until they are read). */
  selectedMatching: number;
  /**
   * How many selected orders the search leaves out of the list (they are still selected, and the
   * bulk actions still cover them): 0 with no search, or until the search's ids are read.
   */
  hidden: number;
}

/** Where the selection stands against the search: what select-all shows, and what the search hides. */
export function useSearchSelection(api: BenchApi, query: string, selected: ReadonlySet<number>): SearchSelection {
  const watching = selected.size > 0;
  const { data } = useBenchQuery(searchIdsKey(query), () => api.listAwaitingOrderIds({ query }), { enabled: watching });
  const matching = watching && data ? data.ids : null;
  if (!matching) return { matching: null, selectedMatching: 0, hidden: 0 };
  let selectedMatching = 0;
  for (const id of matching) if (selected.has(id)) selectedMatching++;
  return { matching, selectedMatching, hidden: query === '' ? 0 : selected.size - selectedMatching };
}
