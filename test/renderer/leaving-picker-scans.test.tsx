// @vitest-environment happy-dom
/**
 * The leaving-units picker's scan box against a real core: a scanner set to end its scans with Tab
 * (as the grid, Lookup and the searches take) chooses what it scanned, and the next scan lands in the
 * box again, never on "Add" (where its characters went nowhere, unsaid).
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { mountPointPerTest } from './mount.js';
import { mountLeavingPicker } from './leaving-picker.js';
import { keysInto } from './dom-helpers.js';
import { formatUseByDate } from '../../shared/identifiers/use-by-dates.js';

const mounted = mountPointPerTest();
const entry = () => document.getElementById('leaving-entry') as HTMLInputElement;
const chosenHeading = () => document.getElementById('leaving-chosen-heading')?.textContent;

describe('leaving serial numbers scanned with a Tab suffix', () => {
  it('chooses each value a scan ending in Tab brings, the focus staying in the scan box until the last one, then on the save', async () => {
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
    // The last one needed: the focus goes to the save, so the packer's Enter saves.
    expect(document.activeElement?.textContent).toBe('Save Stock Change');
  });

  it('a lot product lists each lot with its use-by date, the expired ones said so', async () => {
    const bench = openTestBench();
    const productId = bench.product('CHEESE', 'single_use', 3);
    bench.ok('setIdentifierSpec', { productId, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
    bench.ok('saveSerialGrid', {
      productId,
      edits: [
        { box: 0, identifierId: null, value: 'L-OLD', useBy: '2020-01-31' },
        { box: 1, identifierId: null, value: 'L-NEW', useBy: '2099-12-31' },
        { box: 2, identifierId: null, value: 'L-NONE', useBy: '' },
      ],
    });
    const { root } = mounted();
    await mountLeavingPicker(root, bench, productId, { from: 3, to: 2, mustLeave: 1 });
    const shown = (date: string) => formatUseByDate(date, navigator.language);
    const rows = [...document.querySelectorAll('.available-list li')].map((li) => li.textContent);
    expect(rows).toEqual(expect.arrayContaining([`L-OLD — use by ${shown('2020-01-31')}, expired`, `L-NEW — use by ${shown('2099-12-31')}`, 'L-NONE']));
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

describe('leaving units, one refusal at a time', () => {
  it('a refused save replaces a refused scan\'s words, and the next scan replaces the save\'s', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU', 'single_use', 4, ['SN-A1', 'SN-B2', 'SN-C3', 'SN-D4']);
    const { root } = mounted();
    await mountLeavingPicker(root, bench, productId, { from: 4, to: 2, mustLeave: 2 });
    const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).filter(Boolean);
    entry().focus();
    await keysInto(entry, [...'999999999999999', 'Enter'], 5);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain('"999999999999999"');

    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save Stock Change')!.click());
    expect(alerts()).toEqual(['⚠ Choose exactly 2 serial numbers; 0 chosen.']);

    entry().focus();
    await keysInto(entry, [...'SN-ZZ', 'Enter'], 5);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain('"SN-ZZ"');
  });
});
