import { useEffect, useRef, useState } from 'react';
import type { BenchApi } from '../../../shared/contract/api.js';
import { ImportPanel } from './ImportPanel.js';

/**
 * Shown while the bench holds no products and no orders: import files or try the demo data. `empty`
 * follows the bench's counts: data that arrives from elsewhere meanwhile (the CLI's `demo` or `import`)
 * is said and offered at once, as an import from this panel is.
 */
export function FirstRunScreen({ api, empty, onImported, onContinue }: { api: BenchApi; empty: boolean; onImported?: () => void; onContinue: () => void }) {
  const [imported, setImported] = useState(false);
  const ready = imported || !empty;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opened with nothing focused, the first keys would start from the page: F1 then Escape gave the focus
  // back to the page, and Tab started over from the top. The heading takes it (read out as the welcome),
  // unless the person already reached a control while the screen loaded.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) headingRef.current?.focus();
  }, []);
  return (
    <section className="first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading" ref={headingRef} tabIndex={-1}>
        Welcome to the packing bench
      </h2>
      {/* A polite status: data that arrives from elsewhere (and the Go to Order Dispatch it brings) is said
          once when the words change, and the focus stays where the manager is. */}
      <div role="status">
        {empty ? (
          <p>
            This bench has no products or orders yet. Import your CSV files of products, pre-entered identifiers and orders,
            or load the demo data to try the bench.
          </p>
        ) : (
          <p>This bench now holds products or orders. Go to Order Dispatch, or import more CSV files.</p>
        )}
      </div>
      <ImportPanel
        api={api}
        onImported={(summary) => {
          // An import that added nothing (a file of headers only) leaves the bench empty: nothing to go to yet.
          if (summary.files.some((f) => f.added > 0 || f.updated > 0)) setImported(true);
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
