/**
 * One-time download links for CSV exports in browser mode: the renderer asks for a link over the
 * contract (which carries the bench secret), then the browser downloads it as a plain link (which
 * cannot). A link is good for one download within a minute and names only that export.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import { recallExportFileName } from '../../../shared/trace/csv-format.js';
import { recallCsvStream, writeRecallCsv } from './csv-export.js';
import type { RecallSearch } from './recall-search.js';

export const EXPORT_LINK_TTL_MS = 60_000;
export const EXPORT_PATH_PREFIX = '/export/';

interface Pending {
  query: RecallQuery;
  fileName: string;
  expires: number;
}

export interface ExportDownload {
  fileName: string;
  stream: Readable;
}

export function createExportLinks(search: RecallSearch, now: () => number = Date.now) {
  const pending = new Map<string, Pending>();
  return {
    /** The file name an export of `query` gets by default. */
    fileName(query: RecallQuery): string {
      return recallExportFileName(query, new Date(now()).toISOString().slice(0, 10));
    },
    /** Writes the whole result to a file (Electron, after the save dialog). */
    writeFile(query: RecallQuery, file: string): Promise<void> {
      return writeRecallCsv(search, query, file);
    },
    create(query: RecallQuery): { path: string; fileName: string } {
      for (const [token, p] of pending) if (p.expires < now()) pending.delete(token);
      const token = randomBytes(24).toString('base64url');
      const fileName = recallExportFileName(query, new Date(now()).toISOString().slice(0, 10));
      pending.set(token, { query, fileName, expires: now() + EXPORT_LINK_TTL_MS });
      return { path: `${EXPORT_PATH_PREFIX}${token}`, fileName };
    },
    /** The export behind a link, once; null for an unknown, used or expired link. */
    take(token: string): ExportDownload | null {
      const p = pending.get(token);
      pending.delete(token);
      if (!p || p.expires < now()) return null;
      return { fileName: p.fileName, stream: recallCsvStream(search, p.query) };
    },
  };
}
export type ExportLinks = ReturnType<typeof createExportLinks>;
