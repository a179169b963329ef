/**
 * The single-order flow: "Details / Ready" → quantities → "Complete Order" → "Dispatch identifiers
 * needed" → "Add" → allocation → "Save Changes" → "OK" → "Complete Order" → dispatched, and the same
 * in one step with the dialog's own "Complete Order". Also a partial dispatch, a refused quantity, a
 * restart, and one whole dispatch by keyboard and scanner.
 */
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';
import {
  MULTI_SKU,
  PLAIN_SKU,
  SINGLE_SKU,
  YOGHURT_DATES,
  allocationDialog,
  beeps,
  countBeeps,
  hardwareScan,
  orderId,
  orderRow,
  picker,
  seedOrders,
  tabTo,
} from './orders-helpers.js';

test('single order: identifiers needed → Add → save → Complete Order → gone from the list', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-3').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeVisible();
  const line = page.getByRole('row', { name: /PHN-1/ });
  await expect(line.getByRole('cell')).toHaveText(['PHN-1', /Phone One/, '1', '0', '1', 'None yet', /Dispatch quantity for PHN-1/]);
  await expect(page.getByLabel('Dispatch quantity for PHN-1')).toHaveValue('1');
  await screenshot(page, testInfo, 'order-details');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText('Add identifiers for PHN-1 unit 1 before completing the order.');
  await expect(needed.getByRole('button', { name: 'Add' })).toBeFocused();
  await screenshot(page, testInfo, 'identifiers-needed');
  await expectAccessible(page);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-3') }).status).toBe('awaiting');

  await needed.getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);
  const box = picker(page, 'SO-3', SINGLE_SKU, 1);
  await expect(box).toBeFocused();
  await expect(box).toHaveAccessibleName('SO-3 PHN-1 unit 1, needed now');
  await box.fill('SN-B');
  await page.getByRole('option', { name: 'SN-BBB' }).click();
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved).toContainText('The dispatch identifiers have been saved against order SO-3.');
  await saved.getByRole('button', { name: 'OK' }).click();
  await expect(needed).toBeHidden();
  await expect(line).toContainText('Unit 1: SN-BBB');

  await page.getByRole('button', { name: 'Complete Order' }).click();
  const done = page.getByRole('dialog', { name: 'Order SO-3 dispatched' });
  await expect(done).toContainText('1 unit dispatched. The order is complete.');
  await screenshot(page, testInfo, 'dispatched-message');
  await expectAccessible(page);
  await done.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-3', exact: true })).toHaveCount(0);

  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-3') });
  expect(order.status).toBe('dispatched');
  expect(order.dispatches.map((d) => d.lines.map((l) => [l.sku, l.quantity, l.identifiers]))).toEqual([[[SINGLE_SKU, 1, ['SN-BBB']]]]);
  const lookup = bench.handlers.lookupIdentifier({ value: 'SN-BBB' });
  expect(lookup.matches[0]?.status).toBe('consumed');
});

test('"Complete Order" in the allocation dialog saves the identifiers and dispatches in one step, or neither', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await needed.getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);

  // Only one of the three units needed: nothing is saved, the dialog says what is still missing.
  await picker(page, 'SO-1', SINGLE_SKU, 1).fill('SN-C');
  await page.getByRole('option', { name: 'SN-CCC' }).click();
  await dialog.getByRole('button', { name: 'Complete Order' }).click();
  await expect(dialog.getByRole('alert')).toContainText('2 units still need an identifier before the order can be completed: PHN-1 unit 2; YOG-1 unit 1. Nothing was saved.');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).lines[0]!.allocations).toEqual([]);

  await picker(page, 'SO-1', SINGLE_SKU, 2).fill('SN-D');
  await page.getByRole('option', { name: 'SN-DDD' }).click();
  await picker(page, 'SO-1', MULTI_SKU, 1).fill(YOGHURT_DATES[0]!);
  await page.getByRole('option', { name: YOGHURT_DATES[0]! }).click();
  await dialog.getByRole('button', { name: 'Complete Order' }).click();
  const done = page.getByRole('dialog', { name: 'Order SO-1 dispatched' });
  await expect(done).toContainText('4 units dispatched. The order is complete.');
  await expect(dialog).toBeHidden();
  await done.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();

  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') });
  expect(order.dispatches.map((d) => d.lines.map((l) => [l.sku, l.quantity, l.identifiers]))).toEqual([
    [[SINGLE_SKU, 2, ['SN-CCC', 'SN-DDD']], [MULTI_SKU, 1, [YOGHURT_DATES[0]]], [PLAIN_SKU, 1, []]],
  ]);
});

