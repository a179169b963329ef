/**
 * The order list's selection against a search that is still being read: a bulk action acts on what
 * the packer sees, or says why it waits.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { allocationDialog, beeps, countBeeps, hardwareScan, lineIds, orderId, PLAIN_SKU, seedBulkOrders, seedOrders, SINGLE_SKU } from './orders-helpers.js';

/** Holds back the bench's answers to which orders a search matches (as on a busy bench) until `release()`. */
async function holdIdsOfSearch(page: Page, search: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/listAwaitingOrderIds', async (route) => {
    if (route.request().postData()?.includes(search)) await released;
    await route.continue();
  });
  return release;
}

/** With the one selected order hidden by the search, "Dispatch Identifiers" by keys asks about it first. */
async function expectHiddenOrderQuestion(page: Page): Promise<void> {
  await expect(page.locator('.selection-count')).toHaveText('1 order selected, not shown by this search');
  await page.getByRole('button', { name: 'Actions' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog', { name: 'Dispatch Identifiers for 1 order, 1 not shown by this search?' })).toBeVisible();
}

test('"Dispatch Identifiers" chosen before a new search\'s selected orders are read refuses in words, then asks about the hidden ones', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  // The new search's matching ids are held back, as on a busy bench, until released.
  const release = await holdIdsOfSearch(page, 'Grace');
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();

  const actions = page.getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Dispatch Identifiers' })).toHaveText(
    '"Dispatch Identifiers" waits for the list: it is still reading which selected orders the search "Grace" shows. Choose it again in a moment.',
  );
  await expect(allocationDialog(page)).toBeHidden();
  await expect.poll(() => beeps(page)).toBe(1);

  release();
  await expectHiddenOrderQuestion(page);
});

test('a scan while the hidden-orders question is open is refused in words and beeped, not taken as "Continue"; a person\'s Enter answers', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await expectHiddenOrderQuestion(page);

  const question = page.getByRole('alertdialog', { name: 'Dispatch Identifiers for 1 order, 1 not shown by this search?' });
  await hardwareScan(page, 'SO-2');
  await expect(question.getByRole('alert')).toHaveText('⚠ The scan "SO-2" is not an answer: choose Continue, Show them or Cancel, then scan again.');
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(question).toBeVisible();
  await expect(allocationDialog(page)).toBeHidden();

  await page.keyboard.press('Enter');
  await expect(allocationDialog(page)).toBeVisible();
});

test('a bulk action after the search\'s selected orders could not be read says so (not "waits" for ever), and reads them again', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  // The first read of the search's ids is refused (a busy database); later ones are answered.
  let refused = 0;
  await page.route('**/api/listAwaitingOrderIds', async (route) => {
    if (route.request().postData()?.includes('Grace') && refused === 0) {
      refused++;
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'The bench database is busy', issues: [] } }) });
      return;
    }
    await route.continue();
  });
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await expect.poll(() => refused).toBe(1);

  const actions = page.getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'Dispatch Identifiers' });
  await expect(alert).toContainText('could not be read (The bench database is busy)');
  await expect(alert).not.toContainText('waits for the list');
  await expect.poll(() => beeps(page)).toBe(1);

  // Read again meanwhile: chosen again, it asks about the hidden order.
  await expectHiddenOrderQuestion(page);
});

test('with 50,000 orders and one selected, an order dispatched elsewhere re-reads only what the selection needs, and the selection stands', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 49_995);
  await bench.open(page);
  await expect(page.getByText('50,000 orders awaiting dispatch', { exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
  await expect(page.getByRole('checkbox', { name: 'Select all 50,000 matching orders' })).toHaveJSProperty('indeterminate', true);

  const bodies: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/listAwaitingOrderIds')) void response.body().then((b) => bodies.push(b.length));
  });
  // Another bench dispatches SO-3 (it arrives by the change stream, as a sync pull's write does).
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }).status).toBe('dispatched');
  await expect(page.getByText('49,999 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect.poll(() => bodies.length).toBeGreaterThan(0);
  // A few ids, not every awaiting order's (about 300 kB at 50,000).
  expect(Math.max(...bodies)).toBeLessThan(1_000);
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
  await expect(page.getByRole('checkbox', { name: 'Select all 49,999 matching orders' })).toHaveJSProperty('indeterminate', true);
});

test('"Dispatch Identifiers" with nothing selected refuses in words with a beep, and the focus goes back to "Actions"', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const actions = page.getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'No orders selected' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await page.keyboard.press('Enter');
  await expect(actions).toBeFocused();
  await expect(allocationDialog(page)).toBeHidden();
});

test('a scan into "Search orders" after typed text opens the scanned order, not the typed text with the scan appended', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  const search = page.getByLabel('Search orders');
  await search.fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  // The caret is after "Grace" (the packer clicked into the box): the scanner types after it.
  await hardwareScan(page, 'SO-4', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-4' })).toBeFocused();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(search).toHaveValue('SO-4');
});

test('an order opened by its number in "Search orders" is selected, as one scanned with no box focused is: Actions covers both', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  const search = page.getByLabel('Search orders');
  await search.focus();
  await hardwareScan(page, 'SO-4', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-4' })).toBeFocused();
  // The next one scanned from the order page, with no box focused.
  await page.getByRole('heading', { name: 'Order SO-4' }).evaluate((heading) => (heading as HTMLElement).blur());
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await search.fill('');
  await expect(page.locator('.selection-count')).toHaveText('2 orders selected');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-4', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-2', exact: true })).toBeChecked();
});

