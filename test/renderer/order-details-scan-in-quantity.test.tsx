// @vitest-environment happy-dom
/**
 * A scan landing in a dispatch quantity box (a long numeric barcode, such as an SSCC, after the "2"
 * the box held): "Complete Order" by its Enter is refused naming the digits as typed, not a rounded
 * number or "3e+21", and nothing is dispatched.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();

describe('order details, a scan in a dispatch quantity box', () => {
  it('is refused naming the digits as typed, and dispatches nothing', async () => {
    const bench = openTestBench();
    bench.product('CBL-1', 'none', 10);
    const order = bench.order('SO-1', [['CBL-1', 2]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    const box = document.querySelector<HTMLInputElement>('.quantity-input')!;
    act(() => box.focus());
    const before = bench.snapshot();
    for (const [typed, said] of [
      ['2001234567890123456789', '2,001,234,567,890,123,456,789'],
      ['29007199254740993', '29,007,199,254,740,993'],
      ['0009007199254740993', '9,007,199,254,740,993'],
    ]) {
      typeInto(box, typed!);
      await act(async () => void box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
      await settle();
      expect(document.querySelector('[role=alert]')?.textContent).toBe(`⚠ Dispatch quantity for CBL-1: Only 2 units remain to dispatch; ${said} entered.`);
      expect(document.activeElement).toBe(box);
    }
    expect(bench.snapshot()).toEqual(before);
  });
});
