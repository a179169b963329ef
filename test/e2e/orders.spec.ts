/**
 * The order dispatch list as a packer uses it: what each order needs, search, selection (rows and
 * select-all of every match), the "Actions" menu by keyboard, paging of a long list, and scans
 * of order numbers made outside any box.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './fixtures.js';
import {
  allocationDialog,
  beeps,
  countBeeps,
  dispatchSerialOfSo3,
  focusNothing,
  hardwareScan,
  lineIds,
  MULTI_SKU,
  orderId,
  orderRow,
  PLAIN_SKU,
  seedBulkOrders,
  SINGLE_SKU,
  seedOrders,
  tabTo,
  YOGHURT_DATES,
} from './orders-helpers.js';

test('the list shows what each awaiting order still needs, and search narrows it', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-1')).toContainText('Ada Lovelace');
  await expect(orderRow(page, 'SO-1')).toContainText('3 of 3 units need identifiers');
  await expect(orderRow(page, 'SO-2')).toContainText('No identifiers needed');
  await expect(orderRow(page, 'SO-5')).toContainText('1 of 1 unit needs identifiers');
  await expect(orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' })).toBeVisible();
  await screenshot(page, testInfo, 'order-list');
  await expectAccessible(page);

  const search = page.getByLabel('Search orders');
  await search.fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select order / })).toHaveCount(2);
  await expect(orderRow(page, 'SO-2')).toBeVisible();
  await expect(orderRow(page, 'SO-3')).toBeVisible();

  await search.fill('YOG-1');
  await expect(page.getByText('2 orders awaiting dispatch matching "YOG-1"', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-1')).toBeVisible();
  await expect(orderRow(page, 'SO-4')).toBeVisible();

  await search.fill('nobody');
  await expect(page.getByText('No awaiting orders match "nobody".')).toBeVisible();
  await search.fill('');
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
});

test('rows are selected and "Actions" → "Dispatch Identifiers" opens the dialog, by keyboard', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();

  const actions = page.getByRole('button', { name: 'Actions' });
  // With nothing selected the packer is told to select first.
  await tabTo(page, actions);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Dispatch Identifiers' })).toBeFocused();
  await page.keyboard.press('Enter');
  const noneSelected = page.getByRole('dialog', { name: 'No orders selected' });
  await expect(noneSelected).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(noneSelected).toBeHidden();

  // The order list is one tab stop; arrows move between rows and Space selects the focused one.
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-3')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('2 orders selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-2', exact: true })).not.toBeChecked();

  await tabTo(page, actions, { backwards: true });
  await expect(actions).toHaveAttribute('aria-haspopup', 'menu');
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(actions).toHaveAttribute('aria-expanded', 'true');
  const item = menu.getByRole('group', { name: 'Shipping' }).getByRole('menuitem', { name: 'Dispatch Identifiers' });
  await expect(item).toBeFocused();
  await screenshot(page, testInfo, 'actions-menu');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(actions).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const dialog = allocationDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Order SO-1/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Order SO-3/ })).toBeVisible();
  await expect(dialog.getByRole('combobox')).toHaveCount(4); // SO-1: 2 phones + 1 yoghurt; SO-3: 1 phone
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('select-all takes every order matching the search, not only the rows on screen', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 1500);
  await bench.open(page);
  await expect(page.getByText('1,505 orders awaiting dispatch', { exact: true })).toBeVisible();

  await page.getByLabel('Search orders').fill('BULK-01');
  await expect(page.getByText('501 orders awaiting dispatch matching "BULK-01"', { exact: true })).toBeVisible();
  const selectAll = page.getByRole('checkbox', { name: 'Select all 501 matching orders' });
  // By keys: Space ticks it, and the focus stays on it while the ids are read (Space again unticks).
  await selectAll.focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('501 orders selected')).toBeVisible();
  await expect(selectAll).toBeFocused();
  // At a person's pace: keys closer together than the scanner's gap are read as a scan.
  await page.waitForTimeout(300);
  await page.keyboard.press('Space');
  await expect(page.getByText('0 orders selected')).toBeVisible();
  await page.waitForTimeout(300);
  await page.keyboard.press('Space');
  await expect(page.getByText('501 orders selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select order BULK-01000', exact: true })).toBeChecked();

  // Unticking one row leaves select-all part-checked.
  await page.getByRole('checkbox', { name: 'Select order BULK-01000', exact: true }).uncheck();
  await expect(page.getByText('500 orders selected')).toBeVisible();
  expect(await selectAll.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);

  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  const dialog = allocationDialog(page);
  await expect(dialog.getByText('500 orders, 0 identifier boxes. 500 of the orders need no dispatch identifiers')).toBeVisible();
  await expect(dialog.getByText('there is nothing to allocate')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByText('0 orders selected')).toBeVisible();
});

/** Answers to "every awaiting order's id" so far: a selection is followed once the first has come. */
function countIdReads(page: Page): () => number {
  let reads = 0;
  page.on('response', (response) => {
    if (response.url().endsWith('/api/listAwaitingOrderIds')) reads++;
  });
  return () => reads;
}

