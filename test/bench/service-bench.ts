/**
 * The core as a service (worker thread) on real SQLite files in a temp folder:
 *  (a) allocate + complete one order through the service (the worker hop included), as "Complete Order"
 *      in the allocation dialog does it (one call: the boxes and the quantities), p99, against the plain
 *      SQLite commit floor measured in the same run (one floor commit before each order): ratio target <= 2;
 *      beside it, for reading that ratio, a bare commit writing as many pages as an order does (no work)
 *      against a bare one-row commit, in a pass of their own after the orders: what the disk alone
 *      charges for an order-sized sync (BENCH_SERVICE_VERBOSE=1 shows what the rest is made of);
 *      timed once the setup import has settled (its WAL copied back by the core's background checkpoint);
 *  (b) event latency: a change committed by another connection (as sync or the CLI commit it) until
 *      its event arrives over the host's Server-Sent Events stream, and a change made through the
 *      contract until its event arrives there: p99 target <= 100 ms;
 *  (c) the relay (the browser-mode host) answering a ping while the core is busy with a large
 *      import, p99 target <= 50 ms; for comparison, how long the same import blocks a host that runs
 *      the core in its own thread;
 *  (d) the screens while the core imports 1,000,000 rows (a file import started from the relay, as
 *      Electron's Import… menu does, its progress on the change stream): in Chromium against the
 *      browser-mode host, a packer types into "Search orders" on the order screen (a key every 150 ms,
 *      each pause long enough to search); each printable key is timed from the key event's own time
 *      stamp (when the browser took the key, so time spent waiting for a busy page counts) until the
 *      frame showing the new text has been produced (requestAnimationFrame, then the task after it),
 *      p99 target <= 50 ms. Needs the renderer built (dist/renderer).
 * BENCH_SERVICE_PARTS (comma-separated: allocate, events, ping, typing) runs only those parts, e.g.
 * `BENCH_SERVICE_PARTS=allocate npm run bench -- service` while working on (a); unset, all four run.
 * BENCH_SERVICE_VERBOSE=1 also prints what (a)'s times are made of (service-phases.ts).
 */
import { chromium, type Browser } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { CHECKPOINT_IDLE_MS } from '../../electron/core/db/background-checkpoints.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { DEFAULT_EXTERNAL_CHECK_MS } from '../../electron/core/service/core-runtime.js';
import { startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import type { CallTiming } from '../../electron/core/service/protocol.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { startHost, type RunningHost } from '../../electron/web/host.js';
import { RENDERER_DIR } from '../../electron/web/main.js';
import type { ArgsOf, BenchMethod, ImportProgress, ResultOf } from '../../shared/contract/api.js';
import { benchEventSchema, CHANGE_STREAM_PATH, type BenchEvent } from '../../shared/contract/change-events.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium.js';
import { writeLargeCatalogue } from '../support/large-csv.js';
import { count, figure, FULL_RUN, percentile, type BenchFigure, type BenchOptions } from './figures.js';
import { runQueueWaitSince } from '../../electron/core/service/run-queue-wait.js';
import { epochNow, otherThreadsMs, PHASES_VERBOSE, recordPhases, threadCpuNow } from './service-phases.js';
import { allocateSetupFiles, completeArgs, orderLinesOf, walFramesReport } from './service-wal-frames.js';

interface Sizes {
  orders: number;
  events: number;
  importRows: number;
  /** Rows of the file import the screens are typed into during. */
  typingImportRows: number;
}
const FULL: Sizes = { orders: 2_000, events: 200, importRows: 300_000, typingImportRows: 1_000_000 };
const QUICK: Sizes = { orders: 300, events: 40, importRows: 60_000, typingImportRows: 100_000 };

const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.join(',')).join('\n') + '\n';
/** Orders of the verbose WAL frame count (each reads dbstat, so fewer than the timed ones). */
const WAL_FRAMES_ORDERS = 500;

