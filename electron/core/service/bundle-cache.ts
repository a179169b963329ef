/**
 * An esbuild bundle kept on disk and used again while every file it was built from reads the same.
 * Checking the core worker's ~500 input files costs about 40 ms; bundling them costs about 0.8 s,
 * which every process that started a core from source paid: each `npm run cli` command, each start
 * of the browser-mode host, each test process.
 *
 * A bundle's manifest lists its inputs (esbuild's metafile) and one hash over their paths and bytes.
 * A changed input, a removed one or another esbuild version or option builds again; an edit that
 * adds an import changes the importing file, so the new file is seen too. Writes are atomic (a
 * temporary file renamed): processes starting side by side never read half a file.
 *
 * Each edit that a process then runs leaves a new bundle of about 3 MB: building one removes the others
 * no manifest names that were last used over a day ago (a use touches its bundle). Not at once, since
 * a host started earlier may still run an older bundle and read it again to restart a crashed worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Esbuild from 'esbuild';
import { z } from 'zod';

export interface BundleRequest {
  esbuild: typeof Esbuild;
  /** The entry file (absolute). */
  entry: string;
  /** The folder the inputs are named from (the project root): the same bundle whatever the cwd. */
  root: string;
  /** Where bundles and manifests are kept. */
  cacheDir: string;
  /** esbuild options besides entry, bundling and output (platform, format, externals, banner…). */
  options: Omit<Esbuild.BuildOptions, 'entryPoints' | 'bundle' | 'write' | 'metafile' | 'absWorkingDir' | 'outfile' | 'outdir'>;
}

export interface CachedBundle {
  /** The bundle's file. */
  file: string;
  /** False when a bundle built earlier was used as it was. */
  built: boolean;
}

const manifestSchema = z.object({ inputs: z.array(z.string()), fingerprint: z.string(), bundle: z.string() });
type Manifest = z.infer<typeof manifestSchema>;

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One hash over the inputs' names and bytes; null when one can no longer be read (removed, moved) or
 * was written at or after `unchangedSince` (ms since the epoch): then what esbuild read may not be
 * what is hashed here.
 */
function fingerprintOf(root: string, inputs: readonly string[], unchangedSince = Infinity): string | null {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const path = join(root, input);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
      if (unchangedSince !== Infinity && statSync(path).mtimeMs >= unchangedSince) return null;
    } catch {
      return null;
    }
    hash.update(input).update('\0').update(bytes).update('\0');
  }
  return hash.digest('hex');
}

/** The manifest kept beside a bundle; null when there is none or it cannot be read (then the bundle is built). */
function readManifest(file: string): Manifest | null {
  try {
    return manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))).data ?? null;
  } catch {
    return null;
  }
}

function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** A bundle no manifest names is removed once it has gone unused this long (ms). */
export const UNUSED_BUNDLE_KEPT_MS = 24 * 60 * 60 * 1000;

const BUNDLE_NAME = /^bundle-[0-9a-f]{16}\.mjs$/;

/** Marks a bundle used now, so pruning keeps it while processes still start from it. */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves; the bundle may then be pruned a day after it was built.
  }
}

/** Removes the bundles in cacheDir that no manifest names and that have gone unused UNUSED_BUNDLE_KEPT_MS. */
function pruneUnused(cacheDir: string): void {
  const now = Date.now();
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  const named = new Set(names.filter((name) => name.startsWith('manifest-')).map((name) => readManifest(join(cacheDir, name))?.bundle));
  for (const name of names) {
    if (!BUNDLE_NAME.test(name) || named.has(name)) continue;
    const file = join(cacheDir, name);
    try {
      if (now - statSync(file).mtimeMs > UNUSED_BUNDLE_KEPT_MS) rmSync(file, { force: true });
    } catch {
      // Removed meanwhile by another process's pruning.
    }
  }
}

/** The bundle of request.entry: the one built earlier when its inputs read the same, else a new one. */
export function cachedBundle(request: BundleRequest): CachedBundle {
  const { esbuild, entry, root, cacheDir, options } = request;
  // One manifest per entry, esbuild version and options: changing any of them builds afresh.
  const manifestFile = join(cacheDir, `manifest-${sha256(JSON.stringify([entry, root, esbuild.version, options])).slice(0, 16)}.json`);
  const manifest = readManifest(manifestFile);
  if (manifest) {
    const file = join(cacheDir, manifest.bundle);
    if (existsSync(file) && fingerprintOf(root, manifest.inputs) === manifest.fingerprint) {
      touch(file);
      return { file, built: false };
    }
  }
  // Less a second: file times are coarser than the clock, and a file written just before is not worth the doubt.
  const started = Date.now() - 1000;
  const result = esbuild.buildSync({ ...options, entryPoints: [entry], bundle: true, write: false, metafile: true, absWorkingDir: root });
  // buildSync keeps esbuild's service process for later builds; there are none: stop it now.
  void esbuild.stop();
  const output = result.outputFiles![0]!.text;
  const inputs = Object.keys(result.metafile!.inputs).sort();
  const fingerprint = fingerprintOf(root, inputs, started);
  const bundle = `bundle-${sha256(output).slice(0, 16)}.mjs`;
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(join(cacheDir, bundle), output);
  // When an input was written while esbuild ran, no manifest: the next start builds again.
  if (fingerprint !== null) writeAtomically(manifestFile, JSON.stringify({ inputs, fingerprint, bundle } satisfies Manifest));
  pruneUnused(cacheDir);
  return { file: join(cacheDir, bundle), built: true };
}
