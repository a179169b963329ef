/**
 * Shows and changes a product's dispatch identifier mode; the core's refusal is shown as given. A change
 * the core would refuse is refused at once, read with the counts (no question asked); one that touches
 * what the store holds is said first, with counts read from the core (ModeChangeConfirm).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { IDENTIFIER_MODES, IDENTIFIER_MODE_LABELS, type IdentifierMode } from '../../../shared/domain/modes.js';
import { modeChangeConsequence } from '../../../shared/domain/mode-change-words.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';
import { ModeChangeConfirm } from './ModeChangeConfirm.js';
import { usePanelDone } from './use-panel-done.js';

interface IdentifierModeEditorProps {
  api: BenchApi;
  product: Product;
  onChanged: (product: Product) => void;
}

export function IdentifierModeEditor({ api, product, onChanged }: IdentifierModeEditorProps) {
  const [mode, setMode] = useState<IdentifierMode>(product.identifierMode);
  const refusal = useRefusal();
  const [done, setDone] = usePanelDone('mode');
  const [busy, setBusy] = useState(false);
  // The change asked about, with its consequence in words; null while no question is open.
  // `from`: the mode the counts were read in; the core refuses the change if it is another by then.
  const [asking, setAsking] = useState<{ mode: IdentifierMode; from: IdentifierMode; consequence: string } | null>(null);
  const setModeButton = useRef<HTMLButtonElement>(null);

  // The product may be read afresh (another window, a sync changed its mode): propose its current
  // mode again, or "Set Mode" would put back the mode it had when the screen opened, unseen.
  useEffect(() => setMode(product.identifierMode), [product.identifierMode]);

  // The select only proposes; the core is asked once, on "Set Mode", so arrow keys browsing the
  // options do not change the product on every step.
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Pressed again while the change runs: said and beeped (it was silent); the mode is set once.
    if (busy) return refusal.refuse('Already setting the mode: wait for it to answer.');
    setDone(null);
    refusal.clear();
    if (mode === product.identifierMode) {
      setDone(`The mode is already ${IDENTIFIER_MODE_LABELS[mode]}.`);
      return;
    }
    setBusy(true);
    // Counted as the store holds them now (another window or a sync may have changed the mode since
    // the screen read it): the question says what this press would really do.
    const counts = await api.getIdentifierModeCounts({ productId: product.id, mode });
    if (!counts.ok) {
      setBusy(false);
      refusal.refuse(`The mode was not changed: ${counts.error.message}`);
      return;
    }
    // The core would refuse this change (allocations awaiting dispatch, values single use cannot take):
    // said at once, in its words, as its refusal of the change is; a question confirmed only to be
    // refused would come first otherwise. Nothing opens, so the focus stays on "Set Mode".
    if (counts.value.refusal !== null) {
      setBusy(false);
      refusal.refuse(`The mode was not changed: ${counts.value.refusal}`);
      return;
    }
    const consequence = modeChangeConsequence(counts.value, mode);
    if (consequence === null) return change(mode, counts.value.identifierMode);
    setBusy(false);
    // The question's focus goes back to what had it when it opened: "Set Mode", however it was pressed.
    setModeButton.current?.focus();
    setAsking({ mode, from: counts.value.identifierMode, consequence });
  }

  function answer(confirmed: boolean) {
    const asked = asking;
    setAsking(null);
    if (confirmed && asked) void change(asked.mode, asked.from);
  }

  /** Asks the core; its refusals (a mode changed meanwhile, allocations awaiting dispatch) are shown as given. */
  async function change(to: IdentifierMode, from: IdentifierMode) {
    setBusy(true);
    const result = await api.setIdentifierMode({ productId: product.id, mode: to, fromMode: from });
    setBusy(false);
    if (!result.ok) {
      // Beeped: the packer may be looking at the product, not the screen. The chosen mode stays in the
      // select beside the refusal, so once its cause is fixed one more press sets it.
      refusal.refuse(`The mode was not changed: ${result.error.message}`);
      return;
    }
    refusal.clear();
    onChanged(result.value);
    setDone(`Dispatch Identifier Mode set to ${IDENTIFIER_MODE_LABELS[result.value.identifierMode]}.`);
  }

  return (
    <>
      <form className="panel mode-editor" onSubmit={submit} aria-labelledby="mode-heading">
        <h3 id="mode-heading">Dispatch Identifier Mode</h3>
        <p>
          Current mode: <strong>{IDENTIFIER_MODE_LABELS[product.identifierMode]}</strong>
        </p>
        <div className="field-row">
          <label htmlFor="identifier-mode">New mode</label>
          <select id="identifier-mode" value={mode} onChange={(event) => setMode(event.target.value as IdentifierMode)}>
            {IDENTIFIER_MODES.map((m) => (
              <option key={m} value={m}>
                {IDENTIFIER_MODE_LABELS[m]}
              </option>
            ))}
          </select>
          <button ref={setModeButton} type="submit" className="primary" aria-disabled={busy || undefined}>
            Set Mode
          </button>
        </div>
        {refusal.message && <ErrorText again={refusal.key}>{refusal.message}</ErrorText>}
        <p role="status" className="ok-text">
          {done}
        </p>
      </form>
      {asking && <ModeChangeConfirm mode={asking.mode} consequence={asking.consequence} onChoose={answer} />}
    </>
  );
}
