/** Stand-in benchmark modules for the runner's tests: one meets its target, one misses, one throws. */
import { count, figure, type BenchOptions } from './figures.js';
import type { BenchModule } from './runner.js';

const size = ({ quick }: BenchOptions) => (quick ? 10 : 1_000);

export const FAKE_MODULES: Array<[string, BenchModule]> = [
  ['meets', async (options) => [figure(`meets: ${count(size(options))} rows`, 1, 'ms', 5), figure('meets: informational', 7, 'ms')]],
  ['misses', async (options) => [figure(`misses: ${count(size(options))} rows`, 9, 'ms', 5)]],
  [
    'throws',
    async () => {
      throw new Error('the stand-in module broke');
    },
  ],
];
