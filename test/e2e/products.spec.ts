/**
 * "Products": search, the product variation screen, identifier mode and stock level changes with
 * the prompts for new and leaving serial numbers — as a packer does them, against the real core.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';
import type { BenchFixture } from './fixtures.js';
import { beeps, countBeeps, dispatchSerialOfSo3, hardwareScan, lineIds, orderRow, PLAIN_SKU, seedOrders, SINGLE_SKU, tabTo } from './orders-helpers.js';

const SINGLE_USE = 'Pre Entered Product Serial Numbers (Single Use)';
const MULTIPLE_USE = 'Pre Entered Product Serial Numbers (Multiple Use)';

function productBySku(handlers: BenchHandlers, sku: string) {
  return handlers.findProducts({ query: sku, offset: 0, limit: 1 }).items.find((p) => p.sku === sku)!;
}

function gridValues(handlers: BenchHandlers, sku: string): string[] {
  const product = productBySku(handlers, sku);
  return handlers.getSerialGrid({ productId: product.id, offset: 0, limit: 5000 }).boxes.map((b) => b.value);
}

async function searchProducts(page: Page, query: string): Promise<void> {
  const backToSearch = page.getByRole('button', { name: 'Back to search' });
  if (await backToSearch.isVisible()) await backToSearch.click();
  else await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

async function openProduct(page: Page, sku: string): Promise<void> {
  await searchProducts(page, sku);
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${sku} `) }).click();
  await expect(page.getByRole('heading', { name: `Product Variation: ${sku}` })).toBeVisible();
}

async function changeStockTo(page: Page, level: number): Promise<void> {
  await page.getByLabel('New stock level').fill(String(level));
  await page.getByRole('button', { name: 'Change Stock Level' }).click();
}

const stockLevel = (page: Page) => page.getByTestId('stock-level');

test('search by SKU, title or barcode, and open a product', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await searchProducts(page, 'PHN');
  const results = page.getByRole('list', { name: 'Products found' });
  await expect(results.getByRole('button')).toHaveCount(1);
  await expect(page.getByText('1 product found for "PHN".')).toBeVisible();
  await screenshot(page, testInfo, 'products-search');
  await expectAccessible(page);

  await searchProducts(page, 'Yoghurt');
  await expect(results.getByRole('button', { name: /^YOG-500 / })).toBeVisible();
  await searchProducts(page, '5012345000022');
  await expect(results.getByRole('button')).toHaveCount(1);
  await expect(results.getByRole('button', { name: /^TAB-10 / })).toBeVisible();
  await searchProducts(page, 'no such thing');
  await expect(page.getByText('No products found for "no such thing".')).toBeVisible();

  // Keyboard only: the search box is focused when the screen opens; Enter searches.
  await page.getByLabel('SKU, title or barcode').fill('');
  await page.keyboard.type('PHN-X1');
  await page.keyboard.press('Enter');
  await expect(results.getByRole('button')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(results.getByRole('button', { name: /^PHN-X1 / })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Product Variation: PHN-X1' })).toBeVisible();
  await expect(stockLevel(page)).toHaveText('12');
  await expect(page.getByText('12 available, 0 allocated, 0 dispatched')).toBeVisible();
  await expect(page.getByText('5012345000015')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Manually Update Serial Numbers' })).toBeVisible();
  await screenshot(page, testInfo, 'product-variation');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Back to search' }).click();
  await expect(results.getByRole('button', { name: /^PHN-X1 / })).toBeFocused();

  // Typed but not searched: Down searches first (never into the last search's list), Down again goes in.
  const box = page.getByLabel('SKU, title or barcode');
  await box.fill('TAB');
  await box.press('ArrowDown');
  await expect(page.getByText(/products? found for "TAB"/)).toBeVisible();
  await expect(box).toBeFocused();
  await box.press('ArrowDown');
  await expect(results.getByRole('button').first()).toBeFocused();
  await expect(results.getByRole('button').first()).toContainText(/tab/i);
});

test('a scanner ending in Tab searches what it scans into the product search, as Enter does; a person pressing Tab there only moves on', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  const settings = await bench.service.api.getSettings({});
  if (!settings.ok) throw new Error(settings.error.message);
  const { stationName, hubUrl, scanner, labelPrinter } = settings.value;
  expect(await bench.service.api.saveSettings({ stationName, hubUrl, token: { action: 'keep' }, scanner: { ...scanner, terminator: 'Tab' }, labelPrinter })).toMatchObject({ ok: true });
  // The scanner's Tab is known once the settings are read: a scan before that ends with the default Enter.
  const settingsRead = page.waitForResponse('**/api/getSettings');
  await bench.open(page);
  await settingsRead;
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  const box = page.getByLabel('SKU, title or barcode');
  const results = page.getByRole('list', { name: 'Products found' });
  await expect(box).toBeFocused();

  // Enter (the screen's only "go" in this box) searches the text; a Tab-ended scan does the same and keeps the focus here.
  await hardwareScan(page, '5012345000022', { gapMs: 4, terminator: 'Tab' });
  await expect(page.getByText('1 product found for "5012345000022".', { exact: true })).toBeVisible();
  await expect(results.getByRole('button', { name: /^TAB-10 / })).toBeVisible();
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('5012345000022');
  await expect(page.getByRole('heading', { name: /^Product Variation:/ })).toHaveCount(0);

  // Typed at a person's pace, Tab is Tab (WAI-ARIA): focus moves on to "Search", nothing is searched.
  await box.fill('');
  await page.keyboard.type('PHN-X1', { delay: 120 });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeFocused();
  await page.waitForTimeout(300);
  await expect(page.getByText('1 product found for "5012345000022".', { exact: true })).toBeVisible();
  await expect(page.getByText(/found for "PHN-X1"/)).toHaveCount(0);
});

