/**
 * The bench's engine: one SQLite file and the handlers of the whole BenchApi contract over it.
 * Plain Node; the Electron shell and the browser-mode host both serve these same handlers.
 */
import type { BenchHandlers, ImportSummary } from '../../shared/contract/api.js';
import { BenchError } from '../../shared/contract/result.js';
import { createAllocationsFeature } from './allocations/allocations-feature.js';
import { createContext, type CoreContext } from './context.js';
import { refuseWhenDiskFull } from './db/disk-full.js';
import { openDatabase, schemaVersion, type Db } from './db/open.js';
import { createDispatchFeature } from './dispatch/dispatch-feature.js';
import { createHistoryFeature } from './history/history-feature.js';
import { fileSource, type ImportOptions } from './imports/csv-import.js';
import { createImportFeature } from './imports/import-feature.js';
import { createLookupFeature } from './lookup/lookup-feature.js';
import { createOrderReader } from './orders/order-reader.js';
import { createOrdersFeature } from './orders/orders-feature.js';
import { createProductReader } from './products/product-reader.js';
import { createProductsFeature } from './products/products-feature.js';
import { createIdentifierSpecFeature } from './products/identifier-spec-feature.js';
import { createSerialGridFeature } from './serials/serial-grid-feature.js';
import { createSettingsFeature, type SettingsFeature, type SettingsFeatureOptions } from './settings/settings-feature.js';
import { createSyncFeature } from './sync/sync-feature.js';
import { createSyncHolder, type SyncHolder } from './sync/sync-holder.js';
import type { ExportLinks } from './trace/export-links.js';
import { createPackingSlipFeature } from './trace/packing-slip.js';
import { createTraceFeature } from './trace/trace-feature.js';

export interface BenchCore {
  readonly handlers: BenchHandlers;
  readonly context: CoreContext;
  readonly db: Db;
  /** CSV downloads by one-time link (browser mode's host serves them). */
  readonly exports: ExportLinks;
  /** The settings file and the sync engine it steers; null when opened without settings (tools, tests). */
  readonly settings: SettingsFeature | null;
  /** The sync engine this core runs (startSync fills it); owned by the core, never shared. */
  readonly sync: SyncHolder;
  /**
   * Imports CSV files from disk, read as streams (bounded memory), with progress and cancel; the same
   * checks and one transaction as `importCsv`. Rejects with BenchError (validation, cancelled, conflict…).
   */
  importCsvFiles(paths: string[], options?: ImportOptions): Promise<ImportSummary>;
  close(): void;
}

export interface BenchCoreOptions {
  /** The bench's database file (created if missing). */
  file: string;
  stationName?: string;
  actor?: string;
  now?: () => string;
  /** The settings file (and key store) the Settings screen edits; without it, settings calls are refused. */
  settings?: SettingsFeatureOptions;
}

const NO_SETTINGS = 'Settings are not available: this bench was opened without a settings file.';

export function openBenchCore(options: BenchCoreOptions): BenchCore {
  const db = openDatabase(options.file);
  const context = createContext(db, options);
  const products = createProductReader(db);
  const orders = createOrderReader(db);
  const trace = createTraceFeature(context);
  const sync = createSyncHolder();
  const imports = createImportFeature(context, products);
  const allocations = createAllocationsFeature(context, products);
  const handlers: BenchHandlers = refuseWhenDiskFull({
    ...createLookupFeature(context, schemaVersion(db)),
    ...createProductsFeature(context, products),
    ...createIdentifierSpecFeature(context, products),
    ...createSerialGridFeature(context, products),
    ...createOrdersFeature(context, orders),
    ...allocations.handlers,
    ...createDispatchFeature(context, orders, allocations),
    ...imports.handlers,
    ...createSyncFeature(context, sync),
    ...createHistoryFeature(context),
    ...trace.handlers,
    ...createPackingSlipFeature(context),
    getSettings: () => Promise.reject(new BenchError('conflict', NO_SETTINGS)),
    saveSettings: () => Promise.reject(new BenchError('conflict', NO_SETTINGS)),
    testHubConnection: () => Promise.reject(new BenchError('conflict', NO_SETTINGS)),
  });
  const core: { -readonly [K in keyof BenchCore]: BenchCore[K] } = {
    handlers,
    context,
    db,
    exports: trace.exports,
    settings: null,
    sync,
    importCsvFiles: async (paths, importOptions) => imports.importSources(paths.map(fileSource), importOptions),
    close: () => {
      if (db.open) db.close();
    },
  };
  if (options.settings) {
    core.settings = createSettingsFeature(core, options.settings);
    Object.assign(handlers, core.settings.handlers);
  }
  return core;
}
