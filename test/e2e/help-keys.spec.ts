/**
 * Help by keyboard only: the guide is longer than the window, and every section of it can be brought
 * to view by keys (Tab to the guide, then Page Down / End / Home), not only by a mouse wheel.
 */
import { DESKTOP_MENU_TITLE } from '../../shared/contract/menu-keys.js';
import { SHELL_COMMAND_EVENT } from '../../shared/contract/shell-commands.js';
import { expect, expectAccessible, test } from './fixtures.js';
import { SINGLE_SKU, allocationDialog, focusNothing, hardwareScan, picker, seedOrders, tabTo } from './orders-helpers.js';

test('every section of Help can be reached by keys: Tab to the guide, then End, Home and Page Down scroll it', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('button', { name: 'Help' }).focus();
  await page.keyboard.press('Enter');
  const guide = page.getByRole('region', { name: 'Help' });
  const first = guide.getByRole('heading', { name: 'Step by step: from serial numbers to dispatch', exact: true });
  // The guide's very end (its last section is taller than the window: its heading scrolls out at End).
  const last = guide.locator('xpath=(.//*)[last()]');
  await expect(first).toBeInViewport();
  await expect(last).not.toBeInViewport();

  // Tab from the nav button reaches the guide before anything in it.
  for (let i = 0; i < 5 && !(await guide.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(guide).toBeFocused();
  await page.keyboard.press('End');
  await expect(last).toBeInViewport();
  await expect(first).not.toBeInViewport();
  await page.keyboard.press('Home');
  await expect(first).toBeInViewport();
  await page.keyboard.press('PageDown');
  await expect(guide).toBeFocused();
  await expectAccessible(page);
});

test('F1 in the allocation dialog shows the keyboard shortcuts over it; Escape gives the focus back to the box it was on', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await focusNothing(page);
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-3', exact: true })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Add' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = allocationDialog(page);
  const box = picker(page, 'SO-3', SINGLE_SKU, 1);
  await expect(box).toBeFocused();

  // Where the packer most needs the dialog's own keys.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('table', { name: 'Allocation dialog' })).toBeVisible();
  // The desktop menu's keys too (they were missing), said to work in the desktop app only.
  const menuKeys = help.getByRole('table', { name: DESKTOP_MENU_TITLE });
  await expect(menuKeys.getByRole('row', { name: /^Ctrl\+O Import…/ })).toBeVisible();
  await expect(menuKeys.getByRole('row', { name: /^Ctrl\+L Identifier Lookup/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(box).toBeFocused();
});

test('a scan while the keyboard shortcuts show closes them and opens the scanned order; its Enter is not lost on Close', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await focusNothing(page);
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('region', { name: 'Shortcuts' })).toBeFocused();
  // On Close, where the scan's Enter would press it.
  await page.keyboard.press('Tab');
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2', exact: true })).toBeFocused();
  await expect(help).toBeHidden();
});

test('Help opened from the menu takes the focus on its guide: End and Home scroll it at once, with no Tab first', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  // The focus was on a control of the screen the menu command leaves (it goes with that screen).
  await page.getByRole('checkbox', { name: 'Select order SO-1', exact: true }).focus();
  await page.evaluate(([event, detail]) => window.dispatchEvent(new CustomEvent(event, { detail })), [SHELL_COMMAND_EVENT, 'openHelp'] as const);
  const guide = page.getByRole('region', { name: 'Help' });
  const first = guide.getByRole('heading', { name: 'Step by step: from serial numbers to dispatch', exact: true });
  // The guide's very end (its last section is taller than the window: its heading scrolls out at End).
  const last = guide.locator('xpath=(.//*)[last()]');
  await expect(guide).toBeFocused();
  await page.keyboard.press('End');
  await expect(last).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(first).toBeInViewport();
});

test('"?" in the open Actions menu shows the keyboard shortcuts; closing them puts the focus on "Actions", the menu closed (APG menu button)', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const actions = page.getByRole('button', { name: 'Actions' });
  await tabTo(page, actions);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Dispatch Identifiers' })).toBeFocused();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(actions).toBeFocused();
  await expect(actions).toHaveAttribute('aria-expanded', 'false');
  // Keys go on from there: the menu opens again on Enter.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Dispatch Identifiers' })).toBeFocused();
});