test('a SKU scanned into the product search with the scanner\'s AIM prefix ("]C0") finds that product, as Search orders does', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  const box = page.getByLabel('SKU, title or barcode');
  await expect(box).toBeFocused();

  // A scanner set to send AIM prefixes puts "]C0" before a plain Code 128 SKU label: not part of the SKU.
  await hardwareScan(page, ']C0PHN-X1');
  const results = page.getByRole('list', { name: 'Products found' });
  await expect(page.getByText('1 product found for "PHN-X1".', { exact: true })).toBeVisible();
  await expect(results.getByRole('button')).toHaveCount(1);
  await expect(results.getByRole('button', { name: /^PHN-X1 / })).toBeVisible();
  await expect(box).toHaveValue('PHN-X1');
  await expect(box).toBeFocused();
});

test('change the identifier mode; a refusal from the core is shown and nothing changes', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  // Three values for one unit: this product cannot become single use.
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nLOT-1,Lot coded part,,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nLOT-1,L-1\nLOT-1,L-2\nLOT-1,L-3\n' },
    ],
  });
  await bench.open(page);

  await openProduct(page, 'CBL-USB');
  await expect(page.getByRole('button', { name: 'Manually Update Serial Numbers' })).toHaveCount(0);
  const mode = page.getByLabel('New mode');
  await expect(mode.getByRole('option')).toHaveText(['None', SINGLE_USE, MULTIPLE_USE]);
  await mode.selectOption({ label: MULTIPLE_USE });
  await page.getByRole('button', { name: 'Set Mode' }).click();
  // The demo's orders awaiting dispatch with cables will need identifiers: asked first.
  const question = page.getByRole('alertdialog', { name: `Set Dispatch Identifier Mode to ${MULTIPLE_USE}?` });
  await expect(question.locator('p')).toHaveText(/^CBL-USB becomes Multiple Use: [\d,]+ orders awaiting dispatch need an identifier for each unit of it before "Complete Order"\.$/);
  await question.getByRole('button', { name: 'Set Mode' }).click();
  await expect(page.getByText(`Dispatch Identifier Mode set to ${MULTIPLE_USE}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Manually Update Serial Numbers' })).toBeVisible();
  expect(productBySku(bench.handlers, 'CBL-USB').identifierMode).toBe('multiple_use');

  await openProduct(page, 'LOT-1');
  await page.getByLabel('New mode').selectOption({ label: SINGLE_USE });
  await page.getByRole('button', { name: 'Set Mode' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The mode was not changed' });
  await expect(refusal).toContainText('cannot become single use');
  // The choice stays beside the refusal (the current mode is said above it), so a press after the fix sets it.
  await expect(page.getByLabel('New mode')).toHaveValue('single_use');
  await expect(page.getByText(`Current mode: ${MULTIPLE_USE}`)).toBeVisible();
  expect(productBySku(bench.handlers, 'LOT-1').identifierMode).toBe('multiple_use');
  await screenshot(page, testInfo, 'product-mode-refused');
  await expectAccessible(page);
});

test('single-use stock increase asks for a serial number for every new unit', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'PHN-X1');
  await changeStockTo(page, 15);
  await expect(page.getByRole('heading', { name: 'Serial numbers for the 3 new units' })).toBeVisible();
  const unit = (n: number) => page.getByRole('textbox', { name: `Serial number for new unit ${n}`, exact: true });
  await expect(unit(1)).toBeFocused();
  await scan(page, 'IMEI-NEW-1');
  await expect(unit(2)).toBeFocused();
  await scan(page, 'IMEI-NEW-1'); // a repeat: refused in its box at once, which stays focused and empty
  await expect(unit(2)).toBeFocused();
  await expect(unit(2)).toHaveValue('');
  await expect(unit(2)).toHaveAccessibleDescription(/"IMEI-NEW-1" was refused: it is already in new unit 1/);
  await page.keyboard.type('IMEI-NEW-1'); // typed without Enter: left to "Save Stock Change"
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refusal).toContainText('1 box is empty');
  await expect(refusal).toContainText('2 boxes repeat a value another box holds');
  await expect(unit(3)).toHaveAttribute('aria-invalid', 'true');
  await expect(unit(2)).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'stock-increase-single-use-refused');
  await expectAccessible(page);
  expect(productBySku(bench.handlers, 'PHN-X1').stockLevel).toBe(12);

  await page.getByRole('list', { name: 'Boxes to fix' }).getByRole('button', { name: /^New unit 2:/ }).click();
  await expect(unit(2)).toBeFocused();
  await page.keyboard.press('Control+A');
  await scan(page, 'IMEI-NEW-2');
  await expect(unit(3)).toBeFocused();
  // An existing serial number of the product: the core is asked at once, and the scan refused.
  await scan(page, '356938030564001');
  await expect(unit(3)).toHaveAccessibleDescription(/"356938030564001" was refused: PHN-X1 already holds it/);
  await expect(unit(3)).toHaveValue('');
  // Focus came back to the refused box. Typed without Enter, the core refuses it at "Save Stock Change".
  await expect(unit(3)).toBeFocused();
  await page.keyboard.type('356938030564001');
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(refusal).toContainText('already exist');
  await expect(unit(3)).toHaveAccessibleDescription(/"356938030564001" is already an identifier of PHN-X1/);
  await unit(3).fill('IMEI-NEW-3');
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(page.getByText('Stock level changed from 12 to 15.')).toBeVisible();
  await expect(stockLevel(page)).toHaveText('15');
  // Back on the control that opened the prompt (changeStockTo clicks the button).
  await expect(page.getByRole('button', { name: 'Change Stock Level' })).toBeFocused();
  expect(productBySku(bench.handlers, 'PHN-X1').stockLevel).toBe(15);
  expect(gridValues(bench.handlers, 'PHN-X1').slice(12)).toEqual(['IMEI-NEW-1', 'IMEI-NEW-2', 'IMEI-NEW-3']);
});

test('multiple-use stock increase: serial numbers for new units are optional', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'YOG-500');
  const demoDates = gridValues(bench.handlers, 'YOG-500').filter(Boolean);
  expect(demoDates).toHaveLength(3);
  await changeStockTo(page, 51);
  await expect(page.getByRole('heading', { name: 'Serial numbers for the 3 new units' })).toBeVisible();
  await expect(page.getByText('boxes may stay empty')).toBeVisible();
  await scan(page, 'USE BY 2099-01-08');
  await screenshot(page, testInfo, 'stock-increase-multiple-use');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(page.getByText('Stock level changed from 48 to 51.')).toBeVisible();
  const product = productBySku(bench.handlers, 'YOG-500');
  expect(product.stockLevel).toBe(51);
  expect(gridValues(bench.handlers, 'YOG-500').filter(Boolean)).toEqual([...demoDates, 'USE BY 2099-01-08']);

  // Cancel leaves the stock level as it was.
  await changeStockTo(page, 52);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The stock level was not changed.')).toBeVisible();
  expect(productBySku(bench.handlers, 'YOG-500').stockLevel).toBe(51);

  // No identifiers: the stock level just changes.
  await openProduct(page, 'CBL-USB');
  await changeStockTo(page, 310);
  await expect(page.getByText('Stock level changed from 300 to 310.')).toBeVisible();
  expect(productBySku(bench.handlers, 'CBL-USB').stockLevel).toBe(310);
});

test('single-use stock decrease names the serial numbers that leave', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  await changeStockTo(page, 4);
  await expect(page.getByRole('heading', { name: 'Which serial numbers leave?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Chosen: 0 of 2' })).toBeVisible();
  const entry = page.getByLabel('Scan or type a leaving serial number');
  await expect(entry).toBeFocused();

  // Case sensitive: a lower-case variant is not one of its serial numbers.
  await scan(page, 'tab10-sn-0002');
  await expect(page.getByRole('alert').filter({ hasText: 'is not a serial number of TAB-10' })).toBeVisible();
  await scan(page, 'TAB10-SN-0002');
  await expect(page.getByRole('heading', { name: 'Chosen: 1 of 2' })).toBeVisible();
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose exactly 2 serial numbers' })).toBeVisible();

  await page.getByRole('checkbox', { name: 'TAB10-SN-0005' }).check();
  await expect(page.getByRole('heading', { name: 'Chosen: 2 of 2' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose exactly' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'TAB10-SN-0002' })).toBeChecked();
  await screenshot(page, testInfo, 'stock-decrease-leaving');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(page.getByText('Stock level changed from 6 to 4.')).toBeVisible();
  expect(productBySku(bench.handlers, 'TAB-10').stockLevel).toBe(4);
  expect(gridValues(bench.handlers, 'TAB-10')).toEqual(['TAB10-SN-0001', 'TAB10-SN-0003', 'TAB10-SN-0004', 'TAB10-SN-0006']);
});

test('the stock prompts give the focus back to the control that opened them, on save and on cancel', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  const levelBox = page.getByLabel('New stock level');
  const change = page.getByRole('button', { name: 'Change Stock Level' });
  const leaving = page.getByRole('dialog', { name: 'Which serial numbers leave?' });

  // Opened from the button by keyboard, closed with Escape: back on the button.
  await levelBox.fill('4');
  await levelBox.focus();
  await page.keyboard.press('Tab');
  await expect(change).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(leaving).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(leaving).toHaveCount(0);
  await expect(page.getByText('The stock level was not changed.')).toBeVisible();
  await expect(change).toBeFocused();

  // Opened from the button, saved: back on the button.
  await page.keyboard.press('Enter');
  await expect(leaving).toBeVisible();
  await scan(page, 'TAB10-SN-0001');
  await scan(page, 'TAB10-SN-0002');
  await expect(leaving.getByRole('heading', { name: 'Chosen: 2 of 2' })).toBeVisible();
  await leaving.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(page.getByText('Stock level changed from 6 to 4.')).toBeVisible();
  await expect(change).toBeFocused();

  // Opened by Enter in the box, cancelled with the Cancel button: back in the box.
  await levelBox.fill('5');
  await levelBox.press('Enter');
  const newUnits = page.getByRole('dialog', { name: 'Serial numbers for the 1 new unit' });
  await expect(newUnits).toBeVisible();
  await newUnits.getByRole('button', { name: 'Cancel' }).click();
  await expect(newUnits).toHaveCount(0);
  await expect(levelBox).toBeFocused();

  // The new-units prompt opened from the button and cancelled with Escape: back on the button.
  await levelBox.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(newUnits).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(newUnits).toHaveCount(0);
  await expect(change).toBeFocused();
  expect(productBySku(bench.handlers, 'TAB-10').stockLevel).toBe(4);
});

test('"Show more products" by keyboard puts the focus on the first product it loaded', async ({ page, bench }) => {
  const rows = [['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ...Array.from({ length: 60 }, (_, i) => [`P-${String(i + 1).padStart(3, '0')}`, `Part ${i + 1}`, '', 'none', '1'])];
  bench.handlers.importCsv({ files: [{ name: 'products.csv', content: rows.map((r) => r.join(',')).join('\n') + '\n' }] });
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  const found = page.getByRole('list', { name: 'Products found' });
  await expect(found.getByRole('button')).toHaveCount(50);
  await found.getByRole('button').last().focus();
  const more = page.getByRole('button', { name: 'Show more products' });
  await tabTo(page, more, { max: 3 });
  await page.keyboard.press('Enter');
  await expect(found.getByRole('button')).toHaveCount(60);
  // The last page: the button is gone, and the focus did not fall to the page with it.
  await expect(more).toHaveCount(0);
  await expect(found.getByRole('button').nth(50)).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test('the variation screen opens the serial entry grid and comes back with fresh counts', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'BAT-AA');
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(page.getByRole('heading', { name: 'Product Serial Numbers: BAT-AA' })).toBeVisible();
  const box4 = page.getByRole('textbox', { name: 'Serial number 4', exact: true });
  await expect(box4).toBeFocused();
  await scan(page, 'LOT-C9');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Serial numbers saved' });
  await expect(dialog).toContainText('1 added');
  await screenshot(page, testInfo, 'serial-grid-saved-dialog');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('button', { name: 'Back to product' }).click();
  await expect(page.getByText('4 available, 0 allocated, 0 dispatched')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Manually Update Serial Numbers' })).toBeFocused();
});

test('a late refresh of the product does not pull the packer back out of the grid', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await searchProducts(page, 'YOG-500');
  // Hold the product screen's fresh read until the packer has already opened the grid.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/getProduct', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: /^YOG-500 / }).click();
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(page.getByRole('heading', { name: 'Product Serial Numbers: YOG-500' })).toBeVisible();

  const answered = page.waitForResponse('**/api/getProduct');
  release();
  await answered;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(page.getByRole('heading', { name: 'Product Serial Numbers: YOG-500' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Product Variation/ })).toHaveCount(0);
});

test('the first listing arriving late does not replace a search the packer made since', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  // Hold the screen's first (empty-query) listing until the packer's own search has answered.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/findProducts', async (route) => {
    if ((route.request().postDataJSON() as { query?: string }).query === '') await held;
    await route.continue();
  });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill('no such thing');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('No products found for "no such thing".')).toBeVisible();

  const answered = page.waitForResponse('**/api/findProducts');
  release();
  await answered;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(page.getByText('No products found for "no such thing".')).toBeVisible();
  await expect(page.getByLabel('SKU, title or barcode')).toHaveValue('no such thing');
});

test('a mode change with consequences asks first, with counts from the store; by keyboard: Escape changes nothing and gives the focus back to "Set Mode", a scan is refused as no answer, "Set Mode" in the question changes it', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await bench.open(page);
  await openProduct(page, SINGLE_SKU);
  const setMode = page.locator('form.mode-editor').getByRole('button', { name: 'Set Mode' });
  const select = page.getByLabel('New mode');
  await tabTo(page, select);
  await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue('multiple_use');
  await tabTo(page, setMode);
  await page.keyboard.press('Enter');

  const question = page.getByRole('alertdialog', { name: `Set Dispatch Identifier Mode to ${MULTIPLE_USE}?` });
  await expect(question).toContainText(`${SINGLE_SKU} becomes Multiple Use: 1 identifier already dispatched becomes available to allocate again.`);
  // The safe choice has the focus (APG alert dialog): a stray Enter changes nothing.
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, testInfo, 'product-mode-change-question');
  await expectAccessible(page);

  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(setMode).toBeFocused();
  expect(productBySku(bench.handlers, SINGLE_SKU)).toMatchObject({ identifierMode: 'single_use', identifierCounts: { consumed: 1 } });
  await expect(page.getByText(`Current mode: ${SINGLE_USE}`)).toBeVisible();

  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  // A scan is no answer: its Enter pressed the focused Cancel, the scan gone without a word.
  await hardwareScan(page, '356789012345606');
  await expect(question.getByRole('alert')).toHaveText('⚠ The scan "356789012345606" is not an answer: choose Set Mode or Cancel, then scan again.');
  await expect(question).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect(question.getByRole('button', { name: 'Set Mode' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Dispatch Identifier Mode set to ${MULTIPLE_USE}.`)).toBeVisible();
  await expect(question).toHaveCount(0);
  await expect(setMode).toBeFocused();
  expect(productBySku(bench.handlers, SINGLE_SKU)).toMatchObject({ identifierMode: 'multiple_use', identifierCounts: { consumed: 0 } });
});

