/**
 * The serial entry grid ("Manually Update Serial Numbers"), as a packer uses it: real keyboard,
 * scanner-speed typing, paste, refusals and jumps to the marked boxes, against the real core.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';

const serialBox = (page: Page, n: number) => page.getByRole('textbox', { name: `Serial number ${n}`, exact: true });

function csv(rows: Array<Array<string | number>>): string {
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

/** One product through the real import, with the given identifiers pre-entered. */
function seedProduct(handlers: BenchHandlers, sku: string, mode: 'single_use' | 'multiple_use', stock: number, identifiers: string[] = []): number {
  const files = [{ name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], [sku, `${sku} test product`, '', mode, stock]]) }];
  if (identifiers.length) files.push({ name: 'identifiers.csv', content: csv([['sku', 'identifier'], ...identifiers.map((v) => [sku, v])]) });
  handlers.importCsv({ files });
  return handlers.findProducts({ query: sku, offset: 0, limit: 1 }).items[0]!.id;
}

/** Every box's value as the core holds it, in box order. */
function coreValues(handlers: BenchHandlers, productId: number): string[] {
  const values: string[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = handlers.getSerialGrid({ productId, offset, limit: 5000 });
    values.push(...page.boxes.map((b) => b.value));
    if (offset + 5000 >= page.totalBoxes) return values;
  }
}

