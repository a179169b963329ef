/**
 * The serial grid of one product, read through the query cache so the change stream keeps it honest:
 * its first page (the product, the box counts, the first boxes) sits under the product's key, which a
 * change to the product or its identifiers invalidates. When what the core holds moves away from what
 * the grid was opened on (another bench's sync, an import, the CLI), a grid with no unsaved edits is
 * opened again at once; one with edits says so and offers to reload, keeping the new serial numbers
 * typed into empty boxes (changes to serial numbers already saved are dropped: they may be gone).
 * The first page is compared as it is read again; the pages in view beyond it (scrolled to) are read
 * again and compared when it is, so a rename at box 300 on screen is seen as one at box 3 is.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BenchApi, GridEdit, Product, ResultOf } from '../../../shared/contract/api.js';
import { benchKeys, unwrap, type BenchCallError } from '../../api/queries.js';
import { lotDateForSave } from '../../components/grid/identifier-rules.js';
import { SerialBoxStore } from '../../components/grid/serial-box-store.js';

export const GRID_PAGE_SIZE = 250;

type FirstPage = ResultOf<'getSerialGrid'>;

export interface OpenGrid {
  store: SerialBoxStore;
  product: Product;
  /** Distinguishes grids read at different times, so the box list starts afresh after a reload. */
  generation: number;
  /** What of the first page it was built from the grid shows (gridShown): a change elsewhere moves it. */
  shown: string;
}

/**
 * What the grid shows of a first page: the boxes, their number and the product's identifier rules;
 * not the product's counts, which every allocation anywhere moves (the stock shows as the number of boxes).
 */
function gridShown(first: FirstPage): string {
  const { identifierCounts: _counts, stockLevel: _stock, ...rules } = first.product;
  return JSON.stringify([first.totalBoxes, first.filledBoxes, first.boxes, rules]);
}

/** What a reload that kept the packer's new serial numbers did with their edits. */
export interface ReloadOutcome {
  kept: number;
  /** New serial numbers with no empty box left for them. */
  noRoom: number;
  /** Changes to serial numbers that were already saved. */
  dropped: number;
}

/**
 * Whether the pages of `grid` in view beyond the first moved at the core: asked each time the first page
 * is read again (`readAt` moves; 0 while the screen itself reads), for the grid that was open then.
 */
function useLaterPagesMoved(api: BenchApi, productId: number, grid: OpenGrid | null, readAt: number): boolean {
  const [movedIn, setMovedIn] = useState<number | null>(null);
  useEffect(() => {
    if (!grid || readAt === 0) return;
    const pages = grid.store.pagesInViewBeyondFirst();
    if (pages.length === 0) return;
    let current = true;
    void (async () => {
      for (const page of pages) {
        const fresh = await api.getSerialGrid({ productId, offset: page.offset, limit: GRID_PAGE_SIZE });
        if (!current) return;
        const held = fresh.ok ? fresh.value.boxes.filter((box) => box.box < grid.store.filledBoxes) : null;
        if (held && JSON.stringify(held) !== JSON.stringify(page.boxes)) return setMovedIn(grid.generation);
      }
    })();
    return () => {
      current = false;
    };
  }, [api, productId, grid, readAt]);
  return grid !== null && movedIn === grid.generation;
}

const noStore = () => () => {};
const zero = () => 0;

/** Puts the new serial numbers of `edits` into `store`'s empty boxes; changes to saved ones are dropped (counted). */
function carryNewValues(store: SerialBoxStore, edits: readonly GridEdit[]): ReloadOutcome {
  const added = edits.filter((edit) => edit.identifierId === null && edit.value.trim() !== '');
  const room = store.emptyBoxes(added.length);
  added.slice(0, room.length).forEach((edit, i) => {
    store.setValue(room[i]!, edit.value);
    if (edit.useBy !== undefined) store.setUseBy(room[i]!, edit.useBy);
  });
  const kept = Math.min(room.length, added.length);
  return { kept, noRoom: added.length - kept, dropped: edits.filter((edit) => edit.identifierId !== null).length };
}

