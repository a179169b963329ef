/** Electron: "Export CSV" asks where to save (the system save dialog), then the core writes the file there. */
import { dialog, type BrowserWindow } from 'electron';
import { BenchError } from '../../shared/contract/result.js';
import { exportFileName } from '../../shared/trace/csv-format.js';
import type { RecallQuery } from '../../shared/trace/recall-query.js';

export interface ExportWriter {
  writeRecallExport(query: RecallQuery, file: string): Promise<void>;
}

export async function saveRecallExport(window: BrowserWindow | null, core: ExportWriter, query: RecallQuery): Promise<{ file: string | null }> {
  const defaultPath = exportFileName('recall', query.value || query.sku || 'all', new Date().toISOString().slice(0, 10));
  const options = { defaultPath, filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }] };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return { file: null };
  try {
    await core.writeRecallExport(query, chosen.filePath);
  } catch (error) {
    // The core's reason (the file is open elsewhere…) reaches the page as a refusal, not an unexpected error.
    throw new BenchError('conflict', (error as Error).message);
  }
  return { file: chosen.filePath };
}
