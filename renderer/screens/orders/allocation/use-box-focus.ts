/**
 * Focus for the allocation dialog's boxes in a virtual list: a box may not be rendered yet (off
 * screen, or outside its line's window), so focus is asked for by key and given when the box mounts.
 */
import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { rowOfBox, windowStartFor, type BoxRef, type SheetIndex, type SheetRows } from './allocation-model.js';

export interface BoxFocus {
  /** The ref callback of a box's input (cached per box, so memoised rows keep it). */
  inputRefFor: (key: string) => (element: HTMLInputElement | null) => void;
  /** Focuses a box, moving its line's window first if needed (to start at `windowStart` if given). */
  focusBox: (box: BoxRef, windowStart?: number) => void;
  /** The key of the box whose input has the focus, or null (the focus is elsewhere). */
  focusedKey: () => string | null;
}

export function useBoxFocus(options: {
  index: SheetIndex | null;
  layout: SheetRows;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  unitsShown: number;
  setWindowStarts: Dispatch<SetStateAction<ReadonlyMap<number, number>>>;
}): BoxFocus {
  const { index, layout, virtualizer, unitsShown, setWindowStarts } = options;
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pendingFocus = useRef<string | null>(null);
  const pendingScroll = useRef<BoxRef | null>(null);
  const refCallbacks = useRef(new Map<string, (el: HTMLInputElement | null) => void>());
  const indexRef = useRef(index);
  indexRef.current = index;
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  const inputRefFor = useCallback((key: string) => {
    let callback = refCallbacks.current.get(key);
    if (!callback) {
      callback = (el) => {
        if (!el) {
          inputs.current.delete(key);
          refCallbacks.current.delete(key);
          return;
        }
        inputs.current.set(key, el);
        if (pendingFocus.current === key) {
          pendingFocus.current = null;
          el.focus();
        }
      };
      refCallbacks.current.set(key, callback);
    }
    return callback;
  }, []);

  const focusBox = useCallback(
    (box: BoxRef, windowStart?: number) => {
      const element = inputs.current.get(box.key);
      if (element) {
        const row = rowOfBox(layoutRef.current, box);
        // Where the row is comes from the virtualizer's own figures, not from reading the page's
        // layout: a scan's Enter then forces no layout before its frame (focus scrolls nothing).
        const inView = row === null ? null : rowInView(virtualizer, row);
        if (row === null || inView !== false) {
          // Not known (no measurements yet): the browser scrolls the box into view itself.
          element.focus({ preventScroll: inView === true });
          return;
        }
        // Below (or above) the view: centred rather than scrolled to the edge, so the list scrolls
        // once every few scans instead of on every one, and shows the boxes to come. The row's place
        // is known, so the list is scrolled there at once (scrollToIndex would re-read the page's
        // layout frame after frame to settle).
        element.focus({ preventScroll: true });
        if (!scrollToCentre(virtualizer, row)) virtualizer.scrollToIndex(row, { align: 'center' });
        return;
      }
      pendingFocus.current = box.key;
      const row = rowOfBox(layoutRef.current, box);
      if (row !== null) {
        virtualizer.scrollToIndex(row, { align: 'center' });
        return;
      }
      // Outside its line's window: move the window there, then scroll once the rows are laid out.
      const line = indexRef.current?.lineById.get(box.lineId);
      if (!line) return;
      pendingScroll.current = box;
      setWindowStarts((starts) => new Map(starts).set(box.lineId, windowStartFor(line, windowStart ?? box.unit, unitsShown)));
    },
    [virtualizer, unitsShown, setWindowStarts],
  );

  useLayoutEffect(() => {
    const box = pendingScroll.current;
    if (!box) return;
    const row = rowOfBox(layout, box);
    if (row === null) return;
    pendingScroll.current = null;
    virtualizer.scrollToIndex(row, { align: 'center' });
  }, [layout, virtualizer]);

  const focusedKey = useCallback(() => {
    const active = document.activeElement;
    for (const [key, element] of inputs.current) if (element === active) return key;
    return null;
  }, []);

  return { inputRefFor, focusBox, focusedKey };
}

/** Whether a row is wholly inside the list's visible part, by the virtualizer's measurements; null when not known. */
function rowInView(virtualizer: Virtualizer<HTMLDivElement, Element>, row: number): boolean | null {
  const item = virtualizer.measurementsCache[row];
  const top = virtualizer.scrollOffset;
  const height = virtualizer.scrollRect?.height;
  if (!item || top === null || height === undefined) return null;
  return item.start >= top && item.end <= top + height;
}

/** Scrolls the list so a row already measured is in the middle of the view; false when its place is not known. */
function scrollToCentre(virtualizer: Virtualizer<HTMLDivElement, Element>, row: number): boolean {
  const item = virtualizer.measurementsCache[row];
  const list = virtualizer.scrollElement;
  const height = virtualizer.scrollRect?.height;
  if (!item || !list || height === undefined) return false;
  const furthest = Math.max(0, virtualizer.getTotalSize() - height);
  list.scrollTop = Math.round(Math.min(furthest, Math.max(0, item.start + item.size / 2 - height / 2)));
  return true;
}
