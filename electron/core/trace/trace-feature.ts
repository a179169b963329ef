import type { BenchHandlers } from '../../../shared/contract/api.js';
import type { CoreContext } from '../context.js';
import { createRecallSearch } from './recall-search.js';

type Handlers = Pick<BenchHandlers, 'recallSearch'>;

export function createTraceFeature(ctx: CoreContext): Handlers {
  const search = createRecallSearch(ctx);
  return {
    recallSearch: ({ query, cursor, limit }) => search.page(query, cursor, limit),
  };
}
