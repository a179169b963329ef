/**
 * Which selected orders still await dispatch, read again by the change stream whenever orders change
 * (dispatched on this bench, at another one, or arriving by a sync pull), so the list can let go
 * of selected orders that were dispatched. Read only while `selected` holds something, and only for
 * its ids: at 50,000 orders every awaiting id is some 300 kB a change.
 */
import { useEffect, useRef } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';

interface StillAwaiting {
  /** The selection the read asked about: orders ticked since are checked at the next change. */
  asked: ReadonlySet<number>;
  awaiting: ReadonlySet<number>;
}

/** `onGone`: with each settled answer, which of the orders asked about no longer await dispatch (often none). */
export function useOrdersStillAwaiting(
  api: BenchApi,
  watcher: Parameters<typeof benchKeys.stillAwaiting>[0],
  selected: ReadonlySet<number>,
  onGone: (gone: ReadonlySet<number>) => void,
): void {
  // One key whatever is selected (a tick reads nothing): TanStack runs the latest queryFn, so a
  // read asks about the selection as it stands when the change stream calls for it.
  const { data, isFetching } = useBenchQuery<StillAwaiting>(
    benchKeys.stillAwaiting(watcher),
    async () => {
      const asked = new Set(selected);
      const result = await api.listAwaitingOrderIds({ query: '', among: [...asked] });
      return result.ok ? { ok: true, value: { asked, awaiting: new Set(result.value.ids) } } : result;
    },
    { enabled: selected.size > 0 },
  );
  const gone = useRef(onGone);
  useEffect(() => {
    gone.current = onGone;
  });
  // Only a settled answer counts: a cached one while it is read again (back on the list, or
  // watching again) may predate orders dispatched since. A new change cancels a read in flight, so
  // a settled answer was read after every change the packer could have seen. (Not the very first
  // read: TanStack joins a change to it rather than reading again, so a dispatch in those few
  // milliseconds after the first tick is let go of at the next change of orders.)
  useEffect(() => {
    if (!data || isFetching) return;
    gone.current(new Set([...data.asked].filter((id) => !data.awaiting.has(id))));
  }, [data, isFetching]);
}

export interface SearchSelection {
  /** How many orders the search lists and how many of them are selected; null with nothing selected, or until read. */
  counts: { matching: number; selected: number } | null;
  /** The selection without the search's orders (select-all unticked); orders the search hides stay. */
  without: (selected: ReadonlySet<number>) => ReadonlySet<number>;
  /**
   * How many selected orders the search leaves out of the list (they are still selected, and the
   * bulk actions still cover them): 0 with no search, or until the search's ids are read.
   */
  hidden: number;
  /**
   * Something is selected and the search's ids are not read yet: how many selected orders it hides
   * is unknown, so a bulk action must wait rather than guess.
   */
  reading: boolean;
  /**
   * Why the search's ids could not be read (null while they are read or were): a refused read is not
   * asked again by itself (no retry), so "still reading" would be said for ever.
   */
  readFailed: string | null;
  /** Reads the search's ids again after a refused read. */
  readAgain: () => void;
}

/**
 * Where the selection stands against the search: what select-all shows, and what the search hides.
 * `listed` is how many orders the list shows (null until read). With no search, every awaiting
 * order is listed and the selection holds only awaiting ones (see useOrdersStillAwaiting), so the
 * counts say it all and no ids are read.
 */
export function useSearchSelection(api: BenchApi, query: string, selected: ReadonlySet<number>, listed: number | null): SearchSelection {
  const watching = selected.size > 0;
  const searching = query !== '';
  const { data, error, isFetching, refetch } = useBenchQuery(benchKeys.matchingOrderIds(query), () => api.listAwaitingOrderIds({ query }), {
    enabled: watching && searching,
  });
  const readAgain = () => void refetch();
  if (!searching) {
    const counts = watching && listed !== null ? { matching: listed, selected: Math.min(selected.size, listed) } : null;
    return { counts, without: () => new Set(), hidden: 0, reading: false, readFailed: null, readAgain };
  }
  const matching = watching && data ? data.ids : null;
  if (!matching) {
    const readFailed = watching && error && !isFetching ? error.message : null;
    return { counts: null, without: (s) => s, hidden: 0, reading: watching && readFailed === null, readFailed, readAgain };
  }
  let selectedMatching = 0;
  for (const id of matching) if (selected.has(id)) selectedMatching++;
  return {
    counts: { matching: matching.length, selected: selectedMatching },
    without: (s) => {
      const next = new Set(s);
      for (const id of matching) next.delete(id);
      return next;
    },
    hidden: selected.size - selectedMatching,
    reading: false,
    readFailed: null,
    readAgain,
  };
}
