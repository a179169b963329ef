/**
 * A file's size as a warehouse manager reads it: under a megabyte in whole kilobytes ("12 KB"), else
 * in megabytes to one decimal ("3.5 MB"); never "0.0 MB" or "under 0.1 MB" for the small files most
 * imports are. Thousands separated as every count is (shared/domain/counted.ts).
 */
import { withThousands } from '../../shared/domain/counted.js';

const KB = 1024;
const MB = 1024 * KB;

/** Whole kilobytes, rounded up: a 200-byte file is "1 KB", not "0 KB" (only nothing is 0). */
const kilobytes = (bytes: number) => withThousands(Math.ceil(bytes / KB));

function megabytes(bytes: number): string {
  const tenths = Math.round((bytes / MB) * 10);
  return `${withThousands(Math.floor(tenths / 10))}.${tenths % 10}`;
}

/** "12 KB", "3.5 MB". */
export function sizeText(bytes: number): string {
  return bytes < MB ? `${kilobytes(bytes)} KB` : `${megabytes(bytes)} MB`;
}

/** "3 of 12 KB", "0.5 of 3.0 MB": a part of a whole, both in the whole's unit. */
export function sizeOfText(part: number, whole: number): string {
  return whole < MB ? `${kilobytes(part)} of ${kilobytes(whole)} KB` : `${megabytes(part)} of ${megabytes(whole)} MB`;
}
