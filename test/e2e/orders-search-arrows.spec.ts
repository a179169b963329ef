/**
 * Between "Search orders" and the order rows by the arrows, keyboard only, in real Chromium: Down in the
 * search goes to the first order of the search (not Tab through "Actions" and "Select all"), Up on the
 * first order comes back to the search, and the search box's own keys still do what they did.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, type BenchFixture } from './fixtures.js';
import { orderRow, seedOrders, tabTo } from './orders-helpers.js';

/** The list of seeded orders, read, with the focus in "Search orders" by Tab. */
async function searchOfSeededList(page: Page, bench: BenchFixture): Promise<Locator> {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search orders' });
  await tabTo(page, search);
  return search;
}

/** The packer gives up on the search and types another: its orders come, and the focus stays where the typing is. */
async function typeAnotherSearchKeepingTheFocus(page: Page, search: Locator): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await page.waitForTimeout(300);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('Grace');
}

test('Down in "Search orders" focuses the first order of the search; Up on the first order goes back to the search', async ({ page, bench }) => {
  const search = await searchOfSeededList(page, bench);

  await page.keyboard.type('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // the list's own keys from there
  await expect(orderRow(page, 'SO-3')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('Grace'); // the search is kept
  // Down again: the first order again, not the row last focused.
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-2')).toBeFocused();
});

test('Down right after typing in "Search orders" searches what was typed first, then focuses its first order', async ({ page, bench }) => {
  await searchOfSeededList(page, bench);
  // No pause for the list to follow: Down comes before the search would have been made.
  await page.keyboard.type('Alan');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByText('2 orders awaiting dispatch matching "Alan"', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-4')).toBeFocused();
});

test('the search box keeps its other keys: Enter on an order number opens it; Down with no order listed leaves the focus in the box', async ({ page, bench }) => {
  const search = await searchOfSeededList(page, bench);

  await page.keyboard.type('nobody');
  await expect(page.getByText('No awaiting orders match "nobody".', { exact: true })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(search).toBeFocused();

  await page.keyboard.press('Control+A');
  await page.keyboard.type('SO-4');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order SO-4' })).toBeVisible();
});

test('Down on a search whose orders could not be read, then another search typed: its rows do not take the focus from the box', async ({ page, bench }) => {
  // The bench fails to read the orders of "Alan" (every time), and reads any other search.
  await page.route('**/api/listAwaitingOrders', (route) => (route.request().postData()?.includes('Alan') ? route.abort() : route.continue()));
  const search = await searchOfSeededList(page, bench);
  await page.keyboard.type('Alan');
  await page.keyboard.press('ArrowDown');
  await expect(search).toBeFocused();
  await page.waitForTimeout(500);

  await typeAnotherSearchKeepingTheFocus(page, search);
});

test('Down on a search already made whose orders could not be read, then another search typed: its rows do not take the focus from the box', async ({ page, bench }) => {
  // As above, but Down comes after the list has followed the typing (the pause passed): the search is made, its read failed.
  await page.route('**/api/listAwaitingOrders', (route) => (route.request().postData()?.includes('Alan') ? route.abort() : route.continue()));
  const search = await searchOfSeededList(page, bench);
  const failedRead = page.waitForEvent('requestfailed', (request) => request.url().includes('/api/listAwaitingOrders'));
  await page.keyboard.type('Alan');
  await failedRead;
  await page.keyboard.press('ArrowDown');
  await expect(search).toBeFocused();
  await typeAnotherSearchKeepingTheFocus(page, search);
});