test('a selected order dispatched at another bench leaves the selection, and the dialog leaves it out', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const idReads = countIdReads(page);
  await page.getByRole('checkbox', { name: 'Select all 5 matching orders' }).check();
  await expect(page.getByText('5 orders selected')).toBeVisible();
  // Select-all's read, then the list's own (it follows a selection): the tick came before the dispatch.
  await expect.poll(idReads).toBe(2);

  // Another bench dispatches SO-3 (it arrives by the change stream, as a sync pull's write does).
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }).status).toBe('dispatched');

  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  // The count and its announcement say so; every awaiting order is still selected.
  await expect(page.locator('.selection-count')).toHaveText('4 orders selected. 1 selected order was dispatched and left the selection.');
  await expect(page.getByRole('checkbox', { name: 'Select all 4 matching orders' })).toBeChecked();

  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  const dialog = allocationDialog(page);
  await expect(dialog.getByText(/^4 orders, \d+ identifier boxes\./)).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /^Order SO-3/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The next change of selection says only the count again.
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).uncheck();
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected');
});

test('a selected order dispatched elsewhere while another order is open has left the selection on the way back', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  const idReads = countIdReads(page);
  await page.getByRole('checkbox', { name: 'Select order SO-3', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Select order SO-4', exact: true }).check();
  await expect(page.getByText('2 orders selected')).toBeVisible();
  await expect.poll(idReads).toBe(1);
  await page.getByRole('button', { name: 'Details / Ready for order SO-1' }).click();
  await expect(page.getByRole('button', { name: 'Back to orders' })).toBeVisible();

  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }).status).toBe('dispatched');

  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.locator('.selection-count')).toHaveText('1 order selected. 1 selected order was dispatched and left the selection.');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-4', exact: true })).toBeChecked();
});

test('a long list is virtualised and fetches pages as the packer scrolls', async ({ page, bench }) => {
  seedBulkOrders(bench, 0);
  seedOrders(bench);
  seedBulkOrders(bench, 3000);
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/listAwaitingOrders')) calls.push(r.postData() ?? '');
  });
  await bench.open(page);
  await expect(page.getByText('3,005 orders awaiting dispatch', { exact: true })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Orders awaiting dispatch' });
  const rows = grid.getByRole('row');
  expect(await rows.count()).toBeLessThan(60);
  await expect(grid).toHaveAttribute('aria-rowcount', '3005');
  expect(calls.length).toBe(1);

  await page.locator('.order-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByRole('checkbox', { name: 'Select order BULK-03000', exact: true })).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);
  // Only the pages scrolled to were asked for (100 orders a page).
  expect(calls.length).toBeLessThanOrEqual(3);
  expect(calls.every((body) => JSON.parse(body).limit === 100)).toBe(true);
});

