/**
 * The set path of push (migration 0008, push_set) against the per-op path (apply_op), on real
 * PostgreSQL: the same random op sequences, pushed in the same requests (resends and overlaps
 * included) to two warehouses of one database, one with the set path off. Every answer and every row
 * a bench, a puller or a trace reader can see must be the same: products, identifiers, orders and
 * lines, allocations, dispatches and dispatched units, stock movements, the change log (payloads, in
 * order, request by request), identifier events, remembered rejections and the station's seq.
 * The change log is compared with each row's states within a request made one on both sides, as
 * push_set writes them within its run (hub migration 0017; a bench keeps only a row's newest state):
 * an order's newest state in the place of its first, a product's or a unit's newest in its own place.
 */
import fc from 'fast-check';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { SyncOp } from '../../shared/sync/ops.js';
import { useHubFixture } from './fixture.js';

const fx = useHubFixture();

const TRACKED = ['S1', 'S2'] as const; // single use
const SKUS = ['S1', 'S2', 'M1', 'N1'] as const; // M1 multiple use, N1 none
const ORDERS = ['O1', 'O2', 'O3'] as const;
const value = (i: number) => `V${i}`;
const VALUES = 12;
const instant = (second: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, second)).toISOString();

/** A coherent packing group (mostly applies set-wise): a new order, its units allocated, dispatched, restocked. */
const packingGroup = fc.record({
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 2 }),
  values: fc.array(fc.integer({ min: 0, max: VALUES - 1 }), { minLength: 2, maxLength: 2 }),
  dispatch: fc.boolean(),
  sameValues: fc.boolean(),
  restock: fc.integer({ min: -2, max: 3 }),
});

