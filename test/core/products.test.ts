/**
 * Products: search, stock level changes (identifiers of new and leaving units, all or nothing) and
 * identifier mode changes (refused when they would break allocations).
 */
import { describe, expect, it } from 'vitest';
import { MAX_STOCK_LEVEL } from '../../shared/sync/bounds.js';
import { openTestBench, type TestBench } from './helpers.js';

function identifiersOf(bench: TestBench, productId: number): Array<[string, string]> {
  return bench.reader
    .prepare('SELECT value, status FROM identifiers WHERE product_id = ? ORDER BY id')
    .raw()
    .all(productId) as Array<[string, string]>;
}

describe('findProducts and getProduct', () => {
  it('finds by sku prefix, title anywhere and barcode prefix, paged with a total', () => {
    const bench = openTestBench();
    bench.importRows({
      'products.csv': [
        ['PHN-X1', 'Phone X1 Black', '5012345000011', 'single_use', 0],
        ['PHN-X2', 'Phone X2 White', '5012345000028', 'single_use', 0],
        ['CBL-USB', 'USB-C cable for phone', '', 'none', 10],
        ['100%_OFF', 'Percent product', '', 'none', 1],
      ],
    });
    const skus = (query: string, extra: { offset?: number; limit?: number } = {}) =>
      bench.ok('findProducts', { query, ...extra });
    expect(skus('PHN').items.map((p) => p.sku)).toEqual(['PHN-X1', 'PHN-X2']);
    expect(skus('phone').items.map((p) => p.sku)).toEqual(['CBL-USB', 'PHN-X1', 'PHN-X2']);
    expect(skus('50123450000').total).toBe(2);
    expect(skus('5012345000028').items.map((p) => p.sku)).toEqual(['PHN-X2']);
    expect(skus('100%_').items.map((p) => p.sku)).toEqual(['100%_OFF']);
    // LIKE wildcards match literally: "%" is not "everything", "_" is not "any character"
    expect(skus('%').items).toEqual([]);
    expect(skus('PHN_X').items).toEqual([]);
    const page = skus('', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((p) => p.sku)).toEqual(['CBL-USB', 'PHN-X1']);
    const product = bench.ok('getProduct', { productId: page.items[1]!.id });
    expect(product).toMatchObject({ sku: 'PHN-X1', barcode: '5012345000011', identifierMode: 'single_use', stockLevel: 0 });
    expect(bench.fail('getProduct', { productId: 12345 }).code).toBe('not_found');
  });
});

