// @vitest-environment happy-dom
/**
 * The new-units prompt with serial numbers scanned in: Cancel (or Escape) asks first, as the serial
 * grid and the allocation dialog do, so a slip of the key does not throw a trolley's scans away unsaid.
 * Stay keeps them, Discard closes, Save saves them; with nothing typed, Cancel closes at once.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { NewUnitsPrompt } from '../../renderer/screens/products/NewUnitsPrompt.js';
import { UnsavedChangesProvider } from '../../renderer/app/unsaved-changes.js';
import type { BenchApi, Product } from '../../shared/contract/api.js';
import { withHeldCall } from './held-call.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const box = (i: number) => document.getElementById(`new-unit-box-${i}`) as HTMLInputElement;
const question = () => document.querySelector('[role=alertdialog]');
const buttonIn = (within: ParentNode | null, name: string) => [...(within ?? document).querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
const click = (button: HTMLButtonElement) => act(async () => button.click());

function mountPrompt(wrap: (api: BenchApi) => BenchApi = (api) => api) {
  const bench = openTestBench();
  const productId = bench.product('PHN', 'single_use', 2, ['OLD-1', 'OLD-2']);
  const { root } = mounted();
  const outcome = { cancelled: 0, done: null as Product | null };
  act(() =>
    root.render(
      <UnsavedChangesProvider>
        <NewUnitsPrompt
          api={wrap(coreApi(bench))}
          product={bench.ok('getProduct', { productId })}
          newStockLevel={4}
          onDone={(p) => (outcome.done = p)}
          onCancel={() => outcome.cancelled++}
        />
      </UnsavedChangesProvider>,
    ),
  );
  return { bench, productId, outcome };
}

describe('leaving the new-units prompt with serial numbers typed', () => {
  it('Cancel asks first: Stay keeps the scans, Discard closes without saving', async () => {
    const { bench, productId, outcome } = mountPrompt();
    typeInto(box(0), 'NEW-1');
    typeInto(box(1), 'NEW-2');

    await click(buttonIn(document.querySelector('.new-units'), 'Cancel'));
    expect(question()?.textContent).toContain('2 unsaved');
    expect(outcome.cancelled).toBe(0);

    await click(buttonIn(question(), 'Stay'));
    expect(question()).toBeNull();
    expect([box(0).value, box(1).value]).toEqual(['NEW-1', 'NEW-2']);
    expect(outcome.cancelled).toBe(0);

    await click(buttonIn(document.querySelector('.new-units'), 'Cancel'));
    await click(buttonIn(question(), 'Discard'));
    expect(outcome.cancelled).toBe(1);
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(2);
  });

  it('Save in the question saves the new units with their serial numbers', async () => {
    const { bench, productId, outcome } = mountPrompt();
    typeInto(box(0), 'NEW-1');
    typeInto(box(1), 'NEW-2');
    await click(buttonIn(document.querySelector('.new-units'), 'Cancel'));
    await click(buttonIn(question(), 'Save'));
    expect(outcome.done).toMatchObject({ stockLevel: 4 });
    expect(outcome.cancelled).toBe(0);
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(4);
  });

  it('with nothing typed, Cancel closes at once', async () => {
    const { outcome } = mountPrompt();
    await click(buttonIn(document.querySelector('.new-units'), 'Cancel'));
    expect(question()).toBeNull();
    expect(outcome.cancelled).toBe(1);
  });

  it('Cancel while the stock change is being saved is refused in words, not asked about: Discard then would not stop the save', async () => {
    let held: { release: () => void } | null = null;
    const { bench, productId, outcome } = mountPrompt((api) => {
      const h = withHeldCall(api, 'changeStockLevel');
      held = h;
      return h.api;
    });
    typeInto(box(0), 'NEW-1');
    typeInto(box(1), 'NEW-2');
    await click(buttonIn(document.querySelector('.new-units'), 'Save Stock Change'));
    await click(buttonIn(document.querySelector('.new-units'), 'Cancel'));
    expect(question()).toBeNull();
    expect(document.querySelector('.new-units')?.textContent).toContain('Already saving the stock change: wait for it to answer.');
    expect(outcome.cancelled).toBe(0);
    await act(async () => held!.release());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(outcome.done).toMatchObject({ stockLevel: 4 });
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(4);
  });
});
