/**
 * The "Allocate Dispatch Identifiers" dialog: pickers per unit, both identifier modes, the
 * single-use warnings and refusals, clearing, orders without tracked lines, scanning into
 * pickers, refusals from the core, and a host restart. Results are checked in the core too.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';
import { MULTI_SKU, PLAIN_SKU, SINGLE_SKU, YOGHURT_DATES, allocatedValues, allocationDialog, beeps, countBeeps, hardwareScan, lineIds, orderId, orderRow, picker, seedOrders, openDispatchIdentifiers } from './orders-helpers.js';

/**
 * Units of an order dispatched from outside the page (another process on the bench file, as sync or
 * the CLI would): its first single-use unit given `value`, then `quantities` (by SKU) dispatched.
 */
function dispatchFromOutside(bench: Parameters<typeof lineIds>[0], orderNumber: string, value: string, quantities: Record<string, number>) {
  const lines = lineIds(bench, orderNumber);
  bench.handlers.saveAllocations({ allocations: [{ lineId: lines[SINGLE_SKU]!, unit: 1, value }] });
  bench.handlers.completeOrder({ orderId: orderId(bench, orderNumber), lines: Object.entries(quantities).map(([sku, quantity]) => ({ lineId: lines[sku]!, quantity })) });
}

async function openDialogFor(page: Page, orderNumbers: string[]): Promise<void> {
  await expect(page.getByText('awaiting dispatch', { exact: false }).first()).toBeVisible();
  await openDispatchIdentifiers(page, ...orderNumbers);
  await expect(allocationDialog(page)).toBeVisible();
  await expect(allocationDialog(page).getByText(/identifier box/)).toBeVisible();
}

