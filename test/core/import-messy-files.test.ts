/**
 * CSV files as warehouses send them: a catalogue split over two files, orders exported in two
 * batches, a header saved by a European Excel or typed by hand. Each refusal names the file, the
 * line and what to change; nothing is imported then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BenchError } from '../../shared/contract/result.js';
import { csv, HEADERS, openTestBench, tempDir, type TestBench } from './helpers.js';

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

  // Excel saves rows it once formatted as separators only: a file straight from it ends in ",,,,".
  const EXCEL_FILES = {
    'products.csv': 'sku,title,barcode,identifier_mode,stock_level\r\nPHN,Phone,,single_use,2\r\nCBL,Cable,,none,50\r\n,,,,\r\n,,,,\r\n',
    'identifiers.csv': 'sku,identifier\nPHN,IMEI-1\n,\n"",""\n , \nPHN,IMEI-2\n,\n',
    'orders.csv': 'order_number,customer,sku,quantity\r\nSO-1,Ada,CBL,1\r\n,,,\r\n,,,\r\n',
  };
  const EXCEL_SUMMARY = (state: 'added' | 'unchanged') => [
    { name: 'products.csv', kind: 'products', rows: 2, added: 0, updated: 0, unchanged: 0, [state]: 2 },
    { name: 'identifiers.csv', kind: 'identifiers', rows: 2, added: 0, updated: 0, unchanged: 0, [state]: 2 },
    { name: 'orders.csv', kind: 'orders', rows: 1, added: 0, updated: 0, unchanged: 0, [state]: 1 },
  ];

  it('skips rows of empty fields only (separators Excel saves after the data) like blank lines, from text; again changes nothing', () => {
    const bench = openTestBench();
    expect(importFiles(bench, EXCEL_FILES)).toEqual({ ok: true, value: { files: EXCEL_SUMMARY('added') } });
    const after = bench.snapshot();
    expect(importFiles(bench, EXCEL_FILES)).toEqual({ ok: true, value: { files: EXCEL_SUMMARY('unchanged') } });
    expect(bench.snapshot()).toEqual(after);
  });

  it('skips rows of empty fields only in files read as streams; again changes nothing', async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const paths = Object.entries(EXCEL_FILES).map(([name, content]) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    });
    expect((await bench.importCsvFiles(paths)).files).toEqual(EXCEL_SUMMARY('added'));
    const after = bench.snapshot();
    expect((await bench.importCsvFiles(paths)).files).toEqual(EXCEL_SUMMARY('unchanged'));
    expect(bench.snapshot()).toEqual(after);
  });

  it('still refuses a row with some fields filled and its key empty, from text and from a stream', async () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    const content = 'sku,title,barcode,identifier_mode,stock_level\r\nCBL,Cable,,none,50\r\n,,,,5\r\n,,,,\r\n';
    const expected = [{ where: 'products.csv line 3', message: 'sku is empty.' }];
    const result = importFiles(bench, { 'products.csv': content });
    expect(!result.ok && result.error.issues).toEqual(expected);
    const path = join(tempDir(), 'products.csv');
    writeFileSync(path, content);
    const error = await bench.importCsvFiles([path]).then(() => null, (e: unknown) => e);
    expect(error instanceof BenchError && error.issues).toEqual(expected);
    expect(bench.snapshot()).toEqual(before);
  });

  it('keeps two rows of one order with the same SKU as two lines, and importing the file again changes nothing', () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 50);
    const files = { 'orders.csv': csv([[...HEADERS.orders], ['SO-1', 'Ada', 'CBL', 2], ['SO-1', 'Ada', 'CBL', 3]]) };
    expect(importFiles(bench, files)).toEqual({
      ok: true,
      value: { files: [{ name: 'orders.csv', kind: 'orders', rows: 2, added: 1, updated: 0, unchanged: 0 }] },
    });
    const order = bench.ok('findOrderByNumber', { orderNumber: 'SO-1' }).order!;
    expect(bench.ok('getOrder', { orderId: order.id }).lines.map((l) => [l.sku, l.ordered])).toEqual([['CBL', 2], ['CBL', 3]]);
    const after = bench.snapshot();
    expect(importFiles(bench, files)).toEqual({
      ok: true,
      value: { files: [{ name: 'orders.csv', kind: 'orders', rows: 2, added: 0, updated: 0, unchanged: 1 }] },
    });
    expect(bench.snapshot()).toEqual(after);
  });

  it('refuses an identifier listed in two identifier files of one import, naming both, as within one file', () => {
    const bench = openTestBench();
    bench.product('PHN', 'multiple_use', 10, ['IMEI-0']);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'serials-a.csv': csv([[...HEADERS.identifiers], ['PHN', 'IMEI-1'], ['PHN', 'IMEI-0'], ['PHN', 'SN-01..SN-03']]),
      'serials-b.csv': csv([[...HEADERS.identifiers], ['PHN', 'IMEI-2'], ['PHN', 'IMEI-1'], ['PHN', 'IMEI-0'], ['PHN', 'SN-02'], ['PHN', 'SN-01 +3']]),
    });
    expect(!result.ok && result.error.issues).toEqual([
      { where: 'serials-b.csv line 3', message: '"IMEI-1" for PHN is listed twice (also serials-a.csv line 2).' },
      { where: 'serials-b.csv line 4', message: '"IMEI-0" for PHN is listed twice (also serials-a.csv line 3).' },
      { where: 'serials-b.csv line 5', message: '"SN-02" for PHN is listed twice (also serials-a.csv line 4).' },
      { where: 'serials-b.csv line 6', message: '"SN-01" for PHN is listed twice (also serials-a.csv line 4).' },
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});
