/**
 * UI benchmarks of the order dispatch screens in Chromium (test/chromium.ts), against the real core (temp
 * SQLite file, in its worker thread) and the real browser-mode host, as `npm run host` runs them, with
 * 50,000 orders awaiting dispatch and a single-use product holding 100,000 identifiers (each order has
 * one unit of it):
 *  - list first paint: navigation start → first order row painted, target ≤ 500 ms both cold (the
 *    first load in a fresh browser profile, against a core just started) and as the median of reloads;
 *    the cold load's phases come with it, from the renderer's performance marks (no targets);
 *  - list search: last keystroke in "Search orders" → matching rows painted (includes the
 *    120 ms typing pause the list waits for before searching);
 *  - picker type-ahead at 100,000 options: keystroke → options for the new text painted, people
 *    typing (~150 ms a key), p95 (target ≤ 16 ms, issue 12);
 *  - allocation dialog open with 1,000 orders: "Dispatch Identifiers" → first picker painted
 *    (target < 1000 ms);
 *  - maximum-quantity line opens: one order line of MAX_LINE_QUANTITY (1,000,000) units,
 *    "Dispatch Identifiers" → first picker painted (target ≤ 1000 ms), and the page's JS heap in
 *    use with that dialog open after jumping to its last unit (CDP Performance.getMetrics
 *    JSHeapUsedSize, no forced collection; target ≤ 200 MB).
 * Times are taken in the page (performance.now(), then requestAnimationFrame and the task after
 * it, when the frame has been produced). Needs the renderer built (dist/renderer). Quick runs use
 * 5,000 orders and fewer repeats (QUICK).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import { startHost } from '../../electron/web/host.js';
import { RENDERER_DIR } from '../../electron/web/main.js';
import { MAX_LINE_QUANTITY } from '../../shared/sync/bounds.js';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium.js';
import { count, figure, FULL_RUN, median, percentile, type BenchFigure, type BenchOptions } from './figures.js';

interface OrdersSizes {
  orders: number;
  paintRepeats: number;
  dialogRepeats: number;
  typeAheadValues: readonly string[];
}
// 15 values, about 160 keys: the p95 is then the 9th slowest key, not the 3rd (one slow key moved it).
const TYPE_AHEAD_VALUES = [
  'PICK-SN-01234', 'PICK-SN-05', 'PICK-SN-099', 'PICK-SN-4321', 'PICK-SN-07777',
  'PICK-SN-02468', 'PICK-SN-0135', 'PICK-SN-08642', 'PICK-SN-0369', 'PICK-SN-09753',
  'PICK-SN-06', 'PICK-SN-0481', 'PICK-SN-03141', 'PICK-SN-0592', 'PICK-SN-01717',
];
const FULL: OrdersSizes = { orders: 50_000, paintRepeats: 5, dialogRepeats: 3, typeAheadValues: TYPE_AHEAD_VALUES };
// The picker keeps its 100,000 identifiers (cheap to seed) and its keys (a p95 of fewer is one slow key); fewer orders and repeats.
const QUICK: OrdersSizes = { orders: 5_000, paintRepeats: 2, dialogRepeats: 1, typeAheadValues: TYPE_AHEAD_VALUES };
const IDENTIFIERS = 100_000;
const SKU = 'PICK-100K';
const DIALOG_QUERY = 'ORD-01'; // ORD-01000 … ORD-01999: 1,000 orders
const HUMAN_KEY_DELAY_MS = 150;
const MAX_ORDER = 'MAX-00001';
const MAX_SKU = 'PALLET-MAX';

function orderNumber(n: number): string {
  return `ORD-${String(n).padStart(5, '0')}`;
}

export function seedCsv(orderCount: number): Array<{ name: string; content: string }> {
  const identifiers = ['sku,identifier'];
  for (let i = 1; i <= IDENTIFIERS; i++) identifiers.push(`${SKU},PICK-SN-${String(i).padStart(6, '0')}`);
  const orders = ['order_number,customer,sku,quantity'];
  for (let n = 0; n < orderCount; n++) orders.push(`${orderNumber(n)},Customer ${n % 997},${SKU},1`);
  return [
    { name: 'products.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${SKU},Picker benchmark product,,single_use,${IDENTIFIERS}\n` },
    { name: 'identifiers.csv', content: identifiers.join('\n') + '\n' },
    { name: 'orders.csv', content: orders.join('\n') + '\n' },
  ];
}

// In-page code is passed as source text: tsx would wrap named functions in a helper the page lacks.

/** What the probe writes on the page's console, followed by the time. */
export const FIRST_ROW_MESSAGE = 'bench: first order row painted at ';

