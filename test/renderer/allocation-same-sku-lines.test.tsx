// @vitest-environment happy-dom
/**
 * An order with one SKU on two lines: each line has a unit 1, and both boxes were named "SO-1004 BATT-L
 * unit 1" (a screen reader could not tell them apart, nor could the warnings naming them). Their names
 * now say the line ("BATT-L line 2 unit 1"), in the line heading too; an SKU on one line keeps its name.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { giveBoxListsAViewport } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { openFromOrderPage } from './allocation-dialog-dom.js';

const mounted = mountPointPerTest();
giveBoxListsAViewport('allocation-list');

describe('allocation dialog, one SKU on two lines of an order', () => {
  it('names each line\'s boxes and heading by its line', async () => {
    const bench = openTestBench();
    bench.product('BATT-L', 'multiple_use', 5, ['LOT-A', 'LOT-B']);
    bench.product('PHN-1', 'single_use', 2, ['SN-1', 'SN-2']);
    const order = bench.order('SO-1004', [['BATT-L', 1], ['PHN-1', 1], ['BATT-L', 2]]);
    const labels = () => [...document.querySelectorAll('.allocation-dialog [role=combobox]')].map((b) => b.getAttribute('aria-label')?.replace(/, needed now$/, ''));
    await openFromOrderPage(mounted().root, bench, order.id, () => labels().length === 4);
    expect(labels()).toEqual(['SO-1004 BATT-L line 1 unit 1', 'SO-1004 PHN-1 unit 1', 'SO-1004 BATT-L line 3 unit 1', 'SO-1004 BATT-L line 3 unit 2']);
    expect([...document.querySelectorAll('.allocation-dialog .sheet-line strong')].map((s) => s.textContent)).toEqual(['BATT-L line 1', 'PHN-1', 'BATT-L line 3']);
  });
});
