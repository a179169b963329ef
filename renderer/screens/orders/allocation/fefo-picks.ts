/**
 * First-expiring-first pre-selection (issue 12): the core works out, over every unit of a line, which
 * value each empty unit gets (use-by products; lot products' dated lots); the sheet brings the picks of
 * each line's first page and every page read later brings its own. A pick becomes an edit like any
 * other (saved with "Save Changes", the packer overrides it) unless the box already has a value or an
 * edit, or (single use) the packer put that value in another box meanwhile.
 */
import type { FefoPick } from '../../../../shared/contract/api.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxKey, findBox } from './allocation-model.js';

export function applyFefoPicks(store: AllocationBoxStore, lineId: number, picks: readonly FefoPick[] | undefined): void {
  if (!picks) return;
  for (const pick of picks) {
    const key = boxKey(lineId, pick.unit);
    if (store.choices.has(key) || store.known.values.has(key)) continue;
    const box = findBox(store.index, lineId, pick.unit);
    const chosen = { identifierId: pick.identifierId, value: pick.value, inUseBy: null, useBy: pick.useBy };
    if (!box || store.conflictFor(box, chosen)) continue;
    store.choose(key, chosen, { pick: true });
  }
}
