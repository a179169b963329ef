// @vitest-environment happy-dom
/**
 * Recall's results say what they are the results of: a search refused, or Match turned from Lot to
 * Use-by dates, leaves the last results shown, and they read as the answer to the form as it is now
 * ("the use-by date range ends before it starts" above a lot's dispatches). A use-by product's values
 * show as dates are shown on the bench ("Use by 15/01/2027", beside "L-100 use by 10/01/2027"; one was
 * ISO, the other in the locale). Refusals begin with a capital. Real core.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { formatUseByDate } from '../../shared/identifiers/use-by-dates.js';
import { csv, openTestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';
import { recallQueryWords } from '../../renderer/screens/recall/recall-query-words.js';

const mounted = mountPointPerTest();

const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);
const searched = () => document.querySelector('.recall-searched')?.textContent ?? null;
const identifiers = () => [...document.querySelectorAll('.recall-rows tbody tr td:first-child')].map((td) => td.textContent);
const radio = (name: string) => [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === name)!.querySelector('input')!;
const dateBoxes = () => [...document.querySelectorAll<HTMLInputElement>('input[type=date]')];
const shown = (iso: string) => formatUseByDate(iso, navigator.language);

async function recallWithLotAndUseBy() {
  const bench = openTestBench();
  bench.ok('importCsv', {
    files: [
      {
        name: 'products.csv',
        content: csv([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['LOT-M', 'Yoghurt', '', 'multiple_use', 2, 'lot'],
          ['UB-M', 'Milk', '', 'multiple_use', 2, 'use_by'],
        ]),
      },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier', 'use_by'], ['LOT-M', 'L-100', '2027-01-10'], ['UB-M', '2027-01-15', '']]) },
    ],
  });
  bench.dispatchedOrder('SO-1', [['LOT-M', 'L-100'], ['UB-M', '2027-01-15']]);
  return showRecall(mounted().root, coreApi(bench));
}

describe('Recall, what the results shown are of', () => {
  it('names the search above its results, keeps naming it when the next search is refused, and shows use-by values as dates', async () => {
    const { search } = await recallWithLotAndUseBy();
    act(() => radio('Lot').click());
    typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, 'L-100');
    await search();
    expect(searched()).toBe('Results for lot "L-100":');
    expect(identifiers()).toEqual([`L-100 use by ${shown('2027-01-10')}`]);

    act(() => radio('Use-by dates').click());
    typeInto(dateBoxes()[0]!, '2027-01-01');
    typeInto(dateBoxes()[1]!, '2027-01-31');
    await search();
    expect(searched()).toBe(`Results for use-by dates ${shown('2027-01-01')} to ${shown('2027-01-31')}:`);
    expect(identifiers()).toEqual([`Use by ${shown('2027-01-15')}`, `L-100 use by ${shown('2027-01-10')}`]);

    // A range typed the wrong way round: refused, and the results shown still say they are the last search's.
    typeInto(dateBoxes()[0]!, '2027-02-01');
    await search();
    expect(alerts()).toEqual(['⚠ The use-by date range ends before it starts.']);
    expect(searched()).toBe(`Results for use-by dates ${shown('2027-01-01')} to ${shown('2027-01-31')}:`);
  });
});

describe('recallQueryWords', () => {
  it('names the value searched, the product and the dispatch days', () => {
    expect(recallQueryWords({ match: 'prefix', value: 'SN-' })).toBe('identifiers starting "SN-"');
    expect(recallQueryWords({ match: 'exact', value: 'SN-1', sku: 'PHN-1', skuMatch: 'exact' })).toBe('exactly "SN-1", product PHN-1');
    expect(recallQueryWords({ match: 'prefix', value: '', sku: 'ph', dispatchedFrom: '2026-12-01', dispatchedTo: '2026-12-01' })).toBe(
      `every dispatched identifier, SKU starting "ph" (any case), dispatched on ${shown('2026-12-01')} (UTC)`,
    );
    expect(recallQueryWords({ match: 'prefix', value: '', useByTo: '2027-01-31', dispatchedFrom: '2026-12-01' })).toBe(
      `use-by dates up to ${shown('2027-01-31')}, dispatched from ${shown('2026-12-01')} (UTC)`,
    );
  });
});
