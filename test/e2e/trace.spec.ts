/**
 * Identifier history in Identifier Lookup, and the Recall screen with its CSV download, in Chromium
 * against the real browser-mode host.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MAX_LOOKUP_ORDERS } from '../../shared/contract/schemas.js';
import { unguardCell } from '../../shared/trace/csv-safety.js';
import { expect, expectAccessible, scan, test, type BenchFixture } from './fixtures.js';
import { MULTI_SKU, SINGLE_SKU, beeps, countBeeps, csvRows, dispatchRouterSerials, dispatchSerialOfSo3, lineIds, orderId, recallRowsFor, seedOrders, tabTo } from './orders-helpers.js';

test('lookup shows the identifier history; recall finds the order and downloads it as CSV', async ({ page, bench }) => {
  seedOrders(bench);
  const so1 = lineIds(bench, 'SO-1');
  const so3 = lineIds(bench, 'SO-3');
  // Allocate, clear, reallocate to another order, dispatch it.
  bench.handlers.saveAllocations({ allocations: [{ lineId: so1[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  bench.handlers.saveAllocations({ allocations: [{ lineId: so1[SINGLE_SKU]!, unit: 1, value: null }] });
  bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] }).status).toBe('dispatched');

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-BBB');
  await page.getByRole('button', { name: 'Look up' }).click();
  const timeline = page.getByRole('region', { name: `History of SN-BBB (${SINGLE_SKU})` });
  await expect(timeline.getByRole('listitem')).toHaveText([
    /Added.*at E2E bench/,
    /Allocated — order SO-1, line 1, unit 1.*at E2E bench/,
    /Allocation cleared — order SO-1, line 1, unit 1/,
    /Allocated — order SO-3, line 1, unit 1/,
    /Dispatched — order SO-3, line 1, unit 1.*at E2E bench/,
  ]);
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await expect(page.getByRole('heading', { name: 'Recall', exact: true })).toBeVisible();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-B');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  const rows = page.getByRole('table', { name: 'Dispatched units' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('SO-3');
  await expect(rows.nth(1)).toContainText('Grace Hopper');
  await expectAccessible(page);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^recall-SN-B-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...records] = parse(readFileSync((await download.path())!), { bom: true }) as string[][];
  expect(header!.slice(0, 4)).toEqual(['Identifier', 'SKU', 'Order', 'Customer']);
  expect(records.map((r) => [unguardCell(r[0]!), r[2], r[3]])).toEqual([['SN-BBB', 'SO-3', 'Grace Hopper']]);

  // A search the bench cannot run says why.
  await page.getByLabel('Identifier', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'give a value' })).toHaveText(/Give a value, a prefix, a lot, a use-by date range, a product or a dispatch date range\.$/);
});

test('recall finds a product by the start of its SKU in any case, as the order list does', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();

  // "ph" finds PHN-1, as the order list's search does.
  await page.getByLabel(/Product SKU/).fill(SINGLE_SKU.slice(0, 2).toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  const counts = page.getByText('1 unit in 1 order for 1 customer, from 1 bench.');
  await expect(counts).toBeVisible();
  const rows = page.getByRole('table', { name: 'Dispatched units' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('SN-BBB');
  await page.getByLabel(/Product SKU/).fill(SINGLE_SKU.toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(counts).toBeVisible();
  expect(await beeps(page)).toBe(0);
});

test('a refused recall search keeps the results and their counts, says why and beeps; a date that is no date is refused in words', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-B');
  await page.getByRole('button', { name: 'Search' }).click();
  const counts = page.getByText('1 unit in 1 order for 1 customer, from 1 bench.');
  await expect(counts).toBeVisible();
  const rows = page.getByRole('table', { name: 'Dispatched units' }).getByRole('row');
  await expect(rows).toHaveCount(2);

  // A refused search changes nothing on screen: the results and their counts stay.
  await page.getByLabel('Dispatched from').fill('2026-03-09');
  await page.getByLabel('Dispatched to').fill('2026-03-01');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.recall').getByRole('alert')).toHaveText(/The dispatch date range ends before it starts\.$/);
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(counts).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();

  // A date typed that is no date: the app's refusal in words, announced and beeped, not the browser's bubble.
  await page.getByLabel('Dispatched to').fill('');
  await page.getByLabel('Dispatched from').fill('');
  await page.getByLabel('Dispatched from').click();
  // 30 February 2026, typed in the order the browser's locale shows a date's parts.
  const parts = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 0, 2)).flatMap((p) => (p.type === 'literal' ? [] : [p.type])),
  );
  const typed: Record<string, string> = { day: '30', month: '02', year: '2026' };
  await page.keyboard.type(parts.map((part) => typed[part] ?? '').join(''));
  expect(await page.getByLabel('Dispatched from').evaluate((el) => (el as HTMLInputElement).validity.badInput)).toBe(true);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.recall').getByRole('alert')).toHaveText(/Dispatched from is not a date\.$/);
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(counts).toBeVisible();
  await expect(rows).toHaveCount(2);
  // By the keyboard too: Enter in the field submits, and is refused the same way.
  await page.getByLabel('Dispatched from').press('Enter');
  await expect.poll(() => beeps(page)).toBe(3);
  await expect(page.locator('.recall').getByRole('alert')).toHaveText(/Dispatched from is not a date\.$/);
  await expectAccessible(page);

  // An export the bench cannot make (here: the bench service does not answer) is a refusal too: said and beeped.
  await page.getByLabel('Dispatched from').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.recall').getByRole('alert')).toBeHidden();
  await page.route('**/api/prepareRecallExport', (route) => route.abort());
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.locator('.recall').getByRole('alert')).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(4);
  await expect(counts).toBeVisible();
});

