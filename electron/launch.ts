/**
 * `npm start`: opens the Electron window where the Electron runtime is installed; otherwise says so
 * in one line and starts the bench in browser mode, printing the URL to open.
 * Never imports 'electron' here: under plain Node that tries to download the runtime.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runBrowserMode } from './web/main.js';

function electronBinary(): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const shellEntry = join(process.cwd(), 'dist-electron', 'main.cjs');
if (binary && existsSync(shellEntry) && process.env.BENCH_BROWSER_MODE !== '1') {
  const child = spawn(binary, [shellEntry], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    binary
      ? 'Electron shell not built (run "npm run build:electron"); starting the bench in browser mode.'
      : 'Electron runtime not available on this machine; starting the bench in browser mode.',
  );
  void runBrowserMode();
}
