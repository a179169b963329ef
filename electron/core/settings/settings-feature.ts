/**
 * The settings calls of the BenchApi (getSettings, saveSettings, testHubConnection) and the sync
 * engine they steer. The store is the settings file (electron-store in the shell, `conf` in browser
 * mode: same file, same schema); the cipher is safeStorage in the shell, none in browser mode.
 * Saving writes every field at once or nothing, and a new hub URL or token restarts sync with it.
 */
import { chmodSync, existsSync } from 'node:fs';
import type { BenchHandlers } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';
import { hubUrlProblem, type BenchSettingsView, type SaveSettingsArgs } from '../../../shared/contract/settings-schemas.js';
import { SETTINGS_FILE_MODE, type BenchSettings } from '../../settings/settings-schema.js';
import { getHubToken, sealSecret, type SecretCipher, type SettingsStore } from '../../settings/settings-store.js';
import type { Db } from '../db/open.js';
import type { SyncHost } from '../bench-parts.js';
import { startSync, type SyncEngine, type SyncEngineOptions } from '../sync/index.js';
import { createSyncStateStore } from '../sync/sync-state.js';
import { checkHub } from './hub-check.js';

export interface TokenProtection {
  encrypted: boolean;
  warning: string | null;
}

export interface SettingsFeatureOptions {
  store: SettingsStore;
  cipher: SecretCipher;
  /** How a stored token is protected here; the shell asks safeStorage, browser mode has no key store. */
  tokenProtection: () => Promise<TokenProtection>;
  appVersion: string;
  /** Hub settings given for this run from outside the file (browser mode's BENCH_HUB_URL/TOKEN). */
  hubOverride?: { hubUrl: string; token: string; source: string } | null;
  /** PEM of a CA (or self-signed hub certificate) to trust for an https hub (BENCH_HUB_CA). */
  hubCa?: string;
  /** For tests: sync engine timing. */
  syncOptions?: Omit<SyncEngineOptions, 'hubUrl' | 'token'>;
  log?: (line: string) => void;
}

type Handlers = Pick<BenchHandlers, 'getSettings' | 'saveSettings' | 'testHubConnection'>;

export interface SettingsFeature {
  readonly handlers: Handlers;
  /** Starts sync with the hub settings in force (if any). */
  startSync(): Promise<void>;
  /** Stops sync (shutdown); waits for a running cycle. */
  stopSync(): Promise<void>;
}

const UNREADABLE_TOKEN =
  'The saved bench token cannot be decrypted here (it was sealed by the desktop app on another computer or for another user, or this computer\'s key store is locked or was reset), so sync is off. Enter the token again and choose Save Changes.';

/** A "cipher" that never encrypts: browser mode has no OS key store; the file is 0600 instead. */
export const NO_ENCRYPTION: SecretCipher = {
  isAvailable: async () => false,
  encrypt: async () => {
    throw new Error('no encryption here');
  },
  decrypt: async () => {
    throw new Error('no encryption here');
  },
};

