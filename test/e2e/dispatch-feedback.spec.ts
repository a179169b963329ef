/**
 * What a packer hears and reads when "Complete Order" (the order's, or the allocation dialog's) is
 * refused, and how the order's counts read: every refusal is beeped as the bench's others are, and a
 * count reads "1 unit" / "2 units".
 */
import type { Locator, Page } from '@playwright/test';
import { expect, scan, test } from './fixtures.js';
import { PLAIN_SKU, SINGLE_SKU, allocationDialog, beeps, countBeeps, orderId, orderRow, picker, seedOrders, tabTo, answerLate } from './orders-helpers.js';

/**
 * By keys: SO-1's "Complete Order" finds PHN-1's two units without identifiers; "Add" opens the
 * allocation dialog, where SN-CCC is scanned into unit 1 and the focus moves on to unit 2.
 */
async function scanFirstMissingOfSo1(page: Page): Promise<Locator> {
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText('PHN-1 units 1, 2');
  await expect(needed.getByRole('button', { name: 'Add' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await scan(page, 'SN-CCC');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  return needed;
}

test('"Complete Order" refused in the allocation dialog for want of identifiers beeps, and focus goes to the empty box', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await scanFirstMissingOfSo1(page);
  // The order page's own "Complete Order" was refused for want of identifiers: one beep already.
  await expect.poll(() => beeps(page)).toBe(1);
  const dialog = allocationDialog(page);
  await tabTo(page, dialog.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('2 units still need an identifier before the order can be completed: PHN-1 unit 2; YOG-1 unit 1. Nothing was saved.');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(2);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).status).toBe('awaiting');
});

test('a dispatch quantity refused at "Complete Order" beeps, as every other refusal does', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel(`Dispatch quantity for ${PLAIN_SKU}`);
  await quantity.fill('9');
  await quantity.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: `Dispatch quantity for ${PLAIN_SKU}: Only 2 units remain to dispatch; 9 entered.` })).toBeVisible();
  await expect(quantity).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches).toEqual([]);
});

test('an order of one unit reads "1 of 1 unit to dispatch" in its details, as in the list', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(orderRow(page, 'SO-3')).toContainText('1 of 1 unit to dispatch');
  await orderRow(page, 'SO-3').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeFocused();
  await expect(page.getByText('Grace Hopper · 1 of 1 unit to dispatch', { exact: true })).toBeVisible();
});

test('Enter on "Complete Order" and at once Enter again (for "Add") opens the allocation dialog once "Add" is there, with one completion sent', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  // A busy core: the completion answers after the second Enter has arrived.
  let completions = 0;
  await answerLate(page, 'completeOrder', 600, () => completions++);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Dispatch identifiers needed' })).toBeVisible();
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await expect(allocationDialog(page)).toBeVisible();
  expect(completions).toBe(1);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).status).toBe('awaiting');
});

test('Enter twice on "Complete Order" with no wait, on a core answering at once, opens the allocation dialog', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await expect(allocationDialog(page)).toBeVisible();
});

test('an Enter typed ahead while "Complete Order" dispatches does not close the "dispatched" message unread', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await answerLate(page, 'completeOrder', 600);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-2 dispatched' });
  await expect(done).toContainText('2 units dispatched. The order is complete.');
  await page.waitForTimeout(300);
  await expect(done).toBeVisible();
  // Its own dispatch (read back by the change stream before the answer came) is not one made elsewhere.
  await expect(page.getByRole('status').filter({ hasText: 'dispatched elsewhere' })).toHaveCount(0);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches).toHaveLength(1);
});

test('"OK" on "Dispatch identifiers saved" with nothing changed leaves "Dispatch identifiers needed" showing what is missing', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-3').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await needed.getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);
  await expect(picker(page, 'SO-3', SINGLE_SKU, 1)).toBeFocused();
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved).toContainText('No identifiers were changed for order SO-3.');
  await saved.getByRole('button', { name: 'OK' }).click();
  await expect(saved).toBeHidden();
  await expect(needed).toContainText('Add identifiers for PHN-1 unit 1 before completing the order.');
  await expect(needed.getByRole('button', { name: 'Add' })).toBeFocused();
});

test('after saving some of the missing identifiers, "Dispatch identifiers needed" names only those still missing', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText('PHN-1 units 1, 2');
  await needed.getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await scan(page, 'SN-CCC');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved).toContainText('The dispatch identifiers have been saved against order SO-1.');
  await saved.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('row', { name: /PHN-1/ })).toContainText('Unit 1: SN-CCC');
  await expect(needed).toContainText('PHN-1 unit 2');
  await expect(needed).not.toContainText('units 1');
});

test('"OK" on "Dispatch identifiers saved" when the order cannot be read again keeps "Dispatch identifiers needed" and says why', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  const needed = await scanFirstMissingOfSo1(page);
  await tabTo(page, allocationDialog(page).getByRole('button', { name: 'Save Changes' }));
  await page.keyboard.press('Enter');
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved).toContainText('The dispatch identifiers have been saved against order SO-1.');
  // The change stream has read the saved order; then the bench stops answering.
  await expect(page.locator('.lines-table')).toContainText('Unit 1: SN-CCC');
  await page.route('**/api/getOrder', (route) => route.abort());
  await expect(saved.getByRole('button', { name: 'OK' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(saved).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read again' })).toBeVisible();
  // As the order was last read (unit 1 given, by the change stream's read before OK).
  await expect(needed).toContainText('PHN-1 unit 2; YOG-1 unit 1 before');
  await expect(needed.getByRole('button', { name: 'Add' })).toBeFocused();
  // One for "Complete Order" refused for want of identifiers (opening the box), one for the read refused.
  await expect.poll(() => beeps(page)).toBe(2);
});

test('part of an order dispatched elsewhere while its details are open is said, and its quantity goes down to what remains', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel(`Dispatch quantity for ${PLAIN_SKU}`);
  await expect(quantity).toHaveValue('2');
  await tabTo(page, quantity);
  // Another process on the bench file dispatches 1 of SO-2's 2 units.
  const lineId = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).lines[0]!.lineId;
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId, quantity: 1 }] });
  await expect(page.getByRole('status').filter({ hasText: 'dispatched elsewhere' })).toHaveText(
    '1 unit of order SO-2 was dispatched elsewhere while it was open here; the quantities to dispatch now go up to what remains.',
  );
  await expect(quantity).toHaveValue('1');
  await expect(quantity).toBeFocused();
  // Enter completes the order with what remains, not a refusal of the 2 shown before.
  await page.keyboard.press('Enter');
  await expect(page.getByText('1 unit dispatched. The order is complete.')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Dispatch quantity for' })).toHaveCount(0);
  await expect.poll(() => bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).status).toBe('dispatched');
  await expect.poll(() => bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches.map((d) => d.lines[0]!.quantity)).toEqual([1, 1]);
});

test('an order dispatched elsewhere while its details are open keeps the focus on the page\'s order and says so', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const complete = page.getByRole('button', { name: 'Complete Order' });
  await tabTo(page, complete);
  // Another process on the bench file dispatches SO-2.
  const lineId = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).lines[0]!.lineId;
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId, quantity: 2 }] });
  await expect(complete).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Order SO-2 was dispatched elsewhere' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
});
