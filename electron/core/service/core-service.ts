/**
 * The bench core as a service: starts the core's worker thread (core-worker.ts) and gives the relay
 * (Electron main, the browser-mode host) the contract as async calls and the change stream. The relay
 * never opens the database: this file imports neither better-sqlite3 nor the core's modules
 * (test/layering.test.ts checks it).
 *
 * A crashed worker is started again at once: calls in flight are answered with a clear refusal
 * (SQLite kept everything committed; an interrupted transaction left nothing), calls made meanwhile
 * wait for the new worker, and the screens get "restarting", then "running" and "anything changed".
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { BENCH_METHODS, type BenchApi, type BenchMethod, type ImportProgress } from '../../../shared/contract/api.js';
import { CORE_RESTARTING_MESSAGE, type BenchEvent, type BenchEventListener, type BenchEvents, type CoreStateEvent } from '../../../shared/contract/change-events.js';
import { BenchError, type Result } from '../../../shared/contract/result.js';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import type { RecallExportFormat } from '../../../shared/trace/csv-format.js';
import type { BenchSettingsView } from '../../../shared/contract/settings-schemas.js';
import type { CallTiming, CoreWorkerConfig, CoreWorkerData, FromWorker, KeyStoreCalls, ToWorker } from './protocol.js';

/** Which script the worker thread runs; tsxApi: tsx's ESM API, to run the TypeScript source. */
export interface WorkerEntry {
  script: string;
  tsxApi?: string;
}

/** Crashes within this window count together; past MAX_RESTARTS the service stops (a crash loop). */
export const RESTART_WINDOW_MS = 60_000;
export const MAX_RESTARTS = 5;

export const CORE_STOPPED_MESSAGE = 'The bench core stopped and could not be started again. Close the bench and open it again; nothing saved was lost.';

export interface CoreServiceOptions {
  config: CoreWorkerConfig;
  /**
   * The worker's script: the shell's bundle (dist-electron/core-worker.mjs), or the TypeScript source
   * with tsx's loader (`sourceWorker()` from worker-source.ts: browser mode, tests).
   */
  worker: WorkerEntry;
  /** Answers the worker's key-store questions (Electron's safeStorage); needed for keyStore 'relay'. */
  keyStore?: KeyStoreCalls;
  log?: (message: string, error?: unknown) => void;
  /** For benchmarks (with config.timings): told each call's timing as its reply arrives. */
  onCallTiming?: (method: string, timing: CallTiming) => void;
}

/** What a relay holds: the contract, the change stream, the two export helpers, the file import, close(). */
export interface BenchCoreService extends BenchEvents {
  readonly api: BenchApi;
  /** One call by name, arguments unchecked here (the worker checks them): what transports use. */
  call(method: string, args: unknown): Promise<Result<unknown>>;
  /** Writes a recall export to a file (Electron's save dialog chose it). */
  writeRecallExport(query: RecallQuery, file: string, format?: RecallExportFormat): Promise<void>;
  /** The CSV (or workbook) behind a one-time download link (browser mode), or null when it is used up or expired. */
  takeExport(token: string): Promise<{ fileName: string; contentType: string; stream: Readable } | null>;
  /**
   * Imports files on disk the packer picked (Electron's menu), streamed by the core as a job: its
   * progress comes on the change stream (kind 'import'), cancelCsvImport stops it.
   */
  startFileImport(paths: string[]): Promise<Result<ImportProgress>>;
  /** The latest core state (running / restarting / stopped). */
  readonly state: CoreStateEvent;
  close(): Promise<void>;
  /** For tests: ends the worker thread abruptly, as a crash would (the service restarts it). */
  crashForTesting(): Promise<void>;
}

type Waiting = { resolve: (value: FromWorker) => void };

/** The calls that cancel long work, and the argument naming it: its id also goes down the cancel lane. */
const CANCEL_CALLS: Partial<Record<string, string>> = { cancelCsvImport: 'importId', cancelSerialGridSave: 'saveId' };

function cancelledWorkId(method: string, args: unknown): string | null {
  const key = CANCEL_CALLS[method];
  const id = key === undefined ? undefined : (args as Record<string, unknown> | null)?.[key];
  return typeof id === 'string' ? id : null;
}

