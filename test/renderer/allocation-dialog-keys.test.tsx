// @vitest-environment happy-dom
/**
 * The allocation dialog against a real core, as a packer drives it with keys and a scanner: what a
 * second press of "Save Changes" while the first save is on its way does.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import type { BenchEvents } from '../../shared/contract/change-events.js';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { BenchDataProvider } from '../../renderer/app/use-change-stream.js';
import { AllocationDialog } from '../../renderer/screens/orders/allocation/AllocationDialog.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
const noEvents: BenchEvents = { subscribe: () => () => {} };

// happy-dom lays nothing out: the dialog's virtual list is given a size, so its boxes are rendered.
giveBoxListsAViewport('allocation-list');

const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
const alertText = () => document.querySelector('.allocation-dialog [role=alert]')?.textContent ?? '';
const box = (unit: number) => document.querySelector<HTMLInputElement>(`[role=combobox][aria-label="SO-1 PHN-1 unit ${unit}"]`)!;

/** Types `value` into the box and presses Enter, then lets the core's check answer. */
async function enter(element: HTMLInputElement, value: string) {
  typeInto(element, value);
  act(() => void element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
  await settle();
}

async function openDialog(api: (core: BenchApi) => BenchApi = (core) => core) {
  const bench = openTestBench();
  const product = bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
  const order = bench.order('SO-1', [['PHN-1', 2]]);
  const closed: string[] = [];
  act(() =>
    mounted().root.render(
      <BenchDataProvider client={createBenchQueryClient()} events={noEvents}>
        <AllocationDialog api={api(coreApi(bench))} orderIds={[order.id]} onSaved={() => closed.push('saved')} onCancel={() => closed.push('cancelled')} />
      </BenchDataProvider>,
    ),
  );
  for (let i = 0; i < 20 && !box(1); i++) await settle();
  return { bench, order, product, closed };
}

describe('allocation dialog', () => {
  it('"Save Changes" pressed again while the save runs is refused in words and beeped; the save runs once', async () => {
    let held: { release: () => void } | null = null;
    let saves = 0;
    const { closed } = await openDialog((core) => {
      const counting = new Proxy(core, { get: (target, method: keyof BenchApi) => (method === 'saveAllocations' ? (saves++, target[method]) : target[method]) });
      const call = withHeldCall(counting, 'saveAllocations');
      held = call;
      return call.api;
    });
    expect(document.activeElement).toBe(box(1));
    await enter(box(1), 'SN-1');
    expect(box(1).value).toBe('SN-1');
    await act(async () => button('Save Changes').click());
    await settle();
    expect(alertText()).toBe('');
    await act(async () => button('Save Changes').click());
    await settle();
    expect(alertText()).toBe('Already saving: wait for Save Changes to answer.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await act(async () => held!.release());
    await settle();
    expect(closed).toEqual(['saved']);
    expect(saves).toBe(1);
  });
});
