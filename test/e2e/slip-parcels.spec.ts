/**
 * The whole-order packing slip of an order that left in several parcels, as the customer reads it:
 * a use-by date that 501 yoghurts share prints once with its count (it printed 501 identical lines),
 * serials still one a unit, the same totals, and the time of the first and the last dispatch (it
 * showed only the last, though the slip lists units of every parcel).
 */
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { openStoreWriter } from '../support/store.js';
import { expect, test } from './fixtures.js';
import { csvRows, lineIds, orderId, orderRow } from './orders-helpers.js';
import { pdfPageTexts } from './pdf-text.js';

// The bench's zone named as UTC, so the times read the same on every machine.
test.use({ timezoneId: 'UTC' });

test('a slip of several parcels: one line per shared use-by date with its count, serials one a unit, first and last dispatch times', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csvRows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['YOG-U', 'Yoghurt', '', 'multiple_use', '600', 'use_by'],
          ['PHN-S', 'Phone', '', 'single_use', '3', 'serial'],
        ]),
      },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier'], ['YOG-U', '2031-12-14'], ['YOG-U', '2031-12-21'], ['PHN-S', 'IMEI-1'], ['PHN-S', 'IMEI-2'], ['PHN-S', 'IMEI-3']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-P', 'Pantry', 'YOG-U', '504'], ['SO-P', 'Pantry', 'PHN-S', '3']]) },
    ],
  });
  const lines = lineIds(bench, 'SO-P');
  const yog = lines['YOG-U']!;
  const phone = lines['PHN-S']!;
  // Units 2 and 503 take the later date: 501 yoghurts share the first.
  const dateOf = (unit: number) => (unit === 2 || unit === 503 ? '2031-12-21' : '2031-12-14');
  bench.handlers.saveAllocations({
    allocations: [
      ...Array.from({ length: 503 }, (_, i) => ({ lineId: yog, unit: i + 1, value: dateOf(i + 1) })),
      ...['IMEI-3', 'IMEI-1', 'IMEI-2'].map((value, i) => ({ lineId: phone, unit: i + 1, value })),
    ],
  });
  const order = orderId(bench, 'SO-P');
  // Two parcels; one yoghurt stays to go, so the order keeps its "Details / Ready".
  bench.handlers.completeOrder({ orderId: order, lines: [{ lineId: yog, quantity: 500 }, { lineId: phone, quantity: 1 }] });
  bench.handlers.completeOrder({ orderId: order, lines: [{ lineId: yog, quantity: 3 }, { lineId: phone, quantity: 2 }] });
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    const update = store.prepare('UPDATE dispatches SET created_at = ? WHERE id = (SELECT id FROM dispatches WHERE order_id = ? ORDER BY id LIMIT 1 OFFSET ?)');
    update.run('2026-12-03T14:02:00.000Z', order, 0);
    update.run('2026-12-05T09:15:00.000Z', order, 1);
  } finally {
    store.close();
  }

  await bench.open(page);
  const inLocale = (iso: string) =>
    page.evaluate((d) => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);
  const [first, later] = [await inLocale('2031-12-14'), await inLocale('2031-12-21')];

  await orderRow(page, 'SO-P').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  const slip = page.getByRole('article', { name: 'Packing slip SO-P' });
  await expect(slip.getByRole('row')).toHaveText([/Qty/, /^503\s*YOG-U Yoghurt/, /^3\s*PHN-S Phone/, /^506 units in total$/]);
  const identifiers = (row: number) => slip.getByRole('row').nth(row).getByRole('cell').last().locator('div');
  await expect(identifiers(1)).toHaveText([`501 × Use by ${first}`, `2 × Use by ${later}`]);
  await expect(identifiers(2)).toHaveText(['IMEI-3', 'IMEI-1', 'IMEI-2']);
  const dispatched = '03/12/2026, 14:02:00 UTC – 05/12/2026, 09:15:00 UTC (2 dispatches)';
  await expect(slip.getByRole('definition').last()).toHaveText(dispatched);

  // Printed: the grouped lines fit one A4 page and one label's pages leave none blank.
  // The label writes the range short, on one line (test/e2e/slip-label.spec.ts), its count beside "Dispatches".
  const printedDispatched = { A4: dispatched, '4×6-inch label': '3 Dec 14:02 – 5 Dec 2026 09:15 UTC' };
  for (const [layout, onePage] of [['A4', true], ['4×6-inch label', false]] as const) {
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('radio', { name: layout }).check();
    await page.emulateMedia({ media: 'print' });
    const pages = await pdfPageTexts(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    if (onePage) expect(pages, layout).toHaveLength(1);
    expect(pages.filter((text) => text.trim() === '').length, `blank ${layout} pages`).toBe(0);
    // Read as words: the narrow label wraps long lines.
    const text = pages.join('\n').replace(/\s+/g, ' ');
    for (const expected of [`501 × Use by ${first}`, `2 × Use by ${later}`, 'IMEI-3', 'IMEI-2', '506 units in total', printedDispatched[layout]]) expect(text, layout).toContain(expected);
  }
});

test('a slip of one dispatch keeps its one time', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['BOX-1', 'Box', '', 'none', '10']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-O', 'Depot', 'BOX-1', '2']]) },
    ],
  });
  const order = orderId(bench, 'SO-O');
  bench.handlers.completeOrder({ orderId: order, lines: [{ lineId: lineIds(bench, 'SO-O')['BOX-1']!, quantity: 1 }] });
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    store.prepare('UPDATE dispatches SET created_at = ? WHERE order_id = ?').run('2026-12-03T14:02:00.000Z', order);
  } finally {
    store.close();
  }
  await bench.open(page);
  await orderRow(page, 'SO-O').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  const slip = page.getByRole('article', { name: 'Packing slip SO-O' });
  await expect(slip.getByRole('definition').last()).toHaveText('03/12/2026, 14:02:00 UTC');
});
