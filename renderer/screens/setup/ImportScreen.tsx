import type { BenchApi } from '../../../shared/contract/api.js';

/** Placeholder: built in the screens issue. */
export function ImportScreen({ api }: { api: BenchApi }) {
  void api;
  return <h2>ImportScreen</h2>;
}
