/**
 * A running CSV import: a progress bar with its counts (file, rows, megabytes) and a Cancel button,
 * which has the focus while the import runs so Enter or Space stops it. Cancelling imports nothing.
 */
import type { ImportProgress } from '../../../shared/contract/api.js';
import { importSizeIsKnown } from '../../../shared/contract/import-schemas.js';
import { WorkProgress } from '../../components/WorkProgress.js';
import { counted, formatCount } from '../../components/format-count.js';
import { sizeOfText, sizeText } from '../../components/format-size.js';

/**
 * "Saving 1 of 1 row…", "Reading lots.csv: 1,234 rows, 3 of 12 KB" (a pipe: "…, 300 KB read"). With
 * several files the rows and bytes are every file's so far, and the words say so rather than give them
 * to the file named: "Reading orders.csv (file 3 of 3): 80,012 rows so far in all files, 10.2 of 12.0 MB".
 */
export function importProgressText(p: ImportProgress): string {
  if (p.state === 'applying') return `Saving ${formatCount(p.rowsApplied)} of ${counted(p.rowsTotal, 'row', 'rows')}…`;
  const several = p.fileCount > 1;
  const which = several && p.fileNumber !== null ? ` (file ${formatCount(p.fileNumber)} of ${formatCount(p.fileCount)})` : '';
  const file = p.fileName ? `Reading ${p.fileName}${which}: ` : 'Reading: ';
  const rows = `${counted(p.rowsRead, 'row', 'rows')}${several ? ' so far in all files' : ''}`;
  const bytes = importSizeIsKnown(p) ? sizeOfText(p.bytesRead, p.bytesTotal) : `${sizeText(p.bytesRead)} read`;
  return `${file}${rows}, ${bytes}`;
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
