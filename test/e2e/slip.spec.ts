/**
 * The packing slip in Chromium: opened from an order's details ("Print slip" or Ctrl+Shift+P), printed
 * to PDF with the print styles; the PDF's text (read with PDF.js, no system tool) holds the order number
 * and every identifier (a lot with its use-by date), and the Code 128 barcode decodes back to the order
 * number (@zxing/library over the rendered pixels).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zxing from '@zxing/library';
import { expect, test } from './fixtures.js';
import { MULTI_SKU, PLAIN_SKU, SINGLE_SKU, beeps, countBeeps, csvRows, dispatchRouterSerials, focusNothing, hardwareScan, lineIds, orderId, orderRow, seedOrders } from './orders-helpers.js';
import { pdfPageTexts } from './pdf-text.js';
import { MAX_IDENTIFIER_LENGTH, MAX_SKU_LENGTH } from '../../shared/sync/bounds.js';

const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } = zxing;

/**
 * SO-1 allocated and partly dispatched: the cable stays awaiting, so the order's details (and its
 * "Print slip", shown once an order has a dispatch) stay reachable.
 */
function dispatchPartOfSo1(bench: Parameters<typeof seedOrders>[0]): void {
  seedOrders(bench);
  const lines = lineIds(bench, 'SO-1');
  bench.handlers.saveAllocations({
    allocations: [
      { lineId: lines[SINGLE_SKU]!, unit: 1, value: 'SN-AAA' },
      { lineId: lines[SINGLE_SKU]!, unit: 2, value: 'SN-CCC' },
      { lineId: lines[MULTI_SKU]!, unit: 1, value: 'USE BY 2026-12-04' },
    ],
  });
  bench.handlers.completeOrder({
    orderId: orderId(bench, 'SO-1'),
    lines: [
      { lineId: lines[SINGLE_SKU]!, quantity: 2 },
      { lineId: lines[MULTI_SKU]!, quantity: 1 },
      { lineId: lines[PLAIN_SKU]!, quantity: 0 },
    ],
  });
}

test('Print slip: order barcode, customer, lines with identifiers and total, in the printed PDF', async ({ page, bench }, testInfo) => {
  dispatchPartOfSo1(bench);

  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-1' })).toBeVisible();
  await page.keyboard.press('Control+Shift+P');
  const slip = page.getByRole('article', { name: 'Packing slip SO-1' });
  await expect(slip).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeFocused();
  await expect(slip.getByRole('row')).toHaveText([/Qty/, /2\s*PHN-1.*SN-AAA\s*SN-CCC/, /1\s*YOG-1.*USE BY 2026-12-04/, /3\s*units in total/]);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(slip).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print slip' })).toBeVisible();
  await page.getByRole('button', { name: 'Print slip' }).click();
  await expect(slip).toBeVisible();

  // The barcode: the SVG drawn on a canvas, its pixels decoded in Node.
  const pixels = await page.evaluate(async () => {
    const svg = document.querySelector('.slip-barcode svg')!;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
    await image.decode();
    const scale = 3;
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * scale + 40;
    canvas.height = image.naturalHeight * scale + 40;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 20, 20, image.naturalWidth * scale, image.naturalHeight * scale);
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
    const luminance: number[] = [];
    for (let i = 0; i < data.length; i += 4) luminance.push(Math.round((data[i]! + data[i + 1]! + data[i + 2]!) / 3));
    return { width: canvas.width, height: canvas.height, luminance };
  });
  const reader = new MultiFormatReader();
  reader.setHints(new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]]));
  const source = new RGBLuminanceSource(Uint8ClampedArray.from(pixels.luminance), pixels.width, pixels.height);
  expect(reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText()).toBe('SO-1');

  // Printed: only the slip, with its text.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const file = join(testInfo.outputDir, 'slip.pdf');
  mkdirSync(testInfo.outputDir, { recursive: true });
  writeFileSync(file, pdf);
  const pages = await pdfPageTexts(pdf);
  expect(pages).toHaveLength(1);
  const text = pages.join('\n');
  for (const expected of ['SO-1', 'Ada Lovelace', 'SN-AAA', 'SN-CCC', 'USE BY 2026-12-04', 'E2E bench']) expect(text).toContain(expected);
  expect(text).not.toContain('Order Dispatch'); // the app around the slip does not print
});

