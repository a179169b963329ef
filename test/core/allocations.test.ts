/**
 * Allocation: the sheet for a set of orders, the picker's candidate search (on 100,000
 * identifiers), and saving many orders' boxes at once, all or nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CANDIDATES_BY_ID, MAX_MISSING_LISTED } from '../../shared/contract/schemas.js';
import { MAX_LINE_QUANTITY } from '../../shared/sync/bounds.js';
import { withThousands } from '../../shared/domain/counted.js';
import { newBoxes, openTestBench, type TestBench } from './helpers.js';

function setUp() {
  const bench = openTestBench();
  const su = bench.product('SU', 'single_use', 6, ['S1', 'S2', 'S3', 's1', 'S5', 'S6']);
  const mu = bench.product('MU', 'multiple_use', 10, ['USE BY 2026-12-04', 'USE BY 2026-12-11']);
  const none = bench.product('NONE', 'none', 10);
  const o1 = bench.order('SO-1', [['SU', 2], ['NONE', 1], ['MU', 2]], 'Ada');
  const o2 = bench.order('SO-2', [['SU', 1], ['MU', 1]], 'Grace');
  const o3 = bench.order('SO-3', [['NONE', 3]], 'Alan');
  return { bench, su, mu, none, o1, o2, o3 };
}

describe('getAllocationSheet', () => {
  it('lists every line needing identifiers with its counts and current values; untracked orders have nothing to fill', () => {
    const { bench, none, o1, o2, o3 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 2, value: 'S2' }] });
    const sheet = bench.ok('getAllocationSheet', { orderIds: [o3.id, o1.id, o2.id] });
    // The None lines' products are named apart, so the dialog can watch them for a mode change.
    expect(sheet.orders.map((o) => o.untrackedProductIds)).toEqual([[none], [none], []]);
    expect(sheet.orders.map((o) => [o.orderNumber, o.customer, o.lines.length])).toEqual([
      ['SO-3', 'Alan', 0],
      ['SO-1', 'Ada', 2],
      ['SO-2', 'Grace', 2],
    ]);
    const so1 = sheet.orders[1]!;
    expect(so1.lines.map((l) => [l.lineNo, l.sku, l.identifierMode, l.quantity, l.dispatched, l.allocated, l.firstEmptyUnit])).toEqual([
      [1, 'SU', 'single_use', 2, 0, 1, 1],
      [3, 'MU', 'multiple_use', 2, 0, 0, 1],
    ]);
    expect(so1.lines[0]!.allocations.map((a) => [a.unit, a.value])).toEqual([[2, 'S2']]);
    expect(so1.lines[0]!.allocationsThrough).toBe(2);
    expect(so1.lines[1]!.allocations).toEqual([]);
  });

  it('leaves out dispatched units, names the first empty unit, and refuses unknown orders', () => {
    const { bench, o1 } = setUp();
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S1' },
        { lineId: o1.lineIds[0]!, unit: 2, value: 'S2' },
        { lineId: o1.lineIds[2]!, unit: 1, value: 'USE BY 2026-12-04' },
      ],
    });
    bench.ok('completeOrder', { orderId: o1.id, lines: [{ lineId: o1.lineIds[0]!, quantity: 1 }] });
    const sheet = bench.ok('getAllocationSheet', { orderIds: [o1.id] });
    const [su, mu] = sheet.orders[0]!.lines;
    expect([su!.dispatched, su!.allocated, su!.firstEmptyUnit]).toEqual([1, 1, null]);
    expect(su!.allocations.map((a) => [a.unit, a.value])).toEqual([[2, 'S2']]);
    expect([mu!.allocated, mu!.firstEmptyUnit]).toEqual([1, 2]);
    const error = bench.fail('getAllocationSheet', { orderIds: [o1.id, 999] });
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('999');
    expect(bench.fail('getAllocationSheet', { orderIds: [] }).code).toBe('invalid_argument');
  });

  it('handles 1,000 orders selected at once', () => {
    const bench = openTestBench();
    bench.product('SU', 'single_use', 0);
    bench.product('MU', 'multiple_use', 0);
    bench.product('NONE', 'none', 0);
    const rows: Array<Array<string | number>> = [];
    for (let n = 0; n < 1000; n++) {
      const number = `SO-${10000 + n}`;
      if (n % 4 === 3) rows.push([number, 'C', 'NONE', 2]);
      else rows.push([number, 'C', 'SU', 2], [number, 'C', 'MU', 1], [number, 'C', 'NONE', 1]);
    }
    bench.importRows({ 'orders.csv': rows });
    const ids = bench.ok('listAwaitingOrderIds', {}).ids;
    expect(ids).toHaveLength(1000);
    const started = performance.now();
    const sheet = bench.ok('getAllocationSheet', { orderIds: ids });
    const elapsed = performance.now() - started;
    expect(sheet.orders).toHaveLength(1000);
    expect(sheet.orders.filter((o) => o.lines.length === 0)).toHaveLength(250);
    expect(sheet.orders.flatMap((o) => o.lines).reduce((n, l) => n + l.quantity - l.dispatched, 0)).toBe(750 * 3);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('a line of 1,000,000 units', () => {
  const QUANTITY = MAX_LINE_QUANTITY;
  let bench: TestBench;
  let orderId: number;
  let lineId: number;

  beforeAll(() => {
    bench = openTestBench({ scope: 'file' });
    bench.product('SU', 'single_use', QUANTITY, ['S1', 'S2', 'S3', 'S4', 'S5']);
    bench.product('MU', 'multiple_use', 10, ['LOT-1']);
    const order = bench.order('SO-MAX', [['SU', QUANTITY], ['MU', 3]]);
    orderId = order.id;
    lineId = order.lineIds[0]!;
  });

  it('reads the sheet without a box per unit, and units a page at a time anywhere in the line', () => {
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: 'S1' }] });
    const started = performance.now();
    const sheet = bench.ok('getAllocationSheet', { orderIds: [orderId] });
    const page = bench.ok('getAllocationUnits', { lineId, fromUnit: QUANTITY - 99, limit: 100 });
    expect(performance.now() - started).toBeLessThan(1000); // a sanity guard; npm run bench measures speed
    const line = sheet.orders[0]!.lines[0]!;
    expect([line.quantity, line.dispatched, line.allocated, line.firstEmptyUnit]).toEqual([QUANTITY, 0, 1, 2]);
    expect(line.allocations.map((a) => [a.unit, a.value])).toEqual([[1, 'S1']]);
    expect(line.allocationsThrough).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(sheet).length).toBeLessThan(2000);
    expect(page).toEqual({ lineId, quantity: QUANTITY, dispatched: 0, allocations: [] });
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 1, value: null }] });
  });

  it('saves allocations for units near the end, reads them back by page, and refuses units past it', () => {
    bench.ok('saveAllocations', {
      allocations: [
        { lineId, unit: QUANTITY - 1, value: 'S2' },
        { lineId, unit: QUANTITY, value: 'S3' },
      ],
    });
    const page = bench.ok('getAllocationUnits', { lineId, fromUnit: QUANTITY - 99, limit: 100 });
    expect(page.allocations.map((a) => [a.unit, a.value])).toEqual([[QUANTITY - 1, 'S2'], [QUANTITY, 'S3']]);
    // A page running past the line's end reads up to the end.
    expect(bench.ok('getAllocationUnits', { lineId, fromUnit: QUANTITY, limit: 1000 }).allocations.map((a) => a.unit)).toEqual([QUANTITY]);
    expect(bench.ok('getAllocationSheet', { orderIds: [orderId] }).orders[0]!.lines[0]!.allocated).toBe(2);

    const beyond = bench.refused('saveAllocations', { allocations: [{ lineId, unit: QUANTITY + 1, value: 'S4' }] });
    expect(beyond.issues[0]?.message).toBe(`The line has only ${withThousands(QUANTITY)} units.`);
    // The same single-use value for two far-apart units is refused by the core.
    const twice = bench.refused('saveAllocations', { allocations: [{ lineId, unit: 500_000, value: 'S3' }] });
    expect(twice.issues[0]?.message).toContain(`"S3" is already in use by order SO-MAX (SU unit ${QUANTITY})`);
    expect(bench.fail('getAllocationUnits', { lineId, fromUnit: 1, limit: 1001 }).code).toBe('invalid_argument');
    expect(bench.fail('getAllocationUnits', { lineId: 999_999, fromUnit: 1 }).code).toBe('not_found');
  });

  it('"Complete Order" names the first missing units and counts all of them', () => {
    const result = bench.ok('completeOrder', { orderId, lines: [{ lineId, quantity: 10 }] });
    expect(result.status).toBe('identifiers_needed');
    if (result.status !== 'identifiers_needed') return;
    expect(result.missing.map((m) => m.unit)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.missingCount).toBe(10);
    const all = bench.ok('completeOrder', { orderId, lines: [{ lineId, quantity: QUANTITY }] });
    if (all.status !== 'identifiers_needed') throw new Error('expected identifiers_needed');
    expect(all.missing).toHaveLength(MAX_MISSING_LISTED);
    expect(all.missing[0]!.unit).toBe(1);
    expect(all.missingCount).toBe(QUANTITY - 2);
  });
});

describe('searchCandidates on 100,000 identifiers', () => {
  let bench: TestBench;
  let big: number;
  let lineId: number;
  let orderNumber: string;
  const value = (n: number) => `IMEI-${String(n).padStart(6, '0')}`;

  beforeAll(() => {
    bench = openTestBench({ scope: 'file' });
    big = bench.product('BIG', 'single_use', 100_002);
    const values = Array.from({ length: 100_000 }, (_, i) => value(i));
    values.push('Case-X', 'case-x');
    bench.ok('saveSerialGrid', { productId: big, edits: newBoxes(values) });
    const order = bench.order('SO-BIG', [['BIG', 3]]);
    lineId = order.lineIds[0]!;
    orderNumber = 'SO-BIG';
    bench.ok('saveAllocations', { allocations: [{ lineId, unit: 2, value: value(12345) }] });
  }, 120_000);

  it('finds by prefix, in value order, with a limit and a "more" flag', () => {
    const started = performance.now();
    const result = bench.ok('searchCandidates', { productId: big, query: 'IMEI-01234', limit: 5 });
    expect(performance.now() - started).toBeLessThan(1000); // a sanity guard; npm run bench measures speed
    expect(result.items.map((c) => c.value)).toEqual([value(12340), value(12341), value(12342), value(12343), value(12344)]);
    expect(result.more).toBe(true);
    const exact = bench.ok('searchCandidates', { productId: big, query: value(99999) });
    expect(exact.items.map((c) => c.value)).toEqual([value(99999)]);
    expect(exact.more).toBe(false);
  });

  it('reads ahead for type-ahead: the first values after each next character, as that query would answer them', () => {
    const result = bench.ok('searchCandidates', { productId: big, query: 'IMEI-0123', limit: 5, lookahead: 3 });
    const next = result.next!;
    expect(next.map((b) => b.query)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `IMEI-0123${d}`));
    for (const branch of next) {
      const asked = bench.ok('searchCandidates', { productId: big, query: branch.query, limit: 3 });
      expect(branch).toEqual({ query: branch.query, items: asked.items, more: asked.more });
    }
    // The value in use by SO-BIG unit 2 says so in its branch too.
    expect(next[4]!.items[0]).toMatchObject({ value: value(12340) });
    expect(bench.ok('searchCandidates', { productId: big, query: 'IMEI-01234', limit: 3, lookahead: 3 }).next![5]!.items[0]!.inUseBy).toMatchObject({ orderNumber, unit: 2 });
    // A complete answer or a "contains" answer has nothing to read ahead; without lookahead, no branches.
    expect(bench.ok('searchCandidates', { productId: big, query: 'IMEI-01234', limit: 10, lookahead: 3 }).next).toBeUndefined();
    expect(bench.ok('searchCandidates', { productId: big, query: '0000', limit: 3, lookahead: 3 }).next).toBeUndefined();
    expect(bench.ok('searchCandidates', { productId: big, query: 'IMEI-0', limit: 3 }).next).toBeUndefined();
    expect(bench.fail('searchCandidates', { productId: big, lookahead: 51 }).code).toBe('invalid_argument');
  });

  it('offers values that only contain the term when nothing starts with it', () => {
    const mixed = bench.product('MIXED', 'multiple_use', 3, ['IMEI-012340', 'IMEI-012341', 'X-IMEI-012340']);
    // Something starts with the term: only those, no scan for values merely containing it.
    expect(bench.ok('searchCandidates', { productId: mixed, query: 'IMEI-012340' }).items.map((c) => c.value)).toEqual(['IMEI-012340']);
    // Nothing starts with it: values containing it.
    expect(bench.ok('searchCandidates', { productId: mixed, query: 'MEI-012340' }).items.map((c) => c.value)).toEqual([
      'IMEI-012340',
      'X-IMEI-012340',
    ]);
  });

  it('keeps the contains search (trigram index) in step with edits, and searches inside values from 3 characters', () => {
    const edited = bench.product('EDITED', 'multiple_use', 2, ['AB-777001', 'AB-777002']);
    const [first, second] = bench.ok('searchCandidates', { productId: edited, query: 'AB-' }).items;
    bench.ok('saveSerialGrid', {
      productId: edited,
      edits: [
        { box: 0, identifierId: first!.identifierId, value: 'AB-888001' },
        { box: 1, identifierId: second!.identifierId, value: '' },
      ],
    });
    expect(bench.ok('searchCandidates', { productId: edited, query: '777' }).items).toEqual([]);
    expect(bench.ok('searchCandidates', { productId: edited, query: '888' }).items.map((c) => c.value)).toEqual(['AB-888001']);
    // Two characters match by prefix only (here: nothing starts with "88").
    expect(bench.ok('searchCandidates', { productId: edited, query: '88' }).items).toEqual([]);
    // GLOB characters in the term are taken literally.
    expect(bench.ok('searchCandidates', { productId: edited, query: '8*1' }).items).toEqual([]);
  });

  it('finds values containing the term when no value starts with it', () => {
    const started = performance.now();
    const result = bench.ok('searchCandidates', { productId: big, query: '99999', limit: 10 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.items.map((c) => c.value)).toEqual([value(99999)]);
    const many = bench.ok('searchCandidates', { productId: big, query: '0000', limit: 3 });
    expect(many.items.map((c) => c.value)).toEqual([value(0), value(1), value(2)]);
    expect(many.more).toBe(true);
  });

  it('lists the first values with an empty query, and honours the limit bounds', () => {
    const result = bench.ok('searchCandidates', { productId: big, query: '' });
    expect(result.items).toHaveLength(50);
    expect(result.more).toBe(true);
    expect(bench.fail('searchCandidates', { productId: big, limit: 501 }).code).toBe('invalid_argument');
  });

  it('marks single-use values in use with the order holding them', () => {
    const result = bench.ok('searchCandidates', { productId: big, query: value(12345) });
    expect(result.items).toEqual([
      {
        identifierId: expect.any(Number),
        value: value(12345),
        status: 'allocated',
        inUseBy: { orderId: expect.any(Number), orderNumber, lineId, unit: 2 },
      },
    ]);
    expect(bench.ok('searchCandidates', { productId: big, query: value(12346) }).items[0]!.inUseBy).toBeNull();
  });

  it('is case sensitive, and ignores a scanner terminator on the term', () => {
    expect(bench.ok('searchCandidates', { productId: big, query: 'Case' }).items.map((c) => c.value)).toEqual(['Case-X']);
    expect(bench.ok('searchCandidates', { productId: big, query: 'case' }).items.map((c) => c.value)).toEqual(['case-x']);
    expect(bench.ok('searchCandidates', { productId: big, query: 'ase-x' }).items.map((c) => c.value)).toEqual(['case-x']);
    expect(bench.ok('searchCandidates', { productId: big, query: 'CASE' }).items).toEqual([]);
    expect(bench.ok('searchCandidates', { productId: big, query: 'Case-X\r\n' }).items.map((c) => c.value)).toEqual(['Case-X']);
    expect(bench.ok('searchCandidates', { productId: big, query: 'imei-000001' }).items).toEqual([]);
  });
});

describe('searchCandidates', () => {
  it('leaves consumed single-use values out, keeps multiple-use values after dispatch', () => {
    const { bench, su, mu, o1 } = setUp();
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S1' },
        { lineId: o1.lineIds[0]!, unit: 2, value: 'S2' },
        { lineId: o1.lineIds[2]!, unit: 1, value: 'USE BY 2026-12-04' },
        { lineId: o1.lineIds[2]!, unit: 2, value: 'USE BY 2026-12-04' },
      ],
    });
    bench.ok('completeOrder', {
      orderId: o1.id,
      lines: [{ lineId: o1.lineIds[0]!, quantity: 2 }, { lineId: o1.lineIds[1]!, quantity: 1 }, { lineId: o1.lineIds[2]!, quantity: 2 }],
    });
    expect(bench.ok('searchCandidates', { productId: su, query: 'S' }).items.map((c) => c.value)).toEqual(['S3', 'S5', 'S6']);
    const muCandidates = bench.ok('searchCandidates', { productId: mu, query: 'USE' }).items;
    expect(muCandidates.map((c) => [c.value, c.inUseBy])).toEqual([
      ['USE BY 2026-12-04', null],
      ['USE BY 2026-12-11', null],
    ]);
    expect(bench.fail('searchCandidates', { productId: 999 }).code).toBe('not_found');
  });
});

describe('saveAllocations', () => {
  it('sets values for many orders at once, trimming scanner input', () => {
    const { bench, o1, o2 } = setUp();
    const ops = bench.outboxOps().length;
    const result = bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S1\r\n' },
        { lineId: o1.lineIds[0]!, unit: 2, value: 's1' },
        { lineId: o2.lineIds[0]!, unit: 1, value: '\tS3\t' },
        { lineId: o2.lineIds[1]!, unit: 1, value: 'USE BY 2026-12-11' },
      ],
    });
    expect(result).toEqual({ set: 4, cleared: 0, unchanged: 0 });
    expect(bench.ok('getOrder', { orderId: o1.id }).lines[0]!.allocations.map((a) => a.value)).toEqual(['S1', 's1']);
    expect(bench.ok('getOrder', { orderId: o1.id }).unitsMissingIdentifiers).toBe(2);
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'allocation.set', orderNumber: 'SO-1', lineNo: 1, unit: 1, sku: 'SU', value: 'S1' },
      { type: 'allocation.set', orderNumber: 'SO-1', lineNo: 1, unit: 2, sku: 'SU', value: 's1' },
      { type: 'allocation.set', orderNumber: 'SO-2', lineNo: 1, unit: 1, sku: 'SU', value: 'S3' },
      { type: 'allocation.set', orderNumber: 'SO-2', lineNo: 2, unit: 1, sku: 'MU', value: 'USE BY 2026-12-11' },
    ]);
    expect(bench.auditActions().at(-1)).toBe('allocations.save');
    const statuses = bench.reader.prepare(`SELECT value, status FROM identifiers WHERE product_id = 1 ORDER BY id`).raw().all();
    expect(statuses).toEqual([
      ['S1', 'allocated'], ['S2', 'available'], ['S3', 'allocated'], ['s1', 'allocated'], ['S5', 'available'], ['S6', 'available'],
    ]);
    // saving the same again changes nothing
    const snapshot = bench.snapshot();
    expect(bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }] })).toEqual({ set: 0, cleared: 0, unchanged: 1 });
    expect(bench.snapshot()).toEqual(snapshot);
  });

  it('is all or nothing: one unknown value refuses the whole save, naming its box', () => {
    const { bench, o1, o2 } = setUp();
    const error = bench.refused('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S1' },
        { lineId: o2.lineIds[0]!, unit: 1, value: 'S4' },
        { lineId: o2.lineIds[1]!, unit: 1, value: 'USE BY 2026-12-04' },
      ],
    });
    expect(error.code).toBe('validation');
    expect(error.issues).toEqual([
      expect.objectContaining({ where: 'order SO-2, SU unit 1', lineId: o2.lineIds[0], unit: 1, message: '"S4" is not a pre-entered identifier of SU.' }),
    ]);
  });

  it('refuses a value for a product turned None after the packer filled its box, saying why, and saves none of the others', () => {
    const { bench, su, o1 } = setUp();
    // The dialog was laid out while SU took identifiers; its mode went to None elsewhere before the save.
    bench.ok('setIdentifierMode', { productId: su, mode: 'none' });
    const snapshot = bench.snapshot();
    const error = bench.refused('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S1' },
        { lineId: o1.lineIds[2]!, unit: 1, value: 'USE BY 2026-12-04' },
      ],
    });
    expect(error.code).toBe('validation');
    expect(error.issues).toEqual([
      expect.objectContaining({
        where: 'order SO-1, SU unit 1',
        lineId: o1.lineIds[0],
        unit: 1,
        message: 'SU takes no dispatch identifiers: its identifier mode is None, so nothing can be saved in this box.',
      }),
    ]);
    expect(bench.snapshot()).toEqual(snapshot);
  });

  it('refuses values of another product and values differing only in case', () => {
    const { bench, o1 } = setUp();
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'USE BY 2026-12-04' }] }).code).toBe('validation');
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 's2' }] }).code).toBe('validation');
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o1.lineIds[2]!, unit: 1, value: 'use by 2026-12-04' }] }).code).toBe('validation');
  });

  it('refuses a single-use value already held by another order, naming it', () => {
    const { bench, o1, o2 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 2, value: 'S1' }] });
    const error = bench.refused('saveAllocations', { allocations: [{ lineId: o2.lineIds[0]!, unit: 1, value: 'S1' }] });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ where: 'order SO-2, SU unit 1' });
    expect(error.issues[0]!.message).toBe('"S1" is already in use by order SO-1 (SU unit 2).');
    // another unit of the same line is another unit too
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }] }).issues[0]!.message).toContain(
      'order SO-1',
    );
  });

  it('refuses one single-use value chosen for two boxes in the same save, naming the other order', () => {
    const { bench, o1, o2 } = setUp();
    const error = bench.refused('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S3' },
        { lineId: o2.lineIds[0]!, unit: 1, value: 'S3' },
      ],
    });
    expect(error.issues.map((i) => i.where)).toEqual(['order SO-1, SU unit 1', 'order SO-2, SU unit 1']);
    expect(error.issues[0]!.message).toContain('order SO-2');
    expect(error.issues[1]!.message).toContain('order SO-1');
  });

  it('refuses a consumed single-use value for ever', () => {
    const { bench, o1, o2 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }] });
    bench.ok('completeOrder', { orderId: o1.id, lines: [{ lineId: o1.lineIds[0]!, quantity: 1 }] });
    const error = bench.refused('saveAllocations', { allocations: [{ lineId: o2.lineIds[0]!, unit: 1, value: 'S1' }] });
    expect(error.issues[0]!.message).toBe('"S1" is already dispatched with order SO-1.');
  });

  it('moves a single-use value between units in one save', () => {
    const { bench, o1, o2 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }] });
    const result = bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S2' },
        { lineId: o2.lineIds[0]!, unit: 1, value: 'S1' },
      ],
    });
    expect(result).toEqual({ set: 2, cleared: 0, unchanged: 0 });
    const r2 = bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: null },
        { lineId: o1.lineIds[0]!, unit: 2, value: 'S1' },
        { lineId: o2.lineIds[0]!, unit: 1, value: 'S2' },
      ],
    });
    expect(r2).toEqual({ set: 2, cleared: 1, unchanged: 0 });
    expect(bench.count(`SELECT count(*) FROM identifiers WHERE status = 'allocated'`)).toBe(2);
  });

  it('sends ops that replay one by one when single-use values move or swap between units', () => {
    const { bench, o1, o2 } = setUp();
    const [a, b, c] = [
      { lineId: o1.lineIds[0]!, unit: 1 },
      { lineId: o1.lineIds[0]!, unit: 2 },
      { lineId: o2.lineIds[0]!, unit: 1 },
    ];
    bench.ok('saveAllocations', { allocations: [{ ...a, value: 'S1' }, { ...b, value: 'S2' }] });
    const ops = bench.outboxOps().length;
    // swap S1 and S2 between a and b, listing b first
    bench.ok('saveAllocations', { allocations: [{ ...b, value: 'S1' }, { ...a, value: 'S2' }] });
    // then move S1 from b to c while b takes S3, entered in the order that needs the care
    bench.ok('saveAllocations', { allocations: [{ ...c, value: 'S1' }, { ...b, value: 'S3' }] });

    // replay the ops as the hub does: a single-use value on at most one unit at any moment
    const holder = new Map<string, string>([['S1', 'SO-1/1/1'], ['S2', 'SO-1/1/2']]);
    const unitValue = new Map<string, string>([['SO-1/1/1', 'S1'], ['SO-1/1/2', 'S2']]);
    for (const op of bench.outboxOps().slice(ops)) {
      const key = `${op.orderNumber}/${op.lineNo}/${op.unit}`;
      const old = unitValue.get(key);
      if (op.type === 'allocation.clear' || op.type === 'allocation.set') {
        if (old) holder.delete(old);
        unitValue.delete(key);
      }
      if (op.type === 'allocation.set') {
        const value = op.value as string;
        expect(holder.get(value), `${value} is still on ${holder.get(value)} when ${key} takes it`).toBeUndefined();
        holder.set(value, key);
        unitValue.set(key, value);
      }
    }
    expect(Object.fromEntries(unitValue)).toEqual({ 'SO-1/1/1': 'S2', 'SO-1/1/2': 'S3', 'SO-2/1/1': 'S1' });
  });

  it('lets multiple-use values repeat, across units and orders', () => {
    const { bench, o1, o2 } = setUp();
    const v = 'USE BY 2026-12-04';
    const result = bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[2]!, unit: 1, value: v },
        { lineId: o1.lineIds[2]!, unit: 2, value: v },
        { lineId: o2.lineIds[1]!, unit: 1, value: v },
      ],
    });
    expect(result.set).toBe(3);
    const lookup = bench.ok('lookupIdentifier', { value: v });
    expect(lookup.matches[0]!.status).toBe('available');
    expect(lookup.matches[0]!.orders.map((o) => [o.orderNumber, o.unit])).toEqual([['SO-1', 1], ['SO-1', 2], ['SO-2', 1]]);
  });

  it('clears with null, an empty or a blank value; clearing an empty box changes nothing', () => {
    const { bench, o1 } = setUp();
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: 'S1' },
        { lineId: o1.lineIds[0]!, unit: 2, value: 'S2' },
        { lineId: o1.lineIds[2]!, unit: 1, value: 'USE BY 2026-12-04' },
      ],
    });
    const ops = bench.outboxOps().length;
    const result = bench.ok('saveAllocations', {
      allocations: [
        { lineId: o1.lineIds[0]!, unit: 1, value: null },
        { lineId: o1.lineIds[0]!, unit: 2, value: ' \r\n' },
        { lineId: o1.lineIds[2]!, unit: 1, value: '' },
        { lineId: o1.lineIds[2]!, unit: 2, value: null },
      ],
    });
    expect(result).toEqual({ set: 0, cleared: 3, unchanged: 1 });
    expect(bench.count('SELECT count(*) FROM allocations')).toBe(0);
    expect(bench.count(`SELECT count(*) FROM identifiers WHERE status <> 'available'`)).toBe(0);
    expect(bench.outboxOps().slice(ops).map((op) => [op.type, op.lineNo, op.unit])).toEqual([
      ['allocation.clear', 1, 1],
      ['allocation.clear', 1, 2],
      ['allocation.clear', 3, 1],
    ]);
  });

  it('refuses boxes that do not exist, dispatched units, untracked lines and repeated boxes', () => {
    const { bench, o1, o3 } = setUp();
    const line = o1.lineIds[0]!;
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: line, unit: 3, value: 'S1' }] }).issues[0]!.message).toContain('only 2 unit');
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: 999, unit: 1, value: 'S1' }] }).issues[0]!.where).toBe('line 999');
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o3.lineIds[0]!, unit: 1, value: 'S1' }] }).issues[0]!.message).toContain(
      'no dispatch identifiers',
    );
    expect(
      bench.refused('saveAllocations', {
        allocations: [
          { lineId: line, unit: 1, value: 'S1' },
          { lineId: line, unit: 1, value: 'S2' },
        ],
      }).issues[0]!.message,
    ).toContain('twice');
    bench.ok('saveAllocations', { allocations: [{ lineId: line, unit: 1, value: 'S1' }] });
    bench.ok('completeOrder', { orderId: o1.id, lines: [{ lineId: line, quantity: 1 }] });
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: line, unit: 1, value: null }] }).issues[0]!.message).toContain(
      'already dispatched',
    );
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: line, unit: 1, value: 'S2' }] }).code).toBe('validation');
  });

  it('refuses malformed values, naming the box', () => {
    const { bench, o1 } = setUp();
    const error = bench.refused('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S\u00071' }] });
    expect(error.issues[0]).toMatchObject({ where: 'order SO-1, SU unit 1' });
    expect(error.issues[0]!.message).toContain('control character');
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S'.repeat(201) }] }).issues[0]!.message).toContain(
      'longer than 200',
    );
    expect(bench.fail('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 0, value: 'S1' }] }).code).toBe('invalid_argument');
    expect(bench.fail('saveAllocations', { allocations: [] }).code).toBe('invalid_argument');
  });
});

describe('getCandidates', () => {
  it('says where each named identifier is in use now, in one read; an empty or over-long list is refused', () => {
    const { bench, su, o1, o2 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 2, value: 'S2' }] });
    const ids = (values: string[]) => bench.ok('searchCandidates', { productId: su, query: 'S', limit: 10 }).items.filter((c) => values.includes(c.value));
    const [s2, s3] = ids(['S2', 'S3']);
    const answer = bench.ok('getCandidates', { identifierIds: [s3!.identifierId, s2!.identifierId] });
    expect(answer.items.map((c) => [c.value, c.inUseBy && [c.inUseBy.orderNumber, c.inUseBy.unit]])).toEqual([
      ['S2', ['SO-1', 2]],
      ['S3', null],
    ]);
    expect(bench.fail('getCandidates', { identifierIds: [] }).code).toBe('invalid_argument');
    const tooMany = Array.from({ length: MAX_CANDIDATES_BY_ID + 1 }, (_, i) => i + 1);
    expect(bench.fail('getCandidates', { identifierIds: tooMany }).code).toBe('invalid_argument');
    // Nothing changed by the refusals: SO-2's unit is still free to take S3.
    bench.ok('saveAllocations', { allocations: [{ lineId: o2.lineIds[0]!, unit: 1, value: 'S3' }] });
  });

  it('names the order a dispatched value went with, so a box holding it warns before Save Changes', () => {
    const { bench, su, o1 } = setUp();
    const [s1] = bench.ok('searchCandidates', { productId: su, query: 'S1', limit: 1 }).items;
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }] });
    bench.ok('completeOrder', { orderId: o1.id, lines: [{ lineId: o1.lineIds[0]!, quantity: 1 }] });
    expect(bench.ok('getCandidates', { identifierIds: [s1!.identifierId] }).items).toEqual([
      expect.objectContaining({ value: 'S1', status: 'consumed', inUseBy: null, dispatchedWith: 'SO-1' }),
    ]);
  });
});
