/**
 * Lots with a use-by date in the serial grid (issue 12), by keyboard and scanner alone (no click, fill or
 * focus): the grid shows each lot's stored date beside it; Tab after typing a lot moves to its date and
 * Enter to the next empty box; a GS1 scan carrying (10) and (17) fills the lot and its date; a date that
 * is not a date is refused in its row at once; "Save Changes" stores the dates.
 */
import { addDays, localeDateOrder, localToday } from '../../shared/identifiers/use-by-dates.js';
import { expect, expectAccessible, scan, screenshot, test } from './fixtures.js';
import { beeps, countBeeps, tabTo } from './orders-helpers.js';
import type { Page } from '@playwright/test';
import type { BenchFixture } from './fixtures.js';

const SKU = 'CHEESE-1';
// The GS1 example GTIN 09506000134352, carried by the product as its EAN-13.
const GTIN = '09506000134352';

const csv = (rows: Array<Array<string | number>>) => rows.map((cells) => cells.join(',')).join('\n') + '\n';

/** Imports the cheese as a lot product (and any lots with their dates); returns its id. */
function importCheese(bench: BenchFixture, mode: 'single_use' | 'multiple_use', stock: number, lots: Array<[string, string]> = []): number {
  const files = [
    {
      name: 'products.csv',
      content: csv([
        ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
        [SKU, 'Cheddar 200g', GTIN.slice(1), mode, stock, 'lot'],
      ]),
    },
  ];
  if (lots.length) files.push({ name: 'identifiers.csv', content: csv([['sku', 'identifier', 'use_by'], ...lots.map(([lot, date]) => [SKU, lot, date])]) });
  bench.handlers.importCsv({ files });
  return bench.handlers.findProducts({ query: SKU, offset: 0, limit: 1 }).items[0]!.id;
}

