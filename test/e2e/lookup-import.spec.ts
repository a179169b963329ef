/**
 * First run (import CSV files or load demo data), the Import screen later, and the identifier
 * lookup: what a packer sees, and what the core holds afterwards.
 */
import type { Page } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SHELL_COMMAND_EVENT } from '../../shared/contract/shell-commands.js';
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';
import { SINGLE_SKU, beeps, countBeeps, hardwareScan, lineIds, orderId, seedOrders } from './orders-helpers.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

const PRODUCTS_CSV = 'sku,title,barcode,identifier_mode,stock_level\nPHN-9,Phone Nine,,single_use,2\nCBL-9,Cable Nine,,none,10\n';
const IDENTIFIERS_CSV = 'sku,identifier\nPHN-9,IMEI-0001\nPHN-9,IMEI-0002\n';
const ORDERS_CSV = 'order_number,customer,sku,quantity\nSO-90,Ada,PHN-9,1\nSO-91,Grace,CBL-9,2\n';
const BAD_ORDERS_CSV = 'order_number,customer,sku,quantity\nSO-90,Ada,PHN-9,1\nSO-91,Grace,NOPE-1,2\nSO-92,Alan,CBL-9,zero\n';

function file(name: string, content: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(content) };
}

test('first run: an import with bad lines lists each file and line, and imports nothing', async ({ page, bench }, testInfo) => {
  await bench.open(page);
  await expect(page.getByRole('heading', { name: 'Welcome to the packing bench' })).toBeVisible();
  await screenshot(page, testInfo, 'first-run');
  await expectAccessible(page);

  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    file('products.csv', PRODUCTS_CSV),
    file('identifiers.csv', IDENTIFIERS_CSV),
    file('orders.csv', BAD_ORDERS_CSV),
  ]);
  await page.getByRole('button', { name: 'Import files' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'nothing was imported' });
  await expect(problems).toContainText('2 lines need fixing; nothing was imported.');
  await expect(problems.getByRole('listitem')).toHaveText([
    'orders.csv line 3: Unknown SKU "NOPE-1".',
    'orders.csv line 4: quantity "zero" must be a whole number from 1 to 1,000,000.',
  ]);
  await screenshot(page, testInfo, 'import-refused');
  await expectAccessible(page);
  const info = bench.handlers.getBenchInfo({});
  expect([info.productCount, info.awaitingOrderCount]).toEqual([0, 0]);
});

test('a barcode Excel saved as "5.01235E+12" is refused naming the file, line and column, beeped, and nothing is imported', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    file('catalogue.csv', '\ufeffsku,title,barcode,identifier_mode,stock_level\r\nCBL-9,Cable Nine,5.01235E+12,none,10\r\n'),
  ]);
  await page.getByRole('button', { name: 'Import files' }).focus();
  await page.keyboard.press('Enter');
  const problem = page.getByRole('alert').filter({ hasText: 'nothing was imported' });
  await expect(problem).toContainText('1 line needs fixing; nothing was imported.');
  await expect(problem.getByRole('listitem')).toHaveText([
    'catalogue.csv line 2: barcode "5.01235E+12" is a long number as Excel shows it in scientific notation: its digits were lost when the file was saved. In the spreadsheet, format the column as Text (or as Number with 0 decimal places), check the digits and save the file again.',
  ]);
  await expect.poll(() => beeps(page)).toBe(1);
  expect(bench.handlers.getBenchInfo({}).productCount).toBe(0);
});

test('a file that is not UTF-8 is refused naming its line, and nothing is imported', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    file('products.csv', PRODUCTS_CSV),
    { name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,title,barcode,identifier_mode,stock_level\nCAF-1,Caf\xe9 cr\xe8me,,none,1\n', 'latin1') },
  ]);
  await page.getByRole('button', { name: 'Import files' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'not UTF-8' });
  await expect(problem).toContainText('latin1.csv is not UTF-8 text; nothing was imported.');
  await expect(problem.getByRole('listitem')).toHaveText([/^latin1\.csv line 2: This line has bytes that are not UTF-8/]);
  expect(bench.handlers.getBenchInfo({}).productCount).toBe(0);
});