async function call<M extends BenchMethod>(service: BenchCoreService, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const result = await service.api[method](args as never);
  if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error).slice(0, 500)}`);
  return result.value as ResultOf<M>;
}

function sorted(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

/**
 * What one durable one-row commit costs on this disk (WAL, synchronous=FULL), as core-bench measures
 * it: `commit()` times one. The bench takes one before each order, so both see the same disk and load.
 */
function openCommitFloor(dir: string) {
  const db = openDatabase(join(dir, 'commit-floor.db'));
  const insert = db.prepare(`INSERT INTO bench_meta (key, value) VALUES (?, 'x')`);
  let n = 0;
  return {
    commit(): number {
      const started = performance.now();
      insert.run(`k${n++}`);
      return performance.now() - started;
    },
    close: () => db.close(),
  };
}

/**
 * Pages (WAL frames) one allocate + complete commit writes, about one per b-tree it touches: 21.4 in
 * the verbose report's count (service-wal-frames.ts). The order-sized bare commit writes this many.
 */
const ORDER_COMMIT_PAGES = 21;
/** In the disk-share pass, both files' WALs are copied back (untimed) after this many commits each. */
const COMMITS_PER_CHECKPOINT = 200;

/**
 * A durable commit of one row into each of `pages` small tables, so it writes about that many pages
 * and does none of an order's work. Like the core's file, its WAL has reached the size it keeps before
 * any timed commit and is copied back only by `checkpoint()`, never inside a commit.
 */
function openBareCommits(dir: string, name: string, pages: number) {
  const db = openDatabase(join(dir, name));
  db.pragma('wal_autocheckpoint = 0');
  const tables = Array.from({ length: pages }, (_, i) => `page_${i}`);
  for (const table of tables) db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, value TEXT NOT NULL)`);
  const inserts = tables.map((table) => db.prepare(`INSERT INTO ${table} (value) VALUES ('x')`));
  const insertAll = db.transaction(() => {
    for (const insert of inserts) insert.run();
  });
  const checkpoint = () => db.pragma('wal_checkpoint(RESTART)');
  for (let i = 0; i < COMMITS_PER_CHECKPOINT; i++) insertAll();
  checkpoint();
  return {
    commit(): number {
      const started = performance.now();
      insertAll();
      return performance.now() - started;
    },
    checkpoint,
    close: () => db.close(),
  };
}

/**
 * The disk's share of the ratio, in a pass after the orders and once the core is closed (so neither
 * changes the other's timing): `commits` order-sized bare commits, each after a one-row bare commit,
 * the two files alike; the pair after each (untimed) checkpoint is not timed either.
 */
function diskShare(dir: string, commits: number): { orderSizedP99: number; floorP99: number } {
  const oneRow = openBareCommits(dir, 'disk-share-one-row.db', 1);
  const orderSized = openBareCommits(dir, 'disk-share-order-sized.db', ORDER_COMMIT_PAGES);
  const floor: number[] = [];
  const wide: number[] = [];
  try {
    for (let i = 0; i < commits; i++) {
      if (i > 0 && i % COMMITS_PER_CHECKPOINT === 0) {
        oneRow.checkpoint();
        orderSized.checkpoint();
        oneRow.commit();
        orderSized.commit();
      }
      floor.push(oneRow.commit());
      wide.push(orderSized.commit());
    }
  } finally {
    oneRow.close();
    orderSized.close();
  }
  return { orderSizedP99: percentile(sorted(wide), 99), floorP99: percentile(sorted(floor), 99) };
}

async function benchAllocateComplete(dir: string, sizes: Sizes): Promise<BenchFigure[]> {
  const file = join(dir, 'dispatch.db');
  let lastTiming: CallTiming | null = null;
  const service = await startCoreService({
    worker: sourceWorker(),
    config: { file, timings: PHASES_VERBOSE },
    log: () => {},
    onCallTiming: (method, timing) => {
      if (method === 'completeOrder') lastTiming = timing;
    },
  });
  try {
    await call(service, 'importCsv', { files: allocateSetupFiles(sizes.orders) });
    const reader = new Database(file, { readonly: true });
    const lines = orderLinesOf(reader);
    reader.close();
    // The import is setup: its WAL is copied back in the background once writes pause; let that
    // finish rather than time the first orders against it.
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_IDLE_MS * 4));
    const times: number[] = [];
    const floor: number[] = [];
    const floorFile = openCommitFloor(dir);
    const phases = PHASES_VERBOSE ? recordPhases() : null;
    try {
      for (const [i, order] of lines.entries()) {
        floor.push(floorFile.commit());
        const cpuWait = phases ? runQueueWaitSince() : null;
        const threadsBefore = phases ? threadCpuNow() : null;
        const sentAt = phases ? epochNow() : 0;
        const started = performance.now();
        const done = await call(service, 'completeOrder', completeArgs(i, order));
        times.push(performance.now() - started);
        // Set by onCallTiming meanwhile (TypeScript cannot see that, so it is read through a cast).
        const timing = lastTiming as CallTiming | null;
        if (phases && timing) {
          const arrivedAt = epochNow();
          const otherThreads = otherThreadsMs(threadsBefore!, threadCpuNow(), timing.threadId);
          phases.add({ sentAt, arrivedAt, floorMs: floor.at(-1)!, timing, cpuWaitMs: cpuWait!(), otherThreadsMs: otherThreads });
        }
        if (done.status !== 'dispatched') throw new Error(`order ${order.orderId} was not dispatched`);
      }
    } finally {
      floorFile.close();
    }
    if (phases) console.log(`${phases.report()}\n${walFramesReport(dir, WAL_FRAMES_ORDERS)}`);
    sorted(times);
    sorted(floor);
    const p99 = percentile(times, 99);
    const floorP99 = percentile(floor, 99);
    return [
      figure(`service: allocate + complete an order through the worker, p50 (${count(sizes.orders)} orders)`, percentile(times, 50), 'ms'),
      figure(`service: allocate + complete an order through the worker, p99 (${count(sizes.orders)} orders)`, p99, 'ms'),
      figure('service: commit floor in the same run (one-row transaction, synchronous=FULL), p99', floorP99, 'ms'),
      figure('service: allocate + complete p99 ÷ commit floor p99', p99 / floorP99, '×', 2),
    ];
  } finally {
    await service.close();
  }
}

