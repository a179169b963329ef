/**
 * "Dispatch Identifiers" pressed before the allocation dialog's code has loaded (the first seconds after
 * start, a slow disk), in real Chromium: a modal "Opening Allocate Dispatch Identifiers…" shows at once
 * and keeps the keys typed meanwhile, so a scan fired right after the press lands in unit 1 once the
 * dialog opens and never reaches the page behind (which would route it as a lookup and leave the list);
 * Escape while it opens cancels the opening, the focus back on the control that opened it.
 */
import type { Page } from '@playwright/test';
import { expect, test, type BenchFixture } from './fixtures.js';
import { SINGLE_SKU, allocatedValues, allocationDialog, holdChunk, orderRow, picker, seedOrders, tabTo } from './orders-helpers.js';

const OPENING = 'Opening Allocate Dispatch Identifiers…';

/** SO-1 ticked by Space on its row, then "Dispatch Identifiers" from the Actions menu, all by keys. */
async function pressDispatchIdentifiersByKeys(page: Page): Promise<void> {
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-1', exact: true })).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Actions' }), { backwards: true });
  await page.keyboard.press('ArrowDown'); // opens the menu on its first item
  await expect(page.getByRole('menuitem', { name: 'Dispatch Identifiers' })).toBeFocused();
  await page.keyboard.press('Enter');
}

/** The list of seeded orders, the dialog's code held back (a slow disk), then "Dispatch Identifiers" pressed on SO-1 by keys; releases the code. */
async function openingWithItsCodeHeld(page: Page, bench: BenchFixture): Promise<() => void> {
  seedOrders(bench);
  const release = await holdChunk(page, 'AllocationDialog');
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await pressDispatchIdentifiersByKeys(page);
  return release;
}

test('a scan fired while the allocation dialog\'s code still loads waits in "Opening…" and lands in unit 1, not on the page behind', async ({ page, bench }) => {
  const release = await openingWithItsCodeHeld(page, bench);

  // At once, before the code is there: a modal holding the focus.
  const opening = page.getByRole('dialog', { name: OPENING });
  await expect(opening).toBeVisible();
  // Modal as showModal makes it (the page behind inert; Chromium tells assistive technology it is modal).
  expect(await opening.evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
  expect(await opening.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);

  // The scanner fires: a few ms a key, then Enter.
  await page.keyboard.type('SN-BBB', { delay: 5 });
  await page.keyboard.press('Enter');
  // The page behind did nothing with it: no lookup, nothing searched, the placeholder still open.
  await expect(page.getByRole('heading', { name: 'Identifier Lookup' })).toHaveCount(0);
  await expect(opening).toBeVisible();

  release();
  const dialog = allocationDialog(page);
  await expect(dialog).toBeVisible();
  await expect(opening).toHaveCount(0);
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toHaveValue('SN-BBB');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  await expect(dialog.getByRole('alert')).toHaveText('');

  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByRole('dialog', { name: 'Dispatch identifiers saved' }).getByRole('button', { name: 'OK' }).click();
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-BBB', undefined]);
  // Still on the list, its search untouched by the scan.
  await expect(page.getByRole('heading', { name: 'Order Dispatch' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search orders' })).toHaveValue('');
});

test('Escape while the allocation dialog\'s code loads cancels the opening, the focus back on "Actions"', async ({ page, bench }) => {
  const release = await openingWithItsCodeHeld(page, bench);
  const opening = page.getByRole('dialog', { name: OPENING });
  await expect(opening).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(opening).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actions' })).toBeFocused();

  // The code arriving after the packer cancelled opens nothing.
  const served = page.waitForResponse(/\/assets\/AllocationDialog-[\w-]+\.js$/);
  release();
  await served;
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await expect(allocationDialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actions' })).toBeFocused();
});
