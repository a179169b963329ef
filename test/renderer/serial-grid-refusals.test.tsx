// @vitest-environment happy-dom
/**
 * The serial grid's refusals against a real core: "Save Changes" refused and "Go to box" given a box
 * that does not exist are shown, announced and beeped at once, and change nothing.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import { openTestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto, paste } from './dom-helpers.js';

// happy-dom has no audio device: the real beep sounds through a stand-in AudioContext that counts it.
const beeps = countBeeps();

const mounted = mountPointPerTest();
giveBoxListsAViewport();
const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text)!;

async function openGrid(mode: 'single_use' | 'multiple_use', stock: number, identifiers: string[] = []) {
  const bench = openTestBench();
  const productId = bench.product('SKU-R', mode, stock, identifiers);
  const { root } = mounted();
  act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} /></QueryClientProvider>));
  await settle();
  return { bench, productId };
}

describe('Save Changes refused', () => {
  it('beeps once when the grid refuses it (an empty box), and saves nothing', async () => {
    const { bench, productId } = await openGrid('single_use', 3);
    typeInto(box(0), 'S-1');
    await act(async () => button('Save Changes').click());
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Not saved: 2 boxes are empty');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.ok('getSerialGrid', { productId }).filledBoxes).toBe(0);
  });

  it('beeps once when the core refuses it', async () => {
    const { bench, productId } = await openGrid('multiple_use', 2, ['S-1']);
    // Another window fills box 2 after the grid was read: the grid's box 2 is stale, only the core knows.
    bench.ok('saveSerialGrid', { productId, edits: [{ box: 1, identifierId: null, value: 'S-2' }] });
    typeInto(box(1), 'S-3');
    await act(async () => button('Save Changes').click());
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Not saved:');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});

describe('Go to box', () => {
  it.each(['', '0', '4', '1.5'])('refuses box "%s" of 3 in words, announced and beeped, and moves nothing', async (typed) => {
    await openGrid('multiple_use', 3);
    box(1).focus();
    const field = document.getElementById('go-to-box-number') as HTMLInputElement;
    typeInto(field, typed);
    await act(async () => button('Go').click());
    const problem = document.getElementById('go-to-box-problem');
    expect(problem?.textContent).toContain('Enter a box number from 1 to 3.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(document.activeElement).toBe(box(1));
  });

  it('goes to a box that exists, with no refusal', async () => {
    await openGrid('multiple_use', 3);
    const field = document.getElementById('go-to-box-number') as HTMLInputElement;
    typeInto(field, '3');
    await act(async () => button('Go').click());
    expect(document.activeElement).toBe(box(2));
    expect(document.getElementById('go-to-box-problem')).toBeNull();
    await beeps.played();
    expect(beeps.count()).toBe(0);
  });
});

const pasteStatus = () => document.querySelector('.serial-box-paste-status')?.textContent;
const values = (count: number) => Array.from({ length: count }, (_, i) => box(i).value);

describe('a pasted column', () => {
  it('longer than the boxes from the focused one down is refused whole: nothing pasted, the refusal shown, announced and beeped', async () => {
    const { bench, productId } = await openGrid('multiple_use', 6, ['X']);
    paste(box(4), 'P-1\r\nP-2\r\nP-3\r\n');
    await settle();
    expect(values(6)).toEqual(['X', '', '', '', '', '']);
    const refusal = [...document.querySelectorAll('[role="alert"]')].find((el) => el.textContent?.includes('paste'));
    expect(refusal?.textContent).toBe('The pasted column was refused: it has 3 values, but only 2 boxes from box 5 on can take them. Nothing was pasted.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(document.querySelector('.unsaved-count')?.textContent).toBe('No unsaved changes');
    expect(bench.ok('getSerialGrid', { productId }).filledBoxes).toBe(1);
  });

  it('that fits says how many values went into which boxes, in words that fit one value', async () => {
    await openGrid('multiple_use', 6, ['X']);
    paste(box(2), 'P-1\r\n');
    await settle();
    expect(values(4)).toEqual(['X', '', 'P-1', '']);
    expect(pasteStatus()).toBe('Pasted 1 value into box 3.');
    paste(box(4), 'P-2\r\nP-3\r\n');
    await settle();
    expect(pasteStatus()).toBe('Pasted 2 values into boxes 5 to 6.');
    await beeps.played();
    expect(beeps.count()).toBe(0);
  });
});

describe('a scan of a dispatched single-use serial number', () => {
  it('is refused in its box at once, though the grid has read every box (the dispatched one is in none)', async () => {
    const bench = openTestBench();
    // Three in stock, two entered: once IMEI-1 is dispatched, the grid is IMEI-2 and an empty box.
    const productId = bench.product('SU-D', 'single_use', 3, ['IMEI-1', 'IMEI-2']);
    // Phones: the refusal names their values serial numbers (a product of kind Other says identifiers).
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'serial', identifierFormat: null, minShelfLifeDays: null });
    const order = bench.order('SO-D', [['SU-D', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'IMEI-1' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    const { root } = mounted();
    act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} /></QueryClientProvider>));
    await settle();
    expect(values(2)).toEqual(['IMEI-2', '']);
    expect(document.activeElement).toBe(box(1));
    typeInto(box(1), 'IMEI-1');
    act(() => void box(1).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    await settle();
    await settle();
    expect(box(1).value).toBe('');
    expect(box(1).getAttribute('aria-invalid')).toBe('true');
    const refusal = [...document.querySelectorAll('[role="alert"]')].find((el) => el.textContent?.includes('IMEI-1'));
    expect(refusal?.textContent).toBe('"IMEI-1" was refused: it was dispatched already, and single-use serial numbers are used once. Scan another.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});

describe('a refused scan into a box that held a value', () => {
  it('leaves the box holding what it held (selected, so the next scan replaces it), not emptied', async () => {
    // README "Keyboard and scanner": the box keeps what it held before. Emptied, a saved serial number
    // would have become a removal at the next "Save Changes".
    await openGrid('multiple_use', 3, ['S-1', 'S-2']);
    act(() => box(1).focus());
    typeInto(box(1), 'S-1');
    act(() => void box(1).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    await settle();
    expect(box(1).value).toBe('S-2');
    expect(box(1).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(box(1));
    expect([box(1).selectionStart, box(1).selectionEnd]).toEqual([0, 3]);
    const refusal = [...document.querySelectorAll('[role="alert"]')].find((el) => el.textContent?.includes('"S-1" was refused'));
    expect(refusal).toBeDefined();
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(document.querySelector('.unsaved-count')?.textContent).toBe('No unsaved changes');
  });
});
