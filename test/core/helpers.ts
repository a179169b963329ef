/**
 * Test helpers for the bench core: a real bench file in a temp folder, calls through the same
 * boundary both transports use (invokeBenchMethod: schema validation + typed results), CSV seeding
 * and table snapshots for "bad input changes nothing".
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpAfter, type CleanupScope } from '../support/cleanup.js';
import type { ArgsOf, BenchMethod, ResultOf } from '../../shared/contract/api.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import type { BenchErrorData, Result } from '../../shared/contract/result.js';
import type { BenchCore } from '../../electron/core/bench-core.js';
import { openBenchParts, type BenchParts } from '../../electron/core/bench-parts.js';
import { startSync, type SyncEngine, type SyncSettings } from '../../electron/core/sync/index.js';
import { openStoreReader, openStoreWriter, type StoreConnection } from '../support/store.js';

export type Mode = 'none' | 'single_use' | 'multiple_use';

export interface TestBench {
  readonly dir: string;
  readonly file: string;
  /** The contract and close(), as every host of the core holds it. */
  readonly core: BenchCore;
  /** The test's own read-only connection to the file: to look at stored rows. */
  readonly reader: StoreConnection;
  /** The test's own writable connection: to arrange state no contract call makes. */
  readonly writer: StoreConnection;
  /** The core's sync engine (internal: sync/index.ts), started on this bench. */
  startSync(settings: SyncSettings): SyncEngine;
  /** The core's streaming file import (internal: under startFileImport, the Electron menu's and the CLI's path). */
  importCsvFiles: BenchParts['importCsvFiles'];
  /** The core's export links (internal: what the worker runtime serves). */
  readonly exports: BenchParts['exports'];
  call<M extends BenchMethod>(method: M, args: ArgsOf<M>): Result<ResultOf<M>>;
  /** Calls and expects success. */
  ok<M extends BenchMethod>(method: M, args: ArgsOf<M>): ResultOf<M>;
  /** Calls and expects a refusal. */
  fail<M extends BenchMethod>(method: M, args: ArgsOf<M>): BenchErrorData;
  /** Calls, expects a refusal, and checks that no table changed. */
  refused<M extends BenchMethod>(method: M, args: ArgsOf<M>): BenchErrorData;
  reopen(): void;
  close(): void;
  snapshot(): Snapshot;
  /** Imports CSV files given as row arrays; throws on refusal. */
  importRows(files: Record<string, Array<Array<string | number>>>): ResultOf<'importCsv'>;
  /** Creates a product (and its identifiers) through the CSV import; returns its id. */
  product(sku: string, mode: Mode, stock: number, identifiers?: string[]): number;
  /** Creates an order through the CSV import; returns its id and line ids (in line order). */
  order(orderNumber: string, lines: Array<[sku: string, quantity: number]>, customer?: string): { id: number; lineIds: number[] };
  /** Creates an order of one unit per line, each given its identifier, and dispatches it whole; returns it as order() does. */
  dispatchedOrder(orderNumber: string, units: Array<[sku: string, identifier: string]>): { id: number; lineIds: number[] };
  outboxOps(): Array<{ type: string } & Record<string, unknown>>;
  auditActions(): string[];
  count(sql: string, ...params: unknown[]): number;
}

export type Snapshot = Record<string, { rows: number; hash: string }>;

/** Benches and folders live for one test, or (scope 'file') until the test file ends. */
export type Scope = CleanupScope;