test("several bad files are all named in one refusal; a header with Excel's trailing comma is read", async ({ page, bench }) => {
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    // Excel's extra empty column: a trailing comma on every line.
    file('products.csv', PRODUCTS_CSV.replace(/\n/g, ',\n')),
    { name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,identifier\nPHN-9,Caf\xe9\n', 'latin1') },
    file('semicolons.csv', 'sku;identifier\nPHN-9;IMEI-7\n'),
  ]);
  await page.getByRole('button', { name: 'Import files' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'nothing was imported' });
  await expect(problems).toContainText(
    '2 of the 3 files were refused; nothing was imported. products.csv was only read: it is checked against the bench and each other once the refused files are fixed.',
  );
  await expect(problems.getByRole('listitem')).toHaveText([/^latin1\.csv line 2: This line has bytes that are not UTF-8/, /^semicolons\.csv line 1: .*separated by semicolons/]);
  expect(bench.handlers.getBenchInfo({}).productCount).toBe(0);
});

test('an import refusal beeps once, as every refusal does: a bad file, and Import files with none chosen', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  const importFiles = page.getByRole('button', { name: 'Import files' });
  await importFiles.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Choose one or more CSV files first.' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);

  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('orders.csv', BAD_ORDERS_CSV)]);
  await importFiles.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was imported' })).toContainText(' fixing; nothing was imported.');
  await expect.poll(() => beeps(page)).toBe(2);
  expect(bench.handlers.getBenchInfo({}).productCount).toBe(0);
});

test('while the chosen files are being sent, Cancel has the focus (keyboard): Enter stops it and nothing is imported', async ({ page, bench }) => {
  await bench.open(page);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/sendCsvUploadPiece', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('products.csv', PRODUCTS_CSV)]);
  const importFiles = page.getByRole('button', { name: 'Import files' });
  await importFiles.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Sending products\.csv/)).toBeVisible();
  const cancel = page.getByRole('button', { name: 'Cancel sending' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  release();
  await expect(page.getByRole('alert').filter({ hasText: 'cancelled' })).toContainText('The import was cancelled; nothing was imported.');
  await expect(cancel).toBeHidden();
  expect(bench.handlers.getBenchInfo({}).productCount).toBe(0);
});

test('first run: good files show per-file results, then the orders are there', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    file('orders.csv', ORDERS_CSV),
    file('products.csv', PRODUCTS_CSV),
    file('identifiers.csv', IDENTIFIERS_CSV),
  ]);
  await page.getByRole('button', { name: 'Import files' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Files imported' }).getByRole('row');
  await expect(rows).toHaveText([/File/, /products\.csv\s*products\s*2\s*2 products\s*0 products\s*0 products/, /identifiers\.csv\s*identifiers\s*2\s*2 identifiers\s*0 identifiers\s*0 identifiers/, /orders\.csv\s*orders\s*2\s*2 orders\s*0 orders\s*0 orders/]);
  await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('2 products, 2 orders awaiting dispatch');

  await page.getByRole('button', { name: 'Go to Order Dispatch' }).click();
  await expect(page.getByText('2 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-90', exact: true })).toBeVisible();
  expect(bench.handlers.findProducts({ query: 'PHN-9', offset: 0, limit: 5 }).items[0]?.identifierCounts.available).toBe(2);
});

