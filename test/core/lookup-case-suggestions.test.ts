/**
 * Identifier Lookup of a value typed in the wrong case: the look-up stays exact (identifiers are case
 * sensitive), and a miss names the identifiers equal to it ignoring case, with their product, for the
 * packer to pick.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LOOKUP_SUGGESTIONS } from '../../shared/contract/schemas.js';
import { openTestBench } from './helpers.js';

describe('lookup suggestions for a value in another case', () => {
  it('an exact hit is answered as before, with no suggestions', () => {
    const bench = openTestBench();
    bench.product('PHONE-1', 'single_use', 2, ['SN-77', 'sn-77']);
    const answer = bench.ok('lookupIdentifier', { value: 'SN-77', suggest: true });
    expect(answer.matches.map((m) => m.sku)).toEqual(['PHONE-1']);
    expect(answer.suggestions).toEqual([]);
  });

  it('a miss suggests each value equal ignoring case, with its SKU (ASCII and other letters)', () => {
    const bench = openTestBench();
    bench.product('PHONE-1', 'single_use', 3, ['SN-77', 'sN-77', 'SN-78']);
    bench.product('PHONE-2', 'single_use', 1, ['SN-77']);
    bench.product('LABEL-1', 'single_use', 1, ['ÉTIQUETTE-1']);
    const answer = bench.ok('lookupIdentifier', { value: 'Sn-77', suggest: true });
    expect(answer.matches).toEqual([]);
    expect(answer.suggestions).toEqual([
      { value: 'SN-77', sku: 'PHONE-1' },
      { value: 'SN-77', sku: 'PHONE-2' },
      { value: 'sN-77', sku: 'PHONE-1' },
    ]);
    expect(bench.ok('lookupIdentifier', { value: 'étiquette-1', suggest: true }).suggestions).toEqual([{ value: 'ÉTIQUETTE-1', sku: 'LABEL-1' }]);
  });

  it('a miss with no value equal ignoring case suggests nothing', () => {
    const bench = openTestBench();
    bench.product('PHONE-1', 'single_use', 1, ['SN-77']);
    expect(bench.ok('lookupIdentifier', { value: 'SN-7', suggest: true })).toEqual({ value: 'SN-7', matches: [], suggestions: [] });
  });

  it('suggests at most MAX_LOOKUP_SUGGESTIONS, also for a value with many letters', () => {
    const bench = openTestBench();
    const skus = Array.from({ length: MAX_LOOKUP_SUGGESTIONS + 2 }, (_, i) => `P-${i + 10}`);
    for (const sku of skus) bench.product(sku, 'single_use', 1, ['Lot-Abcdefghijklmnop']);
    const answer = bench.ok('lookupIdentifier', { value: 'lot-abcdefghijklmnop', suggest: true });
    expect(answer.suggestions).toEqual(skus.slice(0, MAX_LOOKUP_SUGGESTIONS).map((sku) => ({ value: 'Lot-Abcdefghijklmnop', sku })));
  });

  it('only Identifier Lookup asks for them: the checks of a scan (a serial scanned into the grid, an allocation box, a scan outside any box) get none', () => {
    // Those checks miss on every new serial; a miss of a value with many letters compared it with every
    // identifier (about 150 ms over 1,000,000), on every scan.
    const bench = openTestBench();
    bench.product('PHONE-1', 'single_use', 2, ['SN-77', 'Lot-Abcdefghijklmnop']);
    expect(bench.ok('lookupIdentifier', { value: 'sn-77' })).toEqual({ value: 'sn-77', matches: [], suggestions: [] });
    expect(bench.ok('lookupIdentifier', { value: 'lot-abcdefghijklmnop' }).suggestions).toEqual([]);
    expect(bench.ok('lookupIdentifier', { value: 'sn-77', suggest: true }).suggestions).toEqual([{ value: 'SN-77', sku: 'PHONE-1' }]);
  });
});
