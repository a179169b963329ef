/**
 * "Show more" under a list: once the next page is in, the focus goes to the first row it added, so the
 * packer reads on from where the new rows begin. On the last page the button goes away, and without
 * this the focus would fall to the page.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useShowMoreFocus(
  rowCount: number,
  fetchingMore: boolean,
  rowAt: (index: number) => HTMLElement | null | undefined,
): { moreRef: RefObject<HTMLButtonElement | null>; showMore: (fetchMore: () => unknown) => void } {
  const moreRef = useRef<HTMLButtonElement>(null);
  /** The row count when "Show more" was pressed: the index of the first new row. */
  const from = useRef<number | null>(null);
  const rowAtRef = useRef(rowAt);
  rowAtRef.current = rowAt;

  useEffect(() => {
    const first = from.current;
    if (first === null || fetchingMore) return;
    from.current = null;
    // Only if the focus is still on the button (or fell with it): a packer who went on elsewhere keeps their place.
    const active = document.activeElement;
    if (active && active !== document.body && active !== moreRef.current) return;
    if (rowCount > first) rowAtRef.current(first)?.focus();
    // No new row (a failed read keeps the button; a list that shrank may drop it): the last row, not the page.
    else if (!moreRef.current?.isConnected) rowAtRef.current(rowCount - 1)?.focus();
  }, [rowCount, fetchingMore]);

  const showMore = (fetchMore: () => unknown) => {
    from.current = rowCount;
    fetchMore();
  };
  return { moreRef, showMore };
}
