/**
 * Sync test harness: one embedded PostgreSQL per test file, a fresh hub database per test, benches as
 * real SQLite files with the real sync engine talking real HTTP on 127.0.0.1, and views of the bench
 * and hub state in one shape so "every bench and the hub agree" is one toEqual.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startHub, type Hub, type StartHubOptions } from '../../hub/hub.js';
import { startTestPostgres, type TestPostgres } from '../../hub/testing/postgres.js';
import type { SyncConflict } from '../../shared/contract/api.js';
import type { SyncCycleResult, SyncEngine, SyncSettings } from '../../electron/core/sync/index.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { startProxy, type ProxyRule, type TestProxy } from './proxy.js';

export const WAREHOUSE = 'North';

export interface TestHub {
  readonly hub: Hub;
  readonly url: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** A bench token (station id as given, named `name` or after its id) in the warehouse. */
  addBench(station: string, name?: string): Promise<string>;
  /** Stops the hub (HTTP and pool); the database stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  view(): Promise<StateView>;
}

export interface SyncBench extends TestBench {
  readonly station: string;
  readonly sync: SyncEngine;
  /** One sync cycle; fails the test unless it succeeded. */
  syncOk(): Promise<SyncCycleResult>;
  conflicts(includeResolved?: boolean): SyncConflict[];
  pending(): number;
  view(): StateView;
  /** Stops the engine and closes the file (as an app shutdown would). */
  shutdown(): Promise<void>;
  /** Reopens the same file with a new engine (as an app restart would). */
  restart(settings?: Partial<SyncSettings>): Promise<void>;
  orderId(orderNumber: string): number;
  lineIds(orderNumber: string): number[];
}

export interface StateView {
  products: Array<{ sku: string; mode: string; stock: number }>;
  identifiers: Array<{ sku: string; value: string; consumed: boolean }>;
  orders: Array<{ orderNumber: string; customer: string; lines: Array<{ lineNo: number; sku: string; quantity: number; dispatched: number }> }>;
  allocations: Array<{ orderNumber: string; lineNo: number; unit: number; value: string; dispatched: boolean }>;
  dispatches: Array<{ uid: string; orderNumber: string }>;
}