/** Products → the cheese → "Manually Update Serial Numbers", by keyboard alone. */
async function openSerialGridByKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('SKU, title or barcode')).toBeFocused();
  await page.keyboard.type(SKU);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`1 product found for "${SKU}".`)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Product Variation: ${SKU}` })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Manually Update Serial Numbers' }));
  await page.keyboard.press('Enter');
}

test('a lot product: lot and use-by date typed, scanned (GS1 10+17), refused when not a date, saved', async ({ page, bench }, testInfo) => {
  const today = localToday();
  const stored = addDays(today, 30);
  const typed = addDays(today, 60);
  const scanned = addDays(today, 90);
  const productId = importCheese(bench, 'multiple_use', 5, [['L-OLD', stored]]);
  await countBeeps(page);
  await bench.open(page);

  // ---- Products → the cheese → its serial grid, by keyboard.
  await openSerialGridByKeyboard(page);
  const lot = (n: number) => page.getByRole('textbox', { name: `Lot number ${n}`, exact: true });
  const useBy = (n: number) => page.getByRole('textbox', { name: `Use by date ${n}`, exact: true });

  // The stored lot shows its date; the grid opens on the first empty box.
  await expect(lot(1)).toHaveValue('L-OLD');
  await expect(useBy(1)).toHaveValue(stored);
  await expect(lot(2)).toBeFocused();
  await expectAccessible(page);

  // ---- Typed: the lot, Tab to its date, the date, Enter to the next empty box.
  await page.keyboard.type('L-NEW');
  await page.keyboard.press('Tab');
  await expect(useBy(2)).toBeFocused();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await expect(lot(3)).toBeFocused();

  // ---- Scanned: a GS1 DataMatrix (AIM prefix, GTIN, use-by YYMMDD, then the lot) fills both.
  await scan(page, `]d201${GTIN}17${scanned.slice(2).replace(/-/g, '')}10L-GS1`);
  await expect(lot(3)).toHaveValue('L-GS1');
  await expect(useBy(3)).toHaveValue(scanned);
  await expect(lot(4)).toBeFocused();

  // ---- A date that is not a date: refused in its row at once (shown, announced, beeped), focus kept.
  await page.keyboard.type('L-BAD');
  await page.keyboard.press('Tab');
  await expect(useBy(4)).toBeFocused();
  await page.keyboard.type('2027-02-30');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'not a real date' })).toContainText('"L-BAD" has a use-by date "2027-02-30"');
  await expect(useBy(4)).toBeFocused();
  await expect(useBy(4)).toHaveValue('');
  await expect(useBy(4)).toHaveAttribute('aria-invalid', 'true');
  await expect(useBy(4)).toHaveAccessibleDescription(/not a real date/);
  await expect.poll(() => beeps(page)).toBe(1);
  await screenshot(page, testInfo, 'grid-lot-dates');
  await expectAccessible(page);
  expect(bench.handlers.getSerialGrid({ productId, offset: 0, limit: 10 }).filledBoxes).toBe(1);

  // ---- "Save Changes" stores the lots and their dates.
  const save = page.getByRole('button', { name: 'Save Changes' });
  await tabTo(page, save, { backwards: true });
  await page.keyboard.press('Enter');
  const saved = page.getByRole('dialog', { name: 'Lot numbers saved' });
  await expect(saved).toContainText('3 added, 0 changed, 0 removed; 2 use-by dates set or changed');
  await page.keyboard.press('Escape');
  await expect(saved).toBeHidden();
  const boxes = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 10 }).boxes.filter((b) => b.value !== '');
  expect(boxes.map((b) => [b.value, b.useBy])).toEqual([
    ['L-OLD', stored],
    ['L-NEW', typed],
    ['L-GS1', scanned],
    ['L-BAD', null],
  ]);
  // Reopened after the save, the grid shows the stored dates.
  await expect(useBy(3)).toHaveValue(scanned);

  // ---- Only a stored lot's date changed (Tab from the untouched lot box reaches its date): saved alone.
  const changed = addDays(today, 45);
  await tabTo(page, useBy(1));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(changed);
  await page.keyboard.press('Enter');
  await tabTo(page, save, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(saved).toContainText('0 added, 0 changed, 0 removed; 1 use-by date set or changed');
  await page.keyboard.press('Escape');
  expect(bench.handlers.getSerialGrid({ productId, offset: 0, limit: 1 }).boxes.map((b) => [b.value, b.useBy])).toEqual([['L-OLD', changed]]);
  await expect(useBy(1)).toHaveValue(changed);
});

test('stock goes up for a lot product: the new-units prompt takes each lot with its use-by date (typed or GS1)', async ({ page, bench }) => {
  const today = localToday();
  const typed = addDays(today, 40);
  const scanned = addDays(today, 80);
  const productId = importCheese(bench, 'single_use', 0);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(SKU);
  await page.keyboard.press('Enter');
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${SKU} `) }).click();
  await page.getByLabel('New stock level').fill('3');
  await page.getByRole('button', { name: 'Change Stock Level' }).click();
  const lot = (n: number) => page.getByRole('textbox', { name: `Lot number for new unit ${n}`, exact: true });
  const useBy = (n: number) => page.getByRole('textbox', { name: `Use by date ${n}`, exact: true });
  await expect(lot(1)).toBeFocused();
  // Typed: the lot, Tab to its date, the date (GS1 YYMMDD form), Enter to the next box.
  await page.keyboard.type('L-T');
  await page.keyboard.press('Tab');
  await expect(useBy(1)).toBeFocused();
  await page.keyboard.type(typed.slice(2).replace(/-/g, ''));
  await page.keyboard.press('Enter');
  await expect(useBy(1)).toHaveValue(typed);
  await expect(lot(2)).toBeFocused();
  // Scanned: a GS1 code with (10) and (17) fills the lot and its date.
  await scan(page, `]d201${GTIN}17${scanned.slice(2).replace(/-/g, '')}10L-S`);
  await expect(lot(2)).toHaveValue('L-S');
  await expect(useBy(2)).toHaveValue(scanned);
  await expect(lot(3)).toBeFocused();
  await page.keyboard.type('L-U'); // no date: the lot has none
  await page.getByRole('button', { name: 'Save Stock Change' }).click();
  await expect(page.getByText('Stock level changed from 0 to 3.')).toBeVisible();
  const boxes = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 10 }).boxes.filter((b) => b.value !== '');
  expect(boxes.map((b) => [b.value, b.useBy]).sort()).toEqual([
    ['L-S', scanned],
    ['L-T', typed],
    ['L-U', null],
  ]);
});

