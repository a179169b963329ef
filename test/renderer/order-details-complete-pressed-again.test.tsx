// @vitest-environment happy-dom
/**
 * The page's "Complete Order" pressed again while its completion is on its way, against a real core
 * whose answer is held: a mouse click (or a keyboard press beyond the one Enter typed ahead for "Add")
 * was ignored without a word. It is refused in words, as the slip's Print and the allocation dialog's
 * buttons are: shown, announced (role=alert) and beeped, with one completion sent. The Enter typed
 * ahead still opens the allocation dialog once "Add" is there.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, settle } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
const ALREADY = '⚠ Already completing the order: wait for Complete Order to answer.';

const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);
const allocationDialog = () => document.querySelector('dialog.allocation-dialog[open]');

/** SO-1 (a phone without its identifier): its page open, "Complete Order" focused, its completion held. */
async function openOrder() {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 2, ['SN-1', 'SN-2']);
  const order = bench.order('SO-1', [['PHN-1', 1]]);
  let completions = 0;
  const core = coreApi(bench);
  const counting = new Proxy(core, { get: (target, method: keyof BenchApi) => (method === 'completeOrder' && completions++, target[method]) });
  const { api, release } = withHeldCall(counting, 'completeOrder');
  await renderOrderDetails(mounted().root, bench, order.id, { api });
  const complete = button('Complete Order')!;
  act(() => complete.focus());
  return { complete, release, completions: () => completions };
}

/** A click as the mouse makes it (detail 1), or as Enter or Space on the button makes it (detail 0). */
async function press(element: HTMLElement, by: 'mouse' | 'keyboard') {
  await act(async () => void element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: by === 'mouse' ? 1 : 0 })));
  await settle();
}

describe('order details, "Complete Order" pressed again while it completes', () => {
  it('a second mouse click is refused in words, announced and beeped; the one completion answers', async () => {
    const { complete, release, completions } = await openOrder();
    await press(complete, 'mouse');
    expect(alerts()).toEqual([]);
    await press(complete, 'mouse');
    expect(alerts()).toEqual([ALREADY]);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(document.activeElement).toBe(complete);

    await act(async () => release());
    for (let i = 0; i < 5; i++) await settle();
    expect(completions()).toBe(1);
    expect(alerts()).toEqual([]);
    expect(document.activeElement).toBe(button('Add'));
    expect(allocationDialog()).toBeNull();
  });

  it('the Enter typed ahead is kept for "Add"; a keyboard press beyond it is refused in words, and the dialog opens once "Add" is there', async () => {
    const { complete, release, completions } = await openOrder();
    await press(complete, 'keyboard');
    await press(complete, 'keyboard');
    expect(alerts()).toEqual([]);
    await press(complete, 'keyboard');
    expect(alerts()).toEqual([ALREADY]);
    await beeps.played();
    expect(beeps.count()).toBe(1);

    await act(async () => release());
    for (let i = 0; i < 20 && !allocationDialog(); i++) await settle();
    expect(completions()).toBe(1);
    expect(allocationDialog()).not.toBeNull();
    expect(alerts().filter((a) => a === ALREADY)).toEqual([]);
  });
});
