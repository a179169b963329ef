/**
 * CSV import (products, identifiers, orders), demo data, and identifier lookup.
 */
import { describe, expect, it } from 'vitest';
import { barcodeAsGtin14 } from '../../shared/gs1/element-string.js';
import { addDays, localToday } from '../../shared/identifiers/use-by-dates.js';
import { MAX_VALUES_PER_OP, syncOpSchema } from '../../shared/sync/ops.js';
import { csv, HEADERS, openTestBench, type TestBench } from './helpers.js';

const PRODUCTS = [
  [...HEADERS.products],
  ['PHN', 'Phone', '501', 'single_use', 3],
  ['YOG', 'Yoghurt', '', 'multiple_use', 10],
  ['CBL', 'Cable', '', 'none', 50],
];
const IDENTIFIERS = [[...HEADERS.identifiers], ['PHN', 'IMEI-1'], ['PHN', 'imei-1'], ['YOG', 'USE BY 2026-12-04']];
const ORDERS = [
  [...HEADERS.orders],
  ['SO-1', 'Ada', 'PHN', 1],
  ['SO-1', 'Ada', 'CBL', 2],
  ['SO-2', 'Grace', 'YOG', 3],
];

function importFiles(bench: TestBench, files: Record<string, string>) {
  return bench.call('importCsv', { files: Object.entries(files).map(([name, content]) => ({ name, content })) });
}

function goodFiles() {
  return { 'orders.csv': csv(ORDERS), 'products.csv': csv(PRODUCTS), 'identifiers.csv': csv(IDENTIFIERS) };
}

