/**
 * Where the renderer's main thread spends the first refused scan of a session against the later ones:
 * a tool beside the scan bench (not one of its figures). Seeds the bench's product (100,000 held) once,
 * then per session opens a fresh browser context, opens the serial grid as the bench does, traces three
 * refused scans in a row (the first of the session, then two more) and prints, per scan, the wall time
 * from Enter to the frame produced and the main thread's work in that window by kind (self time of the
 * trace's events), plus a CPU profile's heaviest functions. Under load wall time mostly measures
 * waiting; compare the kinds of work.
 *
 *   npx tsx test/bench/ui-scan-trace.ts [sessions=5] [held=100000]
 *   RENDERER_DIRS=dist/a,dist/b …   alternates sessions between two builds (A/B under the same load)
 *   TASKS=300 …                      also prints each scan's main-thread events of 300 µs or more
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { startHost } from '../../electron/web/host.js';
import { RENDERER_DIR } from '../../electron/web/main.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium.js';
import { stopTrace, type TraceEvent } from './chromium-trace.js';
import { median } from './figures.js';
import { NO_VSYNC_ARGS } from './ui-grid-bench.js';
import { ENTER_PROBE, lastHeldValue, openScanGrid, scanValue, seedCsv, setHeld, takeSamples } from './ui-scan-bench.js';


interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'blink.user_timing', 'toplevel', 'blink', 'loading', 'cc', 'disabled-by-default-v8.cpu_profiler'];
const REFUSALS = 3;
/** Marks each Enter and the frame after it in the trace (the bench's probe times the same span). */
const MARK_PROBE = `document.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  performance.mark('scan:enter');
  requestAnimationFrame(() => {
    const after = new MessageChannel();
    after.port1.onmessage = () => performance.mark('scan:painted');
    after.port2.postMessage(null);
  });
}, true)`;

/**
 * Self time (ms) per event name on one thread between two trace timestamps: wall, and the part of it
 * the thread was off the CPU ("waiting": blocked on another process, or descheduled under load).
 */
function selfTimes(events: TraceEvent[], from: number, to: number): Map<string, number> {
  const inside = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts <= to).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const add = (key: string, ms: number) => self.set(key, (self.get(key) ?? 0) + ms);
  const stack: TraceEvent[] = [];
  const key = (e: TraceEvent) => (e.name === 'EventDispatch' ? `EventDispatch ${e.args?.data?.type ?? ''}` : e.name);
  const wait = (e: TraceEvent) => (e.tdur === undefined ? 0 : (e.dur! - e.tdur) / 1000);
  for (const e of inside) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      add(`self ${key(parent)}`, -e.dur! / 1000);
      if (e.tdur !== undefined && parent.tdur !== undefined) add(`waiting in ${key(parent)}`, -wait(e));
    }
    add(`self ${key(e)}`, e.dur! / 1000);
    if (e.tdur !== undefined) add(`waiting in ${key(e)}`, wait(e));
    stack.push(e);
  }
  return self;
}

