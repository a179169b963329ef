/**
 * The packing slip in Chromium: opened from an order's details ("Print slip" or Ctrl+Shift+P), printed
 * to PDF with the print styles; the PDF's text (read with PDF.js, no system tool) holds the order number
 * and every identifier, and the Code 128 barcode decodes back to the order number (@zxing/library over
 * the rendered pixels).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zxing from '@zxing/library';
import { expect, test } from './fixtures.js';
import { MULTI_SKU, PLAIN_SKU, SINGLE_SKU, lineIds, orderId, orderRow, seedOrders } from './orders-helpers.js';
import { pdfPageTexts } from './pdf-text.js';

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

test('after Complete Order the "dispatched" message offers Print slip; closing the slip returns to the order', async ({ page, bench }) => {
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
  await page.keyboard.press('Escape');
  await expect(slip).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Order SO-2' })).toBeFocused();
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
