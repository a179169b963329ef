// @vitest-environment happy-dom
/**
 * The serial grid of a single-use product with 50,000,000 units in stock, against a real core: one box
 * per unit made the virtual list size its arrays by the stock, and every box had to be filled before a
 * save, which no save of at most 200,000 serial numbers could do. The grid has its filled boxes and at
 * most MAX_EMPTY_GRID_BOXES empty ones; it says how many units still need a serial number in all, takes
 * a batch (boxes left empty), says after the save how many still need one, and opens with the next empty
 * boxes. The product screen says the same count, not "one box per unit".
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { ProductDetails } from '../../renderer/screens/products/ProductDetails.js';
import { SerialGridScreen } from '../../renderer/screens/products/SerialGridScreen.js';
import { MAX_EMPTY_GRID_BOXES } from '../../shared/contract/schemas.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

countBeeps();
const mounted = mountPointPerTest();
giveBoxListsAViewport();
const box = (i: number) => document.getElementById(`serial-box-${i}`) as HTMLInputElement;
const press = (name: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!.click());
const screenText = () => document.querySelector('.serial-grid-screen')?.textContent ?? '';

async function mountGrid(bench: TestBench, productId: number) {
  const { root } = mounted();
  act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} /></QueryClientProvider>));
  await settle();
}

describe('the serial grid of a single-use product with a huge stock', () => {
  it('opens bounded, says how many units need a serial number in all, saves a batch and opens with the next empty boxes', { timeout: 20_000 }, async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-HUGE', 'single_use', 50_000_000, ['S-1', 'S-2']);
    await mountGrid(bench, productId);

    const lastBox = 2 + MAX_EMPTY_GRID_BOXES - 1;
    expect(document.querySelector('.product-subtitle')?.textContent).toContain('200,002 boxes (50,000,000 in stock)');
    expect(screenText()).toContain(
      '49,999,998 of the 50,000,000 units in stock have no serial number yet. ' +
        'The grid has the 2 filled boxes and 200,000 empty ones after them, not one box for each of the 50,000,000 units in stock: ' +
        'one save takes at most 200,000 serial numbers. After a save it opens again with 200,000 empty boxes after the filled ones.',
    );
    expect(screenText()).not.toContain('Every box needs a serial number');
    expect(document.activeElement).toBe(box(2));

    // A batch: the first empty box and the last one, the boxes between left empty.
    typeInto(box(2), 'S-3');
    act(() => void box(2).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', ctrlKey: true, bubbles: true, cancelable: true })));
    expect(document.activeElement).toBe(box(lastBox));
    typeInto(box(lastBox), 'S-FAR');

    // Go to a box of the stock beyond the grid's: refused, saying why.
    typeInto(document.getElementById('go-to-box-number') as HTMLInputElement, '40000000');
    await press('Go');
    expect(document.getElementById('go-to-box-problem')?.textContent).toBe(
      '⚠ Box 40,000,000 is not in the grid: it has the filled boxes and 200,000 empty ones, not one box for each of the 50,000,000 units in stock. Enter a box number from 1 to 200,002.',
    );

    await press('Save Changes');
    await settle();
    expect(document.body.textContent).not.toContain('Not saved');
    expect(bench.count("SELECT count(*) FROM identifiers WHERE value IN ('S-3', 'S-FAR')")).toBe(2);
    expect(document.body.textContent).toContain('The serial numbers of SU-HUGE have been saved (2 added, 0 changed, 0 removed).');
    expect(document.body.textContent).toContain('49,999,996 units of SU-HUGE still have no serial number: the grid has opened again with the next 200,000 empty boxes.');
    await press('OK');

    // The grid as opened again: the saved values, then the next empty boxes.
    expect([0, 1, 2, 3, 4].map((i) => box(i).value)).toEqual(['S-1', 'S-2', 'S-3', 'S-FAR', '']);
    expect(document.querySelector('.product-subtitle')?.textContent).toContain('200,004 boxes (50,000,000 in stock)');
    expect(screenText()).toContain('49,999,996 of the 50,000,000 units in stock have no serial number yet.');
  });

  it('product screen: says how many units have no serial number and that the grid is bounded', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-HUGE', 'single_use', 50_000_000, ['S-1', 'S-2']);
    const api = coreApi(bench);
    const product = bench.ok('getProduct', { productId });
    const { root } = mounted();
    act(() =>
      root.render(
        <QueryClientProvider client={createBenchQueryClient()}>
          <ProductDetails api={api} product={product} onProductChanged={() => {}} onOpenGrid={() => {}} onBack={() => {}} initialFocus="heading" />
        </QueryClientProvider>,
      ),
    );
    await settle();
    const panel = document.querySelector('.serials-panel')?.textContent ?? '';
    expect(panel).toContain('49,999,998 of the 50,000,000 units in stock have no serial number yet.');
    expect(panel).toContain('The grid has the 2 filled boxes and 200,000 empty ones after them, not one box for each of the 50,000,000 units in stock: one save takes at most 200,000 serial numbers.');
    expect(panel).not.toContain('One box per unit of stock');
  });
});
