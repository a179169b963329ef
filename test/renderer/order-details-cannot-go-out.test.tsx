// @vitest-environment happy-dom
/**
 * "Complete Order" on the order page refused because a unit holds an identifier that may not go out
 * (a lot that expired since it was allocated, or a single-use value dispatched at another bench): the
 * refusal says "Choose another for this unit", so the page offers the way to do it: "Change
 * identifiers" (focused, beeped) opens the allocation dialog for the order, on that unit's box. There
 * was none: the packer had to leave the order for the list and its Actions menu.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { addDays, localToday } from '../../shared/identifiers/use-by-dates.js';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';
import { unitBox as box, press } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

giveBoxListsAViewport('allocation-list');

const dialog = () => document.querySelector<HTMLDialogElement>('.allocation-dialog');
const buttonIn = (within: ParentNode, name: string) => [...within.querySelectorAll('button')].find((b) => b.textContent === name);
/** A single-use flour dated by lot: L-1, L-2, L-3 good for 5, 9 and 12 more days. */
function flourLots() {
  const today = localToday();
  const bench = openTestBench();
  const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.join(',')).join('\n') + '\n';
  bench.ok('importCsv', {
    files: [
      { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'], ['FLOUR-1', 'Flour', '', 'single_use', 3, 'lot']]) },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier', 'use_by'], ['FLOUR-1', 'L-1', addDays(today, 5)], ['FLOUR-1', 'L-2', addDays(today, 9)], ['FLOUR-1', 'L-3', addDays(today, 12)]]) },
    ],
  });
  return { today, bench };
}

/** The refusal under the box, and "Change identifiers" naming FLOUR-1 unit 2, with the focus. */
function expectChangeIdentifiersForUnit2(): HTMLButtonElement {
  expect(document.querySelector('.box-problem')?.textContent).toContain('Choose another for this unit.');
  const change = buttonIn(document, 'Change identifiers');
  expect(change).toBeDefined();
  expect(document.activeElement).toBe(change);
  expect(change!.closest('section')?.textContent).toContain('FLOUR-1 unit 2');
  return change!;
}

/** "Change identifiers" pressed: the allocation dialog opens with the focus on unit 2's box. */
async function openTheDialogOnUnit2(change: HTMLButtonElement) {
  await press(change);
  for (let i = 0; i < 20 && !box('FLOUR-1', 2); i++) await settle();
  expect(dialog()).not.toBeNull();
  expect(document.activeElement).toBe(box('FLOUR-1', 2));
}

describe('order details, a held identifier that may not go out', () => {
  it('"Complete Order" refused for a lot expired since it was allocated offers "Change identifiers", which opens the dialog on that box', async () => {
    const { today, bench } = flourLots();
    const order = bench.order('SO-1', [['FLOUR-1', 2]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'L-2' }, { lineId: order.lineIds[0]!, unit: 2, value: 'L-1' }] });
    // Re-dated since (or the days went by): L-1, held by unit 2, has expired.
    bench.writer.prepare(`UPDATE identifiers SET use_by = ? WHERE value = 'L-1'`).run(addDays(today, -1));
    await renderOrderDetails(mounted().root, bench, order.id);

    await press(buttonIn(document, 'Complete Order')!);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    const change = expectChangeIdentifiersForUnit2();

    await openTheDialogOnUnit2(change);
    expect(box('FLOUR-1', 2)!.getAttribute('aria-invalid')).toBe('true');
    expect(bench.ok('getOrder', { orderId: order.id }).unitsRemaining).toBe(2);

    // Another lot in that box, and the dialog's "Complete Order" dispatches the order.
    typeInto(box('FLOUR-1', 2)!, 'L-3');
    act(() => void box('FLOUR-1', 2)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    for (let i = 0; i < 3; i++) await settle();
    await press(buttonIn(dialog()!, 'Complete Order')!);
    expect(bench.ok('getOrder', { orderId: order.id }).status).toBe('dispatched');
    expect(buttonIn(document, 'Change identifiers')).toBeUndefined();
    // The page's refusal was for the completion refused before: the order is dispatched now, and says so alone.
    expect(document.body.textContent).toContain('Order SO-1 dispatched');
    expect(document.body.textContent).not.toContain('cannot be completed as entered');
    expect(document.querySelector('.box-problem')).toBeNull();
  });
  it('offers "Change identifiers" (focused) also while "Dispatch identifiers needed" still names units without one', async () => {
    const { today, bench } = flourLots();
    const order = bench.order('SO-1', [['FLOUR-1', 3]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'L-2' }, { lineId: order.lineIds[0]!, unit: 2, value: 'L-1' }] });
    await renderOrderDetails(mounted().root, bench, order.id);

    // Unit 3 has no lot: "Dispatch identifiers needed" names it.
    await press(buttonIn(document, 'Complete Order')!);
    expect(buttonIn(document, 'Add')).toBeDefined();
    // Then L-1, held by unit 2, expires (the day went by), and the packer presses "Complete Order" again.
    bench.writer.prepare(`UPDATE identifiers SET use_by = ? WHERE value = 'L-1'`).run(addDays(today, -1));
    await press(buttonIn(document, 'Complete Order')!);
    const change = expectChangeIdentifiersForUnit2();
    // The dialog opens on the box to change, not on the empty one an earlier press named.
    await openTheDialogOnUnit2(change);
  });
});
