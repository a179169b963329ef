/**
 * Lots with a use-by date (issue 12), against a real bench file: entered in the serial grid and by CSV
 * import (bad dates and dates on kinds that take none refused, changing nothing), synced as
 * identifier.use_by; first-expiring-first over every unit of a line (the core's picks, read a page at a
 * time, continue across pages and across lines of the same product); expired lots and too-short shelf
 * life refused at allocation; candidates carry the date; recall by use-by range finds dated lots.
 */
import { describe, expect, it } from 'vitest';
import { ALLOCATION_UNITS_PAGE, allocatedUnitSchema, allocationSheetSchema, getAllocationUnitsResult } from '../../shared/contract/schemas.js';
import { csv, HEADERS, openTestBench } from './helpers.js';

const now = () => '2026-12-02T12:00:00.000Z';
const LOT = { identifierKind: 'lot', identifierFormat: null } as const;

function lotBench(stock = 6, minShelfLifeDays: number | null = null) {
  const bench = openTestBench({ now });
  const flour = bench.product('FLOUR', 'single_use', stock);
  bench.ok('setIdentifierSpec', { productId: flour, ...LOT, minShelfLifeDays });
  return { bench, flour };
}

describe('entering lots with a use-by date', () => {
  it('grid: a date beside the lot (ISO, GS1 or locale form) is stored as YYYY-MM-DD and synced; bad input changes nothing', () => {
    const { bench, flour } = lotBench(3);
    const boxes = [
      { box: 0, identifierId: null, value: 'L-1', useBy: '2027-03-01' },
      { box: 1, identifierId: null, value: 'L-2', useBy: '270415' },
      { box: 2, identifierId: null, value: 'L-3', useBy: '' },
    ];
    bench.ok('saveSerialGrid', { productId: flour, edits: boxes });
    const grid = bench.ok('getSerialGrid', { productId: flour });
    expect(grid.boxes.map((b) => [b.value, b.useBy])).toEqual([['L-1', '2027-03-01'], ['L-2', '2027-04-15'], ['L-3', null]]);
    expect(bench.outboxOps().filter((op) => op.type === 'identifier.use_by')).toEqual([
      { type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-1', useBy: '2027-03-01' }, { value: 'L-2', useBy: '2027-04-15' }] },
    ]);

    // A date that is not a date, and a date with no lot, are refused naming the box and the date.
    const id = (box: number) => grid.boxes[box]!.identifierId;
    const bad = bench.refused('saveSerialGrid', {
      productId: flour,
      edits: [
        { box: 0, identifierId: id(0), value: 'L-1', useBy: '2027-02-30' },
        { box: 1, identifierId: id(1), value: 'L-2', useBy: 'soon' },
      ],
    });
    expect(bad.issues?.map((i) => [i.where, i.message])).toEqual([
      ['box 1', '"L-1" has a use-by date "2027-02-30" that is not a real date: day 30 does not exist in 2027-02.'],
      ['box 2', expect.stringMatching(/^"L-2" has a use-by date "soon" that is not a date \(use-by dates are written 2027-03-31/)],
    ]);

    // Changing or clearing a kept lot's date is one op; the value stays.
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: id(0), value: 'L-1', useBy: '' }, { box: 2, identifierId: id(2), value: 'L-3', useBy: '2027-01-10' }] });
    expect(bench.ok('getSerialGrid', { productId: flour }).boxes.map((b) => b.useBy)).toEqual([null, '2027-04-15', '2027-01-10']);
    expect(bench.outboxOps().at(-1)).toEqual({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-1', useBy: null }, { value: 'L-3', useBy: '2027-01-10' }] });

    // Products whose kind takes no date refuse one.
    const phone = bench.product('PHONE', 'single_use', 1);
    bench.ok('setIdentifierSpec', { productId: phone, identifierKind: 'serial', identifierFormat: null, minShelfLifeDays: null });
    const serial = bench.refused('saveSerialGrid', { productId: phone, edits: [{ box: 0, identifierId: null, value: 'S-1', useBy: '2027-01-01' }] });
    expect(serial.issues?.[0]?.message).toBe('"S-1" takes no use-by date beside it: only lot products carry one (this product\'s identifiers are serial numbers).');
    // The schema is the last line of defence.
    expect(() => bench.writer.prepare("UPDATE identifiers SET use_by = '2027-02-30' WHERE value = 'L-1'").run()).toThrow(/CHECK constraint failed/);
    const insert = bench.writer.prepare("INSERT INTO identifiers (product_id, value, status, created_at, use_by) VALUES (?, 'S-9', 'available', 'now', '2027-01-01')");
    expect(() => insert.run(phone)).toThrow(/only lot products take a use-by date/);
  });

  it('CSV import: an optional use_by column; a bad date is refused naming file and line, and nothing is imported', () => {
    const { bench, flour } = lotBench(3);
    const header = [...HEADERS.identifiers, 'use_by'];
    const refused = bench.fail('importCsv', {
      files: [{ name: 'identifiers.csv', content: csv([header, ['FLOUR', 'L-1', '2027-03-01'], ['FLOUR', 'L-2', '2027-02-31']]) }],
    });
    expect(refused.issues?.[0]).toMatchObject({ where: expect.stringMatching(/identifiers\.csv.*3/), message: 'use_by: "L-2" of FLOUR has a use-by date "2027-02-31" that is not a real date: day 31 does not exist in 2027-02.' });
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(0);
    bench.ok('importCsv', { files: [{ name: 'identifiers.csv', content: csv([header, ['FLOUR', 'L-1', '2027-03-01'], ['FLOUR', 'L-2', '']]) }] });
    expect(bench.ok('getSerialGrid', { productId: flour }).boxes.slice(0, 2).map((b) => [b.value, b.useBy])).toEqual([['L-1', '2027-03-01'], ['L-2', null]]);
    const ops = bench.outboxOps().filter((op) => op.type.startsWith('identifier.'));
    expect(ops.map((op) => op.type)).toEqual(['identifier.add', 'identifier.use_by']);
  });
});

