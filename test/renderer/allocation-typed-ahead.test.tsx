// @vitest-environment happy-dom
/**
 * A scan made right after "Add", while the allocation dialog still reads the order's boxes (no picker
 * has the focus yet): its keys are kept and land in the first unit needing an identifier, never lost.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, keysInto, settle, wedgeScan } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';
import { buttonIn, unitBox as box, dialogAlertText as alertText, press } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

giveBoxListsAViewport('allocation-list');

const dialog = () => document.querySelector<HTMLDialogElement>('.allocation-dialog');
/** The order page of SO-1 (two phones), "Complete Order" answered, and "Add" pressed while the dialog's read is held. */
async function addWhileTheDialogReads(seed?: (bench: ReturnType<typeof openTestBench>, order: { lineIds: number[] }) => void, phones = 2) {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
  const order = bench.order('SO-1', [['PHN-1', phones]]);
  seed?.(bench, order);
  const held = withHeldCall(coreApi(bench), 'getAllocationSheet');
  await renderOrderDetails(mounted().root, bench, order.id, { api: held.api });
  await press(buttonIn(document, 'Complete Order'));
  await press(buttonIn(document, 'Add'));
  expect(dialog()).not.toBeNull();
  expect(box('PHN-1', 1)).toBeNull(); // still reading: no picker yet
  return held;
}

