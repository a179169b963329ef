/**
 * "Export for Excel" on the Recall screen, in Chromium against the real browser-mode host: the download
 * is an .xlsx workbook whose identifier cells hold the text dispatched (a 15-digit IMEI, "00123"),
 * not numbers; reached by the keyboard; a failed export is said and beeped as Export CSV's is.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, expectAccessible, test } from './fixtures.js';
import { beeps, countBeeps, csvRows, lineIds, orderId, tabTo } from './orders-helpers.js';

const IMEI = '356938035643809';

/** The first column's cells of the workbook's sheet, in row order, as text (inline strings only). */
function identifierColumn(bytes: Buffer): Array<{ type: string | undefined; text: string }> {
  const sheet = strFromU8(unzipSync(new Uint8Array(bytes))['xl/worksheets/sheet1.xml']!);
  return [...sheet.matchAll(/<c r="A\d+"[^>]*?(?: t="(\w+)")?>(?:<is><t[^>]*>([^<]*)<\/t><\/is>|<v>([^<]*)<\/v>)<\/c>/g)].map((m) => ({
    type: m[1],
    text: m[2] ?? m[3] ?? '',
  }));
}

test('"Export for Excel" downloads an .xlsx whose identifier cells are the dispatched text', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['IMEI-PH', 'Phone', '', 'single_use', '2']]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['IMEI-PH', IMEI], ['IMEI-PH', '00123']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-X', 'Excel & Co', 'IMEI-PH', '2']]) },
    ],
  });
  const lineId = lineIds(bench, 'SO-X')['IMEI-PH']!;
  bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value: IMEI }, { lineId, unit: 2, value: '00123' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-X'), lines: [{ lineId, quantity: 2 }] }).status).toBe('dispatched');
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByLabel(/Product SKU/).fill('IMEI-PH');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('2 units in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  const excel = page.getByRole('button', { name: 'Export for Excel' });
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await expectAccessible(page);

  // By the keyboard: Tab to it, Enter.
  await tabTo(page, excel);
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^recall-IMEI-PH-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const cells = identifierColumn(readFileSync((await download.path())!));
  expect(cells).toEqual([
    { type: 'inlineStr', text: 'Identifier' },
    { type: 'inlineStr', text: '00123' },
    { type: 'inlineStr', text: IMEI },
  ]);
  expect(await beeps(page)).toBe(0);

  // An export the bench cannot make is a refusal: said and beeped, the results stay.
  await page.route('**/api/prepareRecallExport', (route) => route.abort());
  await excel.click();
  await expect(page.locator('.recall').getByRole('alert')).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByText('2 units in 1 order for 1 customer, from 1 bench.')).toBeVisible();
});
