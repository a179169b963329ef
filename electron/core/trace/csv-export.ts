/**
 * Streams recall rows as CSV (shared/trace/csv-format.ts) into any writable: a file the packer chose,
 * or an HTTP download. Rows come a page at a time from SQLite, so a million rows never sit in memory.
 */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { recallCsvOptions } from '../../../shared/trace/csv-format.js';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import type { RecallSearch } from './recall-search.js';

export function recallCsvStream(search: RecallSearch, query: RecallQuery): Readable {
  return Readable.from(search.rows(query)).pipe(stringify(recallCsvOptions()));
}

export async function writeRecallCsv(search: RecallSearch, query: RecallQuery, to: Writable | string): Promise<void> {
  const destination = typeof to === 'string' ? createWriteStream(to) : to;
  await pipeline(Readable.from(search.rows(query)), stringify(recallCsvOptions()), destination);
}
