// @vitest-environment happy-dom
/**
 * The allocation dialog's "Complete Order" with boxes left empty, against a real core through the order
 * page: a unit without an identifier is refused, naming the unit (as the order page does), beeped, and
 * nothing is saved (the focus going to it is checked in the browser: test/e2e/dispatch-feedback.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport, settle } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';
import { allocationDialog as dialog, buttonIn, dialogAlertText as alertText, unitBox as box, press, enter } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

giveBoxListsAViewport('allocation-list');

describe('allocation dialog, "Complete Order" with empty boxes', () => {
  it('refuses a unit left empty naming it, beeped, nothing saved; completes once it is given', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 2]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    await press(buttonIn(document, 'Complete Order'));
    // The page's "Complete Order" refused for want of identifiers: its own beep, before the dialog's.
    await beeps.played();
    const pageBeeps = beeps.count();
    expect(pageBeeps).toBe(1);
    await press(buttonIn(document, 'Add'));
    for (let i = 0; i < 20 && !box('PHN-1', 1); i++) await settle();
    expect(document.activeElement).toBe(box('PHN-1', 1));
    await enter(box('PHN-1', 1)!, 'SN-1');
    expect(box('PHN-1', 1)!.value).toBe('SN-1');
    const before = bench.snapshot();

    await press(buttonIn(dialog()!, 'Complete Order'));
    expect(alertText()).toBe('1 unit still needs an identifier before the order can be completed: PHN-1 unit 2. Nothing was saved.');
    await beeps.played();
    expect(beeps.count()).toBe(pageBeeps + 1);
    expect(bench.snapshot()).toEqual(before);

    // The second unit given: the order goes out.
    await enter(box('PHN-1', 2)!, 'SN-2');
    await press(buttonIn(dialog()!, 'Complete Order'));
    expect(dialog()).toBeNull();
    expect(bench.ok('getOrder', { orderId: order.id }).status).toBe('dispatched');
  });
});
