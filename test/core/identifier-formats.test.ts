/**
 * Issue 12 at the bench, on a real SQLite file: a product's identifier kind, format and minimum shelf
 * life; checks on entry (grid, stock change), CSV import and allocation, each naming the rule; a format
 * change lists the identifiers that no longer fit and keeps them; the product.upsert op carries it all.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_PRESETS } from '../../shared/identifiers/kinds.js';
import { csv, HEADERS, newBoxes, openTestBench } from './helpers.js';

const IMEI = FORMAT_PRESETS[0]!.format;
// The bench's clock: 2026-12-02 at noon UTC (local today is 2026-12-02 in any zone within ±11 h).
const now = () => '2026-12-02T12:00:00.000Z';

describe('kind and format on the product', () => {
  it('saving a format lists the identifiers that no longer fit, keeps them, and syncs the spec', () => {
    const bench = openTestBench({ now });
    const id = bench.product('PHONE', 'single_use', 3, ['490154203237518', '490154203237519', 'OLD-1']);
    const saved = bench.ok('setIdentifierSpec', { productId: id, identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null });
    expect(saved.product).toMatchObject({ identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null });
    expect(saved.unfit.total).toBe(2);
    expect(saved.unfit.items.map((u) => [u.value, u.reason])).toEqual([
      ['490154203237519', 'does not fit "IMEI: 15 digits": check digit wrong (Luhn)'],
      ['OLD-1', 'does not fit "IMEI: 15 digits": 5 characters, needs 15'],
    ]);
    expect(bench.count('SELECT count(*) FROM identifiers WHERE product_id = ?', id)).toBe(3);
    expect(bench.ok('getUnfitIdentifiers', { productId: id }).total).toBe(2);
    expect(bench.outboxOps().at(-1)).toEqual({
      type: 'product.upsert',
      sku: 'PHONE',
      title: 'Title of PHONE',
      barcode: null,
      identifierMode: 'single_use',
      identifierKind: 'serial',
      identifierFormat: IMEI,
      minShelfLifeDays: null,
    });
    bench.reopen();
    expect(bench.ok('getProduct', { productId: id }).identifierFormat).toEqual(IMEI);
  });

  it('refuses a broken pattern, a format on use-by dates and a shelf life on serials, changing nothing', () => {
    const bench = openTestBench({ now });
    const id = bench.product('P', 'multiple_use', 0);
    const bad = bench.refused('setIdentifierSpec', {
      productId: id,
      identifierKind: 'serial',
      identifierFormat: { ...IMEI, pattern: '[0-9' },
      minShelfLifeDays: null,
    });
    expect(bad.message).toMatch(/pattern is not a valid regular expression/);
    expect(bench.refused('setIdentifierSpec', { productId: id, identifierKind: 'use_by', identifierFormat: IMEI, minShelfLifeDays: null }).message).toMatch(
      /use-by date product has no format/,
    );
    expect(bench.refused('setIdentifierSpec', { productId: id, identifierKind: 'serial', identifierFormat: null, minShelfLifeDays: 3 }).message).toMatch(
      /minimum shelf life applies to use-by dates and dated lots only/,
    );
  });

  it('refuses a check digit on values of at most one character (every value would be refused), changing nothing', () => {
    const bench = openTestBench({ now });
    const id = bench.product('TAG', 'multiple_use', 0);
    const oneDigit = { pattern: null, description: 'Tag: 1 digit', minLength: null, maxLength: 1, checkDigit: 'gs1_mod10' as const };
    const refused = bench.refused('setIdentifierSpec', { productId: id, identifierKind: 'serial', identifierFormat: oneDigit, minShelfLifeDays: null });
    expect(refused.message).toMatch(/maximum length 1 leaves no room for a GS1 mod-10 check digit/);
    expect(bench.ok('getProduct', { productId: id })).toMatchObject({ identifierKind: 'other', identifierFormat: null });
    // Two characters is the shortest value a check digit can follow: taken, and a right value fits.
    bench.ok('setIdentifierSpec', { productId: id, identifierKind: 'serial', identifierFormat: { ...oneDigit, maxLength: 2 }, minShelfLifeDays: null });
    bench.ok('changeStockLevel', { productId: id, newStockLevel: 1, newIdentifiers: ['17'] });
  });
});

describe('checked on entry and import', () => {
  it('the grid and a stock increase refuse a wrong check digit, naming the rule and the box', () => {
    const bench = openTestBench({ now });
    const id = bench.product('PHONE', 'single_use', 0);
    bench.ok('setIdentifierSpec', { productId: id, identifierKind: 'serial', identifierFormat: IMEI, minShelfLifeDays: null });
    const stock = bench.refused('changeStockLevel', { productId: id, newStockLevel: 2, newIdentifiers: ['490154203237518', '490154203237517'] });
    expect(stock.issues).toEqual([{ where: 'new unit 2', message: '"490154203237517" does not fit "IMEI: 15 digits": check digit wrong (Luhn).' }]);
    bench.ok('changeStockLevel', { productId: id, newStockLevel: 2, newIdentifiers: ['490154203237518', ' 356938035643809\n'] });
    const grid = bench.ok('getSerialGrid', { productId: id });
    expect(grid.boxes.map((b) => b.value)).toEqual(['490154203237518', '356938035643809']);
  });

  it('a use-by product stores dates as YYYY-MM-DD from GS1 and ISO entry; text is refused', () => {
    const bench = openTestBench({ now });
    const id = bench.product('MILK', 'multiple_use', 3);
    bench.ok('setIdentifierSpec', { productId: id, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 2 });
    const refused = bench.refused('saveSerialGrid', { productId: id, edits: newBoxes(['270331', 'soon']) });
    expect(refused.issues).toEqual([{ where: 'box 2', box: 1, message: expect.stringMatching(/^"soon" is not a date/) }]);
    bench.ok('saveSerialGrid', { productId: id, edits: newBoxes(['270331', '2026-12-20']) });
    expect(bench.ok('getSerialGrid', { productId: id }).boxes.slice(0, 2).map((b) => b.value)).toEqual(['2027-03-31', '2026-12-20']);
  });

  it('CSV: products take kind, format and shelf life columns; identifiers are checked against them', () => {
    const bench = openTestBench({ now });
    const header = [...HEADERS.products, 'identifier_kind', 'format_description', 'format_pattern', 'format_min_length', 'format_max_length', 'format_check_digit', 'min_shelf_life_days'];
    const products = csv([header, ['PHONE', 'Phone', '', 'single_use', 2, 'serial', 'IMEI: 15 digits', '[0-9]{15}', 15, 15, 'luhn', ''], ['MILK', 'Milk', '', 'multiple_use', 0, 'use_by', '', '', '', '', '', 7]]);
    const identifiers = (values: string[][]) => csv([[...HEADERS.identifiers], ...values]);
    const refused = bench.refused('importCsv', {
      files: [
        { name: 'products.csv', content: products },
        { name: 'identifiers.csv', content: identifiers([['PHONE', '490154203237518'], ['PHONE', '490154203237510'], ['MILK', '2026-13-01']]) },
      ],
    });
    expect(refused.issues).toEqual([
      { where: 'identifiers.csv line 3', message: '"490154203237510" does not fit "IMEI: 15 digits": check digit wrong (Luhn).' },
      { where: 'identifiers.csv line 4', message: '"2026-13-01" is not a real date: month 13 does not exist.' },
    ]);
    const badKind = bench.refused('importCsv', { files: [{ name: 'products.csv', content: csv([header, ['X', 'X', '', 'none', 0, 'batch', '', '', '', '', '', '']]) }] });
    expect(badKind.issues?.[0]?.message).toBe('identifier_kind "batch" must be one of serial, lot, use_by, other.');
    // Refusals name the file's columns, never the schema's field names.
    const badCheckDigit = bench.refused('importCsv', { files: [{ name: 'products.csv', content: csv([header, ['X', 'X', '', 'none', 0, 'serial', 'd', '', '', '', 'crc', '']]) }] });
    expect(badCheckDigit.issues?.[0]?.message).toMatch(/^format_check_digit: /);
    const badPattern = bench.refused('importCsv', { files: [{ name: 'products.csv', content: csv([header, ['X', 'X', '', 'none', 0, 'serial', 'd', '(?<=a)b', '', '', '', '']]) }] });
    expect(badPattern.issues?.[0]?.message).toMatch(/^format_pattern: /);
    expect(JSON.stringify([badCheckDigit, badPattern])).not.toContain('identifierFormat');
    bench.ok('importCsv', {
      files: [
        { name: 'products.csv', content: products },
        { name: 'identifiers.csv', content: identifiers([['PHONE', '490154203237518'], ['PHONE', '356938035643809'], ['MILK', '2026-12-24']]) },
      ],
    });
    const milk = bench.ok('findProducts', { query: 'MILK' }).items[0]!;
    expect(milk).toMatchObject({ identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 7 });
    expect(bench.ok('findProducts', { query: 'PHONE' }).items[0]!.identifierFormat).toEqual(IMEI);
  });
});

describe('use-by dates at allocation', () => {
  it('refuses an expired value and one with too little shelf life left; takes one with enough', () => {
    const bench = openTestBench({ now });
    const id = bench.product('MILK', 'single_use', 3, ['2026-12-01', '2026-12-05', '2026-12-20']);
    bench.ok('setIdentifierSpec', { productId: id, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 7 });
    const order = bench.order('SO-1', [['MILK', 2]]);
    const lineId = order.lineIds[0]!;
    const sheet = bench.ok('getAllocationSheet', { orderIds: [order.id] });
    expect(sheet.orders[0]!.lines[0]).toMatchObject({ identifierKind: 'use_by', minShelfLifeDays: 7 });
    const refused = bench.refused('saveAllocations', {
      allocations: [
        { lineId, unit: 1, value: '2026-12-01' },
        { lineId, unit: 2, value: '2026-12-05' },
      ],
    });
    expect(refused.issues?.map((i) => i.message)).toEqual([
      'Use-by date 2026-12-01 has passed; expired MILK cannot go out.',
      'Use-by 2026-12-05 leaves 3 days; this product needs at least 7 days of shelf life.',
    ]);
    expect(bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: '2026-12-20' }] }).set).toBe(1);
    // The picker lists the dates that may go out first (earliest first), then the expired and too-close ones.
    expect(bench.ok('searchCandidates', { productId: id }).items.map((c) => c.value)).toEqual(['2026-12-20', '2026-12-01', '2026-12-05']);
  });
});

describe('recall by lot and by use-by date range (issue 13)', () => {
  it('finds exactly the orders that shipped a lot, or use-by dates in a range, and nothing of other kinds', () => {
    const bench = openTestBench({ now });
    const flour = bench.product('FLOUR', 'multiple_use', 10, ['L-100', 'L-200', '2027-01-31']);
    const milk = bench.product('MILK', 'multiple_use', 10, ['2026-12-20', '2027-01-31', '2027-03-01']);
    bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('setIdentifierSpec', { productId: milk, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
    const ship = (orderNumber: string, sku: string, values: string[], customer: string) => {
      const order = bench.order(orderNumber, [[sku, values.length]], customer);
      bench.ok('saveAllocations', { allocations: values.map((value, i) => ({ lineId: order.lineIds[0]!, unit: i + 1, value })) });
      expect(bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: values.length }] }).status).toBe('dispatched');
    };
    ship('SO-1', 'FLOUR', ['L-100', 'L-200'], 'Ada');
    ship('SO-2', 'FLOUR', ['L-100', '2027-01-31'], 'Grace');
    ship('SO-3', 'MILK', ['2026-12-20'], 'Alan');
    ship('SO-4', 'MILK', ['2027-01-31', '2027-03-01'], 'Ada');

    const lot = bench.ok('recallSearch', { query: { lot: 'L-100' } });
    expect(lot.rows.map((r) => [r.value, r.orderNumber, r.customer])).toEqual([['L-100', 'SO-1', 'Ada'], ['L-100', 'SO-2', 'Grace']]);
    expect(lot.counts).toMatchObject({ units: 2, orders: 2, customers: 2 });
    // FLOUR's "2027-01-31" is a lot that looks like a date: not a use-by date.
    const range = bench.ok('recallSearch', { query: { useByFrom: '2027-01-01', useByTo: '2027-03-01' } });
    expect(range.rows.map((r) => [r.value, r.sku, r.orderNumber])).toEqual([['2027-01-31', 'MILK', 'SO-4'], ['2027-03-01', 'MILK', 'SO-4']]);
    expect(bench.ok('recallSearch', { query: { useByTo: '2026-12-31' } }).rows.map((r) => r.orderNumber)).toEqual(['SO-3']);
    expect(bench.ok('recallSearch', { query: { lot: '2026-12-20' } }).rows).toEqual([]);
    expect(bench.fail('recallSearch', { query: { useByFrom: '2027-02-01', useByTo: '2027-01-01' } }).message).toMatch(/use-by date range ends before it starts/);
  });
});

describe('the schema as last line of defence (bench migration 6)', () => {
  it('refuses a kind, format or shelf life out of the shared bounds written past the use cases', () => {
    const bench = openTestBench({ now });
    const id = bench.product('P', 'multiple_use', 0);
    const update = (sql: string, ...params: unknown[]) => () => bench.writer.prepare(sql).run(...params, id);
    expect(update('UPDATE products SET identifier_kind = ? WHERE id = ?', 'batch')).toThrow(/CHECK constraint failed/);
    expect(update('UPDATE products SET min_shelf_life_days = ? WHERE id = ?', 3651)).toThrow(/CHECK constraint failed/);
    const format = (f: object) => update('UPDATE products SET identifier_format = ? WHERE id = ?', JSON.stringify(f));
    expect(format({ ...IMEI, description: 'x'.repeat(101) })).toThrow(/CHECK constraint failed/);
    expect(format({ ...IMEI, checkDigit: 'mod11' })).toThrow(/CHECK constraint failed/);
    expect(format({ ...IMEI, minLength: 0 })).toThrow(/CHECK constraint failed/);
    expect(format({ ...IMEI, maxLength: 1.5 })).toThrow(/CHECK constraint failed/);
    expect(format(IMEI)).not.toThrow();
  });
});

describe('packing slip', () => {
  it('marks use-by lines so the slip prints their dates in the bench locale', () => {
    const bench = openTestBench({ now });
    const milk = bench.product('MILK', 'multiple_use', 5, ['2026-12-20']);
    bench.ok('setIdentifierSpec', { productId: milk, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
    const order = bench.order('SO-9', [['MILK', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: '2026-12-20' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    expect(bench.ok('getPackingSlip', { orderId: order.id }).lines).toEqual([
      { lineNo: 1, sku: 'MILK', title: 'Title of MILK', quantity: 1, identifierKind: 'use_by', identifiers: ['2026-12-20'], useBy: [null], counts: [1] },
    ]);
  });
});
