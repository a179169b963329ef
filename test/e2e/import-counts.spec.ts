/**
 * What the Import screen says after a large import, by keyboard only: the per-file counts are read
 * with thousands separators ("1,234"), as every count in the app is.
 */
import { expect, test } from './fixtures.js';

const PRODUCTS_CSV = 'sku,title,barcode,identifier_mode,stock_level\nCTN-1,Carton,,multiple_use,0\n';
const identifiersCsv = (n: number) => `sku,identifier\n${Array.from({ length: n }, (_, i) => `CTN-1,C-${String(i + 1).padStart(5, '0')}`).join('\n')}\n`;

test('a large import shows its per-file counts with thousands separators: 1,234 rows, 1,234 added', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    { name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(PRODUCTS_CSV) },
    { name: 'cartons.csv', mimeType: 'text/csv', buffer: Buffer.from(identifiersCsv(1234)) },
  ]);
  await page.getByRole('button', { name: 'Import files' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Files imported' }).getByRole('row');
  await expect(rows).toHaveText([/File/, /products\.csv\s*products\s*1\s*1 product\s*0 products\s*0 products/, /cartons\.csv\s*identifiers\s*1,234\s*1,234 identifiers\s*0 identifiers\s*0 identifiers/]);

  // The same file again: every row unchanged, said the same way.
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([{ name: 'cartons.csv', mimeType: 'text/csv', buffer: Buffer.from(identifiersCsv(1234)) }]);
  await page.getByRole('button', { name: 'Import files' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveText([/File/, /cartons\.csv\s*identifiers\s*1,234\s*0 identifiers\s*0 identifiers\s*1,234 identifiers/]);
});

test('a file with only its header is said to have held no rows, beside the files that had some', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    { name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(PRODUCTS_CSV) },
    { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('order_number,customer,sku,quantity\r\n') },
  ]);
  await page.getByRole('button', { name: 'Import files' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await expect(page.getByText('orders.csv held no rows under its header: nothing in it was imported.')).toBeVisible();
  await expect(page.getByText('products.csv held no rows', { exact: false })).toHaveCount(0);
});
