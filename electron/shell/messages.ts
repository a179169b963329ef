/**
 * The words the shell's dialogs show: import summaries and typed errors as a person reads them.
 * Plain TypeScript (no 'electron'), so it can be tested.
 */
import type { ImportSummary } from '../../shared/contract/api.js';
import type { BenchErrorData } from '../../shared/contract/result.js';
import { heldNoRowsText, importedFileLine } from '../../shared/domain/import-counts.js';

const MAX_LISTED_ISSUES = 12;

export function describeImport(summary: ImportSummary): string {
  if (summary.files.length === 0) return 'Nothing was imported.';
  // The CLI's words (importedFileLine): counts say what they count, as the Import screen does.
  return summary.files.flatMap((f) => [importedFileLine(f.name, f), ...(f.rows === 0 ? [heldNoRowsText(f.name)] : [])]).join('\n');
}

export function describeError(error: BenchErrorData): string {
  const listed = error.issues.slice(0, MAX_LISTED_ISSUES).map((i) => `• ${i.where}: ${i.message}`);
  const more = error.issues.length > MAX_LISTED_ISSUES ? [`… and ${error.issues.length - MAX_LISTED_ISSUES} more`] : [];
  return [error.message, ...listed, ...more].join('\n');
}
