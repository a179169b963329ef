/**
 * A new packer with a keyboard and a scanner only: after page.goto, every step is a key press
 * (no click, fill or focus). Products → serial grid → order list → allocation → a dispatched
 * order; every dialog gives focus back to its opener; a repeated scan is refused in its box before
 * the next scan, shown, announced by a live region and beeped, and nothing is saved.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, scan, screenshot, test, type BenchFixture } from './fixtures.js';
import { allocatedValues, allocationDialog, beeps, countBeeps, orderId, orderRow, picker, seedOrders, tabTo } from './orders-helpers.js';

const CAMERA = 'CAM-1';

/** The usual orders, plus a camera (single use, 2 in stock, no serials yet) and order SO-9 for two. */
function seed(bench: BenchFixture): number {
  seedOrders(bench);
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${CAMERA},Camera,,single_use,2\n` },
      { name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-9,Hedy Lamarr,${CAMERA},2\n` },
    ],
  });
  return bench.handlers.findProducts({ query: CAMERA, offset: 0, limit: 1 }).items[0]!.id;
}

/** What the page shows right now, read in one go (no waiting): proves a message is already painted. */
async function alertTextsNow(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent ?? '').filter(Boolean));
}

async function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');
}

test('products to the serial grid by keyboard alone: a repeated scan refused at once, focus back on every opener', async ({ page, bench }, testInfo) => {
  const cameraId = seed(bench);
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('6 orders awaiting dispatch', { exact: true })).toBeVisible();

  // ---- Products → the camera → its serial grid.
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await tabTo(page, nav.getByRole('button', { name: 'Products' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('SKU, title or barcode')).toBeFocused();
  await page.keyboard.type(CAMERA);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`1 product found for "${CAMERA}".`)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${CAMERA} `) })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Product Variation: ${CAMERA}` })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Manually Update Serial Numbers' }));
  await page.keyboard.press('Enter');
  const box = (n: number) => page.getByRole('textbox', { name: `Serial number ${n}`, exact: true });
  await expect(box(1)).toBeFocused();

  // ---- A repeated scan in the grid: refused in box 2 at once, emptied, announced, beeped; nothing saved.
  await scan(page, 'CAM-SN-1');
  await expect(box(2)).toBeFocused();
  await scan(page, 'CAM-SN-1');
  expect((await alertTextsNow(page)).join(' ')).toContain('"CAM-SN-1" was refused: it is already in box 1');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('');
  await expect(box(2)).toBeFocused();
  await expect(box(2)).toHaveAttribute('aria-invalid', 'true');
  await expect(box(2)).toHaveAccessibleDescription(/"CAM-SN-1" was refused/);
  await expect.poll(() => beeps(page)).toBe(1);
  expect(bench.handlers.getSerialGrid({ productId: cameraId, offset: 0, limit: 10 }).filledBoxes).toBe(0);
  await screenshot(page, testInfo, 'keyboard-grid-refused');
  await expectAccessible(page);

  // The next scan is taken; with no empty box left, focus goes to "Save Changes".
  await scan(page, 'CAM-SN-2');
  await expect(box(2)).toHaveValue('CAM-SN-2');
  expect(await alertTextsNow(page)).toEqual([]);
  const saveGrid = page.getByRole('button', { name: 'Save Changes' });
  await expect(saveGrid).toBeFocused();
  await page.keyboard.press('Enter');
  const gridSaved = page.getByRole('dialog', { name: 'Serial numbers saved' });
  await expect(gridSaved.getByRole('button', { name: 'OK' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(gridSaved).toBeHidden();
  await expect(saveGrid).toBeFocused();
  expect(bench.handlers.getSerialGrid({ productId: cameraId, offset: 0, limit: 10 }).boxes.map((b) => b.value)).toEqual(['CAM-SN-1', 'CAM-SN-2']);

  // ---- Keyboard shortcuts: F1 opens them, Escape gives focus back.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Shift+Up / Shift+Down');
  // It opens at its start (its list, focused, scrolls by arrow keys), not scrolled to Close at its end.
  await expect(help.getByRole('region', { name: 'Shortcuts' })).toBeFocused();
  await expect(help.locator('caption').first()).toBeInViewport();
  await expect(help.getByRole('button', { name: 'Close' })).toBeInViewport();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(saveGrid).toBeFocused();

  // ---- On to the orders.
  await tabTo(page, nav.getByRole('button', { name: 'Order Dispatch' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByText('6 orders awaiting dispatch', { exact: true })).toBeVisible();
});

test('order list to a dispatched order by keyboard alone: a repeated scan refused in the dialog, focus back on every opener', async ({ page, bench }, testInfo) => {
  seed(bench);
  // The camera's serials, as the grid above saved them.
  bench.handlers.importCsv({ files: [{ name: 'identifiers.csv', content: `sku,identifier\n${CAMERA},CAM-SN-1\n${CAMERA},CAM-SN-2\n` }] });
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('6 orders awaiting dispatch', { exact: true })).toBeVisible();

  // ---- The order list: one tab stop, arrows between rows, Space selects, Shift+arrow extends.
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('End');
  await expect(orderRow(page, 'SO-9')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('1 order selected')).toBeVisible();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(orderRow(page, 'SO-5')).toBeFocused();
  await expect(page.getByText('2 orders selected')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByText('1 order selected')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(orderRow(page, 'SO-1')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await expect(orderRow(page, 'SO-9')).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page);

  // ---- "Actions" → "Dispatch Identifiers": a repeated scan is refused in the dialog; Escape → focus on "Actions".
  const actions = page.getByRole('button', { name: 'Actions' });
  await tabTo(page, actions, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Dispatch Identifiers' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-9', CAMERA, 1);
  const unit2 = picker(page, 'SO-9', CAMERA, 2);
  await expect(unit1).toBeFocused();
  await scan(page, 'CAM-SN-1');
  await expect(unit2).toBeFocused();
  await scan(page, 'CAM-SN-1');
  expect((await alertTextsNow(page)).join(' ')).toContain('"CAM-SN-1" was refused: it is already chosen for order SO-9, CAM-1 unit 1');
  expect(await focusedDescription(page)).toBe('SO-9 CAM-1 unit 2');
  await expect(unit2).toHaveValue('');
  await expect(unit2).toHaveAccessibleDescription(/"CAM-SN-1" was refused/);
  await expect(dialog.getByRole('alert')).toContainText('"CAM-SN-1" was refused');
  await expect.poll(() => beeps(page)).toBe(1);
  await screenshot(page, testInfo, 'keyboard-allocation-refused');
  await expectAccessible(page);
  // Unit 1 holds an unsaved choice, so Escape asks first (Save / Discard / Stay); Discard closes.
  await page.keyboard.press('Escape');
  const question = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(question.getByRole('button', { name: 'Save' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(question.getByRole('button', { name: 'Discard' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(actions).toBeFocused();
  expect(allocatedValues(bench, 'SO-9', CAMERA)).toEqual([undefined, undefined]);

  // ---- Again, and save: the "saved" message's OK gives focus back to "Actions".
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(unit1).toBeFocused();
  await scan(page, 'CAM-SN-1');
  await expect(unit2).toBeFocused();
  await scan(page, 'CAM-SN-2', { terminator: 'Tab' });
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved.getByRole('button', { name: 'OK' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(saved).toBeHidden();
  await expect(actions).toBeFocused();
  expect(allocatedValues(bench, 'SO-9', CAMERA)).toEqual(['CAM-SN-1', 'CAM-SN-2']);

  // ---- Enter on the row opens the order; "Complete Order" dispatches it.
  await tabTo(page, orderRow(page, 'SO-2'));
  await page.keyboard.press('End');
  await expect(orderRow(page, 'SO-9')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order SO-9' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-9 dispatched' });
  await expect(done.getByRole('button', { name: 'OK' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-9') }).status).toBe('dispatched');
});