test('first run: "Load demo data" fills the bench', async ({ page, bench }, testInfo) => {
  await bench.open(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Demo data loaded' })).toBeVisible();
  await screenshot(page, testInfo, 'demo-loaded');
  await page.getByRole('button', { name: 'Go to Order Dispatch' }).click();
  await expect(page.getByText('30 orders awaiting dispatch', { exact: true })).toBeVisible();
  expect(bench.handlers.getBenchInfo({}).awaitingOrderCount).toBe(30);
});

test('first run: demo data loaded from the command line meanwhile is offered at once, not "no products or orders yet"', async ({ page, bench }) => {
  await bench.open(page);
  await expect(page.getByRole('heading', { name: 'Welcome to the packing bench' })).toBeVisible();
  // The manager sets the bench up from a terminal while the window is open (README: scripted set-up).
  await run('npm', ['run', '--silent', 'cli', '--', 'demo'], { cwd: REPO, env: { ...process.env, BENCH_DATA_DIR: bench.dataDir, NO_COLOR: '1' }, timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('6 products, 30 orders awaiting dispatch', { timeout: 10_000 });
  await expect(page.getByText('This bench has no products or orders yet', { exact: false })).toHaveCount(0);
  await page.getByRole('button', { name: 'Go to Order Dispatch' }).click();
  await expect(page.getByText('30 orders awaiting dispatch', { exact: true })).toBeVisible();
});

test('the Import screen offers the same later; loading demo data twice changes nothing', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await expect(page.getByText('30 orders awaiting dispatch', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  await expect(page.getByLabel('CSV files (products, identifiers, orders)')).toBeVisible();
  await screenshot(page, testInfo, 'import-screen');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  const rows = page.getByRole('table', { name: 'Files imported' }).getByRole('row');
  await expect(rows).toHaveText([/File/, /products\.csv\s*products\s*6\s*0 products\s*0 products\s*6 products/, /identifiers\.csv\s*identifiers\s*24\s*0 identifiers\s*0 identifiers\s*24 identifiers/, /orders\.csv\s*orders\s*\d+\s*0 orders\s*0 orders\s*30 orders/]);
  expect(bench.handlers.getBenchInfo({}).awaitingOrderCount).toBe(30);
});

test('lookup: an identifier shows its product, status and orders, case sensitive, and after a restart', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  const so3 = lineIds(bench, 'SO-3');
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({
    allocations: [
      { lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' },
      { lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-CCC' },
    ],
  });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] });
  await bench.open(page);
  await page.getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  await expect(box).toBeFocused();

  await box.fill('SN-BBB');
  await page.getByRole('button', { name: 'Look up' }).click();
  const match = page.getByRole('article', { name: 'PHN-1: SN-BBB' });
  await expect(match).toContainText('Phone One');
  await expect(match).toContainText('Dispatched (used)');
  await expect(match.getByRole('table', { name: 'Orders' }).getByRole('row').nth(1)).toContainText(/SO-3\s*Grace Hopper\s*1 \/ 1\s*Dispatched/);
  await screenshot(page, testInfo, 'lookup');
  await expectAccessible(page);

  // Case sensitive: "sn-bbb" is no identifier at all.
  await box.fill('sn-bbb');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No identifier "sn-bbb" was found. Identifiers are case sensitive.')).toBeVisible();

  // A scan into the box (Enter included) looks up at once.
  await box.fill('');
  await scan(page, 'SN-CCC', { delay: 5 });
  const allocated = page.getByRole('article', { name: 'PHN-1: SN-CCC' });
  await expect(allocated).toContainText('Allocated to an order (not dispatched yet)');
  await expect(allocated).toContainText('SO-5');

  await bench.restart(page);
  await page.getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-BBB');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'PHN-1: SN-BBB' })).toContainText('SO-3');
});

test('a scanned identifier outside any box opens its lookup', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await hardwareScan(page, 'SN-aaa');
  await expect(page.getByRole('heading', { name: 'Identifier Lookup' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'PHN-1: SN-aaa' })).toContainText('Available');
});

test('lookup: a slow answer to an earlier look-up does not replace the latest one', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('button', { name: 'Identifier Lookup' }).click();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/lookupIdentifier', async (route) => {
    if ((route.request().postDataJSON() as { value?: string }).value === 'SN-AAA') await held;
    await route.continue();
  });
  const box = page.getByLabel('Identifier', { exact: true });
  await box.fill('SN-AAA');
  await page.getByRole('button', { name: 'Look up' }).click();
  await box.fill('SN-BBB');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('article', { name: 'PHN-1: SN-BBB' })).toBeVisible();

  const answered = page.waitForResponse('**/api/lookupIdentifier');
  release();
  await answered;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(page.getByRole('article', { name: 'PHN-1: SN-BBB' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'PHN-1: SN-AAA' })).toHaveCount(0);
});

test('a large import shows a progress bar with counts; Cancel (keyboard) stops it and imports nothing', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  const before = bench.handlers.getBenchInfo({});
  const lines = ['sku,identifier'];
  for (let i = 0; i < 200_000; i++) lines.push(`BAT-AA,LOT-${String(i).padStart(7, '0')}`);
  await bench.open(page);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('lots.csv', `${lines.join('\n')}\n`)]);
  await page.getByRole('button', { name: 'Import files' }).click();
  // Reading, then saving (one transaction): Cancel stops it in either, so the test takes whichever it meets.
  const bar = page.getByRole('progressbar', { name: /^(Reading the files|Saving the imported rows)$/ });
  await expect(bar).toBeVisible();
  await expect(page.getByText(/^(Reading lots\.csv: [\d,]+ rows?, [\d,.]+ of [\d,.]+ (KB|MB)|Saving [\d,]+ of 200,000 rows…)$/)).toBeVisible();
  const cancel = page.getByRole('button', { name: 'Cancel import' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'cancelled' })).toContainText('The import was cancelled; nothing was imported.');
  await screenshot(page, testInfo, 'import-cancelled');
  await expect(bar).toBeHidden();
  expect(bench.handlers.getBenchInfo({})).toEqual(before);
  expect(bench.handlers.lookupIdentifier({ value: 'LOT-0000001' }).matches).toEqual([]);
});

