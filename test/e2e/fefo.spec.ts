/**
 * Use-by dates first (issue 12), in Chromium against the real core: the allocation dialog pre-selects
 * first-expiring-first per unit, skipping expired dates and those under the product's minimum shelf
 * life; a scanned expired date (GS1 YYMMDD form) is refused at once (message, beep, live region) and
 * the packer's own choice is saved.
 */
import { addDays, localToday } from '../../shared/identifiers/use-by-dates.js';
import { expect, test } from './fixtures.js';
import { allocatedValues, allocationDialog, beeps, countBeeps, hardwareScan, picker } from './orders-helpers.js';

const SKU = 'MILK-1';

test('FEFO pre-selection; an expired scan is refused; the packer overrides and saves', async ({ page, bench }) => {
  const today = localToday();
  const expired = addDays(today, -2);
  const tooClose = addDays(today, 2);
  const first = addDays(today, 10);
  const second = addDays(today, 20);
  const rows = (r: Array<Array<string | number>>) => r.map((cells) => cells.join(',')).join('\n') + '\n';
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: rows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind', 'min_shelf_life_days'],
          [SKU, 'Milk 1l', '', 'single_use', 4, 'use_by', 5],
        ]),
      },
      // Entered out of date order; the import reads every form of date into YYYY-MM-DD.
      { name: 'identifiers.csv', content: rows([['sku', 'identifier'], [SKU, second], [SKU, tooClose], [SKU, first], [SKU, expired]]) },
      { name: 'orders.csv', content: rows([['order_number', 'customer', 'sku', 'quantity'], ['SO-F', 'Fresh Foods', SKU, 2]]) },
    ],
  });
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-F', exact: true }).check();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-F', SKU, 1);
  const unit2 = picker(page, 'SO-F', SKU, 2);

  // First-expiring-first: the earliest usable dates, one per unit (expired and too-close skipped).
  await expect(unit1).toHaveValue(first);
  await expect(unit2).toHaveValue(second);
  await expect(unit1).toBeFocused();

  // The picker lists dates in date order, in the bench's locale, with what is left.
  await page.keyboard.press('ArrowDown');
  const options = dialog.getByRole('option');
  await expect(options).toHaveCount(4);
  await expect(options.nth(0)).toContainText('expired');
  await expect(options.nth(1)).toContainText('2 days left, too close to expiry');
  await expect(options.nth(2)).toContainText('10 days left');
  await page.keyboard.press('Escape');

  // An expired date scanned as GS1 YYMMDD: refused at once, beeped, announced, the box emptied.
  const yymmdd = expired.slice(2).replace(/-/g, '');
  await hardwareScan(page, yymmdd, { gapMs: 5 });
  await expect(unit1).toHaveAccessibleDescription(/has passed \(expired\)\. Scan another\./);
  await expect(dialog.getByRole('alert')).toContainText('expired');
  await expect(unit1).toHaveValue('');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);

  // The packer's own choice: the later date for unit 1 (the override), saved as chosen.
  await hardwareScan(page, addDays(today, 10), { gapMs: 5 });
  await expect(unit1).toHaveValue(first);
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await saved.getByRole('button', { name: 'OK' }).click();
  expect(allocatedValues(bench, 'SO-F', SKU)).toEqual([first, second]);
});