export function useSerialGrid(api: BenchApi, productId: number) {
  const client = useQueryClient();
  const readFirstPage = useCallback(() => unwrap(api.getSerialGrid({ productId, offset: 0, limit: GRID_PAGE_SIZE })), [api, productId]);
  // Kept active so an invalidation reads it again; the grid itself is built only by open().
  const latest = useQuery<FirstPage, BenchCallError>({ queryKey: benchKeys.serialGrid(productId), queryFn: readFirstPage });
  const [grid, setGridState] = useState<OpenGrid | null>(null);
  // The grid last opened, before React renders it: a save waiting on another saves the grid that one opened.
  const current = useRef<OpenGrid | null>(null);
  const setGrid = useCallback((next: OpenGrid) => {
    current.current = next;
    setGridState(next);
  }, []);
  const currentGrid = useCallback(() => current.current, []);
  const [loadError, setLoadError] = useState<string | null>(null);
  const generation = useRef(0);

  const build = useCallback(
    (first: FirstPage): OpenGrid => {
      const store = new SerialBoxStore({
        totalBoxes: first.totalBoxes,
        filledBoxes: first.filledBoxes,
        pageSize: GRID_PAGE_SIZE,
        initialBoxes: first.boxes,
        identifierSpec: first.product,
        normaliseDate: lotDateForSave,
        loader: async (offset, limit) => {
          const page = await api.getSerialGrid({ productId, offset, limit });
          return page.ok ? page.value : null;
        },
      });
      return { store, product: first.product, generation: generation.current++, shown: gridShown(first) };
    },
    [api, productId],
  );

  /** Opens in flight: while one runs, a read the change stream caused is not "changed elsewhere" (it may be our own save). */
  const [opening, setOpening] = useState(0);
  const latestOpen = useRef(0);

  /**
   * Reads the grid afresh from the core (after a save, or to open it), carrying over `carry`'s new
   * serial numbers (typed while a save ran) into its empty boxes; null when the read failed or a later
   * open overtook it.
   */
  const open = useCallback(
    async (carry: readonly GridEdit[] = []): Promise<ReloadOutcome | null> => {
      const mine = ++latestOpen.current;
      setOpening((n) => n + 1);
      try {
        await client.fetchQuery({ queryKey: benchKeys.serialGrid(productId), queryFn: readFirstPage, staleTime: 0 });
        const first = client.getQueryData<FirstPage>(benchKeys.serialGrid(productId));
        if (!first || mine !== latestOpen.current) return null;
        const next = build(first);
        const outcome = carryNewValues(next.store, carry);
        setGrid(next);
        return outcome;
      } catch (error) {
        if (mine === latestOpen.current) setLoadError((error as Error).message);
        return null;
      } finally {
        setOpening((n) => n - 1);
      }
    },
    [client, productId, readFirstPage, build, setGrid],
  );

  useEffect(() => {
    void open();
  }, [open]);

  const editCount = useSyncExternalStore(grid?.store.subscribe ?? noStore, grid ? () => grid.store.editCount : zero);
  const latestShown = useMemo(() => (latest.data ? gridShown(latest.data) : null), [latest.data]);
  const laterPagesMoved = useLaterPagesMoved(api, productId, grid, opening === 0 ? latest.dataUpdatedAt : 0);
  const changedElsewhere = grid !== null && opening === 0 && ((latestShown !== null && latestShown !== grid.shown) || laterPagesMoved);

  /** Opens the grid on the latest first page, carrying over the new serial numbers typed into empty boxes. */
  const reloadKeepingNew = useCallback((): ReloadOutcome | null => {
    const first = latest.data;
    if (!grid || !first) return null;
    const next = build(first);
    const outcome = carryNewValues(next.store, grid.store.editsForSave());
    setGrid(next);
    return outcome;
  }, [grid, latest.data, build, setGrid]);

  return { grid, currentGrid, loadError, open, editCount, changedElsewhere, reloadKeepingNew };
}
