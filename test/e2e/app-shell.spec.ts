/**
 * The app shell around the screens: navigation always opens a screen afresh, and the Electron
 * menu's commands (delivered by the preload as DOM events) reach the renderer.
 */
import type { Page } from '@playwright/test';
import { SHELL_COMMAND_EVENT, type ShellCommand } from '../../shared/contract/shell-commands.js';
import { expect, test } from './fixtures.js';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

async function sendShellCommand(page: Page, command: ShellCommand): Promise<void> {
  await page.evaluate(([event, detail]) => window.dispatchEvent(new CustomEvent(event, { detail })), [SHELL_COMMAND_EVENT, command] as const);
}

test('pressing "Products" while a product is open goes back to the product search', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await nav(page, 'Products').click();
  await page.getByLabel('SKU, title or barcode').fill('PHN-X1');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: /^PHN-X1 / }).click();
  await expect(page.getByRole('heading', { name: 'Product Variation: PHN-X1' })).toBeVisible();

  await nav(page, 'Products').click();
  await expect(page.getByLabel('SKU, title or barcode')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Product Variation/ })).toHaveCount(0);
});

test('a change behind the page\'s back shows by itself, and the menu\'s Identifier Lookup opens the lookup', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  const counts = page.getByRole('status').filter({ hasText: 'orders awaiting dispatch' });
  await expect(counts).toContainText('30 orders awaiting dispatch');

  // Another writer changes the data behind the page's back: the change stream tells the page.
  bench.handlers.importCsv({ files: [{ name: 'orders.csv', content: 'order_number,customer,sku,quantity\nMENU-1,Menu Customer,CBL-USB,1\n' }] });
  await expect(counts).toContainText('31 orders awaiting dispatch');

  await sendShellCommand(page, 'identifierLookup');
  await expect(page.getByRole('heading', { name: 'Identifier Lookup' })).toBeVisible();
});
