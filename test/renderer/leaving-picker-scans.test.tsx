// @vitest-environment happy-dom
/**
 * The leaving-units picker's scan box against a real core: a scanner set to end its scans with Tab
 * (as the grid, Lookup and the searches take) chooses what it scanned, and the next scan lands in the
 * box again, never on "Add" (where its characters went nowhere, unsaid).
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { mountLeavingPicker } from './leaving-picker.js';
import { keysInto } from './dom-helpers.js';

const mounted = mountPointPerTest();
const entry = () => document.getElementById('leaving-entry') as HTMLInputElement;
const chosenHeading = () => document.getElementById('leaving-chosen-heading')?.textContent;

describe('leaving serial numbers scanned with a Tab suffix', () => {
  it('chooses each value a scan ending in Tab brings, the focus staying in the scan box', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU', 'single_use', 4, ['SN-A1', 'SN-B2', 'SN-C3', 'SN-D4']);
    const { root } = mounted();
    await mountLeavingPicker(root, bench, productId, { from: 4, to: 2, mustLeave: 2 });
    entry().focus();

    const first = await keysInto(entry, [...'SN-A1', 'Tab'], 5);
    expect(first.tabPrevented).toBe(true);
    expect(chosenHeading()).toBe('Chosen: 1 of 2');
    expect(entry().value).toBe('');
    expect(document.activeElement).toBe(entry());

    await keysInto(entry, [...'SN-C3', 'Tab'], 5);
    expect(chosenHeading()).toBe('Chosen: 2 of 2');
    expect([...document.querySelectorAll('.chosen-list .value')].map((v) => v.textContent)).toEqual(['SN-A1', 'SN-C3']);
  });

  it('a person pressing Tab after typing only moves on, choosing nothing', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU', 'single_use', 4, ['SN-A1', 'SN-B2', 'SN-C3', 'SN-D4']);
    const { root } = mounted();
    await mountLeavingPicker(root, bench, productId, { from: 4, to: 2, mustLeave: 2 });
    entry().focus();
    const typed = await keysInto(entry, [...'SN-A1', 'Tab'], 250);
    expect(typed.tabPrevented).toBe(false);
    expect(chosenHeading()).toBe('Chosen: 0 of 2');
  });
});
