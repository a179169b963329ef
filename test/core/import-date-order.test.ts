/**
 * A file's D/M/YYYY dates are read in the date order of the screen that sends it (the contract's
 * `dateOrder`), not the bench process's locale: in browser mode the host's locale (LANG=C.UTF-8: month
 * first) and the page's (en-GB: day first) differ, and the import said "this bench reads dates month
 * first" to a bench whose screens read them day first. Without `dateOrder` (the CLI) the process's.
 */
import { describe, expect, it } from 'vitest';
import { localeDateOrder } from '../../shared/identifiers/use-by-dates.js';
import { csv, openTestBench } from './helpers.js';

function milkBench() {
  const bench = openTestBench();
  const productId = bench.product('UB-1', 'multiple_use', 0);
  bench.ok('setIdentifierSpec', { productId, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
  return bench;
}
const dates = (value: string) => [{ name: 'ids.csv', content: csv([['sku', 'identifier'], ['UB-1', value]]) }];
const held = (bench: ReturnType<typeof openTestBench>) => (bench.reader.prepare('SELECT value FROM identifiers ORDER BY value').pluck().all() as string[]);

describe('an import\'s dates, in the sending screen\'s order', () => {
  it('reads 31/03/2031 day first when the screen reads dates day first, and refuses 03/31/2031 saying so', () => {
    const bench = milkBench();
    bench.ok('importCsv', { files: dates('31/03/2031'), dateOrder: 'dmy' });
    expect(held(bench)).toEqual(['2031-03-31']);
    const refused = bench.refused('importCsv', { files: dates('03/31/2031'), dateOrder: 'dmy' });
    expect(refused.issues?.[0]?.message).toMatch(/this bench reads dates day first, as DD\/MM\/YYYY/);
  });

  it('reads 03/31/2031 month first when the screen reads dates month first', () => {
    const bench = milkBench();
    bench.ok('importCsv', { files: dates('03/31/2031'), dateOrder: 'mdy' });
    expect(held(bench)).toEqual(['2031-03-31']);
  });

  it('without a date order, reads as the bench process does (the CLI)', () => {
    const bench = milkBench();
    const processOrder = localeDateOrder();
    bench.ok('importCsv', { files: dates(processOrder === 'mdy' ? '03/31/2031' : '31/03/2031') });
    expect(held(bench)).toEqual(['2031-03-31']);
  });

  it('refuses a date order that is none', () => {
    const bench = milkBench();
    const refused = bench.refused('importCsv', { files: dates('31/03/2031'), dateOrder: 'dym' as never });
    expect(refused.code).toBe('invalid_argument');
    expect(held(bench)).toEqual([]);
  });
});
