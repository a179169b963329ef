/**
 * An order line of the largest quantity a line may have (1,000,000 units) in the allocation
 * dialog: it opens showing a window of the line, Tab/Enter from the last unit shown goes on to the
 * next unit, "Go to unit" and Ctrl+End jump to far units, and what is saved there is in the core.
 * Speed and memory are measured in the benchmark (npm run bench -- orders), not here.
 */
import { MAX_LINE_QUANTITY } from '../../shared/sync/bounds.js';
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';
import { allocationDialog, beeps, countBeeps, hardwareScan, orderId, picker, openDispatchIdentifiers } from './orders-helpers.js';

const SKU = 'PAL-1';
const SERIALS = ['PAL-SN-001', 'PAL-SN-002', 'PAL-SN-003', 'PAL-SN-004'];

test('a line of 1,000,000 units opens, goes on past its window and to a far unit, and saves there', async ({ page, bench }, testInfo) => {
  bench.handlers.importCsv({
    files: [
      { name: 'p.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${SKU},Pallet of phones,,single_use,${MAX_LINE_QUANTITY}\n` },
      { name: 'i.csv', content: `sku,identifier\n${SERIALS.map((v) => `${SKU},${v}`).join('\n')}\n` },
      { name: 'o.csv', content: `order_number,customer,sku,quantity\nSO-MAX,Wholesale,${SKU},${MAX_LINE_QUANTITY}\n` },
    ],
  });
  const lineId = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-MAX') }).lines[0]!.lineId;
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-MAX');
  const dialog = allocationDialog(page);
  await expect(dialog.getByText('1 order, 1,000,000 identifier boxes.')).toBeVisible();
  await expect(picker(page, 'SO-MAX', SKU, 1)).toBeFocused();
  // Only the rows on screen are in the page.
  expect(await dialog.getByRole('combobox').count()).toBeLessThan(60);
  await expect(dialog.getByText('Showing units 1–1,000.')).toBeVisible();
  await screenshot(page, testInfo, 'allocation-max-line');
  await expectAccessible(page);

  // Scroll to the end of the window shown; a scan into its last unit goes on to unit 1,001.
  await dialog.locator('.allocation-list').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
  const unit1000 = picker(page, 'SO-MAX', SKU, 1000);
  await unit1000.focus();
  await scan(page, SERIALS[0]!, { delay: 5 });
  const unit1001 = picker(page, 'SO-MAX', SKU, 1001);
  await expect(unit1001).toBeFocused();
  await expect(unit1001).toBeInViewport();
  await expect(dialog.getByText('Showing units 1,001–2,000.')).toBeVisible();

  // Jump to a far unit with "Go to unit"; a bad number is refused with a message.
  const goTo = dialog.getByRole('textbox', { name: 'Go to unit of SO-MAX PAL-1' });
  await goTo.fill('1000001');
  await goTo.press('Enter');
  await expect(goTo).toHaveAccessibleDescription('Enter a unit number from 1 to 1,000,000.');
  await expectAccessible(page);
  await goTo.fill('999999');
  await goTo.press('Enter');
  const far = picker(page, 'SO-MAX', SKU, 999_999);
  await expect(far).toBeFocused();
  await expect(far).toBeInViewport();
  await hardwareScan(page, SERIALS[1]!, { gapMs: 5 });
  await expect(far).toHaveValue(SERIALS[1]!);
  const last = picker(page, 'SO-MAX', SKU, MAX_LINE_QUANTITY);
  await expect(last).toBeFocused();
  await scan(page, SERIALS[2]!, { delay: 5, terminator: 'Tab' });
  await expect(last).toHaveValue(SERIALS[2]!);
  await expect(dialog.getByRole('button', { name: 'Save Changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved).toContainText('saved against order SO-MAX');
  await saved.getByRole('button', { name: 'OK' }).click();

  const end = bench.handlers.getAllocationUnits({ lineId, fromUnit: MAX_LINE_QUANTITY - 99, limit: 100 });
  expect(end.allocations.map((a) => [a.unit, a.value])).toEqual([
    [999_999, SERIALS[1]],
    [MAX_LINE_QUANTITY, SERIALS[2]],
  ]);
  expect(bench.handlers.getAllocationUnits({ lineId, fromUnit: 1000, limit: 2 }).allocations.map((a) => [a.unit, a.value])).toEqual([[1000, SERIALS[0]]]);

  // Opened again, the far units show what the core holds, read a page at a time.
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Dispatch Identifiers' }).click();
  await expect(picker(page, 'SO-MAX', SKU, 1)).toBeFocused();
  // Ctrl+End and Ctrl+Home in a box go to the line's last and first unit.
  await page.keyboard.press('Control+End');
  await expect(picker(page, 'SO-MAX', SKU, MAX_LINE_QUANTITY)).toBeFocused();
  await expect(picker(page, 'SO-MAX', SKU, MAX_LINE_QUANTITY)).toHaveValue(SERIALS[2]!);
  await expect(picker(page, 'SO-MAX', SKU, 999_999)).toHaveValue(SERIALS[1]!);
  await page.keyboard.press('Control+Home');
  await expect(picker(page, 'SO-MAX', SKU, 1)).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Go to unit of SO-MAX PAL-1' }).fill('1500');
  await dialog.getByRole('button', { name: 'Go' }).click();
  await expect(picker(page, 'SO-MAX', SKU, 1500)).toBeFocused();
  // The line's header (with "Go to unit") stays in view above its units.
  await expect(dialog.getByText('Showing units 1,500–2,499.')).toBeInViewport();
  await expect(picker(page, 'SO-MAX', SKU, 1500)).toBeInViewport();
  await dialog.locator('.allocation-list').evaluate((list) => list.scrollTo({ top: 0 }));
  await dialog.getByRole('button', { name: 'Show earlier units 500–1,499 of PAL-1' }).click();
  await expect(dialog.getByText('Showing units 500–1,499.')).toBeVisible();
  await expect(picker(page, 'SO-MAX', SKU, 1499)).toBeFocused();
  // "Go to unit" in the pinned header, while the list is scrolled deep into the line.
  await dialog.getByRole('textbox', { name: 'Go to unit of SO-MAX PAL-1' }).fill('1000');
  await dialog.getByRole('textbox', { name: 'Go to unit of SO-MAX PAL-1' }).press('Enter');
  await expect(picker(page, 'SO-MAX', SKU, 1000)).toBeFocused();
  await expect(picker(page, 'SO-MAX', SKU, 1000)).toHaveValue(SERIALS[0]!);
});

test('"Go to unit" takes a unit number as the dialog writes it (1,500), and refuses another in words with thousands, announced each time', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'p.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${SKU},Pallet of phones,,single_use,2500\n` },
      { name: 'i.csv', content: `sku,identifier\n${SERIALS.map((v) => `${SKU},${v}`).join('\n')}\n` },
      { name: 'o.csv', content: `order_number,customer,sku,quantity\nSO-BIG,Wholesale,${SKU},2500\n` },
    ],
  });
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-BIG');
  const dialog = allocationDialog(page);
  await expect(picker(page, 'SO-BIG', SKU, 1)).toBeFocused();
  await expect(dialog.getByText('Showing units 1–1,000.')).toBeVisible();
  const goTo = dialog.getByRole('textbox', { name: 'Go to unit of SO-BIG PAL-1' });

  // Past the line's end: refused in words whose numbers read as the dialog writes them, beeped, and announced.
  await goTo.fill('2501');
  await goTo.press('Enter');
  const refusal = 'Enter a unit number from 1 to 2,500.';
  await expect(goTo).toHaveAccessibleDescription(refusal);
  await expect(dialog.getByRole('alert').filter({ hasText: refusal })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(goTo).toBeFocused();
  // Unit 0 gets the same words: put in anew (what a screen reader reads out), so said again.
  await dialog.locator('.go-to-unit').evaluate((where) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => said.push(where.querySelector('[role=alert]')?.textContent ?? '')).observe(where, { childList: true, subtree: true, characterData: true });
  });
  await goTo.fill('0');
  await goTo.press('Enter');
  await expect.poll(() => beeps(page)).toBe(2);
  await expect.poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said.filter((w) => w.includes('from 1 to 2,500')).length)).toBe(1);

  // "1,500", as the dialog writes unit numbers, goes to unit 1,500.
  await goTo.fill('1,500');
  await goTo.press('Enter');
  await expect(picker(page, 'SO-BIG', SKU, 1500)).toBeFocused();
  expect(await beeps(page)).toBe(2);
});
