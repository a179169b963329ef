/**
 * What a change event does to the screens' query cache: it marks stale exactly the keys that show
 * what changed (the rows it names, the lists of their kind, the header counts), writes the sync
 * status in directly, and reads everything again only after the core restarted or the stream dropped.
 */
import { describe, expect, it } from 'vitest';
import { applyBenchEvent, benchKeys, createBenchQueryClient } from '../../renderer/api/queries.js';
import type { QueryKey } from '@tanstack/react-query';

const KEYS: Record<string, QueryKey> = {
  info: benchKeys.benchInfo(),
  product1: benchKeys.product(1),
  product2: benchKeys.product(2),
  productSearch: benchKeys.products('phone', 0),
  watcherOf1And3: benchKeys.watchedProducts('allocation', [1, 3]),
  identifiersWatcherOf2: benchKeys.watchedIdentifiers('allocation', [2]),
  grid1: benchKeys.identifiers(1, 'grid'),
  grid2: benchKeys.identifiers(2, 'grid'),
  orderPage: benchKeys.orderPage('', 0),
  order7: benchKeys.order(7),
  order8: benchKeys.order(8),
  conflicts: benchKeys.conflicts(false, 100),
  lookup: benchKeys.trace('lookup', 'ABC'),
  settings: benchKeys.settings(),
};

function cacheWithEverything() {
  const client = createBenchQueryClient();
  for (const key of Object.values(KEYS)) client.setQueryData(key, { cached: true });
  const stale = () => Object.entries(KEYS).filter(([, key]) => client.getQueryState(key)?.isInvalidated).map(([name]) => name).sort();
  return { client, stale };
}

const data = (over: Partial<{ products: number[] | 'all'; identifiers: number[] | 'all'; orders: number[] | 'all'; conflicts: boolean }>) => ({
  kind: 'data' as const,
  products: [],
  identifiers: [],
  orders: [],
  conflicts: false,
  source: 'local' as const,
  ...over,
});

describe('change events and the query cache', () => {
  it('a product change marks that product, product lists, counts and trace screens stale', () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ products: [2] }));
    expect(stale()).toEqual(['info', 'lookup', 'product2', 'productSearch']);
  });

  it('a change to a product a watcher names marks that watcher stale too; one to another product does not (above)', () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ products: [3] }));
    expect(stale()).toEqual(['info', 'lookup', 'productSearch', 'watcherOf1And3']);
  });

  it("an identifier change marks that product's identifiers (grid, pickers) stale, not another's", () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ identifiers: [1] }));
    expect(stale()).toEqual(['grid1', 'info', 'lookup']);
  });

  it("an identifier change to a product an identifiers watcher names (the allocation dialog's open lists) marks that watcher stale", () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ identifiers: [2] }));
    expect(stale()).toEqual(['grid2', 'identifiersWatcherOf2', 'info', 'lookup']);
  });

  it('an order change marks that order and the order list stale', () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ orders: [8] }));
    expect(stale()).toEqual(['info', 'lookup', 'order8', 'orderPage']);
  });

  it('"all" (another process wrote the file) marks every row of its kind stale; conflicts mark the conflicts list', () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ products: 'all', identifiers: 'all', orders: 'all', conflicts: true }));
    expect(stale()).toEqual(Object.keys(KEYS).filter((k) => k !== 'settings').sort());
  });

  it('a conflicts-only event (a push the hub refused) marks the conflicts list and trace screens stale', () => {
    // The refusal writes a "Refused by the hub" step into the history an open Lookup shows.
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, data({ conflicts: true }));
    expect(stale()).toEqual(['conflicts', 'lookup']);
  });

  it('settings saved (in any window) mark the settings and the header counts (the bench name) stale', () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, { kind: 'settings' });
    expect(stale()).toEqual(['info', 'settings']);
  });

  it('a sync status event is written straight in', () => {
    const { client, stale } = cacheWithEverything();
    const status = { state: 'not_configured' as const, pendingOps: 3, openConflicts: 0, lastSyncAt: null, station: null };
    applyBenchEvent(client, { kind: 'sync', status });
    expect(client.getQueryData(benchKeys.syncStatus())).toEqual(status);
    expect(stale()).toEqual([]);
  });

  it('the first "running" changes nothing; "running" after a restart marks everything stale', () => {
    const { client, stale } = cacheWithEverything();
    applyBenchEvent(client, { kind: 'core', state: 'running', message: 'hello' }, null);
    expect(stale()).toEqual([]);
    applyBenchEvent(client, { kind: 'core', state: 'running', message: 'again' }, 'restarting');
    expect(stale()).toEqual(Object.keys(KEYS).sort());
  });
  it("an import's progress is written into the cache (its own key and the latest import's), marking nothing stale", () => {
    const { client, stale } = cacheWithEverything();
    const progress = {
      type: 'import.progress' as const,
      importId: 'imp-1',
      state: 'reading' as const,
      fileName: 'products.csv',
      fileNumber: 1,
      fileCount: 1,
      rowsRead: 10,
      bytesRead: 200,
      bytesTotal: 1_000,
      rowsApplied: 0,
      rowsTotal: 0,
      summary: null,
      error: null,
    };
    applyBenchEvent(client, { kind: 'import', progress });
    expect(client.getQueryData(benchKeys.importProgress('imp-1'))).toEqual(progress);
    expect(client.getQueryData(benchKeys.latestImport())).toEqual(progress);
    expect(stale()).toEqual([]);
  });
});
