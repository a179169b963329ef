// @vitest-environment happy-dom
/**
 * The serial grid against a real core, for what a packer met by keyboard and scanner: a scan into a
 * read-only box (one an order uses) went nowhere and Enter moved on as if it had been taken; a pasted
 * column holding a serial number another box holds, or one repeated in it, went in unchecked; and
 * Page Up/Down and Ctrl+Home/End did nothing in a lot's use-by date box.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import { openTestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, paste, typeInto } from './dom-helpers.js';

// happy-dom has no audio device: the real beep sounds through a stand-in AudioContext that counts it.
const beeps = countBeeps();

const mounted = mountPointPerTest();
giveBoxListsAViewport();
const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const date = (i: number) => document.getElementById(`serial-box-${i}-use-by`) as HTMLInputElement;
const values = (count: number) => Array.from({ length: count }, (_, i) => box(i).value);
const unsavedCount = () => document.querySelector('.unsaved-count')?.textContent;
const scanRefusal = () => document.querySelector('.scan-refusal')?.textContent ?? '';

/** The keys' clock: each key 5 ms after the last (a scanner's pace) unless `afterMs` says otherwise. */
let clock = 0;
function press(element: HTMLElement, key: string, init: KeyboardEventInit = {}, afterMs = 5) {
  clock += afterMs;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'timeStamp', { value: clock });
  act(() => void element.dispatchEvent(event));
  return event;
}

/** A wedge scanner into a read-only box: its keys arrive, the browser inserts nothing, then Enter. */
function scanKeys(element: HTMLElement, text: string) {
  for (const key of text) press(element, key);
  return press(element, 'Enter');
}


async function mountGrid(bench: ReturnType<typeof openTestBench>, productId: number) {
  const { root } = mounted();
  act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} /></QueryClientProvider>));
  await settle();
}

describe('a scan into a box an order uses (read only)', () => {
  it('is refused at once, in words, beeped; focus stays and nothing changes (it went nowhere, and Enter moved on)', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-L', 'multiple_use', 3, ['A-1', 'A-2', 'A-3']);
    const order = bench.order('SO-L', [['MU-L', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A-1' }] });
    await mountGrid(bench, productId);
    // Every box is filled: the grid opens on box 1, which the order uses (shown read only).
    expect(document.activeElement).toBe(box(0));
    expect(box(0).readOnly).toBe(true);
    const enter = scanKeys(box(0), 'IMEI-9');
    expect(enter.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(box(0));
    expect(scanRefusal()).toBe('Box 1 is read only (used on 1 order unit): nothing typed or scanned goes into it. Move to an empty box or one you may change.');
    expect(values(3)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(unsavedCount()).toBe('No unsaved changes');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    // The next scan there is refused again (one beep a scan, not one a character).
    scanKeys(box(0), 'IMEI-10');
    await beeps.played();
    expect(beeps.count()).toBe(2);
    expect(document.activeElement).toBe(box(0));
    // A person's key there is refused too; the Tab they press after a pause is theirs: it is not swallowed.
    press(box(0), 'x', {}, 400);
    await beeps.played();
    expect(beeps.count()).toBe(3);
    expect(press(box(0), 'Tab', {}, 600).defaultPrevented).toBe(false);
    // Moving with the keys is still the keys': Down goes to box 2, and a scan there is taken.
    press(box(0), 'ArrowDown');
    expect(document.activeElement).toBe(box(1));
  });
});

describe('a pasted column', () => {
  it('holding a serial number another box holds is refused whole, naming it and that box: nothing pasted, beeped', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-P', 'multiple_use', 6, ['X-1', 'X-2']);
    await mountGrid(bench, productId);
    paste(box(2), 'P-1\r\nX-1\r\nP-3\r\n');
    await settle();
    expect(values(6)).toEqual(['X-1', 'X-2', '', '', '', '']);
    expect(scanRefusal()).toBe('The pasted column was refused: "X-1" (row 2) is already in box 1. Nothing was pasted.');
    expect(unsavedCount()).toBe('No unsaved changes');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.ok('getSerialGrid', { productId }).filledBoxes).toBe(2);
  });

  it('repeating a serial number in itself is refused whole, naming it and both rows', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-Q', 'multiple_use', 6);
    await mountGrid(bench, productId);
    paste(box(0), 'P-1\nP-2\nP-1\n');
    await settle();
    expect(values(3)).toEqual(['', '', '']);
    expect(scanRefusal()).toBe('The pasted column was refused: "P-1" is in it twice (rows 1 and 3). Nothing was pasted.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });

  it('over boxes it replaces may take their serial numbers (they move down), and case tells values apart', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-R', 'multiple_use', 4, ['X-1', 'X-2']);
    await mountGrid(bench, productId);
    paste(box(0), 'x-1\nX-1\n');
    await settle();
    expect(values(4)).toEqual(['x-1', 'X-1', '', '']);
    expect(scanRefusal()).toBe('');
    await beeps.played();
    expect(beeps.count()).toBe(0);
  });
});

describe('a lot\'s use-by date box', () => {
  it('answers Page Down / Page Up and Ctrl+End / Ctrl+Home as the lot boxes do, staying in the date column', async () => {
    const bench = openTestBench();
    const productId = bench.product('LOT-K', 'multiple_use', 30);
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    await mountGrid(bench, productId);
    expect(date(0)).not.toBeNull();
    act(() => date(0).focus());
    // The scroller shows 10 rows: a page is 9.
    expect(press(date(0), 'PageDown').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(date(9));
    press(date(9), 'PageUp');
    expect(document.activeElement).toBe(date(0));
    press(date(0), 'End', { ctrlKey: true });
    expect(document.activeElement).toBe(date(29));
    press(date(29), 'Home', { ctrlKey: true });
    expect(document.activeElement).toBe(date(0));
  });
});

describe('Escape in a box', () => {
  it('undoes what was typed since the box took the focus, as in the identifier boxes; a typo is not saved', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-E', 'multiple_use', 3, ['A-1']);
    await mountGrid(bench, productId);
    // The first empty box has the focus: a typo there, then Escape.
    expect(document.activeElement).toBe(box(1));
    typeInto(box(1), 'TYPO');
    expect(unsavedCount()).toContain('1 unsaved change');
    const escape = press(box(1), 'Escape', {}, 500);
    expect(escape.defaultPrevented).toBe(true);
    expect(box(1).value).toBe('');
    expect(unsavedCount()).toBe('No unsaved changes');

    // In a filled box, what it held comes back; an Escape with nothing typed is left to the screen.
    act(() => box(0).focus());
    typeInto(box(0), 'A-1X');
    press(box(0), 'Escape', {}, 500);
    expect(box(0).value).toBe('A-1');
    expect(press(box(0), 'Escape', {}, 500).defaultPrevented).toBe(false);
    expect(values(3)).toEqual(['A-1', '', '']);
  });
});
