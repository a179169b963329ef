/**
 * A barcode scanned while the focus is in a "Dispatch now" quantity box: the box keeps the number
 * typed before it, the scan's Enter is not "Complete Order", and the scan is refused in words naming
 * what was scanned and where (shown, beeped, announced). Digits typed by hand, and Enter, work as ever.
 */
import { expect, scan, test } from './fixtures.js';
import { PLAIN_SKU, beeps, countBeeps, orderId, orderRow, seedOrders } from './orders-helpers.js';

test('a scan into a dispatch quantity box is refused, the typed number stays, and nothing is dispatched; Enter by hand then completes', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel(`Dispatch quantity for ${PLAIN_SKU}`);
  await quantity.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1', { delay: 150 });
  await page.waitForTimeout(600);
  await scan(page, 'SN-CCC', { delay: 5 });
  const alert = page.getByRole('alert').filter({ hasText: 'Scanned "SN-CCC" into the dispatch quantity for CBL-1: a quantity is typed, not scanned; the box keeps 1.' });
  await expect(alert).toBeVisible();
  await expect(quantity).toHaveValue('1');
  await expect(quantity).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);
  await page.waitForTimeout(300);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches).toEqual([]);
  await expect(page.getByText('is not a number')).toHaveCount(0);
  // By hand: another digit and Enter complete the order.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Order SO-2 dispatched' })).toContainText('2 units dispatched. The order is complete.');
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches).toHaveLength(1);
});

test('a scan into a dispatch quantity box leaves "Dispatch identifiers needed" showing', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText('PHN-1 units 1, 2');
  const quantity = page.getByLabel(`Dispatch quantity for ${PLAIN_SKU}`);
  await quantity.focus();
  await page.waitForTimeout(600);
  await scan(page, 'SN-CCC', { delay: 5 });
  await expect(page.getByRole('alert').filter({ hasText: 'Scanned "SN-CCC" into the dispatch quantity for CBL-1' })).toBeVisible();
  await expect(quantity).toHaveValue('1');
  await expect(needed).toContainText('PHN-1 units 1, 2');
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).dispatches).toEqual([]);
});