test('partial dispatch: the order stays in the list with the rest, also after a restart', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-4').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel('Dispatch quantity for YOG-1');
  await expect(quantity).toHaveValue('3');
  await quantity.fill('1');
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText('YOG-1 unit 1 before');
  await needed.getByRole('button', { name: 'Add' }).click();

  // All three remaining units have a box; only unit 1 is needed for this dispatch.
  await expect(allocationDialog(page).getByRole('combobox')).toHaveCount(3);
  const unit1 = picker(page, 'SO-4', MULTI_SKU, 1);
  await expect(unit1).toBeFocused();
  await expect(picker(page, 'SO-4', MULTI_SKU, 2)).not.toHaveAccessibleName(/needed now/);
  await scan(page, YOGHURT_DATES[0]!, { delay: 4 });
  await expect(unit1).toHaveValue(YOGHURT_DATES[0]!);
  await allocationDialog(page).getByRole('button', { name: 'Save Changes' }).click();
  await page.getByRole('dialog', { name: 'Dispatch identifiers saved' }).getByRole('button', { name: 'OK' }).click();

  await expect(page.getByRole('button', { name: 'Complete Order' })).toBeFocused();
  // The quantity entered before is kept.
  await expect(quantity).toHaveValue('1');
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const done = page.getByRole('dialog', { name: 'Order SO-4 partly dispatched' });
  await expect(done).toContainText('1 unit dispatched. 2 units remain awaiting dispatch.');
  await screenshot(page, testInfo, 'partial-dispatch');
  await done.getByRole('button', { name: 'OK' }).click();

  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-4')).toContainText('2 of 3 units to dispatch');
  const line = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-4') }).lines[0]!;
  expect([line.ordered, line.dispatched, line.remaining]).toEqual([3, 1, 2]);

  await bench.restart(page);
  await expect(orderRow(page, 'SO-4')).toContainText('2 of 3 units to dispatch');
  await orderRow(page, 'SO-4').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('row', { name: /YOG-1/ }).getByRole('cell')).toHaveText(['YOG-1', /Yoghurt/, '3', '1', '2', `Unit 1: ${YOGHURT_DATES[0]} (dispatched)`, /Dispatch quantity for YOG-1/]);
  await expect(page.getByLabel('Dispatch quantity for YOG-1')).toHaveValue('2');
  await expect(page.getByRole('region', { name: 'Dispatch history' })).toContainText(`1 × YOG-1 (${YOGHURT_DATES[0]})`);
});

