/** The real core with one call held: answered only when the test lets it go, as a slow bench would. */
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';

/** from: the first call held (1 by default); calls before it answer at once, as the page's earlier presses. */
export function withHeldCall(core: BenchApi, held: BenchMethod, { from = 1 }: { from?: number } = {}): { api: BenchApi; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const api = new Proxy(core, {
    get: (target, method: keyof BenchApi) => {
      if (method !== held) return target[method];
      const call = target[held] as (a: never) => unknown;
      return async (args: never) => (++calls < from ? call(args) : gate.then(() => call(args)));
    },
  });
  return { api, release };
}
