/**
 * One-time download links for recall exports (CSV or Excel workbook) in browser mode: the renderer asks
 * for a link over the contract (which carries the bench secret), then the browser downloads it as a
 * plain link (which cannot). A link is good for one download within a minute and names only that export.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import { exportContentType, localDay, recallExportFileName, type RecallExportFormat } from '../../../shared/trace/csv-format.js';
import { checkXlsxRows, recallExportStream, writeRecallExport, type RecallExportOptions } from './csv-export.js';
import type { RecallSearch } from './recall-search.js';

export const EXPORT_LINK_TTL_MS = 60_000;
export const EXPORT_PATH_PREFIX = '/export/';

interface Pending {
  query: RecallQuery;
  format: RecallExportFormat;
  fileName: string;
  expires: number;
}

export interface ExportDownload {
  fileName: string;
  /** The download's Content-Type (CSV or xlsx). */
  contentType: string;
  stream: Readable;
}

export function createExportLinks(search: RecallSearch, now: () => number = Date.now, options: RecallExportOptions = {}) {
  const pending = new Map<string, Pending>();
  // The bench's own calendar day: the file a packer saves at 20:30 is dated today, not UTC's tomorrow.
  const day = () => localDay(new Date(now()));
  return {
    /** The file name an export of `query` gets by default. */
    fileName(query: RecallQuery, format: RecallExportFormat = 'csv'): string {
      return recallExportFileName(query, day(), format);
    },
    /** Writes the whole result to a file (Electron, after the save dialog). */
    writeFile(query: RecallQuery, file: string, format: RecallExportFormat = 'csv'): Promise<void> {
      return writeRecallExport(search, query, file, format, options);
    },
    create(query: RecallQuery, format: RecallExportFormat = 'csv'): { path: string; fileName: string } {
      // A workbook too big for Excel is refused now, when the page can still say so, not as a broken download.
      if (format === 'xlsx') checkXlsxRows(search, query, options);
      for (const [token, p] of pending) if (p.expires < now()) pending.delete(token);
      const token = randomBytes(24).toString('base64url');
      const fileName = recallExportFileName(query, day(), format);
      pending.set(token, { query, format, fileName, expires: now() + EXPORT_LINK_TTL_MS });
      return { path: `${EXPORT_PATH_PREFIX}${token}`, fileName };
    },
    /** The export behind a link, once; null for an unknown, used or expired link. */
    take(token: string): ExportDownload | null {
      const p = pending.get(token);
      pending.delete(token);
      if (!p || p.expires < now()) return null;
      return { fileName: p.fileName, contentType: exportContentType(p.format), stream: recallExportStream(search, p.query, p.format, options) };
    },
  };
}
export type ExportLinks = ReturnType<typeof createExportLinks>;
