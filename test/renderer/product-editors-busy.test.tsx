// @vitest-environment happy-dom
/**
 * The product screen's editors against a real core, their save held as a slow bench would: a second
 * press of "Change Stock Level", "Set Mode", "Save Format" or a prompt's "Save Stock Change" while the
 * first runs was silent (nothing said, nothing beeped, the packer pressed again and again). It is
 * refused in words, announced and beeped, and the change is made once.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { IdentifierFormatEditor } from '../../renderer/screens/products/IdentifierFormatEditor.js';
import { IdentifierModeEditor } from '../../renderer/screens/products/IdentifierModeEditor.js';
import { LeavingUnitsPicker } from '../../renderer/screens/products/LeavingUnitsPicker.js';
import { NewUnitsPrompt } from '../../renderer/screens/products/NewUnitsPrompt.js';
import { StockLevelEditor } from '../../renderer/screens/products/StockLevelEditor.js';
import type { BenchApi, BenchMethod, Product } from '../../shared/contract/api.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';

const beeps = countBeeps();
const mounted = mountPointPerTest();
giveBoxListsAViewport();

const press = (name: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!.click());
const alertText = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).filter(Boolean).join(' | ');
function choose(select: HTMLSelectElement, value: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The core with `method` held and its calls counted. */
function heldApi(api: BenchApi, method: BenchMethod) {
  const { api: held, release } = withHeldCall(api, method);
  let calls = 0;
  const counted = new Proxy(held, {
    get: (target, name: keyof BenchApi) => (name === method ? (args: never) => (calls++, (target[method] as (a: never) => unknown)(args)) : target[name]),
  });
  return { api: counted, release, calls: () => calls };
}

async function pressedTwiceWhileSaving(name: string, words: string, release: () => void) {
  await press(name);
  expect(alertText()).toBe('');
  await press(name);
  expect(alertText()).toBe(`⚠ ${words}`);
  await beeps.played();
  expect(beeps.count()).toBe(1);
  release();
  await settle();
  await settle();
}

describe('a second press while a save runs', () => {
  it('"Change Stock Level" is refused in words and beeped, and the level is changed once', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-1', 'none', 10);
    const { api, release, calls } = heldApi(coreApi(bench), 'changeStockLevel');
    let changed: Product | null = null;
    await act(async () => mounted().root.render(<StockLevelEditor api={api} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));
    typeInto(document.getElementById('new-stock-level') as HTMLInputElement, '12');
    await pressedTwiceWhileSaving('Change Stock Level', 'Already changing the stock level: wait for it to answer.', release);
    expect(calls()).toBe(1);
    expect(changed).toMatchObject({ stockLevel: 12 });
    expect(alertText()).toBe('');
  });

  it('"Set Mode" is refused in words and beeped, and the mode is set once', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-2', 'none', 2);
    const { api, release, calls } = heldApi(coreApi(bench), 'setIdentifierMode');
    let changed: Product | null = null;
    await act(async () => mounted().root.render(<IdentifierModeEditor api={api} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));
    choose(document.getElementById('identifier-mode') as HTMLSelectElement, 'multiple_use');
    await pressedTwiceWhileSaving('Set Mode', 'Already setting the mode: wait for it to answer.', release);
    expect(calls()).toBe(1);
    expect(changed).toMatchObject({ identifierMode: 'multiple_use' });
    expect(alertText()).toBe('');
  });

  it('"Save Format" is refused in words and beeped, and the format is saved once', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-3', 'multiple_use', 2);
    const { api, release, calls } = heldApi(coreApi(bench), 'setIdentifierSpec');
    await act(async () => mounted().root.render(<IdentifierFormatEditor api={api} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
    choose(document.getElementById('identifier-format') as HTMLSelectElement, 'IMEI');
    await pressedTwiceWhileSaving('Save Format', 'Already saving the format: wait for it to answer.', release);
    expect(calls()).toBe(1);
    expect(bench.ok('getProduct', { productId }).identifierFormat).toMatchObject({ description: 'IMEI: 15 digits' });
    expect(alertText()).toBe('');
  });

  it('the new-units prompt\'s "Save Stock Change" is refused in words and beeped, and the units are added once', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-4', 'multiple_use', 1);
    const { api, release, calls } = heldApi(coreApi(bench), 'changeStockLevel');
    let done: Product | null = null;
    await act(async () =>
      mounted().root.render(<NewUnitsPrompt api={api} product={bench.ok('getProduct', { productId })} newStockLevel={2} onDone={(p) => (done = p)} onCancel={() => {}} />),
    );
    await pressedTwiceWhileSaving('Save Stock Change', 'Already saving the stock change: wait for it to answer.', release);
    expect(calls()).toBe(1);
    expect(done).toMatchObject({ stockLevel: 2 });
  });

  it('the leaving-units picker\'s "Save Stock Change" is refused in words and beeped, and the units leave once', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN-5', 'single_use', 2, ['A', 'B']);
    const { api, release, calls } = heldApi(coreApi(bench), 'changeStockLevel');
    let done: Product | null = null;
    await act(async () =>
      mounted().root.render(
        <LeavingUnitsPicker api={api} product={bench.ok('getProduct', { productId })} shownStockLevel={2} newStockLevel={1} mustLeave={1} onDone={(p) => (done = p)} onCancel={() => {}} />,
      ),
    );
    await act(async () => [...document.querySelectorAll('label.check-row')].find((l) => l.textContent === 'A')!.querySelector('input')!.click());
    await pressedTwiceWhileSaving('Save Stock Change', 'Already saving the stock change: wait for it to answer.', release);
    expect(calls()).toBe(1);
    expect(done).toMatchObject({ stockLevel: 1 });
  });
});
