/**
 * What a value scanned into a unit's box in the allocation dialog is told to be when the product does not
 * hold it, against a real core: a product's barcode or an order number is named as such (the box label
 * or the pick sheet scanned by mistake); it was "…is not a pre-entered identifier of TAB-10. Identifiers
 * are case sensitive.", a case hint for a string of digits.
 */
import { describe, expect, it } from 'vitest';
import { resolveIdentifier } from '../../renderer/screens/orders/allocation/resolve-identifier.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi } from './dom-helpers.js';

function benchWithBarcodes() {
  const bench = openTestBench();
  bench.importRows({
    'products.csv': [
      ['TAB-10', 'Tablet', '5012345000022', 'single_use', 2],
      ['PHN-X1', 'Phone', '5012345000015', 'single_use', 1],
    ],
    'identifiers.csv': [
      ['TAB-10', 'TB-0001'],
      ['TAB-10', 'TB-0002'],
      ['PHN-X1', 'PX-0001'],
    ],
  });
  bench.order('SO-1018', [['TAB-10', 1]]);
  const tab = (bench.reader.prepare("SELECT id FROM products WHERE sku = 'TAB-10'").get() as { id: number }).id;
  return { api: coreApi(bench), tab };
}

const refusal = async (value: string) => {
  const { api, tab } = benchWithBarcodes();
  const resolution = await resolveIdentifier(api, tab, 'TAB-10', value);
  expect(resolution.kind).toBe('refused');
  return resolution.kind === 'refused' ? resolution.message : '';
};

describe('a value the product does not hold, scanned into its unit box', () => {
  it("the product's own barcode is named as its barcode", async () => {
    expect(await refusal('5012345000022')).toBe('"5012345000022" is the barcode of product TAB-10, not an identifier of TAB-10: scan the identifier of a TAB-10 unit.');
  });

  it("another product's barcode names that product", async () => {
    expect(await refusal('5012345000015')).toBe('"5012345000015" is the barcode of product PHN-X1, not an identifier of TAB-10: scan the identifier of a TAB-10 unit.');
  });

  it('an order number is named as the order', async () => {
    expect(await refusal('SO-1018')).toBe('"SO-1018" is the number of order SO-1018, not an identifier of TAB-10: scan the unit.');
  });

  it('a value that is nothing here keeps the words about case', async () => {
    expect(await refusal('TB-9999')).toBe('"TB-9999" is not a pre-entered identifier of TAB-10. Identifiers are case sensitive.');
    expect(await refusal('tb-0001')).toBe('"tb-0001" is not a pre-entered identifier of TAB-10. Identifiers are case sensitive: TAB-10 holds "TB-0001".');
  });

  it("a value the product holds is found", async () => {
    const { api, tab } = benchWithBarcodes();
    const resolution = await resolveIdentifier(api, tab, 'TAB-10', 'TB-0002');
    expect(resolution.kind === 'found' && resolution.candidate.value).toBe('TB-0002');
  });
});

describe('on a lot line', () => {
  it('the barcode names the lot as a lot', async () => {
    const bench = openTestBench();
    bench.importRows({ 'products.csv': [['MILK-1', 'Milk', '5012345000039', 'multiple_use', 5]] });
    const milk = (bench.reader.prepare("SELECT id FROM products WHERE sku = 'MILK-1'").get() as { id: number }).id;
    const resolution = await resolveIdentifier(coreApi(bench), milk, 'MILK-1', '5012345000039', { kind: 'lot' });
    expect(resolution.kind === 'refused' && resolution.message).toBe(
      '"5012345000039" is the barcode of product MILK-1, not a lot number of MILK-1: scan the lot number of a MILK-1 unit.',
    );
  });
});