describe('lots entering with stock', () => {
  it('a stock increase takes each new lot with its use-by date; a bad date, a date without a lot or on another kind changes nothing', () => {
    const { bench, flour } = lotBench(0);
    const before = bench.snapshot();
    const bad = bench.refused('changeStockLevel', { productId: flour, newStockLevel: 2, newIdentifiers: ['L-1', 'L-2'], newIdentifierDates: ['2027-02-30', ''] });
    expect(bad.issues).toEqual([{ where: 'new unit 1', message: '"L-1" has a use-by date "2027-02-30" that is not a real date: day 30 does not exist in 2027-02.' }]);
    expect(bench.snapshot()).toEqual(before);
    bench.ok('changeStockLevel', { productId: flour, newStockLevel: 3, newIdentifiers: ['L-1', 'L-2', 'L-3'], newIdentifierDates: ['270301', '', '2027-04-01'] });
    expect(bench.ok('getSerialGrid', { productId: flour }).boxes.map((b) => [b.value, b.useBy])).toEqual([['L-1', '2027-03-01'], ['L-2', null], ['L-3', '2027-04-01']]);
    const ops = bench.outboxOps().filter((op) => op.type.startsWith('identifier.'));
    expect(ops.at(-1)).toEqual({ type: 'identifier.use_by', sku: 'FLOUR', dates: [{ value: 'L-1', useBy: '2027-03-01' }, { value: 'L-3', useBy: '2027-04-01' }] });
    expect(ops.at(-2)).toMatchObject({ type: 'identifier.add', values: ['L-1', 'L-2', 'L-3'] });
    // Multiple use: blank boxes are not sent, a date beside a blank box is refused.
    const eggs = bench.product('EGGS', 'multiple_use', 0);
    bench.ok('setIdentifierSpec', { productId: eggs, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    const orphan = bench.refused('changeStockLevel', { productId: eggs, newStockLevel: 2, newIdentifiers: ['E-1', ''], newIdentifierDates: ['', '2027-01-01'] });
    expect(orphan.issues?.[0]).toEqual({ where: 'new unit 2', message: 'The use-by date 2027-01-01 has no lot beside it; enter the lot or clear the date.' });
    // A kind that takes no date refuses one.
    const phone = bench.product('PHONE', 'single_use', 0);
    bench.ok('setIdentifierSpec', { productId: phone, identifierKind: 'serial', identifierFormat: null, minShelfLifeDays: null });
    const serial = bench.refused('changeStockLevel', { productId: phone, newStockLevel: 1, newIdentifiers: ['S-1'], newIdentifierDates: ['2027-01-01'] });
    expect(serial.issues?.[0]?.message).toMatch(/^"S-1" takes no use-by date beside it/);
  });
});

describe('first-expiring-first over dated lots', () => {
  it('picks every unit of a line in date order across pages and lines; expired and too-short lots are neither picked nor taken', () => {
    // 250 dated lots: L-000 expired, L-001 leaves 2 days (min shelf life 3), the rest from 2027-01-01 on, entered newest first.
    const total = 250;
    const { bench, flour } = lotBench(total, 3);
    const dateOf = (i: number) => (i === 0 ? '2026-12-01' : i === 1 ? '2026-12-04' : new Date(Date.UTC(2027, 0, i - 1)).toISOString().slice(0, 10));
    const lots = Array.from({ length: total }, (_, i) => total - 1 - i).map((i) => ({ value: `L-${String(i).padStart(3, '0')}`, useBy: dateOf(i) }));
    bench.ok('saveSerialGrid', { productId: flour, edits: lots.map((l, box) => ({ box, identifierId: null, value: l.value, useBy: l.useBy })) });
    const first = bench.order('SO-1', [['FLOUR', 150]]);
    const second = bench.order('SO-2', [['FLOUR', 10]]);
    const sheet = bench.ok('getAllocationSheet', { orderIds: [first.id, second.id] });
    const [line1, line2] = [sheet.orders[0]!.lines[0]!, sheet.orders[1]!.lines[0]!];
    expect(line1.fefoOffset).toBe(0);
    expect(line2.fefoOffset).toBe(150);
    expect(line1.fefo!.slice(0, 3)).toEqual([
      expect.objectContaining({ unit: 1, value: 'L-002', useBy: '2027-01-01' }),
      expect.objectContaining({ unit: 2, value: 'L-003', useBy: '2027-01-02' }),
      expect.objectContaining({ unit: 3, value: 'L-004', useBy: '2027-01-03' }),
    ]);
    expect(line1.fefo).toHaveLength(100);
    // The next page of the line continues where the first left off (unit 101 gets the 101st usable lot).
    const page2 = bench.ok('getAllocationUnits', { lineId: line1.lineId, fromUnit: 101, limit: 100, fefoOffset: line1.fefoOffset! });
    expect(page2.fefo![0]).toMatchObject({ unit: 101, value: 'L-102' });
    expect(page2.fefo).toHaveLength(50);
    // The second order's line takes the lots after the first line's 150.
    expect(line2.fefo!.map((p) => p.value).slice(0, 2)).toEqual(['L-152', 'L-153']);

    // Saving some units moves the sequence on; the page read afterwards still fills its empty units in order.
    bench.ok('saveAllocations', { allocations: line1.fefo!.slice(0, 100).map((p) => ({ lineId: line1.lineId, unit: p.unit, value: p.value })) });
    const again = bench.ok('getAllocationUnits', { lineId: line1.lineId, fromUnit: 101, limit: 100, fefoOffset: 0 });
    expect(again.fefo![0]).toMatchObject({ unit: 101, value: 'L-102' });

    // An expired lot, or one too close to expiry, is refused with the date named; the candidate shows its date.
    const refused = bench.refused('saveAllocations', {
      allocations: [
        { lineId: line2.lineId, unit: 1, value: 'L-000' },
        { lineId: line2.lineId, unit: 2, value: 'L-001' },
      ],
    });
    expect(refused.issues?.map((i) => i.message)).toEqual([
      'Lot "L-000" expired on 2026-12-01; expired FLOUR cannot go out.',
      'Lot "L-001": use-by 2026-12-04 leaves 2 days; this product needs at least 3 days of shelf life.',
    ]);
    expect(bench.ok('searchCandidates', { productId: flour, query: 'L-000' }).items[0]).toMatchObject({ value: 'L-000', useBy: '2026-12-01' });
  });

  it('"Complete Order" refuses a lot that has expired since it was allocated, naming the unit, the lot and its date', () => {
    // Allocated on Wednesday with a day to spare; the order is completed on Friday, after the use-by date.
    let clock = '2026-12-02T12:00:00.000Z';
    const bench = openTestBench({ now: () => clock });
    const yoghurt = bench.product('YOG', 'single_use', 2);
    bench.ok('setIdentifierSpec', { productId: yoghurt, ...LOT, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', {
      productId: yoghurt,
      edits: [
        { box: 0, identifierId: null, value: 'L-SOON', useBy: '2026-12-03' },
        { box: 1, identifierId: null, value: 'L-LATE', useBy: '2027-02-01' },
      ],
    });
    const order = bench.order('SO-Y', [['YOG', 2]]);
    const lineId = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: 'L-SOON' }, { lineId, unit: 2, value: 'L-LATE' }] });

    clock = '2026-12-05T12:00:00.000Z';
    const refused = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 2 }] });
    expect(refused.issues?.map((i) => [i.where, i.message])).toEqual([
      ['YOG (line 1) unit 1', 'Lot "L-SOON" expired on 2026-12-03; expired YOG cannot go out. Choose another for this unit.'],
    ]);
    // Nothing went out: the lot is still allocated, not dispatched.
    expect(bench.count('SELECT count(*) FROM dispatches')).toBe(0);
  });

  it('a large line of an expired lot names the first units that cannot go out and counts them all', () => {
    let clock = '2026-12-02T12:00:00.000Z';
    const bench = openTestBench({ now: () => clock });
    const flour = bench.product('FLR', 'multiple_use', 150);
    bench.ok('setIdentifierSpec', { productId: flour, ...LOT, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: null, value: 'L-OLD', useBy: '2026-12-03' }] });
    const order = bench.order('SO-F', [['FLR', 150]]);
    const lineId = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: Array.from({ length: 150 }, (_, i) => ({ lineId, unit: i + 1, value: 'L-OLD' })) });

    clock = '2026-12-05T12:00:00.000Z';
    const refused = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 150 }] });
    expect(refused.message).toBe('Order SO-F cannot be completed as entered. 150 units cannot go out; the first 100 are listed.');
    expect(refused.issues).toHaveLength(100);
    expect(refused.issues?.[99]).toMatchObject({ where: 'FLR (line 1) unit 100', unit: 100 });
  });

  it('saved lots come back with their use-by dates, on the sheet and on later pages, through the contract schema', () => {
    const bench = openTestBench({ now });
    const flour = bench.product('FLR', 'multiple_use', ALLOCATION_UNITS_PAGE + 1);
    bench.ok('setIdentifierSpec', { productId: flour, ...LOT, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', { productId: flour, edits: [{ box: 0, identifierId: null, value: 'L-DATED', useBy: '2027-03-01' }, { box: 1, identifierId: null, value: 'L-UNDATED', useBy: '' }] });
    const units = ALLOCATION_UNITS_PAGE + 1;
    const order = bench.order('SO-L', [['FLR', units]]);
    const lineId = order.lineIds[0]!;
    // Every unit the dated lot but the last, which is past the sheet's first page and takes the undated one.
    bench.ok('saveAllocations', { allocations: Array.from({ length: units }, (_, i) => ({ lineId, unit: i + 1, value: i + 1 === units ? 'L-UNDATED' : 'L-DATED' })) });

    const sheet = bench.ok('getAllocationSheet', { orderIds: [order.id] });
    const line = sheet.orders[0]!.lines[0]!;
    expect(line.allocationsThrough).toBe(ALLOCATION_UNITS_PAGE);
    expect(line.allocations[0]).toEqual({ unit: 1, identifierId: expect.any(Number), value: 'L-DATED', useBy: '2027-03-01' });
    expect(line.allocations.every((a) => a.useBy === '2027-03-01')).toBe(true);
    const page2 = bench.ok('getAllocationUnits', { lineId, fromUnit: ALLOCATION_UNITS_PAGE + 1, limit: ALLOCATION_UNITS_PAGE });
    // An undated lot carries no date.
    expect(page2.allocations).toEqual([{ unit: units, identifierId: expect.any(Number), value: 'L-UNDATED' }]);

    // The transports validate answers with the contract's schemas: the date crosses them, and only a real date does.
    expect(allocationSheetSchema.parse(sheet).orders[0]!.lines[0]!.allocations[0]!.useBy).toBe('2027-03-01');
    expect(getAllocationUnitsResult.parse(page2)).toEqual(page2);
    expect(allocatedUnitSchema.safeParse({ unit: 1, identifierId: 1, value: 'L-X', useBy: '2027-02-30' }).success).toBe(false);
    expect(allocatedUnitSchema.safeParse({ unit: 1, identifierId: 1, value: 'L-X', useBy: null }).success).toBe(true);
  });

  it('the picker lists lots soonest usable first, then undated, then expired or too close', () => {
    const { bench, flour } = lotBench(5, 3);
    const lots = [['L-A', '2027-05-01'], ['L-B', '2027-02-01'], ['L-C', ''], ['L-D', '2026-11-01'], ['L-E', '2026-12-03']] as const;
    bench.ok('saveSerialGrid', { productId: flour, edits: lots.map(([value, useBy], box) => ({ box, identifierId: null, value, useBy })) });
    const order = ['L-B', 'L-A', 'L-C', 'L-D', 'L-E'];
    expect(bench.ok('searchCandidates', { productId: flour, query: '' }).items.map((c) => c.value)).toEqual(order);
    expect(bench.ok('searchCandidates', { productId: flour, query: 'L-' }).items.map((c) => c.value)).toEqual(order);
    const firstTwo = bench.ok('searchCandidates', { productId: flour, query: '', limit: 2 });
    expect([firstTwo.items.map((c) => [c.value, c.useBy]), firstTwo.more]).toEqual([[['L-B', '2027-02-01'], ['L-A', '2027-05-01']], true]);
    // The read-ahead branches are in the same order.
    const ahead = bench.ok('searchCandidates', { productId: flour, query: 'L', limit: 2, lookahead: 5 });
    expect(ahead.next?.[0]).toMatchObject({ query: 'L-', more: false });
    expect(ahead.next?.[0]?.items.map((c) => c.value)).toEqual(order);
  });

  it('a use-by product\'s picker lists its dates the same way: usable first, then expired or too close', () => {
    const bench = openTestBench({ now });
    // Today is 2026-12-02; 3 days of minimum shelf life make 2026-12-05 the earliest date that may go out.
    const milk = bench.product('MILK', 'multiple_use', 5, ['2026-11-30', '2026-12-03', '2026-12-05', '2027-01-15', '2027-04-30']);
    bench.ok('setIdentifierSpec', { productId: milk, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: 3 });
    const order = ['2026-12-05', '2027-01-15', '2027-04-30', '2026-11-30', '2026-12-03'];
    expect(bench.ok('searchCandidates', { productId: milk, query: '' }).items.map((c) => c.value)).toEqual(order);
    expect(bench.ok('searchCandidates', { productId: milk, query: '202' }).items.map((c) => c.value)).toEqual(order);
    const firstTwo = bench.ok('searchCandidates', { productId: milk, query: '', limit: 2 });
    expect([firstTwo.items.map((c) => c.value), firstTwo.more]).toEqual([['2026-12-05', '2027-01-15'], true]);
    // A typed prefix and the read-ahead branches keep that order.
    expect(bench.ok('searchCandidates', { productId: milk, query: '2026-12' }).items.map((c) => c.value)).toEqual(['2026-12-05', '2026-12-03']);
    const ahead = bench.ok('searchCandidates', { productId: milk, query: '20', limit: 2, lookahead: 5 });
    expect(ahead.next?.[0]).toMatchObject({ query: '202', more: false });
    expect(ahead.next?.[0]?.items.map((c) => c.value)).toEqual(order);
  });

  it('recall by use-by date range includes dispatched lots whose date falls in it', () => {
    const { bench, flour } = lotBench(3);
    bench.ok('saveSerialGrid', {
      productId: flour,
      edits: [
        { box: 0, identifierId: null, value: 'L-1', useBy: '2027-03-01' },
        { box: 1, identifierId: null, value: 'L-2', useBy: '2027-06-01' },
        { box: 2, identifierId: null, value: '2027-03-05', useBy: '' },
      ],
    });
    const order = bench.order('SO-1', [['FLOUR', 3]]);
    const lineId = order.lineIds[0]!;
    bench.ok('saveAllocations', { allocations: ['L-1', 'L-2', '2027-03-05'].map((value, i) => ({ lineId, unit: i + 1, value })) });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 3 }] });
    // The undated lot whose value looks like a date is not a use-by date.
    const march = bench.ok('recallSearch', { query: { useByFrom: '2027-03-01', useByTo: '2027-03-31' } });
    expect(march.rows.map((r) => [r.value, r.orderNumber, r.useBy])).toEqual([['L-1', 'SO-1', '2027-03-01']]);
    // Every recall row and the lookup carry a lot's date (none for an undated lot).
    const all = bench.ok('recallSearch', { query: { sku: 'FLOUR' } });
    expect(all.rows.map((r) => [r.value, r.useBy])).toEqual([['2027-03-05', undefined], ['L-1', '2027-03-01'], ['L-2', '2027-06-01']]);
    expect(bench.ok('lookupIdentifier', { value: 'L-2' }).matches[0]).toMatchObject({ sku: 'FLOUR', useBy: '2027-06-01' });
    expect(bench.ok('lookupIdentifier', { value: '2027-03-05' }).matches[0]!.useBy).toBeUndefined();
  });
});

