/**
 * The 4×6-inch label's order-number code and dispatch range, without a browser: Code 128 while its
 * narrowest bar keeps MIN_CODE128_MODULE_DOTS printer dots across the label with its quiet zones, a
 * QR code beyond (the boundary at 29 letters), and the short range a label line holds.
 * test/e2e/slip-label.spec.ts measures the same in Chromium as it prints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { labelCode128, labelQrCode, orderBarcode } from '../../renderer/screens/orders/slip/order-barcode.js';
import { timeRangeWithZone } from '../../renderer/components/format-time.js';
import {
  CODE128_QUIET_ZONE_MODULES,
  LABEL_PRINTABLE_DOTS,
  LABEL_PRINTER_DPI,
  MIN_CODE128_MODULE_DOTS,
  QR_MODULE_DOTS,
} from '../../shared/domain/slip-label.js';
import { MAX_ORDER_NUMBER_LENGTH } from '../../shared/sync/bounds.js';

describe('the label barcode rule', () => {
  it('fits 748 dots inside the 4 mm margins of a 4-inch label at 203 dpi', () => {
    expect(LABEL_PRINTABLE_DOTS).toBe(748);
  });

  it('keeps Code 128 up to 29 letters (354 modules + quiet zones at 2 dots = 748), a QR code from 30', () => {
    const at29 = labelCode128('A'.repeat(29));
    expect(at29?.symbology).toBe('code128');
    const { width, quiet } = at29!.printed!;
    // Whole dots a module, at the floor, and the whole code with its quiet zones inside the label.
    expect(width * LABEL_PRINTER_DPI).toBeCloseTo(354 * MIN_CODE128_MODULE_DOTS, 6);
    expect(quiet * LABEL_PRINTER_DPI).toBeCloseTo(CODE128_QUIET_ZONE_MODULES * MIN_CODE128_MODULE_DOTS, 6);
    expect((width + 2 * quiet) * LABEL_PRINTER_DPI).toBeLessThanOrEqual(LABEL_PRINTABLE_DOTS + 1e-9);
    expect(labelCode128('A'.repeat(30))).toBeNull();
    expect(orderBarcode('A'.repeat(30), 'label')?.symbology).toBe('qrcode');
    // Digits pair up in Code 128: a longer all-digit number still fits.
    expect(labelCode128('1'.repeat(50))?.symbology).toBe('code128');
  });

  it('prints the longest order number as a QR code of 41 modules, QR_MODULE_DOTS each (about 20 mm)', () => {
    const qr = labelQrCode('a'.repeat(MAX_ORDER_NUMBER_LENGTH));
    expect(qr.printed!.width * LABEL_PRINTER_DPI).toBeCloseTo(41 * QR_MODULE_DOTS, 6);
  });

  it('keeps the A4 slip a Code 128 whatever the length, and draws nothing for a number a scanner would misread', () => {
    expect(orderBarcode('a'.repeat(MAX_ORDER_NUMBER_LENGTH), 'a4')?.symbology).toBe('code128');
    expect(orderBarcode('Заказ-7', 'label')).toBeNull();
  });
});

describe('the label dispatch range', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('says the day, year and zone once where the ends share them, each zone where the clocks changed', () => {
    process.env.TZ = 'Europe/London';
    expect(timeRangeWithZone('2026-03-14T09:41:00Z', '2026-03-14T11:05:00Z')).toBe('14 Mar 2026 09:41–11:05 GMT');
    expect(timeRangeWithZone('2026-12-03T14:02:00Z', '2026-12-05T09:15:00Z')).toBe('3 Dec 14:02 – 5 Dec 2026 09:15 GMT');
    expect(timeRangeWithZone('2025-12-31T23:50:00Z', '2026-01-01T00:10:00Z')).toBe('31 Dec 2025 23:50 – 1 Jan 2026 00:10 GMT');
    expect(timeRangeWithZone('2026-03-28T23:50:00Z', '2026-03-29T09:15:00Z')).toBe('28 Mar 23:50 GMT – 29 Mar 2026 10:15 BST');
    // Two parcels within one minute: the minute once, not "09:41–09:41".
    expect(timeRangeWithZone('2026-03-14T09:41:05Z', '2026-03-14T09:41:50Z')).toBe('14 Mar 2026 09:41 GMT');
  });
});
