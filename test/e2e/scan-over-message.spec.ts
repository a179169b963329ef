/**
 * A scan made while a plain message shows (the "dispatched" message after Complete Order): the
 * packer scans the next order's barcode without pressing OK first. The scan's characters went
 * nowhere and its Enter pressed OK; the next order never opened. Now the scan closes the message (as
 * OK would: the order leaves the selection, the list shows) and is routed as if it had not been
 * there. Dialogs that are not plain messages (the allocation dialog) still keep scans to themselves.
 */
import { expect, test } from './fixtures.js';
import { allocationDialog, beeps, countBeeps, focusNothing, hardwareScan, orderId, seedOrders, tabTo } from './orders-helpers.js';

test('a scan while "Order SO-2 dispatched" shows closes it and opens the scanned order', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();

  await focusNothing(page);
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2', exact: true })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-2 dispatched' });
  await expect(done.getByRole('button', { name: 'OK' })).toBeFocused();

  // The next order's pick list, scanned straight away.
  await hardwareScan(page, 'SO-5', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-5', exact: true })).toBeFocused();
  await expect(done).toBeHidden();
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await expect(page.locator('.bench-status')).toContainText('4 orders awaiting dispatch');
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches).toHaveLength(1);
  expect(await beeps(page)).toBe(0);

  // Back on the list: SO-2 is gone (dispatched), SO-5 (scanned) is selected.
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-2', exact: true })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Select order SO-5', exact: true })).toBeChecked();
});

test('a scan that matches nothing while the message shows closes it and is refused on the list, beeped', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await focusNothing(page);
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2', exact: true })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-2 dispatched' });
  await expect(done.getByRole('button', { name: 'OK' })).toBeFocused();

  await hardwareScan(page, 'NOTHING-99', { gapMs: 4 });
  await expect(done).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'Scanned "NOTHING-99": no order or identifier has that value.' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  // The message's own follow-up ran: the packer is on the list, as after OK.
  await expect(page.getByRole('searchbox', { name: 'Search orders' })).toBeVisible();
});

test('a scan while the allocation dialog is open stays with the dialog: no order opens behind it', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await focusNothing(page);
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-3', exact: true })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Add' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = allocationDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await hardwareScan(page, 'SO-5', { gapMs: 4 });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Order SO-3', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Order SO-5', exact: true })).toHaveCount(0);
});
