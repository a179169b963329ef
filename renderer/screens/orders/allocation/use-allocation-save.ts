/**
 * "Save Changes" for the allocation dialog, and the question before leaving unsaved boxes. Saving
 * checks every edited box again (findWarnings over the whole edit set), sends the changed boxes in
 * the chunks the contract allows, and shows the core's refusals on their boxes.
 * "Complete Order" (the dialog opened from an order) sends the changed boxes with the completion in
 * one call: saved and dispatched together, or neither.
 */
import { counted } from '../../../../shared/domain/counted.js';
import { capitalised } from '../../../../shared/domain/capitalised.js';
import { useRef, useState, type RefObject } from 'react';
import type { AllocationEntry, ArgsOf, BenchApi, ResultOf } from '../../../../shared/contract/api.js';
import type { BenchErrorData, Result } from '../../../../shared/contract/result.js';
import { MAX_ALLOCATIONS_PER_SAVE } from '../../../../shared/contract/schemas.js';
import { useLeaveGuard } from '../../../app/unsaved-changes.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxByKey, boxKey, changedAllocations, describeBox, chunkChanges, findBox, findWarnings, sortKeys, type BoxRef, type SheetIndex } from './allocation-model.js';
import { fefoFillRequest, type FefoFillRequest } from './fefo-fill-request.js';
import type { UseByLines } from './use-by-rules.js';
import { fefoShortReason } from './FefoPlanNote.js';
import { dispatchedElsewhereText, dispatchNowRefusal, type AboveRemaining, type PartGone } from './use-dispatched-elsewhere.js';
import { refusalAfterChunks } from './saved-before.js';
import { summariseMissing } from '../details/missing-units.js';
import { beepRefusal } from '../../../scanner/beep.js';

/**
 * Completes the order the dialog was opened from, saving these boxes in the same transaction (and, with
 * `fefoFill`, giving the order's FEFO lines' other empty units their first-expiring values first).
 */
export type CompleteWithBoxes = (allocations: AllocationEntry[], fefoFill?: ArgsOf<'completeOrder'>['fefoFill']) => Promise<Result<ResultOf<'completeOrder'>>>;

