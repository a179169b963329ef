import { describe, expect, it } from 'vitest';
import type { PullChange } from '../../shared/sync/protocol.js';
import { PUSH_TURN_LOCK } from '../../hub/push/push.js';
import { waitFor } from '../sync/proxy.js';
import { order, product, useHubFixture, warehouse } from './fixture.js';

// Issue 12 (hub migration 0009): products carry their identifier kind, format and minimum shelf life.
const NO_SPEC = { identifierKind: 'other', identifierFormat: null, minShelfLifeDays: null } as const;
const fx = useHubFixture();

/** The change without its id (which only orders a row's states, see changeIds). */
function withoutId(change: PullChange): PullChange {
  if (change.kind === 'dispatch') return change;
  const { changeId: _changeId, ...rest } = change;
  return rest;
}

/** The latest change per row key: what a bench holds after applying the changes in order. */
function latest(changes: PullChange[]): Map<string, PullChange> {
  const state = new Map<string, PullChange>();
  for (const change of changes) {
    const c = withoutId(change);
    const key =
      c.kind === 'product' ? `product:${c.sku}`
      : c.kind === 'identifier' ? `identifier:${c.sku}:${c.value}`
      : c.kind === 'order' ? `order:${c.orderNumber}`
      : c.kind === 'allocation' ? `allocation:${c.orderNumber}:${c.lineNo}:${c.unit}`
      : `dispatch:${c.dispatchUid}`;
    state.set(key, c);
  }
  return state;
}

