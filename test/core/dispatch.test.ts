/**
 * Completing an order: identifiers needed, partial dispatch, stock arithmetic, consumption of
 * single-use identifiers, dispatch history, over-dispatch; plus the order list and details.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench, type TestBench } from './helpers.js';

function setUp() {
  const bench = openTestBench();
  const su = bench.product('SU', 'single_use', 5, ['S1', 'S2', 'S3', 'S4', 'S5']);
  const mu = bench.product('MU', 'multiple_use', 20, ['LOT-A', 'lot-a']);
  const none = bench.product('NONE', 'none', 10);
  const order = bench.order('SO-1', [['SU', 3], ['MU', 2], ['NONE', 4]], 'Ada');
  const [suLine, muLine, noneLine] = order.lineIds as [number, number, number];
  return { bench, su, mu, none, order, suLine, muLine, noneLine };
}

function stock(bench: TestBench, productId: number): number {
  return bench.ok('getProduct', { productId }).stockLevel;
}

describe('completeOrder', () => {
  it('answers "identifiers needed" listing every unit without one, and changes nothing', () => {
    const { bench, order, suLine, muLine, noneLine } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: suLine, unit: 2, value: 'S2' }] });
    const before = bench.snapshot();
    const result = bench.ok('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: suLine, quantity: 3 }, { lineId: muLine, quantity: 1 }, { lineId: noneLine, quantity: 4 }],
    });
    expect(result).toEqual({
      status: 'identifiers_needed',
      missing: [
        { orderId: order.id, orderNumber: 'SO-1', lineId: suLine, sku: 'SU', unit: 1 },
        { orderId: order.id, orderNumber: 'SO-1', lineId: suLine, sku: 'SU', unit: 3 },
        { orderId: order.id, orderNumber: 'SO-1', lineId: muLine, sku: 'MU', unit: 1 },
      ],
      missingCount: 3,
    });
    expect(bench.snapshot()).toEqual(before);
  });

  it('dispatches the next units in order: a partial dispatch needs only those units', () => {
    const { bench, order, suLine } = setUp();
    // unit 2 has an identifier, unit 1 not: dispatching 1 takes unit 1
    bench.ok('saveAllocations', { allocations: [{ lineId: suLine, unit: 2, value: 'S2' }] });
    const result = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 1 }] });
    expect(result).toMatchObject({ status: 'identifiers_needed', missing: [{ lineId: suLine, unit: 1 }] });
  });

  it('records a partial dispatch: stock, consumption, history, the order stays awaiting with the rest', () => {
    const { bench, su, mu, none, order, suLine, muLine, noneLine } = setUp();
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: suLine, unit: 1, value: 'S4' },
        { lineId: suLine, unit: 2, value: 'S1' },
        { lineId: suLine, unit: 3, value: 'S5' },
        { lineId: muLine, unit: 1, value: 'lot-a' },
      ],
    });
    const ops = bench.outboxOps().length;
    const audits = bench.auditActions().length;
    const result = bench.ok('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: suLine, quantity: 2 }, { lineId: muLine, quantity: 1 }, { lineId: noneLine, quantity: 0 }],
    });
    if (result.status !== 'dispatched') throw new Error('not dispatched');
    expect(result.order.status).toBe('awaiting');
    expect(result.order.lines.map((l) => [l.sku, l.ordered, l.dispatched, l.remaining])).toEqual([
      ['SU', 3, 2, 1],
      ['MU', 2, 1, 1],
      ['NONE', 4, 0, 4],
    ]);
    expect(result.order.lines[0]!.allocations).toEqual([
      { unit: 1, identifierId: expect.any(Number), value: 'S4', dispatched: true, useBy: null },
      { unit: 2, identifierId: expect.any(Number), value: 'S1', dispatched: true, useBy: null },
      { unit: 3, identifierId: expect.any(Number), value: 'S5', dispatched: false, useBy: null },
    ]);
    expect(result.order.dispatches).toEqual([
      {
        dispatchId: result.dispatchId,
        at: expect.any(String),
        stationId: bench.ok('getBenchInfo', {}).stationId,
        stationName: 'Test bench',
        lines: [
          { lineId: suLine, sku: 'SU', quantity: 2, identifiers: ['S4', 'S1'], useBy: [null, null] },
          { lineId: muLine, sku: 'MU', quantity: 1, identifiers: ['lot-a'], useBy: [null] },
        ],
      },
    ]);
    expect(result.order).toMatchObject({ unitsOrdered: 9, unitsRemaining: 6, trackedUnitsRemaining: 2, unitsMissingIdentifiers: 1 });
    expect([stock(bench, su), stock(bench, mu), stock(bench, none)]).toEqual([3, 19, 10]);
    expect(bench.ok('getProduct', { productId: su }).identifierCounts).toEqual({ available: 2, allocated: 1, consumed: 2 });
    expect(bench.ok('getProduct', { productId: mu }).identifierCounts).toEqual({ available: 2, allocated: 0, consumed: 0 });
    expect(bench.outboxOps().slice(ops)).toEqual([
      {
        type: 'order.dispatch',
        orderNumber: 'SO-1',
        dispatchUid: expect.any(String),
        lines: [
          { lineNo: 1, sku: 'SU', quantity: 2, units: [{ unit: 1, value: 'S4' }, { unit: 2, value: 'S1' }] },
          { lineNo: 2, sku: 'MU', quantity: 1, units: [{ unit: 1, value: 'lot-a' }] },
        ],
      },
    ]);
    expect(bench.auditActions().slice(audits)).toEqual(['order.dispatch']);
    expect(bench.ok('listAwaitingOrders', {}).items.map((o) => o.orderNumber)).toEqual(['SO-1']);

    // the rest: allocate the MU unit, dispatch everything left
    bench.ok('saveAllocations', { allocations: [{ lineId: muLine, unit: 2, value: 'LOT-A' }] });
    const rest = bench.ok('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: suLine, quantity: 1 }, { lineId: muLine, quantity: 1 }, { lineId: noneLine, quantity: 4 }],
    });
    if (rest.status !== 'dispatched') throw new Error('not dispatched');
    expect(rest.order.status).toBe('dispatched');
    expect(rest.order.unitsRemaining).toBe(0);
    expect(rest.order.dispatches).toHaveLength(2);
    expect([stock(bench, su), stock(bench, mu), stock(bench, none)]).toEqual([2, 18, 6]);
    expect(bench.ok('listAwaitingOrders', {}).total).toBe(0);
    expect(bench.fail('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 1 }] }).code).toBe('conflict');
  });

  it('keeps single-use stock equal to the identifiers not consumed', () => {
    const { bench, su, order, suLine } = setUp();
    bench.ok('saveAllocations', {
      allocations: [1, 2, 3].map((unit) => ({ lineId: suLine, unit, value: `S${unit}` })),
    });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 3 }] });
    const product = bench.ok('getProduct', { productId: su });
    expect(product.stockLevel).toBe(2);
    expect(product.identifierCounts.available + product.identifierCounts.allocated).toBe(product.stockLevel);
    expect(bench.ok('getSerialGrid', { productId: su }).boxes.map((b) => b.value)).toEqual(['S4', 'S5']);
  });

  it('never lets a consumed single-use identifier be allocated again, and answers who got it', () => {
    const { bench, order, suLine } = setUp();
    const other = bench.order('SO-2', [['SU', 1]], 'Grace');
    bench.ok('saveAllocations', { allocations: [{ lineId: suLine, unit: 1, value: 'S3' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 1 }] });
    expect(bench.refused('saveAllocations', { allocations: [{ lineId: other.lineIds[0]!, unit: 1, value: 'S3' }] }).issues[0]!.message).toContain(
      'already dispatched with order SO-1',
    );
    const lookup = bench.ok('lookupIdentifier', { value: 'S3\r\n' });
    expect(lookup.value).toBe('S3');
    expect(lookup.matches).toEqual([
      expect.objectContaining({
        sku: 'SU',
        status: 'consumed',
        identifierMode: 'single_use',
        orders: [{ orderId: order.id, orderNumber: 'SO-1', customer: 'Ada', lineNo: 1, unit: 1, dispatched: true, at: expect.any(String), dispatchedBy: 'Test bench' }],
      }),
    ]);
  });

  it('says how many units remain in words: "1 unit remains", never "unit(s)"', () => {
    const { bench, order, noneLine } = setUp();
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 3 }] });
    const before = bench.snapshot();
    const error = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 2 }] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'NONE (line 3)', message: 'Only 1 unit remains to dispatch; 2 entered.' })]);
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses over-dispatch, a line of another order, a line twice, nothing to dispatch, and too little stock', () => {
    const { bench, su, order, suLine, noneLine } = setUp();
    const other = bench.order('SO-2', [['NONE', 1]]);
    let error = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 5 }] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'NONE (line 3)', message: 'Only 4 units remain to dispatch; 5 entered.' })]);
    error = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: other.lineIds[0]!, quantity: 1 }] });
    expect(error.issues[0]!.message).toContain('not on order SO-1');
    error = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 1 }, { lineId: noneLine, quantity: 1 }] });
    expect(error.issues[0]!.message).toContain('twice');
    expect(bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 0 }] }).code).toBe('validation');
    expect(bench.fail('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: -1 }] }).code).toBe('invalid_argument');
    expect(bench.fail('completeOrder', { orderId: 999, lines: [{ lineId: noneLine, quantity: 1 }] }).code).toBe('not_found');

    // stock: NONE has 10; two orders together cannot take more than that
    const big = bench.order('SO-3', [['NONE', 8]]);
    bench.ok('completeOrder', { orderId: big.id, lines: [{ lineId: big.lineIds[0]!, quantity: 8 }] });
    error = bench.refused('completeOrder', { orderId: order.id, lines: [{ lineId: noneLine, quantity: 4 }] });
    expect(error.issues[0]!.message).toBe('Only 2 of NONE in stock; 4 to dispatch.');
    // Large figures read as a packer reads them.
    bench.product('BULK', 'none', 1_500);
    const bulk = bench.order('SO-B', [['BULK', 2_000]]);
    error = bench.refused('completeOrder', { orderId: bulk.id, lines: [{ lineId: bulk.lineIds[0]!, quantity: 2_000 }] });
    expect(error.issues[0]!.message).toBe('Only 1,500 of BULK in stock; 2,000 to dispatch.');

    // single-use: stock lowered under the order's needs
    bench.ok('saveAllocations', { allocations: [{ lineId: suLine, unit: 1, value: 'S1' }, { lineId: suLine, unit: 2, value: 'S2' }] });
    bench.ok('changeStockLevel', { productId: su, newStockLevel: 2, leavingIdentifiers: ['S3', 'S4', 'S5'] });
    expect(bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 2 }] }).status).toBe('dispatched');
    expect(stock(bench, su)).toBe(0);
  });

  it('saves the boxes sent with "Complete Order" and dispatches them in one step', () => {
    const { bench, order, suLine, muLine } = setUp();
    const result = bench.ok('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: suLine, quantity: 2 }, { lineId: muLine, quantity: 1 }],
      allocations: [
        { lineId: suLine, unit: 1, value: 'S3' },
        { lineId: suLine, unit: 2, value: 'S1' },
        { lineId: muLine, unit: 1, value: 'LOT-A' },
      ],
    });
    expect(result.status).toBe('dispatched');
    if (result.status !== 'dispatched') return;
    expect(result.order.dispatches.map((d) => d.lines.map((l) => [l.sku, l.quantity, l.identifiers]))).toEqual([
      [['SU', 2, ['S3', 'S1']], ['MU', 1, ['LOT-A']]],
    ]);
    expect(bench.ok('lookupIdentifier', { value: 'S3' }).matches[0]?.status).toBe('consumed');
    expect(bench.ok('lookupIdentifier', { value: 'S2' }).matches[0]?.status).toBe('available');
    // The history tells the same story as two separate steps would.
    const kinds = bench.ok('getIdentifierHistory', { value: 'S3' }).events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['allocated', 'dispatched']));
  });

  it('saves none of the boxes sent with "Complete Order" when the order cannot be completed', () => {
    const { bench, order, suLine, muLine } = setUp();
    const before = bench.snapshot();
    // Unit 2 still has no identifier: identifiers needed, and unit 1's box is not kept either.
    const needed = bench.ok('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: suLine, quantity: 2 }],
      allocations: [{ lineId: suLine, unit: 1, value: 'S1' }],
    });
    expect(needed).toEqual({ status: 'identifiers_needed', missing: [{ orderId: order.id, orderNumber: 'SO-1', lineId: suLine, sku: 'SU', unit: 2 }], missingCount: 1 });
    expect(bench.snapshot()).toEqual(before);
    // A box that needs fixing is named; the order is not dispatched and nothing is saved.
    const refused = bench.refused('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: suLine, quantity: 1 }],
      allocations: [{ lineId: suLine, unit: 1, value: 'NOPE' }],
    });
    expect(refused.issues).toEqual([expect.objectContaining({ lineId: suLine, unit: 1, message: '"NOPE" is not a pre-entered identifier of SU.' })]);
    // Too much to dispatch: the boxes are not saved either.
    bench.refused('completeOrder', {
      orderId: order.id,
      lines: [{ lineId: muLine, quantity: 3 }],
      allocations: [{ lineId: suLine, unit: 1, value: 'S1' }],
    });
    expect(bench.snapshot()).toEqual(before);
  });

  it('counts stock per product across lines of the same product', () => {
    const bench = openTestBench();
    bench.product('NONE', 'none', 3);
    const order = bench.order('SO-1', [['NONE', 2], ['NONE', 2]]);
    const error = bench.refused('completeOrder', {
      orderId: order.id,
      lines: order.lineIds.map((lineId) => ({ lineId, quantity: 2 })),
    });
    expect(error.issues[0]!.message).toBe('Only 3 of NONE in stock; 4 to dispatch.');
  });
});

describe('orders list and details', () => {
  it('lists awaiting orders with figures, searches by number, customer and sku, pages with a total', () => {
    const bench = openTestBench();
    bench.product('PHN-X1', 'single_use', 5, ['I1', 'I2']);
    bench.product('CBL', 'none', 5);
    bench.order('SO-1001', [['PHN-X1', 2], ['CBL', 1]], 'Ada Lovelace');
    bench.order('SO-1002', [['CBL', 3]], 'Grace Hopper');
    bench.order('WEB-77', [['CBL', 1]], 'Alan 100%');
    const first = bench.ok('listAwaitingOrders', {});
    expect(first.total).toBe(3);
    expect(first.items[0]).toMatchObject({
      orderNumber: 'SO-1001',
      customer: 'Ada Lovelace',
      status: 'awaiting',
      lineCount: 2,
      unitsOrdered: 3,
      unitsRemaining: 3,
      trackedUnitsRemaining: 2,
      unitsMissingIdentifiers: 2,
    });
    const numbers = (query: string) => bench.ok('listAwaitingOrders', { query }).items.map((o) => o.orderNumber);
    expect(numbers('SO-')).toEqual(['SO-1001', 'SO-1002']);
    // Order numbers match anywhere, as customers quote them ("my order 1002"); SKUs from the start.
    expect(numbers('1002')).toEqual(['SO-1002']);
    expect(numbers('b-7')).toEqual(['WEB-77']);
    expect(numbers('HN')).toEqual([]);
    expect(numbers('hopper')).toEqual(['SO-1002']);
    expect(numbers('PHN')).toEqual(['SO-1001']);
    expect(numbers('CBL')).toEqual(['SO-1001', 'SO-1002', 'WEB-77']);
    expect(numbers('%')).toEqual(['WEB-77']);
    expect(numbers(' WEB-77\r\n')).toEqual(['WEB-77']);
    const page = bench.ok('listAwaitingOrders', { query: 'CBL', offset: 1, limit: 1 });
    expect([page.total, page.items.map((o) => o.orderNumber)]).toEqual([3, ['SO-1002']]);
    expect(bench.ok('listAwaitingOrderIds', { query: 'SO-' }).ids).toHaveLength(2);
    expect(bench.ok('findOrderByNumber', { orderNumber: 'SO-1002\r' }).order?.customer).toBe('Grace Hopper');
    expect(bench.ok('findOrderByNumber', { orderNumber: 'so-1002' }).order).toBeNull();
    expect(bench.fail('getOrder', { orderId: 99 }).code).toBe('not_found');
  });

  it('answers which of the asked order ids still await dispatch, and only those, past SQLite\'s parameter limit too', () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 5);
    const a = bench.order('SO-1', [['CBL', 1]]);
    const b = bench.order('SO-2', [['CBL', 1]]);
    bench.order('SO-3', [['CBL', 1]]);
    expect(bench.ok('completeOrder', { orderId: b.id, lines: [{ lineId: b.lineIds[0]!, quantity: 1 }] }).status).toBe('dispatched');
    expect(bench.ok('listAwaitingOrderIds', { among: [b.id, a.id] }).ids).toEqual([a.id]);
    expect(bench.ok('listAwaitingOrderIds', { among: [] }).ids).toEqual([]);
    // More ids than SQLite takes as parameters (32,766): a select-all of a long list.
    const many = Array.from({ length: 40_000 }, (_, i) => i + 1);
    expect(bench.ok('listAwaitingOrderIds', { among: many }).ids).toEqual([a.id, a.id + 2]);
  });

  it('finds an order by number ignoring case only when asked, exact first, and none when several differ only in case', () => {
    const bench = openTestBench();
    bench.product('CBL', 'none', 5);
    bench.order('SO-1', [['CBL', 1]], 'Ada Lovelace');
    bench.order('WEB-7', [['CBL', 1]], 'Edsger Dijkstra');
    bench.order('web-7', [['CBL', 1]], 'Barbara Liskov');
    const find = (orderNumber: string, ignoreCase?: boolean) => bench.ok('findOrderByNumber', ignoreCase === undefined ? { orderNumber } : { orderNumber, ignoreCase });
    expect(find('so-1').order).toBeNull();
    expect([find('so-1 ', true).order?.orderNumber, find('so-1', true).caseVariants]).toEqual(['SO-1', []]);
    expect(find('web-7', true).order?.customer).toBe('Barbara Liskov');
    expect(find('WEB-7', true).order?.customer).toBe('Edsger Dijkstra');
    expect(find('Web-7', true)).toEqual({ order: null, caseVariants: ['WEB-7', 'web-7'] });
    expect(find('so-2', true)).toEqual({ order: null, caseVariants: [] });
  });
});

describe('order details', () => {
  it('carry the same figures as the order list at every step, and each dispatch its own lines and identifiers', () => {
    const { bench, order, suLine, muLine, noneLine } = setUp();
    const figuresAgree = () => {
      const { lines: _lines, dispatches: _dispatches, ...details } = bench.ok('getOrder', { orderId: order.id });
      expect(details).toEqual(bench.ok('findOrderByNumber', { orderNumber: 'SO-1' }).order);
    };
    figuresAgree();
    bench.ok('saveAllocations', { allocations: [{ lineId: suLine, unit: 1, value: 'S4' }, { lineId: suLine, unit: 3, value: 'S2' }, { lineId: muLine, unit: 1, value: 'LOT-A' }] });
    figuresAgree();
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 1 }, { lineId: muLine, quantity: 1 }, { lineId: noneLine, quantity: 3 }] });
    figuresAgree();
    bench.ok('saveAllocations', { allocations: [{ lineId: suLine, unit: 2, value: 'S1' }, { lineId: muLine, unit: 2, value: 'LOT-A' }] });
    const last = bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 2 }, { lineId: muLine, quantity: 1 }, { lineId: noneLine, quantity: 1 }] });
    figuresAgree();
    expect(last).toMatchObject({ status: 'dispatched', order: { status: 'dispatched', unitsRemaining: 0, unitsMissingIdentifiers: 0 } });
    const dispatches = bench.ok('getOrder', { orderId: order.id }).dispatches.map((d) => d.lines.map(({ sku, quantity, identifiers }) => ({ sku, quantity, identifiers })));
    expect(dispatches).toEqual([
      [{ sku: 'SU', quantity: 1, identifiers: ['S4'] }, { sku: 'MU', quantity: 1, identifiers: ['LOT-A'] }, { sku: 'NONE', quantity: 3, identifiers: [] }],
      [{ sku: 'SU', quantity: 2, identifiers: ['S1', 'S2'] }, { sku: 'MU', quantity: 1, identifiers: ['LOT-A'] }, { sku: 'NONE', quantity: 1, identifiers: [] }],
    ]);
  });
});
