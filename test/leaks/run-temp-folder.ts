/**
 * "No temp folder left behind": a test run gives itself a temp folder of its own (TMPDIR, so os.tmpdir()
 * in the runner and in every worker and process started under it points there); at the end, whatever
 * is still in it was left by a test, and the check names it. The folder is removed either way (also
 * when the run is stopped with Ctrl-C, or a teardown before the check failed), so a machine that runs
 * the tests every day does not fill its disk (tests here write databases of 100 MB).
 * Kept in the environment (as run-marker.ts keeps its id): a runner may load its setup and teardown apart.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const RUN_TEMP = 'PACKING_BENCH_TEST_TMP';
/** TMPDIR as it was before the run (empty: it was not set). */
const TMPDIR_BEFORE = 'PACKING_BENCH_TEST_TMPDIR_BEFORE';
/** How many setups of this run share the folder (Vitest runs each project's globalSetup: the last teardown checks). */
const USERS = 'PACKING_BENCH_TEST_TMP_USERS';

/**
 * Compile caches tools keep in the temp folder (tsx's, jiti's for the ESLint config): linked to the
 * usual ones, so processes a test starts do not compile every file again each run. Not leftovers.
 */
function toolCaches(): string[] {
  return [`tsx-${process.geteuid?.() ?? userInfo().username}`, 'jiti'];
}

/** Makes the run's temp folder and points TMPDIR at it; another setup in the same run (another Vitest project) shares it. */
export function startRunTempFolder(prefix: string): void {
  process.env[USERS] = String(Number(process.env[USERS] ?? 0) + 1);
  if (process.env[RUN_TEMP]) return;
  const outside = tmpdir();
  const dir = mkdtempSync(join(outside, prefix));
  // Others may pass through (not list): the test PostgreSQL runs as its own user when the tests run as root.
  chmodSync(dir, 0o711);
  for (const cache of toolCaches()) {
    mkdirSync(join(outside, cache), { recursive: true, mode: 0o700 });
    symlinkSync(join(outside, cache), join(dir, cache));
  }
  process.env[TMPDIR_BEFORE] = process.env.TMPDIR ?? '';
  process.env[RUN_TEMP] = dir;
  process.env.TMPDIR = dir;
  // Ctrl-C ends the runner through process.exit, and a failed teardown skips the check: the folder still goes.
  process.once('exit', () => removeFolder(dir));
}

/**
 * At the last teardown of the run: what is left in its temp folder (names, sorted, the tools' caches
 * aside), then removes it and gives TMPDIR back. Null at an earlier teardown.
 */
export function finishRunTempFolder(): { dir: string; left: string[] } | null {
  const users = Number(process.env[USERS] ?? 0) - 1;
  process.env[USERS] = String(Math.max(users, 0));
  const dir = process.env[RUN_TEMP];
  if (!dir || users > 0) return null;
  const before = process.env[TMPDIR_BEFORE];
  if (before) process.env.TMPDIR = before;
  else delete process.env.TMPDIR;
  delete process.env[RUN_TEMP];
  delete process.env[TMPDIR_BEFORE];
  delete process.env[USERS];
  const caches = new Set(toolCaches());
  const left = existsSync(dir) ? readdirSync(dir).filter((name) => !caches.has(name)).sort() : [];
  removeFolder(dir);
  return { dir, left };
}

/** The caches are links: removed as links, their targets kept. A file still being closed gets a few tries. */
function removeFolder(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Said by the check (what was left); a folder that cannot go now is not worth failing the run for.
  }
}

export function describeLeftoverFolders(who: string, dir: string, left: string[]): string {
  const shown = left.slice(0, 20).join(', ');
  const more = left.length > 20 ? ` and ${left.length - 20} more` : '';
  return `${who} left ${left.length} temp folder(s) or file(s) behind in ${dir} (removed now): ${shown}${more}. Each test removes what it makes (test/support/cleanup.ts).`;
}
