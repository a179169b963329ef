// @vitest-environment happy-dom
/**
 * The serial grid against a real core, for what a packer met after the last bug hunt: the "Boxes to fix"
 * list of a refused save stayed as it was while the boxes were fixed; a one-row paste of several cells
 * kept the first and dropped the rest silently; a multi-line paste into a lot's use-by date box went in
 * as one line of junk; "Save Changes" with nothing changed (or while a save ran) was not said again,
 * nor beeped; and "Go to box" on a product with no boxes asked for "a box number from 1 to 0".
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto, paste } from './dom-helpers.js';

const beeps = countBeeps();
const mounted = mountPointPerTest();
giveBoxListsAViewport();
const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const date = (i: number) => document.getElementById(`serial-box-${i}-use-by`) as HTMLInputElement;
const values = (count: number) => Array.from({ length: count }, (_, i) => box(i).value);
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text)!;
const toFix = () => [...document.querySelectorAll('[aria-label="Boxes to fix"] button')].map((b) => b.textContent);
const fixProgress = () => document.querySelector('.grid-refusal-progress')?.textContent ?? null;
const scanRefusal = () => document.querySelector('.scan-refusal')?.textContent ?? '';
const pasteStatus = () => document.querySelector('.serial-box-paste-status')?.textContent ?? '';
const unsavedCount = () => document.querySelector('.unsaved-count')?.textContent;


async function mountGrid(api: BenchApi, productId: number) {
  const { root } = mounted();
  act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={api} productId={productId} onBack={() => {}} /></QueryClientProvider>));
  await settle();
}

const press = async (text: string) => {
  await act(async () => button(text).click());
  await settle();
};

describe('"Boxes to fix" after a refused Save Changes', () => {
  it('drops each box once it is fixed, says how many are left, and keeps the focus in the box being fixed', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-F', 'single_use', 3);
    await mountGrid(coreApi(bench), productId);
    typeInto(box(0), 'S-1');
    await press('Save Changes');
    expect(toFix()).toEqual([
      'Box 2: Enter an identifier: single-use products need one in every box.',
      'Box 3: Enter an identifier: single-use products need one in every box.',
    ]);
    act(() => box(1).focus());
    typeInto(box(1), 'S-2');
    expect(toFix()).toEqual(['Box 3: Enter an identifier: single-use products need one in every box.']);
    expect(fixProgress()).toBe('1 of 2 marked boxes changed; 1 left to fix.');
    expect(document.activeElement).toBe(box(1));
    typeInto(box(2), 'S-3');
    expect(toFix()).toEqual([]);
    expect(fixProgress()).toBe('All 2 marked boxes changed: choose "Save Changes" to check and save them.');
  });

  it('when the list was capped, says more boxes were marked once every listed one is changed, not "all changed"', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-C', 'single_use', 150);
    await mountGrid(coreApi(bench), productId);
    typeInto(box(0), 'S-0');
    await press('Save Changes');
    expect(toFix()).toHaveLength(100);
    paste(box(1), Array.from({ length: 100 }, (_, i) => `S-${i + 1}`).join('\n'));
    await settle();
    expect(toFix()).toEqual([]);
    expect(fixProgress()).toBe('All 100 listed boxes changed; 49 more boxes were marked: choose "Save Changes" to check them all.');
  });

  it('drops both boxes of a repeated serial number when one of them is changed', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-F', 'multiple_use', 3);
    await mountGrid(coreApi(bench), productId);
    typeInto(box(0), 'R-1');
    typeInto(box(1), 'R-1');
    await press('Save Changes');
    expect(toFix()).toHaveLength(2);
    typeInto(box(1), 'R-2');
    expect(toFix()).toEqual([]);
    expect(box(0).getAttribute('aria-invalid')).toBeNull();
    expect(fixProgress()).toBe('All 2 marked boxes changed: choose "Save Changes" to check and save them.');
    await press('Save Changes');
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value)).toEqual(['R-1', 'R-2', '']);
  });
});

describe('a repeat only the core saw (its partner on a page not read when saved)', () => {
  const goTo = async (n: number) => {
    typeInto(document.getElementById('go-to-box-number') as HTMLInputElement, String(n));
    await press('Go');
    // happy-dom scrolls without telling: the list hears of it as a browser's would, and reads the page there.
    act(() => void document.querySelector('.serial-box-scroller')!.dispatchEvent(new Event('scroll')));
    await settle();
  };

  it('leaves the marked box, and "Boxes to fix", once the packer changes the box it repeated', async () => {
    const bench = openTestBench();
    const held = Array.from({ length: 600 }, (_, i) => `R-${String(i + 1).padStart(4, '0')}`);
    const productId = bench.product('MU-P', 'multiple_use', 601, held);
    await mountGrid(coreApi(bench), productId);
    await goTo(601);
    typeInto(box(600), 'R-0300');
    await press('Save Changes');
    expect(toFix()).toEqual(['Box 601: "R-0300" is already entered (box 300); identifiers must be unique within MU-P.']);
    expect(box(600).getAttribute('aria-invalid')).toBe('true');
    // Reading box 300 alone changes nothing: it still holds R-0300.
    await goTo(300);
    expect(box(299).value).toBe('R-0300');
    await goTo(601);
    expect(box(600).getAttribute('aria-invalid')).toBe('true');
    // The packer fixes the repeat in box 300: box 601 repeats nothing now.
    await goTo(300);
    typeInto(box(299), 'R-0300-B');
    expect(toFix()).toEqual([]);
    expect(fixProgress()).toBe('All 1 marked box changed: choose "Save Changes" to check and save it.');
    await goTo(601);
    expect(box(600).getAttribute('aria-invalid')).toBeNull();
    await press('Save Changes');
    expect(bench.ok('getSerialGrid', { productId, offset: 299, limit: 1 }).boxes[0]!.value).toBe('R-0300-B');
  });
});

describe('a one-row paste of several cells (a row copied from a sheet)', () => {
  it('fills successive boxes with its cells, none dropped', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-W', 'multiple_use', 5);
    await mountGrid(coreApi(bench), productId);
    paste(box(1), 'SN-1\tSN-2\tSN-3');
    await settle();
    expect(values(5)).toEqual(['', 'SN-1', 'SN-2', 'SN-3', '']);
    expect(pasteStatus()).toBe('Pasted 3 values into boxes 2 to 4.');
  });

  it('of a block with several columns is refused in words naming the cell it would drop; nothing changes', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-X', 'multiple_use', 5);
    await mountGrid(coreApi(bench), productId);
    paste(box(0), 'SN-1\tA\nSN-2\tB\n');
    await settle();
    expect(values(5)).toEqual(['', '', '', '', '']);
    expect(scanRefusal()).toBe('The paste was refused: row 1 has more than one cell ("A" would be dropped). Copy one column (a serial number a row) or one row. Nothing was pasted.');
    expect(unsavedCount()).toBe('No unsaved changes');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});

describe('a paste into a lot\'s use-by date box', () => {
  it('of several lines is refused in words and beeped; the date is unchanged', async () => {
    const bench = openTestBench();
    const productId = bench.product('LOT-P', 'multiple_use', 3);
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    await mountGrid(coreApi(bench), productId);
    act(() => date(0).focus());
    const event = paste(date(0), '2027-03-31\n2027-04-30\n2027-05-31\n');
    expect(event.defaultPrevented).toBe(true);
    expect(date(0).value).toBe('');
    expect(scanRefusal()).toBe('The paste into the use-by date of box 1 was refused: it has 3 lines, and a use-by date is one (such as 2027-03-31). To fill several lots with their dates, paste the lots and dates into a lot box. Nothing was pasted.');
    expect(unsavedCount()).toBe('No unsaved changes');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });

  it('of one spreadsheet cell (ending in a line break) takes the date alone', async () => {
    const bench = openTestBench();
    const productId = bench.product('LOT-Q', 'multiple_use', 3);
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    await mountGrid(coreApi(bench), productId);
    act(() => date(0).focus());
    const event = paste(date(0), '2027-03-31\r\n');
    expect(event.defaultPrevented).toBe(true);
    expect(date(0).value).toBe('2027-03-31');
    expect(scanRefusal()).toBe('');
  });
});

/** The contract over the bench's core; saveSerialGrid answers once `release()` is called. */
function heldSaveApi(bench: TestBench) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const api = new Proxy({} as BenchApi, {
    get: (_, method: string) => async (args: unknown) => {
      if (method === 'saveSerialGrid') await released;
      return bench.call(method as BenchMethod, args as never);
    },
  });
  return { api, release };
}

