/**
 * Use-by dates on the order page, in Chromium: a use-by value and a dated lot read as the packing slip
 * and the allocation picker show them (the bench's locale), in the lines and in the dispatch history;
 * a dispatched lot keeps the date it went out with when the lot is re-dated later.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { csvRows, lineIds, orderId, orderRow } from './orders-helpers.js';

const inLocale = (page: Page, iso: string) =>
  page.evaluate((d) => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);

test("the order page shows use-by values and lots' dates in the bench's locale, as the slip does; a dispatched lot keeps its date then", async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      {
        name: 'products.csv',
        content: csvRows([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['MILK-1', 'Milk', '', 'multiple_use', '5', 'use_by'],
          ['RICE-1', 'Rice', '', 'multiple_use', '5', 'lot'],
        ]),
      },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier', 'use_by'], ['MILK-1', '2031-12-25', ''], ['RICE-1', 'R-7', '2031-03-31'], ['RICE-1', 'R-8', ''], ['RICE-1', 'R-9', '2031-04-30']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-D', 'Pantry', 'MILK-1', '2'], ['SO-D', 'Pantry', 'RICE-1', '3']]) },
    ],
  });
  const lines = lineIds(bench, 'SO-D');
  const milk = lines['MILK-1']!;
  const rice = lines['RICE-1']!;
  bench.handlers.saveAllocations({
    allocations: [
      { lineId: milk, unit: 1, value: '2031-12-25' },
      { lineId: rice, unit: 1, value: 'R-7' },
      { lineId: rice, unit: 2, value: 'R-8' },
      { lineId: rice, unit: 3, value: 'R-9' },
    ],
  });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-D'), lines: [{ lineId: milk, quantity: 1 }, { lineId: rice, quantity: 1 }] });
  await bench.open(page);
  const [milkDate, riceDate, laterDate, r9Date] = await Promise.all(['2031-12-25', '2031-03-31', '2031-06-30', '2031-04-30'].map((d) => inLocale(page, d)));

  await orderRow(page, 'SO-D').getByRole('button', { name: 'Details / Ready' }).click();
  const identifiersOf = (sku: string) => page.getByRole('row', { name: new RegExp(sku) }).getByRole('cell').nth(5).getByRole('listitem');
  await expect(identifiersOf('MILK-1')).toHaveText([`Unit 1: Use by ${milkDate} (dispatched)`]);
  await expect(identifiersOf('RICE-1')).toHaveText([`Unit 1: R-7 use by ${riceDate} (dispatched)`, 'Unit 2: R-8', `Unit 3: R-9 use by ${r9Date}`]);
  const history = page.getByRole('region', { name: 'Dispatch history' });
  await expect(history).toContainText(`1 × MILK-1 (Use by ${milkDate}); 1 × RICE-1 (R-7 use by ${riceDate})`);

  // R-7 re-dated after it went out: the page follows the change, and what went out keeps its date.
  const riceId = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-D') }).lines.find((l) => l.sku === 'RICE-1')!.productId;
  const boxes = bench.handlers.getSerialGrid({ productId: riceId, offset: 0, limit: 100 }).boxes;
  const redated = boxes.filter((b) => b.value === 'R-7' || b.value === 'R-9').map((b) => ({ box: b.box, identifierId: b.identifierId, value: b.value, useBy: '2031-06-30' }));
  bench.handlers.saveSerialGrid({ productId: riceId, edits: redated });
  await expect(identifiersOf('RICE-1')).toHaveText([`Unit 1: R-7 use by ${riceDate} (dispatched)`, 'Unit 2: R-8', `Unit 3: R-9 use by ${laterDate}`]);
  await expect(history).toContainText(`1 × RICE-1 (R-7 use by ${riceDate})`);
  await page.getByRole('button', { name: 'Print slip' }).click();
  const slip = page.getByRole('article', { name: 'Packing slip SO-D' });
  await expect(slip.getByRole('row').nth(2).getByRole('cell').last()).toHaveText(`R-7 use by ${riceDate}`);
});
