// @vitest-environment happy-dom
/**
 * A value the product already holds, entered for a new unit of stock: single use refuses it ("Scan
 * another": each unit has its own); multiple use refuses the entry too (entries are unique) but says
 * why none is needed, since every unit may take that value already: the box may stay empty. It told a
 * packer raising the stock of a multiple-use lot product to "Scan another." Real core.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { NewUnitsPrompt } from '../../renderer/screens/products/NewUnitsPrompt.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const box = (i: number) => document.getElementById(`new-unit-box-${i}`) as HTMLInputElement;

async function enterHeldLot(mode: 'single_use' | 'multiple_use'): Promise<string> {
  const bench = openTestBench();
  const productId = bench.product('LOT-M', mode, 2, ['L-100', 'L-200']);
  bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
  const { root } = mounted();
  act(() => root.render(<NewUnitsPrompt api={coreApi(bench)} product={bench.ok('getProduct', { productId })} newStockLevel={4} onDone={() => {}} onCancel={() => {}} />));
  await settle();
  typeInto(box(0), 'L-100');
  act(() => void box(0).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
  for (let i = 0; i < 4; i++) await settle();
  return document.querySelector('[role=alert]')?.textContent ?? '';
}

describe('new units, a value the product already holds', () => {
  it('multiple use: refused, saying every unit may take it and the box may stay empty', async () => {
    expect(await enterHeldLot('multiple_use')).toContain(
      '"L-100" was refused: LOT-M already holds it, and every unit may take it (multiple use). Leave this box empty, or scan a new lot number.',
    );
  });
  it('single use: refused, scan another', async () => {
    expect(await enterHeldLot('single_use')).toContain('"L-100" was refused: LOT-M already holds it. Scan another.');
  });
});
