/**
 * The core as the worker thread runs it: the bench core on its file, the settings and sync engine it
 * owns, and the change stream (after every call, every sync commit, every write by another
 * process, and every move of a running import). Plain Node and free of worker_threads, so it is the same whichever thread hosts it.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { BenchEvent } from '../../../shared/contract/change-events.js';
import { invokeBenchMethodAsync } from '../../../shared/contract/invoke.js';
import type { ImportProgress } from '../../../shared/contract/api.js';
import { ORDER_LIST_PAGE } from '../../../shared/contract/schemas.js';
import { BenchError, type Result } from '../../../shared/contract/result.js';
import type { RecallQuery } from '../../../shared/trace/recall-query.js';
import type { RecallExportFormat } from '../../../shared/trace/csv-format.js';
import { openSettingsFile } from '../../settings/settings-file.js';
import type { SecretCipher } from '../../settings/settings-store.js';
import { openBenchParts } from '../bench-parts.js';
import { startBackgroundCheckpoints } from '../db/background-checkpoints.js';
import type { BenchCore } from '../bench-core.js';
import { NO_ENCRYPTION, type SettingsFeatureOptions, type TokenProtection } from '../settings/settings-feature.js';
import { createChangeTracker } from './change-tracker.js';
import type { CoreWorkerConfig, KeyStoreCall } from './protocol.js';

export interface CoreRuntimeHooks {
  emit(event: BenchEvent): void;
  log(message: string, error?: unknown): void;
  /** Asks the starting process (the OS key store lives there in Electron). */
  askRelay(name: KeyStoreCall, args: unknown[]): Promise<unknown>;
  /** Ids of imports and grid saves the relay cancelled, told even while this thread is busy (protocol.ts, CoreWorkerData). */
  takeCancels?(): string[];
}

export interface CoreRuntime {
  call(method: string, args: unknown): Promise<Result<unknown>>;
  /** Writes a recall export to a file the packer chose (Electron, after the save dialog). */
  writeExport(query: RecallQuery, file: string, format?: RecallExportFormat): Promise<void>;
  /** Writes the export behind a one-time link to `file`; null when the link is used up or expired. */
  takeExport(token: string, file: string): Promise<{ fileName: string; contentType: string } | null>;
  /** Starts importing files on disk (streamed) as a job: progress on the change stream, cancel by cancelCsvImport. */
  startFileImport(paths: string[]): Promise<Result<ImportProgress>>;
  close(): Promise<void>;
}

export const DEFAULT_EXTERNAL_CHECK_MS = 50;
/** The sync status (it counts pending changes) is read at most this often while changes come in. */
export const STATUS_EVERY_MS = 100;