test("a lot's use-by date shows in the lookup and in recall rows, in the bench's locale", async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'], ['RICE-1', 'Rice', '', 'single_use', '2', 'lot']]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier', 'use_by'], ['RICE-1', 'R-7', '2031-03-31'], ['RICE-1', 'R-8', '']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-R', 'Pantry', 'RICE-1', '2']]) },
    ],
  });
  const lineId = lineIds(bench, 'SO-R')['RICE-1']!;
  bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value: 'R-7' }, { lineId, unit: 2, value: 'R-8' }] });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-R'), lines: [{ lineId, quantity: 2 }] }).status).toBe('dispatched');
  await bench.open(page);
  const inLocale = await page.evaluate(() => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date('2031-03-31T00:00:00Z')));

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('R-7');
  await page.getByRole('button', { name: 'Look up' }).click();
  const match = page.getByRole('article', { name: 'RICE-1: R-7' });
  await expect(match.getByRole('definition').last()).toHaveText(inLocale);
  await expect(match.getByText('Use by', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('R-');
  await page.getByRole('button', { name: 'Search' }).click();
  const rows = page.getByRole('table', { name: 'Dispatched units' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText(`R-7 use by ${inLocale}`);
  await expect(rows.nth(2).getByRole('cell').first()).toHaveText('R-8');

  // The CSV export has the date too: a "Use by" column, YYYY-MM-DD, empty for an undated lot.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const [header, ...records] = parse(readFileSync((await (await downloading).path())!), { bom: true }) as string[][];
  const useByColumn = header!.indexOf('Use by');
  expect(useByColumn).toBeGreaterThan(0);
  expect(records.map((r) => [unguardCell(r[0]!), r[useByColumn]])).toEqual([
    ['R-7', '2031-03-31'],
    ['R-8', ''],
  ]);
});

test('a lot search that finds no lot product says where that value went in products of another kind', async ({ page, bench }) => {
  // A catalogue imported with the basic columns only: its lots are identifiers of kind "other".
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['FLOUR-1', 'Flour', '', 'multiple_use', 10]]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['FLOUR-1', 'LOT-0042']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-F1', 'Bakery', 'FLOUR-1', 2], ['SO-F2', 'Cafe', 'FLOUR-1', 1]]) },
    ],
  });
  for (const [orderNumber, units] of [['SO-F1', 2], ['SO-F2', 1]] as const) {
    const lineId = lineIds(bench, orderNumber)['FLOUR-1']!;
    bench.handlers.saveAllocations({ allocations: Array.from({ length: units }, (_, u) => ({ lineId, unit: u + 1, value: 'LOT-0042' })) });
    expect(bench.handlers.completeOrder({ orderId: orderId(bench, orderNumber), lines: [{ lineId, quantity: units }] }).status).toBe('dispatched');
  }

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByRole('radio', { name: 'Lot' }).check();
  await page.getByRole('searchbox', { name: 'Lot number' }).fill('LOT-0042');
  await page.getByRole('searchbox', { name: 'Lot number' }).press('Enter');
  // "0 units" alone would read as "nobody got this lot": the note says what did match, with no line of zeros.
  await expect(page.getByRole('status').filter({ hasText: 'No dispatched unit of a lot product' })).toHaveText(
    /^No dispatched unit of a lot product matched "LOT-0042", but 3 units in 2 orders of products whose identifier kind is not lot carry that value exactly: choose "Exactly" to list them\.$/,
  );
  await expect(page.locator('.recall-counts')).toHaveCount(0);
  await expectAccessible(page);

  // A value nobody got says nothing more.
  await page.getByRole('searchbox', { name: 'Lot number' }).fill('LOT-9999');
  await page.getByRole('searchbox', { name: 'Lot number' }).press('Enter');
  await expect(page.getByText(/^No dispatched unit matched/)).toBeVisible();
  await expect(page.getByText(/No dispatched unit of a lot product/)).toHaveCount(0);
});