/** Keys pressed while no box is there yet: they reach whatever has the focus (the dialog's Cancel). */
function keysWhileReading(value: string) {
  return act(async () => {
    for (const key of [...value]) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

/** Longer than any pause inside a scan (the scanner setting's 100 ms), as a person's between two keys. */
const aPersonsPause = () => act(async () => new Promise((resolve) => setTimeout(resolve, 250)));

async function letTheReadAnswer(held: { release: () => void }) {
  await act(async () => held.release());
  for (let i = 0; i < 20 && !box('PHN-1', 2); i++) await settle();
  for (let i = 0; i < 5; i++) await settle();
}

describe('allocation dialog, keys typed while it reads the orders', () => {
  it('a scan made before the first picker has the focus lands in the first unit needing an identifier, and the focus moves on', async () => {
    const held = await addWhileTheDialogReads();
    await wedgeScan('SN-2');
    expect(dialog()).not.toBeNull(); // the scan's Enter pressed nothing (Cancel had the focus)
    await letTheReadAnswer(held);
    expect(box('PHN-1', 1)!.value).toBe('SN-2');
    expect(document.activeElement).toBe(box('PHN-1', 2));
    expect(alertText()).toBe('');
  });

  it('two scans typed ahead fill the first two units, in order', async () => {
    const held = await addWhileTheDialogReads();
    await wedgeScan('SN-3');
    await wedgeScan('SN-1');
    await letTheReadAnswer(held);
    expect(box('PHN-1', 1)!.value).toBe('SN-3');
    expect(box('PHN-1', 2)!.value).toBe('SN-1');
  });

  it('a scan typed ahead of an unknown value is refused in words and beeped, not dropped', async () => {
    const held = await addWhileTheDialogReads();
    await wedgeScan('NOPE-9');
    await letTheReadAnswer(held);
    expect(box('PHN-1', 1)!.value).toBe('');
    expect(alertText()).toContain('"NOPE-9" is not a pre-entered identifier');
    expect(document.activeElement).toBe(box('PHN-1', 1)); // back on the refused box
    await beeps.played();
    expect(beeps.count()).toBeGreaterThanOrEqual(2); // "identifiers needed", then the refused scan
  });

  it('a scan typed ahead while the orders cannot be read is beeped, the alert saying why, not taken silently', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 2]]);
    let answer = () => {};
    const unread = new Promise<void>((resolve) => (answer = resolve));
    const core = coreApi(bench);
    const api = new Proxy(core, {
      get: (target, method: keyof BenchApi) =>
        method === 'getAllocationSheet' ? async () => unread.then(() => ({ ok: false, error: { code: 'internal', message: 'The store could not be read.', issues: [] } })) : target[method],
    });
    await renderOrderDetails(mounted().root, bench, order.id, { api });
    await press(buttonIn(document, 'Complete Order'));
    await press(buttonIn(document, 'Add'));
    await beeps.played();
    const before = beeps.count();
    await wedgeScan('SN-2');
    await act(async () => answer());
    await settle();
    await beeps.played();
    expect(alertText()).toContain('The store could not be read.');
    expect(beeps.count()).toBe(before + 1);
  });

  it('Space on Cancel while the dialog reads still presses Cancel (a person, not a scan)', async () => {
    const held = await addWhileTheDialogReads();
    const cancel = buttonIn(dialog()!, 'Cancel');
    cancel.focus();
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    await act(async () => {
      cancel.dispatchEvent(space);
      // What a browser does with a Space on a button whose keydown was not prevented.
      if (!space.defaultPrevented) cancel.click();
    });
    for (let i = 0; i < 3; i++) await settle();
    expect(space.defaultPrevented).toBe(false);
    expect(dialog()?.open ?? false).toBe(false);
    held.release();
  });

  it('a scan under way when the boxes come lands whole in the first box, not split across two', async () => {
    const held = await addWhileTheDialogReads();
    await keysWhileReading('SN-');
    // The rest of the scan comes as soon as the boxes do (a scanner leaves no pause mid-code).
    await act(async () => held.release());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    await wedgeScan('2');
    for (let i = 0; i < 5; i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-2');
    expect(document.activeElement).toBe(box('PHN-1', 2));
  });

  it('a value typed ahead that stops there shows in the first box to go on typing, neither refused nor beeped', async () => {
    const held = await addWhileTheDialogReads();
    await beeps.played();
    const beepsBefore = beeps.count(); // "Complete Order" asking for identifiers
    await keysWhileReading('SN-');
    await letTheReadAnswer(held);
    await aPersonsPause();
    expect(box('PHN-1', 1)!.value).toBe('SN-');
    expect(document.activeElement).toBe(box('PHN-1', 1));
    expect(alertText()).toBe('');
    await beeps.played();
    expect(beeps.count()).toBe(beepsBefore);
    // The packer goes on where the keys went: the caret after them, at a person's pace.
    await keysInto(() => box('PHN-1', 1)!, ['2', 'Enter'], 180);
    expect(box('PHN-1', 1)!.value).toBe('SN-2');
    expect(document.activeElement).toBe(box('PHN-1', 2));
    expect(alertText()).toBe('');
  });

  it('a scan held up across the boxes coming (a busy PC) still lands whole in the first box', async () => {
    const held = await addWhileTheDialogReads();
    await keysWhileReading('SN');
    await letTheReadAnswer(held);
    await aPersonsPause();
    await wedgeScan('-3');
    for (let i = 0; i < 5; i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-3');
    expect(document.activeElement).toBe(box('PHN-1', 2));
    expect(alertText()).toBe('');
  });

  it('a scan held up across the boxes coming is still judged as a scan: a value another order holds is refused, not taken', async () => {
    const held = await addWhileTheDialogReads((bench) => {
      const other = bench.order('SO-2', [['PHN-1', 1]]);
      bench.ok('saveAllocations', { allocations: [{ lineId: other.lineIds[0]!, unit: 1, value: 'SN-2' }] });
    });
    await keysWhileReading('SN');
    await letTheReadAnswer(held);
    await aPersonsPause();
    await wedgeScan('-2'); // fewer keys after the hold-up than a scan carries: the keys before it count too
    for (let i = 0; i < 5; i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('');
    expect(document.activeElement).toBe(box('PHN-1', 1));
    expect(alertText()).toContain('The scan was refused; scan another.');
  });

  it('a Tab-ending scan held up across the boxes coming goes on, as a scan does, to the next unit needed now', async () => {
    // Units 1 and 3 are needed now (unit 2 has its identifier): a scanner's Tab goes from 1 to 3, a person's to 2.
    const held = await addWhileTheDialogReads((bench, order) => bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 2, value: 'SN-4' }] }), 3);
    await keysWhileReading('SN');
    await letTheReadAnswer(held);
    await aPersonsPause();
    await keysInto(() => box('PHN-1', 1)!, ['-', '1', 'Tab'], 5);
    for (let i = 0; i < 5; i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-1');
    expect(document.activeElement).toBe(box('PHN-1', 3));
    expect(alertText()).toBe('');
  });
});