/**
 * Set before any page script: tells when the first order row has been painted, on the console. The
 * bench listens for that message rather than asking the page (waitForFunction): asking injects and runs
 * Playwright's own script on the page's main thread, in the middle of the load being measured (about
 * 45 ms of that thread's CPU in a trace, then a garbage collection).
 */
export const FIRST_ROW_PROBE = `(() => {
  const done = () => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => console.debug(${JSON.stringify(FIRST_ROW_MESSAGE)} + performance.now());
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.order-row input[type=checkbox]')) return;
    observer.disconnect();
    done();
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
})()`;

/** Resolves with ms from now until `condition` (source of a boolean expression) holds and a frame is painted. */
function untilPainted(condition: string): string {
  return `(started) => new Promise((resolve, reject) => {
    const check = () => { try { return Boolean(${condition}); } catch { return false; } };
    const finish = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - started);
      channel.port2.postMessage(null);
    });
    if (check()) return finish();
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting for ' + ${JSON.stringify(condition)})); }, 30000);
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      clearTimeout(timer);
      finish();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  })`;
}

async function firstPaint(page: Page, url: string | null): Promise<number> {
  const painted = page.waitForEvent('console', { predicate: (message) => message.text().startsWith(FIRST_ROW_MESSAGE), timeout: 30_000 });
  const [message] = await Promise.all([painted, url ? page.goto(url) : page.reload()]);
  return Number(message.text().slice(FIRST_ROW_MESSAGE.length));
}

/** The renderer's start-up marks (renderer/main.tsx and the modules it names), in load order. */
const COLD_PHASES: ReadonlyArray<readonly [string, string]> = [
  ['boot:start-script', 'start-up script ran (first page asked for)'],
  ['boot:app-evaluated', "app's code loaded and evaluated"],
  ['first-page:checked', 'first page answered and checked'],
  ['boot:render-called', 'first render started'],
  ['first-content:committed', 'list with its rows committed'],
];

