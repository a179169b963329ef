/**
 * Use-by dates first (issue 12), in Chromium against the real core: the allocation dialog pre-selects
 * first-expiring-first per unit, skipping expired dates and those under the product's minimum shelf
 * life; a scanned expired date (GS1 YYMMDD form) is refused at once (message, beep, live region) and
 * the packer's own choice is saved. Lots with a use-by date, by keyboard alone: the dialog pre-selects
 * the earliest-dated usable lots, the picker shows each lot's date in the bench's locale, and a scanned
 * expired lot is refused at once, also when the lot expired at midnight while the dialog stayed open
 * (the page's clock moved on with Playwright's clock control).
 */
import { addDays, localToday } from '../../shared/identifiers/use-by-dates.js';
import { expect, test, type BenchFixture } from './fixtures.js';
import { allocatedValues, allocationDialog, beeps, countBeeps, hardwareScan, lineIds, orderRow, picker, tabTo, openDispatchIdentifiers } from './orders-helpers.js';

const SKU = 'MILK-1';

/** CSV text from rows of cells. */
const rows = (r: Array<Array<string | number>>) => r.map((cells) => cells.join(',')).join('\n') + '\n';

/** One dated product, its identifiers (`identifierRows`, header first) and one order line for it, imported. */
function importDatedLine(
  bench: BenchFixture,
  product: { sku: string; title: string; stock: number; kind: 'use_by' | 'lot'; minShelfLifeDays?: number },
  identifierRows: Array<Array<string | number>>,
  order: { number: string; customer: string; quantity: number },
): void {
  const shelfLife = product.minShelfLifeDays === undefined ? [] : [product.minShelfLifeDays];
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: rows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind', ...(shelfLife.length ? ['min_shelf_life_days'] : [])],
          [product.sku, product.title, '', 'single_use', product.stock, product.kind, ...shelfLife],
        ]),
      },
      { name: 'identifiers.csv', content: rows(identifierRows) },
      { name: 'orders.csv', content: rows([['order_number', 'customer', 'sku', 'quantity'], [order.number, order.customer, product.sku, order.quantity]]) },
    ],
  });
}

test('FEFO pre-selection; an expired scan is refused; the packer overrides and saves', async ({ page, bench }) => {
  const today = localToday();
  const expired = addDays(today, -2);
  const tooClose = addDays(today, 2);
  const first = addDays(today, 10);
  const second = addDays(today, 20);
  // Entered out of date order; the import reads every form of date into YYYY-MM-DD.
  importDatedLine(bench, { sku: SKU, title: 'Milk 1l', stock: 4, kind: 'use_by', minShelfLifeDays: 5 },
    [['sku', 'identifier'], [SKU, second], [SKU, tooClose], [SKU, first], [SKU, expired]],
    { number: 'SO-F', customer: 'Fresh Foods', quantity: 2 });
  await countBeeps(page);
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-F');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-F', SKU, 1);
  const unit2 = picker(page, 'SO-F', SKU, 2);

  // First-expiring-first: the earliest usable dates, one per unit (expired and too-close skipped).
  await expect(unit1).toHaveValue(first);
  await expect(unit2).toHaveValue(second);
  await expect(unit1).toBeFocused();

  // The picker lists the dates that may go out first (earliest first), then expired and too close ones,
  // in the bench's locale, with what is left: Down and Enter never pick an expired date.
  await page.keyboard.press('ArrowDown');
  const options = dialog.getByRole('option');
  await expect(options).toHaveCount(4);
  await expect(options.nth(0)).toContainText('10 days left');
  await expect(options.nth(1)).toContainText('20 days left');
  await expect(options.nth(2)).toContainText('expired');
  await expect(options.nth(3)).toContainText('2 days left, too close to expiry');
  await page.keyboard.press('Escape');

  // An expired date scanned as GS1 YYMMDD: refused at once, beeped, announced; the box keeps its value.
  const yymmdd = expired.slice(2).replace(/-/g, '');
  await hardwareScan(page, yymmdd, { gapMs: 5 });
  await expect(unit1).toHaveAccessibleDescription(/has passed \(expired\)\. Scan another\./);
  await expect(dialog.getByRole('alert')).toContainText('expired');
  await expect(unit1).toHaveValue(first);
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);

  // The packer's own choice: the later date for unit 1 (the override), saved as chosen.
  await hardwareScan(page, addDays(today, 10), { gapMs: 5 });
  await expect(unit1).toHaveValue(first);
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await saved.getByRole('button', { name: 'OK' }).click();
  expect(allocatedValues(bench, 'SO-F', SKU)).toEqual([first, second]);
});