test('a mode change on the product screen shows on the order list: its orders now need identifiers', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  // SO-2 is two USB cables, which have no identifiers yet.
  await expect(orderRow(page, 'SO-2')).toContainText('No identifiers needed');

  await openProduct(page, PLAIN_SKU);
  await page.getByLabel('New mode').selectOption({ label: MULTIPLE_USE });
  await page.getByRole('button', { name: 'Set Mode' }).click();
  // Its orders awaiting dispatch will need identifiers: asked first, counted.
  const question = page.getByRole('alertdialog', { name: `Set Dispatch Identifier Mode to ${MULTIPLE_USE}?` });
  await expect(question.locator('p')).toHaveText(`${PLAIN_SKU} becomes Multiple Use: 3 orders awaiting dispatch need an identifier for each unit of it before "Complete Order".`);
  await question.getByRole('button', { name: 'Set Mode' }).click();
  await expect(page.getByText(`Dispatch Identifier Mode set to ${MULTIPLE_USE}.`)).toBeVisible();

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Order Dispatch' }).click();
  await expect(orderRow(page, 'SO-2')).toContainText('2 of 2 units need identifiers');
});

test('Single Use, then None, then Multiple Use: the question from None counts the serial numbers already dispatched that become available again', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  // Single use to None asked its own question; None keeps SN-BBB, dispatched on SO-3, no longer marked used.
  bench.handlers.setIdentifierMode({ productId: productBySku(bench.handlers, SINGLE_SKU).id, mode: 'none' });
  expect(productBySku(bench.handlers, SINGLE_SKU).identifierCounts.consumed).toBe(0);
  // A phone: its values are serial numbers, and the question calls them so (a product of kind Other says "identifiers").
  bench.handlers.setIdentifierSpec({ productId: productBySku(bench.handlers, SINGLE_SKU).id, identifierKind: 'serial', identifierFormat: null, minShelfLifeDays: null });
  await bench.open(page);
  await openProduct(page, SINGLE_SKU);
  await page.getByLabel('New mode').selectOption({ label: MULTIPLE_USE });
  await page.getByRole('button', { name: 'Set Mode' }).click();
  const question = page.getByRole('alertdialog', { name: `Set Dispatch Identifier Mode to ${MULTIPLE_USE}?` });
  await expect(question.locator('p')).toHaveText(
    `${SINGLE_SKU} becomes Multiple Use: 2 orders awaiting dispatch need a serial number for each unit of it before "Complete Order", and 1 serial number already dispatched becomes available to allocate again.`,
  );
  await question.getByRole('button', { name: 'Cancel' }).click();
  expect(productBySku(bench.handlers, SINGLE_SKU).identifierMode).toBe('none');
});

