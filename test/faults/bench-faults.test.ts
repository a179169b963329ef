/**
 * Faults of the bench, caused to the real bench host process (`node --import tsx electron/web/main.ts`)
 * syncing with the real hub process over real HTTP: SIGKILL in the middle of a grid save, a CSV import
 * and an allocation; a full disk (a size-limited tmpfs); a frozen hub (SIGSTOP) and a cut network path
 * (a TCP relay); SIGTERM in every state. One PostgreSQL cluster and one hub process for the file.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BenchCore } from '../../electron/core/bench-core.js';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import type { Db } from '../../electron/core/db/open.js';
import { openStoreReader, type StoreConnection } from '../support/store.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { startFaultCluster, waitUntil, type FaultCluster } from './cluster.js';
import { killAll, startBenchHost, startHubProcess, type BenchHostProcess, type HubProcess } from './processes.js';
import { startRelay } from './relay.js';

let cluster: FaultCluster;
let hubDb: string;
let hub: HubProcess;
const folders: string[] = [];
const mounts: string[] = [];

beforeAll(async () => {
  cluster = await startFaultCluster();
  hubDb = await cluster.createDatabase();
  hub = await startHubProcess({ DATABASE_URL: hubDb });
});
afterEach(async () => {
  if (hub?.running) hub.signal('SIGCONT');
  for (const proc of [...liveHosts]) await proc.kill();
  liveHosts.clear();
  for (const mount of mounts.splice(0)) execFileSync('umount', ['-l', mount]);
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await killAll();
  await cluster?.stop();
});

const liveHosts = new Set<BenchHostProcess>();
async function host(options: Parameters<typeof startBenchHost>[0]): Promise<BenchHostProcess> {
  const proc = await startBenchHost(options);
  liveHosts.add(proc);
  void proc.exited.then(() => liveHosts.delete(proc));
  return proc;
}

function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

interface Connections {
  /** The test's own read-only connection: to look at stored rows. */
  reader: StoreConnection;
  /**
   * The core's own connection (bench-parts.ts): for what only it can do, a page limit of its own
   * (disk full) and one transaction around many set-up calls (one fsync instead of thousands).
   */
  coreDb: Db;
}

/** Opens the bench file in this process (the host being stopped), runs `work`, closes it. */
function withCore<T>(dataDir: string, work: (core: BenchCore, call: (method: string, args: unknown) => unknown, connections: Connections) => T): T {
  const file = benchDatabaseFile(dataDir);
  const parts = openBenchParts({ file, stationName: 'Fault bench' });
  const core = parts.core;
  const reader = openStoreReader(file);
  try {
    return work(
      core,
      (method, args) => {
        const result = invokeBenchMethod(core, method, args);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value;
      },
      { reader, coreDb: parts.db },
    );
  } finally {
    reader.close();
    core.close();
  }
}

const csvFile = (name: string, header: string, rows: string[]) => ({ name, content: `${header}\n${rows.join('\n')}\n` });
const PRODUCTS = 'sku,title,barcode,identifier_mode,stock_level';

async function synced(bench: BenchHostProcess, timeoutMs = 30_000): Promise<void> {
  await waitUntil(
    async () => {
      const status = await bench.ok<{ pendingOps: number; state: string }>('getSyncStatus');
      return status.pendingOps === 0 && status.state === 'idle';
    },
    'the bench to sync everything',
    timeoutMs,
    100,
  );
}

async function hubCount(sql: string, ...values: unknown[]): Promise<number> {
  const [row] = await cluster.query<{ n: string }>(hubDb, sql, values);
  return Number(row!.n);
}

/**
 * Sends a call to the host and SIGKILLs the host while the call's transaction is writing (the WAL
 * file grows), or at the latest when the answer arrives. Resolves once the host is dead.
 */
async function killDuring(bench: BenchHostProcess, dataDir: string, method: string, args: unknown): Promise<void> {
  const wal = `${benchDatabaseFile(dataDir)}-wal`;
  const size = () => (existsSync(wal) ? statSync(wal).size : 0);
  const before = size();
  let answered = false;
  const call = bench.call(method, args).then(
    () => (answered = true),
    () => undefined, // the connection dies with the host
  );
  await waitUntil(() => answered || size() !== before, `${method} to start writing`, 60_000, 1);
  bench.signal('SIGKILL');
  await bench.exited;
  await call;
}

