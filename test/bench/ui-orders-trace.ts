/**
 * Where the order list's cold first load spends the renderer's main thread: a tool beside the orders
 * bench (not one of its figures). Seeds the bench's 50,000 orders once (kept in the temp folder), starts the
 * core and the host as the bench does, then for each run launches a fresh Chromium (a fresh profile:
 * cold, the bench's definition), traces the load and prints, per phase between the renderer's start-up
 * marks, the wall time and the main thread's CPU (thread time of its tasks), then CPU by kind of work.
 * Under load wall time mostly measures waiting for a core; compare CPU.
 *
 *   npx tsx test/bench/ui-orders-trace.ts [runs=5] [orders=50000]
 *   RENDERER_DIRS=dist/a,dist/b …   alternates runs between two builds (A/B under the same load)
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { startCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { startHost } from '../../electron/web/host.js';
import { RENDERER_DIR } from '../../electron/web/main.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium.js';
import { stopTrace } from './chromium-trace.js';
import { median } from './figures.js';
import { FIRST_ROW_MESSAGE, FIRST_ROW_PROBE, seedCsv } from './ui-orders-bench.js';


/** Phases end at these marks (renderer/main.tsx and the modules it names), then at the painted row. */
const PHASE_ENDS = ['boot:start-script', 'boot:app-evaluated', 'first-page:checked', 'boot:render-called', 'first-content:committed'];
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel'];
/** Kinds of work reported (trace event names), nested inside the main thread's tasks. */
const KINDS = ['FunctionCall', 'v8.evaluateModule', 'EvaluateScript', 'RunMicrotasks', 'TimerFire', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'MinorGC', 'MajorGC'];

function scriptName(url: string | undefined): string {
  return /assets\/([A-Za-z]+)[-.]/.exec(url ?? '')?.[1] ?? '?';
}

async function traceOneLoad(launchUrl: string): Promise<Map<string, number>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(FIRST_ROW_PROBE);
    await browser.startTracing(page, { categories: CATEGORIES });
    const painted = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(FIRST_ROW_MESSAGE), timeout: 60_000 });
    const [message] = await Promise.all([painted, page.goto(launchUrl)]);
    const paintedAt = Number(message.text().slice(FIRST_ROW_MESSAGE.length));
    const marks = (await page.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))`)) as Record<string, number>;
    const traceEvents = await stopTrace(browser);

    // The page's main thread is where its marks were recorded; page time 0 is navigation start.
    const anchor = traceEvents.find((e) => e.name === 'boot:start-script');
    if (!anchor || marks['boot:start-script'] === undefined) throw new Error('the page recorded no start-up marks');
    const originUs = anchor.ts - marks['boot:start-script'] * 1000;
    const pageMs = (ts: number) => (ts - originUs) / 1000;
    const main = traceEvents.filter((e) => e.pid === anchor.pid && e.tid === anchor.tid && e.ph === 'X' && e.dur !== undefined && pageMs(e.ts) <= paintedAt);
    const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
    const cpuBetween = (from: number, to: number) => {
      let cpu = 0;
      for (const task of tasks) {
        const start = pageMs(task.ts);
        const wall = task.dur! / 1000;
        const overlap = Math.min(start + wall, to) - Math.max(start, from);
        if (overlap > 0) cpu += ((task.tdur ?? task.dur!) / 1000) * (wall > 0 ? overlap / wall : 1);
      }
      return cpu;
    };

    const row = new Map<string, number>();
    let from = 0;
    for (const [name, at] of [...PHASE_ENDS.filter((m) => marks[m] !== undefined).map((m) => [m, marks[m]!] as const), ['row painted', paintedAt] as const].sort((a, b) => a[1] - b[1])) {
      row.set(`→ ${name}: at (ms)`, at);
      row.set(`→ ${name}: main CPU (ms)`, cpuBetween(from, at));
      from = at;
    }
    row.set('main thread CPU, navigation → row painted (ms)', cpuBetween(0, paintedAt));
    for (const e of main) {
      if (!KINDS.includes(e.name)) continue;
      const key = `  CPU in ${e.name}${e.name === 'v8.evaluateModule' ? ` ${scriptName(e.args?.data?.url ?? e.args?.fileName)}` : ''} (ms)`;
      row.set(key, (row.get(key) ?? 0) + (e.tdur ?? e.dur!) / 1000);
    }
    const background = traceEvents.filter((e) => e.pid === anchor.pid && e.tid !== anchor.tid && e.ph === 'X' && e.name === 'v8.parseOnBackground' && pageMs(e.ts) <= paintedAt);
    for (const e of background) {
      const key = `  CPU parsing ${scriptName(e.args?.data?.url)} off the main thread (ms)`;
      row.set(key, (row.get(key) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    }
    row.set('load average (1 min)', loadavg()[0]!);
    return row;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const [runs = 5, orders = 50_000] = process.argv.slice(2).map(Number);
  const dirs = (process.env.RENDERER_DIRS ?? RENDERER_DIR).split(',').map((d) => resolve(d));
  const dataDir = join(tmpdir(), `bench-ui-orders-trace-${orders}`);
  mkdirSync(dataDir, { recursive: true });
  const file = benchDatabaseFile(dataDir);
  if (!existsSync(file)) {
    const seeder = openBenchCore({ file, stationName: 'UI orders bench' });
    seeder.importCsv({ files: seedCsv(orders) });
    seeder.close();
  }
  const core = await startCoreService({ worker: sourceWorker(), config: { file, stationName: 'UI orders bench' }, log: () => {} });
  const hosts = await Promise.all(dirs.map((rendererDir) => startHost({ call: core.call, events: core, rendererDir, log: () => {} })));
  const rows: Array<Array<Map<string, number>>> = dirs.map(() => []);
  try {
    for (let run = 0; run < runs; run++) {
      for (let d = 0; d < dirs.length; d++) {
        rows[d]!.push(await traceOneLoad(hosts[d]!.launchUrl));
        console.error(`run ${run + 1}/${runs} of ${dirs[d]} done`);
      }
    }
  } finally {
    for (const host of hosts) await host.close();
    await core.close();
  }
  for (let d = 0; d < dirs.length; d++) {
    console.log(`\n${dirs[d]}: median of ${runs} cold loads [each run]`);
    const keys = [...new Set(rows[d]!.flatMap((r) => [...r.keys()]))];
    for (const key of keys) {
      const values = rows[d]!.map((r) => r.get(key) ?? 0);
      console.log(`${key.padEnd(64)} ${median(values).toFixed(1).padStart(8)}   [${values.map((v) => v.toFixed(0)).join(' ')}]`);
    }
  }
}

void main();
