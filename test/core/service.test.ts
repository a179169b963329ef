/**
 * The core as a service: the worker thread behind startCoreService, on a real SQLite file. Contract
 * calls and refusals come back as Results, the change stream names what changed (also when another
 * process writes the file), and a crashed worker is started again with nothing committed lost.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BenchError } from '../../shared/contract/result.js';
import { recallQuerySchema } from '../../shared/trace/recall-query.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { CORE_STOPPED_MESSAGE, MAX_RESTARTS, startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { browserModeSettings } from '../../electron/web/main.js';
import { GRID_SAVE_CANCELLED } from '../../electron/core/serials/serial-grid-feature.js';
import { CORE_RESTARTING_MESSAGE, type BenchEvent } from '../../shared/contract/change-events.js';
import { csv, HEADERS, tempDir } from './helpers.js';

const services: BenchCoreService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

async function startService(file: string): Promise<BenchCoreService> {
  const service = await startCoreService({ worker: sourceWorker(), config: { file, stationName: 'Worker bench', externalCheckMs: 20 }, log: () => {} });
  services.push(service);
  return service;
}

/** Collects events; `next(match)` waits for the first one (seen or to come) that matches. */
function recorder(service: BenchCoreService) {
  const seen: BenchEvent[] = [];
  const waiters: Array<{ match: (e: BenchEvent) => boolean; resolve: (e: BenchEvent) => void }> = [];
  service.subscribe((event) => {
    seen.push(event);
    for (const w of [...waiters]) if (w.match(event)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
  });
  return {
    seen,
    clear: () => seen.splice(0),
    next(match: (e: BenchEvent) => boolean, timeoutMs = 10_000): Promise<BenchEvent> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event; saw ${JSON.stringify(seen)}`)), timeoutMs);
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
  };
}

const productsCsv = (rows: Array<[string, number]>) => ({
  name: 'products.csv',
  content: csv([[...HEADERS.products], ...rows.map(([sku, stock]) => [sku, `Title ${sku}`, '', 'none', stock])]),
});

describe('the core service (worker thread)', () => {
  it('answers contract calls, refusals and unknown calls as Results', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    const info = await service.api.getBenchInfo({});
    expect(info).toMatchObject({ ok: true, value: { stationName: 'Worker bench', productCount: 0 } });
    expect(await service.api.importCsv({ files: [productsCsv([['SKU-1', 3]])] })).toMatchObject({ ok: true });
    const bad = await service.api.getProduct({ productId: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!bad.ok && bad.error.message).toMatch(/productId/);
    expect(await service.api.getProduct({ productId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await service.call('noSuchCall', {})).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Unknown call "noSuchCall"' } });
  });

  it('sends what each commit changed, and nothing for a refusal', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    const events = recorder(service);
    await service.api.importCsv({ files: [productsCsv([['SKU-1', 3], ['SKU-2', 1]])] });
    const imported = await events.next((e) => e.kind === 'data' && e.source === 'local');
    expect(imported).toMatchObject({ kind: 'data', products: [1, 2], orders: [], conflicts: false });
    events.clear();
    const refused = await service.api.changeStockLevel({ productId: 1, newStockLevel: -5 });
    expect(refused.ok).toBe(false);
    expect(await service.api.changeStockLevel({ productId: 2, newStockLevel: 7 })).toMatchObject({ ok: true });
    const changed = await events.next((e) => e.kind === 'data');
    expect(changed).toMatchObject({ kind: 'data', products: [2], source: 'local' });
    // Only the successful change was reported; pending changes moved the sync status too.
    expect(events.seen.filter((e) => e.kind === 'data')).toHaveLength(1);
    expect(await events.next((e) => e.kind === 'sync')).toMatchObject({ status: { state: 'not_configured' } });
  });

  it("a product's mode change names the orders holding it (what they need changed), a stock change does not", async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    const events = recorder(service);
    const orders = {
      name: 'orders.csv',
      content: csv([[...HEADERS.orders], ['SO-1', 'Ada', 'SKU-1', 1], ['SO-2', 'Grace', 'SKU-2', 1], ['SO-3', 'Alan', 'SKU-1', 2]]),
    };
    await service.api.importCsv({ files: [productsCsv([['SKU-1', 3], ['SKU-2', 1]]), orders] });
    await events.next((e) => e.kind === 'data' && e.source === 'local');
    events.clear();
    // SO-1 and SO-3 hold SKU-1: their units now need identifiers, so the order list must read them again.
    expect(await service.api.setIdentifierMode({ productId: 1, mode: 'multiple_use' })).toMatchObject({ ok: true });
    const changed = await events.next((e) => e.kind === 'data');
    expect(changed).toMatchObject({ kind: 'data', products: [1], identifiers: [] });
    expect(changed.kind === 'data' && changed.orders).toEqual([1, 3]);
    events.clear();
    expect(await service.api.changeStockLevel({ productId: 2, newStockLevel: 5 })).toMatchObject({ ok: true });
    expect(await events.next((e) => e.kind === 'data')).toMatchObject({ kind: 'data', products: [2], orders: [] });
  });

  it('names the products whose identifiers a large import added, as a small one does', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    const events = recorder(service);
    const products = { name: 'products.csv', content: csv([[...HEADERS.products], ...['BIG-1', 'BIG-2', 'BIG-3'].map((sku) => [sku, sku, '', 'multiple_use', 0])]) };
    // 1,200 lines: the bulk path (its per-row change notes suspended, then written in one pass).
    const identifiers = (count: number, skus: string[], from = 0) => ({
      name: 'identifiers.csv',
      content: csv([[...HEADERS.identifiers], ...Array.from({ length: count }, (_, i) => [skus[i % skus.length]!, `V-${from + i}`])]),
    });
    expect(await service.api.importCsv({ files: [products, identifiers(1_200, ['BIG-1', 'BIG-2'])] })).toMatchObject({ ok: true });
    expect(await events.next((e) => e.kind === 'data')).toMatchObject({ kind: 'data', products: [1, 2, 3], identifiers: [1, 2], source: 'local' });
    events.clear();
    // A refused large import notes nothing; afterwards identifiers are noted row by row again.
    const refused = await service.api.importCsv({ files: [identifiers(1_200, ['BIG-3', 'NOPE'], 5_000)] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await service.api.importCsv({ files: [identifiers(3, ['BIG-3'], 9_000)] })).toMatchObject({ ok: true });
    expect(await events.next((e) => e.kind === 'data')).toMatchObject({ kind: 'data', products: [3], identifiers: [3], source: 'local' });
    expect(events.seen.filter((e) => e.kind === 'data')).toHaveLength(1);
  });

  it('tells the screens when another process (the CLI) wrote the file', async () => {
    const dir = tempDir('bench-service-');
    const file = `${dir}/bench.db`;
    const service = await startService(file);
    const events = recorder(service);
    const cli = openBenchCore({ file, stationName: 'cli' });
    try {
      cli.importCsv({ files: [productsCsv([['CLI-1', 2]])] });
    } finally {
      cli.close();
    }
    expect(await events.next((e) => e.kind === 'data')).toMatchObject({ products: 'all', orders: 'all', source: 'external' });
    expect(await service.api.getBenchInfo({})).toMatchObject({ ok: true, value: { productCount: 1 } });
  });

  it('restarts a crashed worker: calls in flight are refused, nothing committed is lost, no half-done change remains', { timeout: 120_000 }, async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    const events = recorder(service);
    expect(await service.api.importCsv({ files: [productsCsv([['KEEP-1', 4]])] })).toMatchObject({ ok: true });
    // A large import, interrupted by the crash while it runs (or, on a fast machine, just after).
    const big = Array.from({ length: 60_000 }, (_, i) => [`BIG-${i}`, 1] as [string, number]);
    const inFlight = service.api.importCsv({ files: [productsCsv(big)] });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await service.crashForTesting();
    const answer = await inFlight;
    if (!answer.ok) expect(answer.error).toMatchObject({ code: 'internal', message: CORE_RESTARTING_MESSAGE });
    // A new worker takes a few seconds to start on a busy machine.
    await events.next((e) => e.kind === 'core' && e.state === 'restarting');
    await events.next((e) => e.kind === 'core' && e.state === 'running', 60_000);
    expect(await events.next((e) => e.kind === 'data' && e.products === 'all')).toBeTruthy();
    // Calls work again on the new worker.
    const found = await service.api.findProducts({ query: 'KEEP-1' });
    expect(found).toMatchObject({ ok: true, value: { items: [{ sku: 'KEEP-1', stockLevel: 4 }] } });
    const info = await service.api.getBenchInfo({});
    expect(info.ok).toBe(true);
    const count = info.ok ? info.value.productCount : -1;
    // The interrupted import is all there (it committed before the crash) or not there at all.
    expect([1, 1 + big.length]).toContain(count);
    if (!answer.ok) expect(count).toBe(1);
  });

  it('a worker started again after a crash keeps the station name last saved in Settings', { timeout: 120_000 }, async () => {
    const dir = tempDir('bench-service-');
    const service = await startCoreService({
      worker: sourceWorker(),
      config: { file: benchDatabaseFile(dir), stationName: 'Started as', settings: browserModeSettings(dir, {}) },
      log: () => {},
    });
    services.push(service);
    const events = recorder(service);
    const saved = await service.api.saveSettings({
      stationName: 'Renamed bench',
      hubUrl: '',
      token: { action: 'clear' },
      scanner: { maxInterKeyGapMs: 30, minLength: 6, terminator: 'Enter', gsSubstitute: '' },
      labelPrinter: '',
    });
    expect(saved).toMatchObject({ ok: true, value: { stationName: 'Renamed bench' } });
    // Every open window is told the settings were saved (a refused save tells nobody).
    expect(await events.next((e) => e.kind === 'settings')).toEqual({ kind: 'settings' });
    await service.crashForTesting();
    await events.next((e) => e.kind === 'core' && e.state === 'running' && e.message !== 'The bench core is running.', 60_000);
    expect(await service.api.getBenchInfo({})).toMatchObject({ ok: true, value: { stationName: 'Renamed bench' } });
    expect(await service.api.getSettings({})).toMatchObject({ ok: true, value: { stationName: 'Renamed bench' } });
  });

  it('puts a started import on the change stream until it ends; files on disk import as a job that Cancel stops', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(join(dir, 'bench.db'));
    const events = recorder(service);
    const ended = (importId: string) => events.next((e) => e.kind === 'import' && e.progress.importId === importId && !['reading', 'applying'].includes(e.progress.state));

    // The Import screen's path: no asking (getCsvImport), the end comes as an event with its summary.
    const started = await service.api.startCsvImport({ files: [productsCsv([['SKU-1', 3]])] });
    if (!started.ok) throw new Error(started.error.message);
    expect(await ended(started.value.importId)).toMatchObject({ progress: { state: 'done', summary: { files: [{ name: 'products.csv', added: 1 }] } } });

    // The Electron menu's path: files on disk, streamed by the core.
    const small = join(dir, 'more-products.csv');
    writeFileSync(small, productsCsv([['SKU-2', 1]]).content);
    const fromDisk = await service.startFileImport([small]);
    if (!fromDisk.ok) throw new Error(fromDisk.error.message);
    expect(await ended(fromDisk.value.importId)).toMatchObject({ progress: { state: 'done', summary: { files: [{ name: 'more-products.csv', added: 1 }] } } });
    expect(await service.startFileImport([join(dir, 'nope.csv')])).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('nope.csv') } });

    // Cancelled as it runs: it ends "cancelled" and nothing of it is stored.
    const big = join(dir, 'big-products.csv');
    writeFileSync(big, productsCsv(Array.from({ length: 50_000 }, (_, i): [string, number] => [`BIG-${i}`, 1])).content);
    const running = await service.startFileImport([big]);
    if (!running.ok) throw new Error(running.error.message);
    expect(await service.api.cancelCsvImport({ importId: running.value.importId })).toMatchObject({ ok: true });
    expect(await ended(running.value.importId)).toMatchObject({ progress: { state: 'cancelled', error: { code: 'cancelled' } } });
    expect(await service.api.getBenchInfo({})).toMatchObject({ ok: true, value: { productCount: 2 } });
  });

  it('Cancel stops an import while it saves its rows too, though the core is busy saving them: nothing is stored', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(join(dir, 'bench.db'));
    const events = recorder(service);
    const big = join(dir, 'saving-products.csv');
    writeFileSync(big, productsCsv(Array.from({ length: 200_000 }, (_, i): [string, number] => [`SAVE-${i}`, 1])).content);
    const running = await service.startFileImport([big]);
    if (!running.ok) throw new Error(running.error.message);
    const { importId } = running.value;
    const ofThisImport = (e: BenchEvent, states: string[]) => e.kind === 'import' && e.progress.importId === importId && states.includes(e.progress.state);
    // Saving runs as one transaction: the core's thread answers no call until it ends.
    const saving = await events.next((e) => ofThisImport(e, ['applying']) && e.kind === 'import' && e.progress.rowsApplied > 0);
    const ended = events.next((e) => ofThisImport(e, ['done', 'cancelled', 'refused']));
    const cancelled = service.api.cancelCsvImport({ importId });
    expect(await ended).toMatchObject({ progress: { state: 'cancelled', error: { code: 'cancelled', message: 'The import was cancelled; nothing was imported.' } } });
    expect(saving).toMatchObject({ progress: { rowsTotal: 200_000 } });
    expect(await cancelled).toMatchObject({ ok: true });
    expect(await service.api.getBenchInfo({})).toMatchObject({ ok: true, value: { productCount: 0 } });
    await service.close();
  });

  it('a long grid save tells its progress on the change stream, and Cancel stops it while it writes: nothing is saved', { timeout: 120_000 }, async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(join(dir, 'bench.db'));
    const events = recorder(service);
    const boxes = 100_000;
    const product = { name: 'products.csv', content: csv([[...HEADERS.products], ['LOTS', 'Lots', '', 'multiple_use', boxes]]) };
    expect(await service.api.importCsv({ files: [product] })).toMatchObject({ ok: true });
    const found = await service.api.findProducts({ query: 'LOTS' });
    const productId = found.ok ? found.value.items[0]!.id : 0;
    const edits = (prefix: string) => Array.from({ length: boxes }, (_, box) => ({ box, identifierId: null, value: `${prefix}-${box}` }));
    const pendingBefore = await service.api.getSyncStatus({});

    // Cancelled while it writes (one transaction: the core's thread takes no call until it ends).
    const cancelledSave = service.api.saveSerialGrid({ productId, edits: edits('A'), saveId: 'save-cancelled' });
    await events.next((e) => e.kind === 'gridSave' && e.progress.saveId === 'save-cancelled' && e.progress.phase === 'saving', 60_000);
    const cancel = service.api.cancelSerialGridSave({ saveId: 'save-cancelled' });
    expect(await cancelledSave).toEqual({ ok: false, error: { code: 'cancelled', message: GRID_SAVE_CANCELLED, issues: [] } });
    expect(await cancel).toEqual({ ok: true, value: { saveId: 'save-cancelled' } });
    expect(await service.api.getSerialGrid({ productId, offset: 0, limit: 1 })).toMatchObject({ ok: true, value: { filledBoxes: 0 } });
    expect(await service.api.getSyncStatus({})).toEqual(pendingBefore);

    // Left alone, the same save goes through; its progress counted the boxes, then the writes.
    events.clear();
    expect(await service.api.saveSerialGrid({ productId, edits: edits('B'), saveId: 'save-kept' })).toMatchObject({ ok: true, value: { added: boxes } });
    const moves = events.seen.flatMap((e) => (e.kind === 'gridSave' ? [e.progress] : []));
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((p) => p.saveId === 'save-kept' && p.productId === productId && p.total === boxes && p.done <= p.total)).toBe(true);
    expect(await service.api.getSerialGrid({ productId, offset: 0, limit: 1 })).toMatchObject({ ok: true, value: { filledBoxes: boxes } });
  });

  it('after a crash loop the service says it stopped for good, refuses calls clearly, and still closes', { timeout: 120_000 }, async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(join(dir, 'bench.db'));
    const events = recorder(service);
    for (let crash = 1; crash <= MAX_RESTARTS; crash++) {
      events.clear();
      await service.crashForTesting();
      await events.next((e) => e.kind === 'core' && e.state === 'running', 60_000);
    }
    events.clear();
    await service.crashForTesting();
    expect(await events.next((e) => e.kind === 'core' && e.state !== 'restarting')).toEqual({ kind: 'core', state: 'stopped', message: CORE_STOPPED_MESSAGE });
    expect(await service.api.getBenchInfo({})).toMatchObject({ ok: false, error: { message: CORE_STOPPED_MESSAGE } });
    await service.close();
  });

  it('a recall export to a file that cannot be replaced comes back as a refusal saying why, not an unexpected error', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    const blocked = join(dir, 'recall.csv');
    mkdirSync(blocked);
    const failed = await service.writeRecallExport(recallQuerySchema.parse({ sku: 'X' }), blocked).then(() => null, (error: unknown) => error);
    expect(failed).toBeInstanceOf(BenchError);
    expect(failed).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Could not save recall\.csv \(E[A-Z]+\)/) });
    await service.writeRecallExport(recallQuerySchema.parse({ sku: 'X' }), join(dir, 'fine.csv'));
    expect(readFileSync(join(dir, 'fine.csv'), 'utf8')).toMatch(/^\uFEFF?"?Identifier/);
  });

  it('refuses calls after close with a clear message', async () => {
    const dir = tempDir('bench-service-');
    const service = await startService(`${dir}/bench.db`);
    await service.close();
    expect(await service.api.getBenchInfo({})).toMatchObject({ ok: false, error: { code: 'internal', message: 'The bench is shutting down.' } });
  });
});
