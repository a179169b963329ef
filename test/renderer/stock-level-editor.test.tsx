// @vitest-environment happy-dom
/**
 * The stock level editor against a real core: a level typed against a figure that moved before the
 * save (an order dispatched on this bench, a sync) is refused by the core, changing nothing; the screen
 * shows the refusal (announced, beeped), shows the figure as it is now and keeps what the packer typed,
 * so one more press sets it knowingly. The leaving-units picker sends the figure it showed too, and
 * says at once, while open, when the product's stock moves under it.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { LeavingUnitsPicker } from '../../renderer/screens/products/LeavingUnitsPicker.js';
import { NewUnitsPrompt } from '../../renderer/screens/products/NewUnitsPrompt.js';
import { StockLevelEditor } from '../../renderer/screens/products/StockLevelEditor.js';
import type { Product } from '../../shared/contract/api.js';
import { MAX_IDENTIFIERS_PER_STOCK_CHANGE } from '../../shared/contract/schemas.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { mountLeavingPicker } from './leaving-picker.js';
import { coreApi, giveBoxListsAViewport, typeInto } from './dom-helpers.js';

const beeps = countBeeps();

const mounted = mountPointPerTest();
const stockInput = () => document.getElementById('new-stock-level') as HTMLInputElement;
const alertText = () => document.querySelector('[role=alert]')?.textContent ?? '';
const inStock = () => document.querySelector('.stock-editor strong')?.textContent;
const press = (name: string) =>
  act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!.click());

/** PHN-1 (no identifiers) at 10 and an order for one of it, dispatched when the test says. */
function benchWithOrder() {
  const bench = openTestBench();
  const productId = bench.product('PHN-1', 'none', 10);
  const order = bench.order('SO-1', [['PHN-1', 1]]);
  const dispatch = () => bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
  return { bench, productId, dispatch };
}

/** The editor mounted against the bench: `render` shows it with a product; `changed` is what its last change answered. */
function mountEditor(bench: TestBench) {
  const { root } = mounted();
  let changed: Product | null = null;
  const render = (product: Product) =>
    act(() => root.render(<StockLevelEditor api={coreApi(bench)} product={product} onChanged={(p) => (changed = p)} />));
  return { render, changed: () => changed };
}

const refusal =
  'The stock level was not changed: The stock of PHN-1 changed from 10 to 9 while you were editing ' +
  '(an order was dispatched or another bench synced): check the new figure and enter the stock level again.';

