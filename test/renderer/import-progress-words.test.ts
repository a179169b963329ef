/**
 * The Import screen's running counts read as the rest of the bench's counts do: "1 row", "1,234 rows"
 * (never "1 rows"), and a small file's size in kilobytes, never "0.0 of 0.0 MB" or "under 0.1 MB".
 */
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/contract/api.js';
import { importProgressText } from '../../renderer/screens/setup/ImportProgressBar.js';
import { sendingText } from '../../renderer/screens/setup/send-csv-files.js';

const KB = 1024;
const MB = 1024 * KB;

function progress(counts: Partial<ImportProgress>): ImportProgress {
  return {
    type: 'import.progress',
    importId: 'i-1',
    state: 'reading',
    fileName: 'lots.csv',
    fileNumber: 1,
    fileCount: 1,
    rowsRead: 0,
    bytesRead: 0,
    bytesTotal: 0,
    rowsApplied: 0,
    rowsTotal: 0,
    summary: null,
    error: null,
    ...counts,
  };
}

describe('the import progress words', () => {
  it('counts one row as "1 row" and thousands with separators, while saving', () => {
    expect(importProgressText(progress({ state: 'applying', fileName: null, fileNumber: null, rowsApplied: 1, rowsTotal: 1 }))).toBe('Saving 1 of 1 row…');
    expect(importProgressText(progress({ state: 'applying', fileName: null, fileNumber: null, fileCount: 3, rowsApplied: 1234, rowsTotal: 400000 }))).toBe('Saving 1,234 of 400,000 rows…');
  });

  it('counts one row as "1 row" while reading, and a small file in kilobytes', () => {
    expect(importProgressText(progress({ rowsRead: 1, bytesRead: 200, bytesTotal: 12 * KB }))).toBe('Reading lots.csv: 1 row, 1 of 12 KB');
    expect(importProgressText(progress({ rowsRead: 12345, bytesRead: 3 * MB, bytesTotal: 1500 * MB }))).toBe('Reading lots.csv: 12,345 rows, 3.0 of 1,500.0 MB');
  });

  it("counts a pipe's bytes on their own, in the unit that fits them", () => {
    expect(importProgressText(progress({ rowsRead: 2, bytesRead: 300 * KB, bytesTotal: 0 }))).toBe('Reading lots.csv: 2 rows, 300 KB read');
    expect(importProgressText(progress({ rowsRead: 2, bytesRead: 2.5 * MB, bytesTotal: 0 }))).toBe('Reading lots.csv: 2 rows, 2.5 MB read');
  });
});

describe('the import progress words, several files', () => {
  // The rows and megabytes count every file read so far: the words must not give them to the file named.
  it('names the file being read and which of how many it is, and says the counts are of all the files so far', () => {
    const third = progress({ fileName: 'orders.csv', fileNumber: 3, fileCount: 3, rowsRead: 80012, bytesRead: 10.2 * MB, bytesTotal: 12 * MB });
    expect(importProgressText(third)).toBe('Reading orders.csv (file 3 of 3): 80,012 rows so far in all files, 10.2 of 12.0 MB');
    const first = progress({ fileName: 'products.csv', fileNumber: 1, fileCount: 2, rowsRead: 1, bytesRead: 200, bytesTotal: 12 * KB });
    expect(importProgressText(first)).toBe('Reading products.csv (file 1 of 2): 1 row so far in all files, 1 of 12 KB');
    const piped = progress({ fileName: 'b.csv', fileNumber: 2, fileCount: 2, rowsRead: 2, bytesRead: 300 * KB, bytesTotal: 0 });
    expect(importProgressText(piped)).toBe('Reading b.csv (file 2 of 2): 2 rows so far in all files, 300 KB read');
  });
});

describe('the sending words', () => {
  it('says a small file by its size in kilobytes: it goes in one piece, so there is no share to show', () => {
    expect(sendingText('x.csv', 0, 12 * KB)).toBe('Sending x.csv (12 KB)…');
    expect(sendingText('x.csv', 12 * KB, 12 * KB)).toBe('Sending x.csv (12 KB)…');
    expect(sendingText('x.csv', 0, 100)).toBe('Sending x.csv (1 KB)…');
    expect(sendingText('3 files', 0, 0)).toBe('Sending 3 files (0 KB)…');
  });

  it('says how far a large file got, in megabytes', () => {
    expect(sendingText('big.csv', 3 * MB, 50 * MB)).toBe('Sending big.csv (3.0 of 50.0 MB)…');
    expect(sendingText('big.csv', 1 * MB, 2048 * MB)).toBe('Sending big.csv (1.0 of 2,048.0 MB)…');
  });
});