/** Opens a picker's list, types to narrow it, and picks the option with exactly `value`. */
async function chooseFromList(page: Page, box: ReturnType<typeof picker>, typed: string, value: string): Promise<void> {
  await box.click();
  await box.fill(typed);
  const listbox = page.getByRole('listbox', { name: `Identifiers for` }).filter({ visible: true });
  // The option may carry a note after the value ("— in use by order …").
  const option = listbox.getByRole('option', { name: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( —|$)`) });
  await expect(option).toBeVisible();
  await option.click();
  await expect(box).toHaveValue(value);
}

async function saveAndConfirm(page: Page, savedText: RegExp | string): Promise<void> {
  await allocationDialog(page).getByRole('button', { name: 'Save Changes' }).click();
  const message = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(message).toContainText(savedText);
  await message.getByRole('button', { name: 'OK' }).click();
  await expect(message).toBeHidden();
  await expect(allocationDialog(page)).toBeHidden();
}

test('multiple-use: one value on several units is fine and saves', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-4']);
  const dialog = allocationDialog(page);
  await expect(dialog.getByText('Pre Entered Product Serial Numbers (Multiple Use)')).toBeVisible();

  // Keyboard: the first box has focus; open the list, arrow to the value, Enter picks it and moves on.
  await expect(picker(page, 'SO-4', MULTI_SKU, 1)).toBeFocused();
  for (const unit of [1, 2, 3]) {
    await expect(picker(page, 'SO-4', MULTI_SKU, unit)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(picker(page, 'SO-4', MULTI_SKU, unit)).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('option', { name: YOGHURT_DATES[0] })).toBeVisible();
    if (unit === 1) {
      await screenshot(page, testInfo, 'picker-open');
      await expectAccessible(page);
    }
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('option', { name: YOGHURT_DATES[0] })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(picker(page, 'SO-4', MULTI_SKU, unit)).toHaveValue(YOGHURT_DATES[0]!);
  }
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await expect(dialog.locator('.box-problem')).toHaveCount(0);
  await saveAndConfirm(page, 'saved against order SO-4');

  expect(allocatedValues(bench, 'SO-4', MULTI_SKU)).toEqual([YOGHURT_DATES[0], YOGHURT_DATES[0], YOGHURT_DATES[0]]);
  await expect(orderRow(page, 'SO-4')).toContainText('Identifiers allocated');
});

test('single-use: a value chosen for another box is marked in the list, and choosing it is refused as its scan is, with a beep', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);

  await chooseFromList(page, unit1, 'SN-B', 'SN-BBB');
  await unit2.click();
  await unit2.fill('SN-B');
  const option = dialog.getByRole('listbox', { name: 'Identifiers for' }).filter({ visible: true }).getByRole('option', { name: /^SN-BBB/ });
  await expect(option).toHaveText('SN-BBB — chosen for order SO-1, PHN-1 unit 1');
  await screenshot(page, testInfo, 'allocation-held-option');
  await expectAccessible(page);
  await option.click();

  await expect(unit2).toHaveAccessibleDescription(/"SN-BBB" was refused: it is already chosen for order SO-1, PHN-1 unit 1\. Scan another\./);
  await expect(dialog.getByRole('alert')).toContainText('"SN-BBB" was refused: it is already chosen for order SO-1, PHN-1 unit 1');
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');
  await expect(unit1).toHaveValue('SN-BBB');

  await chooseFromList(page, unit2, 'SN-C', 'SN-CCC');
  await expect(unit2).not.toHaveAttribute('aria-invalid', 'true');
  await saveAndConfirm(page, 'saved against order SO-1');
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-BBB', 'SN-CCC']);
});

test('single-use: a value in use by another order is marked in the list, warned, and refused', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-DDD' }] });
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-5']);
  const dialog = allocationDialog(page);
  const box = picker(page, 'SO-5', SINGLE_SKU, 1);

  await box.click();
  await box.fill('SN-D');
  await expect(page.getByRole('option', { name: 'SN-DDD — in use by order SO-3' })).toBeVisible();
  await page.getByRole('option', { name: /SN-DDD/ }).click();
  await expect(box).toHaveValue('SN-DDD');
  await expect(box).toHaveAccessibleDescription('"SN-DDD" is already in use by order SO-3 (PHN-1 unit 1).');
  // Said at once, as a scan's refusal is: announced and beeped, not only written under the box.
  await expect(dialog.getByRole('alert')).toHaveText('"SN-DDD" is already in use by order SO-3 (PHN-1 unit 1). Save Changes refuses it until it is changed.');
  await expect.poll(() => beeps(page)).toBe(1);
  await screenshot(page, testInfo, 'allocation-in-use-warning');

  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  await expect(dialog.getByRole('alert')).toContainText('1 box needs fixing before saving');
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual([undefined]);
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual(['SN-DDD']);

  // Moving the value within one dialog is allowed: SO-3 gives it up, SO-5 takes it.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('alertdialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click();
  await openDispatchIdentifiers(page, 'SO-3');
  await chooseFromList(page, picker(page, 'SO-3', SINGLE_SKU, 1), 'SN-E', 'SN-EEE');
  await chooseFromList(page, picker(page, 'SO-5', SINGLE_SKU, 1), 'SN-D', 'SN-DDD');
  await expect(allocationDialog(page).locator('.box-problem')).toHaveCount(0);
  await saveAndConfirm(page, 'saved against the 2 selected orders');
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual(['SN-EEE']);
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-DDD']);
});

test('clearing a picker removes that allocation', async ({ page, bench }) => {
  seedOrders(bench);
  const so4 = lineIds(bench, 'SO-4');
  bench.handlers.saveAllocations({
    allocations: [1, 2].map((unit) => ({ lineId: so4[MULTI_SKU]!, unit, value: YOGHURT_DATES[1]! })),
  });
  await bench.open(page);
  await expect(orderRow(page, 'SO-4')).toContainText('1 of 3 units needs identifiers');
  await openDialogFor(page, ['SO-4']);
  const unit2 = picker(page, 'SO-4', MULTI_SKU, 2);
  await expect(unit2).toHaveValue(YOGHURT_DATES[1]!);
  await unit2.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect(unit2).toHaveValue('');
  await saveAndConfirm(page, 'saved against order SO-4');
  expect(allocatedValues(bench, 'SO-4', MULTI_SKU)).toEqual([YOGHURT_DATES[1], undefined, undefined]);
  await expect(orderRow(page, 'SO-4')).toContainText('2 of 3 units need identifiers');
});

test('orders without tracked lines show no box, and the dialog says so', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-2', 'SO-3']);
  const dialog = allocationDialog(page);
  await expect(dialog.getByRole('heading', { name: /Order SO-2 — Grace Hopper: no dispatch identifiers needed/ })).toBeVisible();
  await expect(dialog.getByText('2 orders, 1 identifier box. 1 of the orders needs no dispatch identifiers, so it shows no box.')).toBeVisible();
  await expect(dialog.getByRole('combobox')).toHaveCount(1);
  await expect(picker(page, 'SO-3', SINGLE_SKU, 1)).toBeVisible();
  await screenshot(page, testInfo, 'allocation-dialog');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('checkbox', { name: 'Select order SO-3', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  await expect(dialog.getByText('None of these orders has a product with dispatch identifiers')).toBeVisible();
  await expect(dialog.getByRole('combobox')).toHaveCount(0);
});

test('scans into pickers: exact case-sensitive match moves on; unknown and in-use values are refused', async ({ page, bench }, testInfo) => {
  seedOrders(bench);
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-EEE' }] });
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
  const yoghurt = picker(page, 'SO-1', MULTI_SKU, 1);
  await expect(unit1).toBeFocused();

  // "SN-aaa" and "SN-AAA" are two identifiers: the scan picks the exact one.
  await scan(page, 'SN-aaa', { delay: 5 });
  await expect(unit1).toHaveValue('SN-aaa');
  await expect(unit2).toBeFocused();

  // Unknown (a case variant no one entered): refused, beep, box stays empty, focus stays.
  await scan(page, 'SN-Aaa', { delay: 5 });
  await expect(unit2).toHaveAccessibleDescription(/"SN-Aaa" is not a pre-entered identifier of PHN-1/);
  await expect(unit2).toHaveValue('');
  await expect(unit2).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);
  await screenshot(page, testInfo, 'scan-refused');

  // Single-use value already in this dialog, and one in use by another order: refused too.
  await hardwareScan(page, 'SN-aaa', { gapMs: 5 });
  await expect(unit2).toHaveAccessibleDescription(/"SN-aaa" was refused: it is already chosen for order SO-1, PHN-1 unit 1\. Scan another\./);
  await expect(dialog.getByRole('alert')).toContainText('"SN-aaa" was refused');
  await expect(unit2).toHaveValue('');
  await hardwareScan(page, 'SN-EEE', { gapMs: 5, terminator: 'Tab' });
  await expect(unit2).toHaveAccessibleDescription(/"SN-EEE" is already in use by order SO-5 \(PHN-1 unit 1\)\. The scan was refused; scan another\./);
  await expect(unit2).toHaveValue('');
  await expect(unit2).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(3);

  await scan(page, 'SN-AAA', { delay: 3, terminator: 'Tab' });
  await expect(unit2).toHaveValue('SN-AAA');
  await expect(unit2).not.toHaveAttribute('aria-invalid', 'true');
  await expect(yoghurt).toBeFocused();
  await scan(page, YOGHURT_DATES[1]!, { delay: 2 });
  await expect(yoghurt).toHaveValue(YOGHURT_DATES[1]!);
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Dispatch identifiers saved' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-aaa', 'SN-AAA']);
  expect(allocatedValues(bench, 'SO-1', MULTI_SKU)).toEqual([YOGHURT_DATES[1]]);
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-EEE']);
});

test('a single-use value chosen here and then dispatched with another order elsewhere warns in its box at once', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-3']);
  const box = picker(page, 'SO-3', SINGLE_SKU, 1);
  await chooseFromList(page, box, 'SN-C', 'SN-CCC');
  await expect(orderRow(page, 'SO-5')).toHaveCount(1);
  // Meanwhile another packer dispatches SO-5 with the same single-use value, allocated and consumed in one transaction.
  const so5 = lineIds(bench, 'SO-5');
  const dispatched = bench.handlers.completeOrder({
    orderId: orderId(bench, 'SO-5'),
    lines: [{ lineId: so5[SINGLE_SKU]!, quantity: 1 }, { lineId: so5[PLAIN_SKU]!, quantity: 1 }],
    allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-CCC' }],
  });
  expect(dispatched.status).toBe('dispatched');
  // The box says so before Save Changes, in the core's words, and counts as a warning.
  await expect(box).toHaveAccessibleDescription('"SN-CCC" is already dispatched with order SO-5.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(allocationDialog(page).locator('.dialog-summary')).toContainText('1 box with a warning.');

  await allocationDialog(page).getByRole('button', { name: 'Save Changes' }).focus();
  await page.keyboard.press('Enter');
  await expect(allocationDialog(page).getByRole('alert')).toContainText('"SN-CCC" is already dispatched with order SO-5.');
  await expect(box).toBeFocused();
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual([undefined]);
});

test('a refusal from the core is shown at the box it names', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-3']);
  const box = picker(page, 'SO-3', SINGLE_SKU, 1);
  await chooseFromList(page, box, 'SN-C', 'SN-CCC');
  // Meanwhile another window corrects that serial number in the grid: the dialog holds a value the
  // product no longer has, which only the core can tell when saving.
  const productId = bench.handlers.findProducts({ query: SINGLE_SKU, offset: 0, limit: 1 }).items[0]!.id;
  const held = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 500 }).boxes.find((b) => b.value === 'SN-CCC')!;
  bench.handlers.saveSerialGrid({ productId, edits: [{ box: held.box, identifierId: held.identifierId, value: 'SN-CCX' }] });
  await expect(box).not.toHaveAttribute('aria-invalid', 'true');

  await allocationDialog(page).getByRole('button', { name: 'Save Changes' }).click();
  await expect(allocationDialog(page).getByRole('alert')).toContainText('1 box needs fixing; no identifiers were saved.');
  await expect(box).toHaveAccessibleDescription(`"SN-CCC" is not a pre-entered identifier of ${SINGLE_SKU}.`);
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toBeFocused();
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual([undefined]);
});

test('type-ahead searches in the core and shows a page of matches, never every identifier', async ({ page, bench }) => {
  seedOrders(bench);
  const many = Array.from({ length: 3000 }, (_, i) => `BIG-${String(i).padStart(5, '0')}`);
  bench.handlers.importCsv({
    files: [
      { name: 'p.csv', content: `sku,title,barcode,identifier_mode,stock_level\nBIG-1,Big lot,,multiple_use,10\n` },
      { name: 'i.csv', content: `sku,identifier\n${many.map((v) => `BIG-1,${v}`).join('\n')}\n` },
      { name: 'o.csv', content: 'order_number,customer,sku,quantity\nSO-BIG,Big Buyer,BIG-1,1\n' },
    ],
  });
  await bench.open(page);
  await openDialogFor(page, ['SO-BIG']);
  const box = picker(page, 'SO-BIG', 'BIG-1', 1);
  await box.click();
  // A page of 50 from the core; only what the popup can show is rendered, each option saying its place in the 50.
  await expect(page.getByRole('option')).toHaveCount(12);
  await expect(page.getByRole('option').last()).toHaveAttribute('aria-setsize', '50');
  await expect(allocationDialog(page).getByText('First 50 shown: type more to narrow the list.')).toBeVisible();
  await page.keyboard.type('BIG-0271');
  await expect(page.getByRole('option')).toHaveCount(10);
  await expect(page.getByRole('option').first()).toHaveText('BIG-02710');
  await page.keyboard.type('7');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue('BIG-02717');
});

test('saved for one of two selected orders, the message names that order, not both', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-3', 'SO-4']);
  await chooseFromList(page, picker(page, 'SO-3', SINGLE_SKU, 1), 'SN-B', 'SN-BBB');
  await saveAndConfirm(page, 'The dispatch identifiers have been saved against order SO-3; nothing was changed for the other selected order.');
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual(['SN-BBB']);
});

test('allocations saved in the dialog survive a restart of the host', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-3', 'SO-4']);
  await chooseFromList(page, picker(page, 'SO-3', SINGLE_SKU, 1), 'SN-B', 'SN-BBB');
  await chooseFromList(page, picker(page, 'SO-4', MULTI_SKU, 2), 'USE', YOGHURT_DATES[0]!);
  await saveAndConfirm(page, 'saved against the 2 selected orders');

  await bench.restart(page);
  await expect(orderRow(page, 'SO-3')).toContainText('Identifiers allocated');
  await expect(orderRow(page, 'SO-4')).toContainText('2 of 3 units need identifiers');
  await openDialogFor(page, ['SO-3', 'SO-4']);
  await expect(picker(page, 'SO-3', SINGLE_SKU, 1)).toHaveValue('SN-BBB');
  await expect(picker(page, 'SO-4', MULTI_SKU, 2)).toHaveValue(YOGHURT_DATES[0]!);
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual(['SN-BBB']);
  expect(allocatedValues(bench, 'SO-4', MULTI_SKU)).toEqual([undefined, YOGHURT_DATES[0], undefined]);
});

test('sixty serials scanned back to back land each in its own box, in order', async ({ page, bench }) => {
  // More than the candidate search's first answer holds (CANDIDATE_LIMIT, 50): the later scans are not in it.
  const serials = Array.from({ length: 60 }, (_, i) => `SER-${String(i + 1).padStart(4, '0')}-xYz`);
  bench.handlers.importCsv({
    files: [
      { name: 'p.csv', content: `sku,title,barcode,identifier_mode,stock_level\nSER-1,Serialised,,single_use,${serials.length}\n` },
      { name: 'i.csv', content: `sku,identifier\n${serials.map((v) => `SER-1,${v}`).join('\n')}\n` },
      { name: 'o.csv', content: `order_number,customer,sku,quantity\nSO-100,Bulk Buyer,SER-1,${serials.length}\n` },
    ],
  });
  await bench.open(page);
  await openDialogFor(page, ['SO-100']);
  await expect(picker(page, 'SO-100', 'SER-1', 1)).toBeFocused();
  for (const [i, serial] of serials.entries()) await scan(page, serial, { delay: 2 + (i % 9), terminator: i % 3 === 2 ? 'Tab' : 'Enter' });
  await expect(allocationDialog(page).getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await expect(allocationDialog(page).locator('.box-problem')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Dispatch identifiers saved' }).getByRole('button', { name: 'OK' }).click();
  expect(allocatedValues(bench, 'SO-100', 'SER-1')).toEqual(serials);
});

test('a refused scan into a box that holds a value leaves that value in it, selected for the next scan', async ({ page, bench }) => {
  seedOrders(bench);
  const so1 = lineIds(bench, 'SO-1');
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so1[SINGLE_SKU]!, unit: 1, value: 'SN-AAA' }, { lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-EEE' }] });
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
  await expect(unit2).toBeFocused();
  await hardwareScan(page, 'SN-CCC', { gapMs: 5 });
  await expect(unit2).toHaveValue('SN-CCC');

  // Unknown to the core (its answer comes after focus moved on): refused, and unit 1 still holds SN-AAA.
  await unit1.focus();
  await hardwareScan(page, 'SN-ZZZ', { gapMs: 5 });
  await expect(unit1).toHaveAccessibleDescription(/"SN-ZZZ" is not a pre-entered identifier of PHN-1/);
  await expect(dialog.getByRole('alert')).toContainText('SN-ZZZ');
  await expect(unit1).toHaveValue('SN-AAA');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);

  // Already chosen for unit 2 (refused at once, in the box): unit 1 still holds SN-AAA.
  await hardwareScan(page, 'SN-CCC', { gapMs: 5 });
  await expect(unit1).toHaveAccessibleDescription(/"SN-CCC" was refused: it is already chosen for order SO-1, PHN-1 unit 2\. Scan another\./);
  await expect(unit1).toHaveValue('SN-AAA');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(2);

  // In use by another order: refused, nothing changes.
  await hardwareScan(page, 'SN-EEE', { gapMs: 5 });
  await expect(unit1).toHaveAccessibleDescription(/"SN-EEE" is already in use by order SO-5/);
  await expect(unit1).toHaveValue('SN-AAA');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(3);

  // The value kept is selected: the next scan replaces it rather than adding to it.
  await hardwareScan(page, 'SN-BBB', { gapMs: 5 });
  await expect(unit1).toHaveValue('SN-BBB');
  await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');
  await saveAndConfirm(page, 'saved against order SO-1');
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-BBB', 'SN-CCC']);
});

test('an order dispatched elsewhere while the dialog is open is marked at once, takes no scan, and is not saved', async ({ page, bench }) => {
  seedOrders(bench);
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-3', 'SO-5']);
  const dialog = allocationDialog(page);
  const so3Box = picker(page, 'SO-3', SINGLE_SKU, 1);
  const so5Box = picker(page, 'SO-5', SINGLE_SKU, 1);
  // The packer changes SO-3's box (not saved yet) and goes on to SO-5.
  await so3Box.click();
  await scan(page, 'SN-AAA');
  await expect(so3Box).toHaveValue('SN-AAA');
  await expect(so5Box).toBeFocused();

  // Meanwhile SO-3 is dispatched from outside the page (another process on the bench file).
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] });

  // No click: the dialog says so, politely, and SO-3's box no longer takes anything.
  await expect(dialog.getByRole('status')).toContainText('Order SO-3 was dispatched elsewhere', { timeout: 10_000 });
  await expect(dialog.getByRole('heading', { name: /Order SO-3/ })).toContainText('dispatched elsewhere');
  await expect(so3Box).not.toBeEditable();
  await expectAccessible(page);
  await so3Box.focus();
  await scan(page, 'SN-CCC');
  await expect(so3Box).toHaveValue('SN-AAA');
  await expect(so3Box).toHaveAccessibleDescription(/Order SO-3 was dispatched elsewhere/);
  await expect(dialog.getByRole('alert')).toContainText('Order SO-3 was dispatched elsewhere');
  await expect.poll(() => beeps(page)).toBe(1);

  // SO-5 stays workable, and saving sends its box only (SO-3's would be refused by the core).
  await so5Box.focus();
  await scan(page, 'SN-CCC');
  await expect(so5Box).toHaveValue('SN-CCC');
  await saveAndConfirm(page, 'saved against order SO-5');
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-CCC']);
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual(['SN-BBB']);
});

test('part of a line dispatched elsewhere while the dialog is open is said at once, naming the order, SKU and units; those boxes take nothing', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
  // The packer scans unit 1 (not saved yet) and goes on to unit 2.
  await expect(unit1).toBeFocused();
  await scan(page, 'SN-AAA');
  await expect(unit1).toHaveValue('SN-AAA');
  await expect(unit2).toBeFocused();

  // Meanwhile one of SO-1's two phones goes out from outside the page (another window on the bench file), with SN-BBB.
  dispatchFromOutside(bench, 'SO-1', 'SN-BBB', { [SINGLE_SKU]: 1 });

  // No click: the dialog says so in its status, naming the order, the SKU and how many units; unit 1 takes nothing.
  await expect(dialog.getByRole('status')).toContainText(
    'Order SO-1: 1 unit of PHN-1 was dispatched elsewhere; its box (unit 1) takes no identifier and is not saved.',
    { timeout: 10_000 },
  );
  await expect(dialog.getByRole('heading', { name: /Order SO-1/ })).not.toContainText('dispatched elsewhere');
  await expect(unit1).not.toBeEditable();
  await expect(unit2).toBeEditable();
  // The focus was not in the box that went: it stays where the packer had it, and nothing says it moved.
  await expect(unit2).toBeFocused();
  await expect(dialog.getByRole('status')).not.toContainText('Focus moved');
  await expectAccessible(page);
  await unit1.focus();
  await scan(page, 'SN-CCC');
  await expect(unit1).toHaveValue('SN-AAA');
  await expect(unit1).toHaveAccessibleDescription(/Order SO-1's PHN-1 unit 1 was dispatched elsewhere: this box takes no identifier\./);
  await expect(dialog.getByRole('alert')).toContainText("Order SO-1's PHN-1 unit 1 was dispatched elsewhere");
  await expect.poll(() => beeps(page)).toBe(1);

  // Unit 2 stays workable, and saving sends its box only (unit 1's would be refused by the core).
  await unit2.focus();
  await scan(page, 'SN-CCC');
  await expect(unit2).toHaveValue('SN-CCC');
  await saveAndConfirm(page, 'saved against order SO-1');
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-BBB', 'SN-CCC']);
});

test('the focused box of a unit dispatched elsewhere hands the focus on to the next box, so the next scan is taken', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
  await expect(unit1).toBeFocused();

  // The unit the packer is in goes out from outside the page.
  dispatchFromOutside(bench, 'SO-1', 'SN-BBB', { [SINGLE_SKU]: 1 });
  await expect(dialog.getByRole('status')).toContainText('Order SO-1: 1 unit of PHN-1 was dispatched elsewhere', { timeout: 10_000 });
  await expect(unit1).not.toBeEditable();
  // No key pressed: the focus is in unit 2, and the status says so.
  await expect(unit2).toBeFocused();
  await expect(dialog.getByRole('status')).toContainText('Focus moved to order SO-1, PHN-1 unit 2.');

  await scan(page, 'SN-CCC');
  await expect(unit2).toHaveValue('SN-CCC');
  await expect(dialog.getByRole('alert')).toBeEmpty();
  expect(await beeps(page)).toBe(0);
  await saveAndConfirm(page, 'saved against order SO-1');
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-BBB', 'SN-CCC']);
});

test('the focused box of an order dispatched elsewhere hands the focus on to the next order\'s box, so the next scan is taken', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-3', 'SO-5']);
  const dialog = allocationDialog(page);
  const so3Box = picker(page, 'SO-3', SINGLE_SKU, 1);
  const so5Box = picker(page, 'SO-5', SINGLE_SKU, 1);
  await so3Box.focus();
  await expect(so3Box).toBeFocused();

  // The order the packer is in goes out from outside the page.
  dispatchFromOutside(bench, 'SO-3', 'SN-BBB', { [SINGLE_SKU]: 1 });
  await expect(dialog.getByRole('status')).toContainText('Order SO-3 was dispatched elsewhere', { timeout: 10_000 });
  await expect(so3Box).not.toBeEditable();
  await expect(so5Box).toBeFocused();
  await expect(dialog.getByRole('status')).toContainText('Focus moved to order SO-5, PHN-1 unit 1.');

  await scan(page, 'SN-CCC');
  await expect(so5Box).toHaveValue('SN-CCC');
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await expect(dialog.getByRole('alert')).toBeEmpty();
  expect(await beeps(page)).toBe(0);
  await saveAndConfirm(page, 'saved against order SO-5');
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-CCC']);
});

test('the focused last box of an order dispatched elsewhere hands the focus to Save Changes, said in the status', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDialogFor(page, ['SO-3', 'SO-5']);
  const dialog = allocationDialog(page);
  const so5Box = picker(page, 'SO-5', SINGLE_SKU, 1);
  await so5Box.focus();

  dispatchFromOutside(bench, 'SO-5', 'SN-BBB', { [SINGLE_SKU]: 1, [PLAIN_SKU]: 1 });
  await expect(dialog.getByRole('status')).toContainText('Order SO-5 was dispatched elsewhere', { timeout: 10_000 });
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await expect(dialog.getByRole('status')).toContainText('Focus moved to Save Changes.');
});

test('after a scan, focus skips the boxes of an order dispatched elsewhere, so the next scan lands in a box that takes it', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1', 'SO-3', 'SO-5']);
  const dialog = allocationDialog(page);
  const yoghurt = picker(page, 'SO-1', MULTI_SKU, 1);
  const so5Box = picker(page, 'SO-5', SINGLE_SKU, 1);
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();

  // SO-3 (the box after SO-1's last) is dispatched from outside the page.
  dispatchFromOutside(bench, 'SO-3', 'SN-BBB', { [SINGLE_SKU]: 1 });
  await expect(dialog.getByRole('status')).toContainText('Order SO-3 was dispatched elsewhere', { timeout: 10_000 });

  await scan(page, 'SN-AAA');
  await scan(page, 'SN-aaa', { terminator: 'Tab' });
  await expect(yoghurt).toBeFocused();
  await scan(page, YOGHURT_DATES[1]!);
  await expect(yoghurt).toHaveValue(YOGHURT_DATES[1]!);
  // Past SO-3's box, to SO-5's: the next scan is taken, not refused.
  await expect(so5Box).toBeFocused();
  await scan(page, 'SN-CCC');
  await expect(so5Box).toHaveValue('SN-CCC');
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await expect(dialog.getByRole('alert')).toBeEmpty();
  expect(await beeps(page)).toBe(0);
  await saveAndConfirm(page, 'saved against the 2 selected orders');
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-CCC']);
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual(['SN-AAA', 'SN-aaa']);
});

test('a value chosen for an order dispatched elsewhere is free again for the orders still awaiting', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-3', 'SO-5']);
  const dialog = allocationDialog(page);
  const so3Box = picker(page, 'SO-3', SINGLE_SKU, 1);
  const so5Box = picker(page, 'SO-5', SINGLE_SKU, 1);
  await chooseFromList(page, so3Box, 'SN-C', 'SN-CCC');
  await so5Box.focus();
  await scan(page, 'SN-CCC');
  await expect(so5Box).toHaveAccessibleDescription(/"SN-CCC" was refused: it is already chosen for order SO-3, PHN-1 unit 1\./);
  await expect.poll(() => beeps(page)).toBe(1);

  // SO-3 goes out elsewhere with another value: its SN-CCC will never be saved, so SO-5 may take it.
  dispatchFromOutside(bench, 'SO-3', 'SN-BBB', { [SINGLE_SKU]: 1 });
  await expect(dialog.getByRole('status')).toContainText('Order SO-3 was dispatched elsewhere', { timeout: 10_000 });
  await chooseFromList(page, so5Box, 'SN-C', 'SN-CCC');
  await expect(so5Box).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/with a warning/)).toHaveCount(0);
  await expect(so3Box).toHaveValue('SN-CCC');
  await saveAndConfirm(page, 'saved against order SO-5');
  expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-CCC']);
  expect(allocatedValues(bench, 'SO-3', SINGLE_SKU)).toEqual(['SN-BBB']);
});

test('the same refused scan twice is announced twice, not only beeped the second time', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDialogFor(page, ['SO-1']);
  const dialog = allocationDialog(page);
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await scan(page, 'SN-AAA', { delay: 5 });
  await expect(unit2).toBeFocused();
  // What the dialog's live region says: its words each time they are put in it anew (what a screen reader reads out).
  await dialog.getByRole('alert').evaluate((alert) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => said.push(alert.textContent ?? '')).observe(alert, { childList: true, subtree: true, characterData: true });
  });
  const saidRefusals = () =>
    page.evaluate(() => (window as unknown as { said: string[] }).said.filter((words) => words.includes('"SN-AAA" was refused')).length);

  await scan(page, 'SN-AAA', { delay: 5 });
  await expect(dialog.getByRole('alert').filter({ hasText: '"SN-AAA" was refused: it is already chosen for order SO-1, PHN-1 unit 1' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect.poll(saidRefusals).toBe(1);
  // The packer, unsure the first scan went, scans the same pack again: beeped and said again.
  await scan(page, 'SN-AAA', { delay: 5 });
  await expect.poll(() => beeps(page)).toBe(2);
  await expect.poll(saidRefusals).toBe(2);
  await expect(unit2).toBeFocused();
  await expect(unit2).toHaveValue('');
});