test('a mode change the core would refuse is refused at once, before any question: None while a serial number awaits dispatch; the focus stays on "Set Mode", nothing changes', async ({ page, bench }) => {
  seedOrders(bench);
  // SN-AAA allocated to SO-1's first phone, awaiting dispatch: None would hide its box, so the core refuses it.
  bench.handlers.saveAllocations({ allocations: [{ lineId: lineIds(bench, 'SO-1')[SINGLE_SKU]!, unit: 1, value: 'SN-AAA' }] });
  await countBeeps(page);
  await bench.open(page);
  await openProduct(page, SINGLE_SKU);
  const setMode = page.locator('form.mode-editor').getByRole('button', { name: 'Set Mode' });
  await page.getByLabel('New mode').selectOption({ label: 'None' });
  await tabTo(page, setMode);
  const before = await beeps(page);
  await page.keyboard.press('Enter');

  // The refusal is said first, in the core's words; no question is asked, since confirming it could only be refused.
  await expect(page.getByRole('alert').filter({ hasText: 'The mode was not changed' })).toContainText(
    `The mode was not changed: ${SINGLE_SKU} has 1 identifier allocation on an order awaiting dispatch (SO-1); clear it before turning identifiers off.`,
  );
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect.poll(() => beeps(page)).toBe(before + 1);
  await expect(setMode).toBeFocused();
  await expect(page.getByText(`Current mode: ${SINGLE_USE}`)).toBeVisible();
  expect(productBySku(bench.handlers, SINGLE_SKU)).toMatchObject({ identifierMode: 'single_use', identifierCounts: { allocated: 1 } });
  await expectAccessible(page);
});

