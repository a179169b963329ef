/**
 * Shared seeding and keyboard helpers for the order dispatch, allocation and lookup specs.
 * Data goes in through the real core's CSV import, the same path a warehouse uses.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';
import type { BenchFixture } from './fixtures.js';
import { expect } from './fixtures.js';

export const SINGLE_SKU = 'PHN-1';
export const MULTI_SKU = 'YOG-1';
export const PLAIN_SKU = 'CBL-1';

/** Identifiers of the single-use phone: "SN-aaa" and "SN-AAA" are two identifiers (case sensitive). */
export const PHONE_SERIALS = ['SN-AAA', 'SN-aaa', 'SN-BBB', 'SN-CCC', 'SN-DDD', 'SN-EEE'];
export const YOGHURT_DATES = ['USE BY 2026-12-04', 'USE BY 2026-12-11'];

function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';
}

/**
 * Orders:
 *  SO-1 Ada    PHN-1 ×2, YOG-1 ×1, CBL-1 ×1   (three lines: single-use, multiple-use, none)
 *  SO-2 Grace  CBL-1 ×2                      (no identifiers needed)
 *  SO-3 Grace  PHN-1 ×1
 *  SO-4 Alan   YOG-1 ×3
 *  SO-5 Alan   PHN-1 ×1, CBL-1 ×1
 */
export function seedOrders(bench: BenchFixture): void {
  const result = bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csv([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'],
          [SINGLE_SKU, 'Phone One', '', 'single_use', PHONE_SERIALS.length],
          [MULTI_SKU, 'Yoghurt 500g', '', 'multiple_use', 40],
          [PLAIN_SKU, 'USB cable', '', 'none', 100],
        ]),
      },
      {
        name: 'identifiers.csv',
        content: csv([['sku', 'identifier'], ...PHONE_SERIALS.map((v) => [SINGLE_SKU, v]), ...YOGHURT_DATES.map((v) => [MULTI_SKU, v])]),
      },
      {
        name: 'orders.csv',
        content: csv([
          ['order_number', 'customer', 'sku', 'quantity'],
          ['SO-1', 'Ada Lovelace', SINGLE_SKU, 2],
          ['SO-1', 'Ada Lovelace', MULTI_SKU, 1],
          ['SO-1', 'Ada Lovelace', PLAIN_SKU, 1],
          ['SO-2', 'Grace Hopper', PLAIN_SKU, 2],
          ['SO-3', 'Grace Hopper', SINGLE_SKU, 1],
          ['SO-4', 'Alan Turing', MULTI_SKU, 3],
          ['SO-5', 'Alan Turing', SINGLE_SKU, 1],
          ['SO-5', 'Alan Turing', PLAIN_SKU, 1],
        ]),
      },
    ],
  });
  expect(result.files.map((f) => f.added)).toEqual([3, 8, 5]);
}

/** Many plain orders (for virtualisation and paging), numbered BULK-00001…, through the import. */
export function seedBulkOrders(bench: BenchFixture, count: number): void {
  const rows: Array<Array<string | number>> = [['order_number', 'customer', 'sku', 'quantity']];
  for (let n = 1; n <= count; n++) rows.push([`BULK-${String(n).padStart(5, '0')}`, `Customer ${n % 97}`, PLAIN_SKU, 1]);
  bench.handlers.importCsv({ files: [{ name: 'bulk.csv', content: csv(rows) }] });
}

export function orderId(bench: BenchFixture, orderNumber: string): number {
  const found = bench.handlers.findOrderByNumber({ orderNumber }).order;
  if (!found) throw new Error(`no order ${orderNumber}`);
  return found.id;
}

/** The line ids of an order by SKU, read from the core. */
export function lineIds(bench: BenchFixture, orderNumber: string): Record<string, number> {
  const order = bench.handlers.getOrder({ orderId: orderId(bench, orderNumber) });
  return Object.fromEntries(order.lines.map((l) => [l.sku, l.lineId]));
}

/** Allocated identifier values of an order line, unit by unit, as the core has them. */
export function allocatedValues(bench: BenchFixture, orderNumber: string, sku: string): Array<string | undefined> {
  const order = bench.handlers.getOrder({ orderId: orderId(bench, orderNumber) });
  const line = order.lines.find((l) => l.sku === sku)!;
  const byUnit = new Map(line.allocations.map((a) => [a.unit, a.value]));
  return Array.from({ length: line.ordered }, (_, i) => byUnit.get(i + 1));
}