test('a lot search the filters empty, while a lot product holds that lot, does not say no lot product holds it', async ({ page, bench }) => {
  // RICE-L is a lot product holding LOT-0042; FLOUR-1 (kind "other") holds the same value. Both dispatched.
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csvRows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['RICE-L', 'Rice', '', 'multiple_use', 10, 'lot'],
          ['FLOUR-1', 'Flour', '', 'multiple_use', 10, ''],
        ]),
      },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['RICE-L', 'LOT-0042'], ['FLOUR-1', 'LOT-0042']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-R1', 'Pantry', 'RICE-L', 1], ['SO-F1', 'Bakery', 'FLOUR-1', 2]]) },
    ],
  });
  for (const [orderNumber, sku, units] of [['SO-R1', 'RICE-L', 1], ['SO-F1', 'FLOUR-1', 2]] as const) {
    const lineId = lineIds(bench, orderNumber)[sku]!;
    bench.handlers.saveAllocations({ allocations: Array.from({ length: units }, (_, u) => ({ lineId, unit: u + 1, value: 'LOT-0042' })) });
    expect(bench.handlers.completeOrder({ orderId: orderId(bench, orderNumber), lines: [{ lineId, quantity: units }] }).status).toBe('dispatched');
  }

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByRole('radio', { name: 'Lot' }).check();
  await page.getByRole('searchbox', { name: 'Lot number' }).fill('LOT-0042');
  await page.getByRole('searchbox', { name: 'Lot number' }).press('Enter');
  // Unfiltered, the lot product's unit is found: nothing more to say.
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Dispatched units' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByText(/No dispatched unit of a lot product/)).toHaveCount(0);

  // The SKU filter leaves the lot product out: the lot is not said to be held by no lot product.
  await page.getByLabel('Product SKU or its start, any case (optional)').fill('flour');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'No dispatched unit of a lot product' })).toHaveText(
    /^No dispatched unit of a lot product matched "LOT-0042" with these filters, but 2 units in 1 order of products whose identifier kind is not lot carry that value exactly: choose "Exactly" to list them\.$/,
  );
  await expect(page.locator('.recall-counts')).toHaveCount(0);
  await expect(page.getByText(/No lot product holds/)).toHaveCount(0);
  await expectAccessible(page);
});

