import { expect, expectAccessible, test } from './fixtures.js';

test('the bench opens in Chromium over the loopback host', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('orders awaiting dispatch');
});

test('the accessibility check fails on a serious violation on the page, and passes once it is gone', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('orders awaiting dispatch');
  await expectAccessible(page);
  // A button with no name (axe's "button-name", critical), as a careless change would add one.
  await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('button'), { id: 'nameless' })));
  await expect(expectAccessible(page)).rejects.toThrow(/button-name: Buttons must have discernible text \(#nameless\)/);
  // After a reload (a new document, axe put in again), the same check runs.
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('orders awaiting dispatch');
  await expectAccessible(page);
  await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('button'), { id: 'nameless' })));
  await expect(expectAccessible(page)).rejects.toThrow(/button-name/);
});
