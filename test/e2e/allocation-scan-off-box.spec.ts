/**
 * A scan made while a button of the allocation dialog has the focus ("Save Changes", where the focus
 * goes after the last box; Cancel): its Enter presses nothing — the dialog neither saves nor asks to
 * leave — and the scanned value is refused in words, announced and beeped, nothing changed.
 */
import { expect, test } from './fixtures.js';
import { SINGLE_SKU, allocatedValues, allocationDialog, beeps, countBeeps, hardwareScan, picker, seedOrders, openDispatchIdentifiers } from './orders-helpers.js';

for (const button of ['Save Changes', 'Cancel'] as const) {
  test(`a scan while "${button}" has the focus is refused in words and beeped; nothing is pressed or saved`, async ({ page, bench }) => {
    seedOrders(bench);
    await countBeeps(page);
    await bench.open(page);
    await openDispatchIdentifiers(page, 'SO-5');
    const dialog = allocationDialog(page);
    const unit1 = picker(page, 'SO-5', SINGLE_SKU, 1);
    await expect(unit1).toBeFocused();
    await hardwareScan(page, 'SN-BBB');
    await expect(unit1).toHaveValue('SN-BBB');
    const focused = dialog.getByRole('button', { name: button });
    if (button === 'Cancel') await focused.focus();
    await expect(focused).toBeFocused(); // Save Changes: where the scan's Enter put the focus
    const before = await beeps(page);

    await hardwareScan(page, 'SN-CCC');

    await expect(dialog.getByRole('alert')).toHaveText(`"SN-CCC" was refused: the focus was on "${button}", not in an identifier box (nothing was pressed or saved). Go to a box, then scan it again.`);
    await expect.poll(() => beeps(page)).toBe(before + 1);
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Dispatch identifiers saved' })).toHaveCount(0);
    await expect(page.getByRole('alertdialog')).toHaveCount(0); // no "unsaved changes" question
    await expect(unit1).toHaveValue('SN-BBB');
    await expect(focused).toBeFocused();
    expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual([undefined]);

    // A person's Enter on the button still presses it.
    if (button === 'Save Changes') {
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Dispatch identifiers saved' })).toBeVisible();
      expect(allocatedValues(bench, 'SO-5', SINGLE_SKU)).toEqual(['SN-BBB']);
    }
  });
}

test('a scan on Cancel when the orders could not be read is beeped, not swallowed without a sound; Cancel is not pressed', async ({ page, bench }) => {
  seedOrders(bench);
  await page.route('**/api/getAllocationSheet', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'The bench database is busy', issues: [] } }) }),
  );
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-5');
  const dialog = allocationDialog(page);
  await expect(dialog.getByRole('alert')).toContainText('The bench database is busy');
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  await cancel.focus();
  const before = await beeps(page);

  await hardwareScan(page, 'SN-CCC');

  await expect.poll(() => beeps(page)).toBe(before + 1);
  await expect(dialog).toBeVisible();
  await expect(cancel).toBeFocused();
});
