/**
 * Keys typed while the allocation dialog is still opening, in real Chromium: a keyboard-wedge scan
 * fired right after the packer pressed "Dispatch Identifiers" (no wait for the dialog) loses no
 * character, lands whole in unit 1 and nowhere else, and the focus moves on as after any scan.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { SINGLE_SKU, allocatedValues, allocationDialog, picker, seedOrders, answerLate } from './orders-helpers.js';

/** "Dispatch Identifiers" from the Actions menu by keyboard, its Enter pressed: the dialog starts opening. */
async function pressDispatchIdentifiers(page: Page, orderNumber: string): Promise<void> {
  await page.getByRole('checkbox', { name: `Select order ${orderNumber}`, exact: true }).check();
  await page.getByRole('button', { name: 'Actions' }).click();
  const item = page.getByRole('menuitem', { name: 'Dispatch Identifiers' });
  await item.focus();
  await page.keyboard.press('Enter');
}

for (const read of ['at once', 'slowly'] as const) {
  test(`a scan fired right after pressing "Dispatch Identifiers" (orders read ${read}) lands whole in unit 1`, async ({ page, bench }) => {
    seedOrders(bench);
    if (read === 'slowly') {
      // A busy bench: the dialog's orders take a while, so the whole scan comes before any box.
      await answerLate(page, 'getAllocationSheet', 600);
    }
    await bench.open(page);
    await expect(page.getByText('awaiting dispatch', { exact: false }).first()).toBeVisible();
    await pressDispatchIdentifiers(page, 'SO-1');
    // No wait: the scanner fires at once.
    await page.keyboard.type('SN-BBB', { delay: 5 });
    await page.keyboard.press('Enter');

    const dialog = allocationDialog(page);
    const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
    const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
    await expect(unit1).toHaveValue('SN-BBB');
    await expect(unit2).toBeFocused();
    await expect(unit2).toHaveValue('');
    await expect(dialog.getByRole('alert')).toHaveText('');
    await expect(dialog).toBeVisible(); // the scan's Enter pressed no button

    await dialog.getByRole('button', { name: 'Save Changes' }).click();
    const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
    await saved.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-BBB', undefined]);
  });
}

test('two scans fired right after pressing "Dispatch Identifiers" fill units 1 and 2, in order', async ({ page, bench }) => {
  seedOrders(bench);
  await answerLate(page, 'getAllocationSheet', 400);
  await bench.open(page);
  await expect(page.getByText('awaiting dispatch', { exact: false }).first()).toBeVisible();
  await pressDispatchIdentifiers(page, 'SO-1');
  await page.keyboard.type('SN-CCC', { delay: 5 });
  await page.keyboard.press('Enter');
  await page.keyboard.type('SN-aaa', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toHaveValue('SN-CCC');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toHaveValue('SN-aaa');
  await expect(allocationDialog(page).getByRole('alert')).toHaveText('');
});
