/**
 * The core's pieces, as the worker runtime (service/core-runtime.ts) assembles it: the
 * contract's handlers (handed out as a BenchCore: contract + close, nothing more) and, beside them,
 * what only the core's own hosts may touch: the database, the export links, the settings feature,
 * the sync engine holder, the streaming file import and the import progress hook.
 * Everything else (the relays, the screens, the tests) holds a BenchCore or a BenchCoreService.
 */
import { basename, dirname, join } from 'node:path';
import type { BenchHandlers, ImportProgress, ImportSummary } from '../../shared/contract/api.js';
import { BenchError } from '../../shared/contract/result.js';
import type { GridSaveProgress } from '../../shared/contract/change-events.js';
import { createAllocationsFeature } from './allocations/allocations-feature.js';
import { createCancelInbox } from './cancel-inbox.js';
import type { BenchCore } from './bench-core.js';
import { createContext, type CoreContext } from './context.js';
import { refuseWhenDiskFull } from './db/disk-full.js';
import { openDatabase, schemaVersion, type Db } from './db/open.js';
import { createDispatchFeature } from './dispatch/dispatch-feature.js';
import { createHistoryFeature } from './history/history-feature.js';
import { fileSources, type ImportOptions } from './imports/csv-import.js';
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

export interface BenchPartsOptions {
  /** The bench's database file (created if missing). */
  file: string;
  stationName?: string;
  actor?: string;
  now?: () => string;
  /** The settings file (and key store) the Settings screen edits; without it, settings calls are refused. */
  settings?: SettingsFeatureOptions;
  /**
   * Ids of imports and grid saves cancelled since the last look, told even while the core is busy
   * saving (the worker's cancel lane, service/protocol.ts). Without it cancelCsvImport stops an import
   * only while it reads, and cancelSerialGridSave cannot stop a grid save.
   */
  takeCancels?: () => string[];
}

/** What the sync engine needs of the core it runs for (sync/index.ts's startSync). */
export interface SyncHost {
  readonly context: CoreContext;
  readonly sync: SyncHolder;
}

export interface BenchParts extends SyncHost {
  /** The contract and close(): what the core hands out. */
  readonly core: BenchCore;
  readonly db: Db;
  /** CSV downloads by one-time link (browser mode's host serves them) and recall files (Electron). */
  readonly exports: ExportLinks;
  /** The settings file and the sync engine it steers; null when opened without settings. */
  readonly settings: SettingsFeature | null;
  /**
   * Imports CSV files from disk, read as streams (bounded memory), with progress and cancel; the same
   * checks and one transaction as `importCsv`. Rejects with BenchError (validation, cancelled, conflict…).
   */
  importCsvFiles(paths: string[], options?: ImportOptions): Promise<ImportSummary>;
  /**
   * Starts an import of files on disk as a job (streams, progress events, cancelCsvImport), as the
   * Electron menu's Import… does; answers its first progress. Throws BenchError when a file cannot be read.
   */
  startFileImport(paths: string[]): ImportProgress;
  /** Told every time a started import (startCsvImport) moves or ends; the runtime puts it on the change stream. */
  onImportProgress: ((progress: ImportProgress) => void) | null;
  /** Told as a long grid save (one with a saveId) moves; the runtime puts it on the change stream. */
  onGridSaveProgress: ((progress: GridSaveProgress) => void) | null;
}

const NO_SETTINGS = 'Settings are not available: this bench was opened without a settings file.';

export function openBenchParts(options: BenchPartsOptions): BenchParts {
  const db = openDatabase(options.file);
  const context = createContext(db, options);
  const products = createProductReader(db);
  const orders = createOrderReader(db);
  const trace = createTraceFeature(context);
  const sync = createSyncHolder();
  const cancels = createCancelInbox(options.takeCancels);
  const uploadFolder = options.file === ':memory:' ? undefined : join(dirname(options.file), 'csv-uploads', basename(options.file));
  const imports = createImportFeature(context, products, (progress) => parts.onImportProgress?.(progress), cancels, uploadFolder);
  const allocations = createAllocationsFeature(context, products);
  const handlers: BenchHandlers = refuseWhenDiskFull({
    ...createLookupFeature(context, schemaVersion(db)),
    ...createProductsFeature(context, products),
    ...createIdentifierSpecFeature(context, products),
    ...createSerialGridFeature(context, products, { onProgress: (progress) => parts.onGridSaveProgress?.(progress), cancels }),
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
  const settings = options.settings ? createSettingsFeature({ db, context, sync }, options.settings) : null;
  const core: BenchCore = {
    ...handlers,
    ...settings?.handlers,
    close: () => {
      if (db.open) db.close();
    },
  };
  const parts: BenchParts = {
    core,
    db,
    context,
    exports: trace.exports,
    settings,
    sync,
    importCsvFiles: async (paths, importOptions) => imports.importSources(fileSources(paths), importOptions),
    startFileImport: (paths) => imports.startFileImport(paths),
    onImportProgress: null,
    onGridSaveProgress: null,
  };
  return parts;
}