test('dated lots by keyboard alone: FEFO pre-selection, dates in the locale, an expired lot refused', async ({ page, bench }) => {
  const today = localToday();
  const [expired, tooClose, later, sooner] = [addDays(today, -1), addDays(today, 2), addDays(today, 20), addDays(today, 10)];
  // The use_by column dates the lots; L-NONE has no date (never pre-selected).
  importDatedLine(bench, { sku: 'FLOUR-1', title: 'Flour 1kg', stock: 5, kind: 'lot', minShelfLifeDays: 5 },
    [['sku', 'identifier', 'use_by'], ['FLOUR-1', 'L-A', later], ['FLOUR-1', 'L-CLOSE', tooClose], ['FLOUR-1', 'L-B', sooner], ['FLOUR-1', 'L-EXP', expired], ['FLOUR-1', 'L-NONE', '']],
    { number: 'SO-L', customer: 'Bakery', quantity: 2 });
  await countBeeps(page);
  await bench.open(page);
  await tabTo(page, orderRow(page, 'SO-L'));
  await page.keyboard.press('Space');
  await expect(page.getByText('1 order selected')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Actions' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Dispatch Identifiers' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = allocationDialog(page);
  const unit1 = picker(page, 'SO-L', 'FLOUR-1', 1);
  const unit2 = picker(page, 'SO-L', 'FLOUR-1', 2);
  await expect(unit1).toBeFocused();
  // First-expiring-first over the dated lots: expired and too-close ones skipped.
  await expect(unit1).toHaveValue('L-B');
  await expect(unit2).toHaveValue('L-A');

  // The picker shows each lot's date in the bench's locale.
  const inLocale = (iso: string) =>
    page.evaluate((d) => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);
  await page.keyboard.press('ArrowDown');
  const options = dialog.getByRole('option');
  // Soonest usable first, then the undated lot, then the expired and the too-close ones.
  await expect(options).toHaveText([/^L-B /, /^L-A /, /^L-NONE/, /^L-EXP /, /^L-CLOSE /]);
  await expect(options.filter({ hasText: 'L-EXP' })).toContainText(`L-EXP — use by ${await inLocale(expired)} — expired`);
  await expect(options.filter({ hasText: 'L-B' })).toContainText(`use by ${await inLocale(sooner)} — 10 days left`);
  await expect(options.filter({ hasText: 'L-NONE' })).toHaveText(/^L-NONE/);
  await page.keyboard.press('Escape');

  // A scanned expired lot: refused at once, beeped, announced; the box keeps its lot and the focus for the next scan.
  await hardwareScan(page, 'L-EXP', { gapMs: 5 });
  await expect(unit1).toHaveAccessibleDescription(/has passed \(expired\)\. Scan another\./);
  await expect(dialog.getByRole('alert')).toContainText('expired');
  await expect(unit1).toHaveValue('L-B');
  await expect(unit1).toBeFocused();
  await expect.poll(() => beeps(page)).toBe(1);
  await hardwareScan(page, 'L-B', { gapMs: 5 });
  await expect(unit1).toHaveValue('L-B');
  await tabTo(page, dialog.getByRole('button', { name: 'Save Changes' }));
  await page.keyboard.press('Enter');
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await expect(saved.getByRole('button', { name: 'OK' })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(allocatedValues(bench, 'SO-L', 'FLOUR-1')).toEqual(['L-B', 'L-A']);
});

test('FEFO for every unit: the dialog says what saving gives; "Complete Order" fills the units never shown', async ({ page, bench }) => {
  const today = localToday();
  const dates = Array.from({ length: 1210 }, (_, i) => addDays(today, 10 + i));
  const expired = addDays(today, -1);
  importDatedLine(bench, { sku: 'MILK-2', title: 'Milk 2l', stock: 1211, kind: 'use_by' },
    [['sku', 'identifier'], ['MILK-2', expired], ...[...dates].reverse().map((d) => ['MILK-2', d])],
    { number: 'SO-BIG', customer: 'Dairy', quantity: 1200 });
  await bench.open(page);
  await orderRow(page, 'SO-BIG').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  await page.getByRole('region', { name: 'Dispatch identifiers needed' }).getByRole('button', { name: 'Add' }).click();
  const dialog = allocationDialog(page);
  const inLocale = (iso: string) =>
    page.evaluate((d) => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);
  await expect(dialog.getByText(/^On saving, /)).toHaveText(
    `On saving, 1,200 units without an identifier will take the first-expiring use-by dates (use by ${await inLocale(dates[0]!)} to ${await inLocale(dates[1199]!)}), also units not shown.`,
  );
  await expect(picker(page, 'SO-BIG', 'MILK-2', 1)).toHaveValue(dates[0]!);
  await dialog.getByRole('button', { name: 'Complete Order' }).click();
  await expect(page.getByRole('dialog', { name: 'Order SO-BIG dispatched' })).toBeVisible();
  const values = allocatedValues(bench, 'SO-BIG', 'MILK-2');
  expect(values).toEqual(dates.slice(0, 1200));
  expect(values).not.toContain(expired);
});

test('FEFO for every unit with "Save Changes": dated lots fill what they can; the dialog says how many stay empty', async ({ page, bench }) => {
  const today = localToday();
  const lots = Array.from({ length: 250 }, (_, i) => [`L-${String(i).padStart(3, '0')}`, addDays(today, 300 - i)] as const);
  importDatedLine(bench, { sku: 'OATS-1', title: 'Oats', stock: 300, kind: 'lot' },
    [['sku', 'identifier', 'use_by'], ['OATS-1', 'L-OLD', addDays(today, -3)], ...lots.map(([lot, date]) => ['OATS-1', lot, date])],
    { number: 'SO-OATS', customer: 'Mill', quantity: 300 });
  await bench.open(page);
  await openDispatchIdentifiers(page, 'SO-OATS');
  const dialog = allocationDialog(page);
  await expect(dialog.getByText(/^On saving, /)).toContainText('On saving, 250 units without an identifier will take the first-expiring lots');
  await expect(dialog.getByText(/^On saving, /)).toContainText('50 units will stay empty: no dated lot is left that is not expired or too close to expiry.');
  await expect(picker(page, 'SO-OATS', 'OATS-1', 1)).toHaveValue('L-249');
  await dialog.getByRole('button', { name: 'Save Changes' }).click();
  const saved = page.getByRole('dialog', { name: 'Dispatch identifiers saved' });
  await saved.getByRole('button', { name: 'OK' }).click();
  const values = allocatedValues(bench, 'SO-OATS', 'OATS-1');
  // Soonest first: L-249 expires first; the expired L-OLD is never taken; the last 50 units stay empty.
  expect(values.slice(0, 250)).toEqual(lots.map(([lot]) => lot).reverse());
  expect(values.slice(250).every((v) => v === undefined)).toBe(true);
});

test.describe('a dialog left open past midnight', () => {
  // Far from UTC, so "today" is the bench's calendar day, not UTC's.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('a lot left in a box from before midnight is flagged as midnight passes, in the words of its refusal', async ({ page, bench }) => {
    importDatedLine(bench, { sku: 'EGGS-2', title: 'Eggs', stock: 2, kind: 'lot' },
      [['sku', 'identifier', 'use_by'], ['EGGS-2', 'L-LAST', '2031-03-31'], ['EGGS-2', 'L-NEXT', '2031-04-30']],
      { number: 'SO-M', customer: 'Diner', quantity: 1 });
    await page.clock.install({ time: new Date('2031-03-31T23:00:00+14:00') });
    await bench.open(page);
    await openDispatchIdentifiers(page, 'SO-M');
    const dialog = allocationDialog(page);
    const unit1 = picker(page, 'SO-M', 'EGGS-2', 1);
    // Pre-selected before midnight: usable today.
    await expect(unit1).toHaveValue('L-LAST');
    await expect(unit1).toBeFocused();
    await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');

    // Midnight passes with the dialog open: the box is flagged without anyone touching it.
    await page.clock.fastForward('01:00:01');
    await expect(unit1).toHaveAttribute('aria-invalid', 'true');
    await expect(unit1).toHaveAccessibleDescription(/^"L-LAST" may not go out now: the use-by date .+ has passed \(expired\)\. Scan another\.$/);
    await expect(dialog.getByRole('alert')).toContainText('The day has changed: order SO-M, EGGS-2 unit 1 holds a value that may no longer go out.');
    await expect(dialog.getByText('1 box with a warning')).toBeVisible();
    await expect(unit1).toHaveValue('L-LAST');

    // Fixed by a scan: the flag goes; the lot saved is the one still usable.
    await unit1.focus();
    await hardwareScan(page, 'L-NEXT', { gapMs: 5 });
    await expect(unit1).toHaveValue('L-NEXT');
    await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText(/with a warning/)).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByRole('dialog', { name: 'Dispatch identifiers saved' }).getByRole('button', { name: 'OK' }).click();
    expect(allocatedValues(bench, 'SO-M', 'EGGS-2')).toEqual(['L-NEXT']);
  });

  test('a lot saved earlier is flagged as midnight passes, and again when the dialog opens after it', async ({ page, bench }) => {
    importDatedLine(bench, { sku: 'EGGS-3', title: 'Eggs', stock: 2, kind: 'lot' },
      [['sku', 'identifier', 'use_by'], ['EGGS-3', 'L-LAST', '2031-03-31'], ['EGGS-3', 'L-NEXT', '2031-04-30']],
      { number: 'SO-S', customer: 'Diner', quantity: 1 });
    // Saved before the dialog opens (the core keeps the real clock, years before the lot's date): read back from the core.
    bench.handlers.saveAllocations({ allocations: [{ lineId: lineIds(bench, 'SO-S')['EGGS-3']!, unit: 1, value: 'L-LAST' }] });
    await page.clock.install({ time: new Date('2031-03-31T23:00:00+14:00') });
    await bench.open(page);
    const openDialog = async () => {
      await openDispatchIdentifiers(page, 'SO-S');
    };
    await openDialog();
    const dialog = allocationDialog(page);
    const unit1 = picker(page, 'SO-S', 'EGGS-3', 1);
    await expect(unit1).toHaveValue('L-LAST');
    await expect(unit1).not.toHaveAttribute('aria-invalid', 'true');

    // Midnight passes with the dialog open: the saved lot's box is flagged, as a box the dialog filled would be.
    await page.clock.fastForward('01:00:01');
    await expect(unit1).toHaveAttribute('aria-invalid', 'true');
    await expect(unit1).toHaveAccessibleDescription(/^"L-LAST" may not go out now: the use-by date .+ has passed \(expired\)\. Scan another\.$/);
    await expect(dialog.getByRole('alert')).toContainText('The day has changed: order SO-S, EGGS-3 unit 1 holds a value that may no longer go out.');
    await expect(dialog.getByText('1 box with a warning')).toBeVisible();

    // Closed and opened again after midnight: the saved, now expired lot is flagged from the start.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await openDialog();
    await expect(unit1).toHaveValue('L-LAST');
    await expect(unit1).toHaveAttribute('aria-invalid', 'true');
    await expect(unit1).toHaveAccessibleDescription(/^"L-LAST" may not go out now: .+ has passed \(expired\)\. Scan another\.$/);
  });

  test('a lot whose use-by day has just ended is refused from midnight on, as the picker says', async ({ page, bench }) => {
    // Years ahead of the real clock (which the core keeps): both lots are usable to the core.
    importDatedLine(bench, { sku: 'EGGS-1', title: 'Eggs', stock: 2, kind: 'lot' },
      [['sku', 'identifier', 'use_by'], ['EGGS-1', 'L-LAST', '2031-03-31'], ['EGGS-1', 'L-NEXT', '2031-04-30']],
      { number: 'SO-N', customer: 'Diner', quantity: 1 });
    // The page's clock: an hour before L-LAST's day ends at the bench (it keeps ticking).
    await page.clock.install({ time: new Date('2031-03-31T23:00:00+14:00') });
    await bench.open(page);
    await openDispatchIdentifiers(page, 'SO-N');
    const dialog = allocationDialog(page);
    const unit1 = picker(page, 'SO-N', 'EGGS-1', 1);
    await expect(unit1).toHaveValue('L-LAST');
    await expect(unit1).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('option').filter({ hasText: 'L-LAST' })).toContainText('0 days left');
    await page.keyboard.press('Escape');
    await hardwareScan(page, 'L-NEXT', { gapMs: 5 });
    await expect(unit1).toHaveValue('L-NEXT');

    // Past midnight with the dialog still open: L-LAST's day is over.
    await page.clock.fastForward('01:00:01');
    await unit1.click();
    await hardwareScan(page, 'L-LAST', { gapMs: 5 });
    await expect(unit1).toHaveAccessibleDescription(/has passed \(expired\)\. Scan another\./);
    await expect(unit1).toHaveValue('L-NEXT');
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('option').filter({ hasText: 'L-LAST' })).toContainText('expired');
    await expect(dialog.getByRole('option').filter({ hasText: 'L-NEXT' })).toContainText('29 days left');
  });
});
