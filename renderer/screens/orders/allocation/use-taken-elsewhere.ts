/**
 * Single-use values the packer put in boxes that another order took (or let go of) while the dialog
 * is open — another bench through sync, the CLI: read again whenever orders change, so the box warns
 * at once as a value chosen already in use does, not only when "Save Changes" is refused.
 */
import { useEffect } from 'react';
import type { BenchApi, Candidate } from '../../../../shared/contract/api.js';
import { useBenchQuery } from '../../../api/queries.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxByKey } from './allocation-model.js';

/** Values read again at a change, at most: a scan session's edits, not a whole 100,000-unit line. */
const MOST_VALUES_CHECKED = 200;

type Holder = Candidate['inUseBy'];
const sameHolder = (a: Holder, b: Holder) => a?.lineId === b?.lineId && a?.unit === b?.unit;

export function useTakenElsewhere(api: BenchApi, store: AllocationBoxStore | null): void {
  const { data, isFetching } = useBenchQuery(
    // Under 'orders': any order change (an allocation included) reads it again.
    ['orders', 'allocationTakenElsewhere'],
    async () => {
      const found: Array<{ key: string; identifierId: number; inUseBy: Holder }> = [];
      if (!store) return { ok: true as const, value: found };
      const edited = [...store.choices].filter(([key, chosen]) => chosen && boxByKey(store.index, key)?.mode === 'single_use').slice(0, MOST_VALUES_CHECKED);
      for (const [key, chosen] of edited) {
        const box = boxByKey(store.index, key)!;
        const result = await api.searchCandidates({ productId: box.productId, query: chosen!.value, limit: 1 });
        const now = result.ok ? result.value.items.find((c) => c.identifierId === chosen!.identifierId) : undefined;
        if (now) found.push({ key, identifierId: now.identifierId, inUseBy: now.inUseBy });
      }
      return { ok: true as const, value: found };
    },
    { enabled: store !== null },
  );
  useEffect(() => {
    if (!store || !data || isFetching) return;
    for (const { key, identifierId, inUseBy } of data) {
      const chosen = store.choices.get(key);
      // Only a box still holding that value, and only when where it is in use changed (the box is re-judged).
      if (chosen && chosen.identifierId === identifierId && !sameHolder(chosen.inUseBy, inUseBy)) store.choose(key, { ...chosen, inUseBy });
    }
  }, [data, isFetching, store]);
}
