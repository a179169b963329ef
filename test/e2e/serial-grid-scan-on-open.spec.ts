/**
 * A scan made the moment the serial grid is opened by keys (Enter on "Manually Update Serial Numbers",
 * then the scanner at once), before the grid's first empty box has the focus: its first characters
 * reached no box, the box took the rest as the whole scan, and a shortened IMEI was accepted. The keys
 * are kept until the box has the focus and typed into it first, so the value lands whole, taken as a scan.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { csvRows, hardwareScan } from './orders-helpers.js';

async function openProduct(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill('PH-9');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: /^PH-9 / }).click();
}

/** Enter on "Manually Update Serial Numbers", then a scan at once (the grid's read held `holdMs` first, as on a busy PC). */
async function scanAsTheGridOpens(page: Page, imei: string, holdMs: number): Promise<void> {
  await page.route('**/api/getSerialGrid', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).focus();
  await page.keyboard.press('Enter');
  await hardwareScan(page, imei, { gapMs: 3 });
  await page.unrouteAll({ behavior: 'wait' });
}

test('a scan started as the grid opens lands whole in its first empty box, taken as a scan', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['PH-9', 'Phone', '', 'multiple_use', 3]]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['PH-9', 'SN-1']]) },
    ],
  });
  await bench.open(page);
  await openProduct(page);
  const box = (n: number) => page.getByRole('textbox', { name: `Serial number ${n}`, exact: true });

  // The grid read while the scan's first half is typed: the rest comes once the box has the focus.
  await scanAsTheGridOpens(page, '356938035643801', 25);
  await expect(box(2)).toHaveValue('356938035643801');
  await expect(box(3)).toBeFocused();
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await page.getByRole('button', { name: 'Back to product' }).click();

  // The whole scan, its Enter too, made before the box is there.
  await scanAsTheGridOpens(page, '356938035643819', 400);
  await expect(box(3)).toHaveValue('356938035643819');
  await expect(page.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await expect(page.getByText('1 unsaved change')).toBeVisible();
});
