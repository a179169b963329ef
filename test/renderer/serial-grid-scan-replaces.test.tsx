// @vitest-environment happy-dom
/**
 * A scan into a filled serial box replaces its value: the box the grid opens on, and a box reached by
 * Up or Down, have their value selected, as Tab leaves one. The caret sat at the end, so a scan ran on
 * from the old value ("2031-04-30NEW-LOT-77") and was taken, or refused for its length. Real core.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, wedgeScan } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();
const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;

describe('a scan into a filled serial box', () => {
  it('replaces the value of the box the grid opens on, and of one reached by Down', async () => {
    const bench = openTestBench();
    const productId = bench.product('MILK-1', 'multiple_use', 3, ['2031-04-30', 'B-2', 'C-3']);
    const { root } = mounted();
    act(() =>
      root.render(
        <QueryClientProvider client={createBenchQueryClient()}>
          <SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} />
        </QueryClientProvider>,
      ),
    );
    for (let i = 0; i < 4 && document.activeElement !== box(0); i++) await settle();
    expect(document.activeElement).toBe(box(0));
    expect([box(0).selectionStart, box(0).selectionEnd]).toEqual([0, '2031-04-30'.length]);
    await wedgeScan('NEW-LOT-77');
    expect(box(0).value).toBe('NEW-LOT-77');

    act(() => box(0).focus());
    act(() => void box(0).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true })));
    await settle();
    expect(document.activeElement).toBe(box(1));
    await wedgeScan('NEW-2');
    expect(box(1).value).toBe('NEW-2');
  });
});
