/**
 * Scans made outside any box that open Identifier Lookup: a GS1 code names its product by GTIN, so
 * the lookup it opens shows that product's identifier only, as a scan into the lookup box does. And the
 * lookup's own refusals, as a packer meets them again and again; a recall that finds nothing.
 */
import { expect, scan, test } from './fixtures.js';
import { beeps, countBeeps, dispatchSerialOfSo3, hardwareScan, seedOrders } from './orders-helpers.js';

test('a GS1 code scanned outside any box opens the lookup of its own product’s serial, not another product’s', async ({ page, bench }) => {
  // EAN-13 barcodes: GTIN-14 09506000134352 (MED-1) and 09501101530003 (MED-2); both hold serial SN-DUP.
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nMED-1,Med One,9506000134352,multiple_use,1\nMED-2,Med Two,9501101530003,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nMED-1,SN-DUP\nMED-2,SN-DUP\n' },
    ],
  });
  await bench.open(page);
  await expect(page.getByText('2 products, 0 orders awaiting dispatch', { exact: false })).toBeVisible();
  await hardwareScan(page, '(01)09506000134352(21)SN-DUP');
  await expect(page.getByRole('heading', { name: 'Identifier Lookup' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'MED-1: SN-DUP' })).toBeVisible();
  await expect(page.getByText('The GS1 code is product MED-1 (Med One): only its identifier is shown.')).toBeVisible();
  await expect(page.getByRole('article', { name: 'MED-2: SN-DUP' })).toHaveCount(0);
});

test('lookup: a refusal repeated is announced again, and an empty look-up says what is missing', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  const refusal = page.locator('.lookup').getByRole('alert');
  // A GTIN with a wrong check digit, scanned twice: each refusal is a new alert, so each is announced.
  await box.focus();
  await scan(page, '(01)09506000134353(21)SN-1', { delay: 5 });
  await expect(refusal).toContainText('wrong check digit');
  await expect.poll(() => beeps(page)).toBe(1);
  await refusal.evaluate((el) => el.setAttribute('data-announced', 'yes'));
  await box.fill('');
  await scan(page, '(01)09506000134353(21)SN-1', { delay: 5 });
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(refusal).toContainText('wrong check digit');
  await expect(refusal).not.toHaveAttribute('data-announced', 'yes');

  // Nothing to look up: said, beeped and announced, not silence.
  await box.fill('   ');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(refusal).toHaveText(/Type or scan an identifier to look up\.$/);
  await expect.poll(() => beeps(page)).toBe(3);
});

test('lookup of a value one product holds and another had: the other’s history shows too', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nKEEP-1,Keeps it,,multiple_use,1\nDROP-1,Dropped it,,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nKEEP-1,X-1\nDROP-1,X-1\n' },
    ],
  });
  // Taken off DROP-1 in its serial numbers grid.
  const dropped = bench.handlers.findProducts({ query: 'DROP-1', offset: 0, limit: 1 }).items[0]!;
  const grid = bench.handlers.getSerialGrid({ productId: dropped.id, offset: 0, limit: 50 }).boxes;
  const box = grid.findIndex((b) => b.value === 'X-1');
  bench.handlers.saveSerialGrid({ productId: dropped.id, edits: [{ box, identifierId: grid[box]!.identifierId, value: '' }] });

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('X-1');
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  await expect(page.getByRole('article', { name: 'KEEP-1: X-1' })).toContainText('Available');
  await expect(page.getByRole('region', { name: 'History of X-1 (DROP-1)' }).getByRole('listitem')).toHaveText([/Added/, /Removed/]);
});

test('recall that finds nothing says so in words, naming case and what it lists', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  // Differs only in case: another identifier, which no unit was dispatched with.
  await page.getByLabel('Identifier', { exact: true }).fill('sn-b');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.recall').getByText('No dispatched unit matched. Identifiers are case sensitive; only dispatched units are listed.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Dispatched units' })).toHaveCount(0);
});

test('lookup: a GS1 code whose GTIN is no product’s barcode is refused aloud, beeped once per scan, and every product’s identifier is shown', async ({ page, bench }) => {
  // GTIN-14 09506000134376 is no product's barcode here; MED-1 (09506000134352) holds SN-DUP.
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nMED-1,Med One,9506000134352,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nMED-1,SN-DUP\n' },
    ],
  });
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  const unknown = page.locator('.lookup').getByRole('alert').filter({ hasText: "The scanned GTIN 09506000134376 is no product's barcode on this bench" });
  await box.focus();
  await scan(page, '(01)09506000134376(21)SN-DUP', { delay: 5 });
  await expect(unknown).toBeVisible();
  await expect(unknown).toContainText("Every product's identifier of that value is shown.");
  await expect(page.getByRole('article', { name: 'MED-1: SN-DUP' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  // Once per scan, not once per render.
  await page.waitForTimeout(300);
  expect(await beeps(page)).toBe(1);

  // The same code scanned again is a new refusal: beeped and announced again.
  await unknown.evaluate((el) => el.setAttribute('data-announced', 'yes'));
  await box.fill('');
  await scan(page, '(01)09506000134376(21)SN-DUP', { delay: 5 });
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(unknown).toBeVisible();
  await expect(unknown).not.toHaveAttribute('data-announced', 'yes');

  // A code naming a known product is no refusal: its note is not an alert, and nothing beeps.
  await box.fill('');
  await scan(page, '(01)09506000134352(21)SN-DUP', { delay: 5 });
  await expect(page.getByText('The GS1 code is product MED-1 (Med One): only its identifier is shown.')).toBeVisible();
  await expect(unknown).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await beeps(page)).toBe(2);
});