test('a mode changed elsewhere while the product is open resets the proposed mode, so "Set Mode" cannot undo it unseen', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openProduct(page, PLAIN_SKU);
  await expect(page.getByLabel('New mode')).toHaveValue('none');

  // Another window (or a sync) turns identifiers on: the screen follows, select included.
  bench.handlers.setIdentifierMode({ productId: productBySku(bench.handlers, PLAIN_SKU).id, mode: 'multiple_use' });
  await expect(page.getByText(`Current mode: ${MULTIPLE_USE}`)).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel('New mode')).toHaveValue('multiple_use');

  await page.getByRole('button', { name: 'Set Mode' }).click();
  await expect(page.getByText(`The mode is already ${MULTIPLE_USE}.`)).toBeVisible();
  expect(productBySku(bench.handlers, PLAIN_SKU).identifierMode).toBe('multiple_use');
});

test('a product switched to None keeps its serial numbers in view, so the ones single use refuses can be removed', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  // Three values for one unit, then identifiers turned off: the values are kept (history refers to them).
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nLOT-1,Lot coded part,,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nLOT-1,L-1\nLOT-1,L-2\nLOT-1,L-3\n' },
    ],
  });
  // A lot product: the screen names its kept values lot numbers.
  bench.handlers.setIdentifierSpec({ productId: productBySku(bench.handlers, 'LOT-1').id, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
  bench.handlers.setIdentifierMode({ productId: productBySku(bench.handlers, 'LOT-1').id, mode: 'none' });
  await bench.open(page);
  await openProduct(page, 'LOT-1');
  await expect(page.getByText(/kept but not used while the mode is None/)).toBeVisible();
  await expect(page.getByText('This product still holds 3 lot numbers from an earlier mode')).toBeVisible();

  await page.getByLabel('New mode').selectOption({ label: SINGLE_USE });
  await page.getByRole('button', { name: 'Set Mode' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The mode was not changed' });
  await expect(refusal).toContainText('Remove 2 of them');
  await expect(refusal).toContainText('"Manually Update Serial Numbers"');
  await screenshot(page, testInfo, 'product-none-kept-serials-refused');
  await expectAccessible(page);

  // What the refusal names is on this screen: the kept serial numbers open, and two are cleared.
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(page.getByRole('heading', { name: 'Product Serial Numbers: LOT-1' })).toBeVisible();
  await expect(page.getByText(/kept but not used while the mode is None/)).toBeVisible();
  const box = (n: number) => page.getByRole('textbox', { name: `Lot number ${n}`, exact: true });
  await expect(box(3)).toHaveValue('L-3');
  await expect(box(4)).toHaveCount(0);
  await box(2).fill('');
  await box(3).fill('');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lot numbers saved' });
  await expect(dialog).toContainText('2 removed');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('button', { name: 'Back to product' }).click();

  await page.getByLabel('New mode').selectOption({ label: SINGLE_USE });
  await page.getByRole('button', { name: 'Set Mode' }).click();
  await expect(page.getByText(`Dispatch Identifier Mode set to ${SINGLE_USE}.`)).toBeVisible();
  expect(gridValues(bench.handlers, 'LOT-1')).toEqual(['L-1']);
});

test('the stock level takes any whole number the core takes, and a refusal names the value and the limit', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'CBL-USB');
  const refusal = page.locator('#stock-error');

  // 25 million screws is within the bench's bounds (CSV import takes it too): taken, not refused.
  await changeStockTo(page, 25_000_000);
  await expect(stockLevel(page)).toHaveText('25,000,000');
  await expect(page.getByText('Stock level changed from 300 to 25,000,000.')).toBeVisible();

  // Past the bound: the message says what the limit is, nothing changes.
  await changeStockTo(page, 2_000_000_000);
  await expect(refusal).toHaveText(/at most 1,000,000,000/);
  await expect(stockLevel(page)).toHaveText('25,000,000');

  // "1e3" is not read as 1,000 behind the packer's back: refused, naming what was typed.
  await page.getByLabel('New stock level').fill('1e3');
  await page.getByRole('button', { name: 'Change Stock Level' }).click();
  await expect(refusal).toHaveText(/"1e3"/);
  await expect(stockLevel(page)).toHaveText('25,000,000');
  expect(productBySku(bench.handlers, 'CBL-USB').stockLevel).toBe(25_000_000);
});

