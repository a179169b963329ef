/**
 * No lost work: leaving the serial entry grid or the allocation dialog with unsaved edits asks
 * "Save / Discard / Stay" first, from navigation, "Back to product", Escape/Cancel, and closing the page.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { SHELL_COMMAND_EVENT } from '../../shared/contract/shell-commands.js';
import { expect, expectAccessible, screenshot, test, type BenchFixture } from './fixtures.js';
import { allocatedValues, allocationDialog, beeps, countBeeps, picker, seedOrders, SINGLE_SKU, openDispatchIdentifiers } from './orders-helpers.js';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const question = (page: Page) => page.getByRole('alertdialog', { name: 'Unsaved changes' });

function gridValues(handlers: BenchHandlers, sku: string): string[] {
  const product = handlers.findProducts({ query: sku, offset: 0, limit: 1 }).items.find((p) => p.sku === sku)!;
  return handlers.getSerialGrid({ productId: product.id, offset: 0, limit: 5000 }).boxes.map((b) => b.value);
}

async function openGrid(page: Page, sku: string): Promise<void> {
  await nav(page, 'Products').click();
  await page.getByLabel('SKU, title or barcode').fill(sku);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${sku} `) }).click();
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(page.getByRole('heading', { name: `Product Serial Numbers: ${sku}` })).toBeVisible();
}

/** The demo's BAT-AA grid open, "LOT-Q1" typed into its first empty box (4): what was saved, and that box. */
async function gridWithAnEdit(page: Page, bench: BenchFixture) {
  await openGrid(page, 'BAT-AA');
  const before = gridValues(bench.handlers, 'BAT-AA');
  const box4 = page.getByRole('textbox', { name: 'Serial number 4', exact: true });
  await expect(box4).toBeFocused();
  await page.keyboard.type('LOT-Q1');
  return { before, box4 };
}

test('leaving the serial grid with edits asks first: Stay keeps them, Discard leaves, Save saves', async ({ page, bench }, testInfo) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  const { before, box4 } = await gridWithAnEdit(page, bench);

  // A navigation button: the question, in words, with the three answers.
  const ordersButton = nav(page, 'Order Dispatch');
  await ordersButton.click();
  await expect(question(page)).toBeVisible();
  await expect(question(page)).toContainText('1 unsaved change');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'unsaved-changes-question');

  // Stay: the edit is still there, the screen too, and focus is back where it was.
  await question(page).getByRole('button', { name: 'Stay' }).click();
  await expect(question(page)).toBeHidden();
  await expect(box4).toHaveValue('LOT-Q1');
  await expect(ordersButton).toBeFocused();

  // Escape on the question is Stay as well, and focus is back on what asked.
  await page.getByRole('button', { name: 'Back to product' }).click();
  await expect(question(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeHidden();
  await expect(box4).toHaveValue('LOT-Q1');
  await expect(page.getByRole('button', { name: 'Back to product' })).toBeFocused();

  // Discard: leaves, and nothing was written.
  await page.getByRole('button', { name: 'Back to product' }).click();
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: 'Product Variation: BAT-AA' })).toBeVisible();
  expect(gridValues(bench.handlers, 'BAT-AA')).toEqual(before);

  // Save: saves, then goes where the packer was going.
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  await expect(box4).toBeFocused();
  await page.keyboard.type('LOT-Q2');
  await ordersButton.click();
  await question(page).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Product Serial Numbers: BAT-AA' })).toBeHidden();
  await expect(ordersButton).toHaveAttribute('aria-current', 'page');
  expect(gridValues(bench.handlers, 'BAT-AA')).toContain('LOT-Q2');

  // Save refused (a repeated value): the packer stays, and the focus is on why, not on the button
  // that asked (pressing it again would only ask again).
  await openGrid(page, 'BAT-AA');
  await page.keyboard.type('LOT-Q2');
  await ordersButton.click();
  await question(page).getByRole('button', { name: 'Save' }).click();
  await expect(question(page)).toBeHidden();
  const refusal = page.locator('.grid-refusal-summary');
  await expect(refusal).toContainText('Not saved');
  await expect(refusal).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Product Serial Numbers: BAT-AA' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to product' }).click();
  await question(page).getByRole('button', { name: 'Discard' }).click();

  // Without edits, nothing is asked.
  await openGrid(page, 'BAT-AA');
  await page.getByRole('button', { name: 'Back to product' }).click();
  await expect(page.getByRole('heading', { name: 'Product Variation: BAT-AA' })).toBeVisible();
  await expect(question(page)).toHaveCount(0);
});

