/**
 * What the core hands out is the BenchApi contract and close(), nothing else: no database, no
 * context, no sync engine. Checked by the type (a compile error if a key is added) and by the object.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BENCH_METHODS, type BenchMethod } from '../../shared/contract/api.js';
import type { BenchCore } from '../../electron/core/bench-core.js';
import { openTestBench } from './helpers.js';

describe('BenchCore', () => {
  it('has exactly the contract and close() as keys, in its type and at run time', () => {
    expectTypeOf<keyof BenchCore>().toEqualTypeOf<BenchMethod | 'close'>();
    const bench = openTestBench();
    expect(Object.keys(bench.core).sort()).toEqual([...BENCH_METHODS, 'close'].sort());
    for (const key of Object.keys(bench.core)) expect(typeof (bench.core as unknown as Record<string, unknown>)[key], key).toBe('function');
  });
});
