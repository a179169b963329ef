/**
 * "Product Serial Numbers": the serial entry grid of one product, opened by
 * "Manually Update Serial Numbers". One box per unit of stock, but at most MAX_EMPTY_GRID_BOXES empty
 * ones after the filled ones (serialGridShape); "Save Changes" sends only the edited boxes, after the
 * cheap local checks; the core checks the whole product again.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BenchApi, GridEdit, Product } from '../../../shared/contract/api.js';
import { IDENTIFIER_MODE_LABELS } from '../../../shared/domain/modes.js';
import { serialGridShape } from '../../../shared/domain/serial-grid-shape.js';
import { MessageDialog } from '../../components/MessageDialog.js';
import { checkGridLocally, describeLocalRefusal, localBoxProblem, problemsFromIssues } from '../../components/grid/grid-checks.js';
import { ProblemList, type Refusal } from '../../components/grid/ProblemList.js';
import { SerialBoxList, type SerialBoxListHandle } from '../../components/grid/SerialBoxList.js';
import { boxEntryFor } from '../../components/grid/box-entry.js';
import { dateInputId } from '../../components/grid/BoxRow.js';
import type { SerialBoxStore } from '../../components/grid/serial-box-store.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useLeaveGuard } from '../../app/unsaved-changes.js';
import { refusalFromCore } from '../../components/grid/scan-check.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { kindTakesDate } from '../../../shared/identifiers/lot-dates.js';
import type { IdentifierKind } from '../../../shared/identifiers/kinds.js';
import { WorkProgress } from '../../components/WorkProgress.js';
import { beepRefusal } from '../../scanner/beep.js';
import { useRefusal } from '../../components/use-refusal.js';
import { GoToBox } from './GoToBox.js';
import { stopKeepingKeys } from '../../scanner/keys-kept-for-box.js';
import { gridSaveProgressWords, useGridSave } from './use-grid-save.js';
import { useSerialGrid, type OpenGrid, type ReloadOutcome } from './use-serial-grid.js';
import { counted, formatCount } from '../../components/format-count.js';
import { boundedGridWords, gridNouns, gridSavedTitle, gridSizeWords, pasteAndRangeWords, stillWithoutSerialNumberWords, unitsWithoutSerialNumberWords, type GridNouns } from './serial-grid-words.js';
import './products.css';

interface SavedSummary {
  added: number;
  changed: number;
  removed: number;
  /** Lot products: how many lots' use-by dates the save set, changed or cleared. */
  dates: number;
  /** "Cancel save" reached the core after it had saved everything. */
  cancelCameTooLate: boolean;
  /** What was typed while the save ran (not in it), carried into the grid opened after it. */
  typedMeanwhile: string | null;
  /**
   * The id of the box that had the focus as the save ended (the packer typing on while it ran): the grid
   * opened after it is built anew, that box with it, so OK gives the focus back to the new one.
   */
  focusBack: string | null;
}

/** One edit's identity: a box typed into again while its save ran is a new edit. */
const editKey = (edit: GridEdit) => JSON.stringify([edit.box, edit.identifierId, edit.value, edit.useBy ?? null]);

/**
 * What was typed while a save ran: new serial numbers in boxes the save did not carry (kept for the grid
 * read after it), and how many boxes the save carried were changed or cleared meanwhile (those changes
 * are not applied: the box holds what was saved).
 */
function typedWhileSaving(sent: readonly GridEdit[], now: readonly GridEdit[]): { carry: GridEdit[]; changedInSave: number } {
  const sentKeys = new Set(sent.map(editKey));
  const sentBoxes = new Set(sent.map((edit) => edit.box));
  const nowBoxes = new Set(now.map((edit) => edit.box));
  const changed = now.filter((edit) => !sentKeys.has(editKey(edit)));
  const carry = changed.filter((edit) => !sentBoxes.has(edit.box));
  const cleared = sent.filter((edit) => !nowBoxes.has(edit.box)).length;
  return { carry, changedInSave: changed.length - carry.length + cleared };
}

/** The reload's outcome in words ("3 new serial numbers kept; ..."). */
function describeCarried(outcome: ReloadOutcome, nouns: GridNouns): string {
  const parts = [`${counted(outcome.kept, `new ${nouns.one}`, `new ${nouns.many}`)} kept`];
  if (outcome.noRoom) parts.push(`${counted(outcome.noRoom, 'new one', 'new ones')} dropped (no empty box left for ${outcome.noRoom === 1 ? 'it' : 'them'})`);
  if (outcome.dropped) parts.push(`${counted(outcome.dropped, 'change', 'changes')} to saved ${nouns.many} dropped`);
  return parts.join('; ');
}

