/**
 * Which Chromium the end-to-end tests and the UI benchmarks launch, in this order:
 *  1. `CHROMIUM_PATH`, when set (an error if it is not an executable file: the user asked for it);
 *  2. a system Chromium or Chrome in the search folders (PATH, then the usual install folders);
 *  3. the Chromium shipped inside the npm package `@sparticuz/chromium` (a devDependency), unpacked
 *     once into a cache folder under the temp dir. No network and no apt: a fresh `npm install` is enough.
 * `CHROMIUM_SEARCH_DIRS` (colon-separated; empty for none) replaces the search folders, so a run can
 * hide the system browser and prove the packaged one works.
 *
 * Everything here is synchronous because Playwright reads its config synchronously; the package's own
 * unpacker is async, so it runs once in a child Node process.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Executable names of a system Chromium or Chrome, most preferred first. */
export const SYSTEM_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'] as const;
/** Where distributions install them, searched after PATH. */
export const USUAL_BROWSER_DIRS = ['/usr/bin', '/usr/local/bin', '/opt/google/chrome', '/snap/bin'] as const;

/** Headless flags for every launch, whichever Chromium was found. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // Without these, Chromium keeps calling out to a network this machine does not have.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The scanner's audible refusal plays without a prior click.
  '--autoplay-policy=no-user-gesture-required',
];

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'packaged';

export interface FoundChromium {
  executablePath: string;
  source: ChromiumSource;
}

export interface ChromiumSearch {
  /** An explicit executable (CHROMIUM_PATH); empty or undefined means "find one". */
  chromiumPath?: string | undefined;
  /** Folders searched for a system browser, in order. */
  searchDirs: readonly string[];
  /** Where the packaged Chromium is unpacked (once) and reused from. */
  packagedCacheDir: string;
}

/** The search as the environment asks for it (CHROMIUM_PATH, CHROMIUM_SEARCH_DIRS, PATH). */
export function chromiumSearchFromEnv(env: NodeJS.ProcessEnv = process.env): ChromiumSearch {
  const override = env.CHROMIUM_SEARCH_DIRS;
  const searchDirs =
    override !== undefined ? splitDirs(override) : [...splitDirs(env.PATH ?? ''), ...USUAL_BROWSER_DIRS];
  return { chromiumPath: env.CHROMIUM_PATH, searchDirs, packagedCacheDir: defaultPackagedCacheDir() };
}

export function findChromium(search: ChromiumSearch): FoundChromium {
  if (search.chromiumPath) {
    if (!isExecutableFile(search.chromiumPath)) {
      throw new Error(`CHROMIUM_PATH is ${search.chromiumPath}, which is not an executable file. Unset it to use a system or the packaged Chromium.`);
    }
    return { executablePath: search.chromiumPath, source: 'CHROMIUM_PATH' };
  }
  for (const dir of new Set(search.searchDirs)) {
    for (const name of SYSTEM_BROWSER_NAMES) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return { executablePath: candidate, source: 'system' };
    }
  }
  return { executablePath: packagedChromium(search.packagedCacheDir), source: 'packaged' };
}

/** One cache per package version and user id (the unpacked binary is private to its owner). */
export function defaultPackagedCacheDir(): string {
  return join(tmpdir(), `packing-bench-chromium-${packagedVersion()}-uid${process.getuid?.() ?? 0}`);
}

const LAUNCHER = 'chromium-launcher';

/**
 * The packaged Chromium's launcher, unpacking it first if this cache does not have it yet. The launcher
 * is a shell script that points the binary at the NSS libraries and fonts unpacked beside it (a fresh
 * Debian has neither libnss3 nor fonts) and then execs it, so a bare executable path is all any caller
 * needs. Concurrent callers (Playwright loads its config in every worker) each unpack into their own
 * staging folder and rename it into place; the first rename wins and a finished cache is never touched.
 */
export function packagedChromium(cacheDir: string): string {
  const launcher = join(cacheDir, LAUNCHER);
  if (existsSync(launcher)) return launcher;
  const staging = mkdtempSync(`${cacheDir}.unpacking-`);
  try {
    unpackInto(staging);
    writeFileSync(join(staging, 'fonts.conf'), fontsConf(cacheDir));
    writeFileSync(join(staging, LAUNCHER), launcherScript(cacheDir), { mode: 0o755 });
    // A cache folder without a launcher is left from an interrupted run (renames are atomic): replace it.
    if (existsSync(cacheDir) && !existsSync(launcher)) rmSync(cacheDir, { recursive: true, force: true });
    try {
      renameSync(staging, cacheDir);
    } catch (error) {
      if (!existsSync(launcher)) throw error; // not "another process finished first"
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(launcher)) throw new Error(`Unpacking the packaged Chromium did not produce ${launcher}.`);
  return launcher;
}

/** Runs the package's own unpacker with TMPDIR pointing at `dir` (it unpacks into the temp dir). */
function unpackInto(dir: string): void {
  const script = `
    const [entry, binDir] = process.argv.slice(1);
    const { default: Chromium, inflate } = await import(entry);
    await Chromium.executablePath(binDir);
    await inflate(binDir + '/al2023.tar.br');
  `;
  const entry = packageEntry();
  const binDir = join(dirname(entry), '..', 'bin');
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(entry).href, binDir], {
      env: { ...process.env, TMPDIR: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 300_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Could not unpack the Chromium in @sparticuz/chromium into ${dir}: ${stderr || (error as Error).message}`, { cause: error });
  }
  for (const part of ['chromium', 'fonts/fonts', 'al2023/lib/libnss3.so']) {
    if (!existsSync(join(dir, part))) throw new Error(`The unpacked @sparticuz/chromium lacks ${part} (in ${dir}).`);
  }
}

/** The package's bundled fonts first, then any system fonts; cache inside the unpacked folder. */
function fontsConf(cacheDir: string): string {
  const dirs = [join(cacheDir, 'fonts', 'fonts'), '/usr/share/fonts', '/usr/local/share/fonts'];
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...dirs.map((dir) => `  <dir>${xmlText(dir)}</dir>`),
    `  <cachedir>${xmlText(join(cacheDir, 'fontconfig-cache'))}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

function launcherScript(cacheDir: string): string {
  const quoted = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    `# The Chromium of @sparticuz/chromium ${packagedVersion()} with its own NSS libraries and fonts (test/chromium-finder.ts).`,
    `LD_LIBRARY_PATH=${quoted(join(cacheDir, 'al2023', 'lib'))}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}`,
    `FONTCONFIG_FILE=${quoted(join(cacheDir, 'fonts.conf'))}`,
    'export LD_LIBRARY_PATH FONTCONFIG_FILE',
    `exec ${quoted(join(cacheDir, 'chromium'))} "$@"`,
    '',
  ].join('\n');
}

function packageEntry(): string {
  return createRequire(import.meta.url).resolve('@sparticuz/chromium');
}

function packagedVersion(): string {
  const manifest = JSON.parse(readFileSync(join(dirname(packageEntry()), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function splitDirs(list: string): string[] {
  return list.split(delimiter).filter((dir) => dir.length > 0);
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
