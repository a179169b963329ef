import type { BenchApi } from '../../../shared/contract/api.js';

/** Placeholder: built in the screens issue. */
export function LookupScreen({ api }: { api: BenchApi }) {
  void api;
  return <h2>LookupScreen</h2>;
}
