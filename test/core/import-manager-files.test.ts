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

  it("says the same of a European or Swiss spreadsheet's thousands separator: a space, a no-break space or an apostrophe", () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 5);
    const before = bench.snapshot();
    // French Excel writes 1 500 with a no-break space (U+00A0, newer ones U+202F); Swiss German 1'500.
    const result = importFiles(bench, {
      'products.csv': csv([[...HEADERS.products], ['A', 'Apple', '', 'none', '1\u00a0500'], ['B', 'Bee', '', 'none', "1'500"]]),
      'orders.csv': csv([[...HEADERS.orders], ['SO-1', 'Ada', 'CBL', '1\u202f200'], ['SO-2', 'Ada', 'CBL', '1 200']]),
    });
    const digitsOnly = 'written in digits only (no thousands separator, decimal point or sign).';
    expect(issuesOf(result)).toEqual([
      `products.csv line 2: stock_level "1\u00a0500" must be a whole number from 0 to 1,000,000,000, ${digitsOnly}`,
      `products.csv line 3: stock_level "1'500" must be a whole number from 0 to 1,000,000,000, ${digitsOnly}`,
      `orders.csv line 2: quantity "1\u202f200" must be a whole number from 1 to 1,000,000, ${digitsOnly}`,
      `orders.csv line 3: quantity "1 200" must be a whole number from 1 to 1,000,000, ${digitsOnly}`,
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('numbers and values in refusals', () => {
  it('writes the stock of a product with identifiers with its thousands separated ("1,500,000", not "1500000")', () => {
    const bench = openTestBench();
    bench.product('PHN', 'multiple_use', 1_500_000);
    const before = bench.snapshot();
    const result = importFiles(bench, { 'products.csv': csv([[...HEADERS.products], ['PHN', 'Phone', '', 'multiple_use', 7]]) });
    expect(issuesOf(result)).toEqual([
      'products.csv line 2: SKU PHN has 1,500,000 in stock; the stock of a product with identifiers changes with its identifiers on the product screen.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('quotes the value of a format column that is not a whole number, as stock_level does', () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    const header = [...HEADERS.products, 'identifier_kind', 'format_min_length', 'format_max_length', 'min_shelf_life_days'];
    const result = importFiles(bench, {
      'products.csv': csv([
        header,
        ['A', 'Apple', '', 'multiple_use', 0, 'serial', 'ten', '', ''],
        ['B', 'Bee', '', 'multiple_use', 0, 'serial', '', '1,200', ''],
        ['C', 'Cee', '', 'multiple_use', 0, 'lot', '', '', '-3'],
        ['D', 'Dee', '', 'multiple_use', 0, 'serialz', '', '', ''],
      ]),
    });
    expect(issuesOf(result)).toEqual([
      'products.csv line 2: format_min_length "ten" must be a whole number.',
      'products.csv line 3: format_max_length "1,200" must be a whole number.',
      'products.csv line 4: min_shelf_life_days "-3" must be a whole number.',
      'products.csv line 5: identifier_kind "serialz" must be one of serial, lot, use_by, other.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe("Excel's separator line", () => {
  it('skips a first line "sep=," (Excel\'s hint that the columns are separated by commas); lines keep their numbers', () => {
    const bench = openTestBench();
    const result = importFiles(bench, {
      'products.csv': `sep=,\r\n${csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9], ['CHG', 'Charger', '', 'none', 'x']])}`,
    });
    expect(issuesOf(result)).toEqual(['products.csv line 4: stock_level "x" must be a whole number from 0 to 1,000,000,000.']);
    const good = importFiles(bench, { 'products.csv': `sep=,\n${csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]])}` });
    expect(good.ok && good.value.files[0]).toMatchObject({ kind: 'products', rows: 1, added: 1 });
  });

  it('refuses a first line "sep=;" saying the columns are separated by semicolons, and imports nothing', () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    const result = importFiles(bench, { 'products.csv': 'sep=;\nsku;title;barcode;identifier_mode;stock_level\nCBL;Cable;;none;9\n' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe('products.csv has its columns separated by semicolons (;); nothing was imported.');
    expect(issuesOf(result)).toEqual([
      'products.csv line 1: The line "sep=;" says its columns are separated by semicolons (;), not commas: save it as "CSV UTF-8 (Comma delimited)" and import it again.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('a refused products line and the lines that use its SKU', () => {
  it('says the SKU\'s products line was refused, not "Unknown SKU", on its identifiers and orders lines', () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 5);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'products.csv': csv([[...HEADERS.products], ['PHN', 'Phone', '', 'single_use', 2], ['TAB', 'Tablet', '', 'single_use', 'two']]),
      'identifiers.csv': csv([[...HEADERS.identifiers], ['PHN', 'IMEI-1'], ['TAB', 'T-1'], ['NOPE', 'N-1']]),
      'orders.csv': csv([[...HEADERS.orders], ['SO-1', 'Ada', 'TAB', 1], ['SO-1', 'Ada', 'CBL', 1], ['SO-2', 'Bo', 'NOPE', 1]]),
    });
    expect(issuesOf(result)).toEqual([
      'products.csv line 3: stock_level "two" must be a whole number from 0 to 1,000,000,000.',
      "identifiers.csv line 3: SKU TAB's line in products.csv (line 3) was refused.",
      'identifiers.csv line 4: Unknown SKU "NOPE".',
      "orders.csv line 2: SKU TAB's line in products.csv (line 3) was refused.",
      'orders.csv line 4: Unknown SKU "NOPE".',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('long numbers Excel saved in scientific notation', () => {
  it('refuses a barcode, SKU, identifier or order number written as "5.01235E+12", naming the line and the column, and imports nothing', () => {
    const bench = openTestBench();
    bench.product('PHN', 'single_use', 3);
    const before = bench.snapshot();
    // A 13-digit EAN in a General column, and 15-digit IMEIs: Excel shows (and saves) them rounded to 6 digits.
    const result = importFiles(bench, {
      'products.csv': csv([[...HEADERS.products], ['CBL', 'Cable', '5.01235E+12', 'none', 9], ['4.00638E+12', 'Charger', '', 'none', 1]]),
      'identifiers.csv': csv([[...HEADERS.identifiers], ['PHN', '3.56938E+14'], ['PHN', '3.56938E+14']]),
      'orders.csv': csv([[...HEADERS.orders], ['1.23457E+11', 'Ada', 'PHN', 1]]),
    });
    const rounded = (column: string, value: string) =>
      `${column} "${value}" is a long number as Excel shows it in scientific notation: its digits were lost when the file was saved. In the spreadsheet, format the column as Text (or as Number with 0 decimal places), check the digits and save the file again.`;
    expect(issuesOf(result)).toEqual([
      `products.csv line 2: ${rounded('barcode', '5.01235E+12')}`,
      `products.csv line 3: ${rounded('sku', '4.00638E+12')}`,
      `identifiers.csv line 2: ${rounded('identifier', '3.56938E+14')}`,
      `identifiers.csv line 3: ${rounded('identifier', '3.56938E+14')}`,
      `orders.csv line 2: ${rounded('order_number', '1.23457E+11')}`,
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses one saved with a decimal comma ("5,01235E+12", a German or French spreadsheet), naming the line and the column', () => {
    const bench = openTestBench();
    bench.product('PHN', 'single_use', 3);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'products.csv': csv([[...HEADERS.products], ['CBL', 'Cable', '5,01235E+12', 'none', 9]]),
      'identifiers.csv': csv([[...HEADERS.identifiers], ['PHN', '3,56938E+14']]),
    });
    const rounded = (column: string, value: string) =>
      `${column} "${value}" is a long number as Excel shows it in scientific notation: its digits were lost when the file was saved. In the spreadsheet, format the column as Text (or as Number with 0 decimal places), check the digits and save the file again.`;
    expect(issuesOf(result)).toEqual([`products.csv line 2: ${rounded('barcode', '5,01235E+12')}`, `identifiers.csv line 2: ${rounded('identifier', '3,56938E+14')}`]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('still takes values that only look a little like it (a lot "2E+5", a serial "SN-1.5E+12")', () => {
    const bench = openTestBench();
    bench.product('FLOUR', 'multiple_use', 0);
    const result = importFiles(bench, { 'lots.csv': csv([[...HEADERS.identifiers], ['FLOUR', '2E+5'], ['FLOUR', 'SN-1.5E+12'], ['FLOUR', '1.5e+12']]) });
    expect(result.ok && result.value.files[0]).toMatchObject({ rows: 3, added: 3 });
  });
});
