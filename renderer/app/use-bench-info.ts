import type { BenchApi, ResultOf } from '../../shared/contract/api.js';
import { benchKeys, useBenchQuery } from '../api/queries.js';

export type BenchInfo = ResultOf<'getBenchInfo'>;

/** The bench's counts for the header; read again when the change stream says products or orders changed. */
export function useBenchInfo(api: BenchApi): { info: BenchInfo | null; error: string | null } {
  const query = useBenchQuery(benchKeys.benchInfo(), () => api.getBenchInfo({}));
  return { info: query.data ?? null, error: query.error?.message ?? null };
}
