/**
 * Single-use values the packer put in boxes that another order took (or let go of) while the dialog
 * is open, or dispatched — another bench through sync, the CLI: read again whenever orders change, so
 * the box warns at once as a value chosen already in use does, not only when "Save Changes" is refused.
 * An open list is told too, and reads its options again (a value taken meanwhile is marked at once);
 * so it is when the identifiers of one of the dialog's products change (imported, added or removed
 * elsewhere: the list shows them at once).
 */
import { useEffect, useMemo } from 'react';
import type { BenchApi, Candidate } from '../../../../shared/contract/api.js';
import { MAX_CANDIDATES_BY_ID } from '../../../../shared/contract/schemas.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxByKey, type Chosen } from './allocation-model.js';

type Holder = Candidate['inUseBy'];
const sameHolder = (a: Holder, b: Holder) => a?.lineId === b?.lineId && a?.unit === b?.unit;

export function useTakenElsewhere(api: BenchApi, store: AllocationBoxStore | null): void {
  const read = async () => {
    if (!store) return { ok: true as const, value: [] };
    // The packer's single-use edits (at most the contract's bound: a scan session's, not a whole line), read in one call.
    const edited = [...store.choices]
      .filter(([key, chosen]) => chosen && boxByKey(store.index, key)?.mode === 'single_use')
      .slice(0, MAX_CANDIDATES_BY_ID) as Array<[string, NonNullable<Chosen>]>;
    if (edited.length === 0) return { ok: true as const, value: [] };
    const read = await api.getCandidates({ identifierIds: [...new Set(edited.map(([, chosen]) => chosen.identifierId))] });
    if (!read.ok) return read;
    const now = new Map(read.value.items.map((c) => [c.identifierId, c]));
    return {
      ok: true as const,
      value: edited.flatMap(([key, chosen]) => {
        const candidate = now.get(chosen.identifierId);
        if (!candidate) return [];
        // Dispatched since: no longer "in use" by a unit, and never free again (the core would refuse it at Save).
        const dispatchedSince = candidate.status === 'consumed' ? { orderNumber: candidate.dispatchedWith ?? null } : undefined;
        return [{ key, identifierId: chosen.identifierId, inUseBy: dispatchedSince ? null : candidate.inUseBy, dispatchedSince }];
      }),
    };
  };
  // Under 'orders': any order change (an allocation included) reads it again.
  useApplied(store, useBenchQuery(['orders', 'allocationTakenElsewhere'], read, { enabled: store !== null }));
  // The dialog's products, so only a change to one of their identifiers reads it again (and tells open lists).
  const productIds = useMemo(() => (store ? [...new Set(store.index.lines.map((l) => l.productId))].sort((a, b) => a - b) : []), [store]);
  useApplied(store, useBenchQuery(benchKeys.watchedIdentifiers('allocation', productIds), read, { enabled: store !== null }));
}

type TakenElsewhere = Array<{ key: string; identifierId: number; inUseBy: Holder; dispatchedSince: { orderNumber: string | null } | undefined }>;

/** Each settled read: the boxes whose value moved are re-judged, and open lists read their options again. */
function useApplied(store: AllocationBoxStore | null, { data, isFetching, dataUpdatedAt }: { data: TakenElsewhere | undefined; isFetching: boolean; dataUpdatedAt: number }): void {
  useEffect(() => {
    if (!store || !data || isFetching) return;
    for (const { key, identifierId, inUseBy, dispatchedSince } of data) {
      const chosen = store.choices.get(key);
      // Only a box still holding that value, and only when where it is in use changed (the box is re-judged).
      if (!chosen || chosen.identifierId !== identifierId) continue;
      if (dispatchedSince && !chosen.dispatchedSince) store.choose(key, { ...chosen, inUseBy: null, dispatchedSince });
      else if (!dispatchedSince && chosen.dispatchedSince) {
        // The dispatch was undone (the hub refused it): free again, or where it is in use now.
        const { dispatchedSince: _undone, ...rest } = chosen;
        store.choose(key, { ...rest, inUseBy });
      } else if (!dispatchedSince && !sameHolder(chosen.inUseBy, inUseBy)) store.choose(key, { ...chosen, inUseBy });
    }
    // Read again because orders or the products' identifiers changed: an open list may show a value taken, freed, added or removed meanwhile.
    store.optionsChangedElsewhere();
  }, [data, isFetching, dataUpdatedAt, store]); // each read, even one answering the same (open lists are told)
}
