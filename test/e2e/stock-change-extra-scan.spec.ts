/**
 * A scan too many in the stock change's dialogs: once the last unit leaving is chosen, or the last new
 * unit's box is filled, the focus is on "Save Stock Change" (so a person's Enter saves), and a further
 * scan's Enter pressed it: the change was saved and the unit scanned went without a word. The scan is
 * now kept from the button and refused in words (beeped and announced); the packer's own Enter saves.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { expect, test } from './fixtures.js';
import { csvRows, hardwareScan } from './orders-helpers.js';

function stockOf(handlers: BenchHandlers, sku: string): number {
  return handlers.findProducts({ query: sku, offset: 0, limit: 1 }).items.find((p) => p.sku === sku)!.stockLevel;
}

function seedPhones(handlers: BenchHandlers): void {
  handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['PH-9', 'Phone', '', 'single_use', 4]]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['PH-9', 'SN-1'], ['PH-9', 'SN-2'], ['PH-9', 'SN-3'], ['PH-9', 'SN-4']]) },
    ],
  });
}

async function changeStockTo(page: Page, level: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill('PH-9');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: /^PH-9 / }).click();
  const box = page.getByLabel('New stock level');
  await box.fill(level);
  await box.press('Enter');
}

test('a scan on "Save Stock Change" after the last leaving unit is chosen is refused in words, not saved', async ({ page, bench }) => {
  seedPhones(bench.handlers);
  await bench.open(page);
  await changeStockTo(page, '2');
  const entry = page.getByLabel(/^Scan or type a leaving/);
  await expect(entry).toBeFocused();
  await hardwareScan(page, 'SN-1');
  await hardwareScan(page, 'SN-3');
  const save = page.getByRole('button', { name: 'Save Stock Change' });
  await expect(save).toBeFocused();

  await hardwareScan(page, 'SN-2');
  await expect(page.getByRole('alert').filter({ hasText: '"SN-2" was not chosen: all 2 ' })).toContainText('Remove one first to choose it instead, or choose Save Stock Change.');
  await expect(save).toBeFocused();
  await expect(page.getByText('Chosen: 2 of 2')).toBeVisible();
  expect(stockOf(bench.handlers, 'PH-9')).toBe(4);

  await page.keyboard.press('Enter');
  await expect(page.getByText('Stock level changed from 4 to 2.')).toBeVisible();
  expect(stockOf(bench.handlers, 'PH-9')).toBe(2);
});

test('a scan on "Save Stock Change" after the last new unit has its serial number is refused in words, not saved', async ({ page, bench }) => {
  seedPhones(bench.handlers);
  await bench.open(page);
  await changeStockTo(page, '5');
  await hardwareScan(page, 'SN-5');
  const save = page.getByRole('button', { name: 'Save Stock Change' });
  await expect(save).toBeFocused();

  await hardwareScan(page, 'SN-6');
  await expect(page.getByRole('alert').filter({ hasText: '"SN-6" was not taken: every new unit has its ' })).toContainText('Choose Save Stock Change, or Cancel');
  await expect(save).toBeFocused();
  expect(stockOf(bench.handlers, 'PH-9')).toBe(4);

  await page.keyboard.press('Enter');
  await expect(page.getByText('Stock level changed from 4 to 5.')).toBeVisible();
  expect(stockOf(bench.handlers, 'PH-9')).toBe(5);
});
