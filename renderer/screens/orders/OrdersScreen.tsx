import type { BenchApi } from '../../../shared/contract/api.js';

/** Placeholder: built in the screens issue. */
export function OrdersScreen({ api }: { api: BenchApi }) {
  void api;
  return <h2>OrdersScreen</h2>;
}
