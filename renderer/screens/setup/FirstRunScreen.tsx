import { useState } from 'react';
import type { BenchApi } from '../../../shared/contract/api.js';
import { ImportPanel } from './ImportPanel.js';

/** Shown while the bench holds no products and no orders: import files or try the demo data. */
export function FirstRunScreen({ api, onImported, onContinue }: { api: BenchApi; onImported?: () => void; onContinue: () => void }) {
  const [ready, setReady] = useState(false);
  return (
    <section className="first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">Welcome to the packing bench</h2>
      <p>
        This bench has no products or orders yet. Import your CSV files of products, pre-entered identifiers and orders,
        or load the demo data to try the bench.
      </p>
      <ImportPanel
        api={api}
        onImported={() => {
          setReady(true);
          onImported?.();
        }}
      />
      {ready && (
        <button type="button" className="primary" onClick={onContinue}>
          Go to Order Dispatch
        </button>
      )}
    </section>
  );
}
