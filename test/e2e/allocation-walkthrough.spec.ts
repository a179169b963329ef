/**
 * From a keyboard-and-scanner walk-through of the allocation dialog: what a refusal says when the packer
 * scans a pack of another product, and which box a refused "Save Changes" names in its alert.
 */
import { expect, test } from './fixtures.js';
import { MULTI_SKU, SINGLE_SKU, YOGHURT_DATES, allocatedValues, allocationDialog, beeps, countBeeps, hardwareScan, lineIds, picker, seedOrders, openDispatchIdentifiers } from './orders-helpers.js';

test('an identifier of another product scanned into a box is refused naming that product, not as a case mistake', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-1');
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  await expect(unit1).toBeFocused();
  await hardwareScan(page, YOGHURT_DATES[0]!);
  const said = `"${YOGHURT_DATES[0]}" is an identifier of ${MULTI_SKU}, not of ${SINGLE_SKU}. Scan a ${SINGLE_SKU} unit.`;
  await expect(unit1).toHaveAccessibleDescription(said);
  await expect(allocationDialog(page).getByRole('alert')).toHaveText(said);
  await expect(unit1).toHaveValue('');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);
});

test('a refused Save Changes names the first box to fix and its own reason in the alert', async ({ page, bench }) => {
  seedOrders(bench);
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-EEE' }] });
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-1');
  const dialog = allocationDialog(page);
  await expect(picker(page, 'SO-1', SINGLE_SKU, 1)).toBeFocused();
  await hardwareScan(page, 'SN-AAA');
  const unit2 = picker(page, 'SO-1', SINGLE_SKU, 2);
  await expect(unit2).toBeFocused();
  // Typed, not scanned: taken with a warning (the packer may mean to free it at SO-5 first).
  await page.keyboard.type('SN-EEE', { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(unit2).toHaveAccessibleDescription('"SN-EEE" is already in use by order SO-5 (PHN-1 unit 1).');
  // Said at once too, as the list's choice is.
  await expect(dialog.getByRole('alert')).toHaveText('"SN-EEE" is already in use by order SO-5 (PHN-1 unit 1). Save Changes refuses it until it is changed.');
  await expect.poll(() => beeps(page)).toBe(1);
  await dialog.getByRole('button', { name: 'Save Changes' }).focus();
  await page.keyboard.press('Enter');
  // The alert says which box and why: in use by another order, not "a repeat in this dialog".
  await expect(dialog.getByRole('alert')).toHaveText(
    '1 box needs fixing before saving. First, order SO-1, PHN-1 unit 2: "SN-EEE" is already in use by order SO-5 (PHN-1 unit 1). Nothing was saved.',
  );
  await expect(unit2).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(2);
  expect(allocatedValues(bench, 'SO-1', SINGLE_SKU)).toEqual([undefined, undefined]);
});

test('a single-use value chosen here and then allocated to another order elsewhere warns in its box at once', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-1');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  await expect(unit1).toBeFocused();
  await hardwareScan(page, 'SN-DDD');
  await expect(picker(page, 'SO-1', SINGLE_SKU, 2)).toBeFocused();
  await expect(unit1).toHaveValue('SN-DDD');
  await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');
  // The scan checked by the core (no "Checking…" left): taken elsewhere after this, not refused as a scan.
  await expect(dialog.locator('.picker-pending')).toHaveCount(0);
  // Meanwhile the CLI (or a sync pull) allocates the same single-use value to SO-5.
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-DDD' }] });
  await expect(unit1).toHaveAccessibleDescription('"SN-DDD" is already in use by order SO-5 (PHN-1 unit 1).');
  await expect(unit1).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('.dialog-summary')).toContainText('1 box with a warning.');
  // Freed there again: the warning goes.
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: null }] });
  await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');
});

test('an open list marks a value at once when another order takes it elsewhere meanwhile', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-1');
  const unit1 = picker(page, 'SO-1', SINGLE_SKU, 1);
  await expect(unit1).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(unit1).toHaveAttribute('aria-expanded', 'true');
  const listbox = allocationDialog(page).getByRole('listbox').filter({ visible: true });
  await expect(listbox.getByRole('option', { name: 'SN-DDD', exact: true })).toBeVisible();
  // Meanwhile the CLI (or a sync pull) allocates SN-DDD to SO-5: the list still open says so.
  const so5 = lineIds(bench, 'SO-5');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so5[SINGLE_SKU]!, unit: 1, value: 'SN-DDD' }] });
  await expect(listbox.getByRole('option', { name: 'SN-DDD — in use by order SO-5' })).toBeVisible();
  await expect(unit1).toHaveAttribute('aria-expanded', 'true');
  await expect(unit1).toBeFocused();
});
