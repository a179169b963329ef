// @vitest-environment happy-dom
/**
 * The allocation dialog, opened from an order's page, learning that part of a line was dispatched
 * elsewhere (another bench, the CLI) while it is open, against a real core: the line's heading counts
 * the units gone, and the dialog's "Complete Order" with the page's Dispatch now numbers now above what
 * remains is refused at once in the dialog, naming the line and what remains, beeped, nothing saved,
 * the focus kept on "Complete Order".
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { benchKeys, createBenchQueryClient } from '../../renderer/api/queries.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, settle } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';
import { allocationDialog as dialog, buttonIn, dialogAlertText as alertText, unitBox as box, press, enter } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

giveBoxListsAViewport('allocation-list');

const lineHeading = (sku: string) => [...(dialog()?.querySelectorAll('.sheet-line p') ?? [])].find((p) => p.textContent?.startsWith(sku))?.textContent ?? null;
/** SO-1: four phones; its page open with the dialog ("Add"), two units given in the dialog. */
async function openDialog() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 8, ['SN-1', 'SN-2', 'SN-3', 'SN-4', 'SN-5', 'SN-6']);
  const order = bench.order('SO-1', [['PHN-1', 4]]);
  const client = createBenchQueryClient();
  await renderOrderDetails(mounted().root, bench, order.id, { api: coreApi(bench), client });
  await press(buttonIn(document, 'Complete Order'));
  await beeps.played();
  await press(buttonIn(document, 'Add'));
  for (let i = 0; i < 20 && !box('PHN-1', 1); i++) await settle();
  return { bench, order, client, phones: order.lineIds[0]! };
}

/** Two phones dispatched elsewhere; only the dialog's read is answered (the page's read of the order not yet). */
async function dispatchTwoElsewhere({ bench, order, client, phones }: Awaited<ReturnType<typeof openDialog>>) {
  bench.ok('saveAllocations', { allocations: [{ lineId: phones, unit: 1, value: 'SN-5' }, { lineId: phones, unit: 2, value: 'SN-6' }] });
  bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: phones, quantity: 2 }] });
  await act(() => client.invalidateQueries({ queryKey: benchKeys.dispatchedUnits('').slice(0, 2) }));
  for (let i = 0; i < 5; i++) await settle();
}

describe('allocation dialog, part of a line dispatched elsewhere while open', () => {
  it("the line's heading says how many of its units were dispatched elsewhere", async () => {
    const opened = await openDialog();
    expect(lineHeading('PHN-1')).toContain('4 units');
    expect(lineHeading('PHN-1')).not.toContain('dispatched elsewhere');
    await dispatchTwoElsewhere(opened);
    expect(lineHeading('PHN-1')).toContain('4 units');
    expect(lineHeading('PHN-1')).toContain('2 of them dispatched elsewhere');
  });

  it('"Complete Order" with Dispatch now above what remains: refused at once naming the line, beeped, nothing saved, focus kept', async () => {
    const opened = await openDialog();
    await enter(box('PHN-1', 3)!, 'SN-3');
    await enter(box('PHN-1', 4)!, 'SN-4');
    await dispatchTwoElsewhere(opened);
    const before = opened.bench.snapshot();
    const beepsBefore = beeps.count();
    const complete = buttonIn(dialog()!, 'Complete Order');
    act(() => complete.focus());
    await press(complete);
    expect(alertText()).toBe(
      "Only 2 units of PHN-1 remain to dispatch on order SO-1 (2 were dispatched elsewhere since this dialog opened), but the order page's Dispatch now says 4: change the Dispatch now numbers on the order page first. Nothing was saved.",
    );
    await beeps.played();
    expect(beeps.count()).toBe(beepsBefore + 1);
    expect(opened.bench.snapshot()).toEqual(before);
    expect(dialog()).not.toBeNull();
    expect(document.activeElement).toBe(complete);

    // The page reads the order again: its Dispatch now goes down to what remains, and the order completes.
    await act(() => opened.client.invalidateQueries());
    for (let i = 0; i < 5; i++) await settle();
    await press(buttonIn(dialog()!, 'Complete Order'));
    expect(dialog()).toBeNull();
    expect(opened.bench.ok('getOrder', { orderId: opened.order.id }).status).toBe('dispatched');
  });
});
