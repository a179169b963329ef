/**
 * The first-run screen by keys, as a manager setting up a new bench: load the demo data, Tab on to
 * "Go to Order Dispatch" and press Enter; the button goes with the screen, so the focus must go to
 * the screen shown, never to the page, where the next Tab starts over from the top.
 */
import { expect, test } from './fixtures.js';

test('"Go to Order Dispatch" pressed by keys leaves the focus in the screen it opens, not on the page', async ({ page, bench }) => {
  await bench.open(page);
  await expect(page.getByRole('heading', { name: 'Welcome to the packing bench' })).toBeVisible();
  await page.getByRole('button', { name: 'Load demo data' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Demo data loaded' })).toBeVisible();
  // The outcome has the focus (announced); the next Tab reaches the way on.
  await page.keyboard.press('Tab');
  const goOn = page.getByRole('button', { name: 'Go to Order Dispatch' });
  await expect(goOn).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Welcome to the packing bench' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Order Dispatch' })).toHaveAttribute('aria-current', 'page');
  const focus = () => page.evaluate(() => (document.activeElement === document.body ? 'body' : document.activeElement?.closest('main') ? 'main' : 'elsewhere'));
  await expect.poll(focus).toBe('main');
  // Still there once the order list has loaded.
  await page.waitForTimeout(300);
  expect(await focus()).toBe('main');
});

test('the first-run screen opens with its heading focused: F1 then Escape gives the focus back to it, not to the page', async ({ page, bench }) => {
  await bench.open(page);
  const heading = page.getByRole('heading', { name: 'Welcome to the packing bench' });
  await expect(heading).toBeFocused();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(heading).toBeFocused();
  // The next Tab goes on into the screen: the file box comes first.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('CSV files (products, identifiers, orders)')).toBeFocused();
});

test('an import that adds nothing (a file of headers only) offers no "Go to Order Dispatch": the bench is still empty', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles([
    { name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,title,barcode,identifier_mode,stock_level\n') },
  ]);
  await page.getByRole('button', { name: 'Import files' }).click();
  await expect(page.getByText(/held no rows under its header/)).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Go to Order Dispatch' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'This bench has no products or orders yet.' })).toBeVisible();
});

test('more files than one import takes are refused saying how many were chosen, and nothing is imported', async ({ page, bench }) => {
  await bench.open(page);
  const products = (n: number) => ({ name: `products-${n}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`sku,title,barcode,identifier_mode,stock_level\nP-${n},Product ${n},,none,1\n`) });
  await page.getByLabel('CSV files (products, identifiers, orders)').setInputFiles(Array.from({ length: 11 }, (_, i) => products(i + 1)));
  await page.getByRole('button', { name: 'Import files' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'files are chosen' })).toHaveText(/11 files are chosen: choose at most 10 at a time, and import the rest next\./);
  expect(bench.handlers.getBenchInfo({}).productCount).toBe(0);
});
