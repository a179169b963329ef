// @vitest-environment happy-dom
/**
 * The allocation dialog opened for a partial dispatch (some units marked "needed now"), against a real
 * core: a scan moves the focus on to the next empty unit needed now (wrapping to earlier ones), then
 * to the dialog's main action, never into the boxes of units not going out now. Tab by hand still
 * goes box by box.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { MissingIdentifier } from '../../shared/contract/api.js';
import type { BenchEvents } from '../../shared/contract/change-events.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { BenchDataProvider } from '../../renderer/app/use-change-stream.js';
import { AllocationDialog } from '../../renderer/screens/orders/allocation/AllocationDialog.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, keysInto, settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const noEvents: BenchEvents = { subscribe: () => () => {} };

giveBoxListsAViewport('allocation-list');

const button = (name: string) => [...document.querySelectorAll('.allocation-dialog button')].find((b) => b.textContent === name)!;
const box = (sku: string, unit: number) => document.querySelector<HTMLInputElement>(`.allocation-dialog [role=combobox][aria-label^="SO-1 ${sku} unit ${unit}"]`)!;
const focusedName = () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null;

/** A scanner's run into the focused box: fast keys, then its terminator. */
async function scanInto(value: string, terminator: 'Enter' | 'Tab' = 'Enter') {
  const target = document.activeElement as HTMLInputElement;
  return keysInto(() => target, [...value, terminator], 5);
}

/** SO-1: PHN-1 ×2, TAB-1 ×2; unit 1 of each needed now (one of each dispatched now). */
async function openPartial(neededUnits: Array<[sku: string, unit: number]> = [['PHN-1', 1], ['TAB-1', 1]]) {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 4, ['SN-1', 'SN-2', 'SN-3', 'SN-4']);
  bench.product('TAB-1', 'single_use', 4, ['TB-1', 'TB-2', 'TB-3', 'TB-4']);
  const order = bench.order('SO-1', [['PHN-1', 2], ['TAB-1', 2]]);
  const lineOf: Record<string, number> = { 'PHN-1': order.lineIds[0]!, 'TAB-1': order.lineIds[1]! };
  const needed: MissingIdentifier[] = neededUnits.map(([sku, unit]) => ({ orderId: order.id, orderNumber: 'SO-1', lineId: lineOf[sku]!, sku, unit }));
  act(() =>
    mounted().root.render(
      <BenchDataProvider client={createBenchQueryClient()} events={noEvents}>
        <AllocationDialog api={coreApi(bench)} orderIds={[order.id]} needed={needed} onSaved={() => {}} onCancel={() => {}} />
      </BenchDataProvider>,
    ),
  );
  for (let i = 0; i < 20 && !box('PHN-1', 1); i++) await settle();
  return { bench, order };
}

describe('allocation dialog, units needed now', () => {
  it('a scan goes on to the next empty unit needed now, on another line, then to the main action', async () => {
    await openPartial();
    expect(document.activeElement).toBe(box('PHN-1', 1));
    await scanInto('SN-1');
    expect(box('PHN-1', 1).value).toBe('SN-1');
    expect(focusedName()).toBe('SO-1 TAB-1 unit 1, needed now');
    await scanInto('TB-1', 'Tab');
    expect(box('TAB-1', 1).value).toBe('TB-1');
    expect(document.activeElement).toBe(button('Save Changes'));
  });

  it('wraps to an earlier empty unit needed now; forward, the next unit needed now whatever it holds (as box by box)', async () => {
    await openPartial();
    act(() => box('TAB-1', 1).focus());
    await scanInto('TB-1');
    expect(focusedName()).toBe('SO-1 PHN-1 unit 1, needed now');
    // A first-expiring pick put in a box for the packer is replaced by the scan of what is in hand, so a
    // box needed now further on is gone to even when it holds a value.
    await scanInto('SN-1');
    expect(focusedName()).toBe('SO-1 TAB-1 unit 1, needed now');
    expect(box('TAB-1', 1).value).toBe('TB-1');
  });

  it('a scan into a unit not needed now goes to the empty unit needed now', async () => {
    await openPartial([['TAB-1', 1]]);
    act(() => box('PHN-1', 1).focus());
    await scanInto('SN-1');
    expect(focusedName()).toBe('SO-1 TAB-1 unit 1, needed now');
  });

  it('a value typed by hand and Tab still goes to the very next box', async () => {
    await openPartial();
    const { tabPrevented } = await keysInto(() => box('PHN-1', 1), [...'SN-1', 'Tab'], 300);
    expect(tabPrevented).toBe(true);
    expect(box('PHN-1', 1).value).toBe('SN-1');
    expect(focusedName()).toBe('SO-1 PHN-1 unit 2');
  });

  it('with no unit needed now, a scan goes to the next box as before', async () => {
    await openPartial([]);
    expect(document.activeElement).toBe(box('PHN-1', 1));
    await scanInto('SN-1');
    expect(focusedName()).toBe('SO-1 PHN-1 unit 2');
  });
});
