/**
 * getDispatchedUnits: for a list of orders, how many units of each line are dispatched, in one read,
 * so the allocation dialog learns of part of a line dispatched elsewhere without reading each order.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ORDERS_PER_DISPATCHED_UNITS_READ } from '../../shared/contract/schemas.js';
import { pullApplierOn } from '../sync/pull-applier.js';
import { openTestBench } from './helpers.js';

function setUp() {
  const bench = openTestBench();
  bench.product('SU', 'single_use', 6, ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
  bench.product('MU', 'multiple_use', 10, ['LOT-1']);
  bench.product('NONE', 'none', 10);
  const o1 = bench.order('SO-1', [['SU', 3], ['NONE', 2], ['MU', 2]]);
  const o2 = bench.order('SO-2', [['SU', 1]]);
  const o3 = bench.order('SO-3', [['MU', 1]]);
  return { bench, o1, o2, o3 };
}

describe('getDispatchedUnits', () => {
  it('answers nothing for orders with no unit dispatched', () => {
    const { bench, o1, o2, o3 } = setUp();
    expect(bench.ok('getDispatchedUnits', { orderIds: [o1.id, o2.id, o3.id] })).toEqual({ orders: [] });
  });

  it('names the lines with units dispatched and how many, with their order still awaiting or dispatched', () => {
    const { bench, o1, o2, o3 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }, { lineId: o1.lineIds[0]!, unit: 2, value: 'S2' }, { lineId: o2.lineIds[0]!, unit: 1, value: 'S3' }] });
    // Part of SO-1 (2 of 3 phones and 1 of 2 cables), all of SO-2.
    bench.ok('completeOrder', { orderId: o1.id, lines: [{ lineId: o1.lineIds[0]!, quantity: 2 }, { lineId: o1.lineIds[1]!, quantity: 1 }] });
    bench.ok('completeOrder', { orderId: o2.id, lines: [{ lineId: o2.lineIds[0]!, quantity: 1 }] });
    const answer = bench.ok('getDispatchedUnits', { orderIds: [o3.id, o2.id, o1.id, o1.id] });
    expect(answer).toEqual({
      orders: [
        { orderId: o1.id, status: 'awaiting', lines: [{ lineId: o1.lineIds[0]!, dispatched: 2 }, { lineId: o1.lineIds[1]!, dispatched: 1 }] },
        { orderId: o2.id, status: 'dispatched', lines: [{ lineId: o2.lineIds[0]!, dispatched: 1 }] },
      ],
    });
  });

  it('names an order no longer awaiting though none of its lines was dispatched (the hub took its lines away)', () => {
    const { bench, o2, o3 } = setUp();
    // A pull brings SO-3 with no lines: its line, never dispatched, goes, and with no open line the order is no longer awaiting.
    // This bench's ops so far were pushed and acknowledged (a pull waits for that).
    bench.writer.prepare(`UPDATE outbox SET acked_at = '2026-01-01T00:00:00Z' WHERE acked_at IS NULL`).run();
    const { applier } = pullApplierOn(bench);
    expect(applier.applyPage([{ kind: 'order', changeId: 60, orderNumber: 'SO-3', customer: 'C', version: 2, lines: [] }], 'c1')).toMatchObject({ quarantined: 0 });
    expect(bench.ok('listAwaitingOrderIds', { among: [o2.id, o3.id] }).ids).toEqual([o2.id]);
    expect(bench.ok('getDispatchedUnits', { orderIds: [o2.id, o3.id] })).toEqual({ orders: [{ orderId: o3.id, status: 'dispatched', lines: [] }] });
  });

  it('refuses an unknown order by its id, and changes nothing', () => {
    const { bench, o1 } = setUp();
    const error = bench.refused('getDispatchedUnits', { orderIds: [o1.id, 999] });
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No order with id 999');
  });

  it('refuses more orders than one read carries, naming the bound, and none', () => {
    const { bench, o1 } = setUp();
    const over = Array.from({ length: MAX_ORDERS_PER_DISPATCHED_UNITS_READ + 1 }, (_, i) => i + 1);
    const error = bench.refused('getDispatchedUnits', { orderIds: over });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(`orderIds takes at most ${MAX_ORDERS_PER_DISPATCHED_UNITS_READ.toLocaleString('en-US')} orders at once; ask in parts`);
    expect(bench.refused('getDispatchedUnits', { orderIds: [] }).code).toBe('invalid_argument');
    expect(bench.ok('getDispatchedUnits', { orderIds: [o1.id] })).toEqual({ orders: [] });
  });

  it('reads 5,000 orders at once in one statement', () => {
    const bench = openTestBench();
    bench.product('MU', 'multiple_use', 1, ['LOT-A']);
    const rows: Array<Array<string | number>> = [];
    for (let n = 0; n < MAX_ORDERS_PER_DISPATCHED_UNITS_READ; n++) rows.push([`SO-${10000 + n}`, 'C', 'MU', 2]);
    bench.importRows({ 'orders.csv': rows });
    const ids = bench.ok('listAwaitingOrderIds', {}).ids;
    expect(ids).toHaveLength(MAX_ORDERS_PER_DISPATCHED_UNITS_READ);
    const last = bench.ok('getOrder', { orderId: ids[ids.length - 1]! });
    bench.ok('saveAllocations', { allocations: [{ lineId: last.lines[0]!.lineId, unit: 1, value: 'LOT-A' }] });
    bench.ok('completeOrder', { orderId: last.id, lines: [{ lineId: last.lines[0]!.lineId, quantity: 1 }] });
    const started = performance.now();
    const answer = bench.ok('getDispatchedUnits', { orderIds: ids });
    expect(performance.now() - started).toBeLessThan(1000); // a sanity guard; npm run bench measures speed
    expect(answer.orders).toEqual([{ orderId: last.id, status: 'awaiting', lines: [{ lineId: last.lines[0]!.lineId, dispatched: 1 }] }]);
  });
});
