/** Electron: "Export CSV" asks where to save (the system save dialog), then the core streams the file there. */
import { dialog, type BrowserWindow } from 'electron';
import type { RecallQuery } from '../../shared/trace/recall-query.js';
import type { ExportLinks } from '../core/trace/export-links.js';

export async function saveRecallExport(window: BrowserWindow | null, exports: ExportLinks, query: RecallQuery): Promise<{ file: string | null }> {
  const options = { defaultPath: exports.fileName(query), filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }] };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return { file: null };
  await exports.writeFile(query, chosen.filePath);
  return { file: chosen.filePath };
}
