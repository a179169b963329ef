/**
 * A running CSV import: a progress bar with its counts (file, rows, megabytes) and a Cancel button,
 * which has the focus while the import runs so Enter or Space stops it. Cancelling imports nothing.
 */
import type { ImportProgress } from '../../../shared/contract/api.js';
import { importSizeIsKnown, megabytesText } from '../../../shared/contract/import-schemas.js';
import { WorkProgress } from '../../components/WorkProgress.js';

export function importProgressText(p: ImportProgress): string {
  if (p.state === 'applying') return `Saving ${p.rowsApplied.toLocaleString('en')} of ${p.rowsTotal.toLocaleString('en')} rows…`;
  const file = p.fileName ? `Reading ${p.fileName}: ` : 'Reading: ';
  const bytes = importSizeIsKnown(p) ? `${megabytesText(p.bytesRead)} of ${megabytesText(p.bytesTotal)} MB` : `${megabytesText(p.bytesRead)} MB read`;
  return `${file}${p.rowsRead.toLocaleString('en')} rows, ${bytes}`;
}

export function ImportProgressBar({ progress, onCancel, cancelling = false }: { progress: ImportProgress; onCancel: () => void; cancelling?: boolean }) {
  const applying = progress.state === 'applying';
  return (
    <WorkProgress
      label={applying ? 'Saving the imported rows' : 'Reading the files'}
      value={applying ? progress.rowsApplied : progress.bytesRead}
      max={applying ? progress.rowsTotal : importSizeIsKnown(progress) ? progress.bytesTotal : undefined}
      text={importProgressText(progress)}
      cancelLabel="Cancel import"
      onCancel={onCancel}
      cancelling={cancelling}
    />
  );
}