describe('stock level editor', () => {
  it('refuses a level typed against a figure that moved before the save, shows the figure now and keeps the typed level', async () => {
    const { bench, productId, dispatch } = benchWithOrder();
    const { render, changed } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    typeInto(stockInput(), '12'); // meaning "+2" against the 10 shown

    // An order is dispatched on this bench just before the press: the screen still shows 10.
    dispatch();
    const ops = bench.outboxOps().length;
    await press('Change Stock Level');
    expect(alertText()).toBe(`⚠ ${refusal}`);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(changed()).toBeNull();
    expect(bench.ok('getProduct', { productId }).stockLevel).toBe(9);
    expect(bench.outboxOps()).toHaveLength(ops);

    // The change stream re-reads the product: the figure now, the packer's typed level kept.
    render(bench.ok('getProduct', { productId }));
    expect(inStock()).toBe('9');
    expect(stockInput().value).toBe('12');
    expect(alertText()).toBe(`⚠ ${refusal}`);

    // Pressed again, knowingly against 9: set, and synced as the difference from what the core held.
    await press('Change Stock Level');
    expect(changed()).toMatchObject({ stockLevel: 12 });
    expect(alertText()).toBe('');
    expect(bench.outboxOps().slice(ops)).toEqual([{ type: 'stock.delta', sku: 'PHN-1', delta: 3 }]);
  });

  it('keeps the typed level when the figure moves while the packer is typing, and asks to check it before setting', async () => {
    const { bench, productId, dispatch } = benchWithOrder();
    const { render, changed } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    typeInto(stockInput(), '12');
    dispatch();
    render(bench.ok('getProduct', { productId }));
    expect(inStock()).toBe('9');
    expect(stockInput().value).toBe('12');

    const ops = bench.outboxOps().length;
    await press('Change Stock Level');
    expect(alertText()).toBe(`⚠ ${refusal}`);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.outboxOps()).toHaveLength(ops);
    await press('Change Stock Level');
    expect(changed()).toMatchObject({ stockLevel: 12 });
  });

  it('follows the figure in an untouched box, and sets a level typed against the current figure at once', async () => {
    const { bench, productId, dispatch } = benchWithOrder();
    const { render, changed } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    dispatch();
    render(bench.ok('getProduct', { productId }));
    expect(stockInput().value).toBe('9');
    typeInto(stockInput(), '4');
    await press('Change Stock Level');
    expect(alertText()).toBe('');
    await beeps.played();
    expect(beeps.count()).toBe(0);
    expect(changed()).toMatchObject({ stockLevel: 4 });
    expect(bench.outboxOps().at(-1)).toEqual({ type: 'stock.delta', sku: 'PHN-1', delta: -5 });
  });

  it('the leaving-units picker refuses when the stock moved since it opened, naming the figures, and changes nothing', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU', 'single_use', 4, ['A', 'B', 'C', 'D']);
    const { root } = mounted();
    let done: Product | null = null;
    const product = bench.ok('getProduct', { productId });
    // Rendered in an async act so the list of available serial numbers (read from the core) is in.
    await act(async () =>
      root.render(
        <LeavingUnitsPicker api={coreApi(bench)} product={product} shownStockLevel={4} newStockLevel={2} mustLeave={2} onDone={(p) => (done = p)} onCancel={() => {}} />,
      ),
    );
    await act(async () => {
      for (const value of ['A', 'B']) {
        const box = [...document.querySelectorAll('label.check-row')].find((l) => l.textContent === value)?.querySelector('input');
        box!.click();
      }
    });
    expect(document.getElementById('leaving-chosen-heading')?.textContent).toBe('Chosen: 2 of 2');
    // Another bench's stock-take arrives by sync before the save.
    bench.writer.prepare('UPDATE products SET stock_level = 6 WHERE id = ?').run(productId);
    const before = bench.snapshot();
    await press('Save Stock Change');
    expect(done).toBeNull();
    expect(alertText()).toContain('The stock of SU changed from 4 to 6 while you were editing');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(bench.snapshot()).toEqual(before);
  });

  it('the leaving-units picker says at once, while open, that the stock moved under it, and the core still refuses the save', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU', 'single_use', 4, ['A', 'B', 'C', 'D']);
    const { root } = mounted();
    let changed: Product | null = null;
    // As the products screen renders it: the product re-read through the change stream on every change.
    const render = () =>
      act(async () => root.render(<StockLevelEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));
    await render();
    typeInto(stockInput(), '2');
    await press('Change Stock Level');
    const notice = () => document.querySelector('.leaving-units [role=status]');
    expect(document.getElementById('leaving-heading')?.textContent).toBe('Which serial numbers leave?');
    // Always there and empty until needed, so the words are announced when they come.
    expect(notice()?.textContent).toBe('');

    // Another bench's stock-take arrives by sync while the picker is open.
    bench.writer.prepare('UPDATE products SET stock_level = 6 WHERE id = ?').run(productId);
    await render();
    expect(notice()?.textContent).toBe('The stock of SU changed from 4 to 6 while this was open: Cancel and enter the stock level again.');
    await beeps.played();
    expect(beeps.count()).toBe(0); // a notice, not a refusal: nothing was pressed

    await act(async () => {
      for (const value of ['A', 'B']) {
        [...document.querySelectorAll('label.check-row')].find((l) => l.textContent === value)?.querySelector('input')!.click();
      }
    });
    const before = bench.snapshot();
    await press('Save Stock Change');
    expect(changed).toBeNull();
    expect(alertText()).toContain('The stock of SU changed from 4 to 6 while you were editing');
    expect(bench.snapshot()).toEqual(before);

    // Moved back to the figure it showed: the notice goes.
    bench.writer.prepare('UPDATE products SET stock_level = 4 WHERE id = ?').run(productId);
    await render();
    expect(notice()?.textContent).toBe('');
  });
});

describe('stock level editor, a figure confirmed', () => {
  it('does not hold a level typed earlier against the packer: after "already", a figure that moves and a fresh level typed is set', async () => {
    const { bench, productId, dispatch } = benchWithOrder();
    const { render, changed } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    typeInto(stockInput(), '12');
    typeInto(stockInput(), '10'); // thought better of it: the figure shown
    await press('Change Stock Level');
    expect(document.querySelector('.stock-editor .ok-text')?.textContent).toBe('The stock level is already 10.');
    // Later an order is dispatched; the box, showing the figure, follows it.
    dispatch();
    render(bench.ok('getProduct', { productId }));
    expect(stockInput().value).toBe('9');
    // A level typed now is typed against 9, the figure on screen: nothing to refuse.
    typeInto(stockInput(), '20');
    await press('Change Stock Level');
    expect(alertText()).toBe('');
    await beeps.played();
    expect(beeps.count()).toBe(0);
    expect(changed()).toMatchObject({ stockLevel: 20 });
  });
});

