/**
 * The order list's first page is asked for by the page's start-up script before the app's code has
 * loaded, and shown by the app's first render: it is still checked against the contract before any of
 * it shows. A page the contract does not describe is refused whole, with a message naming what is
 * wrong, and nothing of it can be selected or opened.
 */
import { expect, test } from './fixtures.js';
import { seedOrders } from './orders-helpers.js';

test('a malformed first page is refused with a clear message and none of its orders show', async ({ page, bench }) => {
  seedOrders(bench);
  const asked: string[] = [];
  // The real host answers; this one answer is spoiled on its way to the page (a customer that is a number).
  await page.route('**/api/listAwaitingOrders', async (route) => {
    asked.push(route.request().postData() ?? '');
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value: { items: Array<Record<string, unknown>> } };
    body.value.items[0]!.customer = 42;
    await route.fulfill({ response, json: body });
  });
  await bench.open(page);

  await expect(page.getByRole('alert').filter({ hasText: 'The bench answered listAwaitingOrders with something unexpected (items.0.customer:' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select order / })).toHaveCount(0);
  await expect(page.getByText('Ada Lovelace')).toHaveCount(0);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toHaveCount(0);
  // The refused page is the start-up script's own request: the app took it over rather than asking again.
  expect(asked).toHaveLength(1);

  // The same page, as the host sends it, shows.
  await page.unroute('**/api/listAwaitingOrders');
  await page.reload();
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select order / })).toHaveCount(5);
});