test('a Cancel that reaches the core only after the rows were saved says so: the import went through', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  const lines = ['sku,identifier'];
  for (let i = 0; i < 100_000; i++) lines.push(`BAT-AA,LATE-${String(i).padStart(7, '0')}`);
  await bench.open(page);
  await page.getByRole('button', { name: 'Import' }).click();
  // The Cancel call is slow on its way (as one arriving during the final COMMIT): held until the import has ended.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/cancelCsvImport', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('late.csv', `${lines.join('\n')}\n`)]);
  await page.getByRole('button', { name: 'Import files' }).click();
  await page.getByRole('button', { name: 'Cancel import' }).press('Enter');
  // Heard: the button says so (and takes no second press) while the Cancel is on its way.
  await expect(page.getByRole('button', { name: 'Cancelling…' })).toBeFocused();
  const result = page.locator('.import-result');
  await expect(result.getByRole('heading', { name: 'Import finished: Cancel came after the rows were saved' })).toBeVisible({ timeout: 60_000 });
  await expect(result.getByRole('row', { name: /late\.csv identifiers 100,000 100,000 identifiers 0 identifiers 0 identifiers/ })).toBeVisible();
  const answered = page.waitForResponse('**/api/cancelCsvImport');
  release();
  expect(await (await answered).json()).toMatchObject({ ok: true, value: { state: 'done' } });
  await expect(result.getByRole('heading', { name: 'Import finished: Cancel came after the rows were saved' })).toBeVisible();
  expect(bench.handlers.lookupIdentifier({ value: 'LATE-0000001' }).matches).toHaveLength(1);
});

/** 20,000 rows of a lots file sent down the pipe the test holds open (the import waits for the rest). */
async function sendMenuLots(writer: WriteStream): Promise<void> {
  const rows = Array.from({ length: 20_000 }, (_, i) => `BAT-AA,MENU-${String(i).padStart(7, '0')}`);
  await new Promise<void>((resolve, reject) => writer.write(`sku,identifier\n${rows.join('\n')}\n`, (error) => (error ? reject(error) : resolve())));
}

/** What Electron's menu does once its import has started: the page is told to show the Import screen. */
async function openImportAsTheMenuDoes(page: Page): Promise<void> {
  await page.evaluate(([event, detail]) => window.dispatchEvent(new CustomEvent(event, { detail })), [SHELL_COMMAND_EVENT, 'openImport'] as const);
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
}

