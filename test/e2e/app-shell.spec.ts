/**
 * The app shell around the screens: navigation always opens a screen afresh, and the Electron
 * menu's commands (delivered by the preload as DOM events) reach the renderer.
 */
import type { Page } from '@playwright/test';
import { SHELL_COMMAND_EVENT, type ShellCommand } from '../../shared/contract/shell-commands.js';
import { expect, test } from './fixtures.js';
import { focusNothing, hardwareScan, orderRow, seedOrders, tabTo } from './orders-helpers.js';

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

test("a refused scan's warning goes with the screen it was about: by a nav button, as by the menu", async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(orderRow(page, 'SO-1')).toBeVisible();
  const refuse = async () => {
    await focusNothing(page);
    await hardwareScan(page, 'NOPE-12345', { gapMs: 5 });
    const notice = page.getByRole('alert').filter({ hasText: 'Scanned "NOPE-12345"' });
    await expect(notice).toBeVisible();
    return notice;
  };

  // By keys: Tab to "Products" and Enter.
  const notice = await refuse();
  await tabTo(page, nav(page, 'Products'));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('SKU, title or barcode')).toBeVisible();
  await expect(notice).toHaveCount(0);

  // The menu's Settings leaves the screen as a nav button does.
  await refuse();
  await sendShellCommand(page, 'openSettings');
  await expect(nav(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  await expect(notice).toHaveCount(0);
});

test('Settings opened from the menu before the bench\'s settings are read takes the focus on its heading once they are in', async ({ page, bench }) => {
  seedOrders(bench);
  // The settings are read at start-up; on a loaded bench the answer can come after the menu command.
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/getSettings', async (route) => {
    await answered;
    await route.continue();
  });
  await bench.open(page);
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).focus();
  await sendShellCommand(page, 'openSettings');
  await expect(page.getByText('Loading…')).toBeVisible();
  answer();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Bench name' })).toBeFocused();
});

test('Settings and Import opened from the menu take the focus on their heading (not a box a scan would type into), so keys work with no Tab first', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  // The focus was on a control of the screen the menu command leaves (it goes with that screen).
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).focus();
  await sendShellCommand(page, 'openSettings');
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Bench name' })).toBeFocused();

  // Import… from Settings' own box: the box goes with the screen left, the Import screen's heading has it.
  await sendShellCommand(page, 'openImport');
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('CSV files (products, identifiers, orders)')).toBeFocused();

  // A screen that places the focus itself keeps its own place (Help's guide), and a nav button keeps it.
  await sendShellCommand(page, 'openHelp');
  await expect(page.getByRole('region', { name: 'Help' })).toBeFocused();
  await tabTo(page, nav(page, 'Settings'));
  await page.keyboard.press('Enter');
  await expect(nav(page, 'Settings')).toBeFocused();
});
