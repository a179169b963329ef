// @vitest-environment happy-dom
/**
 * What a screen reader hears as Recall's results come: what was searched and the counts, not the export
 * buttons (they were inside the live region: each search was read out ending "Export CSVExport for
 * Excel"); the buttons are still there to press. The lot search box is "Lot number", apart from the
 * Match choice "Lot". Real core.
 */
import { act } from 'react';
import { expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';

const mounted = mountPointPerTest();

it('says the search and its counts, not the export buttons; the lot box is named apart from the Lot choice', async () => {
  const bench = openTestBench();
  bench.product('PHN-1', 'single_use', 1, ['SN-77']);
  bench.dispatchedOrder('SO-1', [['PHN-1', 'SN-77']]);
  const { search } = await showRecall(mounted().root, coreApi(bench));
  typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, 'SN-7');
  await search();

  const live = document.querySelector<HTMLElement>('[aria-live="polite"]')!;
  expect(live.textContent).toBe('Results for identifiers starting "SN-7":1 unit in 1 order for 1 customer, from 1 bench.');
  expect(live.querySelector('button')).toBeNull();
  expect([...document.querySelectorAll('button')].map((b) => b.textContent)).toEqual(expect.arrayContaining(['Export CSV', 'Export for Excel']));

  const lotChoice = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Lot')!.querySelector('input')!;
  act(() => lotChoice.click());
  expect(document.querySelector('input[type=search]')!.closest('label')!.textContent).toBe('Lot number');
});
