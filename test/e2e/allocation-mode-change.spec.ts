/**
 * The allocation dialog while a product's identifier mode is changed elsewhere (here through a second
 * core on the bench file, as the CLI or a sync pull would): the line's boxes follow the new mode, the
 * packer's unsaved values on the other lines stay, the change is said once in words, and focus stays
 * in the dialog when the box it was in goes.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, scan, test } from './fixtures.js';
import { MULTI_SKU, PLAIN_SKU, SINGLE_SKU, YOGHURT_DATES, allocatedValues, allocationDialog, openDispatchIdentifiers, orderId, picker, seedOrders } from './orders-helpers.js';
import type { BenchFixture } from './fixtures.js';

async function openDialogFor(page: Page, orderNumbers: string[]): Promise<void> {
  await expect(page.getByText('awaiting dispatch', { exact: false }).first()).toBeVisible();
  await openDispatchIdentifiers(page, ...orderNumbers);
  await expect(allocationDialog(page)).toBeVisible();
  await expect(allocationDialog(page).getByText(/identifier box/)).toBeVisible();
}

/** SO-1's dialog open on a seeded bench: the dialog and the boxes the tests work in. */
async function openSo1(page: Page, bench: BenchFixture) {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  return {
    dialog: allocationDialog(page),
    phone1: picker(page, 'SO-1', SINGLE_SKU, 1),
    phone2: picker(page, 'SO-1', SINGLE_SKU, 2),
    yoghurt: picker(page, 'SO-1', MULTI_SKU, 1),
  };
}

async function saveAndConfirm(page: Page, savedText: string): Promise<void> {
  await allocationDialog(page).getByRole('button', { name: 'Save Changes' }).click();
  const message = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(message).toContainText(savedText);
  await message.getByRole('button', { name: 'OK' }).click();
  await expect(allocationDialog(page)).toBeHidden();
}

function productOf(bench: BenchFixture, sku: string): number {
  return bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).lines.find((l) => l.sku === sku)!.productId;
}

test('a line whose product is made single-use elsewhere gets boxes; the other lines keep their unsaved values and focus', async ({ page, bench }) => {
  const { dialog, phone1, phone2, yoghurt } = await openSo1(page, bench);
  await expect(phone1).toBeFocused();
  await yoghurt.focus();
  await scan(page, YOGHURT_DATES[0]!);
  await expect(yoghurt).toHaveValue(YOGHURT_DATES[0]!);
  await phone1.focus();
  await scan(page, 'SN-AAA');
  await expect(phone1).toHaveValue('SN-AAA');
  await expect(phone2).toBeFocused();
  await expect(picker(page, 'SO-1', PLAIN_SKU, 1)).toHaveCount(0);

  bench.handlers.setIdentifierMode({ productId: productOf(bench, PLAIN_SKU), mode: 'single_use' });

  await expect(dialog.getByRole('status')).toContainText(`${PLAIN_SKU}'s identifier mode was changed elsewhere to single-use: its units need identifiers now.`, { timeout: 10_000 });
  await expect(picker(page, 'SO-1', PLAIN_SKU, 1)).toBeVisible();
  await expect(dialog.getByText(/Pre Entered Product Serial Numbers \(Single Use\)/)).toHaveCount(2);
  // Nothing else moved: the values typed and the box being worked in.
  await expect(phone1).toHaveValue('SN-AAA');
  await expect(yoghurt).toHaveValue(YOGHURT_DATES[0]!);
  await expect(phone2).toBeFocused();
  await expectAccessible(page);

  await saveAndConfirm(page, 'saved against order SO-1');
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-AAA', undefined]);
  expect(allocatedValues(bench, 'SO-1', MULTI_SKU)).toEqual([YOGHURT_DATES[0]]);
});

test('a line whose product is turned None elsewhere loses its boxes, says what was not saved, and focus stays in the dialog', async ({ page, bench }) => {
  const { dialog, phone1, phone2, yoghurt } = await openSo1(page, bench);
  await yoghurt.focus();
  await scan(page, YOGHURT_DATES[1]!);
  await expect(yoghurt).toHaveValue(YOGHURT_DATES[1]!);
  await phone1.focus();
  await scan(page, 'SN-AAA');
  await expect(phone2).toBeFocused();

  // No identifier of the phone is saved on an order yet, so the mode may go to None.
  bench.handlers.setIdentifierMode({ productId: productOf(bench, SINGLE_SKU), mode: 'none' });

  const status = dialog.getByRole('status');
  await expect(status).toContainText(
    `${SINGLE_SKU}'s identifier mode was changed elsewhere to none: its units need no identifiers now, so its boxes are gone. 1 value put in them was not saved.`,
    { timeout: 10_000 },
  );
  await expect(phone1).toHaveCount(0);
  await expect(phone2).toHaveCount(0);
  await expect(yoghurt).toHaveValue(YOGHURT_DATES[1]!);
  // The box it was in went: focus goes to a box of the dialog, not the page.
  await expect(yoghurt).toBeFocused();
  await expect(dialog.getByText('1 order, 1 identifier box.')).toBeVisible();
  await expectAccessible(page);

  // Saving sends the boxes that remain only (the core would refuse a value for the phone now).
  await saveAndConfirm(page, 'saved against order SO-1');
  expect(allocatedValues(bench, 'SO-1', MULTI_SKU)).toEqual([YOGHURT_DATES[1]]);
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual([undefined, undefined]);

  // Opened again for other orders, the dialog says nothing of a change it did not see.
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).uncheck();
  await openDialogFor(page, ['SO-4']);
  await expect(picker(page, 'SO-4', MULTI_SKU, 1)).toBeVisible();
  await page.waitForTimeout(500);
  await expect(dialog.getByRole('status')).not.toContainText('changed elsewhere');
});
