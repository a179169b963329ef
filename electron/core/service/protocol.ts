/**
 * The messages between the core's worker thread and the process that started it (Electron main or
 * the browser-mode host). Plain data only (structured clone); the contract's own schemas still check
 * every call's arguments inside the worker and every answer at the renderer.
 */
import type { MessagePort } from 'node:worker_threads';
import type { BenchEvent } from '../../../shared/contract/change-events.js';
import type { BenchErrorData, Result } from '../../../shared/contract/result.js';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import type { RecallExportFormat } from '../../../shared/trace/csv-format.js';
import type { TokenProtection } from '../settings/settings-feature.js';

/** What the worker needs to open the core; serialisable (it crosses into the thread as workerData). */
export interface CoreWorkerConfig {
  /** The bench's database file. */
  file: string;
  stationName?: string;
  actor?: string;
  /** The settings file and hub; without it, settings calls are refused and sync does not run. */
  settings?: {
    /** Folder of settings.json (the same file electron-store writes in the shell). */
    dataDir: string;
    appVersion: string;
    hubOverride?: { hubUrl: string; token: string; source: string } | null;
    hubCa?: string;
    /**
     * Where the hub token's encryption lives: 'relay' asks the starting process (Electron's
     * safeStorage exists only in the main process); 'none' keeps it plain with this warning.
     */
    keyStore: { kind: 'relay' } | { kind: 'none'; warning: string };
    /** For tests: sync engine timing. */
    syncOptions?: { intervalMs?: number; minBackoffMs?: number; maxBackoffMs?: number; requestTimeoutMs?: number; pullPageSize?: number };
  };
  /** How often the worker looks for writes by other processes (the CLI); default 50 ms. */
  externalCheckMs?: number;
  /** For benchmarks: each reply says when the worker took the call and answered it, and its GC pauses. */
  timings?: boolean;
}

/**
 * The worker's workerData: the config, and the receiving end of the cancel lane. The relay posts the
 * id of an import or a grid save the packer cancelled on it as well as making the call: a call waits
 * while the core saves (one transaction, the thread busy), but the work reads the lane between its
 * steps (receiveMessageOnPort needs no turn of the event loop; cancel-inbox.ts) and stops.
 */
export interface CoreWorkerData extends CoreWorkerConfig {
  cancelLane?: MessagePort;
}

/** When the worker took a call and answered it (ms since the epoch, sub-ms), and its GC pauses since the last reply. */
export interface CallTiming {
  takenAt: number;
  answeredAt: number;
  gc: Array<{ at: number; ms: number }>;
  /** How long the worker sat runnable without a CPU between taking the call and answering it (ms); null off Linux. */
  cpuWaitMs: number | null;
  /** The worker's thread id (Linux), so a benchmark can tell its CPU time from other threads'; null elsewhere. */
  threadId: number | null;
}

/** What the relay answers for the worker: the OS key store (Electron's safeStorage). */
export interface KeyStoreCalls {
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<{ value: string; reEncrypt: boolean }>;
  tokenProtection(): Promise<TokenProtection>;
}
export type KeyStoreCall = keyof KeyStoreCalls;

export type ToWorker =
  | { type: 'call'; id: number; method: string; args: unknown }
  | { type: 'writeExport'; id: number; query: RecallQuery; file: string; format?: RecallExportFormat }
  | { type: 'takeExport'; id: number; token: string; file: string }
  /** Electron's menu Import…: files the packer picked, imported as a job (answers a Result of ImportProgress). */
  | { type: 'startFileImport'; id: number; paths: string[] }
  | { type: 'keyStoreReply'; id: number; ok: true; value: unknown }
  | { type: 'keyStoreReply'; id: number; ok: false; message: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; result: Result<unknown>; timing?: CallTiming }
  | { type: 'serviceReply'; id: number; ok: true; value: unknown }
  /** `refusal`: the work refused with a BenchError (its data, to refuse with in turn); else it failed. */
  | { type: 'serviceReply'; id: number; ok: false; message: string; refusal?: BenchErrorData }
  | { type: 'event'; event: BenchEvent }
  | { type: 'keyStoreCall'; id: number; name: KeyStoreCall; args: unknown[] }
  | { type: 'log'; message: string; detail: string }
  | { type: 'closed' };