test('partial dispatch: a scan into the unit needed now goes on to the dialog\'s "Complete Order", not to a unit not going out now', async ({ page, bench }) => {
  seedOrders(bench);
  bench.handlers.importCsv({ files: [{ name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-9,Ada Lovelace,${SINGLE_SKU},3\n` }] });
  await bench.open(page);
  await orderRow(page, 'SO-9').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel(`Dispatch quantity for ${SINGLE_SKU}`);
  await expect(quantity).toHaveValue('3');
  await quantity.fill('1');
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText(`${SINGLE_SKU} unit 1 before`);
  await needed.getByRole('button', { name: 'Add' }).click();

  const dialog = allocationDialog(page);
  await expect(dialog.getByRole('combobox')).toHaveCount(3);
  const unit1 = picker(page, 'SO-9', SINGLE_SKU, 1);
  await expect(unit1).toBeFocused();
  await expect(unit1).toHaveAccessibleName(`SO-9 ${SINGLE_SKU} unit 1, needed now`);
  // Before: the scan's advance went on to unit 2, a unit not going out now.
  await hardwareScan(page, 'SN-AAA');
  await expect(unit1).toHaveValue('SN-AAA');
  const complete = dialog.getByRole('button', { name: 'Complete Order' });
  await expect(complete).toBeFocused();
  await expect(picker(page, 'SO-9', SINGLE_SKU, 2)).toHaveValue('');

  // Tab by hand still goes box by box (APG): Shift+Tab back to the last box, Tab on to "Complete Order".
  await page.keyboard.press('Shift+Tab');
  await expect(picker(page, 'SO-9', SINGLE_SKU, 3)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(complete).toBeFocused();
  await page.keyboard.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-9 partly dispatched' });
  await expect(done).toContainText('1 unit dispatched. 2 units remain awaiting dispatch.');
  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-9') });
  expect(order.dispatches.map((d) => d.lines.map((l) => [l.sku, l.quantity, l.identifiers]))).toEqual([[[SINGLE_SKU, 1, ['SN-AAA']]]]);
});

test('a dispatch quantity above what remains is refused at its box; nothing is dispatched', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel('Dispatch quantity for CBL-1');
  await quantity.fill('5');
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Dispatch quantity for CBL-1: Only 2 units remain to dispatch; 5 entered.' })).toBeVisible();
  await expect(quantity).toHaveAccessibleDescription('Only 2 units remain to dispatch; 5 entered.');
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).dispatches).toEqual([]);

  // An order with no tracked lines completes at once, without the identifiers box.
  await quantity.fill('2');
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await expect(page.getByRole('region', { name: 'Dispatch identifiers needed' })).toBeHidden();
  await page.getByRole('dialog', { name: 'Order SO-2 dispatched' }).getByRole('button', { name: 'OK' }).click();
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') }).status).toBe('dispatched');
});

test('a 3-line order dispatched with the keyboard and the scanner alone', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();

  // Scan the order number from the pick list: the order opens.
  await hardwareScan(page, 'SO-1', { gapMs: 4 });
  const heading = page.getByRole('heading', { name: 'Order SO-1' });
  await expect(heading).toBeFocused();
  for (const sku of [SINGLE_SKU, MULTI_SKU, PLAIN_SKU]) await expect(page.getByRole('row', { name: new RegExp(sku) })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  const needed = page.getByRole('region', { name: 'Dispatch identifiers needed' });
  await expect(needed).toContainText('PHN-1 units 1, 2; YOG-1 unit 1');
  await expect(needed.getByRole('button', { name: 'Add' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = allocationDialog(page);
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await scan(page, 'SN-CCC', { delay: 5 });
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  await scan(page, 'SN-DDD', { delay: 8, terminator: 'Tab' });
  await expect(picker(page, 'SO-1', MULTI_SKU, 1)).toBeFocused();
  // The yoghurt's date is chosen from the list by keyboard.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: YOGHURT_DATES[1] })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: YOGHURT_DATES[1] })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toHaveValue('SN-CCC');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toHaveValue('SN-DDD');
  await expect(picker(page, 'SO-1', MULTI_SKU, 1)).toHaveValue(YOGHURT_DATES[1]!);
  // Opened from "Complete Order": after the last box, the dialog's own "Complete Order" saves and
  // dispatches in one step.
  await expect(dialog.getByRole('button', { name: 'Complete Order' })).toBeFocused();
  await screenshot(page, testInfo, 'keyboard-dialog-filled');
  await page.keyboard.press('Enter');

  const done = page.getByRole('dialog', { name: 'Order SO-1 dispatched' });
  await expect(done).toContainText('4 units dispatched. The order is complete.');
  await expect(done.getByRole('button', { name: 'OK' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select order SO-1', exact: true })).toHaveCount(0);

  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') });
  expect(order.status).toBe('dispatched');
  expect(order.dispatches).toHaveLength(1);
  expect(order.dispatches[0]!.lines.map((l) => [l.sku, l.quantity, l.identifiers])).toEqual([
    [SINGLE_SKU, 2, ['SN-CCC', 'SN-DDD']],
    [MULTI_SKU, 1, [YOGHURT_DATES[1]]],
    [PLAIN_SKU, 1, []],
  ]);
  expect(bench.handlers.lookupIdentifier({ value: 'SN-DDD' }).matches[0]?.status).toBe('consumed');
});

test('"Complete Order" in the allocation dialog sends nothing once the order was dispatched elsewhere', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-3').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await page.getByRole('region', { name: 'Dispatch identifiers needed' }).getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);
  const box = picker(page, 'SO-3', SINGLE_SKU, 1);
  await expect(box).toBeFocused();
  await scan(page, 'SN-AAA');
  await expect(box).toHaveValue('SN-AAA');

  // Another process on the bench file dispatches SO-3 with a value of its own.
  const lineId = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-3') }).lines[0]!.lineId;
  bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value: 'SN-BBB' }] });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId, quantity: 1 }] });
  await expect(dialog.getByRole('status')).toContainText('Order SO-3 was dispatched elsewhere');
  await expect(box).not.toBeEditable();

  await dialog.getByRole('button', { name: 'Complete Order' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Order SO-3 was dispatched elsewhere: its boxes take no more identifiers and are not saved. There is nothing to complete.');
  // One for the order page's "Complete Order" refused for want of identifiers, one for this refusal.
  await expect.poll(() => beeps(page)).toBe(2);
  // The box that cannot be saved is no unsaved change: Cancel closes without asking.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-3') });
  expect(order.dispatches.map((d) => d.lines.map((l) => l.identifiers))).toEqual([[['SN-BBB']]]);
});

test('a partly dispatched order stays selected: it still awaits the rest', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Select order SO-2', exact: true }).check();
  await expect(page.locator('.selection-count')).toHaveText('2 orders selected');
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByLabel('Dispatch quantity for CBL-1').fill('1');
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const done = page.getByRole('dialog', { name: 'Order SO-2 partly dispatched' });
  await expect(done).toContainText('1 unit dispatched. 1 unit remains awaiting dispatch.');
  await done.getByRole('button', { name: 'OK' }).click();

  await expect(orderRow(page, 'SO-2')).toContainText('1 of 2 units to dispatch');
  await expect(page.getByRole('checkbox', { name: 'Select order SO-2', exact: true })).toBeChecked();
  await expect(page.locator('.selection-count')).toHaveText('2 orders selected');

  // Dispatching the rest completes it: then it leaves the selection.
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await page.getByRole('dialog', { name: 'Order SO-2 dispatched' }).getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText('4 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
});

test('a refused dispatch quantity takes focus to its box, by keyboard', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  const cable = page.getByLabel('Dispatch quantity for CBL-1');
  await cable.fill('7');
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Dispatch quantity for CBL-1: Only 1 unit remains to dispatch; 7 entered.' })).toBeVisible();
  await expect(cable).toBeFocused();
  await expect(cable).toHaveAccessibleDescription('Only 1 unit remains to dispatch; 7 entered.');

  // Refused by the core (too little stock): focus goes to the box it names.
  const cableId = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).lines.find((l) => l.sku === PLAIN_SKU)!.productId;
  bench.handlers.changeStockLevel({ productId: cableId, newStockLevel: 0, newIdentifiers: [], leavingIdentifiers: [] });
  await page.keyboard.press('Tab');
  await cable.fill('1');
  await page.getByLabel('Dispatch quantity for PHN-1').fill('0');
  await page.getByLabel('Dispatch quantity for YOG-1').fill('0');
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await expect(cable).toHaveAccessibleDescription('Only 0 of CBL-1 in stock; 1 to dispatch.');
  await expect(cable).toBeFocused();
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).dispatches).toEqual([]);
});

test('"Complete Order" in the allocation dialog never says its own order was dispatched elsewhere', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-3').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await page.getByRole('region', { name: 'Dispatch identifiers needed' }).getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);
  await expect(picker(page, 'SO-3', SINGLE_SKU, 1)).toBeFocused();
  await scan(page, 'SN-AAA');
  await expect(picker(page, 'SO-3', SINGLE_SKU, 1)).toHaveValue('SN-AAA');
  // Anything the page ever shows saying "dispatched elsewhere" is noted.
  await page.evaluate(() => {
    const seen = window as unknown as { sawElsewhere: boolean };
    seen.sawElsewhere = false;
    new MutationObserver(() => {
      if (document.body.textContent?.includes('dispatched elsewhere')) seen.sawElsewhere = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // The completion's answer is held back (as on a busy bench) until the change stream has had the
  // dialog's orders read again (what of them is dispatched) and the page has had time to show what it
  // makes of them.
  await page.route('**/api/completeOrder', async (route) => {
    const awaitingReadAgain = page.waitForResponse((r) => r.url().includes('/api/getDispatchedUnits'));
    const response = await route.fetch();
    await awaitingReadAgain;
    await page.waitForTimeout(500);
    await route.fulfill({ response });
  });
  await dialog.getByRole('button', { name: 'Complete Order' }).click();
  await expect(page.getByRole('dialog', { name: 'Order SO-3 dispatched' })).toBeVisible({ timeout: 10_000 });
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { sawElsewhere: boolean }).sawElsewhere)).toBe(false);
  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-3') });
  expect(order.dispatches.map((d) => d.lines.map((l) => l.identifiers))).toEqual([[['SN-AAA']]]);
});
