/**
 * A keyboard-and-scanner packer: a control that goes away once pressed never drops the focus to the
 * page, and the identifier list answers Up as the APG combobox pattern says.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { allocationDialog, countBeeps, beeps, focusNothing, hardwareScan, lineIds, orderId, orderRow, picker, PHONE_SERIALS, seedOrders, SINGLE_SKU, tabTo } from './orders-helpers.js';

/** Reaches the order list by Tab, moves down `downs` orders and selects that one by Space, by keys only. */
async function selectOrderByKeys(page: Page, downs: number, orderNumber: string): Promise<void> {
  const grid = page.getByRole('grid', { name: 'Orders awaiting dispatch' });
  await expect(orderRow(page, 'SO-1')).toBeVisible();
  await tabTo(page, grid.getByRole('row').first());
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, orderNumber)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('1 order selected', { exact: true })).toBeVisible();
}

async function focusIsOnPage(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement === null || document.activeElement === document.body);
}

test('"Clear selection" gives the focus back to the order list, not to the page', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await selectOrderByKeys(page, 1, 'SO-2');

  await tabTo(page, page.getByRole('button', { name: 'Clear selection' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByText('0 orders selected', { exact: true })).toBeVisible();
  expect(await focusIsOnPage(page)).toBe(false);
  // Back on the order the packer was on: the arrows go on from there.
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-3')).toBeFocused();
});

test('"Clear selection" focused when its one selected order is dispatched elsewhere hands the focus to the order list, not the page', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await selectOrderByKeys(page, 2, 'SO-3');
  await page.keyboard.press('ArrowUp');
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Clear selection' }), { backwards: true });

  // Another bench dispatches SO-3: the selection empties and "Clear selection" goes with it.
  const so3 = lineIds(bench, 'SO-3');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] });
  await expect(page.locator('.selection-count')).toHaveText('0 orders selected. 1 selected order was dispatched and left the selection.');
  await expect(page.getByRole('button', { name: 'Clear selection' })).toHaveCount(0);
  expect(await focusIsOnPage(page)).toBe(false);
  // Back on the order the packer was on: the arrows go on from there.
  await expect(orderRow(page, 'SO-2')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-4')).toBeFocused();
});

test('"Dismiss" on a refused scan gives the focus back, not to the page; the next scan still routes', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await expect(orderRow(page, 'SO-1')).toBeVisible();
  await focusNothing(page);
  await hardwareScan(page, 'NOPE-12345', { gapMs: 5 });
  const notice = page.getByRole('alert').filter({ hasText: 'Scanned "NOPE-12345"' });
  await expect(notice).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);

  await tabTo(page, notice.getByRole('button', { name: 'Dismiss' }));
  await page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  expect(await focusIsOnPage(page)).toBe(false);
  // Still no box focused: the next scan of an order number opens it.
  await hardwareScan(page, 'SO-3', { gapMs: 5 });
  await expect(page.getByRole('heading', { name: /SO-3/ }).first()).toBeVisible();
});

/** The focus ring as drawn: the outline and the yellow band (box-shadow) of `:focus-visible`. */
async function focusRing(page: Page, selector: string): Promise<{ focused: boolean; outline: string; shadow: string }> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel)!;
    const style = getComputedStyle(element);
    return { focused: document.activeElement === element, outline: style.outlineStyle === 'none' ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
  }, selector);
}

test('the screen (<main>) focused by "Dismiss" or by a click on empty space draws no ring round the whole screen; scans still route', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(orderRow(page, 'SO-1')).toBeVisible();
  await focusNothing(page);
  await hardwareScan(page, 'NOPE-12345', { gapMs: 5 });
  const notice = page.getByRole('alert').filter({ hasText: 'Scanned "NOPE-12345"' });
  await tabTo(page, notice.getByRole('button', { name: 'Dismiss' }));
  await page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  // Focused by script after a key press: the keyboard's focus ring (:focus-visible) would be drawn round the screen.
  expect(await page.evaluate(() => document.querySelector('main')!.matches(':focus-visible'))).toBe(true);
  expect(await focusRing(page, 'main')).toEqual({ focused: true, outline: 'none', shadow: 'none' });

  // A click on empty space inside the screen focuses <main> too (it takes script focus): no ring either.
  await focusNothing(page);
  const box = (await page.locator('main').boundingBox())!;
  const spot = { x: box.x + box.width - 4, y: box.y + box.height - 4 };
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button, input, a, [tabindex]')?.tagName, spot)).toBe('MAIN');
  await page.mouse.click(spot.x, spot.y);
  expect(await focusRing(page, 'main')).toEqual({ focused: true, outline: 'none', shadow: 'none' });

  // Other controls keep their ring: focus is always outlined for the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Products' }));
  expect((await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle))).toBe('solid');

  // <main> focused, no box: a scan of an order number still opens it.
  await page.mouse.click(spot.x, spot.y);
  expect(await focusRing(page, 'main')).toMatchObject({ focused: true });
  await hardwareScan(page, 'SO-3', { gapMs: 5 });
  await expect(page.getByRole('heading', { name: /SO-3/ }).first()).toBeVisible();
});

test('identifier list: Up with the list open and no option active goes to the last option (APG combobox)', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(orderRow(page, 'SO-3')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Orders awaiting dispatch' });
  await tabTo(page, grid.getByRole('row').first());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(orderRow(page, 'SO-3')).toBeFocused();
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Actions' }), { backwards: true });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(allocationDialog(page)).toBeVisible();
  const box = picker(page, 'SO-3', SINGLE_SKU, 1);
  await expect(box).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const listbox = page.getByRole('listbox', { name: /^Identifiers for / });
  await expect(listbox.getByRole('option')).toHaveCount(PHONE_SERIALS.length);
  await expect(box).not.toHaveAttribute('aria-activedescendant');

  await page.keyboard.press('ArrowUp');
  const last = listbox.getByRole('option').last();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await last.getAttribute('id'))!);
  await page.keyboard.press('ArrowUp');
  await expect(listbox.getByRole('option').nth(PHONE_SERIALS.length - 2)).toHaveAttribute('aria-selected', 'true');
});