export function createSettingsFeature(core: SyncHost & { readonly db: Db }, options: SettingsFeatureOptions): SettingsFeature {
  const { store } = options;
  const log = options.log ?? (() => undefined);
  const syncState = createSyncStateStore(core.db);
  let override = options.hubOverride ?? null;
  let engine: SyncEngine | null = null;
  /** Sync restarts one after another, never two engines at once. */
  let reconfiguring: Promise<void> = Promise.resolve();

  keepFilePrivate();

  /**
   * Why the stored token cannot be used here, or null. A token sealed by another computer's (or
   * another user's) key store cannot be opened: the bench still starts, with sync off, and says so.
   */
  let tokenProblem: string | null = null;

  async function hubSettings(): Promise<{ hubUrl: string; token: string | null }> {
    if (override) return { hubUrl: override.hubUrl, token: override.token };
    const hubUrl = store.get('sync').hubUrl;
    try {
      const token = await getHubToken(store, options.cipher);
      tokenProblem = null;
      return { hubUrl, token };
    } catch (error) {
      tokenProblem = UNREADABLE_TOKEN;
      log(`the stored bench token could not be decrypted: ${(error as Error).message}`);
      return { hubUrl, token: null };
    }
  }

  function restartSync(): Promise<void> {
    const next = reconfiguring.then(async () => {
      if (engine) {
        const running = engine;
        engine = null;
        await running.stop();
      }
      const { hubUrl, token } = await hubSettings();
      // The header says which is missing; told even when no engine ran (no stop to announce it).
      core.sync.hubWithoutToken = hubUrl && !token ? hubUrl : null;
      core.sync.tokenUnreadable = tokenProblem !== null;
      // A hub URL the Settings screen's rule refuses (kept in the file by an earlier release): sync is
      // off for it, and the header says so rather than "no hub set up".
      const urlProblem = hubUrl.trim() === '' ? null : hubUrlProblem(hubUrl);
      core.sync.hubUrlRefused = urlProblem === null ? null : { hubUrl, problem: urlProblem };
      core.sync.onChange?.();
      if (!hubUrl || !token) return;
      try {
        engine = startSync(core, { ...options.syncOptions, hubUrl, token, hubCa: options.hubCa, hubUrlFromEnvironment: override !== null, log: options.syncOptions?.log ?? log });
        log(`Syncing with the hub at ${hubUrl}`);
      } catch (error) {
        log(`sync not started: ${(error as Error).message}`);
      }
    });
    reconfiguring = next.catch(() => undefined);
    return next;
  }

  async function view(): Promise<BenchSettingsView> {
    const s = store.store;
    return {
      stationName: core.context.stationName,
      hubWarehouse: boundWarehouse(),
      hubUrl: override ? override.hubUrl : s.sync.hubUrl,
      tokenSet: override ? true : s.sync.token !== null,
      tokenUnreadable: !override && tokenProblem !== null,
      tokenProtection: await tokenProtection(),
      overriddenBy: override ? override.source : null,
      scanner: { ...s.scanner },
      labelPrinter: s.labelPrinter,
      settingsFile: store.path,
      appVersion: options.appVersion,
    };
  }

  async function tokenProtection(): Promise<TokenProtection> {
    const protection = await options.tokenProtection();
    if (!tokenProblem || override) return protection;
    return { ...protection, warning: protection.warning ? `${tokenProblem} ${protection.warning}` : tokenProblem };
  }

  /** The hub's warehouse once this bench is bound to a hub (it names the bench from then on), else null. */
  function boundWarehouse(): string | null {
    const known = syncState.get();
    return known.hubStationId !== null ? known.hubWarehouse : null;
  }

  async function save(args: SaveSettingsArgs): Promise<BenchSettingsView> {
    // Bound to a hub, the bench takes the hub's name at every sync: a name saved here would be
    // undone there, so it is refused in words instead of being kept for a few minutes.
    const warehouse = boundWarehouse();
    if (warehouse !== null && args.stationName !== core.context.stationName) {
      const message = `Bench name is given by the hub (warehouse ${warehouse}), which calls this bench "${core.context.stationName}": ask your supervisor to rename it there. Nothing was saved.`;
      throw new BenchError('invalid_argument', message, [{ where: 'stationName', message }]);
    }
    const before = store.store;
    // Not decrypted here: a token that cannot be opened must not stop it being replaced or cleared.
    const currentHubUrl = override ? override.hubUrl : before.sync.hubUrl;
    let token = before.sync.token;
    if (args.token.action === 'replace') token = await sealSecret(options.cipher, args.token.value);
    if (args.token.action === 'clear') token = null;
    if (args.token.action === 'keep' && override) {
      // The running values came from the environment: keeping them means writing them to the file.
      token = await sealSecret(options.cipher, override.token);
    }
    const next: BenchSettings = {
      ...before,
      stationName: args.stationName,
      sync: { hubUrl: args.hubUrl, token },
      scanner: { ...args.scanner },
      labelPrinter: args.labelPrinter,
    };
    try {
      store.store = next; // validated against the file's schema, then written in one go
    } catch (error) {
      log(`settings not saved: ${(error as Error).message}`);
      throw new BenchError('invalid_argument', `The settings were not saved: ${(error as Error).message}`);
    }
    keepFilePrivate();
    core.context.stationName = args.stationName;
    const hubChanged = override !== null || args.hubUrl !== currentHubUrl || args.token.action !== 'keep';
    override = null;
    if (hubChanged) await restartSync();
    return view();
  }

  /** conf writes the file with mode 0600 when it creates it; a file made earlier is narrowed too. */
  function keepFilePrivate(): void {
    try {
      if (existsSync(store.path)) chmodSync(store.path, SETTINGS_FILE_MODE);
    } catch (error) {
      log(`could not make ${store.path} private: ${(error as Error).message}`);
    }
  }

  const handlers: Handlers = {
    getSettings: () => view(),
    saveSettings: (args) => save(args),
    testHubConnection: async (args) => {
      const saved = await hubSettings();
      const hubUrl = args.hubUrl ?? saved.hubUrl;
      const token = args.token === undefined ? saved.token : args.token;
      if (!hubUrl || !token) {
        return {
          outcome: 'not_configured',
          message: !hubUrl
            ? 'Enter the hub URL to test the connection.'
            : args.token === null
              ? 'No bench token to test with: "Remove the stored token" is ticked. Enter a bench token to test the connection.'
              : args.token === undefined && tokenProblem
                ? tokenProblem
                : 'Enter the bench token to test the connection.',
          warehouse: null,
          stationId: null,
        };
      }
      // A stored hub URL (from a file an earlier release saved) is judged as a typed one is: ":080" asks no server.
      const urlProblem = args.hubUrl === undefined ? hubUrlProblem(hubUrl) : null;
      if (urlProblem !== null) throw new BenchError('invalid_argument', urlProblem, [{ where: 'hubUrl', message: urlProblem }]);
      const known = syncState.get();
      return checkHub({ hubUrl, token, ca: options.hubCa, bound: { hubStationId: known.hubStationId, hubWarehouse: known.hubWarehouse } });
    },
  };

  return {
    handlers,
    startSync: () => restartSync(),
    stopSync: async () => {
      await reconfiguring;
      const running = engine;
      engine = null;
      await running?.stop();
    },
  };
}