test('a scanned order number outside any box opens that order; typing slowly does not', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();

  // A person typing at ~120 ms a key is not a scanner: nothing opens.
  await focusNothing(page);
  await page.keyboard.type('SO-3', { delay: 120 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeHidden();
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();

  // With focus on SO-1's "Details / Ready", a scan's Enter must not press that button.
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).focus();
  await hardwareScan(page, 'SO-3', { gapMs: 5 });
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Order SO-1' })).toBeHidden();
  await screenshot(page, testInfo, 'scanned-order');

  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-3', exact: true })).toBeChecked();

  // Tab as terminator, from another screen.
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  await focusNothing(page);
  await hardwareScan(page, 'SO-5', { gapMs: 3, terminator: 'Tab' });
  await expect(page.getByRole('heading', { name: 'Order SO-5' })).toBeVisible();

  // An unknown value is refused in words and with a beep.
  await focusNothing(page);
  await hardwareScan(page, 'NOPE-123', { gapMs: 8 });
  await expect(page.getByRole('alert').filter({ hasText: 'Scanned "NOPE-123": no order or identifier has that value.' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByRole('heading', { name: 'Order SO-5' })).toBeVisible();
});

test('scanning order numbers dozens of times in a row opens each one, never a wrong one', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const numbers = ['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5'];
  // 72 scans: each of the nine gaps with each terminator twice over, each number more than a dozen times.
  for (let i = 0; i < 72; i++) {
    const number = numbers[i % numbers.length]!;
    await focusNothing(page);
    await hardwareScan(page, number, { gapMs: 2 + (i % 9), terminator: i % 4 === 3 ? 'Tab' : 'Enter' });
    await expect(page.getByRole('heading', { name: `Order ${number}`, exact: true })).toBeVisible();
  }
});

test('after an order opened by a scan into "Search orders" is dispatched, the next scan there opens the next order', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByLabel('Search orders');
  await search.focus();
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await page.getByRole('dialog', { name: 'Order SO-2 dispatched' }).getByRole('button', { name: 'OK' }).click();

  // Back on the list the search box has focus: the next scan there replaces the last number.
  await expect(search).toBeFocused();
  await hardwareScan(page, 'SO-4', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-4' })).toBeFocused();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('SO-4');
  await hardwareScan(page, 'SO-5', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-5' })).toBeFocused();
});

test('Enter in "Search orders" opens the one order whose number matches ignoring case; numbers differing only in case open none, said aloud', async ({ page, bench }) => {
  seedOrders(bench);
  // Order numbers compare exactly in the store, so "WEB-7" and "web-7" can both exist.
  bench.handlers.importCsv({
    files: [{ name: 'web.csv', content: 'order_number,customer,sku,quantity\nWEB-7,Edsger Dijkstra,CBL-1,1\nweb-7,Barbara Liskov,CBL-1,1\n' }],
  });
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('7 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByLabel('Search orders');

  // The search lists SO-1 for "so-1"; Enter opens it.
  await search.fill('so-1');
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order SO-1' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to orders' }).click();

  // An exact match comes first, even when another number differs from it only in case.
  await search.fill('web-7');
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: 'Order web-7' })).toBeVisible();
  await expect(page.getByText('Barbara Liskov')).toBeVisible();
  await page.getByRole('button', { name: 'Back to orders' }).click();

  // No exact match and two ignoring case: neither opens, and the packer is told why.
  await search.fill('Web-7');
  await search.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '"Web-7" matches 2 order numbers that differ only in case (WEB-7, web-7): type the number exactly to open one.' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByText('2 orders awaiting dispatch matching "Web-7"', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Order [^ ]+-\d+$/ })).toHaveCount(0);
  await expect(search).toBeFocused();
});

test('a scanner ending in Tab opens the order it scans into "Search orders"; a person pressing Tab there only moves on', async ({ page, bench }) => {
  seedOrders(bench);
  const settings = await bench.service.api.getSettings({});
  if (!settings.ok) throw new Error(settings.error.message);
  const { stationName, hubUrl, scanner, labelPrinter } = settings.value;
  expect(await bench.service.api.saveSettings({ stationName, hubUrl, token: { action: 'keep' }, scanner: { ...scanner, terminator: 'Tab' }, labelPrinter })).toMatchObject({ ok: true });
  // The scanner's Tab is known once the settings are read: a scan before that ends with the default Enter.
  const settingsRead = page.waitForResponse('**/api/getSettings');
  await bench.open(page);
  await settingsRead;
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByLabel('Search orders');

  await search.focus();
  await hardwareScan(page, 'SO-3', { gapMs: 4, terminator: 'Tab' });
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeFocused();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(search).toBeFocused();

  // Typed at a person's pace, Tab is Tab (WAI-ARIA): the list filters, focus moves on, nothing opens.
  await page.keyboard.type('SO-4', { delay: 120 });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Actions' })).toBeFocused();
  await expect(page.getByText('1 order awaiting dispatch matching "SO-4"', { exact: true })).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByRole('heading', { name: /^Order SO-\d+$/ })).toHaveCount(0);
});

