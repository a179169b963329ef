/**
 * Starts the bench in browser mode: the core on the bench's data file, served on 127.0.0.1.
 * BENCH_DATA_DIR picks the data folder, BENCH_PORT the port (0 = any free port).
 * BENCH_HUB_URL and BENCH_HUB_TOKEN (both) turn on sync with a hub; BENCH_HUB_CA (a PEM file) is a CA
 * or hub certificate to trust for an https hub the system does not trust (e.g. self-signed).
 */
import { fileURLToPath } from 'node:url';
import { openBenchCore, type BenchCore } from '../core/bench-core.js';
import { benchDataDir, benchDatabaseFile } from '../core/paths.js';
import { readHubCa, startSync, type SyncEngine } from '../core/sync/index.js';
import { startHost } from './host.js';

/** SIGTERM/SIGINT to exit: a stop taking longer than this is a bug; the process ends anyway (code 1). */
export const SHUTDOWN_DEADLINE_MS = 4_500;

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export async function runBrowserMode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.BENCH_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`BENCH_PORT must be a port number from 0 to 65535, not "${env.BENCH_PORT}".`);
    process.exit(2);
  }
  const dataDir = benchDataDir(env);
  const core = openBenchCore({ file: benchDatabaseFile(dataDir), stationName: env.BENCH_STATION_NAME ?? 'Bench' });
  const sync = startSyncFromEnv(core, env);
  const host = await startHost({ handlers: core.handlers, rendererDir: RENDERER_DIR, port, takeExport: (token) => core.exports.take(token) });
  console.log(`Packing bench (browser mode), data in ${dataDir}`);
  console.log(`Open: ${host.launchUrl}`);
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
      await sync?.stop(); // aborts a request in flight; the outbox keeps what it carried
      core.close();
    } catch (err) {
      console.error(`Stopping failed: ${(err as Error)?.message ?? String(err)}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Sync with the hub when both BENCH_HUB_URL and BENCH_HUB_TOKEN are set; exits on unusable values. */
function startSyncFromEnv(core: BenchCore, env: NodeJS.ProcessEnv): SyncEngine | null {
  const hubUrl = env.BENCH_HUB_URL?.trim() ?? '';
  const token = env.BENCH_HUB_TOKEN?.trim() ?? '';
  if (!hubUrl && !token) return null;
  if (!hubUrl || !token) {
    console.error('Set both BENCH_HUB_URL and BENCH_HUB_TOKEN to sync with a hub (or neither to work alone).');
    process.exit(2);
  }
  try {
    const sync = startSync(core, { hubUrl, token, hubCa: readHubCa(env), log: (line) => console.error(line) });
    console.log(`Syncing with the hub at ${hubUrl}`);
    return sync;
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void runBrowserMode();
}
