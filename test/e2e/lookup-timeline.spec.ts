/**
 * Identifier Lookup in Chromium against the real browser-mode host, as a packer meets it: a scanner set
 * to end its codes with Tab, into the box (looked up, the focus kept for the next scan, and the next
 * scan standing alone after a click left the last identifier unselected); and the timeline of a lot in
 * use for long, more steps than one answer carries: its latest steps, a step taken at another bench
 * showing at its end while open, and "Show earlier steps" from the keyboard, the focus on the first step
 * it brought and kept there while the history is read again.
 */
import { expect, test } from './fixtures.js';
import { hardwareScan } from './orders-helpers.js';

test('a scan ending in Tab in the lookup box looks it up and keeps the focus; the next scan after a click stands alone', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nPHN-1,Phone,,single_use,2\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nPHN-1,IMEI-356938035643809\nPHN-1,IMEI-356938035643817\n' },
    ],
  });
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const box = page.getByLabel('Identifier', { exact: true });
  await box.focus();
  await hardwareScan(page, 'IMEI-356938035643809', { gapMs: 5, terminator: 'Tab' });
  await expect(page.getByRole('article', { name: 'PHN-1: IMEI-356938035643809' })).toBeVisible();
  await expect(box).toBeFocused();
  // A click into the box leaves the caret after the last identifier: the scan is looked up alone.
  await box.click();
  await hardwareScan(page, 'IMEI-356938035643817', { gapMs: 5, terminator: 'Tab' });
  await expect(page.getByRole('article', { name: 'PHN-1: IMEI-356938035643817' })).toBeVisible();
  await expect(box).toHaveValue('IMEI-356938035643817');
  await expect(box).toBeFocused();
});

test('a lot in use for long: its latest steps, a new one showing while open, and earlier ones from the keyboard with the focus kept', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: 'sku,title,barcode,identifier_mode,stock_level\nMILK-1,Milk,,multiple_use,1\n' },
      { name: 'identifiers.csv', content: 'sku,identifier\nMILK-1,LOT-7\n' },
      { name: 'orders.csv', content: 'order_number,customer,sku,quantity\nSO-1,Dairy shop,MILK-1,2000\n' },
    ],
  });
  const lineId = bench.handlers.getOrder({ orderId: bench.handlers.findOrderByNumber({ orderNumber: 'SO-1' }).order!.id }).lines[0]!.lineId;
  const allocate = (from: number, to: number) =>
    bench.handlers.saveAllocations({ allocations: Array.from({ length: to - from + 1 }, (_, i) => ({ lineId, unit: from + i, value: 'LOT-7' })) });
  allocate(1, 1001);

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('LOT-7');
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  const timeline = page.getByRole('region', { name: 'History of LOT-7 (MILK-1)' });
  const steps = timeline.getByRole('listitem');
  await expect(timeline.getByText('The latest 1,000 of 1,002 steps are shown.')).toBeVisible();
  await expect(steps).toHaveCount(1000);
  await expect(steps.last()).toContainText('Allocated — order SO-1, line 1, unit 1001');

  // Allocated at another bench while open: the new step shows at the end, no button pressed.
  allocate(1002, 1002);
  await expect(steps.last()).toContainText('Allocated — order SO-1, line 1, unit 1002');
  await expect(timeline.getByText('The latest 1,000 of 1,003 steps are shown.')).toBeVisible();

  // Earlier steps from the keyboard: the focus goes to the first one brought (the button goes: none is left).
  const more = timeline.getByRole('button', { name: 'Show earlier steps' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(steps).toHaveCount(1003);
  await expect(more).toHaveCount(0);
  await expect(steps.first()).toBeFocused();
  await expect(steps.first()).toContainText('Added');

  // Another step elsewhere: it shows, every step stays, and the focus stays where the packer is.
  allocate(1003, 1003);
  await expect(steps).toHaveCount(1004);
  await expect(steps.last()).toContainText('Allocated — order SO-1, line 1, unit 1003');
  await expect(steps.first()).toBeFocused();
});
