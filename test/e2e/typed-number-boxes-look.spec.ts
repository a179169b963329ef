/**
 * The boxes that were number boxes (dispatch quantity, new stock level, Go to box) are text boxes now
 * (Chromium's number box dropped a typed comma or space). They keep the look of every box a packer types
 * a number or a value in: the app's 44 px touch target and 2 px border (app.css), as Go to unit's text box
 * has, not the browser's small default box.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { PLAIN_SKU, SINGLE_SKU, orderRow, seedOrders } from './orders-helpers.js';

async function look(box: Locator) {
  return box.evaluate((element) => {
    const style = getComputedStyle(element);
    return { minHeight: Number.parseFloat(style.minHeight) >= 44, border: style.borderTopWidth, height: element.getBoundingClientRect().height >= 44 };
  });
}
const TYPED_BOX = { minHeight: true, border: '2px', height: true };

async function openProduct(page: Page, sku: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(sku);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${sku} `) }).click();
  await expect(page.getByRole('heading', { name: `Product Variation: ${sku}` })).toBeVisible();
}

test('the dispatch quantity, new stock level and Go to box boxes have the typed boxes\' 44 px target and border', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-3').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeVisible();
  expect(await look(page.getByLabel(`Dispatch quantity for ${SINGLE_SKU}`))).toEqual(TYPED_BOX);

  await openProduct(page, PLAIN_SKU);
  expect(await look(page.getByLabel('New stock level'))).toEqual(TYPED_BOX);

  await openProduct(page, SINGLE_SKU);
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  expect(await look(page.getByLabel('Go to box'))).toEqual(TYPED_BOX);
});

test('every Settings box has the typed boxes\' 44 px target and border, the suffix key\'s list too (some were the browser\'s small boxes)', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  for (const label of ['Bench name', 'Hub URL', 'Bench token', 'Scanner key interval (ms)', 'Shortest scan (characters)', 'Scanner suffix key', 'GS substitute character', 'Label printer']) {
    expect({ label, ...(await look(page.getByLabel(label, { exact: true }))) }).toEqual({ label, ...TYPED_BOX });
  }
});
