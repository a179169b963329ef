// @vitest-environment happy-dom
/**
 * Recall against a real core, GS1 codes scanned into its boxes: a lot pack's code scanned with "Lot"
 * chosen searches its lot (10), not the whole code; and the warning that a scanned GTIN is no product's
 * barcode ("The search is for every product") is shown only for a search that ran, never beside the
 * refusal of one that did not; a search refused after a scan's search leaves the note of what the results
 * shown cover beside them (it went, while they stayed); a scan that turns the form keeps the focus on it; a code that replaces what was typed in the
 * other box (the SKU, or the identifier) says so in its note. And a search the bench fails to answer, sent again, is announced again.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { csv, openTestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

const LOT_GTIN = '09506000134352';
const USE_BY_GTIN = '09506000134369';
const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);
const counts = () => document.querySelector('.recall-counts')?.textContent ?? null;
const identifierBox = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const dateBoxes = () => [...document.querySelectorAll<HTMLInputElement>('input[type=date]')];

const NOT_ANSWERING = 'The bench service is not reachable; is it still running?';

async function openRecall(link = { down: false }) {
  const bench = openTestBench();
  bench.ok('importCsv', {
    files: [
      {
        name: 'products.csv',
        content: csv([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['LOT-1', 'Lot one', LOT_GTIN, 'multiple_use', 2, 'lot'],
          ['PHN-1', 'Phone', '', 'single_use', 2, 'serial'],
          ['UB-1', 'Milk', USE_BY_GTIN, 'multiple_use', 1, 'use_by'],
        ]),
      },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier'], ['LOT-1', 'L123'], ['PHN-1', 'SN-77'], ['PHN-1', 'SN-78'], ['UB-1', '2026-12-31']]) },
    ],
  });
  bench.dispatchedOrder('O-1', [['LOT-1', 'L123'], ['PHN-1', 'SN-77']]);
  return showRecall(mounted().root, flaky(coreApi(bench), link));
}

/** The bench's contract, as a transport gives it while the bench does not answer (`down`) and after. */
function flaky(api: BenchApi, link: { down: boolean }): BenchApi {
  return new Proxy(api, {
    get: (target, method: keyof BenchApi) =>
      link.down ? async () => ({ ok: false, error: { code: 'internal', message: NOT_ANSWERING, issues: [] } }) : target[method],
  });
}

