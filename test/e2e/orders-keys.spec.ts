/**
 * The order list by keyboard at a busy bench: where the focus is when the packer comes back from an
 * order opened from its row, and the list's own keys.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import type { BenchFixture } from './fixtures.js';
import { csvRows, orderId, orderRow, PLAIN_SKU, seedBulkOrders, seedOrders, tabTo } from './orders-helpers.js';

/** 1,000 orders; the packer goes to the end of the list by keys and opens BULK-00993, three rows up, by Enter. */
async function openBulk993FromItsRow(page: Page): Promise<void> {
  await expect(page.getByText('1,000 orders awaiting dispatch', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(orderRow(page, 'BULK-00993')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order BULK-00993' })).toBeFocused();
}

test('back from an order opened from its row (Enter), the focus is on that row again, far down a long list', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 995);
  await bench.open(page);
  await openBulk993FromItsRow(page);

  await page.getByRole('button', { name: 'Back to orders' }).first().focus();
  await page.keyboard.press('Enter');
  // Back where the packer left: the row opened has the focus, and the next key goes on from it.
  await expect(orderRow(page, 'BULK-00993')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'BULK-00994')).toBeFocused();
});

/** The whole order dispatched through the real core, as another bench dispatching it does. */
function dispatchWholeOrder(bench: BenchFixture, orderNumber: string): void {
  const id = orderId(bench, orderNumber);
  const lines = bench.handlers.getOrder({ orderId: id }).lines.map((l) => ({ lineId: l.lineId, quantity: l.ordered }));
  expect(bench.handlers.completeOrder({ orderId: id, lines }).status).toBe('dispatched');
}

/** New orders through the real core's CSV import, as an order intake brings them. */
function seedMoreOrders(bench: BenchFixture, orderNumbers: string[]): void {
  const rows = [['order_number', 'customer', 'sku', 'quantity'], ...orderNumbers.map((n) => [n, 'Late Customer', PLAIN_SKU, 1])];
  bench.handlers.importCsv({ files: [{ name: 'late.csv', content: csvRows(rows) }] });
}

// The list is in order of arrival (the core orders it by id): orders added meanwhile come below, and
// what moves an order's row is orders above it leaving the list, dispatched at another bench. Back
// within minutes the list's pages are still in memory; after a longer stay they are read anew.
for (const stay of [{ name: 'back at once', minutes: 0 }, { name: 'back after six minutes on the order', minutes: 6 }]) {
  test(`back from an order opened from its row, the focus is on that same order though orders above it left the list meanwhile (${stay.name})`, async ({ page, bench }) => {
    seedOrders(bench);
    seedBulkOrders(bench, 995);
    await page.clock.install();
    await bench.open(page);
    await openBulk993FromItsRow(page);

    // While the packer is on the order, another bench dispatches three orders listed above it, and an
    // order intake adds two (they come below it).
    for (const number of ['SO-2', 'BULK-00001', 'BULK-00002']) dispatchWholeOrder(bench, number);
    seedMoreOrders(bench, ['LATE-1', 'LATE-2']);
    await expect(page.getByText(/999 orders awaiting dispatch$/)).toBeVisible();
    if (stay.minutes) await page.clock.fastForward(`${String(stay.minutes).padStart(2, '0')}:00`);

    await page.getByRole('button', { name: 'Back to orders' }).first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('999 orders awaiting dispatch', { exact: true })).toBeVisible();
    // The same order has the focus, three rows up, not the one now where it was (BULK-00996).
    await expect(orderRow(page, 'BULK-00993')).toBeFocused();
    await expect(orderRow(page, 'BULK-00993')).toBeInViewport();
    await page.keyboard.press('ArrowDown');
    await expect(orderRow(page, 'BULK-00994')).toBeFocused();
  });
}

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