async function benchAllocateCompleteAndDiskShare(dir: string, sizes: Sizes): Promise<BenchFigure[]> {
  const figures = await benchAllocateComplete(dir, sizes);
  const disk = diskShare(dir, sizes.orders);
  return [
    ...figures,
    figure(`service: a bare commit as wide as an order's (${ORDER_COMMIT_PAGES} pages, no work), p99, in a pass of its own`, disk.orderSizedP99, 'ms'),
    figure(`service: that commit's p99 ÷ a bare one-row commit's p99 in that pass (the disk's share of the ratio)`, disk.orderSizedP99 / disk.floorP99, '×'),
  ];
}

/** A change event slower than this is lost, not slow (the target is 100 ms). */
const EVENT_WAIT_MS = 10_000;

/** Reads the host's change stream; `waitFor(what, match)` resolves at the arrival time of the next matching event. */
async function openStream(host: RunningHost) {
  const controller = new AbortController();
  const response = await fetch(`${host.origin}${CHANGE_STREAM_PATH}`, { headers: { Authorization: `Bearer ${host.secret}` }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const waiting: Array<{ match: (e: BenchEvent) => boolean; resolve: (at: number) => void }> = [];
  // What came last, so a wait that never ends can say what arrived instead.
  const recent: string[] = [];
  let buffer = '';
  let lastArrival = performance.now();
  let firstSeen!: () => void;
  const connected = new Promise<void>((resolve) => (firstSeen = resolve));
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          recent.push('(the stream ended)');
          return;
        }
        const at = performance.now();
        lastArrival = at;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('');
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = benchEventSchema.parse(JSON.parse(data));
          recent.push(`${event.kind}${event.kind === 'data' ? `/${event.source}` : ''}`);
          if (recent.length > 8) recent.shift();
          firstSeen();
          const hit = waiting.findIndex((w) => w.match(event));
          if (hit >= 0) waiting.splice(hit, 1)[0]!.resolve(at);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await connected;
  return {
    /** Rejects after EVENT_WAIT_MS naming what it waited for and the last events that did arrive. */
    waitFor: (what: string, match: (e: BenchEvent) => boolean) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(new Error(`no ${what} event reached the SSE stream within ${EVENT_WAIT_MS} ms; the last events: ${recent.join(', ') || 'none'}`));
        }, EVENT_WAIT_MS);
        const entry = { match, resolve: (at: number) => (clearTimeout(timer), resolve(at)) };
        waiting.push(entry);
      }),
    /** Resolves once no event has arrived for `ms`: what earlier work changed has all been told. */
    async quietFor(ms: number) {
      while (performance.now() - lastArrival < ms) await new Promise((resolve) => setTimeout(resolve, ms - (performance.now() - lastArrival)));
    },
    close: () => controller.abort(),
  };
}