test('closing the page with unsaved grid edits asks first', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openGrid(page, 'BAT-AA');
  await page.keyboard.type('LOT-Q3');

  // Electron: the shell reports a refused close as "closeRequested"; the packer gets the question.
  await page.evaluate(([event, detail]) => window.dispatchEvent(new CustomEvent(event, { detail })), [SHELL_COMMAND_EVENT, 'closeRequested'] as const);
  await question(page).getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByRole('textbox', { name: 'Serial number 4', exact: true })).toHaveValue('LOT-Q3');

  // A browser asks in its own words (beforeunload).
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => {
    resolve(dialog.type());
    void dialog.dismiss(); // "Stay on page"
  }));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);
  await expect(page.getByRole('textbox', { name: 'Serial number 4', exact: true })).toHaveValue('LOT-Q3');
});

test("the desktop menu's Reload (Ctrl+R) with unsaved grid edits asks first; Discard reloads the page, it does not close it", async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openGrid(page, 'BAT-AA');
  const before = gridValues(bench.handlers, 'BAT-AA');
  const box4 = page.getByRole('textbox', { name: 'Serial number 4', exact: true });
  await page.keyboard.type('LOT-R1');
  // Electron: a refused unload that the menu's Reload started comes as "reloadRequested" (a refused close
  // as "closeRequested": answering Reload's question with Discard closed the window, quitting the bench).
  const reloadFromMenu = () => page.evaluate(([event, detail]) => window.dispatchEvent(new CustomEvent(event, { detail })), [SHELL_COMMAND_EVENT, 'reloadRequested'] as const);
  await page.evaluate(() => {
    (window as unknown as { closeCalls: number }).closeCalls = 0;
    window.close = () => void (window as unknown as { closeCalls: number }).closeCalls++;
  });

  await reloadFromMenu();
  await question(page).getByRole('button', { name: 'Stay' }).click();
  await expect(box4).toHaveValue('LOT-R1');

  await reloadFromMenu();
  await expect(question(page)).toContainText('1 unsaved change');
  expect(await page.evaluate(() => (window as unknown as { closeCalls: number }).closeCalls)).toBe(0);
  const reloaded = page.waitForEvent('load');
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await reloaded;
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await expect(box4).toHaveCount(0);
  expect(gridValues(bench.handlers, 'BAT-AA')).toEqual(before);
});

test('closing the allocation dialog with changed boxes asks first', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-5');
  const dialog = allocationDialog(page);
  const box = picker(page, 'SO-5', SINGLE_SKU, 1);
  await expect(box).toBeFocused();
  await box.fill('SN-B');
  const option = page.getByRole('option', { name: /^SN-BBB( —|$)/ });
  await option.click();
  await expect(box).toHaveValue('SN-BBB');

  // Escape: asked; Stay keeps the dialog and the choice, focus back in the box.
  await box.focus();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeVisible();
  await question(page).getByRole('button', { name: 'Stay' }).click();
  await expect(dialog).toBeVisible();
  await expect(box).toHaveValue('SN-BBB');
  await expect(box).toBeFocused();

  // Cancel → Discard: closed, nothing saved.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual([undefined]);

  // Again, and Save: saved (and the usual confirmation follows).
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  await box.fill('SN-B');
  await page.getByRole('option', { name: /^SN-BBB( —|$)/ }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await question(page).getByRole('button', { name: 'Save' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved).toBeVisible();
  await saved.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-BBB']);
});

test('a scan while the question is open is no answer: refused in words and beeped, nothing saved, the question still asked', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await countBeeps(page);
  await bench.open(page);
  const { before } = await gridWithAnEdit(page, bench);
  await page.getByRole('button', { name: 'Back to product' }).click();
  await expect(question(page)).toBeVisible();
  await expect(question(page).getByRole('button', { name: 'Save' })).toBeFocused();
  const beepsBefore = await beeps(page);

  // A keyboard wedge: its keys a few ms apart, then its Enter, on the focused "Save".
  await page.keyboard.type('356789012345606', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(question(page).getByRole('alert')).toHaveText('⚠ The scan "356789012345606" is not an answer: choose Save, Discard or Stay, then scan again.');
  await expect(question(page)).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(beepsBefore + 1);
  expect(gridValues(bench.handlers, 'BAT-AA')).toEqual(before);

  // A person's Enter still answers.
  await page.keyboard.press('Enter');
  await expect(question(page)).toBeHidden();
  await expect.poll(() => gridValues(bench.handlers, 'BAT-AA')).not.toEqual(before);
});
