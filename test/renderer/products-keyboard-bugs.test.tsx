// @vitest-environment happy-dom
/**
 * The Products screen against a real core, as a packer meets it by keyboard and scanner:
 * - a stock level of "-1" or "2.5" was stopped by the browser's own bubble (the form validated it):
 *   nothing beeped, nothing announced, none of the screen's words;
 * - "Remove" beside a chosen leaving serial number took its own button away with the focus on it:
 *   the focus fell to the page;
 * - a scan into the product search went after what was typed there before, and a product's GS1 code
 *   (or its barcode as another GTIN form) found nothing, though the same scan outside a box opens it.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { ProductSearch, EMPTY_SEARCH, type SearchState } from '../../renderer/screens/products/ProductSearch.js';
import { StockLevelEditor } from '../../renderer/screens/products/StockLevelEditor.js';
import type { Product } from '../../shared/contract/api.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountLeavingPicker } from './leaving-picker.js';
import { mountPointPerTest } from './mount.js';

const beeps = countBeeps();
const mounted = mountPointPerTest();
const alertText = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' | ');
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

describe('stock level box', () => {
  function mountEditor(bench: TestBench, productId: number) {
    const { root } = mounted();
    let changed: Product | null = null;
    act(() => root.render(<StockLevelEditor api={coreApi(bench)} product={bench.ok('getProduct', { productId })} onChanged={(p) => (changed = p)} />));
    return { changed: () => changed };
  }

  it.each([
    ['-1', '"-1" is not a stock level: enter a whole number from 0, digits only.'],
    ['2.5', '"2.5" is not a stock level: enter a whole number from 0, digits only.'],
  ])('"%s" is refused in the screen\'s words, announced and beeped (not the browser\'s silent bubble), nothing changed', async (typed, words) => {
    const bench = openTestBench();
    const productId = bench.product('PHN-1', 'none', 10);
    const { changed } = mountEditor(bench, productId);
    const box = document.getElementById('new-stock-level') as HTMLInputElement;
    typeInto(box, typed);
    const before = bench.snapshot();
    await act(async () => button('Change Stock Level').click());
    expect(alertText()).toBe(`⚠ ${words}`);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(changed()).toBeNull();
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('leaving-units picker, "Remove" by keyboard', () => {
  it('keeps the focus in the list: on the next chosen serial number\'s Remove, then the one before, then the scan box', async () => {
    const bench = openTestBench();
    const productId = bench.product('SU-R', 'single_use', 4, ['A', 'B', 'C', 'D']);
    const { scan } = await mountLeavingPicker(mounted().root, bench, productId, { from: 4, to: 1, mustLeave: 3 });
    for (const value of ['A', 'B', 'C']) await scan(value);
    const remove = (value: string) => document.querySelector<HTMLButtonElement>(`button[aria-label="Remove ${value}"]`);
    remove('B')!.focus();
    await act(async () => remove('B')!.click());
    expect(remove('B')).toBeNull();
    expect(document.activeElement).toBe(remove('C'));
    await act(async () => remove('C')!.click());
    expect(document.activeElement).toBe(remove('A'));
    await act(async () => remove('A')!.click());
    expect(document.activeElement).toBe(document.getElementById('leaving-entry'));
    expect(document.getElementById('leaving-chosen-heading')?.textContent).toBe('Chosen: 0 of 3');
  });
});

describe('product search, a scan', () => {
  function mountSearch(bench: TestBench) {
    const { root } = mounted();
    let state: SearchState = EMPTY_SEARCH;
    let opened: Product | null = null;
    const client = createBenchQueryClient();
    const render = () =>
      root.render(
        <QueryClientProvider client={client}>
          <ProductSearch api={coreApi(bench)} state={state} onState={(s) => { state = s; render(); }} onOpen={(p) => (opened = p)} returnedFrom={null} />
        </QueryClientProvider>,
      );
    act(render);
    return { opened: () => opened };
  }
  const box = () => document.getElementById('product-search-query') as HTMLInputElement;
  const summary = () => document.querySelector('.search-summary')?.textContent;
  const found = () => [...document.querySelectorAll('button.product-result .product-result-sku')].map((s) => s.textContent);

  /** The keys' clock: a person's keys come 250 ms apart, a wedge scanner's 5 ms. */
  let clock = 0;
  function keyDown(key: string, gapMs: number) {
    clock += gapMs;
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: clock });
    act(() => void box().dispatchEvent(event));
    return event;
  }
  /** Keys as a person (`typed`) or a wedge scanner sends them: each inserted where the caret is (at the end), then Enter or Tab as the browser does it. */
  function keys(text: string, end: 'Enter' | 'Tab' | null, typed = false) {
    const gap = typed ? 250 : 5;
    for (const key of text) if (!keyDown(key, gap).defaultPrevented) typeInto(box(), box().value + key);
    if (end === null) return;
    const event = keyDown(end, gap);
    if (!event.defaultPrevented && end === 'Enter') act(() => box().form!.requestSubmit());
  }

  function seed() {
    const bench = openTestBench();
    bench.importRows({
      'products.csv': [
        ['TAB-10', 'Tablet 10 inch', '9501101530003', 'single_use', 0],
        ['UPC-1', 'Cable with a UPC-A code', '012345678905', 'none', 3],
        ['PHN-1', 'Phone', '', 'none', 1],
      ],
    });
    return bench;
  }

  it('longer than a search can be is refused at the box in words, beeped, said again when repeated, and nothing is searched', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    keys('PHN', 'Enter', true);
    await settle();
    typeInto(box(), 'X'.repeat(201));
    keys('', 'Enter', true);
    await settle();
    const words = 'A search is at most 200 characters; this one has 201, so no product is searched for it.';
    expect(alertText()).toBe(`⚠ ${words}`);
    expect(box().getAttribute('aria-invalid')).toBe('true');
    // The last search's results stay, not "Searching…" or a code message.
    expect(summary()).toBe('1 product found for "PHN".');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    keys('', 'Enter', true);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('replaces what was typed in the box before: the scanned barcode is searched alone', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    keys('PHN', 'Enter', true);
    await settle();
    expect(found()).toEqual(['PHN-1']);
    // The caret is after "PHN": the scanner's keys follow it.
    keys('9501101530003', 'Enter');
    await settle();
    expect(box().value).toBe('9501101530003');
    expect(summary()).toBe('1 product found for "9501101530003".');
    expect(found()).toEqual(['TAB-10']);
  });

  it('with a key that came late (a busy PC): the whole barcode is searched, not what came after the late key', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    // The second key comes 200 ms late: the scan detector starts its run anew there.
    for (const [index, key] of [...'9501101530003'].entries()) if (!keyDown(key, index === 1 ? 200 : 5).defaultPrevented) typeInto(box(), box().value + key);
    expect(keyDown('Tab', 5).defaultPrevented).toBe(true);
    await settle();
    expect(box().value).toBe('9501101530003');
    expect(found()).toEqual(['TAB-10']);
  });

  it('of a product\'s GS1 code finds the product whose barcode its GTIN is', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    keys('(01)09501101530003(21)TAB-SN-9', 'Enter');
    await settle();
    expect(found()).toEqual(['TAB-10']);
    expect(summary()).toBe('1 product found for "(01)09501101530003(21)TAB-SN-9" (GTIN 09501101530003).');
  });

  it('of a barcode in another GTIN form (EAN-13 of a UPC-A) finds the product', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    keys('0012345678905', 'Enter');
    await settle();
    expect(found()).toEqual(['UPC-1']);
  });

  it('of a GS1 code whose GTIN no product has says so', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    keys('(01)04006381333931(21)X', 'Enter');
    await settle();
    expect(found()).toEqual([]);
    expect(summary()).toBe('No products found for "(01)04006381333931(21)X" (GTIN 04006381333931).');
  });

  it('of a GS1 code that cannot be read, and finds nothing as text, says why it was not read as GS1', async () => {
    const bench = seed();
    mountSearch(bench);
    await settle();
    box().focus();
    keys('(01)09501101530004(21)TAB-SN-9', 'Enter');
    await settle();
    expect(found()).toEqual([]);
    expect(summary()).toBe(
      'No products found for "(01)09501101530004(21)TAB-SN-9": it was not read as a GS1 code because the GTIN (AI 01) 09501101530004 has a wrong check digit (GS1 mod-10).',
    );
  });
});