export function tempDir(prefix = 'bench-test-', scope: Scope = 'test'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUpAfter(scope, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function csv(rows: Array<Array<string | number>>): string {
  return rows
    .map((r) => r.map((v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','))
    .join('\n') + '\n';
}

export const HEADERS = {
  products: ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'],
  identifiers: ['sku', 'identifier'],
  orders: ['order_number', 'customer', 'sku', 'quantity'],
} as const;

export function snapshotDb(db: StoreConnection): Snapshot {
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string | null }[];
  const out: Snapshot = {};
  for (const { name: table, sql } of tables) {
    const hash = createHash('sha256');
    let rows = 0;
    // WITHOUT ROWID tables (the FTS index's own) read in primary-key order already.
    const order = /WITHOUT ROWID/i.test(sql ?? '') ? '' : ' ORDER BY rowid';
    for (const row of db.prepare(`SELECT * FROM "${table}"${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows++;
    }
    out[table] = { rows, hash: hash.digest('hex').slice(0, 16) };
  }
  out['pragma user_version'] = { rows: db.pragma('user_version', { simple: true }) as number, hash: '' };
  return out;
}

export function openTestBench(options: { dir?: string; now?: () => string; scope?: Scope } = {}): TestBench {
  const scope = options.scope ?? 'test';
  const dir = options.dir ?? tempDir('bench-test-', scope);
  const file = join(dir, 'bench.db');
  const open = () => openBenchParts({ file, stationName: 'Test bench', actor: 'tester', ...(options.now ? { now: options.now } : {}) });
  let parts = open();
  let core = parts.core;
  let reader: StoreConnection | null = null;
  let writer: StoreConnection | null = null;
  const closeConnections = () => {
    reader?.close();
    writer?.close();
    reader = writer = null;
  };

  const bench: TestBench = {
    dir,
    file,
    get core() {
      return core;
    },
    get reader() {
      return (reader ??= openStoreReader(file));
    },
    get writer() {
      return (writer ??= openStoreWriter(file));
    },
    startSync: (settings) => startSync(parts, settings),
    importCsvFiles: (paths, importOptions) => parts.importCsvFiles(paths, importOptions),
    get exports() {
      return parts.exports;
    },
    call(method, args) {
      return invokeBenchMethod(core, method, args, (message, error) => {
        throw new Error(`${message}: ${String(error)}`, { cause: error });
      }) as Result<never>;
    },
    ok(method, args) {
      const result = bench.call(method, args);
      if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error, null, 1)}`);
      return result.value;
    },
    fail(method, args) {
      const result = bench.call(method, args);
      if (result.ok) throw new Error(`${method} was expected to be refused but returned ${JSON.stringify(result.value).slice(0, 500)}`);
      return result.error;
    },
    refused(method, args) {
      const before = snapshotDb(bench.reader);
      const error = bench.fail(method, args);
      const after = snapshotDb(bench.reader);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const changed = Object.keys(after).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
        throw new Error(`${method} was refused but changed: ${changed.join(', ')}`);
      }
      return error;
    },
    reopen() {
      closeConnections();
      core.close();
      parts = open();
      core = parts.core;
    },
    close() {
      closeConnections();
      core.close();
    },
    snapshot: () => snapshotDb(bench.reader),
    importRows(files) {
      return bench.ok('importCsv', {
        files: Object.entries(files).map(([name, rows]) => {
          const kind = name.replace(/\.csv$/, '') as keyof typeof HEADERS;
          return { name, content: csv([[...HEADERS[kind]], ...rows]) };
        }),
      });
    },
    product(sku, mode, stock, identifiers = []) {
      const files: Record<string, Array<Array<string | number>>> = {
        'products.csv': [[sku, `Title of ${sku}`, '', mode, stock]],
      };
      if (identifiers.length) files['identifiers.csv'] = identifiers.map((v) => [sku, v]);
      bench.importRows(files);
      return (bench.reader.prepare('SELECT id FROM products WHERE sku = ?').get(sku) as { id: number }).id;
    },
    order(orderNumber, lines, customer = 'Customer') {
      bench.importRows({ 'orders.csv': lines.map(([sku, q]) => [orderNumber, customer, sku, q]) });
      const id = (bench.reader.prepare('SELECT id FROM orders WHERE order_number = ?').get(orderNumber) as { id: number }).id;
      const lineIds = bench.reader.prepare('SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no').pluck().all(id) as number[];
      return { id, lineIds };
    },
    dispatchedOrder(orderNumber, units) {
      const order = bench.order(orderNumber, units.map(([sku]) => [sku, 1]));
      bench.ok('saveAllocations', { allocations: units.map(([, value], i) => ({ lineId: order.lineIds[i]!, unit: 1, value })) });
      bench.ok('completeOrder', { orderId: order.id, lines: order.lineIds.map((lineId) => ({ lineId, quantity: 1 })) });
      return order;
    },
    outboxOps() {
      return (bench.reader.prepare('SELECT op FROM outbox ORDER BY seq').pluck().all() as string[]).map((op) => JSON.parse(op));
    },
    auditActions() {
      return bench.reader.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[];
    },
    count(sql, ...params) {
      return bench.reader.prepare(sql).pluck().get(...params) as number;
    },
  };
  cleanUpAfter(scope, () => bench.close());
  return bench;
}

/** Edits filling grid boxes [from, from + values.length) that are empty now. */
export function newBoxes(values: string[], from = 0): Array<{ box: number; identifierId: null; value: string }> {
  return values.map((value, i) => ({ box: from + i, identifierId: null, value }));
}

/** Ignores fields that legitimately differ between runs or benches (clock, station id). */
export function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !['at', 'createdAt', 'stationId'].includes(k))
        .map(([k, v]) => [k, withoutVolatile(v)]),
    );
  }
  return value;
}
