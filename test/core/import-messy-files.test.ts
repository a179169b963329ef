/**
 * CSV files as warehouses send them: a catalogue split over two files, orders exported in two
 * batches, a header saved by a European Excel or typed by hand. Each refusal names the file, the
 * line and what to change; nothing is imported then.
 */
import { describe, expect, it } from 'vitest';
import { csv, HEADERS, openTestBench, type TestBench } from './helpers.js';

function importFiles(bench: TestBench, files: Record<string, string>) {
  return bench.call('importCsv', { files: Object.entries(files).map(([name, content]) => ({ name, content })) });
}

describe('import of messy files', () => {
  it('refuses a SKU listed in two catalogue files of one import, naming both, instead of taking the last file', () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'catalogue-a.csv': csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 50], ['PHN', 'Phone', '', 'single_use', 3]]),
      'catalogue-b.csv': csv([[...HEADERS.products], ['PHN', 'Phone', '', 'single_use', 5], ['CBL', 'Cable 2 m', '', 'none', 7]]),
    });
    expect(!result.ok && result.error.issues).toEqual([
      { where: 'catalogue-b.csv line 2', message: 'SKU PHN is listed twice (also catalogue-a.csv line 3).' },
      { where: 'catalogue-b.csv line 3', message: 'SKU CBL is listed twice (also catalogue-a.csv line 2).' },
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses an order number in two order files of one import, naming both, not as an order the bench holds', () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 50);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'orders-monday.csv': csv([[...HEADERS.orders], ['SO-1', 'Ada', 'CBL', 1]]),
      'orders-tuesday.csv': csv([[...HEADERS.orders], ['SO-2', 'Grace', 'CBL', 1], ['SO-1', 'Ada', 'CBL', 2]]),
    });
    expect(!result.ok && result.error.issues).toEqual([
      { where: 'orders-tuesday.csv line 3', message: "Order SO-1 is also in orders-monday.csv line 2; put all of an order's rows in one file." },
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('says what is wrong with a header: semicolons from a European Excel, a column it lacks or does not take', () => {
    const bench = openTestBench();
    const issueOf = (content: string) => {
      const result = importFiles(bench, { 'products.csv': content });
      return !result.ok && result.error.issues;
    };
    expect(issueOf('sku;title;barcode;identifier_mode;stock_level\r\nA;Apple;;none;5\r\n')).toEqual([
      {
        where: 'products.csv line 1',
        message: expect.stringContaining('Its columns are separated by semicolons (;), not commas: save it as "CSV UTF-8 (Comma delimited)"'),
      },
    ]);
    expect(issueOf('sku,title,barcode,identifier_mode,stock_level,notes\nA,Apple,,none,5,fragile\n')).toEqual([
      { where: 'products.csv line 1', message: expect.stringContaining('As a products file it has a column it does not take: "notes".') },
    ]);
    expect(issueOf('SKU,Title,Barcode,Identifier Mode,Stock Level\nA,Apple,,none,5\n')).toEqual([
      {
        where: 'products.csv line 1',
        message: expect.stringContaining('As a products file it lacks identifier_mode, stock_level and has columns it does not take: "identifier mode", "stock level".'),
      },
    ]);
    expect(bench.count('SELECT count(*) FROM products')).toBe(0);
  });
});
