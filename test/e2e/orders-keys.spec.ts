/**
 * The order list by keyboard at a busy bench: where the focus is when the packer comes back from an
 * order opened from its row, and the list's own keys.
 */
import { expect, test } from './fixtures.js';
import { orderRow, seedBulkOrders, seedOrders, tabTo } from './orders-helpers.js';

test('back from an order opened from its row (Enter), the focus is on that row again, far down a long list', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 995);
  await bench.open(page);
  await expect(page.getByText('1,000 orders awaiting dispatch', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(orderRow(page, 'BULK-00993')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order BULK-00993' })).toBeFocused();

  await page.getByRole('button', { name: 'Back to orders' }).first().focus();
  await page.keyboard.press('Enter');
  // Back where the packer left: the row opened has the focus, and the next key goes on from it.
  await expect(orderRow(page, 'BULK-00993')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'BULK-00994')).toBeFocused();
});

test('an order opened from its row and completed hands the focus to the order now in its place', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await page.getByRole('dialog', { name: 'Order SO-2 dispatched' }).getByRole('button', { name: 'OK' }).click();

  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-3')).toBeFocused();
});

test('Ctrl+A on the list selects every order of the search (the pages not read too), not the page\'s text; again, it keeps them', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 995);
  await bench.open(page);
  await expect(page.getByText('1,000 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByLabel('Search orders');
  await search.fill('Customer 1');
  // Customers 1 and 10…19: more orders than a page holds, so some are in pages not read yet.
  const matching = bench.handlers.listAwaitingOrderIds({ query: 'Customer 1' }).ids.length;
  await expect(page.getByText(`${matching.toLocaleString('en-US')} orders awaiting dispatch matching "Customer 1"`, { exact: true })).toBeVisible();
  await tabTo(page, page.getByRole('grid', { name: 'Orders awaiting dispatch' }).getByRole('row').first());
  await page.keyboard.press('Control+a');
  await expect(page.getByText(`${matching.toLocaleString('en-US')} orders selected`, { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select all \d/ })).toBeChecked();
  // The focus stays on the row, and the page's text is not selected.
  await expect(page.getByRole('grid', { name: 'Orders awaiting dispatch' }).getByRole('row').first()).toBeFocused();
  expect(await page.evaluate(() => String(window.getSelection() ?? ''))).toBe('');
  // Pressed again it selects (it is no toggle): nothing is cleared.
  await page.keyboard.press('Control+a');
  await page.waitForTimeout(300);
  await expect(page.getByText(`${matching.toLocaleString('en-US')} orders selected`, { exact: true })).toBeVisible();
});