/** The page's performance marks by name (ms since navigation start), read after the measurement. */
async function startUpMarks(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))`)) as Record<string, number>;
}

/** Types `query` into "Search orders" like a person and times the last key → matching rows painted. */
async function timeSearch(page: Page, orderCount: number, query: string, expectedCountText: string): Promise<number> {
  const search = page.getByLabel('Search orders');
  await search.fill('');
  await page.getByText(`${orderCount.toLocaleString('en-GB')} orders awaiting dispatch`, { exact: true }).waitFor();
  await search.focus();
  await page.keyboard.type(query.slice(0, -1), { delay: 60 });
  const condition = `document.querySelector('.list-count')?.textContent === ${JSON.stringify(expectedCountText)} && document.querySelector('.order-row input[type=checkbox]')`;
  // The promise is parked on window: an evaluate still pending would hold up the key press.
  await page.evaluate(
    `void (window.__searchMeasure = new Promise((resolve) => {
      document.addEventListener('keydown', () => resolve((${untilPainted(condition)})(performance.now())), { capture: true, once: true });
    }))`,
  );
  await page.keyboard.press(query.slice(-1));
  return (await page.evaluate('window.__searchMeasure')) as number;
}

/**
 * Records keystroke → options for the new text painted, for each printable key typed into a combobox.
 * A key counts only while the box still holds the text it made: a key whose text no option starts with
 * (e.g. "PICK-SN-4…" of 100,000 values numbered from 000001) is dropped when the next text comes, not
 * timed until some later text's options happen to appear.
 */
const TYPE_AHEAD_PROBE = `(() => {
  window.__typeAhead = [];
  document.addEventListener('keydown', (event) => {
    const input = event.target;
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || !(input instanceof HTMLInputElement) || input.getAttribute('role') !== 'combobox') return;
    const started = performance.now();
    let want = null;
    input.addEventListener('input', () => (want = input.value), { once: true });
    const listbox = document.getElementById(input.getAttribute('aria-controls'));
    const shows = () => {
      const text = input.value;
      if (want === null || text !== want) return false;
      const options = listbox ? [...listbox.querySelectorAll('[role=option] .option-value')] : [];
      return text !== '' && options.length > 0 && options.every((o) => o.textContent.startsWith(text)) && options[0].textContent.startsWith(text);
    };
    (${untilPainted('shows()').replace('(started) =>', '(started, shows) =>')})(started, shows).then((ms) => window.__typeAhead.push(ms), () => {});
  }, true);
})()`;

async function measureTypeAhead(page: Page, values: readonly string[]): Promise<number[]> {
  await page.getByLabel('Search orders').fill(orderNumber(123));
  await page.getByRole('checkbox', { name: `Select order ${orderNumber(123)}`, exact: true }).check();
  await openDialog(page);
  const box = page.getByRole('combobox', { name: `${orderNumber(123)} ${SKU} unit 1` });
  await box.waitFor();
  await page.evaluate(TYPE_AHEAD_PROBE);
  for (const value of values) {
    await box.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(value, { delay: HUMAN_KEY_DELAY_MS });
    await page.waitForTimeout(200);
  }
  await page.waitForFunction((least) => (window as unknown as { __typeAhead: number[] }).__typeAhead.length >= least, values.join('').length * 0.8, { timeout: 10_000 });
  const times = (await page.evaluate('window.__typeAhead')) as number[];
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Typed text may have been taken as a choice: leave it unsaved.
  const unsaved = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  const asked = await unsaved.waitFor({ timeout: 3000 }).then(() => true, () => false);
  if (asked) await unsaved.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  return times.sort((a, b) => a - b);
}

async function openDialog(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  await page.getByRole('dialog', { name: 'Allocate Dispatch Identifiers' }).waitFor();
}

/** "Dispatch Identifiers" → first picker painted; `summary` is the dialog's line once loaded. */
async function timeDialogOpen(page: Page, summary = '1,000 orders, 1,000 identifier boxes.', whileOpen: () => Promise<void> = async () => {}): Promise<number> {
  await page.getByRole('button', { name: 'Actions' }).click();
  const item = page.getByRole('menuitem', { name: 'Dispatch Identifiers' });
  await item.waitFor();
  const condition = `[...document.querySelectorAll('dialog[open] [role=combobox]')].some((c) => c.getBoundingClientRect().height > 0)`;
  await page.evaluate(`void (window.__untilDialogPainted = ${untilPainted(condition)})`);
  const ms = (await item.evaluate((element) => {
    const measure = (window as unknown as { __untilDialogPainted: (started: number) => Promise<number> }).__untilDialogPainted;
    const result = measure(performance.now());
    (element as HTMLElement).click();
    return result;
  })) as number;
  const dialog = page.getByRole('dialog', { name: 'Allocate Dispatch Identifiers' });
  await dialog.getByText(summary).waitFor();
  await whileOpen();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return ms;
}

/** Adds one order with a single line of the largest quantity a line may have, and selects it alone. */
async function selectMaxLineOrder(page: Page, core: BenchCoreService): Promise<void> {
  const imported = await core.api.importCsv({
    files: [
      { name: 'max-product.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${MAX_SKU},Largest line benchmark product,,single_use,${MAX_LINE_QUANTITY}\n` },
      { name: 'max-identifiers.csv', content: `sku,identifier\n${MAX_SKU},MAX-SN-1\n${MAX_SKU},MAX-SN-2\n` },
      { name: 'max-order.csv', content: `order_number,customer,sku,quantity\n${MAX_ORDER},Wholesale,${MAX_SKU},${MAX_LINE_QUANTITY}\n` },
    ],
  });
  if (!imported.ok) throw new Error(`the maximum-quantity order was refused: ${imported.error.message}`);
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByLabel('Search orders').fill(MAX_ORDER);
  await page.getByText(`1 order awaiting dispatch matching "${MAX_ORDER}"`, { exact: true }).waitFor();
  await page.getByRole('checkbox', { name: `Select order ${MAX_ORDER}`, exact: true }).check();
}

/** The page's JS heap in use, in MB (what Chromium's DevTools show as "JS heap used"). */
async function jsHeapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}

