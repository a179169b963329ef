/**
 * The words of a refused "Complete Order" on the order page: a refusal names the line and what is
 * wrong with it, also when the core is what refused (part of the order dispatched elsewhere while the
 * completion was on its way), and never says something untrue of what was typed ("-0 is below 0").
 */
import { expect, test } from './fixtures.js';
import { PLAIN_SKU, beeps, countBeeps, lineIds, orderId, orderRow, seedOrders } from './orders-helpers.js';

test('part of the order dispatched elsewhere while "Complete Order" is on its way: the refusal names the line and why, beeped', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel('Dispatch quantity for CBL-1');
  await expect(quantity).toHaveValue('2');
  // Another window on the bench file dispatches one of the two cables just before this completion reaches the core.
  const lineId = lineIds(bench, 'SO-2')[PLAIN_SKU]!;
  let dispatchedElsewhere = false;
  await page.route('**/api/completeOrder', async (route) => {
    if (!dispatchedElsewhere) {
      dispatchedElsewhere = true;
      bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-2'), lines: [{ lineId, quantity: 1 }] });
    }
    await route.continue();
  });
  await page.getByRole('button', { name: 'Complete Order' }).focus();
  await page.keyboard.press('Enter');

  // Said as the page's own check says it: the line (by its box's label) and what is wrong, not only "as entered".
  await expect(page.getByRole('alert').filter({ hasText: 'Order SO-2 cannot be completed as entered' })).toContainText(
    'Dispatch quantity for CBL-1: Only 1 unit remains to dispatch; 2 entered.',
  );
  await expect(quantity).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);
  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') });
  expect(order.dispatches.map((d) => d.lines.map((l) => l.quantity))).toEqual([[1]]);
});

test('"-0" typed as a dispatch quantity is refused as a minus sign, not as "below 0"', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-4').getByRole('button', { name: 'Details / Ready' }).click();
  const quantity = page.getByLabel('Dispatch quantity for YOG-1');
  await quantity.fill('-0');
  await quantity.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'Dispatch quantity for YOG-1' });
  await expect(alert).toContainText('Dispatch quantity for YOG-1: "-0" has a minus sign: enter a whole number from 0 to 3.');
  await expect(alert).not.toContainText('below 0');
  await expect(quantity).toHaveAccessibleDescription('"-0" has a minus sign: enter a whole number from 0 to 3.');
  await expect.poll(() => beeps(page)).toBe(1);
  expect(bench.handlers.getOrder({ orderId: orderId(bench, 'SO-4') }).dispatches).toEqual([]);
});
