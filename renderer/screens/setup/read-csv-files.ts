/** Reads chosen CSV files in the page, to send their text to the core's import; a file that is not UTF-8 is refused here. */
import type { BenchErrorData } from '../../../shared/contract/result.js';
import { decodeCsvBytes } from '../../../shared/domain/csv-text.js';

export const MAX_IMPORT_FILES = 10;

export type ReadFiles = { ok: true; files: Array<{ name: string; content: string }> } | { ok: false; error: BenchErrorData };

export async function readCsvFiles(files: FileList | readonly File[]): Promise<ReadFiles> {
  const read: Array<{ name: string; content: string }> = [];
  for (const file of [...files]) {
    const decoded = decodeCsvBytes(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return decoded;
    read.push({ name: file.name, content: decoded.text });
  }
  return { ok: true, files: read };
}
