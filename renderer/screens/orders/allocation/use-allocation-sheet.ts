/**
 * The allocation dialog's data: the sheet read from the core for the chosen orders, indexed, with
 * the box store over it; and the units' values, read a page at a time as their rows come into view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { ALLOCATION_UNITS_PAGE } from '../../../../shared/contract/schemas.js';
import { AllocationBoxStore } from './allocation-box-store.js';
import { indexSheet, KnownAllocations, type SheetIndex } from './allocation-model.js';
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
}

const NO_USE_BY_LINES: UseByLines = new Map();

export function useAllocationSheet(api: BenchApi, orderIds: readonly number[]): AllocationSheetState {
  const [sheet, setSheet] = useState<{ index: SheetIndex; store: AllocationBoxStore; useByLines: UseByLines } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const pageLoads = useRef(new Map<string, Promise<void>>());
  const current = useRef<AllocationBoxStore | null>(null);

  useEffect(() => {
    let live = true;
    void loadAllocationSheet(api, orderIds).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoadError(result.error.message);
      const index = indexSheet(result.value);
      const store = new AllocationBoxStore(index, KnownAllocations.fromSheet(result.value, ALLOCATION_UNITS_PAGE));
      current.current = store;
      for (const order of result.value.orders) for (const line of order.lines) applyFefoPicks(store, line.lineId, line.fefo);
      setSheet({ index, store, useByLines: linesWithUseByDates(result.value) });
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
        pageLoads.current.delete(key);
        if (current.current !== store) return;
        if (!result.ok) return store.setAlert(`Could not read the identifiers of units ${known.pageStart(page)} onwards: ${result.error.message}`);
        store.addKnownPage(lineId, page, result.value.allocations);
        applyFefoPicks(store, lineId, result.value.fefo);
      });
      pageLoads.current.set(key, work);
    },
    [api, store, useByLines],
  );

  return { index: sheet?.index ?? null, store, loadError, useByLines, loadPage, pageLoads: pageLoads.current };
}
