// @vitest-environment happy-dom
/**
 * Recall against a real core: a product named by a code (its barcode, a GS1 code's GTIN) or picked among
 * products sharing a GTIN is searched by its exact SKU, not as the start of SKUs in any case (PHN-S's
 * code found PHN-S2's and phn-s's units too); a SKU typed by hand is still the start of one, any case.
 */
import { describe, expect, it } from 'vitest';
import { csv, openTestBench } from '../core/helpers.js';
import { coreApi, typeInto } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';

const mounted = mountPointPerTest();

const GTIN = '09506000134352';
const counts = () => document.querySelector('.recall-counts')?.textContent ?? null;
const rowSkus = () => [...document.querySelectorAll('.recall-rows tbody tr')].map((tr) => tr.children[1]!.textContent);
const identifierBox = () => document.querySelector<HTMLInputElement>('input[type=search]')!;
const skuBox = () => document.querySelector<HTMLInputElement>('input[type=text]')!;
const scopeNote = () => document.querySelector('.recall-gs1-scope')?.textContent ?? null;

/** PHN-S (barcode GTIN), PHN-S2 and phn-s, each with one serial dispatched: SN-1, SN-2, SN-3. */
async function openRecall({ sharedGtin = false } = {}) {
  const bench = openTestBench();
  bench.ok('importCsv', {
    files: [
      {
        name: 'products.csv',
        content: csv([
          ['sku', 'title', 'barcode', 'identifier_mode', 'stock_level', 'identifier_kind'],
          ['PHN-S', 'Phone', GTIN.slice(1), 'single_use', 1, 'serial'],
          ['PHN-S2', 'Phone 2', '', 'single_use', 1, 'serial'],
          ['phn-s', 'Small phone', '', 'single_use', 1, 'serial'],
        ]),
      },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier'], ['PHN-S', 'SN-1'], ['PHN-S2', 'SN-2'], ['phn-s', 'SN-3']]) },
    ],
  });
  for (const [orderNumber, sku, value] of [['SO-A', 'PHN-S', 'SN-1'], ['SO-B', 'PHN-S2', 'SN-2'], ['SO-C', 'phn-s', 'SN-3']] as const) {
    const order = bench.order(orderNumber, [[sku, 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value }] });
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
  }
  // As the hub may send it: phn-s holds the same GTIN (the import refuses a barcode two products share).
  if (sharedGtin) bench.writer.prepare(`UPDATE products SET barcode = ? WHERE sku = 'phn-s'`).run(GTIN);
  return showRecall(mounted().root, coreApi(bench));
}

describe('Recall, a product a code names is searched by its exact SKU', () => {
  it("the product's barcode in the SKU box: its units only; the SKU then typed by hand is the start of one, any case", async () => {
    const { search } = await openRecall();
    typeInto(identifierBox(), 'SN-');
    typeInto(skuBox(), GTIN.slice(1));
    await search();
    expect(skuBox().value).toBe('PHN-S');
    expect(scopeNote()).toBe('The barcode is product PHN-S (Phone): the search is for its units only.');
    expect(rowSkus()).toEqual(['PHN-S']);
    // Searched again as it stands: still that product, and the box says so.
    await search();
    expect(rowSkus()).toEqual(['PHN-S']);
    expect(skuBox().getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(skuBox().getAttribute('aria-describedby')!)?.textContent).toBe('Exactly PHN-S, the product a code named: edit the SKU to search by its start.');
    // Edited by hand (even back to the same SKU): the start of a SKU in any case, as the label says.
    typeInto(skuBox(), 'PHN-');
    typeInto(skuBox(), 'PHN-S');
    expect(skuBox().getAttribute('aria-describedby')).toBeNull();
    await search();
    expect(rowSkus()).toEqual(['PHN-S', 'PHN-S2', 'phn-s']);
  });

  it("a GS1 code in the Identifier box: its product's units only", async () => {
    const { search } = await openRecall();
    typeInto(identifierBox(), `(01)${GTIN}(21)SN-1`);
    await search();
    expect(skuBox().value).toBe('PHN-S');
    expect(counts()).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
    expect(rowSkus()).toEqual(['PHN-S']);
  });

  it('a GTIN two products share: the SKU typed exactly wins over one equal to it ignoring case, and is searched exactly', async () => {
    const { search } = await openRecall({ sharedGtin: true });
    typeInto(skuBox(), 'phn-s');
    typeInto(identifierBox(), `(01)${GTIN}(21)SN-3`);
    await search();
    expect(skuBox().value).toBe('phn-s');
    expect(rowSkus()).toEqual(['phn-s']);
    expect(scopeNote()).toMatch(/The search is for the units of phn-s \(Small phone\), the SKU typed\.$/);
    typeInto(skuBox(), 'PHN-S');
    typeInto(identifierBox(), `(01)${GTIN}(21)SN-3`);
    await search();
    expect(skuBox().value).toBe('PHN-S');
    // Nothing matched: said once, in a sentence, without a line of zeros above it.
    expect(counts()).toBeNull();
    expect(document.querySelector('.recall-empty')?.textContent).toMatch(/^No dispatched unit matched/);
  });
});
