// @vitest-environment happy-dom
/**
 * The serial grid against a real core: a range typed into a box ("SN-0001 +3") fills boxes only when
 * entered (Enter or Tab). "Save Changes" with the range still unexpanded in its box saves nothing (it
 * would be stored as one serial number, "SN-0001 +3"); the refusal names the box and what to do.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith(name))!;

describe('a range left unexpanded in its box', () => {
  it('is not saved as a serial number: the refusal names its box, and the list jumps to it', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU', 'multiple_use', 5);
    const api = coreApi(bench);
    const { root } = mounted();
    act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={api} productId={productId} onBack={() => {}} /></QueryClientProvider>));
    await settle();
    typeInto(box(0), 'A-1');
    typeInto(box(1), 'SN-0001 +3');
    await act(async () => button('Save Changes').click());
    await settle();
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value)).toEqual(['', '', '', '', '']);
    const jump = button('Box 2:');
    expect(jump.textContent).toBe('Box 2: "SN-0001 +3" is a range: press Enter in the box to fill boxes from it (or change it).');
    expect(box(1).getAttribute('aria-invalid')).toBe('true');
    act(() => jump.click());
    expect(document.activeElement).toBe(box(1));
    // A value that only looks like one is saved as typed.
    typeInto(box(1), 'A+B');
    await act(async () => button('Save Changes').click());
    await settle();
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value).slice(0, 2)).toEqual(['A-1', 'A+B']);
  });
});
