// @vitest-environment happy-dom
/**
 * An order's refusals against a real core, pressed twice in the same words: "Complete Order" with a
 * dispatch quantity the order cannot take, and Ctrl+Shift+P (print slip) with nothing dispatched yet.
 * Each is beeped and announced each time (its alert put in anew), and nothing is dispatched.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { alertWords } from './alert-words.js';
import { settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
const alert = () => document.querySelector('[role=alert]');

async function openOrder() {
  const bench = openTestBench();
  bench.product('PHN-1', 'none', 10);
  const order = bench.order('SO-1', [['PHN-1', 2]]);
  await renderOrderDetails(mounted().root, bench, order.id);
  return { bench, order };
}

/** Does `act` twice, and gives the alert's words node after each. */
async function twice(act1: () => Promise<void>) {
  const nodes: Array<{ text: string | null | undefined; words: Node | null }> = [];
  for (let i = 0; i < 2; i++) {
    await act1();
    nodes.push({ text: alert()?.textContent, words: alertWords(alert()) });
  }
  return nodes;
}

describe('order details, the same refusal twice', () => {
  it('"Complete Order" with a quantity above what remains is announced each time, and dispatches nothing', async () => {
    const { bench, order } = await openOrder();
    typeInto(document.querySelector<HTMLInputElement>('.quantity-input')!, '5');
    const before = bench.snapshot();
    const [first, second] = await twice(async () => {
      await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Complete Order')!.click());
      await settle();
    });
    expect(first!.text).toBe('⚠ Dispatch quantity for PHN-1: Only 2 units remain to dispatch; 5 entered.');
    expect(second!.text).toBe(first!.text);
    expect(second!.words).not.toBe(first!.words);
    expect(first!.words?.isConnected).toBe(false);
    expect(document.querySelector('.box-problem')?.textContent).toBe('⚠ Only 2 units remain to dispatch; 5 entered.');
    await beeps.played();
    expect(beeps.count()).toBe(2);
    expect(bench.snapshot()).toEqual(before);
    expect(bench.ok('getOrder', { orderId: order.id }).unitsRemaining).toBe(2);
  });

  it('Ctrl+Shift+P with nothing dispatched is refused and announced each time', async () => {
    await openOrder();
    const [first, second] = await twice(async () => {
      await act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', ctrlKey: true, shiftKey: true })));
      await settle();
    });
    expect(first!.text).toMatch(/^⚠ ./);
    expect(second!.text).toBe(first!.text);
    expect(second!.words).not.toBe(first!.words);
    expect(first!.words?.isConnected).toBe(false);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });
});