describe('"Save Changes"', () => {
  it('with nothing changed is refused, beeped and announced anew on every press', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-N', 'multiple_use', 3);
    await mountGrid(coreApi(bench), productId);
    await press('Save Changes');
    const first = document.getElementById('save-changes-problem');
    expect(first?.getAttribute('role')).toBe('alert');
    expect(first?.textContent).toBe('⚠ Nothing to save: no box has been changed.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await press('Save Changes');
    const second = document.getElementById('save-changes-problem');
    expect(second?.textContent).toBe('⚠ Nothing to save: no box has been changed.');
    expect(second).not.toBe(first);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    // Typing takes the words away.
    typeInto(box(0), 'N-1');
    expect(document.getElementById('save-changes-problem')).toBeNull();
  });

  it('pressed while a save runs says so in words, beeped, and starts no second save', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-S', 'multiple_use', 3);
    const { api, release } = heldSaveApi(bench);
    await mountGrid(api, productId);
    typeInto(box(0), 'S-1');
    await act(async () => button('Save Changes').click());
    await act(async () => button('Save Changes').click());
    expect(document.getElementById('save-changes-problem')?.textContent).toBe('⚠ Already saving: wait for this save to end, then choose "Save Changes" again for anything typed meanwhile.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    release();
    await settle();
    await settle();
    expect(bench.ok('getSerialGrid', { productId }).boxes.map((b) => b.value)).toEqual(['S-1', '', '']);
    expect(document.getElementById('save-changes-problem')).toBeNull();
  });
});

describe('"Go to box" on a product with no boxes', () => {
  it('says there are no boxes, not "from 1 to 0"', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-0', 'multiple_use', 0);
    await mountGrid(coreApi(bench), productId);
    const field = document.getElementById('go-to-box-number') as HTMLInputElement;
    typeInto(field, '1');
    await act(async () => button('Go').click());
    expect(document.getElementById('go-to-box-problem')?.textContent).toBe('⚠ This product has no boxes, so there is no box to go to.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});
