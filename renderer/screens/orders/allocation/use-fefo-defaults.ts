/**
 * First-expiring-first-out pre-selection (issue 12): once the sheet is loaded, each empty unit of a
 * use-by line gets the earliest usable date (not expired, enough shelf life; single use: each value
 * once, not held elsewhere). The packer overrides any box as usual; the pre-selections are edits like
 * any other and are saved with "Save Changes". Only the units the sheet brought along (the first page
 * of each line) are pre-selected; further units are left for the packer.
 */
import { useEffect, useRef } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { fefoDefaults } from '../../../../shared/identifiers/fefo.js';
import { boxKey, currentChoice, type Chosen, type Choices, type KnownAllocations, type SheetIndex } from './allocation-model.js';
import type { UseByLines } from './use-by-rules.js';

const CANDIDATES_READ = 500;

export function useFefoDefaults(options: {
  api: BenchApi;
  index: SheetIndex | null;
  useByLines: UseByLines;
  known: () => KnownAllocations;
  choices: () => Choices;
  today: string;
  /** Applies the pre-selections (box key → value) as edits, in one update. */
  apply: (picks: ReadonlyMap<string, Chosen>) => void;
}): void {
  const { index, useByLines } = options;
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    if (!index || useByLines.size === 0) return;
    let live = true;
    void (async () => {
      const { api, known, choices, today, apply } = latest.current;
      const picks = new Map<string, Chosen>();
      const takenByProduct = new Map<number, Set<string>>();
      for (const line of index.lines) {
        const rule = useByLines.get(line.lineId);
        if (!rule) continue;
        const result = await api.searchCandidates({ productId: line.productId, query: '', limit: CANDIDATES_READ });
        if (!live || !result.ok) return;
        const taken = takenByProduct.get(line.productId) ?? new Set<string>();
        takenByProduct.set(line.productId, taken);
        const emptyUnits: number[] = [];
        const last = Math.min(line.quantity, line.firstUnit + known().pageSize - 1);
        for (let unit = line.firstUnit; unit <= last; unit++) {
          const key = boxKey(line.lineId, unit);
          const now = picks.get(key) ?? currentChoice(known(), choices(), { key, lineId: line.lineId, unit });
          if (now) taken.add(now.value);
          else if (known().isKnown(line.lineId, unit) && !choices().has(key)) emptyUnits.push(unit);
        }
        const singleUse = line.mode === 'single_use';
        const free = result.value.items.filter((c) => !singleUse || c.inUseBy === null);
        const chosen = fefoDefaults(emptyUnits, free, { today, minShelfLifeDays: rule.minShelfLifeDays, singleUse, taken: singleUse ? taken : new Set() });
        for (const [unit, candidate] of chosen) {
          picks.set(boxKey(line.lineId, unit), { identifierId: candidate.identifierId, value: candidate.value, inUseBy: null });
          if (singleUse) taken.add(candidate.value);
        }
      }
      if (live && picks.size > 0) apply(picks);
    })();
    return () => {
      live = false;
    };
  }, [index, useByLines]);
}