test('looking up a lot in more units than the lookup lists says how many were left off and where they all are', async ({ page, bench }) => {
  const units = MAX_LOOKUP_ORDERS + 3;
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['FLOUR-1', 'Flour', '', 'multiple_use', units]]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['FLOUR-1', 'LOT-0042']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-F1', 'Bakery', 'FLOUR-1', units]]) },
    ],
  });
  const lineId = lineIds(bench, 'SO-F1')['FLOUR-1']!;
  bench.handlers.saveAllocations({ allocations: Array.from({ length: units }, (_, u) => ({ lineId, unit: u + 1, value: 'LOT-0042' })) });
  expect(bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-F1'), lines: [{ lineId, quantity: units }] }).status).toBe('dispatched');

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('LOT-0042');
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  const match = page.getByRole('article', { name: 'FLOUR-1: LOT-0042' });
  await expect(match.getByRole('table', { name: 'Orders' }).locator('tbody').getByRole('row')).toHaveCount(MAX_LOOKUP_ORDERS);
  await expect(match.getByText('3 more units with this identifier are not listed here: Recall (Exactly) lists and exports every dispatched one.')).toBeVisible();
});

test('recall "Show more" by keyboard puts the focus on the first row it loaded', async ({ page, bench }) => {
  // One more dispatched unit than the screen's first page (200 rows).
  const units = 201;
  dispatchRouterSerials(bench, units);

  await bench.open(page);
  const rows = await recallRowsFor(page, 'RS-');
  await expect(rows).toHaveCount(200);
  const more = page.getByRole('button', { name: 'Show more' });
  // From the Identifier box past the form, "Export CSV", "Export for Excel" and the rows (one Tab stop).
  await tabTo(page, more, { max: 16 });
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(units);
  // The last page: the button is gone, and the focus did not fall to the page with it.
  await expect(more).toHaveCount(0);
  await expect(rows.nth(200)).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test.describe('recall at a bench far from UTC', () => {
  // UTC+14: a dispatch's local calendar day is never its UTC day before 10:00 UTC, and never the same hour.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('rows show the dispatch time in UTC, the zone the dispatch day filter uses', async ({ page, bench }) => {
    seedOrders(bench);
    const so3 = lineIds(bench, 'SO-3');
    bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
    bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] });
    const [dispatched] = bench.handlers.recallSearch({ query: { match: 'exact', value: 'SN-BBB' }, limit: 10 }).rows;
    const at = new Date(dispatched!.dispatchedAt);
    const utcDay = dispatched!.dispatchedAt.slice(0, 10);
    const pad = (n: number) => String(n).padStart(2, '0');
    const shownUtc = `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} UTC`;

    await bench.open(page);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
    await page.getByLabel('Identifier', { exact: true }).fill('SN-B');
    await page.getByLabel('Dispatched from').fill(utcDay);
    await page.getByLabel('Dispatched to').fill(utcDay);
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByRole('table', { name: 'Dispatched units' }).getByRole('row');
    await expect(rows).toHaveCount(2);
    // The row the one-day search found is shown on that day, not on the packer's local one.
    await expect(rows.nth(1).getByRole('cell').nth(5)).toHaveText(shownUtc);
  });
});

