/**
 * A barcode two products share (a store from before the import refused it, or products from the hub):
 * a scan of it outside any box does not open one of them silently. It is refused, beeped and said,
 * naming both SKUs; Product search, a list, shows both products with the same words.
 */
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { openStoreWriter } from '../support/store.js';
import { expect, test } from './fixtures.js';
import { beeps, countBeeps, hardwareScan } from './orders-helpers.js';

test('a barcode two products share, scanned outside any box, is refused naming both; Product search shows both', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [{ name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nPHN-1,Phone,9506000134352,none,1\nCASE-1,Phone case,,none,1\n' }],
  });
  // As the hub may send it: CASE-1 holds the same GTIN, written as GTIN-14.
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    store.prepare(`UPDATE products SET barcode = '09506000134352' WHERE sku = 'CASE-1'`).run();
  } finally {
    store.close();
  }
  await countBeeps(page);
  await bench.open(page);
  await expect(page.getByText('2 products, 0 orders awaiting dispatch', { exact: false })).toBeVisible();

  const words = 'The scanned GTIN 09506000134352 is the barcode of 2 products, CASE-1 (Phone case) and PHN-1 (Phone): a scan cannot tell them apart.';
  await hardwareScan(page, '9506000134352');
  await expect(page.getByRole('alert').filter({ hasText: words })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  // Neither product was opened.
  await expect(page.getByRole('heading', { name: /PHN-1|CASE-1/ })).toHaveCount(0);

  // Product search lists both for the GS1 code, with the same words.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  const box = page.getByLabel('SKU, title or barcode');
  await box.fill('(01)09506000134352');
  await box.press('Enter');
  const results = page.getByRole('list', { name: 'Products found' });
  await expect(results.getByRole('button')).toHaveCount(2);
  await expect(page.getByText(words, { exact: false })).toBeVisible();
  // The barcode as text finds both too, not only the product that has it written the same way.
  await box.fill('9506000134352');
  await box.press('Enter');
  await expect(results.getByRole('button')).toHaveCount(2);
  await expect(page.getByText(words, { exact: false })).toBeVisible();
});