/** `identifierKind`: the product's kind as the opener last read it, so the words while the grid opens name its values. */
/** The grid's boxes are `serial-box-<n>` (their date boxes `serial-box-<n>-use-by`). */
export const GRID_BOX_ID_PREFIX = 'serial-box';

export function SerialGridScreen({ api, productId, identifierKind, onBack }: { api: BenchApi; productId: number; identifierKind?: IdentifierKind; onBack: (product: Product | null) => void }) {
  const { grid, currentGrid, loadError, open, editCount, changedElsewhere, reloadKeepingNew } = useSerialGrid(api, productId);
  /** "Save Changes" refused as pressed (nothing changed, or a save already running): said and beeped anew on every press. */
  const pressRefusal = useRefusal();
  /** The save running or queued last; a save asked for meanwhile (the leave question's "Save") waits for it. */
  const runningSave = useRef<Promise<boolean> | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState<SavedSummary | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [reloaded, setReloaded] = useState<string | null>(null);
  const gridSave = useGridSave(api);
  const listRef = useRef<SerialBoxListHandle>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const saveButtonRef = useRef<HTMLButtonElement>(null);
  /**
   * Where the focus goes once the grid is opened again: the box that had it (its date box, if that had
   * it; the next empty box if it was empty and is filled now, so the next scan cannot overwrite what
   * arrived), or the first empty box.
   */
  const refocusBox = useRef<{ box: number; date: boolean; wasEmpty: boolean } | 'firstEmpty' | null>(null);
  const gridProduct = grid?.product ?? null;
  const entry = useMemo(() => (gridProduct ? boxEntryFor(api, gridProduct) : undefined), [api, gridProduct]);

  // Ready to scan at once: the first empty box has focus when the grid opens.
  const opened = grid !== null;
  useEffect(() => {
    if (!opened) return;
    listRef.current?.focusFirstEmpty();
    // Keys kept since the opener was pressed went into that box as it took the focus; with no box, nowhere (beeped).
    stopKeepingKeys();
  }, [opened]);
  useEffect(() => {
    if (loadError) stopKeepingKeys();
  }, [loadError]);
  useEffect(() => stopKeepingKeys, []);

  /** Opens the latest grid in place, the focus staying on the box that had it. */
  const reload = useCallback(() => {
    const focused = document.activeElement?.id.match(/^serial-box-(\d+)(-use-by)?$/);
    const box = focused ? Number(focused[1]) : null;
    refocusBox.current = box === null || !grid ? null : { box, date: focused?.[2] !== undefined, wasEmpty: grid.store.isEmpty(box) };
    return reloadKeepingNew();
  }, [reloadKeepingNew, grid]);

  // Changed elsewhere while nothing here is unsaved: show the latest at once.
  const reloadQuietly = changedElsewhere && editCount === 0 && !gridSave.saving;
  useEffect(() => {
    if (reloadQuietly) reload();
  }, [reloadQuietly, reload]);

  useEffect(() => {
    const to = refocusBox.current;
    refocusBox.current = null;
    if (to === 'firstEmpty') return listRef.current?.focusFirstEmpty();
    if (to === null || !grid || to.box >= grid.store.totalBoxes) return;
    if (to.wasEmpty && !grid.store.isEmpty(to.box)) {
      const next = grid.store.nextEmptyAfter(to.box);
      if (next === null) saveButtonRef.current?.focus();
      else listRef.current?.focusBox(next);
      return;
    }
    // focusBox renders the row: its date box is focused in the same task, so no frame shows the lot box
    // focused (a scan's first characters there would go into the lot).
    listRef.current?.focusBox(to.box);
    if (to.date) document.getElementById(dateInputId(`serial-box-${to.box}`))?.focus();
  }, [grid]);

  function reloadAsked() {
    const outcome = reload();
    if (!outcome) return;
    // The button goes with the notice: the packer carries on scanning.
    refocusBox.current = 'firstEmpty';
    setRefusal(null);
    setReloaded(`Reloaded: ${describeCarried(outcome, gridNouns(grid?.product.identifierKind))}.`);
  }

  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);

  // A box the grid's own checks refused is judged again as the packer changes boxes: one of two boxes
  // repeating a serial number changed, the other is fixed too (it leaves "Boxes to fix", unmarked). The
  // core's refusals (what only it knows) stay until their box is changed, but for a repeat: once the
  // packer changes the box it repeats (read since, or not), it is judged again as the grid's own are.
  const gridStore = grid?.store ?? null;
  /** The refusal whose boxes are judged again; null from the moment a save marks boxes anew (its marks are not judged). */
  const rejudged = useRef<Refusal | null>(null);
  const openGridNeedsEveryBox = grid ? shapeOf(grid).everyBoxNeedsValue : false;
  useEffect(() => {
    rejudged.current = refusal;
    if (!refusal || !gridStore) return;
    const { local, partners } = refusal;
    if (!local && !partners?.size) return;
    let judging = false;
    return gridStore.subscribe(() => {
      if (judging || rejudged.current !== refusal) return;
      judging = true;
      try {
        for (const box of local ? refusal.listed.map(({ box }) => box) : partners!.keys()) {
          if (!local && !gridStore.isEdited(partners!.get(box)!)) continue;
          if (gridStore.hasProblem(box) && localBoxProblem(gridStore, box, openGridNeedsEveryBox) === null) gridStore.clearProblem(box);
        }
      } finally {
        judging = false;
      }
    });
  }, [refusal, gridStore, openGridNeedsEveryBox]);

  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => (grid?.store.editCount ?? 0) > 0,
    save: () => save(),
    describe: () => {
      const count = grid?.store.editCount ?? 0;
      return `The ${gridNouns(grid?.product.identifierKind).many} of ${grid?.product.sku ?? 'this product'} have ${counted(count, 'unsaved change', 'unsaved changes')}.`;
    },
    focusRefusal: () => refusalRef.current?.focus(),
  });

  /**
   * Saves the edited boxes; true once saved, false when refused (the problems are shown). Asked while a
   * save runs, it waits for that one, then saves what was typed meanwhile (the grid that save opened).
   */
  function save(): Promise<boolean> {
    const before = runningSave.current;
    const run = (async () => {
      if (before && !(await before)) return false;
      const now = currentGrid();
      if (!now) return false;
      if (before && now.store.editCount === 0) return true;
      return saveGrid(now);
    })();
    runningSave.current = run;
    void run.finally(() => {
      if (runningSave.current === run) runningSave.current = null;
    });
    return run;
  }

  /** "Save Changes": with no box changed there is nothing to send, and the packer is told so. */
  function saveChangesPressed() {
    if (!grid) return;
    if (gridSave.saving) {
      pressRefusal.refuse('Already saving: wait for this save to end, then choose "Save Changes" again for anything typed meanwhile.');
      return;
    }
    if (grid.store.editCount === 0) {
      pressRefusal.refuse('Nothing to save: no box has been changed.');
      return;
    }
    pressRefusal.clear();
    void save();
  }

  // The words go once what they answered has changed: a box typed into, or the running save ended.
  const { clear: clearPressRefusal } = pressRefusal;
  useEffect(() => clearPressRefusal(), [editCount, clearPressRefusal]);
  useEffect(() => {
    if (!gridSave.saving) clearPressRefusal();
  }, [gridSave.saving, clearPressRefusal]);

  async function saveGrid(opened: OpenGrid): Promise<boolean> {
    const { store } = opened;
    // Single use needs every box filled while the grid has a box for every unit (serialGridShape).
    const { everyBoxNeedsValue } = shapeOf(opened);
    const check = checkGridLocally(store, everyBoxNeedsValue);
    if (!check.ok) {
      rejudged.current = null;
      store.setProblems(check.problems, check.emptyCount > 0);
      setRefusal({ message: describeLocalRefusal(check), listed: check.listed, other: [], local: true, marked: check.problems.size + check.emptyCount });
      beepRefusal();
      return false;
    }
    setCancelled(false);
    const dates = [...store.dateEditEntries()].length;
    const sent = store.editsForSave();
    // Typing moves the store's version: a save with no typing meanwhile (100,000 boxes) compares nothing.
    const versionSent = store.getVersion();
    const { result, cancelCameTooLate } = await gridSave.save(productId, sent);
    if (!result.ok && result.error.code === 'cancelled') {
      // Nothing was saved and the edits are still in the grid: "Save Changes" tries again.
      setCancelled(true);
      return false;
    }
    if (!result.ok) {
      const fromCore = problemsFromIssues(result.error.issues);
      rejudged.current = null;
      store.setProblems(fromCore.problems, everyBoxNeedsValue && store.emptyCount() > 0);
      setRefusal({ message: `Not saved: ${result.error.message}`, listed: fromCore.listed, other: fromCore.other, partners: fromCore.partners });
      beepRefusal();
      return false;
    }
    const focused = document.activeElement?.id ?? '';
    const focusBack = /^serial-box-\d+(-use-by)?$/.test(focused) ? focused : null;
    // The boxes stay open while the core saves: what was typed meanwhile goes into the grid read after it.
    const meanwhile = store.getVersion() === versionSent ? null : typedWhileSaving(sent, store.editsForSave());
    setRefusal(null);
    setReloaded(null);
    store.clearProblems();
    const carried = await open(meanwhile?.carry ?? []);
    const typedMeanwhile =
      carried && meanwhile && (meanwhile.carry.length || meanwhile.changedInSave)
        ? `Typed while saving, not saved yet: ${describeCarried({ ...carried, dropped: carried.dropped + meanwhile.changedInSave }, gridNouns(grid?.product.identifierKind))}.`
        : null;
    setSaved({ ...result.value, dates, cancelCameTooLate, typedMeanwhile, focusBack });
    return true;
  }

  function back() {
    confirmLeave(() => onBack(grid?.product ?? null));
  }

  if (loadError) {
    return (
      <section className="products-screen" aria-labelledby="serial-grid-heading">
        <h2 id="serial-grid-heading">Product Serial Numbers</h2>
        <ErrorText>{loadError}</ErrorText>
        <button type="button" className="secondary" onClick={() => onBack(null)}>Back to product</button>
      </section>
    );
  }
  if (!grid) return <p role="status" className="products-screen">Opening the {gridNouns(identifierKind).many}…</p>;

  const { store, product } = grid;
  const singleUse = product.identifierMode === 'single_use';
  const keptOnly = product.identifierMode === 'none';
  const withDates = kindTakesDate(product.identifierKind);
  const nouns = gridNouns(product.identifierKind);
  // A grid has at most MAX_EMPTY_GRID_BOXES empty boxes (the core's bound), whatever the stock.
  const shape = shapeOf(grid);
  return (
    <section className="products-screen serial-grid-screen" aria-labelledby="serial-grid-heading">
      <h2 id="serial-grid-heading">
        Product Serial Numbers: {product.sku}
      </h2>
      <p className="product-subtitle">
        {product.title} · {IDENTIFIER_MODE_LABELS[product.identifierMode]} · {gridSizeWords(store.totalBoxes, store.filledBoxes, product.stockLevel, nouns)}
      </p>
      {keptOnly ? (
        <p className="hint">
          These {nouns.many} are kept but not used while the mode is None (orders and the history refer to them). Clear a box and
          choose "Save Changes" to remove its {nouns.one}; {nouns.many} used on orders cannot be removed.
        </p>
      ) : (
        <p className="hint">
          {shape.everyBoxNeedsValue
            ? `Every box needs ${nouns.aOne}, and each ${nouns.one} may appear only once.`
            : singleUse
              ? `Every unit needs ${nouns.aOne}, and each ${nouns.one} may appear only once; boxes left empty are filled in a later save.`
              : `Boxes may stay empty; each ${nouns.one} may appear only once.`}{' '}
          {withDates
            ? 'Scan or type a lot into a box: Tab moves to its use-by date (2027-03-31 or as your locale writes dates), Enter moves to the next empty box; a GS1 code fills in its lot and use-by date.'
            : `Scan into a box: Enter or Tab moves to the next empty box; a GS1 code fills in its ${nouns.one}.`} {pasteAndRangeWords(product.identifierKind, product.identifierFormat)}
        </p>
      )}
      {shape.bounded && (
        <p className="hint grid-boxes-bounded">
          {singleUse && `${unitsWithoutSerialNumberWords(shape.unitsWithoutSerialNumber, product.stockLevel, nouns)} `}
          {boundedGridWords(store.filledBoxes, store.totalBoxes - store.filledBoxes, product.stockLevel, nouns)}
        </p>
      )}
      <div className="grid-toolbar">
        <button type="button" ref={saveButtonRef} className="primary" aria-disabled={gridSave.saving || undefined} onClick={saveChangesPressed}>
          Save Changes
        </button>
        <button type="button" className="secondary" onClick={back}>
          Back to product
        </button>
        <GoToBox totalBoxes={store.totalBoxes} unitsInStock={shape.bounded ? product.stockLevel : undefined} onGo={(box) => listRef.current?.focusBox(box)} />
        <UnsavedCount store={store} />
      </div>
      {gridSave.saving && !gridSave.running && <p role="status">Saving…</p>}
      {gridSave.running && <GridSaveProgressBar nouns={nouns} boxes={gridSave.running.boxes} cancelling={gridSave.cancelling} progress={gridSave.progress} onCancel={gridSave.cancel} />}
      {pressRefusal.message && (
        <ErrorText id="save-changes-problem" again={pressRefusal.key}>
          {pressRefusal.message}
        </ErrorText>
      )}
      {cancelled && <p role="status">Save cancelled; nothing was saved. Your changes are still in the grid.</p>}
      <div role="status" className="grid-changed-elsewhere">
        {changedElsewhere && editCount > 0 && !gridSave.saving ? (
          <p>
            The {nouns.many} of {product.sku} were changed elsewhere (a sync, an import or another window) since this grid was opened.{' '}
            <button type="button" className="secondary" onClick={reloadAsked}>
              Reload, keeping my new {nouns.many}
            </button>
          </p>
        ) : (
          reloaded && <p>{reloaded}</p>
        )}
      </div>
      {refusal && <ProblemList ref={refusalRef} refusal={refusal} store={store} boxWord="Box" onJump={(box) => listRef.current?.focusBox(box)} />}
      {store.totalBoxes === 0 && keptOnly ? (
        <p>
          This product keeps no {nouns.many} now. Choose a mode on its product screen to enter {nouns.many}.
        </p>
      ) : store.totalBoxes === 0 ? (
        <p>This product has no stock, so there are no boxes. Change its stock level to add units.</p>
      ) : (
        <SerialBoxList
          key={grid.generation}
          ref={listRef}
          store={store}
          label={`${nouns.capitalMany} of ${product.sku}`}
          boxLabelPrefix={nouns.capitalOne}
          idPrefix={GRID_BOX_ID_PREFIX}
          boxWord="Box"
          entry={entry}
          withDates={withDates}
          onNoEmptyBox={() => saveButtonRef.current?.focus()}
          onScanAccepted={(index, value) => {
            // Every value read is checked locally; a value in a page not read needs the core, and so does
            // any of a single-use product with dispatched values: they are in no box, yet no box may take one.
            if (store.allRead && !(singleUse && product.identifierCounts.consumed > 0)) return;
            void refusalFromCore(api, product, store.valueForSave(value), (id) => store.hasRead(id)).then((message) => {
              if (message && trimScannerInput(store.box(index).value) === value) listRef.current?.refuseBox(index, message);
            });
          }}
        />
      )}
      {saved && (
        <MessageDialog title={gridSavedTitle(product.identifierKind)} onClose={() => setSaved(null)} fallbackFocus={() => (saved.focusBack ? document.getElementById(saved.focusBack) : null)}>
          <p>
            The {nouns.many} of {product.sku} have been saved ({formatCount(saved.added)} added, {formatCount(saved.changed)} changed, {formatCount(saved.removed)} removed
            {kindTakesDate(product.identifierKind) ? `; ${counted(saved.dates, 'use-by date', 'use-by dates')} set or changed` : ''}).
          </p>
          {singleUse && shape.unitsWithoutSerialNumber > 0 && (
            <p>{stillWithoutSerialNumberWords(product.sku, shape.unitsWithoutSerialNumber, store.totalBoxes - store.filledBoxes, nouns)}</p>
          )}
          {saved.cancelCameTooLate && <p>Cancel came after the {nouns.many} were saved.</p>}
          {saved.typedMeanwhile && <p>{saved.typedMeanwhile}</p>}
        </MessageDialog>
      )}
    </section>
  );
}

/** The grid's shape as the core gives it (one definition: serialGridShape), from the opened grid. */
function shapeOf({ store, product }: Pick<OpenGrid, 'store' | 'product'>) {
  return serialGridShape(product.identifierMode, product.stockLevel, store.filledBoxes);
}

function GridSaveProgressBar({ nouns, boxes, cancelling, progress, onCancel }: { nouns: GridNouns; boxes: number; cancelling: boolean; progress: Parameters<typeof gridSaveProgressWords>[1]; onCancel: () => void }) {
  const words = gridSaveProgressWords(boxes, progress, nouns);
  return <WorkProgress {...words} cancelLabel="Cancel save" cancelling={cancelling} onCancel={onCancel} />;
}

/** "N unsaved changes", kept apart so typing re-renders only this line, not the whole screen. */
function UnsavedCount({ store }: { store: SerialBoxStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const count = store.editCount;
  return <span className="unsaved-count">{count === 0 ? 'No unsaved changes' : counted(count, 'unsaved change', 'unsaved changes')}</span>;
}
