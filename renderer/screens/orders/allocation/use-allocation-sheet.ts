/**
 * The allocation dialog's data: the sheet read from the core for the chosen orders, indexed, with
 * the box store over it; and the units' values, read a page at a time as their rows come into view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AllocationSheet, BenchApi } from '../../../../shared/contract/api.js';
import { ALLOCATION_UNITS_PAGE } from '../../../../shared/contract/schemas.js';
import { AllocationBoxStore } from './allocation-box-store.js';
import { findBox, indexSheet, KnownAllocations, parseBoxKey, type SheetIndex } from './allocation-model.js';
import { applyFefoPicks } from './fefo-picks.js';
import { loadAllocationSheet } from './load-sheet.js';
import { linesWithUseByDates, type UseByLines } from './use-by-rules.js';

export interface AllocationSheetState {
  index: SheetIndex | null;
  store: AllocationBoxStore | null;
  loadError: string | null;
  /** Issue 12: lines whose identifiers carry use-by dates (use-by products, lot products); allocated first-expiring-first. */
  useByLines: UseByLines;
  /** Reads the page holding a unit, unless it is read or being read. */
  loadPage: (lineId: number, unit: number) => void;
  /** Pages being read now (a save waits for them: they decide which edits are changes). */
  pageLoads: ReadonlyMap<string, Promise<void>>;
  /** The sheet as read from the core (the modes it was read with), for noticing changes made elsewhere. */
  sheet: AllocationSheet | null;
  /**
   * Takes a sheet read again (a product's identifier mode changed elsewhere): a new index and store,
   * with the packer's edits carried over to the boxes that still exist and the orders gone still
   * gone. Returns how many edits had no box to go to, by line.
   */
  replaceSheet: (fresh: AllocationSheet, gone: ReadonlySet<number>) => ReadonlyMap<number, number>;
}

type Loaded = { raw: AllocationSheet; index: SheetIndex; store: AllocationBoxStore; useByLines: UseByLines };

function buildSheet(raw: AllocationSheet): Loaded {
  const index = indexSheet(raw);
  const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(raw, ALLOCATION_UNITS_PAGE));
  return { raw, index, store, useByLines: linesWithUseByDates(raw) };
}

const NO_USE_BY_LINES: UseByLines = new Map();

export function useAllocationSheet(api: BenchApi, orderIds: readonly number[]): AllocationSheetState {
  const [sheet, setSheet] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const pageLoads = useRef(new Map<string, Promise<void>>());
  const current = useRef<AllocationBoxStore | null>(null);

  useEffect(() => {
    let live = true;
    void loadAllocationSheet(api, orderIds).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoadError(result.error.message);
      const loaded = buildSheet(result.value);
      current.current = loaded.store;
      for (const order of result.value.orders) for (const line of order.lines) applyFefoPicks(loaded.store, line.lineId, line.fefo);
      setSheet(loaded);
    });
    return () => {
      live = false;
    };
  }, [api, orderIds]);

  const store = sheet?.store ?? null;
  const useByLines = sheet?.useByLines ?? NO_USE_BY_LINES;
  const loadPage = useCallback(
    (lineId: number, unit: number) => {
      if (!store) return;
      const known = store.known;
      const page = known.pageOf(unit);
      const key = `${lineId}:${page}`;
      if (known.isKnown(lineId, unit) || pageLoads.current.has(key)) return;
      // FEFO lines ask for the page's first-expiring-first picks too (the core's, over the whole line).
      const fefoOffset = useByLines.get(lineId)?.fefoOffset;
      const args = { lineId, fromUnit: known.pageStart(page), limit: known.pageSize, ...(fefoOffset === undefined ? {} : { fefoOffset }) };
      const work = api.getAllocationUnits(args).then((result) => {
        // A sheet read again meanwhile cleared the map: a read for the new store may hold this key now.
        if (pageLoads.current.get(key) === work) pageLoads.current.delete(key);
        if (current.current !== store) return;
        if (!result.ok) return store.setAlert(`Could not read the identifiers of units ${known.pageStart(page)} onwards: ${result.error.message}`);
        store.addKnownPage(lineId, page, result.value.allocations);
        applyFefoPicks(store, lineId, result.value.fefo);
      });
      pageLoads.current.set(key, work);
    },
    [api, store, useByLines],
  );

  const replaceSheet = useCallback(
    (fresh: AllocationSheet, gone: ReadonlySet<number>) => {
      const dropped = new Map<number, number>();
      if (!store) return dropped;
      const next = buildSheet(fresh);
      // Carried over before the orders gone are marked, so their boxes still show what the packer put there.
      for (const [key, chosen] of store.shownEdits) {
        const { lineId, unit } = parseBoxKey(key);
        if (findBox(next.index, lineId, unit)) next.store.choose(key, chosen, { pick: store.holdsPick(key, chosen) });
        else dropped.set(lineId, (dropped.get(lineId) ?? 0) + 1);
      }
      if (gone.size > 0) next.store.setGone(gone);
      // First-expiring-first for lines that now take identifiers (boxes holding an edit keep it).
      for (const order of fresh.orders) for (const line of order.lines) applyFefoPicks(next.store, line.lineId, line.fefo);
      current.current = next.store;
      // Pages read for the old store are read again for this one (its known units start from the sheet).
      pageLoads.current.clear();
      setSheet(next);
      return dropped;
    },
    [store],
  );

  return { index: sheet?.index ?? null, store, loadError, useByLines, loadPage, pageLoads: pageLoads.current, sheet: sheet?.raw ?? null, replaceSheet };
}
