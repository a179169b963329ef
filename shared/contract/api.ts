/**
 * The BenchApi contract: every call the renderer can make, with its argument and result schemas.
 * Transports (Electron IPC, loopback HTTP) are generated from this table, so adding a call here
 * is the only change needed to expose it.
 */
import type { z } from 'zod';
import * as s from './schemas.js';
import * as spec from './identifier-spec-schemas.js';
import * as imports from './import-schemas.js';
import * as settings from './settings-schemas.js';
import * as sync from './sync-schemas.js';
import * as trace from './trace-schemas.js';
import type { Result } from './result.js';

export const benchApiContract = {
  getBenchInfo: { args: s.getBenchInfoArgs, result: s.benchInfoSchema },
  findProducts: { args: s.findProductsArgs, result: s.findProductsResult },
  getProduct: { args: s.getProductArgs, result: s.productSchema },
  setIdentifierMode: { args: s.setIdentifierModeArgs, result: s.productSchema },
  /** Read only: what a mode change would touch, so the product screen can say it before "Set Mode". */
  getIdentifierModeCounts: { args: s.getIdentifierModeCountsArgs, result: s.identifierModeCountsSchema },
  changeStockLevel: { args: s.changeStockLevelArgs, result: s.productSchema },
  /** Kind, format and minimum shelf life; existing identifiers that no longer fit are listed, never dropped. */
  setIdentifierSpec: { args: spec.setIdentifierSpecArgs, result: s.setIdentifierSpecResult },
  getUnfitIdentifiers: { args: spec.getUnfitIdentifiersArgs, result: spec.unfitIdentifiersSchema },
  getSerialGrid: { args: s.getSerialGridArgs, result: s.serialGridResult },
  saveSerialGrid: { args: s.saveSerialGridArgs, result: s.saveSerialGridResult },
  /** Stops a grid save started with that saveId; nothing is saved unless it had already finished. */
  cancelSerialGridSave: { args: s.cancelSerialGridSaveArgs, result: s.cancelSerialGridSaveResult },
  listAwaitingOrders: { args: s.listAwaitingOrdersArgs, result: s.listAwaitingOrdersResult },
  listAwaitingOrderIds: { args: s.listAwaitingOrderIdsArgs, result: s.listAwaitingOrderIdsResult },
  findOrderByNumber: { args: s.findOrderByNumberArgs, result: s.findOrderByNumberResult },
  getOrder: { args: s.getOrderArgs, result: s.orderDetailsSchema },
  getAllocationSheet: { args: s.getAllocationSheetArgs, result: s.allocationSheetSchema },
  /** Read only: units dispatched per line of the orders asked about (the allocation dialog's watch for parts dispatched elsewhere). */
  getDispatchedUnits: { args: s.getDispatchedUnitsArgs, result: s.getDispatchedUnitsResult },
  getAllocationUnits: { args: s.getAllocationUnitsArgs, result: s.getAllocationUnitsResult },
  searchCandidates: { args: s.searchCandidatesArgs, result: s.searchCandidatesResult },
  getCandidates: { args: s.getCandidatesArgs, result: s.getCandidatesResult },
  saveAllocations: { args: s.saveAllocationsArgs, result: s.saveAllocationsResult },
  completeOrder: { args: s.completeOrderArgs, result: s.completeOrderResult },
  importCsv: { args: s.importCsvArgs, result: s.importSummarySchema },
  loadDemoData: { args: s.loadDemoDataArgs, result: s.importSummarySchema },
  /** Starts an import in the background and answers its first progress; follow it with getCsvImport. */
  startCsvImport: { args: imports.startCsvImportArgs, result: imports.importProgressSchema },
  /** Files chosen in the page, sent in pieces (import-schemas.ts); startUploadedCsvImport imports them as startCsvImport does. */
  beginCsvUpload: { args: imports.beginCsvUploadArgs, result: imports.beginCsvUploadResult },
  sendCsvUploadPiece: { args: imports.sendCsvUploadPieceArgs, result: imports.sendCsvUploadPieceResult },
  startUploadedCsvImport: { args: imports.startUploadedCsvImportArgs, result: imports.importProgressSchema },
  /** Drops an upload that will not be imported (the page could not read a file); false when it was gone. */
  discardCsvUpload: { args: imports.uploadRefArgs, result: imports.discardCsvUploadResult },
  getCsvImport: { args: imports.getCsvImportArgs, result: imports.importProgressSchema },
  /** Stops a running import; nothing is changed. Answers its progress (state cancelled, or how it had ended). */
  cancelCsvImport: { args: imports.cancelCsvImportArgs, result: imports.importProgressSchema },
  lookupIdentifier: { args: s.lookupIdentifierArgs, result: s.lookupIdentifierResult },
  getIdentifierHistory: { args: trace.getIdentifierHistoryArgs, result: trace.identifierHistoryResult },
  recallSearch: { args: trace.recallSearchArgs, result: trace.recallSearchResult },
  prepareRecallExport: { args: trace.prepareRecallExportArgs, result: trace.prepareRecallExportResult },
  /** Saving to a file the packer picks is the shell's (Electron); the core alone answers `save_in_browser`. */
  saveRecallExport: { args: trace.saveRecallExportArgs, result: trace.saveRecallExportResult, async: true },
  getPackingSlip: { args: trace.getPackingSlipArgs, result: trace.packingSlipSchema },
  /** Printing is the shell's (Electron); the core alone answers `print_in_browser`. */
  printSlip: { args: trace.printSlipArgs, result: trace.printSlipResult, async: true },
  getSyncStatus: { args: sync.getSyncStatusArgs, result: sync.syncStatusSchema },
  /** Starts a sync at once and answers the status (state: syncing); poll getSyncStatus for the outcome. */
  syncNow: { args: sync.syncNowArgs, result: sync.syncStatusSchema },
  /** Stops the running sync (and one queued to run at once) between requests; answers the status. */
  cancelSync: { args: sync.cancelSyncArgs, result: sync.syncStatusSchema },
  listConflicts: { args: sync.listConflictsArgs, result: sync.listConflictsResult },
  resolveConflict: { args: sync.resolveConflictArgs, result: sync.resolveConflictResult },
  // Settings answer later (the OS key store and the hub are asynchronous): `async: true`.
  getSettings: { args: settings.getSettingsArgs, result: settings.benchSettingsSchema, async: true },
  /** Saves every field at once or nothing; a new hub URL/token restarts sync with it. */
  saveSettings: { args: settings.saveSettingsArgs, result: settings.benchSettingsSchema, async: true },
  testHubConnection: { args: settings.testHubConnectionArgs, result: settings.hubCheckResultSchema, async: true },
} as const;