describe('changeStockLevel', () => {
  it('changes a product without identifiers freely, but refuses identifiers for it', () => {
    const bench = openTestBench();
    const none = bench.product('NONE', 'none', 5);
    expect(bench.ok('changeStockLevel', { productId: none, newStockLevel: 8 }).stockLevel).toBe(8);
    expect(bench.ok('changeStockLevel', { productId: none, newStockLevel: 2 }).stockLevel).toBe(2);
    expect(bench.refused('changeStockLevel', { productId: none, newStockLevel: 3, newIdentifiers: ['X'] }).code).toBe('validation');
    expect(bench.outboxOps().slice(-2)).toEqual([
      { type: 'stock.delta', sku: 'NONE', delta: 3 },
      { type: 'stock.delta', sku: 'NONE', delta: -6 },
    ]);
    expect(bench.refused('changeStockLevel', { productId: none, newStockLevel: -1 }).code).toBe('invalid_argument');
  });

  it('single-use increase takes exactly one valid, new identifier per new unit', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    let error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 4, newIdentifiers: ['C'] });
    expect(error.message).toContain('one identifier for each of the 2 new units');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 4 });
    expect(error.code).toBe('validation');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 4, newIdentifiers: ['C', ' \r\n'] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'new unit 2' })]);
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 4, newIdentifiers: ['C', 'C\r'] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'new unit 2' })]);
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 4, newIdentifiers: ['C', 'A'] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'new unit 2' })]);
    expect(error.issues[0]!.message).toContain('already an identifier');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 4, newIdentifiers: ['C', 'D\u0007'] });
    expect(error.issues[0]!.message).toContain('control character');

    const ops = bench.outboxOps().length;
    const product = bench.ok('changeStockLevel', { productId: su, newStockLevel: 4, newIdentifiers: ['C\r\n', 'a'] });
    expect(product.stockLevel).toBe(4);
    expect(product.identifierCounts).toEqual({ available: 4, allocated: 0, consumed: 0 });
    expect(identifiersOf(bench, su).map(([v]) => v)).toEqual(['A', 'B', 'C', 'a']);
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'stock.delta', sku: 'SU', delta: 2 },
      { type: 'identifier.add', sku: 'SU', values: ['C', 'a'] },
    ]);
    expect(bench.auditActions().at(-1)).toBe('product.stock');
  });

  it('multiple-use increase takes identifiers optionally, at most one per new unit', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 1, ['L1']);
    expect(bench.ok('changeStockLevel', { productId: mu, newStockLevel: 3 }).stockLevel).toBe(3);
    expect(bench.ok('changeStockLevel', { productId: mu, newStockLevel: 5, newIdentifiers: ['L2', ''] }).stockLevel).toBe(5);
    expect(identifiersOf(bench, mu).map(([v]) => v)).toEqual(['L1', 'L2']);
    expect(bench.refused('changeStockLevel', { productId: mu, newStockLevel: 6, newIdentifiers: ['L3', 'L4'] }).code).toBe('validation');
    expect(bench.refused('changeStockLevel', { productId: mu, newStockLevel: 6, newIdentifiers: ['L1'] }).code).toBe('validation');
    expect(bench.refused('changeStockLevel', { productId: mu, newStockLevel: 4, newIdentifiers: ['L9'] }).code).toBe('validation');
    // identifiers of a multiple-use product are not tied to units: a decrease names none
    expect(bench.refused('changeStockLevel', { productId: mu, newStockLevel: 4, leavingIdentifiers: ['L1'] }).code).toBe('validation');
    expect(bench.ok('changeStockLevel', { productId: mu, newStockLevel: 0 }).stockLevel).toBe(0);
    expect(identifiersOf(bench, mu)).toHaveLength(2);
  });

  it('single-use decrease names the available identifiers that leave', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 4, ['A', 'B', 'C', 'D']);
    const order = bench.order('SO-1', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A' }] });

    let error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['B'] });
    expect(error.message).toContain('name the 2 available identifiers');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 2 });
    expect(error.code).toBe('validation');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['A', 'B'] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'leaving unit 1' })]);
    expect(error.issues[0]!.message).toContain('allocated');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['b', 'C'] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'leaving unit 1' })]);
    expect(error.issues[0]!.message).toContain('not an identifier');
    error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['C', 'C'] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'leaving unit 2' })]);

    const ops = bench.outboxOps().length;
    const product = bench.ok('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['C\r', 'B'] });
    expect(product.stockLevel).toBe(2);
    expect(identifiersOf(bench, su)).toEqual([['A', 'allocated'], ['D', 'available']]);
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'stock.delta', sku: 'SU', delta: -2 },
      { type: 'identifier.remove', sku: 'SU', values: ['C', 'B'] },
    ]);
    // below the allocated units, nothing can leave
    expect(bench.refused('changeStockLevel', { productId: su, newStockLevel: 0, leavingIdentifiers: ['A', 'D'] }).code).toBe('validation');
  });

  it('single-use decrease over empty boxes names only the identifiers beyond the new level', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 5, ['A', 'B', 'C']);
    expect(bench.refused('changeStockLevel', { productId: su, newStockLevel: 4, leavingIdentifiers: ['A'] }).message).toContain('name none');
    expect(bench.ok('changeStockLevel', { productId: su, newStockLevel: 3 }).stockLevel).toBe(3);
    expect(bench.ok('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['B'] }).stockLevel).toBe(2);
    expect(identifiersOf(bench, su).map(([v]) => v)).toEqual(['A', 'C']);
  });

  it('refuses identifiers on the wrong side of the change', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    expect(bench.refused('changeStockLevel', { productId: su, newStockLevel: 1, newIdentifiers: ['X'] }).code).toBe('validation');
    expect(bench.refused('changeStockLevel', { productId: su, newStockLevel: 3, newIdentifiers: ['X'], leavingIdentifiers: ['A'] }).code).toBe('validation');
    expect(bench.refused('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['A'] }).code).toBe('validation');
    // no change is no change
    const snapshot = bench.snapshot();
    bench.ok('changeStockLevel', { productId: su, newStockLevel: 2 });
    expect(bench.snapshot()).toEqual(snapshot);
  });

  it('addUnits raises the stock as it is now by exactly that many units, synced as that delta', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 4, ['A', 'B', 'C', 'D']);
    // The prompt opened at 4; a sync meanwhile brought the stock to 6 (no identifiers for those yet).
    bench.writer.prepare('UPDATE products SET stock_level = 6 WHERE id = ?').run(su);
    const ops = bench.outboxOps().length;
    const product = bench.ok('changeStockLevel', { productId: su, addUnits: 2, newIdentifiers: ['E', 'F'] });
    expect(product.stockLevel).toBe(8);
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'stock.delta', sku: 'SU', delta: 2 },
      { type: 'identifier.add', sku: 'SU', values: ['E', 'F'] },
    ]);
    // One identifier per added unit, as for a level.
    expect(bench.refused('changeStockLevel', { productId: su, addUnits: 2, newIdentifiers: ['G'] }).message).toContain('each of the 2 new units');
    // Exactly one of the two ways, and never past the bound (named).
    expect(bench.refused('changeStockLevel', { productId: su, addUnits: 1, newStockLevel: 9, newIdentifiers: ['G'] }).code).toBe('invalid_argument');
    expect(bench.refused('changeStockLevel', { productId: su }).code).toBe('invalid_argument');
    expect(bench.refused('changeStockLevel', { productId: su, addUnits: 0 }).code).toBe('invalid_argument');
    const none = bench.product('NONE', 'none', 999_999_999);
    const over = bench.refused('changeStockLevel', { productId: none, addUnits: 2 });
    expect(over.message).toContain('at most 1,000,000,000');
  });

  it('refuses a level typed against a stock the screen showed that has changed since, changing nothing', () => {
    const bench = openTestBench();
    const none = bench.product('PHN-1', 'none', 10);
    const order = bench.order('SO-1', [['PHN-1', 1]]);
    // The screen showed 10; the packer types 12 ("+2") while an order is dispatched on this bench.
    const shown = bench.ok('getProduct', { productId: none }).stockLevel;
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    expect(bench.ok('getProduct', { productId: none }).stockLevel).toBe(9);
    const before = bench.snapshot();
    const ops = bench.outboxOps().length;
    const audits = bench.auditActions().length;
    const error = bench.refused('changeStockLevel', { productId: none, newStockLevel: 12, shownStockLevel: shown });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'The stock of PHN-1 changed from 10 to 9 while you were editing (an order was dispatched or another bench synced): ' +
        'check the new figure and enter the stock level again.',
    );
    expect(bench.snapshot()).toEqual(before);
    expect(bench.outboxOps()).toHaveLength(ops);
    expect(bench.auditActions()).toHaveLength(audits);

    // Confirmed against the figure now shown: set, and synced as the difference from it.
    expect(bench.ok('changeStockLevel', { productId: none, newStockLevel: 12, shownStockLevel: 9 }).stockLevel).toBe(12);
    expect(bench.outboxOps().slice(ops)).toEqual([{ type: 'stock.delta', sku: 'PHN-1', delta: 3 }]);
  });

  it('refuses a single-use decrease whose leaving serial numbers were picked against a stock that changed by sync', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 4, ['A', 'B', 'C', 'D']);
    // Another bench's change arrives by sync while the picker is open at 4.
    bench.writer.prepare('UPDATE products SET stock_level = 6 WHERE id = ?').run(su);
    const before = bench.snapshot();
    const ops = bench.outboxOps().length;
    const error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 2, shownStockLevel: 4, leavingIdentifiers: ['A', 'B'] });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('The stock of SU changed from 4 to 6 while you were editing');
    expect(bench.snapshot()).toEqual(before);
    expect(bench.outboxOps()).toHaveLength(ops);
  });

  it('takes the shown stock level only with a level to set, within the shared bounds', () => {
    const bench = openTestBench();
    const none = bench.product('NONE', 'none', 5);
    expect(bench.refused('changeStockLevel', { productId: none, newStockLevel: 6, shownStockLevel: -1 }).code).toBe('invalid_argument');
    expect(bench.refused('changeStockLevel', { productId: none, newStockLevel: 6, shownStockLevel: MAX_STOCK_LEVEL + 1 }).code).toBe('invalid_argument');
    expect(bench.refused('changeStockLevel', { productId: none, addUnits: 1, shownStockLevel: 5 }).code).toBe('invalid_argument');
    // Callers that set a level outright (scripts, the hub's tests) may still leave it out.
    expect(bench.ok('changeStockLevel', { productId: none, newStockLevel: 6 }).stockLevel).toBe(6);
    expect(bench.ok('changeStockLevel', { productId: none, newStockLevel: 7, shownStockLevel: 6 }).stockLevel).toBe(7);
  });

  it('changes stock and identifiers together or not at all (a failing write rolls back both)', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 1, ['A']);
    // make the last write of the use case (the outbox) fail: the identifiers and stock must roll back
    bench.writer.exec(`CREATE TRIGGER test_fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const before = bench.snapshot();
    expect(() =>
      bench.core.changeStockLevel({ productId: su, newStockLevel: 3, newIdentifiers: ['B', 'C'], leavingIdentifiers: [] }),
    ).toThrow('disk full');
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('setIdentifierMode', () => {
  it('turns identifiers on and off when nothing is allocated', () => {
    const bench = openTestBench();
    const p = bench.product('P', 'none', 3);
    const ops = bench.outboxOps().length;
    expect(bench.ok('setIdentifierMode', { productId: p, mode: 'single_use' }).identifierMode).toBe('single_use');
    expect(bench.ok('setIdentifierMode', { productId: p, mode: 'multiple_use' }).identifierMode).toBe('multiple_use');
    expect(bench.ok('setIdentifierMode', { productId: p, mode: 'none' }).identifierMode).toBe('none');
    expect(bench.outboxOps().slice(ops).map((op) => op.identifierMode)).toEqual(['single_use', 'multiple_use', 'none']);
    expect(bench.auditActions().slice(-3)).toEqual(['product.mode', 'product.mode', 'product.mode']);
    const snapshot = bench.snapshot();
    bench.ok('setIdentifierMode', { productId: p, mode: 'none' });
    expect(bench.snapshot()).toEqual(snapshot);
    expect(bench.fail('setIdentifierMode', { productId: p, mode: 'sometimes' as 'none' }).code).toBe('invalid_argument');
  });

  it('a value on several order units is refused for single use in words saying where those units are: awaiting dispatch, dispatched, or both', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 5, ['L1']);
    const order = bench.order('SO-1', [['MU', 2]]);
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: order.lineIds[0]!, unit: 1, value: 'L1' },
        { lineId: order.lineIds[0]!, unit: 2, value: 'L1' },
      ],
    });
    const refusal = () => bench.refused('setIdentifierMode', { productId: mu, mode: 'single_use' });
    expect(refusal().message).toBe('MU cannot become single use: "L1" is already allocated to 2 order units awaiting dispatch; a single-use identifier goes on one order unit only.');

    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    expect(refusal().message).toBe(
      'MU cannot become single use: "L1" is already on 2 order units (1 dispatched, 1 awaiting dispatch); a single-use identifier goes on one order unit only.',
    );

    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    const before = bench.snapshot();
    expect(refusal()).toMatchObject({
      code: 'conflict',
      message: 'MU cannot become single use: "L1" was already dispatched on 2 order units; a single-use identifier goes on one order unit only.',
    });
    expect(bench.snapshot()).toEqual(before);
    expect(bench.ok('getProduct', { productId: mu }).identifierMode).toBe('multiple_use');
  });

  it('refuses turning identifiers off while units awaiting dispatch hold them', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const order = bench.order('SO-1', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A' }] });
    expect(bench.refused('setIdentifierMode', { productId: su, mode: 'none' }).code).toBe('conflict');
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    // dispatched allocations are history: the mode may change, the history stays
    expect(bench.ok('setIdentifierMode', { productId: su, mode: 'none' }).identifierMode).toBe('none');
    expect(bench.ok('getOrder', { orderId: order.id }).dispatches[0]!.lines[0]!.identifiers).toEqual(['A']);
  });

  it('the refusal to turn identifiers off names the orders awaiting dispatch that hold them, so the manager knows which to open', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 8, ['A', 'B', 'C', 'D', 'E', 'F']);
    const orders = ['SO-5', 'SO-1', 'SO-2', 'SO-4', 'SO-3'].map((number) => bench.order(number, [['SU', 1]]));
    const values = ['B', 'A', 'C', 'D', 'E'];
    bench.ok('saveAllocations', { allocations: [{ lineId: orders[1]!.lineIds[0]!, unit: 1, value: 'A' }] });
    const before = bench.snapshot();
    expect(bench.refused('setIdentifierMode', { productId: su, mode: 'none' }).message).toBe(
      'SU has 1 identifier allocation on an order awaiting dispatch (SO-1); clear it before turning identifiers off.',
    );
    expect(bench.snapshot()).toEqual(before);
    orders.forEach((order, i) => {
      if (i !== 1) bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: values[i]! }] });
    });
    expect(bench.refused('setIdentifierMode', { productId: su, mode: 'none' }).message).toBe(
      'SU has 5 identifier allocations on 5 orders awaiting dispatch (SO-1, SO-2, SO-3 and 2 more); clear them before turning identifiers off.',
    );
  });

  it('refuses single use when a value is allocated to several units, or there are more identifiers than stock', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 3, ['L1', 'L2']);
    const order = bench.order('SO-1', [['MU', 2]]);
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: order.lineIds[0]!, unit: 1, value: 'L1' },
        { lineId: order.lineIds[0]!, unit: 2, value: 'L1' },
      ],
    });
    expect(bench.refused('setIdentifierMode', { productId: mu, mode: 'single_use' }).message).toContain('"L1" is already allocated to 2');
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 2, value: 'L2' }] });

    const many = bench.product('MANY', 'multiple_use', 1, ['M1', 'M2']);
    expect(bench.refused('setIdentifierMode', { productId: many, mode: 'single_use' }).message).toContain('Remove 1 of them');

    // now each value is on one unit: single use is fine, and the allocations become single use
    const product = bench.ok('setIdentifierMode', { productId: mu, mode: 'single_use' });
    expect(product.identifierCounts).toEqual({ available: 0, allocated: 2, consumed: 0 });
    expect(bench.count('SELECT count(*) FROM allocations WHERE single_use = 1')).toBe(2);
  });

  it('refuses single use for a None product holding too many kept identifiers, naming where to remove them', () => {
    const bench = openTestBench();
    const kept = bench.product('KEPT', 'multiple_use', 1, ['K1', 'K2', 'K3']);
    bench.ok('setIdentifierMode', { productId: kept, mode: 'none' });
    const refusal = bench.refused('setIdentifierMode', { productId: kept, mode: 'single_use' });
    expect(refusal.message).toContain('Remove 2 of them');
    expect(refusal.message).toContain('"Manually Update Serial Numbers"');
    expect(refusal.message).toContain('raise the stock level to 3');
    expect(bench.ok('getProduct', { productId: kept }).identifierMode).toBe('none');
    // Removed where the refusal says (the grid of the kept identifiers): single use is taken.
    const boxes = bench.ok('getSerialGrid', { productId: kept }).boxes;
    bench.ok('saveSerialGrid', { productId: kept, edits: boxes.slice(1).map((b) => ({ box: b.box, identifierId: b.identifierId, value: '' })) });
    expect(bench.ok('setIdentifierMode', { productId: kept, mode: 'single_use' }).identifierCounts).toEqual({ available: 1, allocated: 0, consumed: 0 });
  });

  it('counts identifiers already dispatched as consumed when a multiple-use product becomes single use', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 3, ['L1', 'L2', 'L3']);
    const order = bench.order('SO-1', [['MU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'L1' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    // stock 2; L1 went out with SO-1, so two identifiers remain for two units
    const product = bench.ok('setIdentifierMode', { productId: mu, mode: 'single_use' });
    expect(product.identifierCounts).toEqual({ available: 2, allocated: 0, consumed: 1 });
    expect(product.stockLevel).toBe(2);
    const grid = bench.ok('getSerialGrid', { productId: mu });
    expect(grid.boxes.map((b) => b.value)).toEqual(['L2', 'L3']);
  });

  it('single use to multiple use keeps allocations and lets values repeat from then on', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const o1 = bench.order('SO-1', [['SU', 1]]);
    const o2 = bench.order('SO-2', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'A' }] });
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: o2.lineIds[0]!, unit: 1, value: 'A' }] }).code).toBe('validation');
    bench.ok('setIdentifierMode', { productId: su, mode: 'multiple_use' });
    bench.ok('saveAllocations', { allocations: [{ lineId: o2.lineIds[0]!, unit: 1, value: 'A' }] });
    expect(bench.count('SELECT count(*) FROM allocations WHERE single_use = 0')).toBe(2);
    // and back to single use is refused now that "A" is on two units
    expect(bench.refused('setIdentifierMode', { productId: su, mode: 'single_use' }).code).toBe('conflict');
  });

  it('counts in its refusals read "1 unit" and "1 identifier", never "1 units" (read aloud to the packer)', () => {
    const bench = openTestBench();
    const one = bench.product('ONE', 'multiple_use', 1, ['L-1', 'L-2']);
    expect(bench.refused('setIdentifierMode', { productId: one, mode: 'single_use' }).message).toBe(
      'ONE cannot become single use: it has 2 identifiers not yet dispatched for 1 unit in stock. ' +
        'Remove 1 of them (clear its box under "Manually Update Serial Numbers" on the product screen and save), ' +
        'or raise the stock level to 2 if that many units are in stock.',
    );
    const none = bench.product('NIL', 'multiple_use', 0, ['L-9']);
    expect(bench.refused('setIdentifierMode', { productId: none, mode: 'single_use' }).message).toContain(
      'it has 1 identifier not yet dispatched for 0 units in stock. Remove 1 of them (clear its box',
    );
    const su = bench.product('SU1', 'single_use', 2, ['A', 'B']);
    expect(bench.refused('changeStockLevel', { productId: su, newStockLevel: 3, newIdentifiers: [] }).message).toBe(
      'SU1 is single use: enter one identifier for the new unit (got 0).',
    );
    expect(bench.ok('getProduct', { productId: one }).identifierMode).toBe('multiple_use');
    expect(bench.ok('getProduct', { productId: su }).stockLevel).toBe(2);
    // Stock figures with thousands separated, one unit said as one.
    const bulk = bench.product('BULK', 'multiple_use', 1_200, []);
    expect(bench.refused('changeStockLevel', { productId: bulk, newStockLevel: 1_201, newIdentifiers: ['L-1', 'L-2'] }).message).toBe(
      '2 identifiers were entered for 1 new unit of BULK.',
    );
    expect(bench.refused('changeStockLevel', { productId: bulk, newStockLevel: 1_100, newIdentifiers: ['L-1'] }).message).toBe(
      'New identifiers are only taken when the stock level goes up (BULK: 1,200 → 1,100).',
    );
    expect(bench.refused('changeStockLevel', { productId: bulk, newStockLevel: 1_300, newIdentifiers: ['L-1'], newIdentifierDates: ['2026-12-31', '2027-01-31'] }).message).toBe(
      '2 use-by dates were sent for 1 new identifier of BULK.',
    );
    expect(bench.ok('getProduct', { productId: bulk }).stockLevel).toBe(1_200);
  });
});

describe('changeStockLevel below the units allocated', () => {
  it('refuses a single-use level below the units allocated to orders awaiting dispatch, naming them', () => {
    const bench = openTestBench();
    const su = bench.product('SU-ALLOC', 'single_use', 4, ['A', 'B', 'C', 'D']);
    const order = bench.order('SO-9', [['SU-ALLOC', 3]]);
    bench.ok('saveAllocations', {
      allocations: [1, 2, 3].map((unit, i) => ({ lineId: order.lineIds[0]!, unit, value: ['A', 'B', 'C'][i]! })),
    });
    const ops = bench.outboxOps().length;
    // Only D is available: naming it cannot reach 1, so the refusal must say why, not "name 3".
    const error = bench.refused('changeStockLevel', { productId: su, newStockLevel: 1, leavingIdentifiers: ['D'] });
    expect(error.message).toBe(
      'SU-ALLOC has 3 units allocated to orders awaiting dispatch: the stock level cannot go below 3 until those allocations are cleared or dispatched.',
    );
    expect(bench.ok('getProduct', { productId: su }).stockLevel).toBe(4);
    expect(bench.outboxOps()).toHaveLength(ops);
  });

  it('takes a multiple-use level below its units allocated: dispatch then refuses what stock cannot cover, in words, and stock never goes below 0', () => {
    // A multiple-use value is not a unit (one value goes on many units), so allocating it holds no stock,
    // as an order of a product without identifiers holds none: the stock change is taken, and Complete
    // Order says, on the line, how many are in stock; what stock covers can go out.
    const bench = openTestBench();
    const mu = bench.product('MU-ALLOC', 'multiple_use', 4, ['A']);
    const order = bench.order('SO-9', [['MU-ALLOC', 3]]);
    bench.ok('saveAllocations', { allocations: [1, 2, 3].map((unit) => ({ lineId: order.lineIds[0]!, unit, value: 'A' })) });
    expect(bench.ok('changeStockLevel', { productId: mu, newStockLevel: 1 }).stockLevel).toBe(1);
    const lineId = order.lineIds[0]!;
    const refused = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 3 }] });
    expect(refused.issues).toEqual([{ where: 'MU-ALLOC (line 1)', lineId, message: 'Only 1 of MU-ALLOC in stock; 3 to dispatch.' }]);
    expect(bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 1 }] }).status).toBe('dispatched');
    expect(bench.ok('getProduct', { productId: mu }).stockLevel).toBe(0);
    expect(bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId, quantity: 1 }] }).issues[0]?.message).toBe('Only 0 of MU-ALLOC in stock; 1 to dispatch.');
  });
});