test('a format changed elsewhere while the product is open shows in the editor with the identifiers that no longer fit, so "Save Format" cannot undo it unseen', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  await expect(page.getByLabel('Format', { exact: true })).toHaveValue('none');

  // Another window (or a pulled change) gives TAB-10 a format its six serial numbers do not fit.
  const format = { pattern: 'TAB10-[0-9]{4}', description: 'Tablet serial', minLength: null, maxLength: null, checkDigit: 'none' as const };
  const id = productBySku(bench.handlers, 'TAB-10').id;
  bench.handlers.setIdentifierSpec({ productId: id, identifierKind: 'serial', identifierFormat: format, minShelfLifeDays: null });
  await expect(page.getByTestId('identifier-spec')).toContainText('Tablet serial', { timeout: 10_000 });
  await expect(page.getByLabel('Kind', { exact: true })).toHaveValue('serial');
  await expect(page.getByLabel('Format', { exact: true })).toHaveValue('custom');
  await expect(page.getByLabel('Pattern (regular expression, whole value)')).toHaveValue('TAB10-[0-9]{4}');
  await expect(page.getByRole('heading', { name: /^6 identifiers do not fit/ })).toBeVisible();

  await page.getByRole('button', { name: 'Save Format' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toContainText('6 identifiers do not fit');
  expect(productBySku(bench.handlers, 'TAB-10').identifierFormat).toEqual(format);
});

test('the custom format length boxes take digits only: "abc" and "1e1" are refused in words, nothing saved; empty means no limit', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  await page.getByLabel('Format', { exact: true }).selectOption('custom');
  await page.getByLabel('Description packers read').fill('Tablet serial');
  const minLength = page.getByLabel('Minimum length');
  const maxLength = page.getByLabel('Maximum length');
  const save = page.getByRole('button', { name: 'Save Format' });
  const refusal = page.getByRole('alert').filter({ hasText: 'The format was not changed' });

  // Not a number: refused naming the box, not a schema field path.
  await minLength.fill('abc');
  await save.click();
  await expect(refusal).toHaveText(/The format was not changed: the minimum length must be a whole number, digits only \(got "abc"\)\.$/);

  // "1e1" is not read as 10 behind the packer's back.
  await minLength.fill('1e1');
  await save.click();
  await expect(refusal).toHaveText(/the minimum length must be a whole number, digits only \(got "1e1"\)\.$/);
  await minLength.fill('');
  await maxLength.fill('1e1');
  await save.click();
  await expect(refusal).toHaveText(/the maximum length must be a whole number, digits only \(got "1e1"\)\.$/);
  await expect(page.getByTestId('identifier-spec')).not.toContainText('Tablet serial');
  expect(productBySku(bench.handlers, 'TAB-10').identifierFormat).toBeNull();

  // Digits with spaces around are taken; the empty minimum means no limit.
  await maxLength.fill(' 12 ');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toContainText('Tablet serial');
  await expect(refusal).toBeHidden();
  expect(productBySku(bench.handlers, 'TAB-10').identifierFormat).toMatchObject({ description: 'Tablet serial', minLength: null, maxLength: 12 });
});

