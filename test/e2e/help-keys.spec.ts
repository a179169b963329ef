/**
 * Help by keyboard only: the guide is longer than the window, and every section of it can be brought
 * to view by keys (Tab to the guide, then Page Down / End / Home), not only by a mouse wheel.
 */
import { expect, expectAccessible, test } from './fixtures.js';
import { seedOrders } from './orders-helpers.js';

test('every section of Help can be reached by keys: Tab to the guide, then End, Home and Page Down scroll it', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('button', { name: 'Help' }).focus();
  await page.keyboard.press('Enter');
  const guide = page.getByRole('region', { name: 'Help' });
  const first = guide.getByRole('heading', { name: 'Import', exact: true });
  const last = guide.getByRole('heading', { name: 'Traceability and paperwork' });
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
