import type { BenchHandlers } from '../../../shared/contract/api.js';
import type { CoreContext } from '../context.js';
import { createExportLinks, type ExportLinks } from './export-links.js';
import { createRecallSearch } from './recall-search.js';

type Handlers = Pick<BenchHandlers, 'recallSearch' | 'prepareRecallExport' | 'saveRecallExport'>;

export function createTraceFeature(ctx: CoreContext): { handlers: Handlers; exports: ExportLinks } {
  const search = createRecallSearch(ctx);
  const exports = createExportLinks(search);
  return {
    exports,
    handlers: {
      recallSearch: ({ query, cursor, limit }) => search.page(query, cursor, limit),
      prepareRecallExport: ({ query, format }) => exports.create(query, format),
      // No shell here to ask where to save (browser mode): the page downloads by a one-time link instead.
      saveRecallExport: () => Promise.resolve({ outcome: 'save_in_browser' as const }),
    },
  };
}