describe('bench faults', () => {
  it('SIGKILL mid grid save, mid CSV import and mid allocation: the store is before or after each, the outbox matches, sync resumes', { timeout: 240_000 }, async () => {
    const dataDir = tempFolder('fault-bench-');
    const token = await cluster.addBench(hubDb, 'KILL');
    const N = 10_000;
    withCore(dataDir, (_core, call) => {
      call('importCsv', {
        files: [
          csvFile('products.csv', PRODUCTS, [`KG,Grid product,,single_use,${N}`, `KA,Allocated product,,single_use,${N}`]),
          csvFile('identifiers.csv', 'sku,identifier', Array.from({ length: N }, (_, i) => `KA,KA-${i}`)),
          csvFile('orders.csv', 'order_number,customer,sku,quantity', [`KA-ORDER,Big customer,KA,${N}`]),
        ],
      });
    });
    const opsOf = ({ reader }: Connections, type: string) =>
      reader.prepare(`SELECT op FROM outbox WHERE json_extract(op, '$.type') = ?`).pluck().all(type).map((op) => JSON.parse(op as string) as Record<string, unknown>);
    const count = ({ reader }: Connections, sql: string) => reader.prepare(sql).pluck().get() as number;

    // 1. Grid save of N identifiers.
    let bench = await host({ dataDir, hubUrl: hub.url, token });
    await synced(bench);
    const kg = (await bench.ok<{ items: Array<{ id: number; sku: string }> }>('findProducts', { query: 'KG' })).items.find((p) => p.sku === 'KG')!;
    await killDuring(bench, dataDir, 'saveSerialGrid', {
      productId: kg.id,
      edits: Array.from({ length: N }, (_, box) => ({ box, identifierId: null, value: `KG-${box}` })),
    });
    const grid = withCore(dataDir, (_core, _call, connections) => {
      expect(connections.reader.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = count(connections, "SELECT count(*) FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'KG'");
      const queued = opsOf(connections, 'identifier.add').filter((op) => op.sku === 'KG').reduce((n, op) => n + (op.values as string[]).length, 0);
      return { stored, queued };
    });
    expect([0, N]).toContain(grid.stored);
    expect(grid.queued).toBe(grid.stored);

    // 2. CSV import of N order lines.
    bench = await host({ dataDir, hubUrl: hub.url, token });
    await killDuring(bench, dataDir, 'importCsv', {
      files: [csvFile('orders.csv', 'order_number,customer,sku,quantity', Array.from({ length: N }, (_, i) => `KI-${i},Customer ${i},KG,1`))],
    });
    const imported = withCore(dataDir, (_core, _call, connections) => {
      expect(connections.reader.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = count(connections, "SELECT count(*) FROM orders WHERE order_number LIKE 'KI-%'");
      const queued = opsOf(connections, 'order.upsert').filter((op) => String(op.orderNumber).startsWith('KI-')).length;
      return { stored, queued };
    });
    expect([0, N]).toContain(imported.stored);
    expect(imported.queued).toBe(imported.stored);

    // 3. Allocation of N units of one line.
    bench = await host({ dataDir, hubUrl: hub.url, token });
    const lineId = withCore(dataDir, (_core, _call, connections) => count(connections, "SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = 'KA-ORDER'"));
    await killDuring(bench, dataDir, 'saveAllocations', {
      allocations: Array.from({ length: N }, (_, i) => ({ lineId, unit: i + 1, value: `KA-${i}` })),
    });
    const allocated = withCore(dataDir, (_core, _call, connections) => {
      expect(connections.reader.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = count(connections, 'SELECT count(*) FROM allocations WHERE line_id = ' + lineId);
      const queued = opsOf(connections, 'allocation.set').filter((op) => op.orderNumber === 'KA-ORDER').length;
      const marked = count(connections, "SELECT count(*) FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'KA' AND i.status = 'allocated'");
      return { stored, queued, marked };
    });
    expect([0, N]).toContain(allocated.stored);
    expect(allocated).toEqual({ stored: allocated.stored, queued: allocated.stored, marked: allocated.stored });

    // Restarted: it syncs what it kept, and the hub ends with exactly the bench's state.
    bench = await host({ dataDir, hubUrl: hub.url, token });
    await synced(bench, 60_000);
    expect(await hubCount("SELECT count(*) AS n FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'KG' AND i.status <> 'removed'")).toBe(grid.stored);
    expect(await hubCount("SELECT count(*) AS n FROM orders WHERE order_number LIKE 'KI-%'")).toBe(imported.stored);
    expect(await hubCount("SELECT count(*) AS n FROM allocations a JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id WHERE o.order_number = 'KA-ORDER'")).toBe(allocated.stored);
    // And it works on: SIGTERM when idle ends it cleanly.
    const exit = await bench.terminate();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(5_000);
  });

  it('disk full: the save is refused saying so, nothing is half-written, and the same save works once space is freed', { timeout: 120_000 }, async () => {
    const mount = tempFolder('fault-disk-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      // No mount privilege here: the same refusal through SQLite's own limit, in this process.
      return diskFullByPageLimit();
    }
    mounts.push(mount);
    const dataDir = path.join(mount, 'bench');
    mkdirSync(dataDir);
    const bench = await host({ dataDir });
    await bench.ok('importCsv', { files: [csvFile('products.csv', PRODUCTS, ['DF,Disk full product,,single_use,3000'])] });
    const product = (await bench.ok<{ items: Array<{ id: number; sku: string }> }>('findProducts', { query: 'DF' })).items.find((p) => p.sku === 'DF')!;
    const before = await bench.ok<{ pendingOps: number }>('getSyncStatus');

    // Fill the disk, leaving a few KB.
    const filler = path.join(mount, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) {
        const { bavail, bsize } = statfsSync(mount);
        const free = bavail * bsize;
        if (free <= 16 * 1024) break;
        writeSync(fd, chunk, 0, Math.min(chunk.length, free - 8 * 1024));
      }
    } finally {
      closeSync(fd);
    }
    const edits = Array.from({ length: 3000 }, (_, box) => ({ box, identifierId: null, value: `DF-SERIAL-${String(box).padStart(6, '0')}` }));
    const refused = await bench.call('saveSerialGrid', { productId: product.id, edits });
    expect(refused).toEqual({ ok: false, error: { code: 'disk_full', message: expect.stringMatching(/disk is full/i), issues: [] } });
    // Nothing half-written: no identifier, no outbox entry; the bench still answers.
    expect(await bench.ok('getSerialGrid', { productId: product.id })).toMatchObject({ filledBoxes: 0 });
    expect(await bench.ok('getSyncStatus')).toMatchObject({ pendingOps: before.pendingOps });

    rmSync(filler);
    expect(await bench.ok('saveSerialGrid', { productId: product.id, edits })).toMatchObject({ added: 3000 });
    expect(await bench.ok('getSerialGrid', { productId: product.id })).toMatchObject({ filledBoxes: 3000 });
    const exit = await bench.terminate();
    expect(exit).toMatchObject({ code: 0 });
  });

  it('a frozen hub (SIGSTOP) and a cut network: the bench notices within 10 s, shows the hub unreachable, works offline, syncs after', { timeout: 120_000 }, async () => {
    const dataDir = tempFolder('fault-bench-');
    const token = await cluster.addBench(hubDb, 'FROZEN');
    const hubAddress = new URL(hub.url);
    const relay = await startRelay({ host: hubAddress.hostname, port: Number(hubAddress.port) });
    try {
      const bench = await host({ dataDir, hubUrl: relay.url, token });
      await bench.ok('importCsv', { files: [csvFile('products.csv', PRODUCTS, ['FZ,Frozen product,,none,0'])] });
      await synced(bench);
      const product = (await bench.ok<{ items: Array<{ id: number; sku: string }> }>('findProducts', { query: 'FZ' })).items.find((p) => p.sku === 'FZ')!;
      const setStock = (level: number) => bench.ok('changeStockLevel', { productId: product.id, newStockLevel: level });
      const hubStock = () => hubCount("SELECT stock_level AS n FROM products WHERE sku = 'FZ'");

      // Not just before the bench's own next sync: that cycle would hang too, and "Sync now" queue behind it.
      await waitUntil(
        async () => {
          const now = await bench.ok<{ state: string; nextSyncAt?: string | null }>('getSyncStatus');
          return now.state === 'idle' && now.nextSyncAt && Date.parse(now.nextSyncAt) - Date.now() > 3_000;
        },
        'the next planned sync to be more than 3 s away',
        15_000,
        100,
      );
      // Frozen: connections are accepted by the kernel but nothing answers.
      hub.signal('SIGSTOP');
      await setStock(5);
      const at = Date.now();
      await bench.ok('syncNow'); // starts a cycle, answers at once
      const status = await waitUntil(
        async () => {
          const now = await bench.ok<{ state: string }>('getSyncStatus');
          return now.state === 'offline' ? now : null;
        },
        'the bench to show the hub unreachable',
        15_000,
        100,
      );
      expect(Date.now() - at).toBeLessThan(10_000);
      expect(status).toMatchObject({ pendingOps: 1, cause: expect.stringMatching(/not reachable \(no answer within \d+(\.\d)? s\)/) });
      // And it stays so while it retries (the first retry starts within 1 s and waits for its answer).
      const states = new Set<string>();
      for (const end = Date.now() + 2_500; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        states.add((await bench.ok<{ state: string }>('getSyncStatus')).state);
      }
      expect([...states]).toEqual(['offline']);
      await setStock(7); // working offline
      hub.signal('SIGCONT');
      await synced(bench);
      expect(await hubStock()).toBe(7);

      // Cut network path: refused at once; restored, it syncs by itself.
      relay.cut('reset');
      await setStock(9);
      await bench.ok('syncNow');
      await waitUntil(async () => (await bench.ok<{ state: string }>('getSyncStatus')).state === 'offline', 'the bench to show the hub unreachable', 10_000, 50);
      expect(await bench.ok('getSyncStatus')).toMatchObject({ pendingOps: 1 });
      relay.restore();
      await synced(bench);
      expect(await hubStock()).toBe(9);
    } finally {
      hub.signal('SIGCONT');
      await relay.close();
    }
  });

  it('SIGTERM ends the bench host within 5 s with code 0: mid-push, hub database gone, hub frozen mid-request', { timeout: 180_000 }, async () => {
    const dataDir = tempFolder('fault-bench-');
    const token = await cluster.addBench(hubDb, 'TERM');
    const changes = 3_000;
    withCore(dataDir, (_core, call, { reader, coreDb }) => {
      call('importCsv', { files: [csvFile('products.csv', PRODUCTS, ['TM,Term product,,none,0'])] });
      const id = reader.prepare("SELECT id FROM products WHERE sku = 'TM'").pluck().get() as number;
      coreDb.transaction(() => {
        for (let level = 1; level <= changes; level++) call('changeStockLevel', { productId: id, newStockLevel: level });
      })();
    });
    const lastSeq = () => hubCount("SELECT coalesce(max(last_seq), 0) AS n FROM stations WHERE station_id = 'TERM'");
    const expectCleanExit = async (bench: BenchHostProcess, state: string) => {
      const exit = await bench.terminate();
      expect(exit, state).toMatchObject({ code: 0, signal: null });
      expect(exit.ms, state).toBeLessThan(5_000);
    };

    // Mid-push.
    let bench = await host({ dataDir, hubUrl: hub.url, token });
    await waitUntil(async () => (await lastSeq()) > 0, 'the first push batch', 30_000, 5);
    await expectCleanExit(bench, 'mid-push');
    expect(await lastSeq()).toBeLessThan(changes + 1);

    // The hub's database gone: the hub answers 503, the bench backs off.
    await cluster.stopServer();
    try {
      bench = await host({ dataDir, hubUrl: hub.url, token });
      let seen = '';
      await waitUntil(async () => {
        const status = await bench.ok<{ state: string; cause?: string }>('getSyncStatus');
        seen = `${status.state}: ${status.cause ?? ''}`;
        return /503/.test(status.cause ?? '');
      }, 'the bench to meet the 503').catch((err: Error) => {
        throw new Error(`${err.message}; the bench showed "${seen}"`);
      });
      await expectCleanExit(bench, 'hub database gone');
    } finally {
      await cluster.startServer();
    }

    // Hub frozen with a push in flight.
    bench = await host({ dataDir, hubUrl: hub.url, token });
    await synced(bench, 60_000);
    const tm = (await bench.ok<{ items: Array<{ id: number; sku: string }> }>('findProducts', { query: 'TM' })).items.find((p) => p.sku === 'TM')!;
    await bench.ok('changeStockLevel', { productId: tm.id, newStockLevel: changes + 1 });
    hub.signal('SIGSTOP');
    try {
      void bench.call('syncNow').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      await expectCleanExit(bench, 'hub frozen mid-request');
    } finally {
      hub.signal('SIGCONT');
    }
    // The frozen hub may still take the request it had received; the bench will send it again anyway.
    expect([changes, changes + 1]).toContain(await hubCount("SELECT stock_level AS n FROM products WHERE sku = 'TM'"));
  });
});

/** Disk full without a mount: SQLite's page limit makes the same SQLITE_FULL, through the same contract. */
function diskFullByPageLimit(): void {
  const dataDir = tempFolder('fault-bench-');
  withCore(dataDir, (core, call, { reader, coreDb }) => {
    call('importCsv', { files: [csvFile('products.csv', PRODUCTS, ['DF,Disk full product,,single_use,3000'])] });
    const productId = reader.prepare("SELECT id FROM products WHERE sku = 'DF'").pluck().get() as number;
    const pages = coreDb.pragma('page_count', { simple: true }) as number;
    coreDb.pragma(`max_page_count = ${pages + 2}`);
    const edits = Array.from({ length: 3000 }, (_, box) => ({ box, identifierId: null, value: `DF-SERIAL-${String(box).padStart(6, '0')}` }));
    const outbox = reader.prepare('SELECT count(*) FROM outbox').pluck();
    const queued = outbox.get();
    expect(invokeBenchMethod(core, 'saveSerialGrid', { productId, edits })).toEqual({
      ok: false,
      error: { code: 'disk_full', message: expect.stringMatching(/disk is full/i), issues: [] },
    });
    expect(outbox.get()).toBe(queued);
    coreDb.pragma('max_page_count = 1073741823');
    expect(call('saveSerialGrid', { productId, edits })).toMatchObject({ added: 3000 });
  });
}
