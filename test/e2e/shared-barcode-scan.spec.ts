/**
 * A barcode two products share (a store from before the import refused it, or products from the hub):
 * a scan of it outside any box does not open one of them silently. It is refused, beeped and said,
 * naming both SKUs; Product search, a list, shows both products with the same words. Identifier Lookup of
 * its GS1 code says the same and shows each product's identifier; Recall refuses it until the SKU box names one.
 */
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { openStoreWriter } from '../support/store.js';
import { expect, expectAccessible, scan, test, type BenchFixture } from './fixtures.js';
import { beeps, countBeeps, csvRows, hardwareScan, lineIds, orderId } from './orders-helpers.js';

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

/**
 * PHN-S and CASE-S share GTIN 09506000134352 (CASE-S as the hub may send it, written as GTIN-14); TAB-S
 * has its own (09501101530003). Each holds serial SN-DUP, dispatched to SO-S1, SO-S2 and SO-S3.
 */
function seedSharedSerials(bench: BenchFixture): void {
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csvRows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['PHN-S', 'Phone', '9506000134352', 'single_use', 1, 'serial'],
          ['CASE-S', 'Phone case', '', 'single_use', 1, 'serial'],
          ['TAB-S', 'Tablet', '9501101530003', 'single_use', 1, 'serial'],
        ]),
      },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['PHN-S', 'SN-DUP'], ['CASE-S', 'SN-DUP'], ['TAB-S', 'SN-DUP']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-S1', 'Shop', 'PHN-S', 1], ['SO-S2', 'Mall', 'CASE-S', 1], ['SO-S3', 'Kiosk', 'TAB-S', 1]]) },
    ],
  });
  for (const [orderNumber, sku] of [['SO-S1', 'PHN-S'], ['SO-S2', 'CASE-S'], ['SO-S3', 'TAB-S']] as const) {
    const lineId = lineIds(bench, orderNumber)[sku]!;
    bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value: 'SN-DUP' }] });
    expect(bench.handlers.completeOrder({ orderId: orderId(bench, orderNumber), lines: [{ lineId, quantity: 1 }] }).status).toBe('dispatched');
  }
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    store.prepare(`UPDATE products SET barcode = '09506000134352' WHERE sku = 'CASE-S'`).run();
  } finally {
    store.close();
  }
}

const SHARED_WORDS = 'The scanned GTIN 09506000134352 is the barcode of 2 products, CASE-S (Phone case) and PHN-S (Phone): a scan cannot tell them apart.';

test('Identifier Lookup of a GS1 code whose GTIN two products share says so naming both, beeps, and shows the identifier of each', async ({ page, bench }) => {
  seedSharedSerials(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  const shared = page.locator('.lookup').getByRole('alert').filter({ hasText: SHARED_WORDS });
  await box.focus();
  await scan(page, '(01)09506000134352(21)SN-DUP');
  await expect(shared).toBeVisible();
  await expect(shared).toContainText("Each one's identifier of that value is shown.");
  // Both products' SN-DUP, each with its own history; not TAB-S's (another GTIN).
  await expect(page.getByRole('article', { name: 'PHN-S: SN-DUP' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'CASE-S: SN-DUP' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'TAB-S: SN-DUP' })).toHaveCount(0);
  await expect(page.getByText(/only its identifier is shown/)).toHaveCount(0);
  await expect.poll(() => beeps(page)).toBe(1);
  await page.waitForTimeout(300);
  expect(await beeps(page)).toBe(1);

  // A GTIN one product has: that product's identifier only, as before, nothing beeped.
  await box.fill('');
  await scan(page, '(01)09501101530003(21)SN-DUP');
  await expect(page.getByText('The GS1 code is product TAB-S (Tablet): only its identifier is shown.')).toBeVisible();
  await expect(page.getByRole('article', { name: 'TAB-S: SN-DUP' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'PHN-S: SN-DUP' })).toHaveCount(0);
  await expect(shared).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await beeps(page)).toBe(1);

  // Scanned outside any box: the lookup it opens says the same, beeped again.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByRole('heading', { name: 'Recall' }).click();
  await hardwareScan(page, '(01)09506000134352(21)SN-DUP');
  await expect(page.getByRole('heading', { name: 'Identifier Lookup' })).toBeVisible();
  await expect(shared).toBeVisible();
  await expect(page.getByRole('article', { name: 'CASE-S: SN-DUP' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'PHN-S: SN-DUP' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(2);
  await expectAccessible(page);
});

test('Recall of a GS1 code whose GTIN two products share is refused naming both and beeped, until the SKU box names the one held', async ({ page, bench }) => {
  seedSharedSerials(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  const sku = page.getByLabel(/Product SKU/);
  const identifier = page.getByLabel('Identifier', { exact: true });
  const rows = page.getByRole('table', { name: 'Dispatched units' }).locator('tbody').getByRole('row');
  const shared = page.locator('.recall').getByRole('alert').filter({ hasText: SHARED_WORDS });

  // Into the Identifier box, no SKU typed: refused, nothing searched.
  await identifier.focus();
  await scan(page, '(01)09506000134352(21)SN-DUP');
  await expect(shared).toBeVisible();
  await expect(shared).toContainText('Type the SKU of the one you hold in the SKU box and search again.');
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(sku).toHaveValue('');
  await expect(page.getByRole('table', { name: 'Dispatched units' })).toHaveCount(0);

  // The packer picks the product in the SKU box (any case): the code is searched in it.
  await sku.fill('case-s');
  await sku.press('Enter');
  await expect(sku).toHaveValue('CASE-S');
  await expect(identifier).toHaveValue('SN-DUP');
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SO-S2');
  await expect(page.getByText(`${SHARED_WORDS} The search is for the units of CASE-S (Phone case), the SKU typed.`)).toBeVisible();
  // That product exactly (not SKUs it starts, nor another case), said beside the box until it is edited.
  await expect(sku).toHaveAccessibleDescription('Exactly CASE-S, the product a code named: edit the SKU to search by its start.');
  await expect(shared).toHaveCount(0);
  expect(await beeps(page)).toBe(1);

  // Into the SKU box, as a GS1 code or as the barcode printed on the box: refused, the results shown stay.
  await sku.fill('');
  await sku.focus();
  await scan(page, '(01)09506000134352(21)SN-DUP');
  await expect(shared).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(rows).toHaveCount(1);
  await sku.fill('');
  await scan(page, '9506000134352');
  await expect(shared).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(3);
  await expect(rows.first()).toContainText('SO-S2');

  // A GTIN one product has: its units, as before, nothing beeped.
  await sku.fill('');
  await identifier.fill('');
  await identifier.focus();
  await scan(page, '(01)09501101530003(21)SN-DUP');
  await expect(sku).toHaveValue('TAB-S');
  await expect(page.getByText('The GS1 code is product TAB-S (Tablet): the search is for its units only.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SO-S3');
  expect(await beeps(page)).toBe(3);
  await expectAccessible(page);
});

test('Identifier Lookup of a shared GTIN whose value no product holds beeps once for the look-up, not once per warning', async ({ page, bench }) => {
  seedSharedSerials(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  await box.focus();
  await scan(page, '(01)09506000134352(21)SN-NOBODY');
  await expect(page.locator('.lookup').getByRole('alert').filter({ hasText: SHARED_WORDS })).toBeVisible();
  await expect(page.locator('.lookup').getByText(/SN-NOBODY/).first()).toBeVisible();
  await expect.poll(() => beeps(page)).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  expect(await beeps(page)).toBe(1);
});