/** The demo's TAB-10 opened, its kind switched to use-by (not saved): its minimum shelf life box shows. */
async function openTab10AsUseBy(page: Page, bench: BenchFixture) {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  const kindBefore = productBySku(bench.handlers, 'TAB-10').identifierKind;
  await page.getByLabel('Kind', { exact: true }).selectOption('use_by');
  return { kindBefore, shelfLife: page.getByLabel('Minimum shelf life left (days)') };
}

test('the minimum shelf life box takes digits only: "1e1" is not read as 10 days', async ({ page, bench }) => {
  const { kindBefore, shelfLife } = await openTab10AsUseBy(page, bench);
  const save = page.getByRole('button', { name: 'Save Format' });

  await shelfLife.fill('1e1');
  await save.click();
  await expect(page.getByRole('alert').filter({ hasText: 'The format was not changed' })).toHaveText(
    /the minimum shelf life must be a whole number of days, digits only \(got "1e1"\)\.$/,
  );
  expect(productBySku(bench.handlers, 'TAB-10')).toMatchObject({ identifierKind: kindBefore, minShelfLifeDays: null });

  await shelfLife.fill(' 10 ');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  expect(productBySku(bench.handlers, 'TAB-10')).toMatchObject({ identifierKind: 'use_by', minShelfLifeDays: 10 });
});

test('a minimum shelf life that is negative, a decimal or has words is refused naming what was typed; nothing is saved', async ({ page, bench }) => {
  const { kindBefore, shelfLife } = await openTab10AsUseBy(page, bench);
  const refusal = page.getByRole('alert').filter({ hasText: 'The format was not changed' });

  for (const typed of ['-5', '1.5', '7 days']) {
    await shelfLife.fill(typed);
    await shelfLife.press('Tab');
    await page.keyboard.press('Enter'); // on "Save Format"
    await expect(refusal).toHaveText(`⚠ The format was not changed: the minimum shelf life must be a whole number of days, digits only (got "${typed}").`);
    await expect(shelfLife).toHaveAttribute('aria-invalid', 'true');
  }
  expect(productBySku(bench.handlers, 'TAB-10')).toMatchObject({ identifierKind: kindBefore, minShelfLifeDays: null });
});

test('back to search from a product a GS1 scan opened: the focus lands on that product in the list, not on the page', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [{ name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nMED-1,Med One,9506000134352,multiple_use,1\nMED-2,Med Two,,none,1\n' }],
  });
  await bench.open(page);
  await expect(page.getByText('2 products, 0 orders awaiting dispatch', { exact: false })).toBeVisible();
  // No box focused: the product's GS1 label opens its screen (the bench holds no such serial yet).
  await hardwareScan(page, '(01)09506000134352(21)SN-NEW');
  await expect(page.getByRole('heading', { name: 'Product Variation: MED-1' })).toBeVisible();
  const back = page.getByRole('button', { name: 'Back to search' });
  await back.focus();
  await page.keyboard.press('Enter');
  const found = page.getByRole('list', { name: 'Products found' });
  await expect(found.getByRole('button')).toHaveCount(2);
  await expect(found.getByRole('button', { name: /^MED-1 / })).toBeFocused();
});