test("a lot's use-by date is on the slip and in the printed PDF, in the bench's locale", async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'], ['RICE-1', 'Rice', '', 'single_use', '3', 'lot']]) },
      { name: 'identifiers.csv', content: csvRows([['sku', 'identifier', 'use_by'], ['RICE-1', 'R-7', '2031-03-31'], ['RICE-1', 'R-8', ''], ['RICE-1', 'R-9', '2031-04-30']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-R', 'Pantry', 'RICE-1', '3']]) },
    ],
  });
  // Two of three units go out: the order stays open, its details (and "Print slip") reachable.
  const lineId = lineIds(bench, 'SO-R')['RICE-1']!;
  bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value: 'R-7' }, { lineId, unit: 2, value: 'R-8' }] });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-R'), lines: [{ lineId, quantity: 2 }] });
  await bench.open(page);
  // As Recall and Identifier Lookup show it.
  const inLocale = await page.evaluate(() => new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date('2031-03-31T00:00:00Z')));

  await orderRow(page, 'SO-R').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  const slip = page.getByRole('article', { name: 'Packing slip SO-R' });
  const identifiers = slip.getByRole('row').nth(1).getByRole('cell').last().locator('div');
  // The undated lot shows as it is.
  await expect(identifiers).toHaveText([`R-7 use by ${inLocale}`, 'R-8']);

  await page.emulateMedia({ media: 'print' });
  const text = (await pdfPageTexts(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).join('\n');
  expect(text).toContain(`R-7 use by ${inLocale}`);
});

