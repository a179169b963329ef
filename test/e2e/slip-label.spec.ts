/**
 * The packing slip on a 4×6-inch label, laid out as it prints (print media, the label's printable width):
 * the first and last dispatch of a whole-order slip read on one line (they wrapped over two or three),
 * and the order-number barcode stays scannable at 203 dpi: Code 128 while its narrowest bar is at least
 * MIN_CODE128_MODULE_DOTS printer dots, a QR code beyond (a 100-character number drew bars of under one
 * dot), the number in text beneath either way.
 */
import type { Page } from '@playwright/test';
import zxing from '@zxing/library';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { openStoreWriter } from '../support/store.js';
import { LABEL_PRINTABLE_DOTS, LABEL_PRINTER_DPI, MIN_CODE128_MODULE_DOTS, QR_MODULE_DOTS } from '../../shared/domain/slip-label.js';
import { MAX_ORDER_NUMBER_LENGTH } from '../../shared/sync/bounds.js';
import { expect, test, type BenchFixture } from './fixtures.js';
import { csvRows, lineIds, orderId, orderRow } from './orders-helpers.js';

const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } = zxing;

const CSS_PX_PER_IN = 96;
/** The label inside its margins, in CSS px: the width the print layout has. */
const PRINTABLE_PX = Math.floor((LABEL_PRINTABLE_DOTS / LABEL_PRINTER_DPI) * CSS_PX_PER_IN);
/** Canvas px per CSS px when measuring bars: an edge rasterised a pixel off is 1/20 CSS px, 0.1 dot. */
const MEASURE_SCALE = 20;
const EDGE_SLACK_DOTS = (LABEL_PRINTER_DPI / CSS_PX_PER_IN) / MEASURE_SCALE;

/** An order that left in two parcels, at `times` (ISO), its slip open. */
async function twoParcelSlip(page: Page, bench: BenchFixture, orderNumber: string, times: [string, string]): Promise<void> {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['BOX-1', 'Box', '', 'none', '10']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], [orderNumber, 'Depot', 'BOX-1', '3']]) },
    ],
  });
  const order = orderId(bench, orderNumber);
  const line = lineIds(bench, orderNumber)['BOX-1']!;
  bench.handlers.completeOrder({ orderId: order, lines: [{ lineId: line, quantity: 1 }] });
  bench.handlers.completeOrder({ orderId: order, lines: [{ lineId: line, quantity: 1 }] });
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    const update = store.prepare('UPDATE dispatches SET created_at = ? WHERE id = (SELECT id FROM dispatches WHERE order_id = ? ORDER BY id LIMIT 1 OFFSET ?)');
    times.forEach((at, i) => update.run(at, order, i));
  } finally {
    store.close();
  }
  await bench.open(page);
  await orderRow(page, orderNumber).getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
}

/** The label layout chosen, then laid out as it prints: print media, as wide as the label's printable area. */
async function asPrintedLabel(page: Page): Promise<void> {
  await page.getByRole('radio', { name: '4×6-inch label' }).check();
  await page.setViewportSize({ width: PRINTABLE_PX, height: 900 });
  await page.emulateMedia({ media: 'print' });
}

