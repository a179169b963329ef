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
    expect(bench.refused('setIdentifierSpec', { productId: id, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: 3 }).message).toMatch(
      /minimum shelf life applies to use-by dates only/,
    );
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
      '"2026-12-01" expired on 2026-12-01; expired MILK cannot go out.',
      '"2026-12-05": use-by 2026-12-05 leaves 3 days; this product needs at least 7 days of shelf life.',
    ]);
    expect(bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: '2026-12-20' }] }).set).toBe(1);
    // The picker lists dates earliest first (values are ISO dates, so value order is date order).
    expect(bench.ok('searchCandidates', { productId: id }).items.map((c) => c.value)).toEqual(['2026-12-01', '2026-12-05', '2026-12-20']);
  });
});
