/**
 * The bench's engine: one SQLite file and the handlers of the whole BenchApi contract over it.
 * Plain Node; the Electron shell and the browser-mode host both serve these same handlers.
 */
import type { BenchHandlers } from '../../shared/contract/api.js';
import { createAllocationsFeature } from './allocations/allocations-feature.js';
import { createContext, type CoreContext } from './context.js';
import { refuseWhenDiskFull } from './db/disk-full.js';
import { openDatabase, schemaVersion, type Db } from './db/open.js';
import { createDispatchFeature } from './dispatch/dispatch-feature.js';
import { createHistoryFeature } from './history/history-feature.js';
import { createImportFeature } from './imports/import-feature.js';
import { createLookupFeature } from './lookup/lookup-feature.js';
import { createOrderReader } from './orders/order-reader.js';
import { createOrdersFeature } from './orders/orders-feature.js';
import { createProductReader } from './products/product-reader.js';
import { createProductsFeature } from './products/products-feature.js';
import { createSerialGridFeature } from './serials/serial-grid-feature.js';
import { createSyncFeature } from './sync/sync-feature.js';
import type { ExportLinks } from './trace/export-links.js';
import { createPackingSlipFeature } from './trace/packing-slip.js';
import { createTraceFeature } from './trace/trace-feature.js';

export interface BenchCore {
  readonly handlers: BenchHandlers;
  readonly context: CoreContext;
  readonly db: Db;
  /** CSV downloads by one-time link (browser mode's host serves them). */
  readonly exports: ExportLinks;
  close(): void;
}

export interface BenchCoreOptions {
  /** The bench's database file (created if missing). */
  file: string;
  stationName?: string;
  actor?: string;
  now?: () => string;
}

export function openBenchCore(options: BenchCoreOptions): BenchCore {
  const db = openDatabase(options.file);
  const context = createContext(db, options);
  const products = createProductReader(db);
  const orders = createOrderReader(db);
  const trace = createTraceFeature(context);
  const handlers: BenchHandlers = refuseWhenDiskFull({
    ...createLookupFeature(context, schemaVersion(db)),
    ...createProductsFeature(context, products),
    ...createSerialGridFeature(context, products),
    ...createOrdersFeature(context, orders),
    ...createAllocationsFeature(context, products),
    ...createDispatchFeature(context, orders),
    ...createImportFeature(context, products),
    ...createSyncFeature(context),
    ...createHistoryFeature(context),
    ...trace.handlers,
    ...createPackingSlipFeature(context),
  });
  return {
    handlers,
    context,
    db,
    exports: trace.exports,
    close: () => {
      if (db.open) db.close();
    },
  };
}
