/**
 * Asked when the stock of a single-use product goes down: which available serial numbers leave
 * with the units. The packer scans or types them, or ticks them in a searchable list (the search
 * runs in the core, so products with 100,000 serial numbers are fine). Its words name the values as
 * the serial grid does (gridNouns): lot numbers for a lot product, use-by dates for a use-by product.
 */
import { Dialog } from '../../components/dialog/Dialog.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BenchApi, Candidate, Product } from '../../../shared/contract/api.js';
import { trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { useScanInBox } from '../../scanner/use-scan-in-box.js';
import { useScanKeptOut } from '../../scanner/use-scan-kept-out.js';
import { useLeaveGuard } from '../../app/unsaved-changes.js';
import { ALREADY_SAVING } from './NewUnitsPrompt.js';
import { counted, formatCount } from '../../components/format-count.js';
import { gridNouns, leavingUnitsTitle } from './serial-grid-words.js';
import { localToday } from '../../../shared/identifiers/use-by-dates.js';
import { shownUseByDate } from '../../components/identifier-text.js';

/** "— use by 01/12/2026, expired" (the bench's locale): a lot's date as the list shows it. */
function lotDateWords(useBy: string, today: string): string {
  const shown = shownUseByDate(useBy);
  return useBy < today ? `— use by ${shown}, expired` : `— use by ${shown}`;
}

const LIST_LIMIT = 50;

interface LeavingUnitsPickerProps {
  api: BenchApi;
  product: Product;
  newStockLevel: number;
  /** The stock level shown when the packer typed the new one: the core refuses if the stock has moved since. */
  shownStockLevel: number;
  /** How many serial numbers must leave (those without one need not be named). */
  mustLeave: number;
  onDone: (product: Product) => void;
  onCancel: () => void;
}

export function LeavingUnitsPicker({ api, product, newStockLevel, shownStockLevel, mustLeave, onDone, onCancel }: LeavingUnitsPickerProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [entry, setEntry] = useState('');
  /** A refused scan: shown, announced (the alert) and beeped, as the packer may be looking at the unit. */
  const entryError = useRefusal();
  const [filter, setFilter] = useState('');
  const [available, setAvailable] = useState<{ items: Candidate[]; more: boolean }>({ items: [], more: false });
  const refusal = useRefusal();
  const [busy, setBusy] = useState(false);
  const entryRef = useRef<HTMLInputElement>(null);
  const nouns = gridNouns(product.identifierKind);
  const title = leavingUnitsTitle(product.identifierKind);

  useEffect(() => entryRef.current?.focus(), []);

  useEffect(() => {
    let current = true;
    void api.searchCandidates({ productId: product.id, query: filter, limit: LIST_LIMIT }).then((result) => {
      if (!current || !result.ok) return;
      setAvailable({ items: result.value.items.filter((c) => c.status === 'available'), more: result.value.more });
    });
    return () => {
      current = false;
    };
  }, [api, product.id, filter]);

  function choose(value: string) {
    refusal.clear();
    setChosen((list) => (list.includes(value) ? list : [...list, value]));
  }

  function unchoose(value: string) {
    refusal.clear();
    setChosen((list) => list.filter((v) => v !== value));
  }

  /**
   * "Remove" takes its own button away: the focus goes to the next chosen value's Remove, else the one
   * before, else the scan box, never to the page (where the packer's next Tab starts over).
   */
  function removeChosen(value: string) {
    const index = chosen.indexOf(value);
    const next = chosen[index + 1] ?? chosen[index - 1];
    unchoose(value);
    pendingFocus.current = next ?? null;
  }
  const chosenListRef = useRef<HTMLUListElement>(null);
  /** After a Remove: the value whose Remove gets the focus (null: the scan box); undefined: nothing to move. */
  const pendingFocus = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === undefined) return;
    pendingFocus.current = undefined;
    const button = target === null ? null : [...(chosenListRef.current?.querySelectorAll<HTMLButtonElement>('button[data-value]') ?? [])].find((b) => b.dataset.value === target);
    (button ?? entryRef.current)?.focus();
  }, [chosen]);

  /** A value the candidates lack: one of this product's serial numbers dispatched already (the candidates leave those out), or not one of its own. */
  async function notCandidateMessage(value: string): Promise<string> {
    const found = await api.lookupIdentifier({ value });
    const dispatched = found.ok && found.value.matches.some((m) => m.productId === product.id && m.status === 'consumed');
    return dispatched ? `"${value}" was dispatched already and cannot leave stock.` : `"${value}" is not ${nouns.aOne} of ${product.sku}.`;
  }

  // A lot's date beside it, so the ones to write off (expired) can be told apart.
  const today = localToday();

  // A person's Enter submits this form; a scan ending in Enter or Tab is taken alone (useScanInBox): a
  // Tab-ending scan moved the focus to "Add", and the next scan went nowhere, unsaid.
  function addEntry(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void addValue(entry);
  }
  const scanInBox = useScanInBox((scanned) => void addValue(scanned));
  /**
   * A scan that reaches a button or a tick box (Save Stock Change has the focus once the last unit is
   * chosen) is an entry too, never an Enter on the button: its Enter saved the change and the unit
   * scanned went unsaid. With every unit chosen, it is refused in words.
   */
  const scanOffTheBox = useScanKeptOut(
    (scanned) => {
      const value = trimScannerInput(scanned);
      if (chosen.length < mustLeave || chosen.includes(value)) return void addValue(value);
      entryError.clear();
      refusal.refuse(
        `"${value}" was not chosen: ${mustLeave === 1 ? `the ${nouns.one} to leave is` : `all ${counted(mustLeave, nouns.one, nouns.many)} to leave are`} chosen. Remove one first to choose it instead, or choose Save Stock Change.`,
      );
    },
    { outsideBoxes: true },
  );

  /** Chooses what was entered, checked exactly (case sensitive), or says why not. */
  async function addValue(raw: string) {
    const value = trimScannerInput(raw);
    setEntry('');
    if (!value) return;
    // One refusal shown at a time: this entry's answer replaces a refused save's words.
    refusal.clear();
    if (chosen.includes(value)) {
      entryError.refuse(`"${value}" is already chosen.`);
      return;
    }
    const result = await api.searchCandidates({ productId: product.id, query: value, limit: LIST_LIMIT });
    const match = result.ok ? result.value.items.find((c) => c.value === value) : undefined;
    if (!match) {
      entryError.refuse(await notCandidateMessage(value));
    } else if (match.status !== 'available') {
      entryError.refuse(`"${value}" ${match.status === 'consumed' ? 'was dispatched already' : 'is allocated'} and cannot leave stock.`);
    } else {
      entryError.clear();
      choose(value);
      // The last one chosen: Enter now saves, as after the new-units prompt's last box.
      if (chosen.length + 1 === mustLeave) {
        saveRef.current?.focus();
        return;
      }
    }
    entryRef.current?.focus();
  }

  const saveRef = useRef<HTMLButtonElement>(null);
  // The serial numbers chosen are work (scanned off the units leaving): Cancel, Escape or leaving the
  // screen asks first (Save, Discard, Stay), as the new-units prompt and the serial grid do.
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => chosen.length > 0,
    save: () => save(),
    describe: () => `The stock change of ${product.sku} has ${counted(chosen.length, `${nouns.one} chosen to leave`, `${nouns.many} chosen to leave`)}, not saved.`,
    focusRefusal: () => saveRef.current?.focus(),
  });
  /** As the new-units prompt: "Save" in the question saves and closes; Cancel while a save runs is refused. */
  const cancel = () => (busy ? refusal.refuse(ALREADY_SAVING) : confirmLeave(onCancel, { proceedAfterSave: false }));

  /** Saves the stock change; true once saved, false when refused (the picker says why). */
  async function save(): Promise<boolean> {
    // One refusal shown at a time: the save's answer replaces a refused scan's words.
    entryError.clear();
    // Pressed again while the save runs: said and beeped (it was silent); the units leave once.
    if (busy) {
      refusal.refuse(ALREADY_SAVING);
      return false;
    }
    if (chosen.length !== mustLeave) {
      refusal.refuse(`Choose exactly ${counted(mustLeave, nouns.one, nouns.many)}; ${formatCount(chosen.length)} chosen.`);
      return false;
    }
    setBusy(true);
    const result = await api.changeStockLevel({ productId: product.id, newStockLevel, shownStockLevel, leavingIdentifiers: chosen });
    setBusy(false);
    if (!result.ok) {
      const details = result.error.issues.map((i) => `${i.where}: ${i.message}`).join(' ');
      refusal.refuse(`Not saved: ${result.error.message} ${details}`.trim());
      return false;
    }
    onDone(result.value);
    return true;
  }

  return (
    <Dialog title={title} heading={false} labelledBy="leaving-heading" className="panel leaving-units prompt-dialog" onCancel={cancel} onKeyDownCapture={scanOffTheBox}>
      <h3 id="leaving-heading">{title}</h3>
      <p className="hint">
        Stock of {product.sku} goes from {formatCount(shownStockLevel)} to {formatCount(newStockLevel)}: choose the{' '}
        {counted(mustLeave, `available ${nouns.one}`, `available ${nouns.many}`)} of the units that leave. Scan or type them, or tick them in the list.
      </p>
      {/* The product is read afresh when the store changes (a dispatch, a sync, the CLI): a move of its
          stock since this opened is said at once, as the new-units prompt does, not only when the core
          refuses the save. Always there (empty until needed), so the words are announced when they come. */}
      <p role="status" className="hint">
        {product.stockLevel !== shownStockLevel &&
          `The stock of ${product.sku} changed from ${formatCount(shownStockLevel)} to ${formatCount(product.stockLevel)} while this was open: Cancel and enter the stock level again.`}
      </p>
      <form className="field-row" onSubmit={addEntry}>
        <label htmlFor="leaving-entry">Scan or type a leaving {nouns.one}</label>
        <input
          id="leaving-entry"
          ref={entryRef}
          value={entry}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={entryError.message ? true : undefined}
          aria-describedby={entryError.message ? 'leaving-entry-error' : undefined}
          onChange={(event) => setEntry(event.target.value)}
          {...scanInBox}
        />
        <button type="submit" className="secondary">
          Add
        </button>
      </form>
      {entryError.message && (
        <ErrorText id="leaving-entry-error" again={entryError.key}>
          {entryError.message}
        </ErrorText>
      )}
      <h4 id="leaving-chosen-heading">
        Chosen: {formatCount(chosen.length)} of {formatCount(mustLeave)}
      </h4>
      {chosen.length > 0 && (
        <ul className="chosen-list" aria-labelledby="leaving-chosen-heading" ref={chosenListRef}>
          {chosen.map((value) => (
            <li key={value}>
              <span className="value">{value}</span>
              <button type="button" className="secondary small" aria-label={`Remove ${value}`} data-value={value} onClick={() => removeChosen(value)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="available-list">
        <legend>Available {nouns.many}</legend>
        <label htmlFor="leaving-filter">Filter</label>
        <input id="leaving-filter" type="search" value={filter} autoComplete="off" spellCheck={false} onChange={(event) => setFilter(event.target.value)} />
        <ul>
          {available.items.map((candidate) => (
            <li key={candidate.identifierId}>
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={chosen.includes(candidate.value)}
                  onChange={(event) => (event.target.checked ? choose(candidate.value) : unchoose(candidate.value))}
                />
                {candidate.value}
                {candidate.useBy && <span className="hint"> {lotDateWords(candidate.useBy, today)}</span>}
              </label>
            </li>
          ))}
        </ul>
        {available.more && <p className="hint">More {nouns.many} match; type to narrow the list.</p>}
      </fieldset>
      {refusal.message && <ErrorText again={refusal.key}>{refusal.message}</ErrorText>}
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
