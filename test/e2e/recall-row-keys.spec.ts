/**
 * Recall's result rows answer the keys the order list and product search answer: once Tab (the rows
 * are one Tab stop) or "Show more" has put the focus on a row, Up/Down, Page Up/Down and Home/End move
 * it between the rows loaded, outlined, the rows staying plain table rows. The "Keyboard shortcuts"
 * dialog lists the keys.
 */
import { expect, expectAccessible, test } from './fixtures.js';
import { dispatchRouterSerials, recallRowsFor, tabTo } from './orders-helpers.js';

test('Up/Down, Page Up/Down and Home/End move between recall rows, the focus outlined', async ({ page, bench }) => {
  // One more dispatched unit than the screen's first page (200 rows).
  dispatchRouterSerials(bench, 201);
  await bench.open(page);
  const rows = await recallRowsFor(page, 'RS-');
  await expect(rows).toHaveCount(200);
  await tabTo(page, page.getByRole('button', { name: 'Show more' }), { max: 16 });
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(201);
  const last = rows.nth(200);
  await expect(last).toBeFocused();

  await page.keyboard.press('Home');
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(0)).toBeInViewport();
  // Up on the first row stays there.
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveText(/^RS-0002/);
  // The focused row is outlined (focus visible), as every focused control is.
  expect(await rows.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toBeFocused();

  // A page: more than one row, still in view.
  await page.keyboard.press('PageDown');
  const paged = await page.evaluate(() => (document.activeElement as HTMLTableRowElement | null)?.sectionRowIndex ?? -1);
  expect(paged).toBeGreaterThan(1);
  await expect(rows.nth(paged)).toBeInViewport();
  // A page is what the screen's scrolling area shows, less one row: the row before it is still in view.
  await expect(rows.nth(paged - 1)).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect(rows.nth(0)).toBeFocused();

  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last).toHaveText(/^RS-0201/);
  // Down on the last row loaded stays there.
  await page.keyboard.press('ArrowDown');
  await expect(last).toBeFocused();

  // Still plain table rows, and one Tab stop among them: the row last focused.
  await expect(rows.nth(5)).toHaveAttribute('tabindex', '-1');
  await expect(last).toHaveAttribute('tabindex', '0');
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expectAccessible(page);

  // The "Keyboard shortcuts" dialog lists them.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const recallKeys = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('table', { name: 'Recall' });
  await expect(recallKeys.getByRole('row')).toHaveText([/Keys/, /Up \/ Down, Page Up \/ Page Down, Home \/ End on a result row/]);
});

test('a few recall rows are reached by Tab, as one stop, and the list keys move between them', async ({ page, bench }) => {
  dispatchRouterSerials(bench, 3);
  await bench.open(page);
  const rows = await recallRowsFor(page, 'RS-');
  await expect(rows).toHaveCount(3);
  await tabTo(page, rows.nth(0), { max: 15 });
  await page.keyboard.press('End');
  await expect(rows.nth(2)).toBeFocused();
  // Out and back in by keys: the rows' Tab stop is the row last focused, and no row is a second stop.
  await page.keyboard.press('Shift+Tab');
  await expect(rows.nth(2)).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('tbody') === null)).toBe(true);
});
