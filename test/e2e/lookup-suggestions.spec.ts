/**
 * Identifier Lookup of a value typed in the wrong case, in Chromium against the real browser-mode host:
 * the look-up stays exact (not found, beeped and said as ever), and the identifiers equal to it ignoring
 * case are offered as buttons, reached by Tab, that look the right one up.
 */
import { expect, expectAccessible, test } from './fixtures.js';
import { beeps, countBeeps } from './orders-helpers.js';

test('a value typed in the wrong case suggests the identifier meant; choosing it by keyboard shows its history', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nPHONE-1,Phone One,,single_use,2\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nPHONE-1,SN-77\nPHONE-1,SN-78\n' },
      { name: 'orders.csv', content: 'order_number,customer,sku,quantity\nSO-77,Ada Lovelace,PHONE-1,1\n' },
    ],
  });
  const orderId = bench.handlers.findOrderByNumber({ orderNumber: 'SO-77' }).order!.id;
  const lineId = bench.handlers.getOrder({ orderId }).lines[0]!.lineId;
  bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value: 'SN-77' }] });
  bench.handlers.completeOrder({ orderId, lines: [{ lineId, quantity: 1 }] });
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  await expect(box).toBeFocused();

  await box.pressSequentially('sn-77', { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(page.getByText('No identifier "sn-77" was found. Identifiers are case sensitive. Did you mean: SN-77 (PHONE-1)?')).toBeVisible();
  // Still a "no": beeped once, and nothing is shown as found.
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByRole('article')).toHaveCount(0);
  await expectAccessible(page);

  // Tab past "Look up" to the suggestion; Enter looks it up, exactly.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  // Its name says what it does when reached by Tab, away from the sentence it sits in.
  const suggestion = page.getByRole('button', { name: 'Look up SN-77 (PHONE-1)', exact: true });
  await expect(suggestion).toBeFocused();
  await page.keyboard.press('Enter');
  const match = page.getByRole('article', { name: 'PHONE-1: SN-77' });
  await expect(match).toContainText('Dispatched (used)');
  await expect(match.getByRole('table', { name: 'Orders' })).toContainText('SO-77');
  await expect(page.getByRole('region', { name: 'History of SN-77 (PHONE-1)' })).toBeVisible();
  await expect(page.getByText('Did you mean', { exact: false })).toHaveCount(0);
  // The box holds what was looked up, and the focus is back in it for the next identifier.
  await expect(box).toHaveValue('SN-77');
  await expect(box).toBeFocused();
  await page.waitForTimeout(300);
  expect(await beeps(page)).toBe(1);
});

test('a value no product holds now but one did (renamed to its right case) suggests the identifier meant beside its history', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nPHONE-1,Phone One,,single_use,2\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nPHONE-1,sn-80\nPHONE-1,SN-81\n' },
    ],
  });
  // The packer typed it in the wrong case, then corrected it in the grid: "sn-80" has a history now.
  const productId = bench.handlers.findProducts({ query: 'PHONE-1', offset: 0, limit: 1 }).items[0]!.id;
  const held = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 2 }).boxes.find((b) => b.value === 'sn-80')!;
  bench.handlers.saveSerialGrid({ productId, edits: [{ box: held.box, identifierId: held.identifierId, value: 'SN-80' }] });
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  await box.fill('sn-80');
  await page.keyboard.press('Enter');
  const former = page.getByRole('article', { name: 'sn-80: no longer held' });
  await expect(former.locator('.lookup-empty')).toHaveText('No product holds "sn-80" now. Did you mean: SN-80 (PHONE-1)? Its history at this bench:');
  await expect(former.getByRole('region', { name: 'History of sn-80 (PHONE-1)' })).toContainText('Renamed');
  await expectAccessible(page);

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Look up SN-80 (PHONE-1)', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'PHONE-1: SN-80' })).toContainText('Available');
  await expect(box).toHaveValue('SN-80');
  await expect(box).toBeFocused();
});
