/**
 * Changes a product's stock level. For a tracked product an increase asks for the new units'
 * serial numbers, and a single-use decrease asks which serial numbers leave (named by the product's
 * kind, as the serial grid names them: lot numbers, use-by dates).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { belowAllocatedMessage, stockMovedMessage } from '../../../shared/domain/stock-change.js';
import { MAX_STOCK_LEVEL } from '../../../shared/sync/bounds.js';
import { MAX_IDENTIFIERS_PER_STOCK_CHANGE } from '../../../shared/contract/schemas.js';
import { wholeNumberOrNull } from '../../components/whole-number.js';
import { LeavingUnitsPicker } from './LeavingUnitsPicker.js';
import { NewUnitsPrompt } from './NewUnitsPrompt.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { formatCount } from '../../components/format-count.js';
import { gridNouns } from './serial-grid-words.js';
import { usePanelDone } from './use-panel-done.js';

type Step =
  | { kind: 'edit' }
  | { kind: 'new-units'; newStockLevel: number; shownStockLevel: number }
  | { kind: 'leaving'; newStockLevel: number; shownStockLevel: number; mustLeave: number };

interface StockLevelEditorProps {
  api: BenchApi;
  product: Product;
  onChanged: (product: Product) => void;
}

/** How many serial numbers must be named when single-use stock drops to `newStockLevel`. */
export function leavingCount(product: Product, newStockLevel: number): number {
  if (product.identifierMode !== 'single_use') return 0;
  const unconsumed = product.identifierCounts.available + product.identifierCounts.allocated;
  return Math.max(0, unconsumed - newStockLevel);
}

