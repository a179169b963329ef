/**
 * Asked when the stock of a tracked product goes up: one box per new unit for its serial number.
 * Single-use: every box is required. Multiple-use: boxes may stay empty. Same boxes, scanner and
 * paste behaviour as the serial entry grid. Its words name the values as the serial grid does
 * (gridNouns): lot numbers for a lot product, use-by dates for a use-by product.
 */
import { Dialog } from '../../components/dialog/Dialog.js';
import { useScanKeptOut } from '../../scanner/use-scan-kept-out.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { refusalFromCore } from '../../components/grid/scan-check.js';
import { checkGridLocally, describeLocalRefusal, problemsFromIssues } from '../../components/grid/grid-checks.js';
import { ProblemList, type Refusal } from '../../components/grid/ProblemList.js';
import { SerialBoxList, type SerialBoxListHandle } from '../../components/grid/SerialBoxList.js';
import { boxEntryFor } from '../../components/grid/box-entry.js';
import { SerialBoxStore } from '../../components/grid/serial-box-store.js';
import { lotDateForSave } from '../../components/grid/identifier-rules.js';
import { kindTakesDate } from '../../../shared/identifiers/lot-dates.js';
import { beepRefusal } from '../../scanner/beep.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { useLeaveGuard } from '../../app/unsaved-changes.js';
import { counted, formatCount } from '../../components/format-count.js';
import { MAX_IDENTIFIERS_PER_STOCK_CHANGE } from '../../../shared/contract/schemas.js';
import { gridNouns, newUnitsTitle, type GridNouns } from './serial-grid-words.js';

export const ALREADY_SAVING = 'Already saving the stock change: wait for it to answer.';

/**
 * Why no boxes are shown for a raise of `newUnits`: more than one stock change can take serial numbers
 * for (a box each would also be a box list, and a save, of millions). The units are added without them.
 */
export function tooManyNewUnitsWords(sku: string, newUnits: number, nouns: GridNouns): string {
  const most = formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE);
  return (
    `${counted(newUnits, 'new unit is', 'new units are')} more than one stock change can take ${nouns.many} for (at most ${most}), so none are asked for here: ` +
    `Save Stock Change adds the units without ${nouns.many}. Add them afterwards by importing an identifiers CSV or in the serial grid of ${sku}, ` +
    `or Cancel and raise the stock in steps of up to ${most} units to enter them here.`
  );
}

interface NewUnitsPromptProps {
  api: BenchApi;
  product: Product;
  newStockLevel: number;
  onDone: (product: Product) => void;
  onCancel: () => void;
}

