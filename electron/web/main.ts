/**
 * Starts the bench in browser mode: the core on the bench's data file, served on 127.0.0.1.
 * BENCH_DATA_DIR picks the data folder, BENCH_PORT the port (0 = any free port).
 */
import { fileURLToPath } from 'node:url';
import { openBenchCore } from '../core/bench-core.js';
import { benchDataDir, benchDatabaseFile } from '../core/paths.js';
import { startHost } from './host.js';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export async function runBrowserMode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.BENCH_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`BENCH_PORT must be a port number from 0 to 65535, not "${env.BENCH_PORT}".`);
    process.exit(2);
  }
  const dataDir = benchDataDir(env);
  const core = openBenchCore({ file: benchDatabaseFile(dataDir), stationName: env.BENCH_STATION_NAME ?? 'Bench' });
  const host = await startHost({ handlers: core.handlers, rendererDir: RENDERER_DIR, port });
  console.log(`Packing bench (browser mode), data in ${dataDir}`);
  console.log(`Open: ${host.launchUrl}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void runBrowserMode();
}