export function StockLevelEditor({ api, product, onChanged }: StockLevelEditorProps) {
  const [text, setText] = useState(String(product.stockLevel));
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  /** A refusal: shown, announced (the alert) and beeped; the typed level stays in its box. */
  const error = useRefusal();
  const [done, setDone] = usePanelDone('stock');
  const [busy, setBusy] = useState(false);
  // The figure the screen showed when the packer typed the level in the box (null: not typed since the
  // figure shown now was confirmed). Sent as shownStockLevel: the core refuses a level typed against a
  // figure that has moved (a dispatch, a sync, the CLI), so it never undoes or doubles that move.
  const [typedAgainst, setTypedAgainst] = useState<number | null>(null);
  const shownRef = useRef(product.stockLevel);

  // The product may be read afresh after the form was filled in: an untouched box follows the level
  // shown, a level the packer typed stays (checked against the figure it was typed against).
  // A box that follows holds the figure now shown, so nothing is typed against an older one any more.
  const textRef = useRef(text);
  textRef.current = text;
  useEffect(() => {
    const before = shownRef.current;
    shownRef.current = product.stockLevel;
    if (textRef.current.trim() !== String(before)) return;
    setText(String(product.stockLevel));
    setTypedAgainst(null);
  }, [product.stockLevel]);

  const refuse = error.refuse;

  function finished(updated: Product, from: number) {
    setStep({ kind: 'edit' });
    setText(String(updated.stockLevel));
    setTypedAgainst(null);
    error.clear();
    setDone(`Stock level changed from ${formatCount(from)} to ${formatCount(updated.stockLevel)}.`);
    onChanged(updated);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Pressed again while the change runs: said and beeped (it was silent); the change is made once.
    if (busy) return refuse('Already changing the stock level: wait for it to answer.');
    setDone(null);
    const typed = text.trim();
    const newStockLevel = wholeNumberOrNull(typed);
    if (newStockLevel === null || newStockLevel === undefined) {
      refuse(newStockLevel === null ? 'Enter the new stock level as a whole number from 0.' : `"${typed}" is not a stock level: enter a whole number from 0, digits only.`);
      return;
    }
    // The core's bound (shared/sync/bounds.ts), named so the packer knows what to enter.
    if (newStockLevel > MAX_STOCK_LEVEL) {
      refuse(`The stock level can be at most ${MAX_STOCK_LEVEL.toLocaleString('en')} (got ${typed}).`);
      return;
    }
    error.clear();
    // Typed against a figure this screen has since seen move: the packer checks the figure now shown
    // and presses again (the level stays in the box), as when the core finds the move first.
    if (typedAgainst !== null && typedAgainst !== product.stockLevel) {
      setTypedAgainst(null);
      refuse(`The stock level was not changed: ${stockMovedMessage(product.sku, typedAgainst, product.stockLevel)}`);
      return;
    }
    const shownStockLevel = product.stockLevel;
    if (newStockLevel === product.stockLevel) {
      setTypedAgainst(null); // confirmed against the figure shown: a later move is not this typing's
      setDone(`The stock level is already ${formatCount(newStockLevel)}.`);
      return;
    }
    // Each new or leaving single-use unit is named by its serial number, at most so many per change:
    // a prompt of more boxes could never be saved, so say so before opening it.
    const moving = Math.abs(newStockLevel - product.stockLevel);
    const nouns = gridNouns(product.identifierKind);
    if (product.identifierMode === 'single_use' && newStockLevel > product.stockLevel && moving > MAX_IDENTIFIERS_PER_STOCK_CHANGE) {
      refuse(
        `The stock level was not changed: ${product.sku} is single use, so each of the ${formatCount(moving)} new units needs its ${nouns.one} here, ` +
          `and at most ${formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE)} can be entered at once. Raise it in steps of up to ${formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE)} units.`,
      );
      return;
    }
    if (product.identifierMode !== 'none' && newStockLevel > product.stockLevel) {
      setStep({ kind: 'new-units', newStockLevel, shownStockLevel });
      return;
    }
    // Allocated units cannot leave: the picker could never be satisfied, so say why instead.
    if (product.identifierMode === 'single_use' && newStockLevel < product.identifierCounts.allocated) {
      refuse(`The stock level was not changed: ${belowAllocatedMessage(product.sku, product.identifierCounts.allocated)}`);
      return;
    }
    const mustLeave = leavingCount(product, newStockLevel);
    if (mustLeave > MAX_IDENTIFIERS_PER_STOCK_CHANGE) {
      refuse(
        `The stock level was not changed: ${product.sku} is single use, so each of the ${formatCount(mustLeave)} units that leave is named by its ${nouns.one}, ` +
          `and at most ${formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE)} can be named at once. Lower it in steps of up to ${formatCount(MAX_IDENTIFIERS_PER_STOCK_CHANGE)} units.`,
      );
      return;
    }
    if (mustLeave > 0) {
      setStep({ kind: 'leaving', newStockLevel, shownStockLevel, mustLeave });
      return;
    }
    setBusy(true);
    const result = await api.changeStockLevel({ productId: product.id, newStockLevel, shownStockLevel });
    setBusy(false);
    if (!result.ok) {
      // The next press is checked against the figure shown then (the change stream re-reads it).
      setTypedAgainst(null);
      refuse(`The stock level was not changed: ${result.error.message}`);
    } else finished(result.value, shownStockLevel);
  }

  const cancel = () => {
    setStep({ kind: 'edit' });
    setDone('The stock level was not changed.');
  };

  return (
    <div className="panel stock-editor">
      <h3 id="stock-heading">Stock Level</h3>
      <p>
        In stock: <strong>{formatCount(product.stockLevel)}</strong>
      </p>
      {/* Kept while a prompt is open (the modal makes it inert): the prompt gives the focus back to
          the control that opened it, which must still be here when it closes. */}
      {/* noValidate: the browser's own bubble is neither beeped nor reliably announced; the refusal here is both.
          A text box, not a number box: Chromium's number box dropped a typed comma or space ("2,5" set 25,
          "1,500" 1500, unsaid) and read "5-" as empty; what was typed is read, and refused naming it. */}
      <form className="field-row" onSubmit={(event) => void submit(event)} aria-labelledby="stock-heading" noValidate>
        <label htmlFor="new-stock-level">New stock level</label>
        <input
          id="new-stock-level"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          aria-invalid={error.message ? true : undefined}
          aria-describedby={error.message ? 'stock-error' : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setTypedAgainst((against) => against ?? product.stockLevel);
          }}
        />
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          Change Stock Level
        </button>
      </form>
      {error.message && (
        <ErrorText id="stock-error" again={error.key}>
          {error.message}
        </ErrorText>
      )}
      <p role="status" className="ok-text">
        {done}
      </p>
      {step.kind === 'new-units' && (
        <NewUnitsPrompt
          api={api}
          product={product}
          newStockLevel={step.newStockLevel}
          // The prompt adds its units to the stock the core held, which may have moved unseen: "from" is that figure.
          onDone={(updated) => finished(updated, updated.stockLevel - (step.newStockLevel - step.shownStockLevel))}
          onCancel={cancel}
        />
      )}
      {step.kind === 'leaving' && (
        <LeavingUnitsPicker
          api={api}
          product={product}
          newStockLevel={step.newStockLevel}
          shownStockLevel={step.shownStockLevel}
          mustLeave={step.mustLeave}
          onDone={(updated) => finished(updated, step.shownStockLevel)}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