test('with 50,000 orders, End and Home move the focus to the last and first order and keep it there for the next keys', async ({ page, bench }) => {
  seedOrders(bench);
  seedBulkOrders(bench, 49_995);
  await bench.open(page);
  await expect(page.getByText('50,000 orders awaiting dispatch', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-1'));
  const started = Date.now();
  await page.keyboard.press('End');
  await expect(orderRow(page, 'BULK-49995')).toBeFocused();
  expect(Date.now() - started).toBeLessThan(3000);
  // The page with the last order was read after the key: the focus stayed on the list all the same.
  await page.keyboard.press('ArrowUp');
  await expect(orderRow(page, 'BULK-49994')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('1 order selected')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(orderRow(page, 'SO-1')).toBeFocused();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.order-grid [role="row"]:focus')).toHaveCount(1);
});

test('the focused order keeps the focus when an order above it is dispatched elsewhere; a dispatched focused order hands it to the next', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-1'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-4')).toBeFocused();

  // SO-2 (above it) is dispatched at another bench: SO-4 moves up a row and keeps the focus and the tab stop.
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId: lineIds(bench, 'SO-2')['CBL-1']!, quantity: 2 }] }).status).toBe('dispatched');
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-4')).toBeFocused();
  await expect(orderRow(page, 'SO-4')).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-5')).toBeFocused();

  // The focused order itself is dispatched elsewhere: the focus goes to the order now in its place, not to the page.
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-5'), lines: [{ lineId: so5[SINGLE_SKU]!, quantity: 1 }, { lineId: so5['CBL-1']!, quantity: 1 }] }).status).toBe('dispatched');
  await expect(page.getByText('3 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-4')).toBeFocused();
});

test('the focused order, last of a search, dispatched elsewhere hands the focus to "Search orders", not the page', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-2'));
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-3')).toBeFocused();

  // SO-2 goes: the search shows exactly one order, the focused one.
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId: lineIds(bench, 'SO-2')[PLAIN_SKU]!, quantity: 2 }] }).status).toBe('dispatched');
  await expect(page.getByText('1 order awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-3')).toBeFocused();

  // That one order goes too: the list is empty and the focus is on the search box.
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }).status).toBe('dispatched');
  await expect(page.getByText('No awaiting orders match "Grace".', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Search orders')).toBeFocused();
});

test('the last order listed, focused and dispatched elsewhere, hands the focus to "Search orders", not the page', async ({ page, bench }) => {
  seedOrders(bench);
  // Every order but SO-5 is dispatched before the list opens.
  const so1 = lineIds(bench, 'SO-1');
  const so3 = lineIds(bench, 'SO-3');
  const so4 = lineIds(bench, 'SO-4');
  bench.handlers.saveAllocations({
    allocations: [
      { lineId: so1[SINGLE_SKU]!, unit: 1, value: 'SN-AAA' },
      { lineId: so1[SINGLE_SKU]!, unit: 2, value: 'SN-aaa' },
      { lineId: so1[MULTI_SKU]!, unit: 1, value: YOGHURT_DATES[0]! },
      { lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' },
      ...[1, 2, 3].map((unit) => ({ lineId: so4[MULTI_SKU]!, unit, value: YOGHURT_DATES[1]! })),
    ],
  });
  const dispatched = [
    bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-1'), lines: [{ lineId: so1[SINGLE_SKU]!, quantity: 2 }, { lineId: so1[MULTI_SKU]!, quantity: 1 }, { lineId: so1[PLAIN_SKU]!, quantity: 1 }] }),
    bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId: lineIds(bench, 'SO-2')[PLAIN_SKU]!, quantity: 2 }] }),
    bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }),
    bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-4'), lines: [{ lineId: so4[MULTI_SKU]!, quantity: 3 }] }),
  ];
  expect(dispatched.map((d) => d.status)).toEqual(['dispatched', 'dispatched', 'dispatched', 'dispatched']);
  await bench.open(page);
  await expect(page.getByText('1 order awaiting dispatch', { exact: true })).toBeVisible();
  await tabTo(page, orderRow(page, 'SO-5'));
  await expect(orderRow(page, 'SO-5')).toBeFocused();

  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-CCC' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-5'), lines: [{ lineId: so5[SINGLE_SKU]!, quantity: 1 }, { lineId: so5[PLAIN_SKU]!, quantity: 1 }] }).status).toBe('dispatched');
  await expect(page.getByText('No orders awaiting dispatch.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Search orders')).toBeFocused();
});

