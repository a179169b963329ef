// @vitest-environment happy-dom
/**
 * "Add" pressed again after a partial save (Escape → "Unsaved changes" → Save, a refused scan left in
 * one box), while the order is still being read again after "OK": the dialog opens on the unit still
 * missing, not on one the save just gave an identifier (which the page's box no longer names).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { UnsavedChangesProvider } from '../../renderer/app/unsaved-changes.js';
import { OrderDetails } from '../../renderer/screens/orders/details/OrderDetails.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, settle } from './dom-helpers.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';
import { buttonIn, unitBox as box, press, enter } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();

giveBoxListsAViewport('allocation-list');

const allocationDialog = () => document.querySelector<HTMLDialogElement>('.allocation-dialog');
const neededTags = () => [...document.querySelectorAll('.allocation-dialog .sheet-box')].filter((b) => b.querySelector('.needed-tag')).map((b) => b.querySelector('input')!.getAttribute('aria-label'));

describe('order details, "Add" again after a partial save', () => {
  it('opens on the unit still missing while the order is read again after "OK", not on the one just saved', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 2, ['SN-1', 'SN-2']);
    bench.product('YOG-1', 'single_use', 2, ['Y-1', 'Y-2']);
    const order = bench.order('SO-1', [['PHN-1', 1], ['YOG-1', 1]]);
    // The order's reads after the first (the page opening) wait: the re-read after "OK" is slow.
    const held = withHeldCall(coreApi(bench), 'getOrder', { from: 2 });
    act(() =>
      mounted().root.render(
        <QueryClientProvider client={createBenchQueryClient()}>
          <UnsavedChangesProvider>
            <OrderDetails api={held.api} orderId={order.id} onBack={() => {}} onDispatched={() => {}} />
          </UnsavedChangesProvider>
        </QueryClientProvider>,
      ),
    );
    await settle();
    await press(buttonIn(document, 'Complete Order'));
    expect(document.querySelector('.needed-box')?.textContent).toContain('PHN-1 unit 1');
    await press(buttonIn(document.querySelector('.needed-box')!, 'Add'));
    for (let i = 0; i < 20 && !box('YOG-1', 1); i++) await settle();

    await enter(box('PHN-1', 1)!, 'SN-1');
    await enter(box('YOG-1', 1)!, 'NOPE'); // refused: the box stays empty
    expect(box('YOG-1', 1)!.getAttribute('aria-invalid')).toBe('true');

    // Escape → "Unsaved changes" → Save.
    await act(async () => void allocationDialog()!.dispatchEvent(new Event('cancel', { cancelable: true })));
    await settle();
    await press(buttonIn(document.querySelector('.unsaved-dialog')!, 'Save'));
    const message = document.querySelector('.message-dialog:not(.unsaved-dialog)')!;
    expect(message.textContent).toContain('Dispatch identifiers saved');
    await press(buttonIn(message, 'OK'));

    // "Add" again at once, the order's re-read not in yet.
    await press(buttonIn(document.querySelector('.needed-box')!, 'Add'));
    for (let i = 0; i < 20 && !box('YOG-1', 1); i++) await settle();
    expect(box('PHN-1', 1)!.value).toBe('SN-1');
    expect(neededTags()).toEqual(['SO-1 YOG-1 unit 1, needed now']);
    expect(document.activeElement).toBe(box('YOG-1', 1));

    await act(async () => held.release());
    for (let i = 0; i < 3; i++) await settle();
    expect(document.querySelector('.needed-box')?.textContent).toContain('YOG-1 unit 1 before');
    expect(document.querySelector('.needed-box')?.textContent).not.toContain('PHN-1');
  });
});