test('after Complete Order the "dispatched" message offers Print slip; closing the slip brings the message back, OK goes on', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeVisible();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const done = page.getByRole('dialog', { name: 'Order SO-2 dispatched' });
  await done.getByRole('button', { name: 'Print slip' }).click();
  const slip = page.getByRole('article', { name: 'Packing slip SO-2' });
  await expect(slip.getByRole('row')).toHaveText([/Qty/, /2\s*CBL-1/, /2\s*units in total/]);
  await expect(slip.getByRole('img', { name: 'Order number SO-2 as a barcode' })).toBeVisible();
  await expect(done).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(slip).toBeHidden();
  await expect(done.getByRole('button', { name: 'OK', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(done).toBeHidden();
  await expect(page.getByRole('searchbox', { name: 'Search orders' })).toBeVisible();
});

test('after a part-dispatch, the slip printed from the message closes back to it: no Enter away from sending the rest', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  const dispatchNow = page.getByLabel(`Dispatch quantity for ${PLAIN_SKU}`);
  await dispatchNow.fill('1');
  await dispatchNow.press('Enter');
  const done = page.getByRole('dialog', { name: 'Order SO-2 partly dispatched' });
  // What remains is the message's description, said with its title as OK takes the focus ("Print slip" is not part of it).
  await expect(done).toHaveAccessibleDescription('1 unit dispatched. 1 unit remains awaiting dispatch.');
  await page.keyboard.press('Shift+Tab');
  await expect(done.getByRole('button', { name: 'Print slip' })).toBeFocused();
  await page.keyboard.press('Enter');
  const slipDialog = page.getByRole('dialog', { name: 'Packing slip' });
  await expect(slipDialog.getByRole('button', { name: 'Print', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Close
  await expect(slipDialog).toBeHidden();
  // Back on the message: the focus had gone to the "Dispatch now" box holding what remains, and Enter sent it.
  await expect(done.getByRole('button', { name: 'OK', exact: true })).toBeFocused();
  await expect(dispatchNow).not.toBeFocused();
  await page.keyboard.press('Enter');
  await expect(done).toBeHidden();
  await page.waitForTimeout(300);
  const order = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-2') });
  expect(order.dispatches).toHaveLength(1);
  expect(order.unitsRemaining).toBe(1);
});

test('the slip is a modal dialog: Escape and Close both give focus back to "Print slip"', async ({ page, bench }) => {
  dispatchPartOfSo1(bench);
  await bench.open(page);
  await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
  const printSlip = page.getByRole('button', { name: 'Print slip' });
  await printSlip.focus();
  await page.keyboard.press('Enter');
  const slipDialog = page.getByRole('dialog', { name: 'Packing slip' });
  await expect(slipDialog).toBeVisible();
  await expect(slipDialog.getByRole('button', { name: 'Print', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(slipDialog).toBeHidden();
  await expect(printSlip).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(slipDialog.getByRole('button', { name: 'Print', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(slipDialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(slipDialog).toBeHidden();
  await expect(printSlip).toBeFocused();
});

test.describe('order details and slip at a bench far from UTC', () => {
  // UTC+14: a time without its zone cannot be matched with Recall's UTC rows.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('the dispatch history and the slip show the bench local time with its zone named, "GMT+14"', async ({ page, bench }) => {
    dispatchPartOfSo1(bench);
    const [dispatch] = bench.handlers.getOrder({ orderId: orderId(bench, 'SO-1') }).dispatches;
    const local = new Date(Date.parse(dispatch!.at) + 14 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const shownLocal = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}, ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} GMT+14`;

    await bench.open(page);
    await orderRow(page, 'SO-1').getByRole('button', { name: 'Details / Ready' }).click();
    await expect(page.getByRole('region', { name: 'Dispatch history' }).getByRole('listitem')).toHaveText([new RegExp(`^${shownLocal.replace('+', '\\+')} at E2E bench:`)]);
    await page.keyboard.press('Control+Shift+P');
    const slip = page.getByRole('article', { name: 'Packing slip SO-1' });
    await expect(slip.getByRole('definition').last()).toHaveText(shownLocal);
    await page.emulateMedia({ media: 'print' });
    const text = (await pdfPageTexts(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).join('\n');
    expect(text).toContain(shownLocal);
  });
});

test('the longest SKU and identifier the bench takes wrap on the 4×6-inch label instead of running off its edge', async ({ page, bench }) => {
  const sku = `S${'K'.repeat(MAX_SKU_LENGTH - 1)}`;
  const value = `L${'7'.repeat(MAX_IDENTIFIER_LENGTH - 1)}`;
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: `sku,title,barcode,identifier_mode,stock_level\n${sku},Long one,,single_use,2\n` },
      { name: 'identifiers.csv', content: `sku,identifier\n${sku},${value}\n${sku},SHORT-2\n` },
      { name: 'orders.csv', content: `order_number,customer,sku,quantity\nSO-L,Ada,${sku},2\n` },
    ],
  });
  const lineId = lineIds(bench, 'SO-L')[sku]!;
  bench.handlers.saveAllocations({ allocations: [{ lineId, unit: 1, value }, { lineId, unit: 2, value: 'SHORT-2' }] });
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-L'), lines: [{ lineId, quantity: 1 }] });
  await bench.open(page);
  await orderRow(page, 'SO-L').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  await page.getByRole('radio', { name: '4×6-inch label' }).check();
  const slip = page.getByRole('article', { name: 'Packing slip SO-L' });
  await expect(slip).toContainText(value);
  const overflow = await slip.evaluate((el) => ({ scroll: el.scrollWidth, width: el.clientWidth }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.width);
});

test('the slip writes its counts as the bench does everywhere: 1,500 with its separator, "1 unit in total" for one', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['BOX-1', 'Box', '', 'none', '2000']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['SO-BIG', 'Depot', 'BOX-1', '1600'], ['SO-ONE', 'Ada', 'BOX-1', '2']]) },
    ],
  });
  const big = lineIds(bench, 'SO-BIG')['BOX-1']!;
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-BIG'), lines: [{ lineId: big, quantity: 1500 }] });
  const one = lineIds(bench, 'SO-ONE')['BOX-1']!;
  bench.handlers.completeOrder({ orderId: orderId(bench, 'SO-ONE'), lines: [{ lineId: one, quantity: 1 }] });
  await bench.open(page);

  await orderRow(page, 'SO-BIG').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  const bigSlip = page.getByRole('article', { name: 'Packing slip SO-BIG' });
  await expect(bigSlip.getByRole('row')).toHaveText([/Qty/, /^1,500\s*BOX-1 Box/, /^1,500 units in total$/]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Back to orders' }).click();

  await orderRow(page, 'SO-ONE').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  const oneSlip = page.getByRole('article', { name: 'Packing slip SO-ONE' });
  await expect(oneSlip.getByRole('row')).toHaveText([/Qty/, /^1\s*BOX-1 Box/, /^1 unit in total$/]);
});

test('Ctrl+Shift+P on an order with nothing dispatched yet refuses in words with a beep, each time it is pressed', async ({ page, bench }) => {
  seedOrders(bench);
  await countBeeps(page);
  await bench.open(page);
  await orderRow(page, 'SO-2').getByRole('button', { name: 'Details / Ready' }).click();
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
  await page.keyboard.press('Control+Shift+P');
  const refusal = page.getByRole('alert').filter({ hasText: 'Order SO-2 has nothing dispatched yet; complete it first.' });
  await expect(refusal).toBeVisible();
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByRole('dialog', { name: 'Packing slip' })).toBeHidden();
  await page.keyboard.press('Control+Shift+P');
  await expect.poll(() => beeps(page)).toBe(2);
  await expect(refusal).toBeVisible();
});

test('a long slip prints its pages, its total once at the end, and no blank pages after them (a label printer would feed empty labels)', async ({ page, bench }) => {
  dispatchRouterSerials(bench, 150);
  await bench.open(page);
  // Dispatched in full, the order is opened by its number, as a packer scanning its pick list does.
  await focusNothing(page);
  await hardwareScan(page, 'SO-RS', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-RS', exact: true })).toBeFocused();
  await page.keyboard.press('Control+Shift+P');
  const slip = page.getByRole('article', { name: 'Packing slip SO-RS' });
  await expect(slip.getByRole('row')).toHaveText([/Qty/, /^150\s*RS-1 Router\s*RS-0001.*RS-0150$/, /^150 units in total$/]);

  for (const layout of ['A4', '4×6-inch label']) {
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('radio', { name: layout }).check();
    await page.emulateMedia({ media: 'print' });
    const pages = await pdfPageTexts(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages.length, layout).toBeGreaterThan(1);
    expect(pages.filter((text) => text.trim() === '').length, `blank ${layout} pages`).toBe(0);
    expect(pages.at(-1)).toContain('RS-0150');
    // The total prints once, at the end: not at the foot of every page (Chromium repeats a <tfoot>).
    expect(pages.filter((text) => text.includes('in total')), `${layout} pages with the total`).toHaveLength(1);
    expect(pages.at(-1)).toContain('150 units in total');
  }
});

test('an order number a Code 128 barcode cannot hold (not ASCII) gets no barcode that scans as another number, and the slip says why', async ({ page, bench }) => {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['BOX-1', 'Box', '', 'none', 10]]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], ['Заказ-7', 'Depot', 'BOX-1', '2']]) },
    ],
  });
  const line = lineIds(bench, 'Заказ-7')['BOX-1']!;
  bench.handlers.completeOrder({ orderId: orderId(bench, 'Заказ-7'), lines: [{ lineId: line, quantity: 1 }] });
  await bench.open(page);
  await orderRow(page, 'Заказ-7').getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
  const slip = page.getByRole('article', { name: 'Packing slip Заказ-7' });
  await expect(slip.getByRole('row')).toHaveText([/Qty/, /^1\s*BOX-1 Box/, /^1 unit in total$/]);
  // Drawn, it held the number's UTF-8 bytes: a scanner read "ÐÐ°ÐºÐ°Ð·-7", an order no bench has.
  await expect(slip.locator('.slip-barcode svg')).toHaveCount(0);
  await expect(slip.getByText('No barcode: order number Заказ-7 has characters a Code 128 barcode cannot hold (it holds only ASCII letters, digits and symbols).')).toBeVisible();
});

test('a scan over the slip printed from the "dispatched" message does what OK on the message does, then opens the scanned order', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByLabel('Search orders').focus();
  await hardwareScan(page, 'SO-2', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
  await page.getByRole('button', { name: 'Complete Order' }).click();
  const done = page.getByRole('dialog', { name: 'Order SO-2 dispatched' });
  await done.getByRole('button', { name: 'Print slip' }).click();
  await expect(page.getByRole('dialog', { name: 'Packing slip' })).toBeVisible();
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-3' })).toBeFocused();
  await expect(done).toBeHidden();
  await page.getByRole('button', { name: 'Back to orders' }).click();
  // SO-2 left the selection as its message's OK takes it out: only SO-3, scanned, is selected.
  await expect(page.locator('.selection-count')).toHaveText('1 order selected');
});
