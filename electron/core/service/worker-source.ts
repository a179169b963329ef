/**
 * The core worker as TypeScript source, run through tsx's loader (registered inside the thread: Node 20
 * does not carry a parent's loader hooks into workers). Browser mode and the tests use it; the desktop
 * shell runs its bundle (dist-electron/core-worker.mjs) instead.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerEntry } from './core-service.js';

export function sourceWorker(): WorkerEntry {
  const require = createRequire(import.meta.url);
  return {
    script: fileURLToPath(new URL('./core-worker.ts', import.meta.url)),
    // The package's "import" variant (require.resolve would pick the CommonJS one).
    tsxApi: pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href,
  };
}