async function openGrid(page: Page, sku: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(sku);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${sku} `) }).click();
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(page.getByRole('heading', { name: `Product Serial Numbers: ${sku}` })).toBeVisible();
}

async function saveAndConfirm(page: Page, timeout?: number): Promise<void> {
  await page.getByRole('button', { name: 'Save Changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Serial numbers saved' });
  await expect(dialog).toBeVisible({ timeout });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
}

test('single-use: Save Changes is refused while a box is empty; the list jumps to the box', async ({ page, bench }, testInfo) => {
  const productId = seedProduct(bench.handlers, 'SU-5', 'single_use', 5, ['SN-1', 'SN-2', 'SN-3']);
  await bench.open(page);
  await openGrid(page, 'SU-5');
  await expect(serialBox(page, 1)).toHaveValue('SN-1');
  // The grid opens on the first empty box, ready for a scan.
  await expect(serialBox(page, 4)).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, testInfo, 'serial-grid-single-use');

  await page.keyboard.type('SN-4');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('1 box is empty');
  await expect(serialBox(page, 5)).toHaveAttribute('aria-invalid', 'true');
  await expect(serialBox(page, 5)).toHaveAccessibleDescription(/Enter an identifier/);
  await expect(serialBox(page, 4)).not.toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'serial-grid-empty-refused');
  await expectAccessible(page);

  await page.getByRole('list', { name: 'Boxes to fix' }).getByRole('button', { name: /^Box 5:/ }).click();
  await expect(serialBox(page, 5)).toBeFocused();
  await page.keyboard.type('SN-5');
  await expect(serialBox(page, 5)).not.toHaveAttribute('aria-invalid', 'true');
  await saveAndConfirm(page);
  expect(coreValues(bench.handlers, productId)).toEqual(['SN-1', 'SN-2', 'SN-3', 'SN-4', 'SN-5']);
});

test('single-use: a repeated value is refused and marked, both locally and by the core', async ({ page, bench }, testInfo) => {
  // 600 boxes: box 300's value is on a page the grid never reads here, so only the core sees that repeat.
  const values = Array.from({ length: 598 }, (_, i) => `R-${String(i + 1).padStart(4, '0')}`);
  const productId = seedProduct(bench.handlers, 'SU-600', 'single_use', 600, values);
  await bench.open(page);
  await openGrid(page, 'SU-600');
  await expect(serialBox(page, 599)).toBeFocused();
  // Entered (Enter), a repeat is refused in its box at once: emptied, focused, marked and announced.
  await page.keyboard.type('R-0001');
  await page.keyboard.press('Enter');
  await expect(serialBox(page, 599)).toBeFocused();
  await expect(serialBox(page, 599)).toHaveValue('');
  await expect(serialBox(page, 599)).toHaveAccessibleDescription(/"R-0001" was refused: it is already in box 1/);
  await expect(page.getByRole('alert').filter({ hasText: '"R-0001" was refused' })).toBeVisible();
  // Typed without Enter, the repeat is left to "Save Changes", which checks everything again.
  await page.keyboard.type('R-0001');
  await page.keyboard.press('ArrowDown');
  await expect(serialBox(page, 600)).toBeFocused();
  await page.keyboard.type('R-0002');

  await page.getByRole('button', { name: 'Save Changes' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refusal).toContainText('4 boxes repeat a value another box holds');
  const fixList = page.getByRole('list', { name: 'Boxes to fix' });
  await expect(fixList.getByRole('button')).toHaveCount(4); // boxes 1, 2, 599, 600
  await fixList.getByRole('button', { name: /^Box 599:/ }).click();
  await expect(serialBox(page, 599)).toBeFocused();
  await expect(serialBox(page, 599)).toHaveAttribute('aria-invalid', 'true');
  await expect(serialBox(page, 599)).toHaveAccessibleDescription(/"R-0001" is repeated/);
  await fixList.getByRole('button', { name: /^Box 1:/ }).click();
  await expect(serialBox(page, 1)).toBeFocused();
  await expect(serialBox(page, 1)).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'serial-grid-repeat-refused');

  // Fix the repeats the grid can see with a value that repeats box 300 (on a page never read).
  await fixList.getByRole('button', { name: /^Box 599:/ }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('R-0300');
  await fixList.getByRole('button', { name: /^Box 600:/ }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('R-9999');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(refusal).toContainText('1 box needs fixing');
  await expect(serialBox(page, 599)).toHaveAttribute('aria-invalid', 'true');
  await expect(serialBox(page, 599)).toHaveAccessibleDescription(/"R-0300" is already entered/);
  await expect(fixList.getByRole('button')).toHaveCount(1);

  await fixList.getByRole('button', { name: /^Box 599:/ }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('R-0599');
  await saveAndConfirm(page);
  const saved = coreValues(bench.handlers, productId);
  expect(saved.slice(596)).toEqual(['R-0597', 'R-0598', 'R-0599', 'R-9999']);
});

test('multiple-use: empty boxes are allowed, a repeat is refused, and ABC and abc are two values', async ({ page, bench }, testInfo) => {
  const productId = seedProduct(bench.handlers, 'MU-6', 'multiple_use', 6, ['USE BY 2026-12-04']);
  await bench.open(page);
  await openGrid(page, 'MU-6');
  await expect(serialBox(page, 2)).toBeFocused();
  await scan(page, 'ABC');
  await expect(serialBox(page, 3)).toBeFocused();
  await scan(page, 'ABC');
  await expect(serialBox(page, 3)).toHaveAccessibleDescription(/"ABC" was refused: it is already in box 2/);
  await expect(serialBox(page, 3)).toBeFocused();
  await page.keyboard.type('ABC'); // typed, not entered: left to "Save Changes"
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('2 boxes repeat a value another box holds');
  await expect(serialBox(page, 3)).toHaveAttribute('aria-invalid', 'true');
  await expect(serialBox(page, 2)).toHaveAttribute('aria-invalid', 'true');
  await expect(serialBox(page, 5)).not.toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'serial-grid-multiple-use-repeat');
  await expectAccessible(page);

  await serialBox(page, 3).fill('abc');
  await saveAndConfirm(page);
  expect(coreValues(bench.handlers, productId)).toEqual(['USE BY 2026-12-04', 'ABC', 'abc', '', '', '']);
  await expect(serialBox(page, 2)).toHaveValue('ABC');
  await expect(serialBox(page, 3)).toHaveValue('abc');
});

test('allocated values are shown read-only with their status', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  // Allocate the first IMEI of PHN-X1 to the first order that wants one.
  const phone = bench.handlers.findProducts({ query: 'PHN-X1', offset: 0, limit: 1 }).items[0]!;
  const orderIds = bench.handlers.listAwaitingOrderIds({ query: '' }).ids;
  const sheet = bench.handlers.getAllocationSheet({ orderIds });
  const line = sheet.orders.flatMap((o) => o.lines).find((l) => l.productId === phone.id)!;
  const firstImei = bench.handlers.getSerialGrid({ productId: phone.id, offset: 0, limit: 1 }).boxes[0]!.value;
  bench.handlers.saveAllocations({ allocations: [{ lineId: line.lineId, unit: 1, value: firstImei }] });

  await bench.open(page);
  await openGrid(page, 'PHN-X1');
  const locked = serialBox(page, 1);
  await expect(locked).toHaveValue(firstImei);
  await expect(locked).toHaveAttribute('readonly', '');
  await expect(locked).toHaveAccessibleDescription('Allocated to an order (read only)');
  await locked.focus();
  await page.keyboard.type('XYZ');
  await expect(locked).toHaveValue(firstImei);
  await expect(serialBox(page, 2)).not.toHaveAttribute('readonly', '');
  await screenshot(page, testInfo, 'serial-grid-locked');
  await expectAccessible(page);
});

test('a pasted column fills boxes from the focused one down, and survives a restart', async ({ page, bench, context }) => {
  const productId = seedProduct(bench.handlers, 'SU-PASTE', 'single_use', 6, ['P-1']);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await bench.open(page);
  await openGrid(page, 'SU-PASTE');
  await expect(serialBox(page, 2)).toBeFocused();
  // As a spreadsheet copies a column: CRLF line ends and a final line break.
  await page.evaluate(() => navigator.clipboard.writeText('P-2\r\nP-3\r\np-3\r\nP-5\r\nP-6\r\n'));
  await page.keyboard.press('Control+V');
  await expect(serialBox(page, 6)).toHaveValue('P-6');
  await expect(serialBox(page, 2)).toHaveValue('P-2');
  await expect(serialBox(page, 4)).toHaveValue('p-3');
  await expect(page.getByText('Pasted 5 values into boxes 2 to 6.')).toBeVisible();
  await saveAndConfirm(page);
  expect(coreValues(bench.handlers, productId)).toEqual(['P-1', 'P-2', 'P-3', 'p-3', 'P-5', 'P-6']);

  await bench.restart(page);
  // The fixture's goto only changes the URL fragment of the open page, so reload it for real.
  await page.reload();
  await openGrid(page, 'SU-PASTE');
  for (const [n, value] of [[1, 'P-1'], [2, 'P-2'], [3, 'P-3'], [4, 'p-3'], [5, 'P-5'], [6, 'P-6']] as const) {
    await expect(serialBox(page, n)).toHaveValue(value);
  }
});

test('a grid of 20,000 boxes keeps only a window of rows in the page and reads pages on demand', async ({ page, bench }, testInfo) => {
  const values = Array.from({ length: 20_000 }, (_, i) => `BIG-${String(i + 1).padStart(5, '0')}`);
  seedProduct(bench.handlers, 'SU-20K', 'single_use', 20_000, values);
  const reads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/getSerialGrid')) reads.push(request.postData() ?? '');
  });
  await bench.open(page);
  await openGrid(page, 'SU-20K');
  await expect(serialBox(page, 1)).toHaveValue('BIG-00001');
  const group = page.getByRole('group', { name: 'Serial numbers of SU-20K' });
  expect(await group.getByRole('textbox').count()).toBeLessThan(80);

  await page.getByLabel('Go to box').fill('15000');
  await page.keyboard.press('Enter');
  await expect(serialBox(page, 15000)).toBeFocused();
  await expect(serialBox(page, 15000)).toHaveValue('BIG-15000');
  await page.keyboard.press('Control+End');
  await expect(serialBox(page, 20000)).toBeFocused();
  await expect(serialBox(page, 20000)).toHaveValue('BIG-20000');
  expect(await group.getByRole('textbox').count()).toBeLessThan(80);
  await screenshot(page, testInfo, 'serial-grid-20k-end');
  // The first page, one around box 15,000 and one at the end: never the whole product.
  expect(reads.length).toBeLessThanOrEqual(6);
  expect(reads.every((body) => (JSON.parse(body) as { limit: number }).limit <= 250)).toBe(true);
});

test('500 scans at scanner speed fill 500 boxes in order, none lost or misplaced', async ({ page, bench }) => {
  test.setTimeout(420_000); // ~1 min of typing on an idle machine; much more on a loaded one
  const productId = seedProduct(bench.handlers, 'SCAN-500', 'single_use', 500);
  const values = Array.from({ length: 500 }, (_, i) => `SCAN${String(i + 1).padStart(5, '0')}-aBcDeFgHiJ`);
  expect(values.every((v) => v.length === 20)).toBe(true);
  await bench.open(page);
  await openGrid(page, 'SCAN-500');
  await expect(serialBox(page, 1)).toBeFocused();
  for (const value of values) {
    await page.keyboard.type(value, { delay: 5 });
    await page.keyboard.press('Enter');
  }
  // No empty box is left, so the last Enter moves on to "Save Changes".
  await expect(page.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await saveAndConfirm(page);
  expect(coreValues(bench.handlers, productId)).toEqual(values);
});

test('a scan ending with Tab fills the box and moves to the next empty box', async ({ page, bench }) => {
  const productId = seedProduct(bench.handlers, 'SU-TAB', 'single_use', 4, ['T-2']);
  // Box 1 holds T-2 after import; boxes 2-4 are empty.
  await bench.open(page);
  await openGrid(page, 'SU-TAB');
  await expect(serialBox(page, 2)).toBeFocused();
  await scan(page, 'T-3', { terminator: 'Tab' });
  await expect(serialBox(page, 3)).toBeFocused();
  await scan(page, 'T-4', { terminator: 'Tab' });
  await expect(serialBox(page, 4)).toBeFocused();
  await scan(page, 'T-5', { terminator: 'Tab' });
  await expect(page.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await saveAndConfirm(page);
  expect(coreValues(bench.handlers, productId)).toEqual(['T-2', 'T-3', 'T-4', 'T-5']);
});

test('a long save shows its progress with "Cancel save": cancelling saves nothing and keeps the edits, Save Changes then saves them', async ({ page, bench, context }, testInfo) => {
  test.setTimeout(180_000);
  const boxes = 100_000;
  const productId = seedProduct(bench.handlers, 'MU-100K', 'multiple_use', boxes);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await bench.open(page);
  await openGrid(page, 'MU-100K');
  await expect(serialBox(page, 1)).toBeFocused();
  await page.evaluate((n) => navigator.clipboard.writeText(Array.from({ length: n }, (_, i) => `LONG-${i + 1}`).join('\r\n') + '\r\n'), boxes);
  await page.keyboard.press('Control+V');
  await expect(page.getByText(`${boxes.toLocaleString('en')} unsaved changes`)).toBeVisible({ timeout: 60_000 });

  await page.getByRole('button', { name: 'Save Changes' }).click();
  const cancel = page.getByRole('button', { name: 'Cancel save' });
  await expect(cancel).toBeFocused({ timeout: 30_000 });
  // While the core writes them (one transaction: it takes no call until it ends).
  await expect(page.getByRole('progressbar', { name: 'Saving the serial numbers' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^Saved [1-9][\d,]* of 100,000 serial numbers…$/)).toBeVisible({ timeout: 60_000 });
  await screenshot(page, testInfo, 'serial-grid-long-save');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Save cancelled' })).toHaveText('Save cancelled; nothing was saved. Your changes are still in the grid.', { timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  expect(bench.handlers.getSerialGrid({ productId, offset: 0, limit: 1 }).filledBoxes).toBe(0);
  await expect(page.getByText(`${boxes.toLocaleString('en')} unsaved changes`)).toBeVisible();
  await expect(serialBox(page, 1)).toHaveValue('LONG-1');

  // 100,000 rows take seconds to write, more on a busy machine (the progress bar shows meanwhile).
  await saveAndConfirm(page, 60_000);
  expect(bench.handlers.getSerialGrid({ productId, offset: 0, limit: 1 }).filledBoxes).toBe(boxes);
  expect(coreValues(bench.handlers, productId).at(-1)).toBe(`LONG-${boxes}`);
});

test('serial numbers added elsewhere show in an open grid by themselves; with unsaved new ones, Reload keeps them', async ({ page, bench }) => {
  const productId = seedProduct(bench.handlers, 'MU-ELSE', 'multiple_use', 5, ['A-1']);
  const addElsewhere = (value: string) =>
    bench.handlers.importCsv({ files: [{ name: 'identifiers.csv', content: csv([['sku', 'identifier'], ['MU-ELSE', value]]) }] });
  await bench.open(page);
  await openGrid(page, 'MU-ELSE');
  await expect(serialBox(page, 2)).toBeFocused();

  // Nothing unsaved here: the grid shows the new serial number at once; the focused box was empty and
  // now holds it, so the focus moves on to the next empty box (the next scan must not overwrite it).
  addElsewhere('A-2');
  await expect(serialBox(page, 2)).toHaveValue('A-2');
  await expect(serialBox(page, 3)).toBeFocused();
  await expect(page.getByText('No unsaved changes')).toBeVisible();

  // With a new serial number typed here, the grid says what happened instead of changing under the packer.
  await serialBox(page, 3).fill('MINE-1');
  addElsewhere('A-3');
  const notice = page.getByRole('status').filter({ hasText: 'were changed elsewhere' });
  await expect(notice).toContainText('The serial numbers of MU-ELSE were changed elsewhere');
  await expect(serialBox(page, 3)).toHaveValue('MINE-1');
  await notice.getByRole('button', { name: 'Reload, keeping my new serial numbers' }).press('Enter');
  await expect(page.getByText('Reloaded: 1 new serial number kept.')).toBeVisible();
  await expect(serialBox(page, 3)).toHaveValue('A-3');
  await expect(serialBox(page, 4)).toHaveValue('MINE-1');
  await expect(serialBox(page, 5)).toBeFocused();
  await saveAndConfirm(page);
  expect(coreValues(bench.handlers, productId)).toEqual(['A-1', 'A-2', 'A-3', 'MINE-1', '']);
});

/** Another window, the CLI or a sync renames the value of box `box` (0-based) at the core. */
function renameElsewhere(handlers: BenchHandlers, productId: number, box: number, value: string) {
  const held = handlers.getSerialGrid({ productId, offset: box, limit: 1 }).boxes[0]!;
  handlers.saveSerialGrid({ productId, edits: [{ box, identifierId: held.identifierId, value }] });
}

test('a serial number renamed elsewhere shows in an open grid with nothing unsaved, on the first page and beyond it', async ({ page, bench }) => {
  const values = Array.from({ length: 300 }, (_, i) => `V-${String(i + 1).padStart(3, '0')}`);
  const productId = seedProduct(bench.handlers, 'MU-PAGE', 'multiple_use', 302, values);
  await bench.open(page);
  await openGrid(page, 'MU-PAGE');
  await page.getByLabel('Go to box').fill('2');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(serialBox(page, 2)).toHaveValue('V-002');
  renameElsewhere(bench.handlers, productId, 1, 'W-002');
  await expect(serialBox(page, 2)).toHaveValue('W-002');
  // Box 300 is on the second page of 250, read when the view went there.
  await page.getByLabel('Go to box').fill('300');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(serialBox(page, 300)).toHaveValue('V-300');
  renameElsewhere(bench.handlers, productId, 299, 'W-300');
  await expect(serialBox(page, 300)).toHaveValue('W-300');
  await expect(page.getByText('No unsaved changes')).toBeVisible();
});

test('a save of a thousand serial numbers counts them with thousands separators, as "Go to box" names the last box', async ({ page, bench }) => {
  seedProduct(bench.handlers, 'MU-1K', 'multiple_use', 1500);
  await bench.open(page);
  await openGrid(page, 'MU-1K');
  await expect(serialBox(page, 1)).toBeFocused();
  await scan(page, 'K-0001 +1200');
  const preview = page.getByRole('dialog', { name: 'Fill boxes from a range' });
  await preview.getByRole('button', { name: 'Fill boxes' }).click();
  await expect(page.getByText('Filled boxes 1 to 1200 with 1,200 values from the range.')).toBeVisible();
  await page.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Serial numbers saved' });
  await expect(saved).toContainText('The serial numbers of MU-1K have been saved (1,200 added, 0 changed, 0 removed).');
  await saved.getByRole('button', { name: 'OK' }).click();

  const goTo = page.getByLabel('Go to box');
  await goTo.fill('2000');
  await goTo.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a box number' })).toHaveText(/Enter a box number from 1 to 1,500\.$/);
});
