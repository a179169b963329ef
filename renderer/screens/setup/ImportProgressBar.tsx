/**
 * A running CSV import: a progress bar with its counts (file, rows, megabytes) and a Cancel button,
 * which has the focus while the import runs so Enter or Space stops it. Cancelling imports nothing.
 */
import type { ImportProgress } from '../../../shared/contract/api.js';
import { importSizeIsKnown } from '../../../shared/contract/import-schemas.js';
import { WorkProgress } from '../../components/WorkProgress.js';
import { counted, formatCount } from '../../components/format-count.js';
import { sizeOfText, sizeText } from '../../components/format-size.js';

/** "Saving 1 of 1 row…", "Reading lots.csv: 1,234 rows, 3 of 12 KB" (a pipe: "…, 300 KB read"). */
export function importProgressText(p: ImportProgress): string {
  if (p.state === 'applying') return `Saving ${formatCount(p.rowsApplied)} of ${counted(p.rowsTotal, 'row', 'rows')}…`;
  const file = p.fileName ? `Reading ${p.fileName}: ` : 'Reading: ';
  const bytes = importSizeIsKnown(p) ? sizeOfText(p.bytesRead, p.bytesTotal) : `${sizeText(p.bytesRead)} read`;
  return `${file}${counted(p.rowsRead, 'row', 'rows')}, ${bytes}`;
}

/** The bar's words and counts for a running import (the panel's one bar shows them after the sending's). */
export function importBarProps(progress: ImportProgress) {
  const applying = progress.state === 'applying';
  return {
    label: applying ? 'Saving the imported rows' : 'Reading the files',
    value: applying ? progress.rowsApplied : progress.bytesRead,
    max: applying ? progress.rowsTotal : importSizeIsKnown(progress) ? progress.bytesTotal : undefined,
    text: importProgressText(progress),
    cancelLabel: 'Cancel import',
  };
}

export function ImportProgressBar({ progress, onCancel, cancelling = false }: { progress: ImportProgress; onCancel: () => void; cancelling?: boolean }) {
  return <WorkProgress {...importBarProps(progress)} onCancel={onCancel} cancelling={cancelling} />;
}