export function useAllocationSave(options: {
  api: BenchApi;
  index: SheetIndex | null;
  store: AllocationBoxStore | null;
  pageLoads: ReadonlyMap<string, Promise<void>>;
  resolutions: Set<Promise<void>>;
  focusBox: (box: BoxRef) => void;
  alertRef: RefObject<HTMLElement | null>;
  /** The dialog's orders still awaiting dispatch, the units saved, and the orders those are on (null: not known, FEFO filled some). */
  onSaved: (orderNumbers: string[], changed: number, changedOrders: string[] | null) => void;
  onCancel: () => void;
  completeWith?: CompleteWithBoxes;
  /** FEFO lines: the units never shown are filled by the core on saving (fefo-fill-request.ts). */
  useByLines: UseByLines;
  /** Orders dispatched elsewhere since the dialog opened: their boxes are left out. */
  dispatchedElsewhere: ReadonlySet<number>;
  /** Told when "Complete Order" starts and when it fails (use-dispatched-elsewhere). */
  holdWhileCompleting: (completing: boolean) => void;
  /** Units of lines dispatched elsewhere since the dialog opened (use-dispatched-elsewhere). */
  partsDispatchedElsewhere?: ReadonlyMap<number, PartGone>;
  /** With completeWith: the order page's "Dispatch now" numbers by line, those typed as whole numbers. */
  dispatchNow?: () => ReadonlyMap<number, number>;
  /** The dialog's "Complete Order": where the focus stays when it is refused before anything is sent. */
  completeRef?: RefObject<HTMLElement | null>;
}): { save: () => Promise<boolean>; complete: () => Promise<boolean>; cancel: () => void; saving: boolean } {
  const { api, index, store, pageLoads, resolutions, focusBox, alertRef, onSaved, onCancel, completeWith, useByLines, dispatchedElsewhere, holdWhileCompleting } = options;
  const { partsDispatchedElsewhere, dispatchNow, completeRef } = options;
  const [saving, setSaving] = useState(false);
  /** The button whose work is on its way, if any. */
  const savingRef = useRef<'Save Changes' | 'Complete Order' | null>(null);

  const setBusy = (busy: 'Save Changes' | 'Complete Order' | null) => {
    savingRef.current = busy;
    setSaving(busy !== null);
  };

  /** A press while a save or completion runs: said and beeped (it was silent), the running one goes on alone. */
  function refuseWhileBusy(running: 'Save Changes' | 'Complete Order'): false {
    store?.setAlert(`Already ${running === 'Save Changes' ? 'saving' : 'completing the order'}: wait for ${running} to answer.`);
    beepRefusal();
    return false;
  }

  // The sheet may be taken anew while a save is under way (a mode changed elsewhere): its answer is
  // shown on the boxes and alert the dialog shows then, not on the store the save started with.
  const shown = useRef({ index, store });
  shown.current = { index, store };

  /** A refused save or completion: said in the alert, beeped as every refusal is, focus to the first box to fix. */
  function showProblems(message: string, keys: string[]) {
    const { index, store } = shown.current;
    store?.setAlert(message);
    beepRefusal();
    const first = index ? sortKeys(index, keys).map((key) => boxByKey(index, key)).find((b) => b !== null) : undefined;
    if (first) focusBox(first);
    else alertRef.current?.focus();
  }

  /** Waits for pending checks and reads, then the changed boxes; null (shown) when some need fixing. */
  async function checkedChanges(what: string): Promise<AllocationEntry[] | null> {
    if (!index || !store) return null;
    // A GS1 code's check starts the check of the value it carries: wait for those too.
    while (resolutions.size > 0) await Promise.all([...resolutions]);
    // Values read for boxes the packer edited decide whether the edit is a change.
    await Promise.all([...pageLoads.values()]);
    // Boxes of orders dispatched elsewhere are not among them (AllocationBoxStore.setGone): never sent.
    const current = store.choices;
    const problems = findWarnings(index, store.known, current);
    if (problems.size > 0) {
      // The first box to fix is named with its own reason (a repeat here, or in use by another order).
      const [firstKey, firstProblem] = [...problems][0]!;
      const first = boxByKey(index, firstKey);
      const where = first ? ` First, ${describeBox(first)}: ${firstProblem}` : '';
      showProblems(`${counted(problems.size, 'box needs', 'boxes need')} fixing before ${what}.${where} Nothing was saved.`, [...problems.keys()]);
      return null;
    }
    return changedAllocations(store.known, current);
  }

  /** The core refused: its reasons go on their boxes (the rest in the alert). */
  function showRefusal(error: BenchErrorData, sent: number) {
    const { index, store } = shown.current;
    const issues = new Map<string, string>();
    for (const issue of error.issues) {
      if (issue.lineId !== undefined && issue.unit !== undefined) issues.set(boxKey(issue.lineId, issue.unit), issue.message);
    }
    store?.setServerIssues(issues);
    // Issues of boxes the dialog no longer shows (their line turned None meanwhile) are said in the alert.
    const shownHere = (i: BenchErrorData['issues'][number]) => i.lineId !== undefined && i.unit !== undefined && index !== null && findBox(index, i.lineId, i.unit) !== null;
    const others = error.issues.filter((i) => !shownHere(i)).map((i) => ` ${i.where}: ${i.message}`).join('');
    showProblems(refusalAfterChunks(error.message + others, sent), [...issues.keys()]);
  }

  /**
   * Sends changes in the chunks one save takes, `fefoFill` with the last (after the packer's boxes);
   * how many boxes changed (sent and filled), or null once refused (shown).
   */
  async function saveChunks(chunks: AllocationEntry[][], fefoFill?: FefoFillRequest): Promise<number | null> {
    let sent = 0;
    let filled = 0;
    const calls = fefoFill && chunks.length === 0 ? [[]] : chunks;
    for (const [i, chunk] of calls.entries()) {
      const last = i === calls.length - 1;
      const result = await api.saveAllocations(last && fefoFill ? { allocations: chunk, fefoFill } : { allocations: chunk });
      if (!result.ok) {
        showRefusal(result.error, sent);
        return null;
      }
      sent += chunk.length;
      filled += result.value.fefoFilled ?? 0;
    }
    return sent + filled;
  }

  /** Saves the changed boxes; true once saved (the dialog is then closed by onSaved). */
  async function save(): Promise<boolean> {
    if (!index || !store) return false;
    if (savingRef.current) return refuseWhileBusy(savingRef.current);
    const awaiting = index.orders.filter((o) => !dispatchedElsewhere.has(o.orderId));
    if (awaiting.length === 0) return refuseGone(index, 'save');
    setBusy('Save Changes');
    try {
      const changes = await checkedChanges('saving');
      if (changes === null) return false;
      const orderNumbers = [...new Set(awaiting.map((o) => o.orderNumber))];
      const fefoFill = fefoFillRequest(index, store, useByLines);
      let changed = 0;
      if (changes.length > 0 || fefoFill) {
        const saved = await saveChunks(chunkChanges(changes, MAX_ALLOCATIONS_PER_SAVE), fefoFill);
        if (saved === null) return false;
        changed = saved;
      }
      const changedLines = new Set(changes.map((c) => c.lineId));
      const changedOrders = changed > changes.length ? null : orderNumbers.filter((n) => index.lines.some((l) => l.orderNumber === n && changedLines.has(l.lineId)));
      onSaved(orderNumbers, changed, changedOrders);
      return true;
    } finally {
      setBusy(null);
    }
  }

  /**
   * "Complete Order": the changed boxes and the completion in one call (more boxes than one call
   * takes: the first chunks are saved before). True once the order is dispatched (completeWith's
   * caller closes the dialog); otherwise what is missing or refused is shown on the boxes.
   */
  async function complete(): Promise<boolean> {
    if (!index || !store || !completeWith) return false;
    if (savingRef.current) return refuseWhileBusy(savingRef.current);
    if (index.orders.some((o) => dispatchedElsewhere.has(o.orderId))) return refuseGone(index, 'complete');
    const above = aboveRemaining(index);
    if (above.length > 0) {
      // Before any box is sent (a chunk saved first, the core's refusal naming no box): said at once.
      store.setAlert(dispatchNowRefusal(above));
      beepRefusal();
      completeRef?.current?.focus();
      return false;
    }
    setBusy('Complete Order');
    // The order leaves the awaiting ones with this very call: not to be shown "dispatched elsewhere" before the dialog closes.
    holdWhileCompleting(true);
    let completed = false;
    try {
      const changes = await checkedChanges('completing the order');
      if (changes === null) return false;
      const chunks = chunkChanges(changes, MAX_ALLOCATIONS_PER_SAVE);
      const last = chunks.pop() ?? [];
      const sent = await saveChunks(chunks);
      if (sent === null) return false;
      const fefoFill = fefoFillRequest(index, store, useByLines);
      const result = await completeWith(last, fefoFill && { keepEmpty: fefoFill.keepEmpty });
      if (!result.ok) {
        showRefusal(result.error, sent);
        return false;
      }
      if (result.value.status === 'identifiers_needed') {
        const { missing, missingCount } = result.value;
        // A first-expiring line the fill could not complete: why, as its note says (else it read as an oversight).
        const reasons = [...new Set(missing.map((m) => m.lineId))].flatMap((lineId) => {
          const reason = fefoShortReason(useByLines.get(lineId), store.settledCount(lineId), missing.find((m) => m.lineId === lineId)!.sku);
          return reason === null ? [] : [reason];
        });
        const why = reasons.length > 0 ? ` ${reasons.map(capitalised).join('. ')}.` : '';
        showProblems(
          refusalAfterChunks(
            `${counted(missingCount, 'unit still needs', 'units still need')} an identifier before the order can be completed: ${summariseMissing(missing, missingCount)}.${why} Nothing was saved.`,
            sent,
          ),
          missing.map((m) => boxKey(m.lineId, m.unit)),
        );
        return false;
      }
      completed = true;
      return true;
    } finally {
      setBusy(null);
      if (!completed) holdWhileCompleting(false);
    }
  }

  /** Lines the order page's "Dispatch now" asks more of than remains, as units of them were dispatched elsewhere. */
  function aboveRemaining(sheet: SheetIndex): AboveRemaining[] {
    if (!partsDispatchedElsewhere || partsDispatchedElsewhere.size === 0 || !dispatchNow) return [];
    const numbers = dispatchNow();
    const above: AboveRemaining[] = [];
    for (const line of sheet.lines) {
      const part = partsDispatchedElsewhere.get(line.lineId);
      const asked = numbers.get(line.lineId);
      if (!part || asked === undefined) continue;
      const remaining = line.quantity - part.through;
      if (asked > remaining) above.push({ part, remaining, dispatchNow: asked });
    }
    return above;
  }

  /** Every order of the dialog (or the one to complete) was dispatched elsewhere: nothing is sent. */
  function refuseGone(sheet: SheetIndex, what: 'save' | 'complete'): false {
    store?.setAlert(`${dispatchedElsewhereText(sheet, dispatchedElsewhere) ?? ''} There is nothing to ${what}.`);
    beepRefusal();
    alertRef.current?.focus();
    return false;
  }

  const unsavedCount = () => (store ? changedAllocations(store.known, store.choices).length + store.pendingCount : 0);
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => unsavedCount() > 0,
    save: () => save(),
    describe: () => {
      const count = unsavedCount();
      return `${counted(count, 'identifier box has', 'identifier boxes have')} unsaved changes.`;
    },
  });
  /** Escape, Cancel: ask first when boxes changed ("Save" closes the dialog by saving). */
  const cancel = () => confirmLeave(onCancel, { proceedAfterSave: false });

  return { save, complete, cancel, saving };
}
