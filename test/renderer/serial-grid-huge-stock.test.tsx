// @vitest-environment happy-dom
/**
 * The serial grid of a multiple-use product with 50,000,000 units in stock, against a real core: one
 * box per unit made the virtual list size its arrays by the stock (it never opened). The grid has its
 * filled boxes and at most MAX_EMPTY_GRID_BOXES empty ones, and says so in words; Ctrl+End, typing in
 * the last box, Save Changes and opening it again work, and Go to box beyond them says why.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
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

async function mountGrid(bench: TestBench, productId: number) {
  const { root } = mounted();
  act(() => root.render(<QueryClientProvider client={createBenchQueryClient()}><SerialGridScreen api={coreApi(bench)} productId={productId} onBack={() => {}} /></QueryClientProvider>));
  await settle();
}

describe('the serial grid of a multiple-use product with a huge stock', () => {
  it('holding more values than units in stock, names the values held, so its box count does not read as a mistake', async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-FEW', 'multiple_use', 2, ['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    await mountGrid(bench, productId);
    expect(document.querySelector('.product-subtitle')?.textContent).toContain('5 boxes (5 serial numbers held, 2 in stock)');
  });

  it('opens with the filled boxes and the bounded empty ones, says why, and takes a value typed in the last box', { timeout: 20_000 }, async () => {
    const bench = openTestBench();
    const productId = bench.product('MU-HUGE', 'multiple_use', 50_000_000, ['A-1', 'A-2']);
    await mountGrid(bench, productId);

    const lastBox = 2 + MAX_EMPTY_GRID_BOXES - 1;
    expect(document.querySelector('.product-subtitle')?.textContent).toContain('200,002 boxes (50,000,000 in stock)');
    expect(document.querySelector('.serial-grid-screen')?.textContent).toContain(
      'The grid has the 2 filled boxes and 200,000 empty ones after them, not one box for each of the 50,000,000 units in stock: ' +
        'one save takes at most 200,000 serial numbers. After a save it opens again with 200,000 empty boxes after the filled ones.',
    );
    // Ready to scan: the first empty box.
    expect(document.activeElement).toBe(box(2));

    // Ctrl+End: the last box, typed into.
    act(() => void box(2).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', ctrlKey: true, bubbles: true, cancelable: true })));
    expect(document.activeElement).toBe(box(lastBox));
    typeInto(box(lastBox), 'FAR');
    expect(document.querySelector('.unsaved-count')?.textContent).toBe('1 unsaved change');

    // Go to a box of the stock beyond the grid's: refused, saying why.
    typeInto(document.getElementById('go-to-box-number') as HTMLInputElement, '40000000');
    await press('Go');
    expect(document.getElementById('go-to-box-problem')?.textContent).toBe(
      '⚠ Box 40,000,000 is not in the grid: it has the filled boxes and 200,000 empty ones, not one box for each of the 50,000,000 units in stock. Enter a box number from 1 to 200,002.',
    );

    await press('Save Changes');
    await settle();
    expect(bench.count("SELECT count(*) FROM identifiers WHERE value = 'FAR'")).toBe(1);
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(50_000_000);
    expect(document.body.textContent).toContain('The serial numbers of MU-HUGE have been saved (1 added, 0 changed, 0 removed).');

    await press('OK');

    // Opened again (back to the product, then the grid): the saved value after the others, then the empty boxes up to the bound again.
    act(() => mounted().root.render(null));
    await mountGrid(bench, productId);
    expect([0, 1, 2, 3].map((i) => box(i).value)).toEqual(['A-1', 'A-2', 'FAR', '']);
    expect(document.querySelector('.product-subtitle')?.textContent).toContain('200,003 boxes (50,000,000 in stock)');
    expect(document.activeElement).toBe(box(3));
  });
});