test('selected orders the search hides are counted apart: the count says how many of them it does not show', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await page.getByLabel('Search orders').fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all 2 matching orders' }).check();
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected, 1 of them not shown by this search');
  await page.getByLabel('Search orders').fill('');
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected');
});

test('select-all shows the current search\'s orders: checked when all are selected, mixed when some, and toggles only them', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select all 5 matching orders' }).check();
  await expect(page.locator('.selection-count')).toHaveText('5 orders selected');

  const search = page.getByLabel('Search orders');
  await search.fill('Grace');
  const grace = page.getByRole('checkbox', { name: 'Select all 2 matching orders' });
  await expect(grace).toBeChecked();
  // Unticking it deselects this search's orders only.
  await grace.uncheck();
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected, 3 of them not shown by this search');
  await expect(grace).not.toBeChecked();
  expect(await grace.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(false);
  await expect(page.getByRole('checkbox', { name: 'Select order SO-2', exact: true })).not.toBeChecked();

  await page.getByRole('checkbox', { name: 'Select order SO-3', exact: true }).check();
  await expect(grace).toBeChecked({ indeterminate: true });
  // Mixed → ticked: the rest of this search's orders join, the others stay.
  await grace.click();
  await expect(grace).toBeChecked();
  await expect(page.locator('.selection-count')).toHaveText('5 orders selected, 3 of them not shown by this search');

  await search.fill('Alan');
  // Grace's search also matched 2 orders: wait for Alan's list, or the next steps act on Grace's box.
  await expect(orderRow(page, 'SO-2')).toBeHidden();
  await expect(orderRow(page, 'SO-4')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select all 2 matching orders' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Select all 2 matching orders' }).uncheck();
  await search.fill('');
  const all = page.getByRole('checkbox', { name: 'Select all 5 matching orders' });
  await expect(all).toBeChecked({ indeterminate: true });
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected');
});

test('a bulk action whose selected orders the search partly hides asks first: Continue, Show them or Cancel', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  const actions = page.getByRole('button', { name: 'Actions' });
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await page.getByLabel('Search orders').fill('Grace');
  await page.getByRole('checkbox', { name: 'Select all 2 matching orders' }).check();
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected, 1 of them not shown by this search');

  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Dispatch Identifiers for 3 orders, 1 not shown by this search?' });
  await expect(confirm).toBeVisible();
  await expect(allocationDialog(page)).toBeHidden();
  await expect(confirm.getByRole('button', { name: 'Continue' })).toBeFocused();
  await expectAccessible(page);
  // Cancel: nothing opens, the focus is back on "Actions".
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(actions).toBeFocused();

  // Continue: the dialog opens for all three.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const dialog = allocationDialog(page);
  await expect(dialog.getByRole('heading', { name: /Order SO-1/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Order SO-3/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Show them: the search is cleared, nothing opens; then the action asks nothing more.
  await actions.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await confirm.getByRole('button', { name: 'Show them' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByLabel('Search orders')).toHaveValue('');
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.locator('.selection-count')).toHaveText('3 orders selected');
  await expect(actions).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(allocationDialog(page)).toBeVisible();
});

test('the search is read trimmed: the empty-result message echoes it without its spaces, and " Grace " is the same search as "Grace"', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  const search = page.getByLabel('Search orders');
  await search.fill('  zzz ');
  await expect(page.locator('.list-count')).toHaveText('No awaiting orders match "zzz".');

  let pageReads = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/listAwaitingOrders')) pageReads++;
  });
  await search.fill('Grace');
  await expect(page.locator('.list-count')).toHaveText('2 orders awaiting dispatch matching "Grace"');
  const afterGrace = pageReads;
  expect(afterGrace).toBeGreaterThan(0);
  await search.fill(' Grace ');
  await page.waitForTimeout(500);
  await expect(page.locator('.list-count')).toHaveText('2 orders awaiting dispatch matching "Grace"');
  expect(pageReads).toBe(afterGrace);
});

