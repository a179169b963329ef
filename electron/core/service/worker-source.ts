/**
 * The core worker when the app runs from its TypeScript source (browser mode, the CLI, tests). The
 * source is bundled with esbuild into node_modules/.cache and the bundle used again by later processes
 * while its files read the same (bundle-cache.ts: a changed source never runs stale); a bundled worker
 * starts about twice as fast as one that compiles every file through tsx. Without esbuild (or if
 * bundling fails) the worker runs the source through tsx's loader, registered inside the thread (Node 20
 * does not carry a parent's loader hooks into workers).
 * The desktop shell runs its own bundle (dist-electron/core-worker.mjs) instead.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import { cachedBundle } from './bundle-cache.js';
import type { WorkerEntry } from './core-service.js';

let memo: WorkerEntry | null = null;

export function sourceWorker(): WorkerEntry {
  memo ??= bundled() ?? throughTsx();
  return memo;
}

function entryFile(): string {
  // Not `new URL('./core-worker.ts', import.meta.url)`: Vite rewrites that pattern into an asset's
  // http: URL when it transforms for a page, as in the renderer tests that start a core (happy-dom).
  return join(dirname(fileURLToPath(import.meta.url)), 'core-worker.ts');
}

function throughTsx(): WorkerEntry {
  const require = createRequire(import.meta.url);
  return {
    script: entryFile(),
    // The package's "import" variant (require.resolve would pick the CommonJS one).
    tsxApi: pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href,
  };
}

function bundled(): WorkerEntry | null {
  try {
    const require = createRequire(import.meta.url);
    const esbuild = require('esbuild') as typeof Esbuild;
    const nodeModules = join(dirname(require.resolve('esbuild/package.json')), '..');
    const { file } = cachedBundle({
      esbuild,
      entry: entryFile(),
      // The project's root: the bundle names its inputs from there, whatever the working folder.
      root: join(dirname(entryFile()), '..', '..', '..'),
      // Beside node_modules' packages, so the bundle's imports (better-sqlite3, zod…) resolve.
      cacheDir: join(nodeModules, '.cache', 'bench-core-worker'),
      options: {
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // As the shell's bundle (scripts/build-electron.ts): packages bundled too, only the native one
        // loaded from node_modules. One file to read and compile rather than hundreds to resolve makes
        // every worker start (each e2e test starts one) about a fifth faster.
        external: ['better-sqlite3'],
        // Bundled CommonJS dependencies may still call require().
        banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
        logLevel: 'silent',
      },
    });
    return { script: file };
  } catch {
    return null;
  }
}
