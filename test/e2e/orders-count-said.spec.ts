/**
 * What a screen reader hears while a packer types in "Search orders", in real Chromium: the count of the
 * orders found is said once the typing has paused, not "Loading orders…" and a count after every key.
 */
import { expect, test } from './fixtures.js';
import { seedOrders, tabTo } from './orders-helpers.js';

test('the search count is said once the typing pauses, not at every key', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search orders' });
  await tabTo(page, search);
  // Every text the list's live regions take from here on, in order.
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const regions = [...document.querySelectorAll('.order-list [aria-live]')];
    const observer = new MutationObserver(() => {
      for (const region of regions) {
        const text = region.textContent ?? '';
        if (text && region.getAttribute('data-last') !== text) said.push(text);
        region.setAttribute('data-last', text);
      }
    });
    for (const region of regions) {
      region.setAttribute('data-last', region.textContent ?? '');
      observer.observe(region, { childList: true, subtree: true, characterData: true });
    }
  });
  await page.keyboard.type('Grace', { delay: 120 });
  // The screen shows the count at once.
  await expect(page.getByText('2 orders awaiting dispatch matching "Grace"', { exact: true })).toBeVisible();
  await page.waitForTimeout(1_000);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  expect(said.filter((text) => /order/i.test(text))).toEqual(['Order search: 2 orders awaiting dispatch matching "Grace"']);
});