test("an import of files on disk started outside the page (Electron's menu) shows its progress on the Import screen; Cancel stops it", async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  const before = bench.handlers.getBenchInfo({});
  // A pipe the test holds open: the import reads what was sent and waits for the rest, so the Cancel
  // lands while it runs however slow the machine (a 1,000,000-row file once finished first in CI).
  const path = join(bench.dataDir, 'menu-lots.csv');
  execFileSync('mkfifo', [path]);
  await bench.open(page);
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
  // What the menu's Import… does once the packer picked the file: the core streams it, the page is told to show it.
  const started = await bench.service.startFileImport([path]);
  expect(started).toMatchObject({ ok: true, value: { state: 'reading', bytesTotal: 0 } });
  const writer = createWriteStream(path);
  try {
    await sendMenuLots(writer);
    await openImportAsTheMenuDoes(page);
    // A pipe's size is not known ahead: its bytes are counted, not shown "of 0 KB".
    await expect(page.getByText(/^Reading menu-lots\.csv: [\d,]+ rows?, [\d,.]+ (KB|MB) read$/)).toBeVisible();
    // Files chosen meanwhile are refused at once, before they are sent.
    await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,identifier\nBAT-AA,MORE-1\n') });
    await page.getByRole('button', { name: 'Import files' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Another import' })).toContainText('Another import is running on this bench; wait for it to finish or cancel it.');
    await page.getByRole('button', { name: 'Cancel import' }).press('Enter');
    await expect(page.getByRole('progressbar')).toBeHidden();
    expect(await bench.service.api.getCsvImport({ importId: started.ok ? started.value.importId : '' })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
  } finally {
    writer.destroy();
  }
  expect(bench.handlers.getBenchInfo({})).toEqual(before);
  expect(bench.handlers.lookupIdentifier({ value: 'MENU-0000001' }).matches).toEqual([]);
});

test('an import of several files names the file being read and which of how many it is, its counts being of all the files so far', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  const before = bench.handlers.getBenchInfo({});
  // A file read whole, then a pipe the test holds open, so the second file is being read when the page looks.
  const first = join(bench.dataDir, 'first-lots.csv');
  writeFileSync(first, 'sku,identifier\nBAT-AA,FIRST-0000001\nBAT-AA,FIRST-0000002\n');
  const path = join(bench.dataDir, 'menu-lots.csv');
  execFileSync('mkfifo', [path]);
  await bench.open(page);
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
  const started = await bench.service.startFileImport([first, path]);
  expect(started).toMatchObject({ ok: true, value: { state: 'reading', fileCount: 2 } });
  const writer = createWriteStream(path);
  try {
    await sendMenuLots(writer);
    await openImportAsTheMenuDoes(page);
    // Not "Reading menu-lots.csv: 20,002 rows": two of the rows are first-lots.csv's.
    await expect(page.getByText(/^Reading menu-lots\.csv \(file 2 of 2\): [\d,]+ rows so far in all files, [\d,.]+ (of [\d,.]+ )?(KB|MB)( read)?$/)).toBeVisible();
    await page.getByRole('button', { name: 'Cancel import' }).press('Enter');
    await expect(page.getByRole('progressbar')).toBeHidden();
  } finally {
    writer.destroy();
  }
  expect(bench.handlers.getBenchInfo({})).toEqual(before);
  expect(bench.handlers.lookupIdentifier({ value: 'FIRST-0000001' }).matches).toEqual([]);
});

test('an identifier the bench never held, looked up (or scanned) twice, is beeped and said each time', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  await expect(box).toBeFocused();
  await scan(page, 'NEVER-1', { delay: 5 });
  const notFound = page.getByText('No identifier "NEVER-1" was found. Identifiers are case sensitive.');
  await expect(notFound).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  // Marked, to see that the second answer is put in anew (a live region reads out new nodes only).
  await notFound.evaluate((element) => element.setAttribute('data-first', ''));
  await scan(page, 'NEVER-1', { delay: 5 });
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(notFound).toBeVisible();
  await expect(notFound).not.toHaveAttribute('data-first');
  // A value the bench holds is no "no": nothing more is beeped.
  await scan(page, 'SN-BBB', { delay: 5 });
  await expect(page.getByRole('article', { name: 'PHN-1: SN-BBB' })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await beeps(page)).toBe(2);
});

test('an import outcome is said by its summary: a long list of bad lines follows the alert, the results table is not read out as one run', async ({ page, bench }) => {
  await bench.open(page);
  const rows = Array.from({ length: 12 }, (_, i) => `SO-${i},Ada,PHN-9,many`).join('\n');
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('products.csv', PRODUCTS_CSV), file('orders.csv', `order_number,customer,sku,quantity\n${rows}\n`)]);
  await page.getByRole('button', { name: 'Import files' }).click();
  const result = page.getByRole('region', { name: '12 lines need fixing; nothing was imported.' });
  await expect(result).toBeFocused();
  // The alert says the sentence; the 12 lines are listed after it, not in it.
  const alert = page.getByRole('alert').filter({ hasText: 'lines need fixing' });
  await expect(alert).toHaveText('⚠ 12 lines need fixing; nothing was imported.');
  await expect(result.getByRole('listitem')).toHaveCount(12);

  // A few lines are said with the sentence.
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('products.csv', PRODUCTS_CSV), file('orders.csv', BAD_ORDERS_CSV)]);
  await page.getByRole('button', { name: 'Import files' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '2 lines need fixing' }).getByRole('listitem')).toHaveCount(2);

  // Done: the region is named by its heading, and what is said as it appears holds no table.
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([file('products.csv', PRODUCTS_CSV)]);
  await page.getByRole('button', { name: 'Import files' }).click();
  const done = page.getByRole('region', { name: 'Import finished' });
  await expect(done).toBeFocused();
  await expect(done.getByRole('table', { name: 'Files imported' })).toBeVisible();
  await expect(done.locator('[aria-live]')).toHaveText('Import finished');
});