/** The lines a text takes as laid out: its line boxes, by their tops. */
function lineCount(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

const dispatchedOnSlip = (page: Page, orderNumber: string) =>
  page.getByRole('article', { name: `Packing slip ${orderNumber}` }).locator('dt:text-is("Dispatched") + dd');

test.describe('in UTC', () => {
  test.use({ timezoneId: 'UTC' });

  test('two parcels the same day: the label says the day once and both times on one line; A4 keeps the whole times', async ({ page, bench }) => {
    await twoParcelSlip(page, bench, 'SO-D', ['2026-03-14T09:41:00.000Z', '2026-03-14T11:05:00.000Z']);
    await expect(dispatchedOnSlip(page, 'SO-D')).toHaveText('14/03/2026, 09:41:00 UTC – 14/03/2026, 11:05:00 UTC (2 dispatches)');
    await asPrintedLabel(page);
    expect(await lineCount(page, '.packing-slip dt:text-is("Dispatched") + dd')).toBe(1);
    await expect(dispatchedOnSlip(page, 'SO-D')).toHaveText('14 Mar 2026 09:41–11:05 UTC');
  });
});

test.describe('fourteen hours ahead', () => {
  // The longest zone name the app writes ("GMT+14"), on two days: the longest range a label gets.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('two parcels on different days: both days and times on one line of the label', async ({ page, bench }) => {
    await twoParcelSlip(page, bench, 'SO-K', ['2026-09-28T23:50:00.000Z', '2026-09-30T00:10:00.000Z']);
    await asPrintedLabel(page);
    expect(await lineCount(page, '.packing-slip dt:text-is("Dispatched") + dd')).toBe(1);
    await expect(dispatchedOnSlip(page, 'SO-K')).toHaveText(/^29 Sept? 13:50 – 30 Sept? 2026 14:10 GMT\+14$/);
    // The count the A4 slip gives after the times is still on the label.
    await expect(page.locator('.packing-slip dt:text-is("Dispatches") + dd')).toHaveText('2');
  });
});

test.describe('Newfoundland, as its clocks go back', () => {
  // A zone named by its offset in half hours, changing between the parcels: each end names its own.
  test.use({ timezoneId: 'America/St_Johns' });

  test('two parcels either side of the clock change: each time with its zone, on one line of the label', async ({ page, bench }) => {
    await twoParcelSlip(page, bench, 'SO-N', ['2026-10-31T23:00:00.000Z', '2026-11-01T12:00:00.000Z']);
    await asPrintedLabel(page);
    expect(await lineCount(page, '.packing-slip dt:text-is("Dispatched") + dd')).toBe(1);
    await expect(dispatchedOnSlip(page, 'SO-N')).toHaveText('31 Oct 20:30 GMT-2:30 – 1 Nov 2026 08:30 GMT-3:30');
  });
});

interface Raster {
  width: number;
  height: number;
  luminance: number[];
}

/** The slip's barcode as printed: drawn at its laid-out size × `scale` on white, for decoding. */
function raster(page: Page, scale: number): Promise<Raster> {
  return page.evaluate(async (s) => {
    const svg = document.querySelector('.slip-barcode svg')!;
    const box = svg.getBoundingClientRect();
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(box.width * s) + 40;
    canvas.height = Math.ceil(box.height * s) + 40;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 20, 20, box.width * s, box.height * s);
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
    const luminance: number[] = [];
    for (let i = 0; i < data.length; i += 4) luminance.push(Math.round((data[i]! + data[i + 1]! + data[i + 2]!) / 3));
    return { width: canvas.width, height: canvas.height, luminance };
  }, scale);
}

function decode(image: Raster, format: zxing.BarcodeFormat): string {
  const reader = new MultiFormatReader();
  reader.setHints(new Map([[DecodeHintType.POSSIBLE_FORMATS, [format]]]));
  const source = new RGBLuminanceSource(Uint8ClampedArray.from(image.luminance), image.width, image.height);
  return reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}

/**
 * The barcode's module in printed dots, measured on its pixels drawn finely (MEASURE_SCALE): for a
 * linear code the narrowest bar or space across its middle; for a QR code the top edge of its top-left
 * finder pattern, 7 modules wide.
 */
