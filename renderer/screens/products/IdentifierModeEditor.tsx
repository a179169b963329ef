/** Shows and changes a product's dispatch identifier mode; the core's refusal is shown as given. */
import { useEffect, useState, type FormEvent } from 'react';
import type { BenchApi, Product } from '../../../shared/contract/api.js';
import { IDENTIFIER_MODES, IDENTIFIER_MODE_LABELS, type IdentifierMode } from '../../../shared/domain/modes.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useRefusal } from '../../components/use-refusal.js';

interface IdentifierModeEditorProps {
  api: BenchApi;
  product: Product;
  onChanged: (product: Product) => void;
}

export function IdentifierModeEditor({ api, product, onChanged }: IdentifierModeEditorProps) {
  const [mode, setMode] = useState<IdentifierMode>(product.identifierMode);
  const refusal = useRefusal();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    const result = await api.setIdentifierMode({ productId: product.id, mode });
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
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          Set Mode
        </button>
      </div>
      {refusal.message && <ErrorText again={refusal.key}>{refusal.message}</ErrorText>}
      <p role="status" className="ok-text">
        {done}
      </p>
    </form>
  );
}
