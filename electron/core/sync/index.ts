/**
 * Public API of the bench's sync engine, for the Electron shell (electron/main.ts, from settings) and
 * the browser-mode host (electron/web/main.ts, from BENCH_HUB_URL / BENCH_HUB_TOKEN):
 *
 *   const sync = startSync(parts, { hubUrl, token });  // starts the loop; the contract calls see it
 *   ...
 *   await sync.stop();                                  // before parts.core.close()
 *
 * `parts` is the core's own (bench-parts.ts): the settings feature in the worker runtime, tests of
 * the engine through their test bench.
 *
 * To change the hub or token: stop the running one, then startSync again with the new settings.
 */
import type { SyncHost } from '../bench-parts.js';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine.js';
import { hubUrlWarning } from '../../../shared/sync/hub-url.js';

export { readHubCa } from './hub-ca.js';
export { checkSyncSettings } from './check-settings.js';
import { checkSyncSettings } from './check-settings.js';

export type { SyncEngine, SyncEngineOptions, SyncCycleResult } from './engine.js';
export { HubError } from './hub-client.js';

export interface SyncSettings extends Omit<SyncEngineOptions, 'hubUrl' | 'token'> {
  hubUrl: string;
  token: string;
}

/**
 * Starts syncing `core` with a hub; throws (with a sentence) on unusable settings or if sync already
 * runs for this bench. Until it is stopped, getSyncStatus/syncNow use this engine.
 */
export function startSync(core: SyncHost, settings: SyncSettings): SyncEngine {
  const problem = checkSyncSettings(settings);
  if (problem) throw new Error(problem);
  const warning = hubUrlWarning(settings.hubUrl);
  if (warning) (settings.log ?? console.warn)(`sync: ${warning}`);
  const holder = core.sync;
  const onChange = () => {
    settings.onChange?.();
    holder.onChange?.();
  };
  const engine = createSyncEngine(core.context, { ...settings, hubUrl: settings.hubUrl.trim(), token: settings.token.trim(), onChange });
  holder.attach(engine);
  engine.start();
  const stop = engine.stop.bind(engine);
  // Detach on stop so the contract calls answer "not configured" again.
  return Object.assign(engine, {
    stop: async () => {
      await stop();
      holder.detach(engine);
      holder.onChange?.();
    },
  });
}