describe('importCsv', () => {
  it('imports products, identifiers and orders whatever the file order, grouping order rows', () => {
    const bench = openTestBench();
    const result = importFiles(bench, goodFiles());
    expect(result.ok && result.value.files).toEqual([
      { name: 'products.csv', kind: 'products', rows: 3, added: 3, updated: 0, unchanged: 0 },
      { name: 'identifiers.csv', kind: 'identifiers', rows: 3, added: 3, updated: 0, unchanged: 0 },
      { name: 'orders.csv', kind: 'orders', rows: 3, added: 2, updated: 0, unchanged: 0 },
    ]);
    const phn = bench.ok('findProducts', { query: 'PHN' }).items[0]!;
    expect(phn).toMatchObject({ title: 'Phone', barcode: '501', identifierMode: 'single_use', stockLevel: 3, identifierCounts: { available: 2 } });
    expect(bench.ok('findProducts', { query: 'CBL' }).items[0]!.barcode).toBeNull();
    const order = bench.ok('findOrderByNumber', { orderNumber: 'SO-1' }).order!;
    expect(order).toMatchObject({ customer: 'Ada', lineCount: 2, unitsOrdered: 3, trackedUnitsRemaining: 1 });
    const details = bench.ok('getOrder', { orderId: order.id });
    expect(details.lines.map((l) => [l.lineNo, l.sku, l.ordered])).toEqual([[1, 'PHN', 1], [2, 'CBL', 2]]);
    expect(bench.outboxOps().map((op) => op.type)).toEqual([
      'product.upsert', 'stock.count', 'product.upsert', 'stock.count', 'product.upsert', 'stock.count',
      'identifier.add', 'identifier.add', 'order.upsert', 'order.upsert',
    ]);
    expect(bench.auditActions()).toEqual(['import']);
  });

  it('re-importing the same files changes nothing', () => {
    const bench = openTestBench();
    importFiles(bench, goodFiles());
    const before = bench.snapshot();
    const again = importFiles(bench, goodFiles());
    expect(again.ok && again.value.files.map((f) => [f.added, f.updated, f.unchanged])).toEqual([[0, 0, 3], [0, 0, 3], [0, 0, 2]]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('updates a product title/barcode and the stock of an untracked product; refuses the stock of a tracked one', () => {
    const bench = openTestBench();
    importFiles(bench, goodFiles());
    const ok = importFiles(bench, {
      'products.csv': csv([[...HEADERS.products], ['CBL', 'Cable 1m', '777', 'none', 40], ['YOG', 'Yoghurt', '', 'multiple_use', 10]]),
    });
    expect(ok.ok && ok.value.files[0]).toMatchObject({ updated: 1, unchanged: 1 });
    expect(bench.ok('findProducts', { query: 'CBL' }).items[0]).toMatchObject({ title: 'Cable 1m', barcode: '777', stockLevel: 40 });
    const before = bench.snapshot();
    const refused = importFiles(bench, { 'products.csv': csv([[...HEADERS.products], ['PHN', 'Phone', '501', 'single_use', 4]]) });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.issues[0]).toMatchObject({ where: 'products.csv line 2' });
    const modeChange = importFiles(bench, { 'products.csv': csv([[...HEADERS.products], ['PHN', 'Phone', '501', 'multiple_use', 3]]) });
    expect(!modeChange.ok && modeChange.error.issues[0]!.message).toContain('change the mode on the product screen');
    expect(bench.snapshot()).toEqual(before);
  });

  it('names file and line of every bad line, and imports nothing (not even the good files)', () => {
    const bench = openTestBench();
    bench.product('EXISTING', 'none', 1);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      'products.csv': csv([
        ...PRODUCTS,
        ['BAD-STOCK', 'x', '', 'none', '-1'],
        ['BAD-MODE', 'x', '', 'sometimes', 1],
        ['PHN', 'dup', '', 'single_use', 1],
        ['', 'no sku', '', 'none', 1],
      ]),
      'identifiers.csv': csv([...IDENTIFIERS, ['NOPE', 'V'], ['CBL', 'V'], ['PHN', 'A\u0007B'], ['PHN', 'IMEI-1'], ['YOG', 'x'.repeat(201)]]),
      'orders.csv': csv([...ORDERS, ['SO-3', 'C', 'NOPE', 1], ['SO-4', 'C', 'CBL', 0], ['SO-4', 'C', 'CBL', 'two'], ['SO-1', 'Someone else', 'CBL', 1]]),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toContain('nothing was imported');
    expect(result.error.issues.map((i) => i.where)).toEqual([
      'products.csv line 5',
      'products.csv line 6',
      'products.csv line 7',
      'products.csv line 8',
      'identifiers.csv line 5',
      'identifiers.csv line 6',
      'identifiers.csv line 7',
      'identifiers.csv line 8',
      'identifiers.csv line 9',
      'orders.csv line 5',
      'orders.csv line 6',
      'orders.csv line 7',
      'orders.csv line 8',
    ]);
    expect(result.error.issues.map((i) => i.message)).toEqual([
      'stock_level "-1" must be a whole number from 0 to 1,000,000,000.',
      expect.stringContaining('identifier_mode "sometimes"'),
      'SKU PHN is listed twice (also line 2).',
      'sku is empty.',
      'Unknown SKU "NOPE".',
      'SKU CBL has no dispatch identifiers (mode none).',
      'The identifier contains a control character (U+0007).',
      '"IMEI-1" for PHN is listed twice (also line 2).',
      'The identifier is longer than 200 characters.',
      'Unknown SKU "NOPE".',
      'quantity "0" must be a whole number from 1 to 1,000,000.',
      'quantity "two" must be a whole number from 1 to 1,000,000.',
      'Order SO-1 has customer "Ada" on line 2 and "Someone else" here.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('an unknown SKU names the SKU that was probably meant: one equal ignoring case, else one a typo away; none when unclear', () => {
    const bench = openTestBench();
    bench.product('CABLE-2M', 'none', 5);
    bench.product('SKU-10', 'none', 5);
    bench.product('SKU-11', 'none', 5);
    bench.product('P1', 'none', 5);
    const before = bench.snapshot();
    const result = importFiles(bench, {
      // PHN comes from this same import: a SKU it adds is suggested too.
      'products.csv': csv(PRODUCTS),
      'identifiers.csv': csv([[...HEADERS.identifiers], ['phn', 'IMEI-9']]),
      'orders.csv': csv([
        [...HEADERS.orders],
        ['SO-7', 'Ada', 'cable-2m', 1],
        ['SO-8', 'Ada', 'CALBE-2M', 1],
        ['SO-9', 'Ada', 'SKU-1', 1], // SKU-10 and SKU-11 are as near: no one clear SKU
        ['SO-10', 'Ada', 'P2', 1], // two characters: one edit away from almost any short SKU
      ]),
    });
    expect(!result.ok && result.error.issues).toEqual([
      { where: 'identifiers.csv line 2', message: 'Unknown SKU "phn" (did you mean "PHN"? SKUs are case-sensitive).' },
      { where: 'orders.csv line 2', message: 'Unknown SKU "cable-2m" (did you mean "CABLE-2M"? SKUs are case-sensitive).' },
      { where: 'orders.csv line 3', message: 'Unknown SKU "CALBE-2M" (did you mean "CABLE-2M"?).' },
      { where: 'orders.csv line 4', message: 'Unknown SKU "SKU-1".' },
      { where: 'orders.csv line 5', message: 'Unknown SKU "P2".' },
    ]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses more single-use identifiers than units in stock, naming the first extra line', () => {
    const bench = openTestBench();
    bench.product('PHN', 'single_use', 2, ['A']);
    const before = bench.snapshot();
    const result = importFiles(bench, { 'ids.csv': csv([[...HEADERS.identifiers], ['PHN', 'A'], ['PHN', 'B'], ['PHN', 'C']]) });
    expect(!result.ok && result.error.issues).toEqual([expect.objectContaining({ where: 'ids.csv line 4' })]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('expands ranges of identifiers (first..last, first +count); re-importing changes nothing; a partly held or overflowing range is refused naming why', () => {
    const bench = openTestBench();
    const ctn = bench.product('CTN', 'multiple_use', 1, ['B-0007']);
    const files = { 'ids.csv': csv([[...HEADERS.identifiers], ['CTN', 'A-0098..A-0102'], ['CTN', 'LOT9/01 +3']]) };
    const result = importFiles(bench, files);
    expect(result.ok && result.value.files[0]).toMatchObject({ rows: 2, added: 8, unchanged: 0 });
    const values = bench.ok('searchCandidates', { productId: ctn, query: '', limit: 50 }).items.map((c) => c.value);
    expect(values).toEqual(['A-0098', 'A-0099', 'A-0100', 'A-0101', 'A-0102', 'B-0007', 'LOT9/01', 'LOT9/02', 'LOT9/03']);
    const before = bench.snapshot();
    const again = importFiles(bench, files);
    expect(again.ok && again.value.files[0]).toMatchObject({ added: 0, unchanged: 8 });
    expect(bench.snapshot()).toEqual(before);

    const bad = importFiles(bench, { 'more.csv': csv([[...HEADERS.identifiers], ['CTN', 'B-0005..B-0009'], ['CTN', 'C-98 +5']]) });
    expect(!bad.ok && bad.error.issues.map((i) => `${i.where}: ${i.message}`)).toEqual([
      'more.csv line 2: The range "B-0005..B-0009" was refused: "B-0007" is already held by CTN.',
      'more.csv line 3: The range "C-98 +5" was refused: the range overflows its 2-digit number: 5 values from "C-98" would end at "C-102".',
    ]);
    expect(bench.snapshot()).toEqual(before);

    // A range that gives a single-use product more identifiers than units is refused at its own line.
    const ser = bench.product('SER', 'single_use', 5);
    const over = importFiles(bench, { 'ser.csv': csv([[...HEADERS.identifiers], ['CTN', 'D-1'], ['SER', 'R-0001..R-0010']]) });
    expect(!over.ok && over.error.issues.map((i) => `${i.where}: ${i.message}`)).toEqual([
      'ser.csv line 3: SKU SER is single use with 5 in stock; this makes 10 identifiers (one per unit allowed).',
    ]);
    expect(bench.count('SELECT count(*) FROM identifiers WHERE product_id = ?', ser)).toBe(0);
  });

  it('a single-use product given more identifiers than units says both counts with the thousands separated', () => {
    const bench = openTestBench();
    const ser = bench.product('SER', 'single_use', 1200);
    const bad = importFiles(bench, { 'ser.csv': csv([[...HEADERS.identifiers], ['SER', 'R-0001..R-1234']]) });
    expect(!bad.ok && bad.error.issues.map((i) => `${i.where}: ${i.message}`)).toEqual([
      'ser.csv line 2: SKU SER is single use with 1,200 in stock; this makes 1,234 identifiers (one per unit allowed).',
    ]);
    expect(bench.count('SELECT count(*) FROM identifiers WHERE product_id = ?', ser)).toBe(0);
  });

  it('a single-use product with no stock given one identifier says "1 identifier"', () => {
    const bench = openTestBench();
    const ser = bench.product('SER', 'single_use', 0);
    const bad = importFiles(bench, { 'ser.csv': csv([[...HEADERS.identifiers], ['SER', 'R-0001']]) });
    expect(!bad.ok && bad.error.issues.map((i) => `${i.where}: ${i.message}`)).toEqual([
      'ser.csv line 2: SKU SER is single use with 0 in stock; this makes 1 identifier (one per unit allowed).',
    ]);
    expect(bench.count('SELECT count(*) FROM identifiers WHERE product_id = ?', ser)).toBe(0);
  });

  it('adds the new values of a file that also holds values the product has, in file order, and dates a held lot; the held ones count as unchanged', () => {
    const bench = openTestBench();
    const flour = bench.product('FLOUR', 'multiple_use', 0);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('importCsv', { files: [{ name: 'first.csv', content: csv([['sku', 'identifier', 'use_by'], ['FLOUR', 'L-2', ''], ['FLOUR', 'L-4', '2027-01-01']]) }] });
    const opsBefore = bench.outboxOps().length;
    // New and held values interleaved (one insert statement's worth), a held lot given a new date.
    const rows = [['sku', 'identifier', 'use_by'], ['FLOUR', 'L-1', ''], ['FLOUR', 'L-2', ''], ['FLOUR', 'L-3', ''], ['FLOUR', 'L-4', '2027-02-01'], ['FLOUR', 'L-5', '']];
    const result = bench.ok('importCsv', { files: [{ name: 'second.csv', content: csv(rows) }] });
    expect(result.files[0]).toMatchObject({ rows: 5, added: 3, unchanged: 1 });
    expect(bench.outboxOps().slice(opsBefore).map((op) => syncOpSchema.parse(op))).toEqual([
      { type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-4', useBy: '2027-02-01' }] },
      { type: 'identifier.add', sku: 'FLOUR', values: ['L-1', 'L-3', 'L-5'] },
    ]);
    const values = bench.ok('searchCandidates', { productId: flour, query: '', limit: 50 }).items.map((c) => c.value);
    expect(values.sort()).toEqual(['L-1', 'L-2', 'L-3', 'L-4', 'L-5']);
    // A value the file lists twice among new ones is refused naming both lines; nothing is imported.
    const before = bench.snapshot();
    const twice = bench.call('importCsv', { files: [{ name: 'third.csv', content: csv([[...HEADERS.identifiers], ['FLOUR', 'L-6'], ['FLOUR', 'L-2'], ['FLOUR', 'L-7'], ['FLOUR', 'L-6']]) }] });
    expect(!twice.ok && twice.error.issues.map((i) => `${i.where}: ${i.message}`)).toEqual(['third.csv line 5: "L-6" for FLOUR is listed twice (also line 2).']);
    expect(bench.snapshot()).toEqual(before);
  });

  it('stores values holding quotes, backslashes, commas and non-ASCII characters exactly as the file writes them', () => {
    const bench = openTestBench();
    const box = bench.product('BOX', 'multiple_use', 0);
    const written = ['A"1', 'B\\2', 'C,3', 'é€𝄞-4', '\\u0041-5', '[6]'];
    const rows = [[...HEADERS.identifiers], ...written.map((v) => ['BOX', v])];
    expect(bench.ok('importCsv', { files: [{ name: 'odd.csv', content: csv(rows) }] }).files[0]).toMatchObject({ added: 6, unchanged: 0 });
    const values = bench.ok('searchCandidates', { productId: box, query: '', limit: 50 }).items.map((c) => c.value);
    expect(values.sort()).toEqual([...written].sort());
    expect(bench.outboxOps().flatMap((op) => (op.type === 'identifier.add' ? op.values : []))).toEqual(written);
    // The same file again: every value is held already, told apart from the file's own lines.
    expect(bench.ok('importCsv', { files: [{ name: 'odd.csv', content: csv(rows) }] }).files[0]).toMatchObject({ added: 0, unchanged: 6 });
  });

  it('sends the identifiers a file adds as ops of at most MAX_VALUES_PER_OP values, in file order, with lot dates after their values', () => {
    const bench = openTestBench();
    bench.product('MANY', 'multiple_use', 0);
    const flour = bench.product('FLOUR', 'multiple_use', 0);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    const many = Array.from({ length: MAX_VALUES_PER_OP * 2 + 5 }, (_, i) => `V-${(MAX_VALUES_PER_OP * 3 - i).toString().padStart(6, '0')}`);
    const rows = [['sku', 'identifier', 'use_by'], ['FLOUR', 'L-1', '2027-03-01'], ...many.map((v) => ['MANY', v, '']), ['FLOUR', 'L-2', ''], ['FLOUR', 'L-3', '2027-04-15']];
    bench.ok('importCsv', { files: [{ name: 'identifiers.csv', content: csv(rows) }] });
    const ops = bench.outboxOps().filter((op) => op.type.startsWith('identifier.')).map((op) => syncOpSchema.parse(op));
    const valuesOf = (sku: string) => ops.flatMap((op) => (op.type === 'identifier.add' && op.sku === sku ? op.values : []));
    expect(valuesOf('MANY')).toEqual(many);
    expect(valuesOf('FLOUR')).toEqual(['L-1', 'L-2', 'L-3']);
    expect(ops.every((op) => op.type !== 'identifier.add' || op.values.length <= MAX_VALUES_PER_OP)).toBe(true);
    // Per 20,000 new identifiers (by id): one op per product and MAX_VALUES_PER_OP values, in the order of their first value.
    const shape = ops.map((op) =>
      op.type === 'identifier.add' ? `${op.type} ${op.sku} ${op.values.length}` : op.type === 'identifier.use_by' ? `${op.type} ${op.sku} ${op.dates.length}` : op.type,
    );
    expect(shape).toEqual([
      'identifier.add FLOUR 1', `identifier.add MANY ${MAX_VALUES_PER_OP}`, `identifier.add MANY ${20_000 - 1 - MAX_VALUES_PER_OP}`, 'identifier.use_by FLOUR 1',
      `identifier.add MANY ${many.length - 19_999}`, 'identifier.add FLOUR 2', 'identifier.use_by FLOUR 1',
    ]);
    const dates = ops.findIndex((op) => op.type === 'identifier.use_by');
    expect(ops[dates]).toEqual({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-1', useBy: '2027-03-01' }] });
    expect(ops.findIndex((op) => op.type === 'identifier.add' && op.sku === 'FLOUR')).toBeLessThan(dates);
    expect(ops.at(-1)).toEqual({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-3', useBy: '2027-04-15' }] });
    // Their history: one row for the import, read as an 'added' event of each value (history-migration.ts).
    expect(bench.count(`SELECT sum(last_identifier_id - first_identifier_id + 1) FROM identifier_import_events`)).toBe(many.length + 3);
    expect(bench.count(`SELECT count(*) FROM identifier_events`)).toBe(0);
    expect(bench.ok('getIdentifierHistory', { value: many[0]! }).events.map((e) => [e.kind, e.sku])).toEqual([['added', 'MANY']]);
  });

  it('refuses an existing order with different lines', () => {
    const bench = openTestBench();
    importFiles(bench, goodFiles());
    const before = bench.snapshot();
    const result = importFiles(bench, { 'orders.csv': csv([[...HEADERS.orders], ['SO-2', 'Grace', 'YOG', 4]]) });
    expect(!result.ok && result.error.issues).toEqual([expect.objectContaining({ where: 'orders.csv line 2', message: 'Order SO-2 already exists with different lines or customer.' })]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('reads RFC 4180 quoting (commas, doubled quotes, line breaks), a BOM and CRLF line ends', () => {
    const bench = openTestBench();
    // A quoted line break is read, but a title is one line (the shared bounds refuse control characters).
    const broken = importFiles(bench, { 'p.csv': 'sku,title,barcode,identifier_mode,stock_level\n"Q-1","Widget\nsecond line",,none,1\n' });
    expect(!broken.ok && broken.error.issues).toEqual([{ where: 'p.csv line 2', message: 'title contains a line break (it must be one line).' }]);
    const content =
      '\uFEFFsku,title,barcode,identifier_mode,stock_level\r\n' +
      '"Q-1","Widget, large ""XL""\tsecond part",,none,1\r\n' +
      'Q-2,"plain",123,multiple_use,"2"\r\n';
    const result = importFiles(bench, { 'p.csv': content });
    expect(result.ok).toBe(true);
    expect(bench.ok('findProducts', { query: 'Q-1' }).items[0]!.title).toBe('Widget, large "XL"\tsecond part');
    expect(bench.ok('findProducts', { query: 'Q-2' }).items[0]).toMatchObject({ barcode: '123', stockLevel: 2 });
    const ids = importFiles(bench, { 'i.csv': '\uFEFFsku,identifier\nQ-2,"LOT ""7"", A"\n' });
    expect(ids.ok).toBe(true);
    expect(bench.ok('lookupIdentifier', { value: 'LOT "7", A' }).matches).toHaveLength(1);
  });

  it('counts lines after a quoted field spanning lines', () => {
    const bench = openTestBench();
    const content =
      'sku,title,barcode,identifier_mode,stock_level\n' +
      'A,"two\nlines",,none,1\n' +
      '\n' +
      'B,"three\nlines\nhere",,none,1\n' +
      'C,bad,,none,x\n';
    const result = importFiles(bench, { 'p.csv': content });
    expect(!result.ok && result.error.issues).toEqual([
      { where: 'p.csv line 2', message: 'title contains a line break (it must be one line).' },
      { where: 'p.csv line 5', message: 'title contains a line break (it must be one line).' },
      expect.objectContaining({ where: 'p.csv line 8' }),
    ]);
  });

  it("counts lines after a quoted field spanning lines in a file whose lines end in CR alone (Excel for Mac) or CRLF, as the UTF-8 check counts them", () => {
    const bench = openTestBench();
    // The same rows as above, lines (and the breaks inside the quoted titles) ending in CR, then in CRLF.
    for (const [name, eol] of [['mac.csv', '\r'], ['dos.csv', '\r\n']] as const) {
      const content = ['sku,title,barcode,identifier_mode,stock_level', `A,"two${eol}lines",,none,1`, '', `B,"three${eol}lines${eol}here",,none,1`, 'C,bad,,none,x', ''].join(eol);
      const result = importFiles(bench, { [name]: content });
      expect(!result.ok && result.error.issues, name).toEqual([
        { where: `${name} line 2`, message: 'title contains a line break (it must be one line).' },
        { where: `${name} line 5`, message: 'title contains a line break (it must be one line).' },
        expect.objectContaining({ where: `${name} line 8` }),
      ]);
    }
  });

  it('names the file and line of malformed CSV and of an unknown header', () => {
    const bench = openTestBench();
    const ragged = importFiles(bench, { 'p.csv': 'sku,title,barcode,identifier_mode,stock_level\nA,t,,none,1\nB,t,none,1\n' });
    expect(!ragged.ok && ragged.error.issues).toEqual([expect.objectContaining({ where: 'p.csv line 3' })]);
    const quote = importFiles(bench, { 'p.csv': 'sku,title,barcode,identifier_mode,stock_level\nA,t,,none,1\nB,"t,,none,1\n' });
    expect(!quote.ok && quote.error.issues[0]!.where).toMatch(/^p\.csv/);
    const header = importFiles(bench, { 'x.csv': 'sku,name\nA,B\n' });
    expect(!header.ok && header.error.issues).toEqual([expect.objectContaining({ where: 'x.csv line 1' })]);
    const empty = importFiles(bench, { 'e.csv': '' });
    expect(!empty.ok && empty.error.issues).toEqual([expect.objectContaining({ where: 'e.csv' })]);
    expect(bench.count('SELECT count(*) FROM products')).toBe(0);
  });

  it('accepts header columns in any order and case', () => {
    const bench = openTestBench();
    const result = importFiles(bench, { 'p.csv': 'Stock_Level,SKU,Title,Identifier_Mode,Barcode\n5,Z-1,Zed,none,\n' });
    expect(result.ok).toBe(true);
    expect(bench.ok('findProducts', { query: 'Z-1' }).items[0]).toMatchObject({ title: 'Zed', stockLevel: 5 });
  });
});

describe('loadDemoData', () => {
  it('loads a first-run data set through the import path; loading it twice changes nothing', () => {
    const bench = openTestBench();
    const first = bench.ok('loadDemoData', {});
    expect(first.files.map((f) => f.kind)).toEqual(['products', 'identifiers', 'orders']);
    const info = bench.ok('getBenchInfo', {});
    expect(info.productCount).toBeGreaterThan(0);
    expect(info.awaitingOrderCount).toBeGreaterThan(0);
    // demo single-use products have one identifier per unit, and case-distinct values exist
    for (const p of bench.ok('findProducts', {}).items.filter((p) => p.identifierMode === 'single_use')) {
      expect(p.identifierCounts.available).toBe(p.stockLevel);
    }
    expect(bench.ok('lookupIdentifier', { value: 'lot-a1' }).matches).toHaveLength(1);
    const before = bench.snapshot();
    bench.ok('loadDemoData', {});
    expect(bench.snapshot()).toEqual(before);
  });

  it("dates the demo yoghurt's use-by values from today (one, two and three weeks on), so a first run never shows them past", () => {
    const bench = openTestBench();
    bench.ok('loadDemoData', {});
    const today = localToday();
    const yoghurt = bench.ok('findProducts', { query: 'YOG-500' }).items[0]!;
    const values = bench.ok('getSerialGrid', { productId: yoghurt.id, offset: 0, limit: 100 }).boxes.map((b) => b.value).filter(Boolean);
    expect(values).toEqual([7, 14, 21].map((days) => `USE BY ${addDays(today, days)}`));
  });

  it("dates the demo yoghurt from the bench's own clock, as every other use-by check reads today", () => {
    const now = '2031-05-01T12:00:00.000Z';
    const bench = openTestBench({ now: () => now });
    bench.ok('loadDemoData', {});
    const today = localToday(new Date(now));
    const yoghurt = bench.ok('findProducts', { query: 'YOG-500' }).items[0]!;
    const values = bench.ok('getSerialGrid', { productId: yoghurt.id, offset: 0, limit: 100 }).boxes.map((b) => b.value).filter(Boolean);
    expect(values).toEqual([7, 14, 21].map((days) => `USE BY ${addDays(today, days)}`));
  });

  it('gives every demo product a barcode a scanner reads: an EAN-13 with its right check digit', () => {
    // A GS1 scan (AI 01) is matched to a product through its barcode as a GTIN; a wrong check digit
    // makes the barcode no GTIN at all, so the demo could not show a GS1 scan finding its product.
    const bench = openTestBench();
    bench.ok('loadDemoData', {});
    const products = bench.ok('findProducts', {}).items;
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) expect({ sku: p.sku, gtin: barcodeAsGtin14(p.barcode) }).toEqual({ sku: p.sku, gtin: `0${p.barcode}` });
  });
});

describe('lookupIdentifier', () => {
  it('shows the product, the status and the orders an identifier went to', () => {
    const bench = openTestBench();
    importFiles(bench, goodFiles());
    const so1 = bench.ok('findOrderByNumber', { orderNumber: 'SO-1' }).order!;
    const line = bench.ok('getOrder', { orderId: so1.id }).lines[0]!;
    expect(bench.ok('lookupIdentifier', { value: 'IMEI-1' }).matches).toEqual([
      expect.objectContaining({ sku: 'PHN', title: 'Phone', status: 'available', identifierMode: 'single_use', orders: [] }),
    ]);
    bench.ok('saveAllocations', { allocations: [{ lineId: line.lineId, unit: 1, value: 'IMEI-1' }] });
    let match = bench.ok('lookupIdentifier', { value: ' IMEI-1\t' }).matches[0]!;
    expect(match.status).toBe('allocated');
    expect(match.orders).toEqual([{ orderId: so1.id, orderNumber: 'SO-1', customer: 'Ada', lineNo: 1, unit: 1, dispatched: false, at: expect.any(String), dispatchedBy: null }]);
    bench.ok('completeOrder', { orderId: so1.id, lines: [{ lineId: line.lineId, quantity: 1 }] });
    match = bench.ok('lookupIdentifier', { value: 'IMEI-1' }).matches[0]!;
    expect(match.status).toBe('consumed');
    expect(match.orders[0]!.dispatched).toBe(true);
    // case sensitive, and the same value on two products gives two matches
    expect(bench.ok('lookupIdentifier', { value: 'imei-1' }).matches[0]!.status).toBe('available');
    expect(bench.ok('lookupIdentifier', { value: 'IMEI-2' }).matches).toEqual([]);
    importFiles(bench, { 'i.csv': csv([[...HEADERS.identifiers], ['YOG', 'IMEI-1']]) });
    expect(bench.ok('lookupIdentifier', { value: 'IMEI-1' }).matches.map((m) => m.sku)).toEqual(['PHN', 'YOG']);
  });
});