function shortUrl(url: string): string {
  return (url ?? '').replace(/^.*\/assets\//, '').replace(/^https?:\/\/[^/]+\//, '') || '(native)';
}

async function traceSession(page: Page, launchUrl: string): Promise<Array<Map<string, number>>> {
  await page.goto(launchUrl);
  await openScanGrid(page);
  await page.evaluate(ENTER_PROBE);
  await page.evaluate(MARK_PROBE);
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: CATEGORIES });
  const walls: number[] = [];
  for (let i = 0; i < REFUSALS; i++) {
    await scanValue(page, lastHeldValue());
    const [sample] = await takeSamples(page);
    if (!sample?.refused.includes(lastHeldValue())) throw new Error(`refusal ${i + 1} not shown: ${JSON.stringify(sample)}`);
    walls.push(sample.ms);
  }
  const traceEvents = await stopTrace(browser);
  const enters = traceEvents.filter((e) => e.name === 'scan:enter').sort((a, b) => a.ts - b.ts);
  const painted = traceEvents.filter((e) => e.name === 'scan:painted').sort((a, b) => a.ts - b.ts);
  if (enters.length !== REFUSALS || painted.length !== REFUSALS) throw new Error(`marks: ${enters.length} enters, ${painted.length} frames`);
  const main = traceEvents.filter((e) => e.pid === enters[0]!.pid && e.tid === enters[0]!.tid);

  // The main thread's sampled JS stacks, recorded in the trace (as the DevTools performance panel does).
  const nodes = new Map<number, ProfileNode>();
  const samples: number[] = [];
  const sampleTimes: number[] = [];
  const profileStart = main.find((e) => e.name === 'Profile');
  const profileId = (e: TraceEvent) => (e as unknown as { id: string }).id;
  let t = (profileStart?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0;
  for (const chunk of traceEvents.filter((e) => e.name === 'ProfileChunk' && profileStart && profileId(e) === profileId(profileStart))) {
    const data = (chunk.args?.data ?? {}) as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    (data.cpuProfile?.samples ?? []).forEach((sample, k) => {
      samples.push(sample);
      sampleTimes.push((t += data.timeDeltas?.[k] ?? 0));
    });
  }

  return enters.map((enter, i) => {
    const end = painted[i]!.ts;
    const row = new Map<string, number>();
    row.set('wall: Enter → frame produced (probe, ms)', walls[i]!);
    row.set('wall: Enter → frame produced (trace, ms)', (end - enter.ts) / 1000);
    const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.ts + e.dur! >= enter.ts && e.ts <= end);
    row.set('main thread tasks CPU (ms)', tasks.reduce((sum, e) => sum + (e.tdur ?? e.dur!) / 1000, 0));
    row.set('main thread tasks wall (ms)', tasks.reduce((sum, e) => sum + e.dur! / 1000, 0));
    // From the Enter's own task (its keydown began a little before the mark) to the frame.
    const from = Math.min(enter.ts, ...tasks.map((e) => e.ts));
    if (process.env.TASKS) {
      const top = main.filter((e) => e.ph === 'X' && e.dur! >= Number(process.env.TASKS) && e.ts >= from && e.ts <= end).sort((a, b) => a.ts - b.ts);
      console.error(`refusal ${i + 1}: ` + top.map((e) => `${((e.ts - from) / 1000).toFixed(1)} ${e.name}${e.name === 'EventDispatch' ? ':' + (e.args?.data?.type ?? '') : ''}${e.name === 'FunctionCall' ? ` ${e.args?.data?.functionName ?? ''} ${shortUrl(e.args?.data?.url ?? '')}:${String(e.args?.data?.lineNumber ?? '')}` : ''} ${(e.dur! / 1000).toFixed(1)}/${((e.tdur ?? 0) / 1000).toFixed(1)}`).join('\n  '));
    }
    // Script run, by where the called function is (the bench's probes have no script address).
    for (const call of main.filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && e.ts >= from && e.ts <= end)) {
      const where = `  calls into ${shortUrl(call.args?.data?.url ?? '').replace(/-[\w-]{8}\.js$/, '.js')} ${call.args?.data?.url ? '' : '(bench probe)'} CPU (ms)`;
      row.set(where, (row.get(where) ?? 0) + (call.tdur ?? call.dur!) / 1000);
    }
    for (const [name, ms] of selfTimes(main, from, end)) if (Math.abs(ms) >= 0.05) row.set(`  ${name} (ms)`, ms);
    const byFunction = new Map<string, number>();
    for (let s = 0; s < samples.length; s++) {
      const at = sampleTimes[s]!;
      if (at < from || at > end) continue;
      const frame = nodes.get(samples[s]!)?.callFrame ?? { functionName: '?', url: '', lineNumber: 0, columnNumber: 0 };
      const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + (sampleTimes[s + 1] !== undefined ? (sampleTimes[s + 1]! - at) / 1000 : 0.1));
    }
    for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12)) row.set(`  js ${name} (ms)`, ms);
    return row;
  });
}

async function main(): Promise<void> {
  const [sessions = 5, held = 100_000] = process.argv.slice(2).map(Number);
  setHeld(held);
  const dirs = (process.env.RENDERER_DIRS ?? RENDERER_DIR).split(',');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-scan-trace-'));
  const core = openBenchCore({ file: benchDatabaseFile(dataDir), stationName: 'UI scan trace' });
  const hosts = await Promise.all(dirs.map((rendererDir) => startHost({ handlers: core, rendererDir, log: () => {} })));
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: [...CHROMIUM_ARGS, ...NO_VSYNC_ARGS] });
  // rows[dir][refusal][session]
  const rows = dirs.map(() => Array.from({ length: REFUSALS }, (): Array<Map<string, number>> => []));
  try {
    core.importCsv({ files: seedCsv() });
    for (let session = 0; session < sessions; session++) {
      for (let d = 0; d < dirs.length; d++) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        const perScan = await traceSession(page, hosts[d]!.launchUrl);
        perScan.forEach((row, i) => rows[d]![i]!.push(row));
        await page.close();
        console.error(`${dirs[d]} session ${session + 1}/${sessions}: ${perScan.map((r) => r.get('wall: Enter → frame produced (probe, ms)')!.toFixed(1)).join(' / ')} ms`);
      }
    }
  } finally {
    await browser.close();
    for (const host of hosts) await host.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (let d = 0; d < dirs.length; d++) {
    for (let i = 0; i < REFUSALS; i++) {
      const perSession = rows[d]![i]!;
      console.log(`\n${dirs[d]}, refusal ${i + 1} of the session: median of ${sessions} sessions [each session]`);
      const keys = [...new Set(perSession.flatMap((r) => [...r.keys()]))];
      const medianOf = (key: string) => median(perSession.map((r) => r.get(key) ?? 0));
      const ordered = keys.filter((k) => !k.startsWith('  ')).concat(keys.filter((k) => k.startsWith('  ')).sort((a, b) => medianOf(b) - medianOf(a)).slice(0, Number(process.env.TOP ?? 30)));
      for (const key of ordered) {
        const values = perSession.map((r) => r.get(key) ?? 0);
        console.log(`${key.slice(0, 90).padEnd(90)} ${median(values).toFixed(2).padStart(7)}   [${values.map((v) => v.toFixed(1)).join(' ')}]`);
      }
    }
  }
}

void main();
