/**
 * A running CSV import: a progress bar with its counts (file, rows, megabytes) and a Cancel button,
 * which has the focus while the import runs so Enter or Space stops it. Cancelling imports nothing.
 */
import { useEffect, useId, useRef } from 'react';
import type { ImportProgress } from '../../../shared/contract/api.js';

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (bytes / MB).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function importProgressText(p: ImportProgress): string {
  if (p.state === 'applying') return `Saving ${p.rowsApplied.toLocaleString('en')} of ${p.rowsTotal.toLocaleString('en')} rows…`;
  const file = p.fileName ? `Reading ${p.fileName}: ` : 'Reading: ';
  return `${file}${p.rowsRead.toLocaleString('en')} rows, ${megabytes(p.bytesRead)} of ${megabytes(p.bytesTotal)} MB`;
}

export function ImportProgressBar({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const labelId = useId();
  const countsId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const applying = progress.state === 'applying';
  const value = applying ? progress.rowsApplied : progress.bytesRead;
  const max = Math.max(1, applying ? progress.rowsTotal : progress.bytesTotal);
  return (
    <div className="import-progress">
      <span id={labelId} className="import-progress-label">
        {applying ? 'Saving the imported rows' : 'Reading the files'}
      </span>
      <progress aria-labelledby={labelId} aria-describedby={countsId} max={max} value={value} />
      <p id={countsId} className="muted small">
        {importProgressText(progress)}
      </p>
      <button ref={cancelRef} type="button" onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}