export async function startCoreService(options: CoreServiceOptions): Promise<BenchCoreService> {
  const log = options.log ?? ((message, error) => console.error(`[core] ${message}`, error ?? ''));
  const listeners = new Set<BenchEventListener>();
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let worker: Worker;
  /** The sending end of the current worker's cancel lane (protocol.ts, CoreWorkerData). */
  let cancelLane: MessagePort | null = null;
  const closeCancelLane = () => {
    cancelLane?.close();
    cancelLane = null;
  };
  let ready: Promise<void>;
  let closing = false;
  let state: CoreStateEvent = { kind: 'core', state: 'running', message: 'The bench core is running.' };
  const crashes: number[] = [];
  /** What a restarted thread opens with: the start's config, with the station name as last saved in Settings. */
  let config = options.config;

  const emit = (event: BenchEvent) => {
    if (event.kind === 'core') state = event;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log('a change-stream listener failed', error);
      }
    }
  };

  function spawn(): Promise<void> {
    const { script, tsxApi } = options.worker;
    const lane = new MessageChannel();
    const workerData: CoreWorkerData = { ...config, cancelLane: lane.port2 };
    const transferList = [lane.port2];
    // The TypeScript source needs tsx's loader registered inside the thread (Node 20 does not carry a
    // parent's loader hooks into workers); the shell's bundle is plain JS.
    const current = tsxApi
      ? new Worker(
          `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(script).href)}); })`,
          { eval: true, workerData, transferList },
        )
      : new Worker(script, { workerData, transferList });
    closeCancelLane();
    cancelLane = lane.port1;
    worker = current;
    let settled = false;
    const started = new Promise<void>((resolve, reject) => {
      current.on('message', (message: FromWorker) => {
        if (message.type === 'ready' && !settled) {
          settled = true;
          resolve();
        } else if (message.type === 'failed' && !settled) {
          settled = true;
          reject(new Error(message.message));
        } else handleMessage(current, message);
      });
      current.on('error', (error) => {
        log('the core thread failed', error);
        if (!settled) {
          settled = true;
          reject(error);
        }
      });
      current.on('exit', (code) => {
        if (!settled) {
          settled = true;
          reject(new Error(`The bench core stopped while starting (exit code ${code}).`));
        }
        if (worker === current) onExit(code);
      });
    });
    return started;
  }

  function handleMessage(from: Worker, message: FromWorker): void {
    if (from !== worker) return;
    switch (message.type) {
      case 'reply':
      case 'serviceReply':
        waiting.get(message.id)?.resolve(message);
        waiting.delete(message.id);
        return;
      case 'event':
        emit(message.event);
        return;
      case 'log':
        log(message.message, message.detail || undefined);
        return;
      case 'keyStoreCall':
        void answerKeyStore(from, message.id, message.name, message.args);
        return;
      default:
        return;
    }
  }

  async function answerKeyStore(from: Worker, id: number, name: keyof KeyStoreCalls, args: unknown[]): Promise<void> {
    const keyStore = options.keyStore;
    let reply: ToWorker;
    try {
      if (!keyStore) throw new Error('No key store is available here.');
      const value = await (keyStore[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      reply = { type: 'keyStoreReply', id, ok: true, value };
    } catch (error) {
      reply = { type: 'keyStoreReply', id, ok: false, message: (error as Error)?.message ?? String(error) };
    }
    from.postMessage(reply);
  }

  /** The worker ended without being asked: refuse what was in flight, start it again. */
  function onExit(code: number): void {
    for (const [id, entry] of waiting) {
      entry.resolve({ type: 'reply', id, result: { ok: false, error: { code: 'internal', message: CORE_RESTARTING_MESSAGE, issues: [] } } });
    }
    waiting.clear();
    if (closing) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! < now - RESTART_WINDOW_MS) crashes.shift();
    log(`the core thread stopped unexpectedly (exit code ${code})`);
    if (crashes.length > MAX_RESTARTS) {
      emit({ kind: 'core', state: 'stopped', message: CORE_STOPPED_MESSAGE });
      ready = Promise.reject(new Error(CORE_STOPPED_MESSAGE));
      ready.catch(() => undefined);
      return;
    }
    emit({ kind: 'core', state: 'restarting', message: CORE_RESTARTING_MESSAGE });
    ready = spawn().then(
      () => {
        emit({ kind: 'core', state: 'running', message: 'The bench core is running again.' });
        // Whatever the screens show may be out of date: they read again.
        emit({ kind: 'data', products: 'all', identifiers: 'all', orders: 'all', conflicts: true, source: 'external' });
      },
      (error: unknown) => {
        log('the core could not be started again', error);
        emit({ kind: 'core', state: 'stopped', message: CORE_STOPPED_MESSAGE });
        throw error;
      },
    );
    ready.catch(() => undefined);
  }

  /** Sends a message once the worker is ready and waits for its answer (or for a crash). */
  async function request(build: (id: number) => ToWorker): Promise<FromWorker> {
    if (closing) throw new Error('The bench core is closed.');
    await ready;
    const id = nextId++;
    const answer = new Promise<FromWorker>((resolve) => waiting.set(id, { resolve }));
    worker.postMessage(build(id));
    return answer;
  }

  async function call(method: string, args: unknown): Promise<Result<unknown>> {
    // Also down the cancel lane (protocol.ts, CoreWorkerData): the call waits while the work saves.
    const cancelled = cancelledWorkId(method, args);
    if (cancelled !== null) cancelLane?.postMessage(cancelled);
    try {
      const answer = await request((id) => ({ type: 'call', id, method, args }));
      if (answer.type === 'reply') {
        if (answer.timing) options.onCallTiming?.(method, answer.timing);
        // A thread started again after a crash must not put back the name the bench started with.
        // Nor the hub from the environment that a save replaced with the file's (settings-feature.ts).
        if (method === 'saveSettings' && answer.result.ok) {
          const saved = answer.result.value as BenchSettingsView;
          config = { ...config, stationName: saved.stationName, ...(config.settings ? { settings: { ...config.settings, hubOverride: null } } : {}) };
        }
        return answer.result;
      }
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: closing ? 'The bench is shutting down.' : ((error as Error).message ?? CORE_STOPPED_MESSAGE), issues: [] } };
    }
    return { ok: false, error: { code: 'internal', message: 'The bench core answered unexpectedly.', issues: [] } };
  }

  async function serviceCall(build: (id: number) => ToWorker): Promise<unknown> {
    const answer = await request(build);
    if (answer.type === 'serviceReply') {
      if (answer.ok) return answer.value;
      // A refusal stays one (the packer reads why); anything else is an unexpected failure.
      if (answer.refusal) throw new BenchError(answer.refusal.code, answer.refusal.message, answer.refusal.issues);
      throw new Error(answer.message);
    }
    if (answer.type === 'reply' && !answer.result.ok) throw new Error(answer.result.error.message);
    throw new Error('The bench core answered unexpectedly.');
  }

  ready = spawn();
  try {
    await ready;
  } catch (error) {
    closing = true;
    closeCancelLane();
    await worker!.terminate();
    throw error;
  }

  const api = Object.fromEntries(BENCH_METHODS.map((method: BenchMethod) => [method, (args: unknown) => call(method, args)])) as BenchApi;

  return {
    api,
    call,
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async writeRecallExport(query, file, format) {
      await serviceCall((id) => ({ type: 'writeExport', id, query, file, ...(format ? { format } : {}) }));
    },
    async startFileImport(paths) {
      try {
        return (await serviceCall((id) => ({ type: 'startFileImport', id, paths }))) as Result<ImportProgress>;
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: (error as Error).message ?? CORE_STOPPED_MESSAGE, issues: [] } };
      }
    },
    async takeExport(token) {
      const dir = await mkdtemp(join(tmpdir(), 'bench-export-'));
      const file = join(dir, 'export');
      const taken = (await serviceCall((id) => ({ type: 'takeExport', id, token, file }))) as { fileName: string; contentType: string } | null;
      if (!taken) {
        await rm(dir, { recursive: true, force: true });
        return null;
      }
      const stream = createReadStream(file);
      stream.once('close', () => void rm(dir, { recursive: true, force: true }));
      return { fileName: taken.fileName, contentType: taken.contentType, stream };
    },
    async close() {
      if (closing) return;
      closing = true;
      const current = worker;
      await ready.catch(() => undefined);
      // Stopped for good (a crash loop): its last thread has already ended and would never answer.
      if (state.state !== 'stopped') {
        const closed = new Promise<void>((resolve) => {
          current.on('message', (message: FromWorker) => {
            if (message.type === 'closed') resolve();
          });
          current.once('exit', () => resolve());
        });
        current.postMessage({ type: 'close' } satisfies ToWorker);
        await closed;
      }
      await current.terminate();
      closeCancelLane();
      emit({ kind: 'core', state: 'stopped', message: 'The bench is shutting down.' });
      listeners.clear();
    },
    async crashForTesting() {
      await worker.terminate();
    },
  };
}