export async function openCoreRuntime(config: CoreWorkerConfig, hooks: CoreRuntimeHooks): Promise<CoreRuntime> {
  const parts = openBenchParts({
    file: config.file,
    stationName: config.stationName,
    actor: config.actor,
    settings: config.settings ? settingsFeatureOptions(config.settings, hooks) : undefined,
    takeCancels: hooks.takeCancels,
  });
  const { core } = parts;
  warmUp(core);
  // The WAL is copied back into the file by a thread of its own, never inside a commit.
  const checkpoints = await startBackgroundCheckpoints(parts.db, { log: hooks.log });
  const tracker = createChangeTracker(parts.db);
  let lastStatus = '';
  let closed = false;
  let statusTimer: NodeJS.Timeout | null = null;

  /** Sends the sync status when it moved. It counts pending changes, so it is read at most every STATUS_EVERY_MS. */
  function publishStatus(): void {
    statusTimer = null;
    if (closed || !parts.db.open) return;
    const status = core.getSyncStatus({});
    const json = JSON.stringify(status);
    if (json !== lastStatus) {
      lastStatus = json;
      hooks.emit({ kind: 'sync', status });
    }
  }

  /**
   * Sends what changed since the last look, and then the sync status. The status is read only after a
   * change or when the engine said it moved, never on a bare tick.
   */
  function publish(source: 'local' | 'sync', engineMoved = false): void {
    if (closed || !parts.db.open) return;
    const changed = tracker.drain(source);
    if (changed) hooks.emit(changed);
    if (!changed && !engineMoved) return;
    statusTimer ??= setTimeout(publishStatus, STATUS_EVERY_MS);
  }

  // After a call, the change stream is looked at once the answer is on its way (it must not delay
  // it); several calls in a row share one look.
  let localPublishQueued = false;
  let settingsMoved = false;
  function publishAfterReply(method: string): void {
    settingsMoved ||= method === 'saveSettings';
    if (localPublishQueued) return;
    localPublishQueued = true;
    setImmediate(() => {
      localPublishQueued = false;
      const moved = settingsMoved;
      settingsMoved = false;
      publish('local', moved);
      checkpoints.wrote();
    });
  }
  let syncPublishQueued = false;
  /** Who this bench is: sync changes it when the bench binds to a hub, or the hub renames it. */
  const identity = () => `${parts.context.stationId}\u0000${parts.context.stationName}`;
  let knownIdentity = identity();
  parts.sync.onChange = () => {
    if (syncPublishQueued) return;
    syncPublishQueued = true;
    // After the engine's own statement returns (it may be inside a transaction right now).
    setImmediate(() => {
      syncPublishQueued = false;
      publish('sync', true);
      checkpoints.wrote();
      // The hub named this bench (first binding, or renamed there): Settings and the header show it.
      if (!closed && identity() !== knownIdentity) {
        knownIdentity = identity();
        hooks.emit({ kind: 'settings' });
      }
    });
  };
  // Writes by another process (the CLI) show only as PRAGMA data_version moving: look now and then.
  const externalCheck = setInterval(() => publish('sync'), config.externalCheckMs ?? DEFAULT_EXTERNAL_CHECK_MS);
  publishStatus();
  parts.onGridSaveProgress = (progress) => {
    if (!closed) hooks.emit({ kind: 'gridSave', progress });
  };
  parts.onImportProgress = (progress) => {
    if (closed) return;
    hooks.emit({ kind: 'import', progress });
    // A started import commits in the background, after its call answered: say what it changed now.
    if (progress.state === 'done') {
      setImmediate(() => {
        publish('local');
        checkpoints.wrote();
      });
    }
  };
  await parts.settings?.startSync();

  return {
    async call(method, args) {
      const result = await invokeBenchMethodAsync(core, method, args, hooks.log);
      // Settings calls may start or stop sync: the status may have moved without a row changing.
      publishAfterReply(method);
      // Saved settings are no row: every open window is told, once the answer is on its way.
      if (method === 'saveSettings' && result.ok) {
        knownIdentity = identity();
        setImmediate(() => !closed && hooks.emit({ kind: 'settings' }));
      }
      return result;
    },
    async writeExport(query, file, format) {
      await parts.exports.writeFile(query, file, format);
    },
    async takeExport(token, file) {
      const download = parts.exports.take(token);
      if (!download) return null;
      await pipeline(download.stream, createWriteStream(file));
      return { fileName: download.fileName, contentType: download.contentType };
    },
    async startFileImport(paths) {
      try {
        return { ok: true, value: parts.startFileImport(paths) };
      } catch (error) {
        if (error instanceof BenchError) return { ok: false, error: error.toData() };
        hooks.log('startFileImport failed', error);
        return { ok: false, error: { code: 'internal', message: 'The bench hit an unexpected error; nothing was imported.', issues: [] } };
      }
    },
    async close() {
      if (closed) return;
      clearInterval(externalCheck);
      if (statusTimer) clearTimeout(statusTimer);
      parts.sync.onChange = null;
      parts.onImportProgress = null;
      await parts.settings?.stopSync();
      closed = true;
      await checkpoints.close();
      core.close();
    },
  };
}

/**
 * Before the core says it is ready: reads what the first screen asks for first (the order list's first
 * page and the bench's counts), so the first paint finds the file's pages in SQLite's cache and the
 * code paths compiled, instead of paying for them itself.
 */
function warmUp(core: BenchCore): void {
  core.listAwaitingOrders({ query: '', offset: 0, limit: ORDER_LIST_PAGE });
  core.getBenchInfo({});
}

/** The settings feature's options from the worker's serialisable settings (tests use it in-process too). */
export function settingsFeatureOptions(
  settings: NonNullable<CoreWorkerConfig['settings']>,
  hooks: Pick<CoreRuntimeHooks, 'askRelay'> & { log?: CoreRuntimeHooks['log'] } = { askRelay: () => Promise.reject(new Error('No key store here.')) },
): SettingsFeatureOptions {
  const keyStore = settings.keyStore;
  const relayCipher: SecretCipher = {
    isAvailable: async () => (await hooks.askRelay('isAvailable', [])) as boolean,
    encrypt: async (plain) => (await hooks.askRelay('encrypt', [plain])) as Uint8Array,
    decrypt: async (data) => (await hooks.askRelay('decrypt', [data])) as { value: string; reEncrypt: boolean },
  };
  return {
    store: openSettingsFile(settings.dataDir),
    cipher: keyStore.kind === 'relay' ? relayCipher : NO_ENCRYPTION,
    tokenProtection:
      keyStore.kind === 'relay'
        ? async () => (await hooks.askRelay('tokenProtection', [])) as TokenProtection
        : async () => ({ encrypted: false, warning: keyStore.warning }),
    appVersion: settings.appVersion,
    hubOverride: settings.hubOverride ?? null,
    hubCa: settings.hubCa,
    syncOptions: settings.syncOptions,
    log: (line) => hooks.log?.(line),
  };
}