/** A busy bench: every call of the bench api `method` is answered `ms` later (`onCall` runs as it is asked). */
export async function answerLate(page: Page, method: string, ms: number, onCall?: () => void): Promise<void> {
  await page.route(`**/api/${method}`, async (route) => {
    onCall?.();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

/**
 * A slow disk: the renderer's code chunk named `name` (AllocationDialog-<hash>.js) is held until the
 * returned function is called, then served. A lazily loaded screen or dialog is still loading meanwhile.
 */
export async function holdChunk(page: Page, name: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(new RegExp(`/assets/${name}-[\\w-]+\\.js$`), async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Counts WebAudio beeps the page starts (the refusal signal), without touching the app's code. */
export async function countBeeps(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __beeps: number };
    w.__beeps = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
      w.__beeps++;
      return start.apply(this, args);
    };
  });
}

export async function beeps(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, options: { max?: number; backwards?: boolean } = {}): Promise<void> {
  const max = options.max ?? 40;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** Takes focus out of every box, as when the packer has just clicked on empty space. */
export async function focusNothing(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

export function orderRow(page: Page, orderNumber: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select order ${orderNumber}`, exact: true }) });
}

export function picker(page: Page, orderNumber: string, sku: string, unit: number): Locator {
  const escaped = `${orderNumber} ${sku} unit ${unit}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('combobox', { name: new RegExp(`^${escaped}(, needed now)?$`) });
}

/** Selects the orders in the list, then "Dispatch Identifiers" from the Actions menu (opens the allocation dialog). */
export async function openDispatchIdentifiers(page: Page, ...orderNumbers: string[]): Promise<void> {
  for (const number of orderNumbers) await page.getByRole('checkbox', { name: `Select order ${number}`, exact: true }).check();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
}

export function allocationDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Allocate Dispatch Identifiers' });
}

const cdpSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * A scan with the scanner's own clock: the key events carry timestamps `gapMs` apart, as a real
 * keyboard wedge's do (the OS stamps each key when it arrives). The fixture's `scan()` paces keys
 * from the test process instead, and on a loaded machine Playwright waits so long for each key to
 * be acknowledged that a scan can look like a person typing; tests about telling scans from typing
 * use this one so they test the app, not the machine's load.
 */
export async function hardwareScan(page: Page, value: string, options: { gapMs?: number; terminator?: 'Enter' | 'Tab' } = {}): Promise<void> {
  let session = cdpSessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    cdpSessions.set(page, session);
  }
  const cdp = await session;
  const gap = (options.gapMs ?? 5) / 1000;
  let at = Date.now() / 1000;
  const press = async (key: Record<string, string | number>) => {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp: at, ...key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: at + gap / 2, key: key.key as string, code: (key.code as string) ?? '', windowsVirtualKeyCode: (key.windowsVirtualKeyCode as number) ?? 0 });
    at += gap;
  };
  for (const char of value) await press({ key: char, text: char, unmodifiedText: char });
  await press(
    options.terminator === 'Tab'
      ? { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 }
      : { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r' },
  );
}

/** CSV text of rows (cells joined by commas, no quoting: for plain test values), one line each. */
export const csvRows = (rows: ReadonlyArray<ReadonlyArray<string | number>>): string => rows.map((cells) => cells.join(',')).join('\n') + '\n';

/** SO-3 of seedOrders dispatched, its PHN-1 unit with serial SN-BBB: a unit for Lookup and Recall to find. */
export function dispatchSerialOfSo3(bench: BenchFixture): void {
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] });
}

/** Order SO-RS dispatched with `units` routers (RS-1), serials RS-0001 upwards: more rows than one Recall page when over 200. */
export function dispatchRouterSerials(bench: BenchFixture, units: number): void {
  const serials = Array.from({ length: units }, (_, i) => `RS-${String(i + 1).padStart(4, '0')}`);
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['RS-1', 'Router', '', 'single_use', units]]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ...serials.map((v) => ['RS-1', v])]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-RS', 'Pantry', 'RS-1', units]]) },
    ],
  });
  const lineId = lineIds(bench, 'SO-RS')['RS-1']!;
  bench.handlers.saveAllocations({ allocations: serials.map((value, i) => ({ lineId, unit: i + 1, value })) });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-RS'), lines: [{ lineId, quantity: units }] }).status).toBe('dispatched');
}

/** Opens Recall and searches the identifiers starting with `prefix`: the result rows, as the table lists them. */
export async function recallRowsFor(page: Page, prefix: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill(prefix);
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  return page.getByRole('table', { name: 'Dispatched units' }).locator('tbody').getByRole('row');
}
