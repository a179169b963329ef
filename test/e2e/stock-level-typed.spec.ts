/**
 * The stock level box as a packer types in it, key by key: as a number box, Chromium dropped a comma
 * or a space as it was typed, so "2,5" (two and a half, where a comma is the decimal mark) set the stock
 * to 25 and "1,500" or "1 500" to 1500 without a word, and "5-" was read as an empty box ("Enter the new
 * stock level…"). Each is refused naming what was typed, beeped and announced, and nothing changes.
 */
import type { Page } from '@playwright/test';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { expect, test } from './fixtures.js';

function stockOf(handlers: BenchHandlers, sku: string): number {
  return handlers.findProducts({ query: sku, offset: 0, limit: 1 }).items.find((p) => p.sku === sku)!.stockLevel;
}

async function openProduct(page: Page, sku: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(sku);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${sku} `) }).click();
  await expect(page.getByRole('heading', { name: `Product Variation: ${sku}` })).toBeVisible();
}

test('a stock level typed with a comma, a space or a stray sign is refused naming what was typed, and nothing changes', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await openProduct(page, 'CBL-USB');
  const box = page.getByLabel('New stock level');
  const refusal = page.locator('#stock-error');
  for (const typed of ['2,5', '1,500', '1 500', '5-']) {
    await box.selectText();
    await page.keyboard.press('Delete');
    await box.pressSequentially(typed);
    await box.press('Enter');
    await expect(refusal).toHaveText(`⚠ "${typed}" is not a stock level: enter a whole number from 0, digits only.`);
    await expect(refusal).toHaveAttribute('role', 'alert');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toHaveValue(typed);
    await expect(page.getByTestId('stock-level')).toHaveText('300');
    expect(stockOf(bench.handlers, 'CBL-USB')).toBe(300);
  }
  // Digits only: taken.
  await box.fill('1500');
  await box.press('Enter');
  await expect(page.getByText('Stock level changed from 300 to 1,500.')).toBeVisible();
  expect(stockOf(bench.handlers, 'CBL-USB')).toBe(1500);
});