test('a removed identifier still shows its history: what it was, where it went and that it was removed', async ({ page, bench }) => {
  seedOrders(bench);
  const value = 'USE BY 2026-12-11';
  const so4 = lineIds(bench, 'SO-4');
  bench.handlers.saveAllocations({ allocations: [{ lineId: so4[MULTI_SKU]!, unit: 1, value }] });
  bench.handlers.saveAllocations({ allocations: [{ lineId: so4[MULTI_SKU]!, unit: 1, value: null }] });
  // Taken off the yoghurt in its serial numbers grid (a multiple-use product need not fill every box).
  const yoghurt = bench.handlers.findProducts({ query: MULTI_SKU, offset: 0, limit: 1 }).items[0]!;
  const grid = bench.handlers.getSerialGrid({ productId: yoghurt.id, offset: 0, limit: 50 }).boxes;
  const box = grid.findIndex((b) => b.value === value);
  bench.handlers.saveSerialGrid({ productId: yoghurt.id, edits: [{ box, identifierId: grid[box]!.identifierId, value: '' }] });
  expect(bench.handlers.lookupIdentifier({ value }).matches).toEqual([]);

  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill(value);
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  await expect(page.getByText(`No product holds "${value}" now.`)).toBeVisible();
  const timeline = page.getByRole('region', { name: `History of ${value} (${MULTI_SKU})` });
  await expect(timeline.getByRole('listitem')).toHaveText([
    /Added.*at E2E bench/,
    /Allocated — order SO-4, line 1, unit 1/,
    /Allocation cleared — order SO-4, line 1, unit 1/,
    /Removed.*at E2E bench/,
  ]);
  await expectAccessible(page);

  // Never seen at this bench: nothing to show but that.
  await page.getByLabel('Identifier', { exact: true }).fill('SN-ZZZ');
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  await expect(page.getByText('No identifier "SN-ZZZ" was found. Identifiers are case sensitive.')).toBeVisible();
  await expect(page.getByRole('region', { name: /History of/ })).toHaveCount(0);
});

