// @vitest-environment happy-dom
/**
 * Recall against a real core, scanned into its Identifier box as a keyboard wedge types (keys a few ms
 * apart, then Enter or Tab). A scanner set to end with Tab searches as with Enter and keeps the focus
 * in the box (its Tab went on to the SKU box and nothing was searched); a person's Tab moves on. A scan
 * stands alone: the start of an identifier the packer had typed, the caret after it, is not part of it
 * (it searched "SN-7SN-78": nothing matched).
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { coreApi, keysInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';

const mounted = mountPointPerTest();

const box = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const counts = () => document.querySelector('.recall-counts')?.textContent ?? null;
const identifiersShown = () => [...document.querySelectorAll('.recall-rows tbody code')].map((c) => c.textContent);
const keys = (sequence: string[], gapMs: number, late: number[] = []) => keysInto(box, sequence, gapMs, late);

/** SN-77 and SN-78 dispatched, each in its own order. */
async function openRecall() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-77', 'SN-78']);
  for (const [number, value] of [['O-1', 'SN-77'], ['O-2', 'SN-78']] as const) {
    const order = bench.order(number, [['PHN-1', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
  }
  await showRecall(mounted().root, coreApi(bench));
  act(() => box().focus());
}

describe('Recall, a scan into its Identifier box', () => {
  it('ending in Tab: searched as with Enter, the Tab kept from moving the focus on', async () => {
    await openRecall();
    const { tabPrevented } = await keys([...'SN-78', 'Tab'], 5);
    expect(tabPrevented).toBe(true);
    expect(identifiersShown()).toEqual(['SN-78']);
    expect(counts()).toMatch(/^1 unit in 1 order/);
  });

  it('ending in Enter after the start of an identifier typed: searches what was scanned alone, and the box shows it', async () => {
    await openRecall();
    await keys([...'SN-7'], 150);
    await keys([...'SN-78', 'Enter'], 5);
    expect(box().value).toBe('SN-78');
    expect(identifiersShown()).toEqual(['SN-78']);
  });

  it('with a key that came late (a busy PC): the whole scan is searched', async () => {
    await openRecall();
    await keys([...'SN-78', 'Tab'], 5, [1]);
    expect(box().value).toBe('SN-78');
    expect(identifiersShown()).toEqual(['SN-78']);
  });

  it("a person's Tab moves on and searches nothing; a person's Enter searches the box's text", async () => {
    await openRecall();
    const { tabPrevented } = await keys([...'SN-7', 'Tab'], 150);
    expect(tabPrevented).toBe(false);
    expect(counts()).toBeNull();
    await keys(['Enter'], 150);
    expect(identifiersShown()).toEqual(['SN-77', 'SN-78']);
  });
});