export function useSyncFixture() {
  let postgres: TestPostgres | undefined;
  const perTest: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    postgres = await startTestPostgres();
  });
  afterEach(async () => {
    for (const cleanup of perTest.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  return {
    postgres: () => postgres!,
    cleanup(fn: () => Promise<unknown>) {
      perTest.push(fn);
    },

    async hub(options: Pick<StartHubOptions, 'pushBodyLimit' | 'failedTokens'> = {}): Promise<TestHub> {
      const databaseUrl = await postgres!.createDatabase();
      let hub = await startHub({ databaseUrl, log: () => undefined, ...options });
      const port = hub.port;
      let running = true;
      await hub.admin.addWarehouse(WAREHOUSE);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const testHub: TestHub = {
        get hub() {
          return hub;
        },
        url: hub.url,
        port,
        databaseUrl,
        async addBench(station, name) {
          return (await hub.admin.addBench({ warehouse: WAREHOUSE, station, name })).token;
        },
        async stop() {
          if (!running) return;
          running = false;
          await hub.stop();
        },
        async start() {
          if (running) return;
          hub = await startHub({ databaseUrl, port, log: () => undefined, ...options });
          running = true;
        },
        async sql(text, values) {
          return (await client.query(text, values)).rows;
        },
        view: () => hubView(client),
      };
      perTest.push(async () => {
        await client.end();
        await testHub.stop();
      });
      return testHub;
    },

    /** A misbehaving network in front of the hub (closed after the test). */
    async proxy(hub: TestHub, rule?: ProxyRule): Promise<TestProxy> {
      const proxy = await startProxy(() => hub.url, rule);
      perTest.push(() => proxy.close());
      return proxy;
    },

    /** A bench on a fresh SQLite file, registered at the hub as `station`, syncing via `url` (default: the hub). */
    async bench(hub: TestHub, station: string, options: { url?: string; settings?: Partial<SyncSettings>; token?: string } = {}): Promise<SyncBench> {
      const token = options.token ?? (await hub.addBench(station));
      const inner = openTestBench();
      const settingsOf = (extra?: Partial<SyncSettings>): SyncSettings => ({
        hubUrl: options.url ?? hub.url,
        token,
        // Tests drive cycles with syncOk(); the loop itself only retries quickly after failures.
        intervalMs: 3_600_000,
        minBackoffMs: 20,
        maxBackoffMs: 200,
        requestTimeoutMs: 5_000,
        ...options.settings,
        ...extra,
      });
      let sync = inner.startSync(settingsOf());
      await sync.syncNow(); // the first cycle starts at once; let it finish so tests start from a known point
      const extra = {
        station,
        get sync() {
          return sync;
        },
        async syncOk() {
          const result = await sync.syncNow();
          expect(result, `sync of bench ${station}: ${result.error ?? ''}`).toMatchObject({ ok: true });
          return result;
        },
        conflicts(includeResolved = false) {
          return inner.ok('listConflicts', { includeResolved }).items;
        },
        pending() {
          return inner.ok('getSyncStatus', {}).pendingOps;
        },
        view: () => benchView(inner),
        async shutdown() {
          await sync.stop();
          inner.close();
        },
        async restart(extra?: Partial<SyncSettings>) {
          await sync.stop();
          inner.reopen();
          sync = inner.startSync(settingsOf(extra));
          await sync.syncNow();
        },
        orderId: (orderNumber: string) => inner.count('SELECT id FROM orders WHERE order_number = ?', orderNumber),
        lineIds: (orderNumber: string) =>
          inner.reader
            .prepare('SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = ? ORDER BY l.line_no')
            .pluck()
            .all(orderNumber) as number[],
      };
      // The TestBench's methods (and its `core` getter) stay on the prototype.
      const bench = Object.defineProperties(Object.create(inner) as TestBench, Object.getOwnPropertyDescriptors(extra)) as SyncBench;
      perTest.push(() => sync.stop());
      return bench;
    },
  };
}

/** What a bench holds, read through a read-only connection of the test's own. */
export function benchView(bench: Pick<TestBench, 'reader'>): StateView {
  const db = bench.reader;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const lines = all<{ order_number: string; line_no: number; sku: string; quantity: number; dispatched: number }>(
    `SELECT o.order_number, l.line_no, p.sku, l.quantity, l.dispatched FROM order_lines l
     JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id ORDER BY o.order_number, l.line_no`,
  );
  return {
    products: all<{ sku: string; mode: string; stock: number }>(
      'SELECT sku, identifier_mode AS mode, stock_level AS stock FROM products ORDER BY sku',
    ),
    identifiers: all<{ sku: string; value: string; consumed: number }>(
      `SELECT p.sku, i.value, i.status = 'consumed' AS consumed FROM identifiers i JOIN products p ON p.id = i.product_id ORDER BY p.sku, i.value`,
    ).map((r) => ({ ...r, consumed: r.consumed === 1 })),
    orders: all<{ order_number: string; customer: string }>('SELECT order_number, customer FROM orders ORDER BY order_number').map((o) => ({
      orderNumber: o.order_number,
      customer: o.customer,
      lines: lines.filter((l) => l.order_number === o.order_number).map((l) => ({ lineNo: l.line_no, sku: l.sku, quantity: l.quantity, dispatched: l.dispatched })),
    })),
    allocations: all<{ order_number: string; line_no: number; unit: number; value: string; dispatched: number }>(
      `SELECT o.order_number, l.line_no, a.unit, i.value, a.dispatch_id IS NOT NULL AS dispatched FROM allocations a
       JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id JOIN identifiers i ON i.id = a.identifier_id
       ORDER BY o.order_number, l.line_no, a.unit`,
    ).map((a) => ({ orderNumber: a.order_number, lineNo: a.line_no, unit: a.unit, value: a.value, dispatched: a.dispatched === 1 })),
    dispatches: all<{ uid: string; order_number: string }>(
      'SELECT d.uid, o.order_number FROM dispatches d JOIN orders o ON o.id = d.order_id ORDER BY d.uid',
    ).map((d) => ({ uid: d.uid, orderNumber: d.order_number })),
  };
}

export async function hubView(client: pg.Client): Promise<StateView> {
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
  const lines = await q<{ order_number: string; line_no: number; sku: string; quantity: number; dispatched: number }>(
    `SELECT o.order_number, l.line_no, p.sku, l.quantity, l.dispatched FROM order_lines l
     JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id ORDER BY o.order_number COLLATE "C", l.line_no`,
  );
  return {
    products: (await q<{ sku: string; mode: string; stock: string }>(
      'SELECT sku, identifier_mode AS mode, stock_level AS stock FROM products ORDER BY sku COLLATE "C"',
    )).map((p) => ({ sku: p.sku, mode: p.mode, stock: Number(p.stock) })),
    identifiers: (await q<{ sku: string; value: string; consumed: boolean }>(
      `SELECT p.sku, i.value, i.status = 'consumed' AS consumed FROM identifiers i JOIN products p ON p.id = i.product_id
       WHERE i.status <> 'removed' ORDER BY p.sku COLLATE "C", i.value COLLATE "C"`,
    )),
    orders: (await q<{ order_number: string; customer: string }>('SELECT order_number, customer FROM orders ORDER BY order_number COLLATE "C"')).map((o) => ({
      orderNumber: o.order_number,
      customer: o.customer,
      lines: lines.filter((l) => l.order_number === o.order_number).map((l) => ({ lineNo: l.line_no, sku: l.sku, quantity: l.quantity, dispatched: l.dispatched })),
    })),
    allocations: (await q<{ order_number: string; line_no: number; unit: number; value: string; dispatched: boolean }>(
      `SELECT o.order_number, l.line_no, a.unit, i.value, a.status = 'consumed' AS dispatched FROM allocations a
       JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id JOIN identifiers i ON i.id = a.identifier_id
       ORDER BY o.order_number COLLATE "C", l.line_no, a.unit`,
    )).map((a) => ({ orderNumber: a.order_number, lineNo: a.line_no, unit: a.unit, value: a.value, dispatched: a.dispatched })),
    dispatches: (await q<{ uid: string; order_number: string }>(
      'SELECT d.uid, o.order_number FROM dispatches d JOIN orders o ON o.id = d.order_id ORDER BY d.uid COLLATE "C"',
    )).map((d) => ({ uid: d.uid, orderNumber: d.order_number })),
  };
}

/** Syncs every bench, twice round, so each has what the others pushed. */
export async function syncAll(...benches: SyncBench[]): Promise<void> {
  for (const bench of benches) await bench.syncOk();
  for (const bench of benches) await bench.syncOk();
}

/** Every bench shows exactly the hub's state, and has nothing left to push. */
export async function expectAllAgree(hub: TestHub, ...benches: SyncBench[]): Promise<StateView> {
  const truth = await hub.view();
  for (const bench of benches) {
    expect(bench.pending(), `bench ${bench.station} has nothing pending`).toBe(0);
    expect(bench.view(), `bench ${bench.station} agrees with the hub`).toEqual(truth);
  }
  return truth;
}

export function stockOf(view: StateView, sku: string): number | undefined {
  return view.products.find((p) => p.sku === sku)?.stock;
}

export function portOf(address: string | AddressInfo | null): number {
  return (address as AddressInfo).port;
}