async function benchEventLatency(dir: string, sizes: Sizes): Promise<BenchFigure[]> {
  const file = join(dir, 'events.db');
  const service = await startCoreService({ worker: sourceWorker(), config: { file }, log: () => {} });
  const host = await startHost({ call: service.call, events: service, log: () => {} });
  const stream = await openStream(host);
  const other = openBenchCore({ file, stationName: 'other writer' });
  try {
    await call(service, 'importCsv', { files: [{ name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['EVT', 'Events', '', 'none', 0]]) }] });
    const productId = (await call(service, 'findProducts', { query: 'EVT' })).items[0]!.id;
    // The set-up's own events (the import; the other connection's first writes, seen by the core's
    // next look as external) must have arrived first: one in flight would end the first wait below
    // before its commit was seen, and the change through the contract would then come as external.
    await stream.quietFor(4 * DEFAULT_EXTERNAL_CHECK_MS);
    const external: number[] = [];
    const local: number[] = [];
    for (let i = 1; i <= sizes.events; i++) {
      // Another connection commits (as the CLI does; sync commits inside the worker and is told at once).
      const arrived = stream.waitFor('external data', (e) => e.kind === 'data' && e.source === 'external');
      other.changeStockLevel({ productId, newStockLevel: i * 2, newIdentifiers: [], leavingIdentifiers: [] });
      const committed = performance.now();
      external.push((await arrived) - committed);
      // Through the contract: from asking until the screen's stream has the event (the commit is in between).
      const localArrived = stream.waitFor('local data', (e) => e.kind === 'data' && e.source === 'local');
      const asked = performance.now();
      await call(service, 'changeStockLevel', { productId, newStockLevel: i * 2 + 1 });
      local.push((await localArrived) - asked);
    }
    sorted(external);
    sorted(local);
    return [
      figure(`event latency: another connection's commit → event on the SSE stream, p50 (${count(sizes.events)})`, percentile(external, 50), 'ms'),
      figure(`event latency: another connection's commit → event on the SSE stream, p99 (${count(sizes.events)})`, percentile(external, 99), 'ms', 100),
      figure(`event latency: a change through the contract (ask → commit → event on the SSE stream), p99 (${count(sizes.events)})`, percentile(local, 99), 'ms', 100),
    ];
  } finally {
    other.close();
    stream.close();
    await host.close();
    await service.close();
  }
}

/** Pings the host (a static file it answers itself) every few ms until `busy` settles. */
async function pingWhile(host: RunningHost, busy: Promise<unknown>): Promise<number[]> {
  let done = false;
  void busy.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    // A kept-alive socket the host closed while it was blocked answers with a reset: ask again, and
    // count the whole wait.
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${host.origin}/ping.txt`);
        await response.arrayBuffer();
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return sorted(times);
}

async function benchRelayPing(dir: string, sizes: Sizes): Promise<BenchFigure[]> {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  writeFileSync(join(rendererDir, 'ping.txt'), 'pong');
  const rows = csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ...Array.from({ length: sizes.importRows }, (_, i) => [`BULK-${i}`, `Bulk ${i}`, '', 'none', i % 100])]);
  const files = [{ name: 'products.csv', content: rows }];

  const service = await startCoreService({ worker: sourceWorker(), config: { file: join(dir, 'ping.db') }, log: () => {} });
  const host = await startHost({ call: service.call, events: service, rendererDir, log: () => {} });
  let worker: number[];
  try {
    worker = await pingWhile(host, call(service, 'importCsv', { files }));
  } finally {
    await host.close();
    await service.close();
  }
  // The same import with the core in the host's own thread (as before the worker): its event loop,
  // and so every ping, waits for the whole import.
  const inProcess = openBenchCore({ file: join(dir, 'ping-inprocess.db') });
  let blockedMs: number;
  try {
    const started = performance.now();
    inProcess.importCsv({ files });
    blockedMs = performance.now() - started;
  } finally {
    inProcess.close();
  }
  return [
    figure(`relay ping while the core imports ${count(sizes.importRows)} rows (worker thread), p99 of ${count(worker.length)}`, percentile(worker, 99), 'ms', 50),
    figure(`the same import in the host's own thread (before the worker): the host answers nothing for`, blockedMs, 'ms'),
  ];
}

/**
 * In the page before any of its scripts: for each printable key typed into a text box, the time from the
 * key event's time stamp until the frame with the box's new text is produced, in __keys.
 */
const KEY_PAINT_PROBE = `(() => {
  window.__keys = [];
  document.addEventListener('keydown', (event) => {
    const box = event.target;
    if (event.key.length !== 1 || event.ctrlKey || !(box instanceof HTMLInputElement)) return;
    const pressed = event.timeStamp;
    box.addEventListener('input', () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__keys.push(performance.now() - pressed);
      channel.port2.postMessage(null);
    }), { once: true });
  }, true);
})()`;
const TYPING_KEY_DELAY_MS = 150;
const TYPED_SEARCHES = ['ORD-00012', 'Customer 7', 'ORD-0003', 'Customer 42'];

