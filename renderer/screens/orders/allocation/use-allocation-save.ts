/**
 * "Save Changes" for the allocation dialog, and the question before leaving unsaved boxes. Saving
 * checks every edited box again (findWarnings over the whole edit set), sends the changed boxes in
 * the chunks the contract allows, and shows the core's refusals on their boxes.
 */
import { useRef, useState, type RefObject } from 'react';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { MAX_ALLOCATIONS_PER_SAVE } from '../../../../shared/contract/schemas.js';
import { useLeaveGuard } from '../../../app/unsaved-changes.js';
import { formatCount } from '../../../components/format-count.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxByKey, boxKey, changedAllocations, chunkChanges, findWarnings, sortKeys, type BoxRef, type SheetIndex } from './allocation-model.js';

export function useAllocationSave(options: {
  api: BenchApi;
  index: SheetIndex | null;
  store: AllocationBoxStore | null;
  pageLoads: ReadonlyMap<string, Promise<void>>;
  resolutions: Set<Promise<void>>;
  focusBox: (box: BoxRef) => void;
  alertRef: RefObject<HTMLElement | null>;
  onSaved: (orderNumbers: string[], changed: number) => void;
  onCancel: () => void;
}): { save: () => Promise<boolean>; cancel: () => void; saving: boolean } {
  const { api, index, store, pageLoads, resolutions, focusBox, alertRef, onSaved, onCancel } = options;
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);

  const setBusy = (busy: boolean) => {
    savingRef.current = busy;
    setSaving(busy);
  };

  function showProblems(message: string, keys: string[]) {
    store?.setAlert(message);
    const first = index ? sortKeys(index, keys).map((key) => boxByKey(index, key)).find((b) => b !== null) : undefined;
    if (first) focusBox(first);
    else alertRef.current?.focus();
  }

  /** Saves the changed boxes; true once saved (the dialog is then closed by onSaved). */
  async function save(): Promise<boolean> {
    if (!index || !store || savingRef.current) return false;
    setBusy(true);
    await Promise.all([...resolutions]);
    // Values read for boxes the packer edited decide whether the edit is a change.
    await Promise.all([...pageLoads.values()]);
    const current = store.choices;
    const problems = findWarnings(index, store.known, current);
    if (problems.size > 0) {
      setBusy(false);
      showProblems(`${problems.size} box${problems.size === 1 ? '' : 'es'} need fixing before saving: a single-use identifier can go to one unit only. Nothing was saved.`, [...problems.keys()]);
      return false;
    }
    const changes = changedAllocations(store.known, current);
    const orderNumbers = [...new Set(index.orders.map((o) => o.orderNumber))];
    if (changes.length === 0) {
      setBusy(false);
      onSaved(orderNumbers, 0);
      return true;
    }
    let sent = 0;
    for (const chunk of chunkChanges(changes, MAX_ALLOCATIONS_PER_SAVE)) {
      const result = await api.saveAllocations({ allocations: chunk });
      if (!result.ok) {
        setBusy(false);
        const issues = new Map<string, string>();
        for (const issue of result.error.issues) {
          if (issue.lineId !== undefined && issue.unit !== undefined) issues.set(boxKey(issue.lineId, issue.unit), issue.message);
        }
        store.setServerIssues(issues);
        const before = sent > 0 ? ` The first ${formatCount(sent)} changed boxes were saved before this.` : '';
        showProblems(result.error.message + before, [...issues.keys()]);
        return false;
      }
      sent += chunk.length;
    }
    setBusy(false);
    onSaved(orderNumbers, changes.length);
    return true;
  }

  const unsavedCount = () => (store ? changedAllocations(store.known, store.choices).length + store.pendingCount : 0);
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => unsavedCount() > 0,
    save: () => save(),
    describe: () => {
      const count = unsavedCount();
      return `${count} identifier ${count === 1 ? 'box has' : 'boxes have'} unsaved changes.`;
    },
  });
  /** Escape, Cancel: ask first when boxes changed ("Save" closes the dialog by saving). */
  const cancel = () => confirmLeave(onCancel, { proceedAfterSave: false });

  return { save, cancel, saving };
}