test('Shift+click on an order\'s box selects every order from the last one ticked to it', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-2', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Select order SO-4', exact: true }).click({ modifiers: ['Shift'] });
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected');
  for (const number of ['SO-2', 'SO-3', 'SO-4']) await expect(page.getByRole('checkbox', { name: `Select order ${number}`, exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-1', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-5', exact: true })).not.toBeChecked();
});

test('"Select all" ticked just before the search changes takes none of the old search\'s orders, and says so with a beep', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  // The ids select-all asks for are held back, as on a busy bench, while the packer searches on.
  const release = await holdIdsOfSearch(page, 'Grace');
  await bench.open(page);
  const search = page.getByLabel('Search orders');
  await search.fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all 2 matching orders' }).click();
  await search.fill('Alan');
  await expect(page.getByText('2 orders awaiting dispatch matching "Alan"', { exact: true })).toBeVisible();

  release();
  await expect(page.getByRole('alert').filter({ hasText: 'Select all' })).toHaveText(
    '"Select all" was for the search "Grace", and the list now shows "Alan": nothing was selected. Tick it again to select the orders shown.',
  );
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.locator('.selection-count')).toHaveText('0 orders selected');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-4', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select all 2 matching orders' })).not.toBeChecked();
});

test('the words that a bulk action waits for the list go once the list has read the search\'s orders', async ({ page, bench }) => {
  seedOrders(bench);
  const release = await holdIdsOfSearch(page, 'Grace');
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  const actions = page.getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const waits = page.getByRole('alert').filter({ hasText: 'waits for the list' });
  await expect(waits).toBeVisible();

  release();
  await expect(page.locator('.selection-count')).toHaveText('1 order selected, not shown by this search');
  await expect(waits).toBeHidden();
});

test('an order ticked while "Select all" reads its ids stays selected when the ids arrive', async ({ page, bench }) => {
  seedOrders(bench);
  // Select-all's ids are read at once but their answer is held, as on a busy bench, until released:
  // an order that arrives meanwhile is not among them.
  let holding = false;
  let held = 0;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/listAwaitingOrderIds', async (route) => {
    if (!holding) return route.continue();
    const response = await route.fetch();
    held++;
    await released;
    await route.fulfill({ response });
  });
  await bench.open(page);
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  holding = true;
  await page.getByRole('checkbox', { name: 'Select all 2 matching orders' }).click();
  await expect.poll(() => held).toBe(1);

  // A new order for Grace arrives (an import) and the packer ticks it while the ids are on their way.
  bench.handlers.importCsv({ files: [{ name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-6,Grace Hopper,${PLAIN_SKU},1\n` }] });
  const so6 = page.getByRole('checkbox', { name: 'Select order SO-6', exact: true });
  await so6.check();
  await expect(page.locator('.selection-count')).toHaveText('Selecting…'); // the ids are still on their way

  release();
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected');
  for (const number of ['SO-2', 'SO-3', 'SO-6']) await expect(page.getByRole('checkbox', { name: `Select order ${number}`, exact: true })).toBeChecked();
});

test('"Select all" whose orders could not be read says why with a beep, and selects nothing', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await page.route('**/api/listAwaitingOrderIds', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'The bench database is busy', issues: [] } }) }),
  );
  await bench.open(page);
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all 2 matching orders' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'busy' })).toHaveText('The bench database is busy');
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByRole('checkbox', { name: 'Select all 2 matching orders' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^Select order / })).toHaveCount(2);
  for (const box of await page.getByRole('checkbox', { name: /^Select order / }).all()) await expect(box).not.toBeChecked();
});

test('"Select all" names one matching order as one: "Select all 1 matching order"', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByRole('checkbox', { name: 'Select all 5 matching orders' })).toBeVisible();
  await page.getByLabel('Search orders').fill('Ada');
  await expect(page.getByRole('checkbox', { name: 'Select all 1 matching order', exact: true })).toBeVisible();
  await expect(page.locator('label.select-all')).toHaveText('Select all 1 matching order');
});

test('Shift+End and Shift+Home by keys select every order to the end and back, also the pages not read yet', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 300);
  await bench.open(page);
  await expect(page.getByText('305 orders awaiting dispatch', { exact: true })).toBeVisible();
  const first = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: 'Select order BULK-00001', exact: true }) });
  await first.focus();
  // From BULK-00001 (the sixth order) to the last: 300 orders, the rows of pages never scrolled to too.
  await page.keyboard.press('Shift+End');
  await expect(page.locator('.selection-count')).toHaveText('300 orders selected');
  await expect(page.getByRole('row', { selected: true }).filter({ hasText: 'BULK-00300' })).toBeVisible();
  // And back from the last to the first: every order.
  await page.keyboard.press('Shift+Home');
  await expect(page.locator('.selection-count')).toHaveText('305 orders selected');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-1', exact: true })).toBeChecked();
});

test('"Select all" focused when every order of the search is dispatched elsewhere hands the focus to "Search orders", not the page', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  const selectAll = page.getByRole('checkbox', { name: 'Select all 2 matching orders' });
  await selectAll.focus();
  await expect(selectAll).toBeFocused();

  // Both of Grace's orders are dispatched at another bench: the list is empty and "Select all" is disabled.
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId: lineIds(bench, 'SO-2')[PLAIN_SKU]!, quantity: 2 }] }).status).toBe('dispatched');
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }).status).toBe('dispatched');
  await expect(page.getByText('No awaiting orders match "Grace".', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select all 0 matching orders' })).toBeDisabled();
  await expect(page.getByLabel('Search orders')).toBeFocused();
});
