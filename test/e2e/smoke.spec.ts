import { expect, test } from './fixtures.js';

test('the bench opens in Chromium over the loopback host', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('orders awaiting dispatch');
});