describe('stock level editor, new units', () => {
  // The new-units prompt's box list.
  giveBoxListsAViewport();

  it('says the stock went from the figure the core held to the new one when units are added after an unseen dispatch', async () => {
    const bench = openTestBench();
    const productId = bench.product('PHN', 'single_use', 10, Array.from({ length: 10 }, (_, i) => `OLD-${i}`));
    const order = bench.order('SO-1', [['PHN', 1]]);
    const { root } = mounted();
    let changed: Product | null = null;
    await act(async () => root.render(<StockLevelEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));
    typeInto(stockInput(), '15');
    await press('Change Stock Level');
    for (let i = 0; i < 5; i++) typeInto(document.getElementById(`new-unit-box-${i}`) as HTMLInputElement, `IMEI-${i}`);
    // A dispatch commits just before the save: the screen still shows 10, the core holds 9.
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'OLD-0' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    await press('Save Stock Change');
    expect(changed).toMatchObject({ stockLevel: 14 });
    // The 5 units went onto the 9 the core held: "from 10" would be a figure the stock never had then.
    expect(document.querySelector('.stock-editor .ok-text')?.textContent).toBe('Stock level changed from 9 to 14.');
  });
});

describe('stock level editor, single use below the allocated units', () => {
  it('refuses at once, beeped and in words naming the allocations, and opens no picker that cannot be satisfied', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-ALLOC', 'single_use', 4, ['A', 'B', 'C', 'D']);
    const order = bench.order('SO-9', [['SU-ALLOC', 3]]);
    bench.ok('saveAllocations', {
      allocations: [1, 2, 3].map((unit, i) => ({ lineId: order.lineIds[0]!, unit, value: ['A', 'B', 'C'][i]! })),
    });
    const { render, changed } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    const before = bench.snapshot();
    typeInto(stockInput(), '1');
    await press('Change Stock Level');
    expect(document.getElementById('leaving-heading')).toBeNull();
    expect(alertText()).toBe(
      '⚠ The stock level was not changed: SU-ALLOC has 3 units allocated to orders awaiting dispatch: ' +
        'the stock level cannot go below 3 until those allocations are cleared or dispatched.',
    );
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(stockInput().value).toBe('1');
    expect(changed()).toBeNull();
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('leaving-units picker, a scan refused', () => {
  it('an unknown or allocated serial number scanned is shown, announced and beeped, and nothing is chosen', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-SCAN', 'single_use', 3, ['A', 'B', 'C']);
    const order = bench.order('SO-7', [['SU-SCAN', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A' }] });
    const { scan } = await mountLeavingPicker(mounted().root, bench, productId, { from: 3, to: 2, mustLeave: 1 });
    await scan('b\r'); // case differs: not B
    expect(alertText()).toBe('⚠ "b" is not a serial number of SU-SCAN.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await scan('A');
    expect(alertText()).toBe('⚠ "A" is allocated and cannot leave stock.');
    await beeps.played();
    expect(beeps.count()).toBe(2);
    expect(document.getElementById('leaving-chosen-heading')?.textContent).toBe('Chosen: 0 of 1');
  });
});

describe('leaving-units picker, a dispatched serial number scanned', () => {
  it('is refused in words the packer knows ("dispatched", as the product screen says), not the stored status', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-GONE', 'single_use', 3, ['A', 'B', 'C']);
    const order = bench.order('SO-8', [['SU-GONE', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A' }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    const { scan } = await mountLeavingPicker(mounted().root, bench, productId, { from: 2, to: 1, mustLeave: 1 });
    await scan('A');
    expect(alertText()).toBe('⚠ "A" was dispatched already and cannot leave stock.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(document.getElementById('leaving-chosen-heading')?.textContent).toBe('Chosen: 0 of 1');
  });
});

describe('counts in the stock prompts', () => {
  giveBoxListsAViewport();

  it('are written with thousands separators: the level already set, the leaving and the new units', async () => {
    const bench = openTestBench();
    const values = Array.from({ length: 1500 }, (_, i) => `SN-${i}`);
    const productId = bench.product('BIG', 'single_use', 1500, values);
    const product = bench.ok('getProduct', { productId });
    const { root } = mounted();

    await act(async () => root.render(<StockLevelEditor api={coreApi(bench)} product={product} onChanged={() => {}} />));
    await press('Change Stock Level');
    expect(document.querySelector('.stock-editor [role=status]')?.textContent).toBe('The stock level is already 1,500.');

    await act(async () =>
      root.render(<LeavingUnitsPicker api={coreApi(bench)} product={product} shownStockLevel={1500} newStockLevel={1498} mustLeave={2} onDone={() => {}} onCancel={() => {}} />),
    );
    expect(document.querySelector('.leaving-units .hint')?.textContent).toBe(
      'Stock of BIG goes from 1,500 to 1,498: choose the 2 available serial numbers of the units that leave. Scan or type them, or tick them in the list.',
    );

    await act(async () => root.render(<NewUnitsPrompt api={coreApi(bench)} product={product} newStockLevel={2700} onDone={() => {}} onCancel={() => {}} />));
    expect(document.getElementById('new-units-heading')?.textContent).toBe('Serial numbers for the 1,200 new units');
    expect(document.querySelector('.new-units .hint')?.textContent).toMatch(/^Stock of BIG goes from 1,500 to 2,700\. /);
  });
});

describe('new-units prompt, a save refused', () => {
  giveBoxListsAViewport();

  it('new serial numbers that clash with existing ones are refused in words naming the unit, announced and beeped, and nothing changes', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-NEW', 'single_use', 2, ['A', 'B']);
    const { root } = mounted();
    let done: Product | null = null;
    await act(async () =>
      root.render(<NewUnitsPrompt api={coreApi(bench)} product={bench.ok('getProduct', { productId })} newStockLevel={4} onDone={(p) => (done = p)} onCancel={() => {}} />),
    );
    typeInto(document.getElementById('new-unit-box-0') as HTMLInputElement, 'C');
    typeInto(document.getElementById('new-unit-box-1') as HTMLInputElement, 'B');
    const before = bench.snapshot();
    await beeps.played();
    const beepsBefore = beeps.count();
    await press('Save Stock Change');
    expect(done).toBeNull();
    expect(alertText()).toContain('Not saved: Some new identifiers of SU-NEW already exist.');
    expect(document.querySelector('.grid-refusal-list')?.textContent).toBe('New unit 2: "B" is already an identifier of SU-NEW.');
    await beeps.played();
    expect(beeps.count()).toBe(beepsBefore + 1);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('stock level editor, more single-use units than one change names', () => {
  it('refuses at once, in words with the limit, when more new or leaving units would need serial numbers than one change takes; at the limit the prompt opens', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-MANY', 'single_use', 0);
    const { render, changed } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    const before = bench.snapshot();
    typeInto(stockInput(), String(MAX_IDENTIFIERS_PER_STOCK_CHANGE + 1));
    await press('Change Stock Level');
    expect(document.querySelector('[role=dialog], dialog[open]')).toBeNull();
    expect(alertText()).toBe(
      '⚠ The stock level was not changed: SU-MANY is single use, so each of the 200,001 new units needs its serial number here, ' +
        'and at most 200,000 can be entered at once. Raise it in steps of up to 200,000 units.',
    );
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(changed()).toBeNull();
    expect(bench.snapshot()).toEqual(before);
    // At the limit, the prompt for the new units' serial numbers opens.
    typeInto(stockInput(), String(MAX_IDENTIFIERS_PER_STOCK_CHANGE));
    await press('Change Stock Level');
    expect(document.querySelector('[role=alert]:not(:empty)')?.textContent ?? '').not.toContain('at most 200,000');
    expect(document.body.textContent).toContain('200,000 new units');
  });

  it('refuses a drop that would name more leaving units than one change takes', async () => {
    const bench = openTestBench();
    const many = MAX_IDENTIFIERS_PER_STOCK_CHANGE + 1;
    const productId = bench.product('SU-DROP', 'single_use', many, Array.from({ length: many }, (_, i) => `SN-${i}`));
    const { render } = mountEditor(bench);
    render(bench.ok('getProduct', { productId }));
    typeInto(stockInput(), '0');
    await press('Change Stock Level');
    expect(document.getElementById('leaving-heading')).toBeNull();
    expect(alertText()).toBe(
      '⚠ The stock level was not changed: SU-DROP is single use, so each of the 200,001 units that leave is named by its serial number, ' +
        'and at most 200,000 can be named at once. Lower it in steps of up to 200,000 units.',
    );
  });
});
