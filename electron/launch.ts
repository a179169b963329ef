/**
 * `npm start`: opens the Electron window where the Electron runtime is installed; otherwise says so
 * in one line and starts the bench in browser mode, printing the URL to open.
 * Never imports 'electron' here: under plain Node that tries to download the runtime.
 * BENCH_BROWSER_MODE=1 forces browser mode.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowserMode } from './web/main.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHELL_FILES = ['dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist/renderer/index.html'];

const DEFAULT_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/**
 * The Electron executable, found the way the electron package's index.js finds it (dist/ + path.txt
 * written by its download, or ELECTRON_OVERRIDE_DIST_PATH), without importing it (that would try
 * to download the runtime).
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
    const executable = recorded || (DEFAULT_EXECUTABLE[process.platform] ?? 'electron');
    const override = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
    if (!override && !recorded) return null;
    const binary = override ? join(override, executable) : join(packageDir, 'dist', executable);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export type LaunchPlan = { mode: 'electron'; binary: string } | { mode: 'browser'; reason: string };

export function planLaunch(env: NodeJS.ProcessEnv = process.env, root: string = ROOT): LaunchPlan {
  if (env.BENCH_BROWSER_MODE === '1') return { mode: 'browser', reason: 'BENCH_BROWSER_MODE=1; starting the bench in browser mode.' };
  const binary = electronBinary(env);
  if (!binary) return { mode: 'browser', reason: 'Electron runtime not available on this machine; starting the bench in browser mode.' };
  const missing = SHELL_FILES.filter((f) => !existsSync(join(root, f)));
  if (missing.length) {
    return { mode: 'browser', reason: `Electron shell not built (missing ${missing.join(', ')}; run "npm run build:electron"); starting the bench in browser mode.` };
  }
  return { mode: 'electron', binary };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const plan = planLaunch();
  if (plan.mode === 'electron') {
    // `electron .` loads package.json's main (dist-electron/main.cjs) with the repository as the app path.
    const child = spawn(plan.binary, ['.'], { cwd: ROOT, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.log(plan.reason);
    void runBrowserMode();
  }
}