export type BenchContract = typeof benchApiContract;
export type BenchMethod = keyof BenchContract;
export const BENCH_METHODS = Object.keys(benchApiContract) as BenchMethod[];

/** What a caller passes (defaults may be omitted). */
export type ArgsOf<M extends BenchMethod> = z.input<BenchContract[M]['args']>;
/** What the core receives after validation (defaults filled in). */
export type ParsedArgsOf<M extends BenchMethod> = z.output<BenchContract[M]['args']>;
export type ResultOf<M extends BenchMethod> = z.output<BenchContract[M]['result']>;

/** The renderer's view: every call returns a Result, whatever the transport. */
export type BenchApi = { [M in BenchMethod]: (args: ArgsOf<M>) => Promise<Result<ResultOf<M>>> };

/** Calls marked `async: true` in the contract: their handlers answer with a promise. */
export type AsyncBenchMethod = { [M in BenchMethod]: BenchContract[M] extends { async: true } ? M : never }[BenchMethod];

/**
 * The core's view: plain functions over validated arguments; refusals throw BenchError (or reject
 * with it, for async calls).
 */
export type BenchHandlers = {
  [M in BenchMethod]: (args: ParsedArgsOf<M>) => M extends AsyncBenchMethod ? Promise<ResultOf<M>> : ResultOf<M>;
};

export function isBenchMethod(name: string): name is BenchMethod {
  return Object.prototype.hasOwnProperty.call(benchApiContract, name);
}

export function isAsyncBenchMethod(name: BenchMethod): name is AsyncBenchMethod {
  return 'async' in benchApiContract[name];
}

export type Product = z.infer<typeof s.productSchema>;
export type GridBox = z.infer<typeof s.gridBoxSchema>;
export type GridEdit = z.infer<typeof s.gridEditSchema>;
export type OrderSummary = z.infer<typeof s.orderSummarySchema>;
export type OrderDetails = z.infer<typeof s.orderDetailsSchema>;
export type AllocationSheet = z.infer<typeof s.allocationSheetSchema>;
export type AllocationSheetLine = z.infer<typeof s.allocationSheetLineSchema>;
export type AllocatedUnit = z.infer<typeof s.allocatedUnitSchema>;
export type FefoPick = z.infer<typeof s.fefoPickSchema>;
export type Candidate = z.infer<typeof s.candidateSchema>;
export type AllocationEntry = z.infer<typeof s.allocationEntrySchema>;
export type CandidateBranch = z.infer<typeof s.candidateBranchSchema>;
export type MissingIdentifier = z.infer<typeof s.missingIdentifierSchema>;
export type ImportSummary = z.infer<typeof s.importSummarySchema>;
export type ImportProgress = imports.ImportProgress;
export type SyncStatus = z.infer<typeof sync.syncStatusSchema>;
export type SyncConflict = z.infer<typeof sync.conflictSchema>;
export type BenchSettingsView = settings.BenchSettingsView;
export type HubCheckResult = settings.HubCheckResult;
