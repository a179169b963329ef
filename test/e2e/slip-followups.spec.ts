/**
 * The packing slip as a packer uses it between parcels: the next order's barcode scanned while the
 * slip still shows. Its characters went nowhere and its Enter pressed the focused Print: the slip
 * printed again and the next order never opened.
 */
import { expect, test } from './fixtures.js';
import { focusNothing, hardwareScan, lineIds, MULTI_SKU, orderId, orderRow, PLAIN_SKU, seedOrders, SINGLE_SKU, tabTo } from './orders-helpers.js';

test('a scan while the slip shows closes it and opens the scanned order; its Enter never presses Print again', async ({ page, bench }) => {
  seedOrders(bench);
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await focusNothing(page);
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2', exact: true })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Complete Order' }));
  await page.keyboard.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-2 dispatched' });
  await expect(done.getByRole('button', { name: 'OK' })).toBeFocused();
  await page.keyboard.press('Control+Shift+P');
  const slipDialog = page.getByRole('dialog', { name: 'Packing slip' });
  const print = slipDialog.getByRole('button', { name: 'Print', exact: true });
  await expect(print).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // The next order's pick list, scanned with the slip still showing.
  await hardwareScan(page, 'SO-5', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-5', exact: true })).toBeFocused();
  await expect(slipDialog).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
});

test('a scan while the slip shows closes it and opens the scanned order also when Ctrl+Shift+P opened it from a quantity box', async ({ page, bench }) => {
  seedOrders(bench);
  // SO-1's cable dispatched: the order has a slip, and its other lines still have their quantity boxes.
  const lines = lineIds(bench, 'SO-1');
  bench.handlers.completeOrder({
    orderId: orderId(bench, 'SO-1'),
    lines: [
      { lineId: lines[SINGLE_SKU]!, quantity: 0 },
      { lineId: lines[MULTI_SKU]!, quantity: 0 },
      { lineId: lines[PLAIN_SKU]!, quantity: 1 },
    ],
  });
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-1', exact: true })).toBeFocused();
  const quantity = page.locator('.quantity-input').first();
  await tabTo(page, quantity);
  await page.keyboard.press('Control+Shift+P');
  const slipDialog = page.getByRole('dialog', { name: 'Packing slip' });
  const print = slipDialog.getByRole('button', { name: 'Print', exact: true });
  await expect(print).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // The next order's pick list, scanned with the slip still showing: its Enter does not print again.
  await hardwareScan(page, 'SO-5', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-5', exact: true })).toBeFocused();
  await expect(slipDialog).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
});
