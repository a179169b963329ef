/**
 * What a warehouse manager's own files hold that the bench got wrong: a range count written with a
 * thousands separator as Excel and the bench itself write counts ("+1,000"), a value listed twice where
 * one of the lines is a range or another spelling of the same use-by date, and numbers written as a
 * spreadsheet formats them ("1,500", "3.0"). Each is refused naming the line (and the other line), or
 * read as meant; nothing is imported on a refusal.
 */
import { describe, expect, it } from 'vitest';
import { csv, HEADERS, openTestBench, type TestBench } from './helpers.js';

function importFiles(bench: TestBench, files: Record<string, string>) {
  return bench.call('importCsv', { files: Object.entries(files).map(([name, content]) => ({ name, content })) });
}
const issuesOf = (result: ReturnType<typeof importFiles>) => (!result.ok ? result.error.issues.map((i) => `${i.where}: ${i.message}`) : result.value);

describe('identifier ranges whose count has a thousands separator', () => {
  it('reads "SN-0001 +1,000" as 1,000 values (not as one identifier "SN-0001 +1,000")', () => {
    const bench = openTestBench();
    const ctn = bench.product('CTN', 'multiple_use', 0);
    const result = importFiles(bench, { 'ids.csv': csv([[...HEADERS.identifiers], ['CTN', 'SN-0001 +1,000']]) });
    expect(result.ok && result.value.files[0]).toMatchObject({ rows: 1, added: 1000 });
    expect(bench.count('SELECT count(*) FROM identifiers WHERE product_id = ?', ctn)).toBe(1000);
    expect(bench.count("SELECT count(*) FROM identifiers WHERE product_id = ? AND value IN ('SN-0001', 'SN-1000')", ctn)).toBe(2);
    expect(bench.count("SELECT count(*) FROM identifiers WHERE value LIKE '%+%'")).toBe(0);
  });

  it('refuses a count whose separators are misplaced, naming the line, and imports nothing', () => {
    const bench = openTestBench();
    bench.product('CTN', 'multiple_use', 0);
    const before = bench.snapshot();
    const result = importFiles(bench, { 'ids.csv': csv([[...HEADERS.identifiers], ['CTN', 'SN-0001 +1,00']]) });
    expect(issuesOf(result)).toEqual(['ids.csv line 2: The range "SN-0001 +1,00" was refused: the count "1,00" is not a whole number (write it in digits, with or without a comma before each three: +1000 or +1,000).']);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('a value listed twice where a line is a range or another spelling of it', () => {
  it('names the range line a later single value repeats (this line holds no range)', () => {
    const bench = openTestBench();
    bench.product('CTN', 'multiple_use', 0);
    const before = bench.snapshot();
    const result = importFiles(bench, { 'ids.csv': csv([[...HEADERS.identifiers], ['CTN', 'SN-1..SN-5'], ['CTN', 'X-9'], ['CTN', 'SN-3']]) });
    expect(issuesOf(result)).toEqual(['ids.csv line 4: "SN-3" for CTN is listed twice (also line 2).']);
    expect(bench.snapshot()).toEqual(before);
  });

  it('names the line a range repeats, not "already held by" the product, which holds none of it', () => {
    const bench = openTestBench();
    bench.product('CTN', 'multiple_use', 0);
    const before = bench.snapshot();
    const single = importFiles(bench, { 'ids.csv': csv([[...HEADERS.identifiers], ['CTN', 'SN-3'], ['CTN', 'SN-1..SN-5']]) });
    expect(issuesOf(single)).toEqual(['ids.csv line 3: "SN-3" for CTN is listed twice (the range on this line repeats line 2).']);
    const ranges = importFiles(bench, { 'ids.csv': csv([[...HEADERS.identifiers], ['CTN', 'SN-1 +3'], ['CTN', 'SN-3..SN-6']]) });
    expect(issuesOf(ranges)).toEqual(['ids.csv line 3: "SN-3" for CTN is listed twice (the range on this line repeats line 2).']);
    expect(bench.snapshot()).toEqual(before);
  });

  it('names the line of the same use-by date written another way', () => {
    const bench = openTestBench();
    const yog = bench.product('YOG', 'multiple_use', 0);
    bench.ok('setIdentifierSpec', { productId: yog, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
    const before = bench.snapshot();
    const result = importFiles(bench, { 'dates.csv': csv([[...HEADERS.identifiers], ['YOG', '2031-05-01'], ['YOG', '2031-06-01'], ['YOG', '310501']]) });
    expect(issuesOf(result)).toEqual(['dates.csv line 4: "2031-05-01" for YOG is listed twice (also line 2).']);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('numbers as a spreadsheet formats them', () => {
  it('says a stock or quantity with a thousands separator or decimals is to be written in digits only', () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 5);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'products.csv': csv([[...HEADERS.products], ['A', 'Apple', '', 'none', '1,500'], ['B', 'Bee', '', 'none', '3.0']]),
      'orders.csv': csv([[...HEADERS.orders], ['SO-1', 'Ada', 'CBL', '1,200'], ['SO-2', 'Ada', 'CBL', 'two']]),
    });
    expect(issuesOf(result)).toEqual([
      'products.csv line 2: stock_level "1,500" must be a whole number from 0 to 1,000,000,000, written in digits only (no thousands separator, decimal point or sign).',
      'products.csv line 3: stock_level "3.0" must be a whole number from 0 to 1,000,000,000, written in digits only (no thousands separator, decimal point or sign).',
      'orders.csv line 2: quantity "1,200" must be a whole number from 1 to 1,000,000, written in digits only (no thousands separator, decimal point or sign).',
      'orders.csv line 3: quantity "two" must be a whole number from 1 to 1,000,000.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});