export async function runOrdersBenchmarks({ quick }: BenchOptions = FULL_RUN): Promise<BenchFigure[]> {
  const sizes = quick ? QUICK : FULL;
  const orders = `${count(sizes.orders)} orders`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-orders-'));
  const file = benchDatabaseFile(dataDir);
  // Seeded beforehand; then the bench starts as browser mode does (`npm run host`): the core in its
  // worker thread on the file, the host relaying to it.
  const seeder = openBenchCore({ file, stationName: 'UI orders bench' });
  try {
    seeder.importCsv({ files: seedCsv(sizes.orders) });
  } finally {
    seeder.close();
  }
  const core = await startCoreService({ worker: sourceWorker(), config: { file, stationName: 'UI orders bench' }, log: () => {} });
  let browser: Browser | null = null;
  const host = await startHost({ call: core.call, events: core, rendererDir: RENDERER_DIR, log: () => {} });
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(FIRST_ROW_PROBE);

    const step = (what: string) => process.env.BENCH_VERBOSE && console.error(`ui orders bench: ${what}`);
    step('first paint');
    const paints = [await firstPaint(page, host.launchUrl)];
    const coldPhases = await startUpMarks(page);
    for (let i = 1; i < sizes.paintRepeats; i++) paints.push(await firstPaint(page, null));

    step('search');
    const wanted = orderNumber(43_210 % sizes.orders);
    const searchByNumber = await timeSearch(page, sizes.orders, wanted, `1 order awaiting dispatch matching "${wanted}"`);
    // Customers are numbered n % 997: "Customer 996" has every 997th order from order 996 on.
    const customer996 = Math.floor((sizes.orders - 997) / 997) + 1;
    const searchByCustomer = await timeSearch(page, sizes.orders, 'Customer 996', `${customer996} orders awaiting dispatch matching "Customer 996"`);

    step('type-ahead');
    const typeAhead = await measureTypeAhead(page, sizes.typeAheadValues);
    step('dialog');

    await page.getByLabel('Search orders').fill(DIALOG_QUERY);
    const selectAll = page.getByRole('checkbox', { name: 'Select all 1,000 matching orders' });
    await selectAll.check();
    await page.getByText('1,000 orders selected', { exact: true }).waitFor();
    const dialogOpens: number[] = [];
    for (let i = 0; i < sizes.dialogRepeats; i++) dialogOpens.push(await timeDialogOpen(page));

    step('maximum-quantity line');
    await selectMaxLineOrder(page, core);
    const maxOpens: number[] = [];
    const maxHeaps: number[] = [];
    const maxSummary = `1 order, ${MAX_LINE_QUANTITY.toLocaleString('en-GB')} identifier boxes.`;
    for (let i = 0; i < sizes.dialogRepeats; i++) {
      maxOpens.push(
        await timeDialogOpen(page, maxSummary, async () => {
          // Go to the line's last unit, so the heap figure includes reading pages far into the line.
          const dialog = page.getByRole('dialog', { name: 'Allocate Dispatch Identifiers' });
          await dialog.getByRole('textbox', { name: `Go to unit of ${MAX_ORDER} ${MAX_SKU}` }).fill(String(MAX_LINE_QUANTITY));
          await dialog.getByRole('button', { name: 'Go' }).click();
          await page.getByRole('combobox', { name: `${MAX_ORDER} ${MAX_SKU} unit ${MAX_LINE_QUANTITY}` }).waitFor();
          maxHeaps.push(await jsHeapUsedMb(page));
        }),
      );
    }

    return [
      // Cold: the very first load, in a fresh browser profile (no HTTP or code cache) against a
      // core just started; the figure.
      figure(`ui order list first paint, ${orders} (first load, cold browser)`, paints[0]!, 'ms', 500),
      figure(`ui order list first paint, ${orders} (median of ${sizes.paintRepeats})`, median(paints), 'ms', 500),
      // Where the cold first load's time went (the renderer's performance marks, ms from navigation start).
      ...COLD_PHASES.map(([mark, what]) => figure(`ui order list first load, cold: ${what}`, coldPhases[mark] ?? Number.NaN, 'ms')),
      figure(`ui order list search by order number, ${orders} (incl. 120 ms typing pause)`, searchByNumber, 'ms'),
      figure(`ui order list search by customer, ${orders} (incl. 120 ms typing pause)`, searchByCustomer, 'ms'),
      figure(`ui picker type-ahead p95, 100,000 identifiers (${typeAhead.length} keys)`, percentile(typeAhead, 95), 'ms', 16),
      figure('ui picker type-ahead p50', percentile(typeAhead, 50), 'ms'),
      figure('ui allocation dialog open, 1,000 orders (first)', dialogOpens[0]!, 'ms', 1000),
      figure(`ui allocation dialog open, 1,000 orders (median of ${sizes.dialogRepeats})`, median(dialogOpens), 'ms', 1000),
      figure('maximum-quantity line opens, 1,000,000 units (first)', maxOpens[0]!, 'ms', 1000),
      figure(`maximum-quantity line opens, 1,000,000 units (median of ${sizes.dialogRepeats})`, median(maxOpens), 'ms', 1000),
      figure('maximum-quantity line: renderer JS heap used with the dialog open (largest)', Math.max(...maxHeaps), 'MB', 200),
    ];
  } finally {
    await browser?.close();
    await host.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `tsx test/bench/ui-orders-bench.ts` runs it alone.
if (process.argv[1]?.endsWith('ui-orders-bench.ts')) {
  void runOrdersBenchmarks().then((figures) => console.table(figures));
}
