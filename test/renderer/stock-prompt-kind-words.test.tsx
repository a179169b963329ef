// @vitest-environment happy-dom
/**
 * The stock-level prompts name the values as the serial grid does (gridNouns): a lot product's fall
 * asks "Which lot numbers leave?" and refuses a value it does not hold as not a lot number; a raise
 * of a lot or use-by product asks for lot numbers or use-by dates for the new units; products of kind
 * Serial number keep the design's serial numbers. Driven through the stock level editor, on a real core.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { StockLevelEditor } from '../../renderer/screens/products/StockLevelEditor.js';
import { MAX_IDENTIFIERS_PER_STOCK_CHANGE } from '../../shared/contract/schemas.js';
import type { IdentifierKind } from '../../shared/identifiers/kinds.js';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { coreApi, giveBoxListsAViewport, settle, typeInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport();

const stockInput = () => document.getElementById('new-stock-level') as HTMLInputElement;
const alertText = () => document.querySelector('[role=alert]')?.textContent ?? '';
const press = (name: string) => act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!.click());
const text = (id: string) => document.getElementById(id)?.textContent;
const labelOf = (id: string) => document.querySelector(`label[for="${id}"]`)?.textContent;

/** A product of the given kind and mode, its stock level editor mounted against a real core, the new level typed and pressed. */
async function changeStock(kind: IdentifierKind, mode: 'single_use' | 'multiple_use', sku: string, stock: number, values: string[], newLevel: number) {
  const bench = openTestBench();
  const productId = bench.product(sku, mode, stock, values);
  bench.ok('setIdentifierSpec', { productId, identifierKind: kind, identifierFormat: null, minShelfLifeDays: null });
  const { root } = mounted();
  await act(async () => root.render(<StockLevelEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={() => {}} />));
  typeInto(stockInput(), String(newLevel));
  await press('Change Stock Level');
  await settle();
}

/** Enters a value into the leaving picker as a scanner does (typed, then its Enter). */
async function scanLeaving(value: string) {
  const entry = document.getElementById('leaving-entry') as HTMLInputElement;
  typeInto(entry, value);
  await act(async () => entry.form!.requestSubmit());
}

describe('the stock-level prompts name the values by the product kind', () => {
  it('a lot product: the fall asks which lot numbers leave and refuses a value it lacks as not a lot number', async () => {
    await changeStock('lot', 'single_use', 'CHEESE', 3, ['L-1', 'L-2', 'L-3'], 2);
    expect(text('leaving-heading')).toBe('Which lot numbers leave?');
    expect(document.querySelector('.leaving-units .hint')?.textContent).toContain('choose the 1 available lot number of the units that leave.');
    expect(labelOf('leaving-entry')).toBe('Scan or type a leaving lot number');
    expect(document.querySelector('.leaving-units legend')?.textContent).toBe('Available lot numbers');
    await scanLeaving('L-9');
    expect(alertText()).toContain('"L-9" is not a lot number of CHEESE.');
    await press('Save Stock Change');
    expect(document.querySelector('.leaving-units')?.textContent).toContain('Choose exactly 1 lot number; 0 chosen.');
    expect(document.querySelector('.leaving-units')?.textContent).not.toContain('serial number');
  });

  it('a lot product: the raise asks for lot numbers for the new units', async () => {
    await changeStock('lot', 'single_use', 'CHEESE', 1, ['L-1'], 3);
    expect(text('new-units-heading')).toBe('Lot numbers for the 2 new units');
    expect(document.querySelector('.new-units .hint')?.textContent).toContain('Enter or scan a lot number for every new unit.');
    expect(document.querySelector('.new-units [role=group]')?.getAttribute('aria-label')).toBe('Lot numbers for the new units of CHEESE');
    expect(labelOf('new-unit-box-0')).toBe('Lot number for new unit 1');
    expect(document.querySelector('.new-units')?.textContent).not.toContain('serial number');
  });

  it('a use-by product: the raise asks for use-by dates for the new units', async () => {
    await changeStock('use_by', 'multiple_use', 'MILK', 0, [], 2);
    expect(text('new-units-heading')).toBe('Use-by dates for the 2 new units');
    expect(document.querySelector('.new-units .hint')?.textContent).toContain('Enter or scan the use-by dates to add; boxes may stay empty.');
    expect(document.querySelector('.new-units .hint')?.textContent).toContain('Each use-by date may appear only once.');
    expect(labelOf('new-unit-box-0')).toBe('Use-by date for new unit 1');
    expect(document.querySelector('.new-units')?.textContent).not.toContain('serial number');
  });

  it('a single-use lot raise beyond one change is refused naming lot numbers', async () => {
    await changeStock('lot', 'single_use', 'CHEESE', 0, [], MAX_IDENTIFIERS_PER_STOCK_CHANGE + 1);
    expect(alertText()).toContain('so each of the 200,001 new units needs its lot number here');
  });

  it('a serial product keeps "Which serial numbers leave?"', async () => {
    await changeStock('serial', 'single_use', 'PHONE', 3, ['SN-1', 'SN-2', 'SN-3'], 2);
    expect(text('leaving-heading')).toBe('Which serial numbers leave?');
    expect(labelOf('leaving-entry')).toBe('Scan or type a leaving serial number');
    await scanLeaving('SN-9');
    expect(alertText()).toContain('"SN-9" is not a serial number of PHONE.');
  });

  it('a serial product keeps "Serial numbers for the new units"', async () => {
    await changeStock('serial', 'single_use', 'PHONE', 1, ['SN-1'], 3);
    expect(text('new-units-heading')).toBe('Serial numbers for the 2 new units');
    expect(labelOf('new-unit-box-0')).toBe('Serial number for new unit 1');
  });
});
