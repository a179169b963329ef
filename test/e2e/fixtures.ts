/**
 * End-to-end fixture: a fresh bench data folder, the real core service (its worker thread owning the
 * real SQLite file), the real browser-mode host on 127.0.0.1 relaying it and serving the built
 * renderer, and a page opened on its launch URL. `bench.handlers` is a second, in-process core on the
 * same file, as another process writing it (such as the CLI): seeding through it reaches open screens
 * by the change stream.
 * `bench.restart()` closes host and database and opens them again on the same file.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Axe from 'axe-core';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { openBenchCore, type BenchCore } from '../../electron/core/bench-core.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { startHost, type RunningHost } from '../../electron/web/host.js';
import { browserModeSettings, RENDERER_DIR } from '../../electron/web/main.js';

export interface BenchFixture {
  readonly dataDir: string;
  /** An in-process core on the bench file (as another process would write it): seed data, check what the UI did. */
  readonly handlers: BenchHandlers;
  readonly core: BenchCore;
  /** The core service the host relays (the worker thread that owns the file for the page). */
  readonly service: BenchCoreService;
  readonly host: RunningHost;
  /** Opens the bench in the page (the launch URL, secret included). */
  open(page: Page): Promise<void>;
  /** Stops host and database, reopens both on the same file, and reloads the page if given. */
  restart(page?: Page): Promise<void>;
}

/** A fresh bench data folder with its core service already started (the worker thread owns its file). */
interface StartedBench {
  readonly dataDir: string;
  readonly file: string;
  readonly service: BenchCoreService;
}

// As browser mode opens it: the settings file in the data folder (no BENCH_HUB_* overrides).
const startService = (dataDir: string) =>
  startCoreService({ worker: sourceWorker(), config: { file: benchDatabaseFile(dataDir), stationName: 'E2E bench', settings: browserModeSettings(dataDir, {}) }, log: () => {} });

async function startBench(): Promise<StartedBench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
  try {
    return { dataDir, file: benchDatabaseFile(dataDir), service: await startService(dataDir) };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Hands each test a fresh bench and starts the next one meanwhile: a core worker takes seconds to
 * start on a loaded machine, and the test in front of it spends most of its time waiting on the page.
 * Every test still gets its own new data folder, file and worker thread; nothing is shared.
 */
class BenchStarter {
  private next: Promise<StartedBench> | null = null;

  take(): Promise<StartedBench> {
    const taken = this.next ?? startBench();
    this.next = null;
    // Started once this test's own bench is up, so the two do not race for the CPU.
    void taken.then(
      () => (this.next ??= startBench()),
      () => undefined,
    );
    return taken;
  }

  async close(): Promise<void> {
    const left = this.next;
    this.next = null;
    const bench = await left?.catch(() => null);
    if (!bench) return;
    await bench.service.close();
    rmSync(bench.dataDir, { recursive: true, force: true });
  }
}

export const test = base.extend<{ bench: BenchFixture }, { benchStarter: BenchStarter }>({
  benchStarter: [
    async ({}, use) => {
      const starter = new BenchStarter();
      await use(starter);
      await starter.close();
    },
    { scope: 'worker' },
  ],
  bench: async ({ benchStarter }, use) => {
    const started = await benchStarter.take();
    const { dataDir, file } = started;
    // The test's own in-process core on the same file, for arranging and checking rows; it never starts sync.
    const openCore = () => openBenchCore({ file, stationName: 'E2E bench' });
    const openHost = (on: BenchCoreService, reuse?: RunningHost) =>
      startHost({ call: on.call, events: on, rendererDir: RENDERER_DIR, port: reuse?.port, secret: reuse?.secret, log: () => {}, takeExport: (t) => on.takeExport(t) });
    let service = started.service;
    let core = openCore();
    let host = await openHost(service);
    const fixture: BenchFixture = {
      dataDir,
      get handlers() { return core; },
      get core() { return core; },
      get service() { return service; },
      get host() { return host; },
      async open(page) {
        await page.goto(host.launchUrl);
      },
      async restart(page) {
        await host.close();
        await service.close();
        core.close();
        service = await startService(dataDir);
        core = openCore();
        host = await openHost(service, host);
        if (page) {
          // The app strips the secret from the address, so the launch URL differs from the current one
          // only in its fragment and goto() alone would not reload: leave the page first.
          await page.goto('about:blank');
          await page.goto(host.launchUrl);
        }
      },
    };
    await use(fixture);
    await host.close();
    await service.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** axe-core's own build, put into a page once per document (the app has no frames to check apart). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Fails on serious or critical axe-core violations of what the page shows now. axe runs in the page,
 * put there once per document and asked for its violations only: @axe-core/playwright's analyze()
 * opened a second, blank page for every check and sent back every rule's passes too, about 2.5 s a
 * check (62 checks, over two minutes of the suite) where this takes about 0.3 s; the rules are the same.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`)).toEqual([]);
}

/** Saves a full-page screenshot into the test's output folder, for a person to look at. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** Types like a keyboard-wedge scanner: characters a few ms apart, then Enter (or Tab). */
export async function scan(page: Page, value: string, options: { delay?: number; terminator?: 'Enter' | 'Tab' } = {}): Promise<void> {
  await page.keyboard.type(value, { delay: options.delay ?? 5 });
  await page.keyboard.press(options.terminator ?? 'Enter');
}

export { expect };