const noise = fc.oneof(
  fc.record({ type: fc.constant('stock.delta' as const), sku: fc.constantFrom(...SKUS, 'NOPE'), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({
    type: fc.constant('stock.count' as const),
    sku: fc.constantFrom(...SKUS),
    level: fc.integer({ min: 0, max: 5 }),
    countedAt: fc.integer({ min: 0, max: 60 }).map(instant),
  }),
  fc.record({
    type: fc.constant('order.upsert' as const),
    orderNumber: fc.constantFrom(...ORDERS),
    customer: fc.constantFrom('Ann', 'Bob'),
    lines: fc.array(
      fc.record({ lineNo: fc.integer({ min: 1, max: 2 }), sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 2 }) }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  fc.record({
    type: fc.constant('allocation.set' as const),
    orderNumber: fc.constantFrom(...ORDERS),
    lineNo: fc.integer({ min: 1, max: 2 }),
    unit: fc.integer({ min: 1, max: 2 }),
    sku: fc.constantFrom(...SKUS),
    value: fc.integer({ min: 0, max: VALUES - 1 }).map(value),
  }),
  fc.record({
    type: fc.constant('allocation.clear' as const),
    orderNumber: fc.constantFrom(...ORDERS),
    lineNo: fc.integer({ min: 1, max: 2 }),
    unit: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    type: fc.constant('identifier.rename' as const),
    sku: fc.constantFrom(...TRACKED),
    from: fc.integer({ min: 0, max: VALUES - 1 }).map(value),
    to: fc.integer({ min: 0, max: VALUES + 2 }).map(value),
  }),
  fc.record({
    type: fc.constant('identifier.remove' as const),
    sku: fc.constantFrom(...TRACKED),
    values: fc.array(fc.integer({ min: 0, max: VALUES - 1 }).map(value), { minLength: 1, maxLength: 2 }),
  }),
  // A dispatch of a known order line with random identifiers: a single-use one twice, units that do
  // not exist, over-dispatch...
  fc.record({
    type: fc.constant('order.dispatch' as const),
    orderNumber: fc.constantFrom(...ORDERS),
    dispatchUid: fc.constantFrom('X1', 'X2', 'X3'),
    lines: fc.array(
      fc.record({
        lineNo: fc.integer({ min: 1, max: 2 }),
        sku: fc.constantFrom(...SKUS),
        quantity: fc.integer({ min: 1, max: 2 }),
        units: fc.array(fc.record({ unit: fc.integer({ min: 1, max: 2 }), value: fc.integer({ min: 0, max: VALUES - 1 }).map(value) }), {
          maxLength: 2,
        }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
);

type PackingGroup = typeof packingGroup extends fc.Arbitrary<infer T> ? T : never;
type Step = { group: PackingGroup } | { op: SyncOp };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: packingGroup.map((group) => ({ group })) },
  { weight: 2, arbitrary: noise.map((op) => ({ op: op as SyncOp })) },
);

/** Steps as ops: packing groups get fresh order numbers and dispatch uids. */
function materialise(steps: Step[]): SyncOp[] {
  const ops: SyncOp[] = [];
  steps.forEach((s, i) => {
    if ('op' in s) {
      ops.push(s.op);
      return;
    }
    const { sku, quantity, values, dispatch, sameValues, restock } = s.group;
    const orderNumber = `G${i}`;
    const units = Array.from({ length: quantity }, (_, u) => ({ unit: u + 1, value: value(values[u]!) }));
    ops.push({ type: 'order.upsert', orderNumber, customer: 'Cust', lines: [{ lineNo: 1, sku, quantity }] });
    for (const u of units) ops.push({ type: 'allocation.set', orderNumber, lineNo: 1, sku, ...u });
    if (dispatch) {
      const sent = sameValues ? units : units.map((u) => ({ ...u, value: value((Number(u.value.slice(1)) + 1) % VALUES) }));
      ops.push({ type: 'order.dispatch', orderNumber, dispatchUid: `D${i}`, lines: [{ lineNo: 1, sku, quantity, units: sent }] });
    }
    if (restock !== 0) ops.push({ type: 'stock.delta', sku, delta: restock });
  });
  return ops;
}

interface Entry {
  seq: number;
  at: string;
  actor: string;
  op: SyncOp;
}

/** Requests as a bench sends them: consecutive slices, some resent, some overlapping the last. */
const requestPlan = fc.array(fc.record({ size: fc.integer({ min: 1, max: 12 }), back: fc.integer({ min: -3, max: 2 }) }), {
  minLength: 1,
  maxLength: 12,
});

async function pushBatch(client: pg.Client, warehouseId: string, entries: Entry[]) {
  const answer = await client.query<{ p_statuses: string[]; p_reasons: (string | null)[] }>(
    'CALL push_batch($1, $2, $3, $4, NULL, NULL)',
    [warehouseId, 'bench-1', JSON.stringify(entries), entries.map(() => null)],
  );
  return answer.rows[0]!;
}

/** Everything a bench, a puller or a trace reader can see of one warehouse, without surrogate ids. */
async function snapshot(client: pg.Client, wh: string) {
  const q = async (text: string) => (await client.query(text, [wh])).rows;
  return {
    products: await q('SELECT sku, title, barcode, identifier_mode, stock_level, counted_at FROM products WHERE warehouse_id = $1 ORDER BY sku'),
    identifiers: await q(`SELECT p.sku, i.value, i.status FROM identifiers i JOIN products p ON p.id = i.product_id
      WHERE p.warehouse_id = $1 ORDER BY p.sku, i.value`),
    orders: await q('SELECT order_number, customer, version FROM orders WHERE warehouse_id = $1 ORDER BY order_number'),
    lines: await q(`SELECT o.order_number, l.line_no, p.sku, l.quantity, l.dispatched FROM order_lines l
      JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id WHERE o.warehouse_id = $1 ORDER BY 1, 2`),
    allocations: await q(`SELECT o.order_number, l.line_no, a.unit, i.value, a.single_use, a.status, a.station_id, a.at
      FROM allocations a JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id
      JOIN identifiers i ON i.id = a.identifier_id WHERE o.warehouse_id = $1 ORDER BY 1, 2, 3`),
    dispatches: await q(`SELECT d.uid, o.order_number, d.station_id, d.at, d.lines FROM dispatches d JOIN orders o ON o.id = d.order_id
      WHERE d.warehouse_id = $1 ORDER BY d.id`),
    dispatchedUnits: await q(`SELECT d.uid, u.sku, u.value, u.line_no, u.unit, u.station_id, u.dispatched_at FROM dispatched_units u
      JOIN dispatches d ON d.id = u.dispatch_id WHERE u.warehouse_id = $1 ORDER BY d.id, u.line_no, u.unit, u.value`),
    movements: await q(`SELECT p.sku, m.at, m.delta FROM stock_movements m JOIN products p ON p.id = m.product_id
      WHERE p.warehouse_id = $1 ORDER BY m.id`),
    events: await q(`SELECT station_id, seq, at, actor, kind, sku, value, order_number, line_no, unit, detail FROM identifier_events
      WHERE warehouse_id = $1 ORDER BY id`),
    rejections: await q('SELECT seq, reason FROM station_rejections WHERE warehouse_id = $1 ORDER BY seq'),
    station: await q('SELECT station_id, name, last_seq FROM stations WHERE warehouse_id = $1'),
  };
}

type Payload = Record<string, unknown>;

/** The row a product or allocation state is of; null for the kinds push_set logs state by state. */
function supersedableKey(payload: Payload): string | null {
  if (payload.kind === 'product') return JSON.stringify(['product', payload.sku]);
  if (payload.kind === 'allocation') return JSON.stringify(['allocation', payload.orderNumber, payload.lineNo, payload.unit]);
  return null;
}

/**
 * One request's change log with one state per row: an order's newest in the place of its first, a
 * product's or an allocation's newest where it is; other kinds as they are.
 */
function oneStatePerRow(payloads: Payload[]): Payload[] {
  const kept: Payload[] = [];
  const orderAt = new Map<unknown, number>();
  payloads.forEach((payload, i) => {
    if (payload.kind === 'order') {
      const at = orderAt.get(payload.orderNumber);
      if (at === undefined) orderAt.set(payload.orderNumber, kept.push(payload) - 1);
      else kept[at] = payload;
      return;
    }
    const key = supersedableKey(payload);
    if (key === null || !payloads.slice(i + 1).some((later) => supersedableKey(later) === key)) kept.push(payload);
  });
  return kept;
}

/** The change log of a warehouse written since the change `after` (a request's, when read after each). */
function changeReader(client: pg.Client, wh: string) {
  let after = '0';
  return async (): Promise<Payload[]> => {
    const rows = (await client.query<{ id: string; payload: Payload }>('SELECT id, payload FROM changes WHERE warehouse_id = $1 AND id > $2 ORDER BY id', [wh, after])).rows;
    if (rows.length > 0) after = rows[rows.length - 1]!.id;
    return rows.map((r) => r.payload);
  };
}

async function setApplied(client: pg.Client): Promise<number> {
  const row = await client.query<{ n: string | null }>("SELECT current_setting('hub.set_applied', true) AS n");
  return Number(row.rows[0]!.n || 0);
}

describe('push applied set-wise', () => {
  it('leaves exactly what the per-op path leaves, answer for answer and row for row', async () => {
    const hub = await fx.hub();
    const perOp = await fx.sql(hub);
    const setWise = await fx.sql(hub);
    await perOp.query("SET hub.set_path = 'off'");
    let run = 0;

    const seeds: SyncOp[] = [
      { type: 'product.upsert', sku: 'S1', title: 'Phone', barcode: null, identifierMode: 'single_use' },
      { type: 'product.upsert', sku: 'S2', title: 'Tablet', barcode: '123', identifierMode: 'single_use' },
      { type: 'product.upsert', sku: 'M1', title: 'Cable', barcode: null, identifierMode: 'multiple_use' },
      { type: 'product.upsert', sku: 'N1', title: 'Box', barcode: null, identifierMode: 'none' },
      ...SKUS.filter((s) => s !== 'N1').map((sku): SyncOp => ({ type: 'identifier.add', sku, values: Array.from({ length: VALUES }, (_, i) => value(i)) })),
      ...SKUS.map((sku): SyncOp => ({ type: 'stock.delta', sku, delta: 4 })),
    ];

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), requestPlan, async (steps, plan) => {
        run++;
        const warehouses: string[] = [];
        for (const client of [perOp, setWise]) {
          const wh = (await client.query<{ id: string }>('INSERT INTO warehouses (name) VALUES ($1) RETURNING id', [`W${run}-${warehouses.length}`])).rows[0]!.id;
          await client.query("INSERT INTO stations (warehouse_id, station_id, name) VALUES ($1, 'bench-1', 'Bench 1')", [wh]);
          warehouses.push(wh);
        }
        const ops = [...seeds, ...materialise(steps)];
        const entries: Entry[] = ops.map((op, i) => ({ seq: i + 1, at: instant(i), actor: i % 3 === 0 ? '' : `packer${i % 2}`, op }));
        // The seeds in one request, then the plan's requests, then everything again (duplicates, then the rest).
        const requests: Entry[][] = [entries.slice(0, seeds.length)];
        let next = seeds.length;
        for (const { size, back } of plan) {
          // back > 0 resends the last few, back < 0 leaves a gap (answered "gap", pushed again at the end).
          const from = Math.max(0, Math.min(next + 1, next - back));
          requests.push(entries.slice(from, from + size));
          next = Math.max(next, from + size);
        }
        requests.push(entries.slice(seeds.length));
        const [expectedChanges, actualChanges] = [changeReader(perOp, warehouses[0]!), changeReader(setWise, warehouses[1]!)];
        for (const request of requests.filter((r) => r.length > 0)) {
          const expected = await pushBatch(perOp, warehouses[0]!, request);
          const actual = await pushBatch(setWise, warehouses[1]!, request);
          expect(actual).toEqual(expected);
          expect(oneStatePerRow(await actualChanges())).toEqual(oneStatePerRow(await expectedChanges()));
        }
        expect(await snapshot(setWise, warehouses[1]!)).toEqual(await snapshot(perOp, warehouses[0]!));
      }),
      { numRuns: 40 },
    );

    // The comparison means something only if the set path really ran (and the per-op side never did).
    expect(await setApplied(perOp)).toBe(0);
    expect(await setApplied(setWise)).toBeGreaterThan(200);
  }, 240_000);
});
