/**
 * A running CSV import: a progress bar with its counts (file, rows, megabytes) and a Cancel button,
 * which has the focus while the import runs so Enter or Space stops it. Cancelling imports nothing.
 */
import type { ImportProgress } from '../../../shared/contract/api.js';
import { WorkProgress } from '../../components/WorkProgress.js';

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (bytes / MB).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function importProgressText(p: ImportProgress): string {
  if (p.state === 'applying') return `Saving ${p.rowsApplied.toLocaleString('en')} of ${p.rowsTotal.toLocaleString('en')} rows…`;
  const file = p.fileName ? `Reading ${p.fileName}: ` : 'Reading: ';
  return `${file}${p.rowsRead.toLocaleString('en')} rows, ${megabytes(p.bytesRead)} of ${megabytes(p.bytesTotal)} MB`;
}

export function ImportProgressBar({ progress, onCancel, cancelling = false }: { progress: ImportProgress; onCancel: () => void; cancelling?: boolean }) {
  const applying = progress.state === 'applying';
  return (
    <WorkProgress
      label={applying ? 'Saving the imported rows' : 'Reading the files'}
      value={applying ? progress.rowsApplied : progress.bytesRead}
      max={applying ? progress.rowsTotal : progress.bytesTotal}
      text={importProgressText(progress)}
      cancelLabel="Cancel import"
      onCancel={onCancel}
      cancelling={cancelling}
    />
  );
}
