/**
 * Server state for the screens, through TanStack Query: one key per thing a screen shows, and the
 * change stream deciding what to read again. A screen asks with useBenchQuery(key, call); it never
 * polls and nobody passes counters down to make it refresh.
 *
 * Keys start with a topic; a change event invalidates the topics (and, where it names them, the
 * rows) it touched: products, identifiers, orders, conflicts. The sync status, an import's and a
 * grid save's progress come inside their events and are written straight into the cache.
 */
import { keepPreviousData, QueryClient, useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import type { BenchEvent, CoreStateEvent, DataChangedEvent, RowIds } from '../../shared/contract/change-events.js';
import type { BenchErrorData, ErrorCode, Result } from '../../shared/contract/result.js';

export const benchKeys = {
  benchInfo: () => ['benchInfo'] as const,
  syncStatus: () => ['syncStatus'] as const,
  conflicts: (includeResolved: boolean, limit: number) => ['conflicts', includeResolved, limit] as const,
  /** One order's open conflicts (its page): under 'conflicts', apart from the panel's reads (their answers carry more). */
  orderConflicts: (orderId: number) => ['conflicts', 'order', orderId] as const,
  settings: () => ['settings'] as const,
  product: (productId: number) => ['product', productId] as const,
  /** The serial grid's first page: under the product, so a change to it or to its identifiers reads it again. */
  serialGrid: (productId: number) => ['product', productId, 'serialGrid'] as const,
  products: (...rest: unknown[]) => ['products', ...rest] as const,
  /**
   * A watcher of a few products it names (the allocation dialog, for its orders' identifier modes):
   * read again only when one of them changes, not on every product change elsewhere on the bench.
   */
  watchedProducts: (watcher: 'allocation', productIds: readonly number[]) => ['watchedProducts', watcher, productIds] as const,
  /**
   * A watcher of the identifiers of a few products it names (the allocation dialog's open lists):
   * read again only when one of their identifiers changes (imported, added, removed, allocated).
   */
  watchedIdentifiers: (watcher: 'allocation', productIds: readonly number[]) => ['watchedIdentifiers', watcher, productIds] as const,
  identifiers: (productId: number, ...rest: unknown[]) => ['identifiers', productId, ...rest] as const,
  orderPage: (query: string, page: number) => ['orders', 'page', query, page] as const,
  /**
   * Which of the order list's selected orders still await dispatch: under 'orders', so any order change
   * reads it again (the allocation dialog learns of its orders from dispatchedUnits).
   */
  stillAwaiting: (watcher: 'list') => ['orders', 'stillAwaiting', watcher] as const,
  /**
   * The units dispatched per line of one open allocation dialog's orders, and which of them no longer
   * await dispatch (`dialog`: its own id, so a dialog opened later never starts from another's answer):
   * under 'orders', read again on any order change.
   */
  dispatchedUnits: (dialog: string) => ['orders', 'dispatchedUnits', dialog] as const,
  /** The ids of the awaiting orders a search matches (which selected orders it shows). */
  matchingOrderIds: (query: string) => ['orders', 'matchingIds', query] as const,
  order: (orderId: number) => ['order', orderId] as const,
  /** One import's progress, as its events tell it. */
  importProgress: (importId: string) => ['import', importId] as const,
  /** The last import any event told of (started by this page, another window or the Electron menu). */
  latestImport: () => ['import', 'latest'] as const,
  /** One grid save's progress, as its events tell it (cache only: never fetched). */
  gridSaveProgress: (saveId: string) => ['gridSave', saveId] as const,
  /** Screens that mix every kind of row (lookup, history, recall): read again on any data change. */
  trace: (...rest: unknown[]) => ['trace', ...rest] as const,
};

/** A failed call as an Error for the query (its message is the bench's sentence). */
export class BenchCallError extends Error {
  readonly code: ErrorCode;
  /** Which fields or lines were wrong, when the bench said (a refused query's words). */
  readonly issues: BenchErrorData['issues'];
  constructor(error: BenchErrorData) {
    super(error.message);
    this.name = 'BenchCallError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new BenchCallError(result.error);
  return result.value;
}

/**
 * A query over one contract call; errors come back as the bench's message. keepPrevious: while a new
 * key (e.g. a longer page) is read, the last answer stays shown, not "Loading…". initial: an answer
 * the screen already holds, taken as a new key's first answer instead of reading it.
 */
export function useBenchQuery<T>(
  key: QueryKey,
  call: () => Promise<Result<T>>,
  options: { enabled?: boolean; keepPrevious?: boolean; initial?: () => T | undefined } = {},
): UseQueryResult<T, BenchCallError> {
  return useQuery<T, BenchCallError>({
    queryKey: key,
    queryFn: () => unwrap(call()),
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    initialData: options.initial,
  });
}

export function createBenchQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh until the change stream says otherwise: no refetch on focus, mount or a timer.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A refusal is an answer, not a network blip.
        retry: false,
      },
    },
  });
}