async function benchTypingDuringImport(dir: string, sizes: Sizes): Promise<BenchFigure[]> {
  const filesDir = join(dir, 'typing-import');
  mkdirSync(filesDir);
  const files = await writeLargeCatalogue(filesDir, sizes.typingImportRows);
  const service = await startCoreService({ worker: sourceWorker(), config: { file: join(dir, 'typing.db'), stationName: 'Typing bench' }, log: () => {} });
  const orders = Array.from({ length: 200 }, (_, n) => [`ORD-${String(n).padStart(5, '0')}`, `Customer ${n % 50}`, 'TYPE-1', 1]);
  await call(service, 'importCsv', {
    files: [
      { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['TYPE-1', 'Typing bench product', '', 'none', 1_000]]) },
      { name: 'orders.csv', content: csv([['order_number', 'customer', 'sku', 'quantity'], ...orders]) },
    ],
  });
  const host = await startHost({ call: service.call, events: service, rendererDir: RENDERER_DIR, log: () => {} });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(KEY_PAINT_PROBE);
    await page.goto(host.launchUrl);
    const search = page.getByLabel('Search orders');
    await page.getByText('200 orders awaiting dispatch', { exact: true }).waitFor();

    let ended: (progress: ImportProgress) => void;
    const importEnded = new Promise<ImportProgress>((resolve) => (ended = resolve));
    const unsubscribe = service.subscribe((event) => {
      if (event.kind === 'import' && !['reading', 'applying'].includes(event.progress.state)) ended(event.progress);
    });
    let running = true;
    const started = performance.now();
    const startedImport = await service.startFileImport([files.products, files.identifiers]);
    if (!startedImport.ok) throw new Error(`the import was refused: ${startedImport.error.message}`);
    const last = importEnded.then((progress) => {
      running = false;
      return { progress, ms: performance.now() - started, keys: page.evaluate('window.__keys.length') as Promise<number> };
    });
    try {
      for (let i = 0; running; i++) {
        await search.focus();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        for (const key of TYPED_SEARCHES[i % TYPED_SEARCHES.length]!) {
          if (!running) break;
          await page.keyboard.type(key, { delay: 0 });
          await page.waitForTimeout(TYPING_KEY_DELAY_MS);
        }
      }
    } finally {
      unsubscribe();
    }
    const { progress, ms, keys } = await last;
    if (progress.state !== 'done') throw new Error(`the import ended ${progress.state}: ${progress.error?.message ?? ''}`);
    // Only keys typed while the import ran (their frames were in before it ended).
    const during = ((await page.evaluate('window.__keys')) as number[]).slice(0, await keys);
    if (during.length < 20) throw new Error(`only ${during.length} keys were timed during the import`);
    sorted(during);
    return [
      figure(`renderer keystroke → frame painted while the core imports ${count(sizes.typingImportRows)} rows (Chromium, "Search orders"), p99 of ${count(during.length)} keys`, percentile(during, 99), 'ms', 50),
      figure('renderer keystroke → frame painted during that import, p50', percentile(during, 50), 'ms'),
      figure('renderer keystroke → frame painted during that import, slowest', during[during.length - 1]!, 'ms'),
      figure(`that ${count(sizes.typingImportRows)}-row file import, start to done (the page open)`, ms, 'ms'),
    ];
  } finally {
    await browser?.close();
    await host.close();
    await service.close();
  }
}

const PARTS = {
  allocate: benchAllocateCompleteAndDiskShare,
  events: benchEventLatency,
  ping: benchRelayPing,
  typing: benchTypingDuringImport,
} satisfies Record<string, (dir: string, sizes: Sizes) => Promise<BenchFigure[]>>;
type Part = keyof typeof PARTS;

/** The parts BENCH_SERVICE_PARTS names (all when unset), or an error naming the unknown one. */
function chosenParts(setting = process.env.BENCH_SERVICE_PARTS?.trim()): Part[] {
  const all = Object.keys(PARTS) as Part[];
  if (!setting) return all;
  const named = setting.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = named.find((part) => !all.includes(part as Part));
  if (unknown !== undefined) throw new Error(`BENCH_SERVICE_PARTS names an unknown part "${unknown}" (known: ${all.join(', ')}).`);
  return all.filter((part) => named.includes(part));
}

export async function runServiceBenchmarks({ quick }: BenchOptions = FULL_RUN): Promise<BenchFigure[]> {
  const sizes = quick ? QUICK : FULL;
  const parts = chosenParts();
  const dir = mkdtempSync(join(tmpdir(), 'bench-service-'));
  try {
    const figures: BenchFigure[] = [];
    for (const part of parts) figures.push(...(await PARTS[part](dir, sizes)));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