test('counts on the product list and the product screen are written with thousands separators', async ({ page, bench }) => {
  const values = Array.from({ length: 1500 }, (_, i) => `BIG-SN-${String(i + 1).padStart(5, '0')}`);
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nBIG-1,Big part,4006381333931,single_use,1500\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\n' + values.map((v) => `BIG-1,${v}`).join('\n') + '\n' },
    ],
  });
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  const query = page.getByLabel('SKU, title or barcode');
  await expect(query).toBeFocused();
  // Keyboard only: the product's barcode scanned into the search box, Down to the product, Enter.
  await scan(page, '4006381333931');
  await expect(page.getByText('1 product found for "4006381333931".')).toBeVisible();
  const found = page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: /^BIG-1 / });
  await expect(found).toContainText('Stock 1,500');
  await page.keyboard.press('ArrowDown');
  await expect(found).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Product Variation: BIG-1' })).toBeVisible();
  await expect(stockLevel(page)).toHaveText('1,500');
  await expect(page.getByText('1,500 available, 0 allocated, 0 dispatched')).toBeVisible();
});

test('Tab and Shift+Tab go round inside the stock prompts, never out to the page behind', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  const levelBox = page.getByLabel('New stock level');
  const inDialog = () => page.evaluate(() => document.activeElement?.closest('dialog') !== null && document.activeElement !== document.body);

  // New units: from Cancel (the last control) Tab goes back to the first box; Shift+Tab from there to Cancel.
  await levelBox.fill('7');
  await levelBox.press('Enter');
  const newUnits = page.getByRole('dialog', { name: 'Serial numbers for the 1 new unit' });
  const firstBox = newUnits.getByLabel('Serial number for new unit 1');
  await expect(firstBox).toBeFocused();
  const cancel = newUnits.getByRole('button', { name: 'Cancel' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(firstBox).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(newUnits).toHaveCount(0);
  await expect(levelBox).toBeFocused();

  // Leaving units: the same, through the entry, the list and its buttons.
  await levelBox.fill('5');
  await levelBox.press('Enter');
  const leaving = page.getByRole('dialog', { name: 'Which serial numbers leave?' });
  const entry = leaving.getByLabel('Scan or type a leaving serial number');
  await expect(entry).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(leaving.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(entry).toBeFocused();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    expect(await inDialog()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(levelBox).toBeFocused();
});

test('Escape in the new units prompt with serial numbers scanned asks first: Stay keeps them, Discard closes on the stock level box', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  const levelBox = page.getByLabel('New stock level');
  const stockBefore = productBySku(bench.handlers, 'TAB-10').stockLevel;
  await levelBox.fill(String(stockBefore + 1));
  await levelBox.press('Enter');
  const newUnits = page.getByRole('dialog', { name: 'Serial numbers for the 1 new unit' });
  const firstBox = newUnits.getByLabel('Serial number for new unit 1');
  await expect(firstBox).toBeFocused();
  await scan(page, 'TAB-NEW-77');
  await firstBox.focus();
  await page.keyboard.press('Escape');
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText('1 unsaved serial number');
  await question.getByRole('button', { name: 'Stay' }).click();
  await expect(question).toHaveCount(0);
  await expect(newUnits).toBeVisible();
  await expect(firstBox).toHaveValue('TAB-NEW-77');
  await page.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(newUnits).toHaveCount(0);
  await expect(levelBox).toBeFocused();
  expect(productBySku(bench.handlers, 'TAB-10').stockLevel).toBe(stockBefore);
});

test('Escape in "Which serial numbers leave?" with a serial number chosen asks first: Stay keeps it, Discard closes on the stock level box', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'TAB-10');
  const levelBox = page.getByLabel('New stock level');
  const stockBefore = productBySku(bench.handlers, 'TAB-10').stockLevel;
  const leavingValue = gridValues(bench.handlers, 'TAB-10').find((v) => v !== '')!;
  await levelBox.fill(String(stockBefore - 1));
  await levelBox.press('Enter');
  const leaving = page.getByRole('dialog', { name: 'Which serial numbers leave?' });
  await expect(leaving.getByLabel('Scan or type a leaving serial number')).toBeFocused();
  await scan(page, leavingValue);
  await expect(leaving.getByRole('heading', { name: 'Chosen: 1 of 1' })).toBeVisible();
  await page.keyboard.press('Escape');
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText('1 serial number chosen to leave');
  await question.getByRole('button', { name: 'Stay' }).click();
  await expect(question).toHaveCount(0);
  await expect(leaving.getByRole('heading', { name: 'Chosen: 1 of 1' })).toBeVisible();
  await page.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(leaving).toHaveCount(0);
  await expect(levelBox).toBeFocused();
  expect(productBySku(bench.handlers, 'TAB-10').stockLevel).toBe(stockBefore);
});