test('a pasted block of lots with their dates (spreadsheet columns, GS1 printed form) fills lots and use-by dates', async ({ page, bench, context }) => {
  const productId = importCheese(bench, 'multiple_use', 5);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
  await page.getByLabel('SKU, title or barcode').fill(SKU);
  await page.keyboard.press('Enter');
  await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: new RegExp(`^${SKU} `) }).click();
  await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
  const lot = (n: number) => page.getByRole('textbox', { name: `Lot number ${n}`, exact: true });
  const useBy = (n: number) => page.getByRole('textbox', { name: `Use by date ${n}`, exact: true });
  await expect(lot(1)).toBeFocused();
  await page.evaluate((gtin) => navigator.clipboard.writeText(`L-P1\t2027-03-31\r\n(01)${gtin}(17)270415(10)L-P2\r\nL-P3\r\n`), GTIN);
  await page.keyboard.press('Control+V');
  await expect(page.getByText('Pasted 3 values into boxes 1 to 3.')).toBeVisible();
  await expect(lot(2)).toHaveValue('L-P2');
  await expect(useBy(1)).toHaveValue('2027-03-31');
  await expect(useBy(2)).toHaveValue('2027-04-15');
  await expect(useBy(3)).toHaveValue('');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('dialog', { name: 'Lot numbers saved' })).toContainText('3 added, 0 changed, 0 removed; 2 use-by dates set or changed');
  const boxes = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 10 }).boxes.filter((b) => b.value !== '');
  expect(boxes.map((b) => [b.value, b.useBy])).toEqual([
    ['L-P1', '2027-03-31'],
    ['L-P2', '2027-04-15'],
    ['L-P3', null],
  ]);
});

test('a range of lots takes one use-by date: typed (range, Tab, date, Enter) or pasted "first +count<TAB>date", shown in the preview', async ({ page, bench, context }) => {
  const today = localToday();
  const typed = addDays(today, 50);
  const pasted = addDays(today, 70);
  const productId = importCheese(bench, 'multiple_use', 120);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await bench.open(page);
  await openSerialGridByKeyboard(page);
  const lot = (n: number) => page.getByRole('textbox', { name: `Lot number ${n}`, exact: true });
  const useBy = (n: number) => page.getByRole('textbox', { name: `Use by date ${n}`, exact: true });
  await expect(lot(1)).toBeFocused();

  // ---- Typed as one lot is: the range, Tab to its date, the date, Enter: the preview shows the date.
  await page.keyboard.type('L-001..L-100');
  await page.keyboard.press('Tab');
  await expect(useBy(1)).toBeFocused();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog', { name: 'Fill boxes from a range' });
  await expect(preview).toContainText('First valueL-001Last valueL-100Count100');
  await expect(preview.getByRole('textbox', { name: 'Use by' })).toBeFocused();
  await expect(preview.getByRole('textbox', { name: 'Use by' })).toHaveValue(typed);
  await page.keyboard.press('Enter');
  await expect(preview).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Filled boxes' })).toHaveText('Filled boxes 1 to 100 with 100 values from the range.');
  await expect(lot(101)).toBeFocused();
  await expect(useBy(100)).toHaveValue(typed);

  // ---- Pasted as a spreadsheet row "first +count<TAB>date": the same preview, its date there; a bad date refused.
  await page.evaluate((date) => navigator.clipboard.writeText(`L-101 +20\t${date}\r\n`), pasted);
  await page.keyboard.press('Control+V');
  await expect(preview).toContainText('First valueL-101Last valueL-120Count20');
  const previewDate = preview.getByRole('textbox', { name: 'Use by' });
  await expect(previewDate).toHaveValue(pasted);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2027-02-30');
  await page.keyboard.press('Enter');
  await expect(preview.getByRole('alert')).toContainText('not a real date');
  await expect(previewDate).toHaveAttribute('aria-invalid', 'true');
  await expect(lot(101)).toHaveValue('');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(pasted);
  await page.keyboard.press('Enter');
  await expect(preview).toBeHidden();
  await expect(useBy(101)).toHaveValue(pasted);
  await expectAccessible(page);

  const save = page.getByRole('button', { name: 'Save Changes' });
  await expect(save).toBeFocused(); // every box is full
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Lot numbers saved' })).toContainText('120 added, 0 changed, 0 removed; 120 use-by dates set or changed');
  const boxes = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 200 }).boxes.filter((b) => b.value !== '');
  const dates = new Map(boxes.map((b) => [b.value, b.useBy]));
  expect(dates.size).toBe(120);
  expect([dates.get('L-001'), dates.get('L-100'), dates.get('L-101'), dates.get('L-120')]).toEqual([typed, typed, pasted, pasted]);
});

