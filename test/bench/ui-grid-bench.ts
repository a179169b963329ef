/**
 * UI benchmarks of the serial entry grid in Chromium (test/chromium.ts), against the real core (temp SQLite
 * file) and the real browser-mode host, with a single-use product of 100,000 units/identifiers:
 *  - grid open: click on "Manually Update Serial Numbers" → first boxes painted with their values
 *    (target < 1000 ms), cold and median of repeated opens;
 *  - keystroke → next paint, p95 over ~200 keystrokes typed into boxes around box 50,000
 *    (target < 16 ms), timed in the page: performance.now() in a capturing keydown listener →
 *    requestAnimationFrame → the task after it (the frame has been produced). Checked with the
 *    display's 60 Hz cadence taken out (see NO_VSYNC_ARGS); also reported at 60 Hz, with
 *    keystroke → input updated and laid out, and the same probe on a plain search box (what the
 *    machine and browser cost without the grid).
 * Needs the renderer built (dist/renderer). Quick runs use 10,000 boxes and fewer repeats (QUICK).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { startHost } from '../../electron/web/host.js';
import { RENDERER_DIR } from '../../electron/web/main.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium.js';
import { count, figure, FULL_RUN, median, percentile, type BenchFigure, type BenchOptions } from './figures.js';

interface GridSizes {
  units: number;
  openRepeats: number;
  typedBoxes: number;
}
const FULL: GridSizes = { units: 100_000, openRepeats: 5, typedBoxes: 10 };
const QUICK: GridSizes = { units: 10_000, openRepeats: 2, typedBoxes: 3 };
const SKU = 'GRID-BENCH';
const KEYS_PER_BOX = 20;
const KEY_DELAY_MS = 25;


function seedCsv(units: number): Array<{ name: string; content: string }> {
  const identifiers = ['sku,identifier'];
  for (let i = 1; i <= units; i++) identifiers.push(`${SKU},GRID-SN-${String(i).padStart(6, '0')}`);
  return [
    { name: 'products.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${SKU},Grid benchmark product,,single_use,${units}\n` },
    { name: 'identifiers.csv', content: identifiers.join('\n') + '\n' },
  ];
}

async function openProduct(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(SKU);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${SKU} `) }).click();
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).waitFor();
}

// In-page code is passed as source text: tsx would wrap named functions in a helper the page lacks.

/** Clicks "Manually Update Serial Numbers" in the page and times until box 1 shows its value, painted. */
const TIME_GRID_OPEN = `new Promise((resolve, reject) => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Manually Update Serial Numbers');
  if (!button) return reject(new Error('no "Manually Update Serial Numbers" button'));
  const firstBoxShown = () => {
    const box = document.getElementById('serial-box-0');
    return box !== null && box.value !== '' && box.getBoundingClientRect().height > 0;
  };
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!firstBoxShown()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - started);
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  button.click();
})`;

async function timeGridOpen(page: Page): Promise<number> {
  return (await page.evaluate(TIME_GRID_OPEN)) as number;
}

/** Records, for each printable keystroke, keydown → painted frame and keydown → input laid out. */
const KEYSTROKE_PROBE = `(() => {
  const probe = { paint: [], layout: [] };
  window.__gridProbe = probe;
  document.addEventListener('keydown', (event) => {
    if (event.key.length !== 1 || !(event.target instanceof HTMLInputElement)) return;
    const input = event.target;
    const before = input.value;
    const started = performance.now();
    // The task after the keystroke's own: React has committed the new value by then.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      input.getBoundingClientRect();
      if (input.value !== before) probe.layout.push(performance.now() - started);
    };
    channel.port2.postMessage(null);
    requestAnimationFrame(() => {
      const after = new MessageChannel();
      after.port1.onmessage = () => {
        if (input.value !== before) probe.paint.push(performance.now() - started);
      };
      after.port2.postMessage(null);
    });
  }, true);
})()`;

async function installKeystrokeProbe(page: Page): Promise<void> {
  await page.evaluate(KEYSTROKE_PROBE);
}

/** The same probe on the products search box: what this machine and browser cost without the grid. */
async function typeIntoSearchBox(page: Page, typedBoxes: number): Promise<number[]> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  const search = page.getByLabel('SKU, title or barcode');
  await search.click();
  for (let i = 0; i < typedBoxes; i++) {
    await search.fill('');
    await page.keyboard.type('abcdefghijklmnopqrst'.slice(0, KEYS_PER_BOX), { delay: KEY_DELAY_MS });
  }
  await search.fill('');
  const { paint } = (await page.evaluate('window.__gridProbe')) as { paint: number[] };
  await page.evaluate('window.__gridProbe.paint = []; window.__gridProbe.layout = []');
  return paint.sort((a, b) => a - b);
}