describe('Recall, GS1 codes scanned', () => {
  it('"Lot" chosen: a pack\'s code searches its lot, and finds the unit dispatched', async () => {
    const { search } = await openRecall();
    act(() => document.querySelectorAll<HTMLInputElement>('input[type=radio]')[2]!.click());
    typeInto(identifierBox(), `(01)${LOT_GTIN}(10)L123`);
    await search();
    expect(identifierBox().value).toBe('L123');
    expect(counts()).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
    expect(document.querySelector('.recall-gs1-scope')?.textContent).toBe('The GS1 code is product LOT-1 (Lot one): the search is for its units only.');
  });

  it('a search refused after it: the note of what the results shown cover stays with them', async () => {
    const { search } = await openRecall();
    typeInto(identifierBox(), `(01)${LOT_GTIN}(10)L123`);
    await search();
    const note = 'The GS1 code is product LOT-1 (Lot one): the search is for its units only.';
    expect(document.querySelector('.recall-gs1-scope')?.textContent).toBe(note);
    typeInto(dateBoxes()[0]!, '2026-05-02');
    typeInto(dateBoxes()[1]!, '2026-05-01');
    await search();
    expect(alerts()).toEqual(['⚠ The dispatch date range ends before it starts.']);
    expect(counts()).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
    expect(document.querySelector('.recall-gs1-scope')?.textContent).toBe(note);
    // The search run next says what it covers: every product, typed without a code.
    typeInto(dateBoxes()[1]!, '');
    typeInto(dateBoxes()[0]!, '');
    typeInto(identifierBox(), 'SN-');
    act(() => document.querySelectorAll<HTMLInputElement>('input[type=radio]')[0]!.click());
    await search();
    expect(alerts()).toEqual([]);
    expect(document.querySelector('.recall-gs1-scope')).toBeNull();
  });

  it('a GTIN no product has, then a search refused: only the refusal is shown (the warning was about the earlier scan)', async () => {
    const { search } = await openRecall();
    typeInto(identifierBox(), '(01)09506000134376(21)SN-77');
    await search();
    expect(alerts()).toHaveLength(1);
    act(() => document.querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!.click());
    typeInto(identifierBox(), '  ');
    await search();
    expect(alerts()).toEqual(['⚠ An exact search needs a value.']);
  });

  it('a use-by date (17) scanned into the Identifier box: the form turns to use-by dates, and the focus goes to Search, not the page', async () => {
    const { search } = await openRecall();
    act(() => identifierBox().focus());
    typeInto(identifierBox(), `(01)${USE_BY_GTIN}(17)261231`);
    await search();
    expect(dateBoxes().map((d) => d.value)).toEqual(['2026-12-31', '2026-12-31', '', '']);
    expect(document.querySelector('.recall-gs1-scope')?.textContent).toBe('The GS1 code is product UB-1 (Milk): the search is for its units only.');
    expect(document.activeElement?.textContent).toBe('Search');
  });

  it('a GTIN no product has, in a search refused for its dates: only the refusal is shown and beeped, once', async () => {
    const { search } = await openRecall();
    typeInto(dateBoxes()[0]!, '2026-05-02');
    typeInto(dateBoxes()[1]!, '2026-05-01');
    typeInto(identifierBox(), '(01)09506000134376(21)SN-77');
    await search();
    expect(alerts()).toEqual(['⚠ The dispatch date range ends before it starts.']);
    expect(counts()).toBeNull();
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });

  it('a GTIN no product has, in a search that runs: the warning is shown and beeped', async () => {
    const { search } = await openRecall();
    typeInto(identifierBox(), '(01)09506000134376(21)SN-77');
    await search();
    expect(alerts()).toEqual(["⚠ The scanned GTIN 09506000134376 is no product's barcode on this bench. The search is for every product."]);
    expect(counts()).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
});

describe('Recall, a GS1 code replacing what was typed in the other box', () => {
  const skuBox = () => document.querySelector<HTMLInputElement>('input[type=text]')!;
  const scopeNote = () => document.querySelector('.recall-gs1-scope')?.textContent ?? null;

  it('a code in the Identifier box replacing the SKU typed: the note says so', async () => {
    const { search } = await openRecall();
    typeInto(skuBox(), 'PHN');
    typeInto(identifierBox(), `(01)${LOT_GTIN}(10)L123`);
    await search();
    expect(skuBox().value).toBe('LOT-1');
    expect(scopeNote()).toBe('The GS1 code is product LOT-1 (Lot one): the search is for its units only. The code replaced "PHN" in the SKU box.');
  });

  it('a code in the Identifier box of a GTIN no product has, the SKU typed taken out: the warning says so', async () => {
    const { search } = await openRecall();
    typeInto(skuBox(), 'PHN');
    typeInto(identifierBox(), '(01)09506000134376(21)SN-77');
    await search();
    expect(skuBox().value).toBe('');
    expect(alerts()).toEqual(['⚠ The scanned GTIN 09506000134376 is no product\'s barcode on this bench. The search is for every product. The code took "PHN" out of the SKU box.']);
  });

  it('the SKU typed is the product\'s already: nothing is said replaced', async () => {
    const { search } = await openRecall();
    typeInto(skuBox(), 'LOT-1');
    typeInto(identifierBox(), `(01)${LOT_GTIN}(10)L123`);
    await search();
    expect(scopeNote()).toBe('The GS1 code is product LOT-1 (Lot one): the search is for its units only.');
  });

  it('the SKU typed is the product\'s in another case (the SKU filter ignores case): nothing is said replaced', async () => {
    const { search } = await openRecall();
    typeInto(skuBox(), 'lot-1');
    typeInto(identifierBox(), `(01)${LOT_GTIN}(10)L123`);
    await search();
    expect(skuBox().value).toBe('LOT-1');
    expect(scopeNote()).toBe('The GS1 code is product LOT-1 (Lot one): the search is for its units only.');
    expect(counts()).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
  });

  it('a code in the SKU box carrying a lot, replacing the identifier typed: the note says so', async () => {
    const { search } = await openRecall();
    typeInto(identifierBox(), 'SN-');
    typeInto(skuBox(), `(01)${LOT_GTIN}(10)L123`);
    await search();
    expect(identifierBox().value).toBe('L123');
    expect(scopeNote()).toBe('The GS1 code is product LOT-1 (Lot one): the search is for its units only. The code replaced "SN-" in the Identifier box.');
  });
});

describe('Recall, the bench not answering', () => {
  it('"Search" again fails again: beeped and announced again (the alert is put in anew)', async () => {
    const link = { down: false };
    const { search } = await openRecall(link);
    typeInto(identifierBox(), 'SN-');
    link.down = true;
    await search();
    const first = [...document.querySelectorAll('[role=alert]')];
    expect(first.map((a) => a.textContent)).toEqual([`⚠ ${NOT_ANSWERING}`]);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 5)));
    await search();
    expect(alerts()).toEqual([`⚠ ${NOT_ANSWERING}`]);
    expect(document.querySelector('[role=alert]')).not.toBe(first[0]);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });
});