// The page reads a typed date in its own locale; the core runs in this process, whose locale may order
// dates the other way. The page here takes the order the core does not, so the date stored must be
// the one the page read (sent as YYYY-MM-DD), not the core's reading of the same text.
const CORE_ORDER = localeDateOrder();
const PAGE_LOCALE = CORE_ORDER === 'mdy' ? 'en-GB' : 'en-US';
test.describe(`a page in ${PAGE_LOCALE}`, () => {
  test.use({ locale: PAGE_LOCALE });

  test('a use-by date typed in the grid is stored as the date the page read, whatever the core\'s locale', async ({ page, bench }) => {
    bench.handlers.importCsv({
      files: [{ name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'], [SKU, 'Yoghurt 500g', '', 'multiple_use', 2, 'use_by']]) }],
    });
    const productId = bench.handlers.findProducts({ query: SKU, offset: 0, limit: 1 }).items[0]!.id;
    await bench.open(page);
    await openSerialGridByKeyboard(page);
    await expect(page.getByRole('textbox', { name: 'Use-by date 1', exact: true })).toBeFocused();
    // 1 February in en-GB, 2 January in en-US.
    await page.keyboard.type('01/02/2099');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Use-by date 2', exact: true })).toBeFocused();
    await tabTo(page, page.getByRole('button', { name: 'Save Changes' }), { backwards: true });
    await page.keyboard.press('Enter');
    const saved = page.getByRole('dialog', { name: 'Use-by dates saved' });
    await expect(saved).toContainText('1 added');
    await page.keyboard.press('Escape');
    const stored = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 2 }).boxes.map((b) => b.value).filter((v) => v !== '');
    expect(stored).toEqual([PAGE_LOCALE === 'en-GB' ? '2099-02-01' : '2099-01-02']);
  });
});


test('a lot changed elsewhere while the packer waits in a use-by date box: the grid shows it and the focus stays in that date box, never passing through the lot box', async ({ page, bench }) => {
  const productId = importCheese(bench, 'multiple_use', 3, [['L-1', addDays(localToday(), 30)]]);
  await bench.open(page);
  await openSerialGridByKeyboard(page);
  const lot2 = page.getByRole('textbox', { name: 'Lot number 2', exact: true });
  const date2 = page.locator('#serial-box-1-use-by');
  await expect(lot2).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(date2).toBeFocused();

  // Every frame's focused box from here on: a frame with the lot box focused would take a scan's first characters there.
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { focusLog: string[] }).focusLog = log;
    const tick = () => {
      const id = document.activeElement?.id ?? '';
      if (log.at(-1) !== id) log.push(id);
      requestAnimationFrame(tick);
    };
    tick();
  });
  const held = bench.handlers.getSerialGrid({ productId, offset: 0, limit: 1 }).boxes[0]!;
  bench.handlers.saveSerialGrid({ productId, edits: [{ box: 0, identifierId: held.identifierId, value: 'L-9' }] });
  await expect(page.getByRole('textbox', { name: 'Lot number 1', exact: true })).toHaveValue('L-9');
  await expect(date2).toBeFocused();
  const log = await page.evaluate(() => (window as unknown as { focusLog: string[] }).focusLog);
  expect(log).not.toContain('serial-box-1');
});
