/**
 * Bundles the Electron shell with esbuild:
 *   electron/main.ts    → dist-electron/main.cjs     (Node platform, CJS; electron and native modules external)
 *   electron/preload.ts → dist-electron/preload.cjs  (one self-contained CJS file; only 'electron' external,
 *                                                     as a sandboxed preload can require nothing else)
 *   electron/core/service/core-worker.ts → dist-electron/core-worker.mjs (the core's worker thread:
 *                                                     ESM for its top-level await; better-sqlite3 external)
 * Run: npm run build:electron  (never imports or runs Electron itself).
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_METHODS } from '../shared/contract/api.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist-electron');

/** Loaded from node_modules at run time (native code, or Electron itself). */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3'];
export const PRELOAD_EXTERNALS = ['electron'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

/**
 * The preload needs only the contract's method names, not its zod schemas: its import of
 * shared/contract/api.js is served as a generated module holding BENCH_METHODS (taken from the real
 * contract at build time), which keeps the sandboxed preload small and free of validation code.
 */
export const preloadContractPlugin: Plugin = {
  name: 'bench-preload-contract',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/contract\/api(\.js|\.ts)?$/ }, (args) =>
      args.importer.endsWith(join('electron', 'preload.ts')) ? { path: 'bench-methods', namespace: 'bench-contract' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'bench-contract' }, () => ({
      contents: `export const BENCH_METHODS = ${JSON.stringify(BENCH_METHODS)};`,
      loader: 'js',
    }));
  },
};

export async function buildElectron(outDir: string = OUT_DIR): Promise<{ main: Metafile; preload: Metafile; worker: Metafile }> {
  rmSync(outDir, { recursive: true, force: true });
  const [main, preload, worker] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'electron', 'main.ts')],
      outfile: join(outDir, 'main.cjs'),
      external: MAIN_EXTERNALS,
    }),
    build({
      ...common,
      entryPoints: [join(root, 'electron', 'preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      external: PRELOAD_EXTERNALS,
      plugins: [preloadContractPlugin],
      // The sandboxed preload has no Node: no node: built-ins may slip in.
      platform: 'browser',
      target: 'chrome130',
    }),
    build({
      ...common,
      entryPoints: [join(root, 'electron', 'core', 'service', 'core-worker.ts')],
      outfile: join(outDir, 'core-worker.mjs'),
      format: 'esm',
      external: ['better-sqlite3'],
      // Bundled CommonJS dependencies may still call require().
      banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    }),
  ]);
  return { main: main.metafile!, preload: preload.metafile!, worker: worker.metafile! };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  buildElectron().then(
    () => console.log(`Electron shell built in ${OUT_DIR}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