test.describe('lookup at a bench far from UTC', () => {
  // UTC+14, as above: a time without its zone cannot be matched with Recall's UTC rows.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('lookup and history times are the bench local time with its zone named, "GMT+14"', async ({ page, bench }) => {
    seedOrders(bench);
    const so3 = lineIds(bench, 'SO-3');
    bench.handlers.saveAllocations({ allocations: [{ lineId: so3[SINGLE_SKU]!, unit: 1, value: 'SN-BBB' }] });
    bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-3'), lines: [{ lineId: so3[SINGLE_SKU]!, quantity: 1 }] });
    const [dispatched] = bench.handlers.recallSearch({ query: { match: 'exact', value: 'SN-BBB' }, limit: 10 }).rows;
    const local = new Date(Date.parse(dispatched!.dispatchedAt) + 14 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const shownLocal = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}, ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} GMT+14`;

    await bench.open(page);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
    await page.getByLabel('Identifier', { exact: true }).fill('SN-BBB');
    await page.getByLabel('Identifier', { exact: true }).press('Enter');
    const match = page.getByRole('article', { name: `${SINGLE_SKU}: SN-BBB` });
    await expect(match.getByRole('table', { name: 'Orders' }).getByRole('row').nth(1).getByRole('cell').last()).toHaveText(shownLocal);
    const timeline = page.getByRole('region', { name: `History of SN-BBB (${SINGLE_SKU})` });
    await expect(timeline.getByRole('listitem').last()).toContainText(`${shownLocal} Dispatched`);
  });
});

test('a lot or use-by search with no lot or date given is refused, not run as a search of every kind', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  const alert = page.locator('.recall').getByRole('alert');
  const table = page.getByRole('table', { name: 'Dispatched units' });

  // "Lot" chosen, the lot forgotten, a product given: a recall of that lot must not list the product's every unit (SN-BBB is a serial).
  await page.getByRole('radio', { name: 'Lot' }).check();
  await page.getByLabel(/Product SKU/).fill(SINGLE_SKU);
  await page.getByLabel(/Product SKU/).press('Enter');
  await expect(alert).toHaveText(/Type the lot number to search by lot\.$/);
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(table).toHaveCount(0);
  await expect(page.getByLabel(/Product SKU/)).toBeFocused();

  // The same with "Use-by dates" and neither date.
  await page.getByRole('radio', { name: 'Use-by dates' }).check();
  await page.getByLabel(/Product SKU/).press('Enter');
  await expect(alert).toHaveText(/Give a use-by from or to date to search by use-by dates\.$/);
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(table).toHaveCount(0);

  // "Starts with" and no value: every unit of the product, as before.
  await page.getByRole('radio', { name: 'Starts with' }).check();
  await page.getByLabel(/Product SKU/).press('Enter');
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  await expect(alert).toBeHidden();
});

test('a recall or lookup the bench fails to answer is said and beeped, as every refusal is', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  // The bench's host drops the answers on their way to the page (a bench not answering).
  await page.route('**/api/recallSearch', (route) => route.abort());
  await page.route('**/api/lookupIdentifier', (route) => route.abort());
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-B');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.recall').getByRole('alert')).not.toBeEmpty();
  await expect.poll(() => beeps(page)).toBe(1);
  // The bench answers again: "Search" on the same search reads again rather than keeping the failure.
  await page.unroute('**/api/recallSearch');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/^No dispatched unit matched/)).toBeVisible();
  await expect(page.locator('.recall').getByRole('alert')).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Identifier Lookup' }).click();
  const lookupBox = page.locator('.lookup').getByLabel('Identifier', { exact: true });
  await lookupBox.fill('SN-B');
  await lookupBox.press('Enter');
  await expect(page.locator('.lookup').getByRole('alert')).not.toBeEmpty();
  await expect.poll(() => beeps(page)).toBe(2);
});

/** RICE-G (lots, L-100 twice to SO-G1), PHN-G (serials SN-77 and SN-770 to SO-G2), and TAB-2 (no barcode, SN-77 to SO-G3), dispatched. */
function seedGs1Recall(bench: BenchFixture): void {
  // EAN-13 barcodes: GTIN-14 09506000134352 (RICE-G, lots) and 09501101530003 (PHN-G, serials). TAB-2 holds SN-77 too.
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csvRows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['RICE-G', 'Rice', '9506000134352', 'multiple_use', 10, 'lot'],
          ['PHN-G', 'Phone G', '9501101530003', 'single_use', 2, 'serial'],
          ['TAB-2', 'Tablet', '', 'single_use', 1, 'serial'],
        ]),
      },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['RICE-G', 'L-100'], ['PHN-G', 'SN-77'], ['PHN-G', 'SN-770'], ['TAB-2', 'SN-77']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-G1', 'Pantry', 'RICE-G', 2], ['SO-G2', 'Shop', 'PHN-G', 2], ['SO-G3', 'Mall', 'TAB-2', 1]]) },
    ],
  });
  for (const [orderNumber, sku, values] of [['SO-G1', 'RICE-G', ['L-100', 'L-100']], ['SO-G2', 'PHN-G', ['SN-77', 'SN-770']], ['SO-G3', 'TAB-2', ['SN-77']]] as const) {
    const lineId = lineIds(bench, orderNumber)[sku]!;
    bench.handlers.saveAllocations({ allocations: values.map((value, u) => ({ lineId, unit: u + 1, value })) });
    expect(bench.handlers.completeOrder({ orderId: orderId(bench, orderNumber), lines: [{ lineId, quantity: values.length }] }).status).toBe('dispatched');
  }
}

test('a GS1 code scanned into the recall identifier box searches its lot or its serial exactly, in the product its GTIN names', async ({ page, bench }) => {
  seedGs1Recall(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  const sku = page.getByLabel(/Product SKU/);
  const rows = page.getByRole('table', { name: 'Dispatched units' }).locator('tbody').getByRole('row');

  // A serial (21): that serial exactly (not SN-770), of the product whose barcode the GTIN is (not TAB-2's SN-77).
  await page.getByLabel('Identifier', { exact: true }).focus();
  await scan(page, '(01)09501101530003(21)SN-77');
  await expect(page.getByRole('radio', { name: 'Exactly' })).toBeChecked();
  await expect(page.getByLabel('Identifier', { exact: true })).toHaveValue('SN-77');
  await expect(sku).toHaveValue('PHN-G');
  await expect(page.getByText('The GS1 code is product PHN-G (Phone G): the search is for its units only.')).toBeVisible();
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SO-G2');

  // A lot (10), the GS separator as Ctrl+] before a use-by date: the search turns to "Lot".
  await page.getByLabel('Identifier', { exact: true }).fill('');
  await page.keyboard.type(']d2010950600013435210L-100', { delay: 5 });
  await page.keyboard.press('Control+BracketRight');
  await scan(page, '17311231');
  await expect(page.getByRole('radio', { name: 'Lot' })).toBeChecked();
  await expect(page.getByRole('searchbox', { name: 'Lot number' })).toHaveValue('L-100');
  await expect(sku).toHaveValue('RICE-G');
  await expect(page.getByText('2 units in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  await expect(rows).toHaveCount(2);

  // Plain typed text searches as it always did: the start of a value, any product.
  await page.getByRole('radio', { name: 'Starts with' }).check();
  await sku.fill('');
  await page.getByLabel('Identifier', { exact: true }).fill('SN-77');
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  await expect(page.getByText('3 units in 2 orders for 2 customers, from 1 bench.')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Starts with' })).toBeChecked();
  await expect(sku).toHaveValue('');
  expect(await beeps(page)).toBe(0);

  // A code that looks like GS1 but cannot be read is refused and beeped, as Identifier Lookup refuses it.
  await page.getByLabel('Identifier', { exact: true }).fill('');
  await scan(page, '(01)09506000134353(21)SN-1');
  await expect(page.locator('.recall').getByRole('alert')).toContainText('wrong check digit');
  await expect.poll(() => beeps(page)).toBe(1);
  await expectAccessible(page);
});

test('a GS1 label scanned into the recall SKU box names its product by GTIN and searches what it carries; a GTIN no product has is refused and beeped', async ({ page, bench }) => {
  seedGs1Recall(bench);
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  const sku = page.getByLabel(/Product SKU/);
  const identifier = page.getByLabel('Identifier', { exact: true });
  const rows = page.getByRole('table', { name: 'Dispatched units' }).locator('tbody').getByRole('row');
  const alerts = page.locator('.recall').getByRole('alert');

  // A serial (21): the product by its GTIN, and that serial exactly, as the Identifier box reads the code.
  await sku.focus();
  await scan(page, '(01)09501101530003(21)SN-77');
  await expect(sku).toHaveValue('PHN-G');
  await expect(page.getByRole('radio', { name: 'Exactly' })).toBeChecked();
  await expect(identifier).toHaveValue('SN-77');
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SO-G2');

  // The raw form the scanner sends: symbology prefix, a lot (10), GS (Ctrl+]), a use-by date: a lot search.
  await sku.fill('');
  await page.keyboard.type(']d2010950600013435210L-100', { delay: 5 });
  await page.keyboard.press('Control+BracketRight');
  await scan(page, '17311231');
  await expect(sku).toHaveValue('RICE-G');
  await expect(page.getByRole('radio', { name: 'Lot' })).toBeChecked();
  await expect(page.getByRole('searchbox', { name: 'Lot number' })).toHaveValue('L-100');
  await expect(page.getByText('2 units in 1 order for 1 customer, from 1 bench.')).toBeVisible();

  // A GTIN alone names the product only: what the Identifier box holds is searched in it.
  await page.getByRole('radio', { name: 'Starts with' }).check();
  await identifier.fill('SN-7');
  await sku.fill('');
  await scan(page, '(01)09501101530003');
  await expect(sku).toHaveValue('PHN-G');
  await expect(identifier).toHaveValue('SN-7');
  await expect(page.getByText('2 units in 1 order for 1 customer, from 1 bench.')).toBeVisible();

  // The product's own barcode as printed on its box (an EAN-13, no GS1 fields): that product too.
  await identifier.fill('');
  await sku.fill('');
  await scan(page, '9506000134352');
  await expect(sku).toHaveValue('RICE-G');
  await expect(page.getByText(/^The barcode is product RICE-G/)).toBeVisible();
  await expect(rows.first()).toContainText('L-100');
  expect(await beeps(page)).toBe(0);

  // A GTIN no product has: refused in words and beeped; the results shown stay.
  await sku.fill('');
  await scan(page, '(01)09506000134376(21)SN-77');
  await expect(alerts.filter({ hasText: "The scanned GTIN 09506000134376 is no product's barcode on this bench" })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByText('2 units in 1 order for 1 customer, from 1 bench.')).toBeVisible();

  // A code that looks like GS1 but cannot be read is refused as the Identifier box refuses it.
  await sku.fill('');
  await scan(page, '(01)09506000134353(21)SN-1');
  await expect(alerts.filter({ hasText: 'wrong check digit' })).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(2);

  // Scanned into the Identifier box, a GTIN no product has still searches every product, but as a refusal: said aloud and beeped.
  await sku.fill('');
  await identifier.fill('');
  await identifier.focus();
  await scan(page, '(01)09506000134376(21)SN-77');
  await expect(alerts.filter({ hasText: "The scanned GTIN 09506000134376 is no product's barcode on this bench. The search is for every product." })).toBeVisible();
  await expect(page.getByText('2 units in 2 orders for 2 customers, from 1 bench.')).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(3);
  await expectAccessible(page);
});

test('a new recall search that finds nothing while "Export CSV" has the focus leaves the focus on Search, not the page', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-B');
  await page.getByLabel('Identifier', { exact: true }).press('Enter');
  await expect(page.getByText('1 unit in 1 order for 1 customer, from 1 bench.')).toBeVisible();
  const exportCsv = page.getByRole('button', { name: 'Export CSV' });
  await tabTo(page, exportCsv, { max: 12 });

  // A new search runs while the focus stays on "Export CSV" (the form submitted without moving it).
  await page.getByLabel('Identifier', { exact: true }).evaluate((el) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'NOBODY-GOT-THIS');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.form!.requestSubmit();
  });
  await expect(page.getByText(/^No dispatched unit matched/)).toBeVisible();
  await expect(exportCsv).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Search' })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test('recall\'s Match choices sit on one line, each radio beside its words, and the results name their search', async ({ page, bench }) => {
  seedOrders(bench);
  dispatchSerialOfSo3(bench);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recall' }).click();
  const match = page.getByRole('group', { name: 'Match' });
  const radios = match.getByRole('radio');
  await expect(radios).toHaveCount(4);
  const boxes = await Promise.all([0, 1, 2, 3].map((i) => radios.nth(i).boundingBox()));
  const labels = await Promise.all([0, 1, 2, 3].map((i) => radios.nth(i).locator('xpath=..').boundingBox()));
  for (let i = 0; i < 4; i++) {
    // Each label one line, its radio at its left, level with its words (it was a column: each radio
    // above its words); the four side by side.
    expect(labels[i]!.height).toBeLessThan(boxes[i]!.height * 2);
    expect(labels[i]!.width).toBeGreaterThan(boxes[i]!.width * 2);
    expect(boxes[i]!.x - labels[i]!.x).toBeLessThan(8);
    expect(Math.abs(boxes[i]!.y - boxes[0]!.y)).toBeLessThan(2);
  }
  await page.getByLabel('Identifier', { exact: true }).fill('SN-');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('Results for identifiers starting "SN-":')).toBeVisible();
  await expectAccessible(page);
});
