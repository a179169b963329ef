/**
 * A barcode is how a packer's scan finds a product: two products with one barcode (or one GTIN written
 * with and without its leading zeros) cannot be told apart by a scan. A products.csv row giving a
 * barcode another product has is refused, naming the file, the line, the barcode and the other SKU;
 * nothing is imported then.
 */
import { describe, expect, it } from 'vitest';
import { csv, HEADERS, openTestBench, type TestBench } from './helpers.js';

function importFiles(bench: TestBench, files: Record<string, Array<Array<string | number>>>) {
  return bench.call('importCsv', { files: Object.entries(files).map(([name, rows]) => ({ name, content: csv([[...HEADERS.products], ...rows]) })) });
}

const issues = (result: ReturnType<typeof importFiles>) => (result.ok ? [] : result.error.issues.map((i) => `${i.where}: ${i.message}`));

describe('a barcode two products would share', () => {
  it('refuses a row whose barcode an earlier line of the same file gives another product, and imports nothing', () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'products.csv': [['PHN', 'Phone', '4006381333931', 'none', 3], ['CBL', 'Cable', '', 'none', 5], ['CASE', 'Phone case', '4006381333931', 'none', 1]],
    });
    expect(issues(result)).toEqual([
      'products.csv line 4: barcode "4006381333931" is already SKU PHN\'s barcode (line 2); a scan could not tell the two apart. Give each product its own barcode.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses a row whose barcode a product on this bench has, and the same GTIN written with leading zeros', () => {
    const bench = openTestBench();
    bench.importRows({ 'products.csv': [['PHN', 'Phone', '036000291452', 'none', 3]] });
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'new.csv': [['CASE', 'Phone case', '036000291452', 'none', 1], ['LEAD', 'Lead', '0036000291452', 'none', 1], ['PLUG', 'Plug', '00036000291452', 'none', 1]],
    });
    expect(issues(result)).toEqual([
      'new.csv line 2: barcode "036000291452" is already SKU PHN\'s barcode (on this bench); a scan could not tell the two apart. Give each product its own barcode.',
      // CASE's line, refused for PHN's barcode, is not named as a holder: the next lines name PHN too.
      'new.csv line 3: barcode "0036000291452" is already SKU PHN\'s barcode "036000291452", the same GTIN (on this bench); a scan could not tell the two apart. Give each product its own barcode.',
      'new.csv line 4: barcode "00036000291452" is already SKU PHN\'s barcode "036000291452", the same GTIN (on this bench); a scan could not tell the two apart. Give each product its own barcode.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it("refuses the newcomer, not the holder's own line listed after it that keeps its barcode", () => {
    const bench = openTestBench();
    bench.importRows({ 'products.csv': [['PHN-1', 'Phone', '5012345678900', 'single_use', 0]] });
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'products.csv': [['BAD-1', 'Newcomer', '5012345678900', 'none', 1], ['PHN-1', 'Phone', '5012345678900', 'single_use', 0]],
    });
    expect(issues(result)).toEqual([
      'products.csv line 2: barcode "5012345678900" is already SKU PHN-1\'s barcode (on this bench, kept on line 3); a scan could not tell the two apart. Give each product its own barcode.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it("says the newcomer's clash when the holder's own line is refused for something else", () => {
    const bench = openTestBench();
    bench.importRows({ 'products.csv': [['PHN-1', 'Phone', '5012345678900', 'single_use', 0]] });
    const result = importFiles(bench, {
      'products.csv': [['BAD-1', 'Newcomer', '5012345678900', 'none', 1], ['PHN-1', 'Phone', '5012345678900', 'multiple_use', 0]],
    });
    expect(issues(result).map((issue) => issue.slice(0, issue.indexOf(':', 'products.csv line 2'.length) + 1) + issue.includes('barcode'))).toEqual([
      'products.csv line 2:true',
      'products.csv line 3:false',
    ]);
  });

  it('names an earlier file of the same import', () => {
    const bench = openTestBench();
    const result = importFiles(bench, {
      'a.csv': [['PHN', 'Phone', 'SHELF-7', 'none', 3]],
      'b.csv': [['CASE', 'Phone case', 'SHELF-7', 'none', 1]],
    });
    expect(issues(result)).toEqual([
      'b.csv line 2: barcode "SHELF-7" is already SKU PHN\'s barcode (a.csv line 2); a scan could not tell the two apart. Give each product its own barcode.',
    ]);
  });

  it('takes a barcode moved from one product to another in one file, a product imported again unchanged, and different GTINs', () => {
    const bench = openTestBench();
    bench.importRows({ 'products.csv': [['PHN', 'Phone', '4006381333931', 'none', 3], ['CASE', 'Phone case', '96385074', 'none', 1]] });
    // CASE takes PHN's barcode on line 2; PHN gets a new one on line 3: no two products share one in the end.
    const moved = bench.ok('importCsv', {
      files: [{ name: 'products.csv', content: csv([[...HEADERS.products], ['CASE', 'Phone case', '4006381333931', 'none', 1], ['PHN', 'Phone', '036000291452', 'none', 3]]) }],
    });
    expect(moved.files[0]).toMatchObject({ updated: 2 });
    const again = bench.ok('importCsv', {
      files: [{ name: 'products.csv', content: csv([[...HEADERS.products], ['CASE', 'Phone case', '4006381333931', 'none', 1], ['PHN', 'Phone', '036000291452', 'none', 3]]) }],
    });
    expect(again.files[0]).toMatchObject({ unchanged: 2 });
  });

  it('refuses a row whose barcode two products already share on this bench (from before, or from the hub), naming the other', () => {
    const bench = openTestBench();
    bench.importRows({ 'products.csv': [['PHN', 'Phone', '4006381333931', 'none', 3], ['CASE', 'Phone case', '', 'none', 1]] });
    // As a store from before this check, or a pull from the hub, may hold it.
    bench.writer.prepare(`UPDATE products SET barcode = '4006381333931' WHERE sku = 'CASE'`).run();
    const result = importFiles(bench, { 'products.csv': [['PHN', 'Phone', '4006381333931', 'none', 3]] });
    expect(issues(result)).toEqual([
      'products.csv line 2: barcode "4006381333931" is already SKU CASE\'s barcode (on this bench); a scan could not tell the two apart. Give each product its own barcode.',
    ]);
  });
});