async function typeIntoBoxesAround(page: Page, firstBox: number, typedBoxes: number): Promise<{ paint: number[]; layout: number[] }> {
  const goTo = page.getByLabel('Go to box');
  await goTo.fill(String(firstBox));
  await goTo.press('Enter');
  for (let i = 0; i < typedBoxes; i++) {
    const box = page.getByRole('textbox', { name: `Serial number ${firstBox + i}`, exact: true });
    await box.and(page.locator(':focus')).waitFor();
    // A function, not a string: Playwright evaluates a function once, but a string again on every poll,
    // which the page's CSP (no 'unsafe-eval') refuses whenever the box is still busy at the first look.
    await page.waitForFunction((id) => document.getElementById(id)?.getAttribute('aria-busy') !== 'true', `serial-box-${firstBox + i - 1}`);
    await page.keyboard.press('Control+A');
    const value = `KEY-${String(firstBox + i).padStart(6, '0')}-abcdefghij`.slice(0, KEYS_PER_BOX);
    await page.keyboard.type(value, { delay: KEY_DELAY_MS });
    await page.keyboard.press('ArrowDown');
  }
  return (await page.evaluate('window.__gridProbe')) as { paint: number[]; layout: number[] };
}

interface KeystrokeRun {
  /** keydown → painted frame, in the grid, sorted. */
  paint: number[];
  /** keydown → value updated and laid out, in the grid, sorted. */
  layout: number[];
  /** keydown → painted frame in the plain search box, sorted. */
  baseline: number[];
  /** Grid open times (click → first boxes painted), in order. */
  opens: number[];
}

/** One browser: the baseline box, the grid opens, then ~200 keystrokes around box 50,000. */
async function measureInBrowser(launchUrl: string, extraArgs: string[], opens: number, sizes: GridSizes): Promise<KeystrokeRun> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(launchUrl);
    await installKeystrokeProbe(page);
    const baseline = await typeIntoSearchBox(page, sizes.typedBoxes);
    await openProduct(page);
    const openTimes: number[] = [];
    for (let i = 0; i < opens; i++) {
      openTimes.push(await timeGridOpen(page));
      await page.getByRole('button', { name: 'Back to product' }).click();
      await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).waitFor();
    }
    await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
    await page.getByRole('textbox', { name: 'Serial number 1', exact: true }).waitFor();
    await page.evaluate('window.__gridProbe.paint = []; window.__gridProbe.layout = []');
    const { paint, layout } = await typeIntoBoxesAround(page, sizes.units / 2, sizes.typedBoxes);
    if (paint.length < sizes.typedBoxes * KEYS_PER_BOX * 0.9) throw new Error(`only ${paint.length} keystrokes were measured`);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    return { paint: sorted(paint), layout: sorted(layout), baseline, opens: openTimes };
  } finally {
    await browser.close();
  }
}

/**
 * At 60 Hz Chromium holds a keystroke's text input until the next frame, so keydown → paint
 * includes up to one display refresh (16.7 ms) of waiting whatever the page does: a plain text box
 * shows a p95 near 19 ms. The target is therefore checked with the display cadence taken out
 * (vsync and frame-rate limit off), which leaves the work the keystroke causes; the 60 Hz figures
 * are reported beside it, with the plain-box baseline, for comparison.
 */
export const NO_VSYNC_ARGS = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];

export async function runGridBenchmarks({ quick }: BenchOptions = FULL_RUN): Promise<BenchFigure[]> {
  const sizes = quick ? QUICK : FULL;
  const boxes = `${count(sizes.units)} boxes`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-grid-'));
  const core = openBenchCore({ file: benchDatabaseFile(dataDir), stationName: 'UI grid bench' });
  const host = await startHost({ handlers: core, rendererDir: RENDERER_DIR, log: () => {} });
  try {
    core.importCsv({ files: seedCsv(sizes.units) });
    const atDisplayRate = await measureInBrowser(host.launchUrl, [], sizes.openRepeats, sizes);
    const unpaced = await measureInBrowser(host.launchUrl, NO_VSYNC_ARGS, 0, sizes);
    const keys = unpaced.paint.length;
    return [
      figure(`ui grid open, ${boxes} (first open)`, atDisplayRate.opens[0]!, 'ms', 1000),
      figure(`ui grid open, ${boxes} (median of ${sizes.openRepeats})`, median(atDisplayRate.opens), 'ms', 1000),
      figure(`ui grid keystroke to paint p95 (${keys} keys, ${boxes}, vsync off)`, percentile(unpaced.paint, 95), 'ms', 16),
      figure('ui grid keystroke to paint p50 (vsync off)', percentile(unpaced.paint, 50), 'ms'),
      figure('ui grid keystroke to input updated + layout p95 (vsync off)', percentile(unpaced.layout, 95), 'ms'),
      figure('ui baseline plain text box keystroke to paint p95 (vsync off)', percentile(unpaced.baseline, 95), 'ms'),
      figure('ui grid keystroke to next 60 Hz paint p95', percentile(atDisplayRate.paint, 95), 'ms'),
      figure('ui baseline plain text box keystroke to next 60 Hz paint p95', percentile(atDisplayRate.baseline, 95), 'ms'),
    ];
  } finally {
    await host.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `tsx test/bench/ui-grid-bench.ts` runs it alone.
if (process.argv[1]?.endsWith('ui-grid-bench.ts')) {
  void runGridBenchmarks().then((figures) => console.table(figures));
}