export function NewUnitsPrompt({ api, product, newStockLevel, onDone, onCancel }: NewUnitsPromptProps) {
  // The new units as the prompt opened: a dispatch or a sync meanwhile moves the product's stock, not
  // the units that arrived (their boxes, and what was typed in them, stay); they add to the stock as it is.
  const [opened] = useState(() => ({ stockLevel: product.stockLevel, newUnits: newStockLevel - product.stockLevel }));
  const { newUnits } = opened;
  const targetStockLevel = product.stockLevel + newUnits;
  const singleUse = product.identifierMode === 'single_use';
  const nouns = gridNouns(product.identifierKind);
  // A box per new unit only while one save can take them all: a multiple-use raise beyond that adds the
  // units without serial numbers (boxes may stay empty there), never a list or a save of millions of boxes.
  // (A single-use raise beyond it is refused before the prompt opens: each unit needs its serial number.)
  const asksIdentifiers = newUnits <= MAX_IDENTIFIERS_PER_STOCK_CHANGE;
  // The spec as the prompt opened: a refreshed product object (new counts) must not wipe the entries.
  const store = useMemo(
    () => new SerialBoxStore({ totalBoxes: asksIdentifiers ? newUnits : 0, filledBoxes: 0, identifierSpec: product, normaliseDate: lotDateForSave }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  // Lot products (issue 12): a "Use by" box beside each new lot, as in the serial grid.
  const withDates = kindTakesDate(product.identifierKind);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  /** A press the running save cannot take: said by the buttons, beeped, announced each time. */
  const pressRefusal = useRefusal();
  const listRef = useRef<SerialBoxListHandle>(null);
  const entry = useMemo(() => boxEntryFor(api, product), [api, product]);
  const refusalRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asksIdentifiers) listRef.current?.focusFirstEmpty();
    else saveRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);

  // Serial numbers scanned for the new units are work: Cancel, Escape or leaving the screen asks first
  // (Save, Discard, Stay), as the serial grid and the allocation dialog do; they were dropped unsaid.
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => store.editCount > 0,
    save: () => save(),
    describe: () => `The new units of ${product.sku} have ${counted(store.editCount, `unsaved ${nouns.one}`, `unsaved ${nouns.many}`)}.`,
    focusRefusal: () => refusalRef.current?.focus(),
  });
  /**
   * "Save" in the question closes the prompt by saving, so it does not go on to cancel it. While a save
   * runs, Cancel is refused in words: Discard could not stop the stock change on its way.
   */
  const cancel = () => (busy ? pressRefusal.refuse(ALREADY_SAVING) : confirmLeave(onCancel, { proceedAfterSave: false }));

  /** Saves the stock change; true once saved, false when refused (the prompt says why). */
  async function save(): Promise<boolean> {
    // Pressed again while the save runs: said and beeped (it was silent); the units are added once.
    if (busy) {
      pressRefusal.refuse(ALREADY_SAVING);
      return false;
    }
    if (!asksIdentifiers && singleUse) {
      setRefusal({ message: `Not saved: ${product.sku} is single use, so each new unit needs its ${nouns.one}, and at most ${formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE)} can be entered at once. Cancel and raise the stock in steps of up to ${formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE)} units.`, listed: [], other: [] });
      beepRefusal();
      return false;
    }
    const check = checkGridLocally(store, singleUse);
    if (!check.ok) {
      store.setProblems(check.problems, check.emptyCount > 0);
      setRefusal({ message: describeLocalRefusal(check), listed: check.listed, other: [] });
      beepRefusal(); // as the serial grid does: the packer may be looking at the units, not the screen
      return false;
    }
    // Single-use: every box (checked above to be filled). Multiple-use: only the filled boxes, read from
    // what was typed, never one entry per empty box; remember which box each sent value came from.
    const sent = singleUse ? store.allValues().map((value, box) => ({ value, box })) : store.filledValues();
    setBusy(true);
    // A date that does not read as a date goes as typed, so the core's refusal names it.
    const dates = withDates ? sent.map(({ box }) => store.box(box).useBy).map((raw) => lotDateForSave(raw) ?? raw) : [];
    const result = await api.changeStockLevel({
      productId: product.id,
      // The units that arrived, not a level: the core adds them to the stock as it is when it saves, so
      // a change this screen has not heard of yet (a sync, a dispatch, the CLI) is kept, and it syncs as +N.
      addUnits: newUnits,
      newIdentifiers: sent.map(({ value }) => store.valueForSave(value)),
      ...(dates.some((d) => d !== '') ? { newIdentifierDates: dates } : {}),
    });
    setBusy(false);
    pressRefusal.clear();
    if (!result.ok) {
      const fromCore = problemsFromIssues(result.error.issues);
      const problems = new Map([...fromCore.problems].map(([sentIndex, message]) => [sent[sentIndex]?.box ?? sentIndex, message]));
      const listed = fromCore.listed.map(({ box, message }) => ({ box: sent[box]?.box ?? box, message }));
      store.setProblems(problems, false);
      setRefusal({ message: `Not saved: ${result.error.message}`, listed, other: fromCore.other });
      beepRefusal();
      return false;
    }
    onDone(result.value);
    return true;
  }

  /**
   * A scan that reaches a button (Save Stock Change has the focus once the last box is filled) is kept
   * from it and said: its Enter saved the change and the unit scanned went unsaid. While a box is empty
   * the focus goes there, for the scan again.
   */
  const scanOffTheBoxes = useScanKeptOut(
    (scanned) => {
      const value = trimScannerInput(scanned);
      const emptyLeft = asksIdentifiers && store.emptyCount() > 0;
      if (emptyLeft) listRef.current?.focusFirstEmpty();
      pressRefusal.refuse(
        emptyLeft
          ? `"${value}" was not taken: scan it again into the empty box that has the focus now.`
          : `"${value}" was not taken: every new unit has its ${nouns.one}. Choose Save Stock Change, or Cancel and enter a higher stock level.`,
      );
    },
    { outsideBoxes: true },
  );

  const headingId = 'new-units-heading';
  return (
    <Dialog title={newUnitsTitle(product.identifierKind)} heading={false} labelledBy={headingId} className="panel new-units prompt-dialog" onCancel={cancel} onKeyDownCapture={scanOffTheBoxes}>
      <h3 id={headingId}>
        {asksIdentifiers ? `${nouns.capitalMany} for the ${counted(newUnits, 'new unit', 'new units')}` : `${counted(newUnits, 'new unit', 'new units')} without ${nouns.many}`}
      </h3>
      <p className="hint">
        Stock of {product.sku} goes from {formatCount(product.stockLevel)} to {formatCount(targetStockLevel)}.{' '}
        {!asksIdentifiers ? (
          tooManyNewUnitsWords(product.sku, newUnits, nouns)
        ) : (
          <>
            {singleUse ? `Enter or scan ${nouns.aOne} for every new unit.` : `Enter or scan the ${nouns.many} to add; boxes may stay empty.`}{' '}
            {withDates && 'Tab after a lot moves to its use-by date (2027-03-31 or as your locale writes dates); a GS1 code fills in its lot and use-by date. '}
            {`Each ${nouns.one} may appear only once.`}
          </>
        )}
      </p>
      {/* Always there (empty until needed), so the words are announced when they come. */}
      <p role="status" className="hint">
        {product.stockLevel !== opened.stockLevel &&
          `The stock of ${product.sku} changed while this was open (from ${formatCount(opened.stockLevel)} to ${formatCount(product.stockLevel)}): saving adds these ${counted(newUnits, 'unit', 'units')}, to ${formatCount(targetStockLevel)}.`}
      </p>
      {refusal && <ProblemList ref={refusalRef} refusal={refusal} store={store} boxWord="New unit" onJump={(box) => listRef.current?.focusBox(box)} />}
      {asksIdentifiers && (
        <SerialBoxList
          ref={listRef}
          store={store}
          label={`${nouns.capitalMany} for the new units of ${product.sku}`}
          boxLabelPrefix={`${nouns.capitalOne} for new unit`}
          idPrefix="new-unit-box"
          boxWord="New unit"
          entry={entry}
          withDates={withDates}
          onNoEmptyBox={() => saveRef.current?.focus()}
          onScanAccepted={(index, value) => {
            // The new boxes are all here; a value the product already holds needs the core.
            void refusalFromCore(api, product, store.valueForSave(value), () => false, 'new-units').then((message) => {
              if (message && trimScannerInput(store.box(index).value) === value) listRef.current?.refuseBox(index, message);
            });
          }}
        />
      )}
      {pressRefusal.message && <ErrorText again={pressRefusal.key}>{pressRefusal.message}</ErrorText>}
      <div className="button-row">
        <button type="button" ref={saveRef} className="primary" aria-disabled={busy || undefined} onClick={() => void save()}>
          Save Stock Change
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