test('an order number scanned into "Search orders" that the bench fails to look up is said and beeped, not dropped', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  // The bench's host drops the look-up's answer on its way to the page (a bench not answering).
  await page.route('**/api/findOrderByNumber', (route) => route.abort());
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByLabel('Search orders');
  await search.focus();
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('alert').filter({ hasText: 'Order SO-3 could not be opened' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(search).toBeFocused();
  // The bench answers again: the next scan opens the order.
  await page.unroute('**/api/findOrderByNumber');
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeFocused();
});

test('a search longer than the bench takes is refused in words by "Search orders", and the list stays as it was', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByLabel('Search orders');
  // A wrong clipboard pasted, or a long label scanned, into the box.
  await search.fill('S'.repeat(201));
  const refusal = page.getByRole('alert').filter({ hasText: 'A search is at most 200 characters; this one has 201' });
  await expect(refusal).toBeVisible();
  await expect(search).toHaveAttribute('aria-invalid', 'true');
  // The list is not searched for it, and never left "Loading orders…" with a message in code words.
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.getByText('Invalid arguments')).toHaveCount(0);
  // Enter refuses it again, heard: not "could not be opened".
  await search.press('Enter');
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(refusal).toBeVisible();
  await expect(page.getByText(/could not be opened/)).toHaveCount(0);
  await expect(page.getByText('Invalid arguments')).toHaveCount(0);
  await expect(search).toBeFocused();
  // Back within the bound, the search runs.
  await search.fill('Grace');
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await expect(refusal).toHaveCount(0);
});

test('a dispatched order opened by a scan is not selected: back on the list, no order nobody ticked "left the selection"', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await bench.open(page);
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  // The scan of an awaiting order selects it, as it opens it.
  await focusNothing(page);
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
  // SO-3 went out yesterday: its scan opens it to read its history, and selects nothing.
  await focusNothing(page);
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeFocused();
  await expect(page.getByText('Dispatched', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  // Long enough for the selection's re-read to have let go of a dispatched order, had it been selected.
  await page.waitForTimeout(1000);
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-2', exact: true })).toBeChecked();
});

/** The keys README's "order list" rows name for the list itself (not the search box's, nor "Select all"'s). */
function readmeOrderListKeys(): string[] {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  return readme
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[1] === 'order list' && !cells[2]!.includes('"'))
    .flatMap((cells) => cells[2]!.split(/[,/]/).map((key) => key.trim()))
    .filter((key) => key !== '');
}

test("the list's screen-reader description names every key README lists for it", async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  const keys = readmeOrderListKeys();
  expect(keys).toEqual(expect.arrayContaining(['Up', 'Page Up', 'Page Down', 'Home', 'End', 'Space', 'Shift+Down', 'Enter', 'Left', 'Right']));
  const grid = page.getByRole('grid', { name: 'Orders awaiting dispatch' });
  await expect(grid).toBeVisible();
  const description = await grid.evaluate((element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  for (const key of keys) expect(description, `the description names ${key}`).toContain(key);
  // And the Keyboard shortcuts dialog lists the same keys (one definition).
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const key of keys) await expect(shortcuts).toContainText(key);
});

test('an order\'s units ("400 of 400 units to dispatch") read on one line at the bench\'s 1366 px', async ({ page, bench }) => {
  seedOrders(bench);
  bench.handlers.importCsv({ files: [{ name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-400,Margaret Hamilton,${PLAIN_SKU},400\n` }] });
  await bench.open(page);
  const units = orderRow(page, 'SO-400').locator('.order-units');
  await expect(units).toHaveText('400 of 400 units to dispatch');
  const { height, lineHeight } = await units.evaluate((cell) => ({ height: cell.getBoundingClientRect().height, lineHeight: Number.parseFloat(getComputedStyle(cell).lineHeight) }));
  expect(height).toBeLessThan(lineHeight * 1.5);
});