function moduleDots(page: Page, kind: 'linear' | 'qr'): Promise<number> {
  return page.evaluate(
    async ({ kind, scale, dpi, cssPxPerIn }) => {
      const svg = document.querySelector('.slip-barcode svg')!;
      const box = svg.getBoundingClientRect();
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(box.width * scale);
      canvas.height = Math.ceil(box.height * scale);
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(image, 0, 0, box.width * scale, box.height * scale);
      const dark = (row: Uint8ClampedArray, x: number) => row[x * 4]! < 128;
      const rowAt = (y: number) => g.getImageData(0, y, canvas.width, 1).data;
      let px: number;
      if (kind === 'linear') {
        const row = rowAt(Math.floor(canvas.height / 2));
        const runs: number[] = [];
        let x = 0;
        while (x < canvas.width && !dark(row, x)) x++;
        while (x < canvas.width) {
          const start = x;
          const colour = dark(row, x);
          while (x < canvas.width && dark(row, x) === colour) x++;
          if (x < canvas.width) runs.push(x - start); // the white after the last bar is not a space
        }
        px = Math.min(...runs);
      } else {
        let y = 0;
        let row = rowAt(y);
        const anyDark = (r: Uint8ClampedArray) => Array.from({ length: canvas.width }, (_, i) => dark(r, i)).some(Boolean);
        while (y < canvas.height && !anyDark(row)) row = rowAt(++y);
        y += Math.round(scale / 2); // past the antialiased edge
        row = rowAt(y);
        let x = 0;
        while (!dark(row, x)) x++;
        const start = x;
        while (dark(row, x)) x++;
        px = (x - start) / 7;
      }
      return (px / scale / cssPxPerIn) * dpi;
    },
    { kind, scale: MEASURE_SCALE, dpi: LABEL_PRINTER_DPI, cssPxPerIn: CSS_PX_PER_IN },
  );
}

async function slipFor(page: Page, bench: BenchFixture, orderNumber: string): Promise<void> {
  bench.handlers.importCsv({
    files: [
      { name: 'products.csv', content: csvRows([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['BOX-1', 'Box', '', 'none', '10']]) },
      { name: 'orders.csv', content: csvRows([['order_number', 'customer', 'sku', 'quantity'], [orderNumber, 'Depot', 'BOX-1', '2']]) },
    ],
  });
  bench.handlers.completeOrder({ orderId: orderId(bench, orderNumber), lines: [{ lineId: lineIds(bench, orderNumber)['BOX-1']!, quantity: 1 }] });
  await bench.open(page);
  await orderRow(page, orderNumber).getByRole('button', { name: 'Details / Ready' }).click();
  await page.getByRole('button', { name: 'Print slip' }).click();
}

test('an order number of 20 characters: Code 128 on the label, its narrowest bar at least the scannable width, the number beneath', async ({ page, bench }) => {
  const number = 'WEB-ORDER-2026-00417';
  await slipFor(page, bench, number);
  await asPrintedLabel(page);
  const slip = page.getByRole('article', { name: `Packing slip ${number}` });
  await expect(slip.getByRole('img', { name: `Order number ${number} as a barcode` })).toBeVisible();
  expect(decode(await raster(page, 2), BarcodeFormat.CODE_128)).toBe(number);
  expect(await moduleDots(page, 'linear')).toBeGreaterThanOrEqual(MIN_CODE128_MODULE_DOTS - EDGE_SLACK_DOTS);
  await expect(slip.locator('.slip-barcode figcaption')).toHaveText(number);
});

test('an order number as long as the contract takes: a QR code on the label in modules a phone reads, the number beneath', async ({ page, bench }) => {
  // Letters and symbols, no digit runs Code 128 could pair up: its longest form.
  const number = `SO-${'abcdefghij-'.repeat(10)}`.slice(0, MAX_ORDER_NUMBER_LENGTH);
  expect(number).toHaveLength(MAX_ORDER_NUMBER_LENGTH);
  await slipFor(page, bench, number);
  await asPrintedLabel(page);
  const slip = page.getByRole('article', { name: `Packing slip ${number}` });
  await expect(slip.getByRole('img', { name: `Order number ${number} as a QR code` })).toBeVisible();
  expect(decode(await raster(page, 2), BarcodeFormat.QR_CODE)).toBe(number);
  expect(await moduleDots(page, 'qr')).toBeGreaterThanOrEqual(QR_MODULE_DOTS - EDGE_SLACK_DOTS);
  const caption = slip.locator('.slip-barcode figcaption');
  await expect(caption).toHaveText(number);
  // Beneath the code, and inside the label.
  const [code, text] = [await slip.locator('.slip-barcode svg').boundingBox(), await caption.boundingBox()];
  expect(text!.y).toBeGreaterThanOrEqual(code!.y + code!.height);
  const overflow = await slip.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
