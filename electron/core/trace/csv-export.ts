/**
 * Streams recall rows as CSV (shared/trace/csv-format.ts) into any writable: a file the packer chose,
 * or an HTTP download. Rows come a page at a time from SQLite, so a million rows never sit in memory.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { BenchError } from '../../../shared/contract/result.js';
import { recallCsvOptions } from '../../../shared/trace/csv-format.js';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import { systemErrorCode } from '../system-error.js';
import type { RecallSearch } from './recall-search.js';

export function recallCsvStream(search: RecallSearch, query: RecallQuery): Readable {
  return Readable.from(search.rows(query)).pipe(stringify(recallCsvOptions()));
}

export async function writeRecallCsv(search: RecallSearch, query: RecallQuery, to: Writable | string): Promise<void> {
  if (typeof to !== 'string') return pipeline(Readable.from(search.rows(query)), stringify(recallCsvOptions()), to);
  // Written beside the chosen file, then put in its place: a file that cannot be replaced (open in
  // Excel on Windows) or a write that fails midway leaves the one already there as it was.
  const partial = join(dirname(to), `.${basename(to)}.${randomBytes(4).toString('hex')}.part`);
  try {
    await pipeline(Readable.from(search.rows(query)), stringify(recallCsvOptions()), createWriteStream(partial));
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { force: true });
    const code = systemErrorCode(error);
    if (code === 'ENOSPC') throw new BenchError('disk_full', `Could not save ${basename(to)}: the disk is full; the file there was left as it was.`);
    if (code) {
      throw new BenchError('conflict', `Could not save ${basename(to)} (${code}): it may be open in another program (close it there) or the folder may not take new files; the file there was left as it was.`);
    }
    throw error;
  }
}
