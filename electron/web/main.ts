/**
 * Starts the bench in browser mode: the core on the bench's data file, served on 127.0.0.1.
 * BENCH_DATA_DIR picks the data folder, BENCH_PORT the port (0 = any free port).
 * Settings (bench name, hub, scanner...) live in <data folder>/settings.json, the same file format
 * the desktop app uses, edited on the Settings screen. BENCH_HUB_URL and BENCH_HUB_TOKEN (both)
 * override the file's hub settings for this run; BENCH_STATION_NAME its bench name.
 * BENCH_HUB_CA (a PEM file) is a CA or hub certificate to trust for an https hub the system does not
 * trust (e.g. self-signed).
 *
 * This process only relays: the core (database, use cases, sync) runs in a worker thread
 * (electron/core/service/core-service.ts); calls and the change stream pass through the host.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchDataDir, benchDatabaseFile } from '../core/paths.js';
import { startCoreService } from '../core/service/core-service.js';
import type { CoreWorkerConfig } from '../core/service/protocol.js';
import { sourceWorker } from '../core/service/worker-source.js';
import { checkSyncSettings } from '../core/sync/check-settings.js';
import { readHubCa } from '../core/sync/hub-ca.js';
import { openSettingsFile } from '../settings/settings-file.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { startHost } from './host.js';

export { openSettingsFile };

/** SIGTERM/SIGINT to exit: a stop taking longer than this is a bug; the process ends anyway (code 1). */
export const SHUTDOWN_DEADLINE_MS = 4_500;

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export const BROWSER_MODE_TOKEN_WARNING =
  'Browser mode has no operating-system key store: the bench token is kept unencrypted in the settings file, which only this user account can read (mode 0600).';

/** The version in package.json (the desktop app asks Electron for the same number). */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** What browser mode tells the core about its settings: the file's folder, no key store, env overrides. */
export function browserModeSettings(dataDir: string, env: NodeJS.ProcessEnv): NonNullable<CoreWorkerConfig['settings']> {
  return {
    dataDir,
    keyStore: { kind: 'none', warning: BROWSER_MODE_TOKEN_WARNING },
    appVersion: appVersion(),
    hubOverride: hubOverrideFromEnv(env),
    hubCa: readHubCa(env),
  };
}

export async function runBrowserMode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.BENCH_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`BENCH_PORT must be a port number from 0 to 65535, not "${env.BENCH_PORT}".`);
    process.exit(2);
  }
  const dataDir = benchDataDir(env);
  let store: SettingsStore;
  try {
    // Like the desktop app: a bad or unknown key gives way to its default, named here; the rest is kept.
    store = openSettingsFile(dataDir, (problem) => console.error(`Settings file in ${dataDir}: ${problem}`));
  } catch (error) {
    console.error(`The settings file in ${dataDir} could not be used: ${(error as Error).message}`);
    process.exit(2);
  }
  let settings: CoreWorkerConfig['settings'];
  try {
    settings = browserModeSettings(dataDir, env);
  } catch (error) {
    console.error((error as Error).message); // e.g. BENCH_HUB_CA naming an unreadable file
    process.exit(2);
  }
  let core;
  try {
    core = await startCoreService({
      worker: sourceWorker(),
      config: { file: benchDatabaseFile(dataDir), stationName: env.BENCH_STATION_NAME?.trim() || store.get('stationName'), settings },
      log: (message, error) => console.error(message, error ?? ''),
    });
  } catch (error) {
    console.error(`The bench database could not be opened: ${(error as Error).message}`);
    process.exit(2);
  }
  const service = core;
  let host: Awaited<ReturnType<typeof startHost>>;
  try {
    host = await startHost({ call: service.call, events: service, rendererDir: RENDERER_DIR, port, takeExport: (token) => service.takeExport(token) });
  } catch (error) {
    const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
    console.error(inUse ? `Port ${port} is in use (another bench?): set BENCH_PORT to a free port, or 0 for any.` : `The bench could not listen on port ${port}: ${(error as Error).message}`);
    await service.close();
    process.exit(2);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Stopping took over ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await host.close();
      await service.close(); // stops sync (a request in flight is aborted; the outbox keeps it), closes the file
    } catch (err) {
      console.error(`Stopping failed: ${(err as Error)?.message ?? String(err)}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Printed only once a signal is handled: whoever sees the URL and signals at once gets a clean stop.
  console.log(`Packing bench (browser mode), data in ${dataDir}`);
  console.log(`Open: ${host.launchUrl}`);
}

/** BENCH_HUB_URL and BENCH_HUB_TOKEN (both, or neither) override the file's hub; exits on unusable values. */
function hubOverrideFromEnv(env: NodeJS.ProcessEnv): NonNullable<CoreWorkerConfig['settings']>['hubOverride'] {
  const hubUrl = env.BENCH_HUB_URL?.trim() ?? '';
  const token = env.BENCH_HUB_TOKEN?.trim() ?? '';
  if (!hubUrl && !token) return null;
  if (!hubUrl || !token) {
    console.error('Set both BENCH_HUB_URL and BENCH_HUB_TOKEN to sync with a hub (or neither to use the settings file).');
    process.exit(2);
  }
  // The Settings screen's rule and words, naming the variable: ":080" is refused here as it is there.
  const problem = checkSyncSettings({ hubUrl, token }, { hubUrl: 'BENCH_HUB_URL', token: 'BENCH_HUB_TOKEN' });
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  return { hubUrl, token, source: 'BENCH_HUB_URL and BENCH_HUB_TOKEN' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void runBrowserMode();
}
