/**
 * One unit's box in the allocation dialog, memoised and subscribed to its own entry of the box
 * store: a scan re-renders the box it changed (and the one a warning reaches), not the dialog.
 * Props are stable between scans (the line object, the unit, one actions object, cached callbacks).
 */
import { memo, useCallback, useMemo, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { Candidate } from '../../../../shared/contract/api.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxOf, describeBox, type BoxRef, type SheetLine } from './allocation-model.js';
import { IdentifierPicker, type CommitHow } from './IdentifierPicker.js';
import type { SearchCandidates } from './use-candidate-search.js';

/** What a box asks of the dialog; one object for every box, so rows stay memoised. */
export interface BoxActions {
  choose(box: BoxRef, candidate: Candidate, advance: boolean, byHandTab?: boolean): void;
  commitText(box: BoxRef, text: string, how: CommitHow): void;
  /** On from `box` after Enter/Tab: see CommitHow's `byHandTab`. */
  advanceFrom(box: BoxRef, byHandTab?: boolean): void;
  /** The box a scan in `box` moves on to, null for the dialog's main action (values typed ahead follow it). */
  boxAfterScan(box: BoxRef): BoxRef | null;
  /** A value meant for a box of an order dispatched elsewhere: refused, aloud (true); false when the box takes values. */
  refuseGone(box: BoxRef): boolean;
  focusBox(box: BoxRef): void;
}

interface AllocationBoxRowProps {
  line: SheetLine;
  unit: number;
  /** "Complete Order" found this unit without an identifier. */
  needed: boolean;
  store: AllocationBoxStore;
  actions: BoxActions;
  search: SearchCandidates;
  inputRef: (element: HTMLInputElement | null) => void;
  /** How an option reads (use-by lines: the date in the bench's locale); stable per line. */
  optionText?: ((candidate: Candidate) => string) | undefined;
  /** The order, or this unit, was dispatched elsewhere: the box shows what it held and takes nothing. */
  gone: boolean;
}

export const AllocationBoxRow = memo(function AllocationBoxRow({ line, unit, needed, store, actions, search, inputRef, optionText, gone }: AllocationBoxRowProps) {
  const box = useMemo(() => boxOf(line, unit), [line, unit]);
  const subscribe = useCallback((listener: () => void) => store.subscribeBox(box.key, listener), [store, box.key]);
  const { chosen, pendingText, message, note, draft } = useSyncExternalStore(subscribe, () => store.snapshot(box.key));
  const onChoose = useCallback((candidate: Candidate, advance: boolean, byHandTab?: boolean) => actions.choose(box, candidate, advance, byHandTab), [actions, box]);
  const onCommitText = useCallback((text: string, how: CommitHow) => actions.commitText(box, text, how), [actions, box]);
  const onAdvance = useCallback((byHandTab?: boolean) => actions.advanceFrom(box, byHandTab), [actions, box]);
  const onReadOnlyEntry = useCallback(() => actions.refuseGone(box), [actions, box]);
  const onDraftTaken = useCallback(() => store.setDraft(box.key, undefined), [store, box.key]);
  const heldHere = useCallback((value: string) => {
    const holder = store.holderOfValue(box, value);
    return holder ? describeBox(holder) : null;
  }, [store, box]);
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      // As in a grid: Ctrl+Home / Ctrl+End go to the line's first / last unit.
      if (!(e.ctrlKey || e.metaKey) || (e.key !== 'Home' && e.key !== 'End')) return;
      e.preventDefault();
      actions.focusBox(boxOf(line, e.key === 'Home' ? line.firstUnit : line.quantity));
    },
    [actions, line],
  );
  const pickerId = `pick-${box.lineId}-${unit}`;
  return (
    <div className="sheet-box" onKeyDown={onKeyDown}>
      <span className="unit-label" aria-hidden="true">
        Unit {unit}
        {needed && <span className="needed-tag"> (needed now)</span>}
      </span>
      <IdentifierPicker
        id={pickerId}
        label={`${box.orderNumber} ${box.named} unit ${unit}${needed ? ', needed now' : ''}`}
        chosen={chosen}
        pendingText={pendingText}
        draft={draft}
        onDraftTaken={onDraftTaken}
        message={message}
        note={note}
        search={search}
        optionText={optionText}
        heldHere={heldHere}
        onChoose={onChoose}
        onCommitText={onCommitText}
        onAdvance={onAdvance}
        inputRef={inputRef}
        readOnly={gone}
        onReadOnlyEntry={onReadOnlyEntry}
        subscribeStaleOptions={store.subscribeStaleOptions}
      />
      <BoxMessage id={`${pickerId}-message`} message={message} note={note} />
    </div>
  );
});

/**
 * The box's refusal or warning in words, on a line of its own that is kept when empty: a refusal
 * appearing or clearing then changes no row's height, so its frame neither re-measures nor moves
 * the rows of the virtual list (as the grid's refusal line). A message too long for the line wraps.
 * With no problem, the line shows the box's note, if any, plainly (no warning sign).
 */
function BoxMessage({ id, message, note }: { id: string; message: string | null; note: string | null }) {
  return (
    <p id={id} className={message ? 'box-message box-problem' : note ? 'box-message box-note' : 'box-message'}>
      {message && <span aria-hidden="true">⚠ </span>}
      {message ?? note}
    </p>
  );
}
