import type { BenchApi } from '../../../shared/contract/api.js';

/** Placeholder: built in the screens issue. */
export function ProductsScreen({ api }: { api: BenchApi }) {
  void api;
  return <h2>ProductsScreen</h2>;
}
