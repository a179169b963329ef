/** The real core with one call held: answered only when the test lets it go, as a slow bench would. */
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';

export function withHeldCall(core: BenchApi, held: BenchMethod): { api: BenchApi; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const api = new Proxy(core, {
    get: (target, method: keyof BenchApi) =>
      method === held ? async (args: never) => gate.then(() => (target[held] as (a: never) => unknown)(args)) : target[method],
  });
  return { api, release };
}