describe('pull', () => {
  it('returns the changed rows by natural key, ending in the hub state', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(
      product('P1'),
      { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2'] },
      { type: 'stock.delta', sku: 'P1', delta: 2 },
      order('O1', ['P1', 2]),
      { type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'S2' },
      { type: 'allocation.clear', orderNumber: 'O1', lineNo: 1, unit: 1 },
      {
        type: 'order.dispatch',
        orderNumber: 'O1',
        dispatchUid: 'D1',
        lines: [{ lineNo: 1, sku: 'P1', quantity: 1, units: [{ unit: 1, value: 'S1' }] }],
      },
    );
    // Another bench sees everything bench A did.
    const { changes } = await b!.pullAll();
    const state = latest(changes);
    expect(state.get('product:P1')).toEqual({ kind: 'product', sku: 'P1', title: 'Product P1', barcode: null, identifierMode: 'single_use', stockLevel: 1, ...NO_SPEC });
    expect(state.get('identifier:P1:S1')).toEqual({ kind: 'identifier', sku: 'P1', value: 'S1', status: 'consumed', useBy: null });
    expect(state.get('identifier:P1:S2')).toEqual({ kind: 'identifier', sku: 'P1', value: 'S2', status: 'available', useBy: null });
    expect(state.get('order:O1')).toEqual({
      kind: 'order',
      orderNumber: 'O1',
      customer: 'Customer',
      version: 2,
      lines: [{ lineNo: 1, sku: 'P1', quantity: 2, dispatched: 1 }],
    });
    expect(state.get('allocation:O1:1:1')).toEqual({ kind: 'allocation', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'S1', status: 'consumed' });
    expect(changes.map(withoutId)).toContainEqual({ kind: 'allocation', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'S2', status: 'cleared' });
    expect(state.get('dispatch:D1')).toMatchObject({
      kind: 'dispatch',
      orderNumber: 'O1',
      stationId: 'A',
      lines: [{ lineNo: 1, sku: 'P1', quantity: 1, units: [{ unit: 1, value: 'S1' }] }],
    });
  });

  it('gives a request\'s packing run one state per order, product and dispatched unit: the newest (hub migration 0017)', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2', 'S3'] });
    const { cursor } = await b!.pullAll();
    await a!.push(
      order('O1', ['P1', 1]),
      { type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'S1' },
      { type: 'stock.delta', sku: 'P1', delta: 5 },
      { type: 'order.dispatch', orderNumber: 'O1', dispatchUid: 'D1', lines: [{ lineNo: 1, sku: 'P1', quantity: 1, units: [{ unit: 1, value: 'S1' }] }] },
      order('O2', ['P1', 1]),
      { type: 'allocation.set', orderNumber: 'O2', lineNo: 1, unit: 1, sku: 'P1', value: 'S2' },
      { type: 'stock.delta', sku: 'P1', delta: 3 },
    );
    const { changes } = await b!.pullAll(cursor);
    expect(changes.filter((c) => c.kind === 'product').map(withoutId)).toEqual([
      { kind: 'product', sku: 'P1', title: 'Product P1', barcode: null, identifierMode: 'single_use', stockLevel: 7, ...NO_SPEC },
    ]);
    // O1's unit was dispatched in the run: consumed only; O2's is still allocated: live.
    expect(changes.filter((c) => c.kind === 'allocation').map(withoutId)).toEqual([
      { kind: 'allocation', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'S1', status: 'consumed' },
      { kind: 'allocation', orderNumber: 'O2', lineNo: 1, unit: 1, sku: 'P1', value: 'S2', status: 'live' },
    ]);
    // O1 once, dispatched, where it was first (a bench creates it there, before its units come).
    expect(changes.map((c) => c.kind)).toEqual(['order', 'allocation', 'identifier', 'dispatch', 'order', 'allocation', 'product']);
    expect(withoutId(changes[0]!)).toEqual({ kind: 'order', orderNumber: 'O1', customer: 'Customer', version: 2, lines: [{ lineNo: 1, sku: 'P1', quantity: 1, dispatched: 1 }] });
  });

  it('pages with an opaque cursor and never repeats or skips a change', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const values = Array.from({ length: 2500 }, (_, i) => `V${i}`);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values });
    const all = await a!.pullAll(undefined, 1000);
    expect(all.pages).toBe(3);
    expect(all.changes).toHaveLength(2501);
    const seen = all.changes.filter((c) => c.kind === 'identifier').map((c) => (c as { value: string }).value);
    expect(new Set(seen)).toEqual(new Set(values));

    const idle = await a!.pull(all.cursor);
    expect(idle.body).toEqual({ changes: [], cursor: all.cursor, more: false });

    await a!.push({ type: 'stock.delta', sku: 'P1', delta: 7 });
    const next = await a!.pull(all.cursor);
    expect(next.body.changes.map(withoutId)).toEqual([{ kind: 'product', sku: 'P1', title: 'Product P1', barcode: null, identifierMode: 'single_use', stockLevel: 7, ...NO_SPEC }]);
    expect(next.body.more).toBe(false);
  });

  it('does not skip a transaction that started earlier but commits later (commit-safe watermark)', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1'));
    const start = await a!.pullAll();

    const early = await fx.sql(hub);
    const late = await fx.sql(hub);
    await early.query('BEGIN');
    await early.query(`UPDATE products SET stock_level = stock_level + 1 WHERE sku = 'P1'`);
    await late.query('BEGIN');
    await late.query(
      `INSERT INTO products (warehouse_id, sku, title, identifier_mode) SELECT id, 'P2', 'Late', 'none' FROM warehouses WHERE name = 'North'`,
    );
    await late.query('COMMIT');

    // The danger a bare sequence has: the committed row's id is above the still-invisible one's.
    const ids = await (await fx.sql(hub)).query<{ id: string; sku: string }>(
      `SELECT id, payload->>'sku' AS sku FROM changes ORDER BY id DESC LIMIT 1`,
    );
    expect(ids.rows[0]!.sku).toBe('P2');

    // While the earlier transaction is open, the reader does not move past it.
    const during = await a!.pull(start.cursor);
    expect(during.body.changes).toEqual([]);
    expect(during.body.cursor).toBe(start.cursor);

    await early.query('COMMIT');
    const after = await a!.pullAll(during.body.cursor);
    expect(after.changes.map((c) => [c.kind, (c as { sku: string }).sku, (c as { stockLevel: number }).stockLevel])).toEqual([
      ['product', 'P1', 1],
      ['product', 'P2', 0],
    ]);
  });

  it('gives a row\'s newer state the larger changeId when its transaction took the older xid', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1'));
    const start = await a!.pullAll();

    // `early` takes its xid first (as a push does at its first write), `late` changes P1 and commits,
    // then `early` changes P1 on top of that.
    const early = await fx.sql(hub);
    const late = await fx.sql(hub);
    await early.query('BEGIN');
    await early.query('SELECT pg_current_xact_id()');
    await late.query(`UPDATE products SET stock_level = stock_level + 100 WHERE sku = 'P1'`);
    await early.query(`UPDATE products SET stock_level = stock_level + 10 WHERE sku = 'P1'`);
    await early.query('COMMIT');

    const after = await a!.pullAll(start.cursor);
    const stock = after.changes.map((c) => c.kind === 'product' && [c.stockLevel, c.changeId]);
    // Page order is xid order: the newer state (110) first. Its changeId tells it is the newer.
    expect(stock).toEqual([
      [110, expect.any(Number)],
      [100, expect.any(Number)],
    ]);
    const [newer, older] = stock as [number, number][];
    expect(newer![1]).toBeGreaterThan(older![1]);
  });

  it('refuses a cursor it did not issue and a limit out of range', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const badCursor = await a!.pull('not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ error: 'bad_request', message: expect.stringContaining('cursor') });
    const badLimit = await a!.pull(undefined, 100_000);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/^limit: /) });
  });

  it('gives a request that waited for its station\'s turn a place after the request that held it', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    const sql = await fx.sql(hub);
    const holder = await fx.sql(hub);
    const { id } = (await sql.query<{ id: string }>(`SELECT id FROM warehouses WHERE name = 'North'`)).rows[0]!;
    const turn = [PUSH_TURN_LOCK, `${id}/A`];
    const waiting = (n: number) =>
      waitFor(
        async () => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`)).rows[0]!.n === n,
        `${n} request(s) waiting for the station's turn`,
      );
    // A pipelining bench: its second request reaches the hub while the first one waits for (or holds)
    // the station's turn. The second names a product the first makes in a later transaction of its own.
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', turn);
    const first = a!.pushEntries(a!.entries([product('P1'), { type: 'identifier.add', sku: 'P1', values: ['SN-1'] }, product('P2')]));
    await waiting(1);
    const second = a!.pushEntries(a!.entries([order('SO-1', ['P2', 1]), order('SO-2', ['P1', 1], ['P2', 2])]));
    await waiting(2);
    await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', turn);
    expect((await first).body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await second).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // A bench joining now applies the changes in pull order: the product before the order naming it.
    const { changes } = await a!.pullAll();
    const at = (found: (c: PullChange) => boolean) => changes.findIndex(found);
    const madeP2 = at((c) => c.kind === 'product' && c.sku === 'P2');
    const orderSo1 = at((c) => c.kind === 'order' && c.orderNumber === 'SO-1');
    expect(madeP2).toBeGreaterThanOrEqual(0);
    expect(orderSo1).toBeGreaterThan(madeP2);
  });
});
