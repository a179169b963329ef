import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'packing-bench';

/** The user's data folder for the bench, as Electron's app.getPath('userData') would place it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

export function benchDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_DATA_DIR?.trim() || defaultDataDir(env);
}

export function benchDatabaseFile(dataDir: string): string {
  return join(dataDir, 'bench.db');
}