/**
 * Applies one change event to the cache. `previousCore` is the core state seen before this event
 * (null at first): back to running after a restart or a dropped stream, everything is read again.
 */
export function applyBenchEvent(client: QueryClient, event: BenchEvent, previousCore: CoreStateEvent['state'] | null = null): void {
  switch (event.kind) {
    case 'sync':
      client.setQueryData(benchKeys.syncStatus(), event.status);
      return;
    case 'core':
      // Restarted or reconnected: anything may have changed meanwhile (the first hello changes nothing).
      if (event.state === 'running' && previousCore !== null && previousCore !== 'running') void client.invalidateQueries();
      return;
    case 'data':
      invalidateData(client, event);
      return;
    case 'import':
      client.setQueryData(benchKeys.importProgress(event.progress.importId), event.progress);
      client.setQueryData(benchKeys.latestImport(), event.progress);
      return;
    case 'gridSave':
      client.setQueryData(benchKeys.gridSaveProgress(event.progress.saveId), event.progress);
      return;
    case 'settings':
      // The bench's name is in the header's counts line.
      void client.invalidateQueries({ queryKey: benchKeys.settings() });
      void client.invalidateQueries({ queryKey: benchKeys.benchInfo() });
      return;
  }
}

function invalidateData(client: QueryClient, event: DataChangedEvent): void {
  const touched = (ids: RowIds) => ids === 'all' || ids.length > 0;
  // One pass over the cache per topic: a call per id scans the whole cache each time, and an import's
  // event names up to MAX_KEYS_PER_EVENT rows (a thousand passes held the page ~0.1 s).
  const byRow = (topic: string, ids: RowIds) => {
    if (ids === 'all') return void client.invalidateQueries({ queryKey: [topic] });
    if (ids.length === 0) return;
    const changed = new Set<unknown>(ids);
    void client.invalidateQueries({ queryKey: [topic], predicate: (query) => changed.has(query.queryKey[1]) });
  };
  const anyRows = touched(event.products) || touched(event.identifiers) || touched(event.orders);
  if (anyRows) void client.invalidateQueries({ queryKey: benchKeys.benchInfo() });
  // A refused push changes no row but writes a "Refused by the hub" step into the history traced.
  if (anyRows || event.conflicts) void client.invalidateQueries({ queryKey: ['trace'] });
  if (touched(event.products)) {
    void client.invalidateQueries({ queryKey: ['products'] });
    byRow('product', event.products);
    byWatcher(client, 'watchedProducts', event.products);
  }
  if (touched(event.identifiers)) {
    byRow('identifiers', event.identifiers);
    byWatcher(client, 'watchedIdentifiers', event.identifiers);
  }
  if (touched(event.orders)) {
    void client.invalidateQueries({ queryKey: ['orders'] });
    byRow('order', event.orders);
  }
  if (event.conflicts) void client.invalidateQueries({ queryKey: ['conflicts'] });
}

/**
 * The watchers of products (benchKeys.watchedProducts, benchKeys.watchedIdentifiers) naming a changed
 * one, or all of them when any may have.
 */
function byWatcher(client: QueryClient, topic: 'watchedProducts' | 'watchedIdentifiers', products: RowIds): void {
  if (products === 'all') return void client.invalidateQueries({ queryKey: [topic] });
  const changed = new Set<unknown>(products);
  void client.invalidateQueries({
    queryKey: [topic],
    predicate: (query) => (query.queryKey[2] as readonly number[]).some((id) => changed.has(id)),
  });
}
