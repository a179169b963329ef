// @vitest-environment happy-dom
/**
 * "Dispatch identifiers needed" said again while the allocation dialog is open (its "Complete Order"
 * answered that units still need identifiers): the focus stays in the dialog, on the box to fill, not
 * on "Add" behind the modal (Chromium keeps it in by the inert page; happy-dom and any non-inert path
 * would take it).
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';
import { buttonIn, unitBox as box, press } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();

giveBoxListsAViewport('allocation-list');

const dialog = () => document.querySelector<HTMLDialogElement>('.allocation-dialog');
describe('order details, focus while the allocation dialog is open', () => {
  it('the dialog\'s "Complete Order" answered with units still needing identifiers keeps the focus in the dialog', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 2]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    await press(buttonIn(document, 'Complete Order'));
    await press(buttonIn(document, 'Add'));
    for (let i = 0; i < 20 && !box('PHN-1', 1); i++) await settle();
    typeInto(box('PHN-1', 1)!, 'SN-1');
    act(() => void box('PHN-1', 1)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    for (let i = 0; i < 3; i++) await settle();

    await press(buttonIn(dialog()!, 'Complete Order'));
    expect(dialog()).not.toBeNull();
    const add = buttonIn(document.querySelector('.needed-box')!, 'Add');
    expect(document.activeElement).not.toBe(add);
    expect(dialog()!.contains(document.activeElement)).toBe(true);
  });
});
