// @vitest-environment happy-dom
/**
 * A multiple-use product's stock raised by millions, against a real core: one box per new unit would be
 * a box list and a save of millions (the save once built an entry for every empty box). Beyond what one
 * stock change takes serial numbers for (MAX_IDENTIFIERS_PER_STOCK_CHANGE), the prompt shows no boxes and
 * says in words what Save does and where the serial numbers go instead; Save adds the units without any.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { StockLevelEditor } from '../../renderer/screens/products/StockLevelEditor.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';
import type { Product } from '../../shared/contract/api.js';
import { MAX_IDENTIFIERS_PER_STOCK_CHANGE } from '../../shared/contract/schemas.js';
import { MAX_STOCK_LEVEL } from '../../shared/sync/bounds.js';
import { openTestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, typeInto } from './dom-helpers.js';

countBeeps();
const mounted = mountPointPerTest();
const stockInput = () => document.getElementById('new-stock-level') as HTMLInputElement;
const press = (name: string) =>
  act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!.click());
const newUnitBoxes = () => document.querySelectorAll('[id^="new-unit-box-"]').length;

describe('a multiple-use stock raise of millions', () => {
  giveBoxListsAViewport();

  it('asks for no serial numbers beyond what one change takes, says so in words, and Save adds the units without any', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-BIG', 'multiple_use', 10, ['L1']);
    const { root } = mounted();
    let changed: Product | null = null;
    await act(async () => root.render(<StockLevelEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));

    typeInto(stockInput(), '3000010');
    await press('Change Stock Level');
    expect(document.getElementById('new-units-heading')?.textContent).toBe('3,000,000 new units without serial numbers');
    expect(document.querySelector('.new-units .hint')?.textContent).toBe(
      'Stock of MU-BIG goes from 10 to 3,000,010. 3,000,000 new units are more than one stock change can take serial numbers for (at most 200,000), ' +
        'so none are asked for here: Save Stock Change adds the units without serial numbers. Add them afterwards by importing an identifiers CSV ' +
        'or in the serial grid of MU-BIG, or Cancel and raise the stock in steps of up to 200,000 units to enter them here.',
    );
    expect(newUnitBoxes()).toBe(0);
    // Keyboard first: Enter saves.
    expect(document.activeElement?.textContent).toBe('Save Stock Change');

    await press('Save Stock Change');
    expect(changed).toMatchObject({ stockLevel: 3_000_010 });
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(3_000_010);
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(1);
    expect(document.querySelector('.stock-editor [role=status]')?.textContent).toBe('Stock level changed from 10 to 3,000,010.');
    expect(bench.outboxOps().at(-1)).toMatchObject({ type: 'stock.delta', sku: 'MU-BIG', delta: 3_000_000 });

    // At the limit the boxes are asked for again (the screen shows the level now), and only the filled ones are sent.
    await act(async () => root.render(<StockLevelEditor api={coreApi(bench)} product={changed!} onChanged={(p) => (changed = p)} />));
    typeInto(stockInput(), String(3_000_010 + MAX_IDENTIFIERS_PER_STOCK_CHANGE));
    await press('Change Stock Level');
    expect(document.getElementById('new-units-heading')?.textContent).toBe('Serial numbers for the 200,000 new units');
    expect(newUnitBoxes()).toBeGreaterThan(0);
    typeInto(document.getElementById('new-unit-box-1') as HTMLInputElement, 'E-2');
    await press('Save Stock Change');
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(3_200_010);
    expect(bench.count("SELECT count(*) FROM identifiers WHERE value = 'E-2'")).toBe(1);
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(2);
  });

  it('the box store gives the filled boxes of a grid of the largest stock without an entry per empty box', () => {
    const store = new SerialBoxStore({ totalBoxes: MAX_STOCK_LEVEL, filledBoxes: 0 });
    store.setValue(MAX_STOCK_LEVEL - 1, 'LAST');
    store.setValue(7, 'SEVEN');
    store.setValue(3, '   ');
    expect(store.filledValues()).toEqual([
      { box: 7, value: 'SEVEN' },
      { box: MAX_STOCK_LEVEL - 1, value: 'LAST' },
    ]);
  });
});
