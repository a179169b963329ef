/** Electron: "Export CSV" / "Export for Excel" ask where to save (the system save dialog), then the core writes the file there. */
import { dialog, type BrowserWindow } from 'electron';
import type { SaveRecallExportResult } from '../../shared/contract/trace-schemas.js';
import { localDay, recallExportFileName, type RecallExportFormat } from '../../shared/trace/csv-format.js';
import type { RecallQuery } from '../../shared/trace/recall-query.js';
import { chosenExportFile } from './save-outcome.js';

export interface ExportWriter {
  writeRecallExport(query: RecallQuery, file: string, format?: RecallExportFormat): Promise<void>;
}

const FILTERS: Record<RecallExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (spreadsheet)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
};

export async function saveRecallExport(
  window: BrowserWindow | null,
  core: ExportWriter,
  query: RecallQuery,
  format: RecallExportFormat = 'csv',
): Promise<SaveRecallExportResult> {
  const defaultPath = recallExportFileName(query, localDay(new Date()), format);
  const options = { defaultPath, filters: [FILTERS[format]] };
  const file = chosenExportFile(window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options));
  if (file === null) return { outcome: 'cancelled' };
  // A refusal from the core (the file is open elsewhere, the disk is full) reaches the page as one.
  await core.writeRecallExport(query, file, format);
  return { outcome: 'saved', file };
}
