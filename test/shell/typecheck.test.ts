/**
 * The shell is type-checked against Electron's own type definitions (node_modules/electron/electron.d.ts,
 * installed without the binary) by `npm run typecheck` (tsc -p tsconfig.json). This test proves that:
 * the project includes the shell files and electron.d.ts, `npm test` runs that check before any test,
 * and the same compiler settings do reject misuse of Electron's API (probe files in a temp folder).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempFolder } from './helpers.js';

// TypeScript 7's native compiler, as `npm run typecheck` runs it (typescript-eslint keeps TypeScript 6).
const TSC = join(REPO, 'node_modules', 'typescript-native', 'bin', 'tsc');
const SHELL_PATHS = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/launch.ts',
  'electron/shell/',
  'electron/ipc/',
  'electron/settings/',
  'scripts/build-electron.ts',
  'scripts/electronegativity-check.ts',
  'test/shell/',
];

/** A whole-project tsc takes 5–15 s here, and far longer on a machine busy with other work. */
const TSC_TIMEOUT_MS = 240_000;

function tsc(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [TSC, ...args], { cwd: REPO, encoding: 'utf8', timeout: TSC_TIMEOUT_MS });
  // A tsc stopped by the timeout printed nothing: that must not read as "no errors".
  if (run.error || run.signal) throw new Error(`tsc did not finish: ${run.error?.message ?? run.signal}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('type-check against Electron’s types', { timeout: TSC_TIMEOUT_MS + 10_000 }, () => {
  it('covers the shell files and electron.d.ts in tsconfig.json', () => {
    const { status, output } = tsc('-p', 'tsconfig.json', '--listFilesOnly');
    expect(status).toBe(0);
    const files = output
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((f) => relative(REPO, resolve(REPO, f)).split(sep).join('/'));
    expect(files).toContain('node_modules/electron/electron.d.ts');
    for (const file of ['electron/main.ts', 'electron/preload.ts', 'electron/shell/menu.ts', 'electron/ipc/register-ipc.ts', 'electron/settings/settings-schema.ts']) {
      expect(files).toContain(file);
    }
    for (const shellPath of SHELL_PATHS) expect(files.some((f) => (shellPath.endsWith('/') ? f.startsWith(shellPath) : f === shellPath)), shellPath).toBe(true);
  });

  // The shell's own errors are found by the whole-project `npm run typecheck`, which `npm test` runs
  // before any test (a second whole-project tsc here cost CI about 40 s for the same answer).
  it('is run by npm test before the tests, over the project that holds the shell', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.typecheck).toBe('node node_modules/typescript-native/bin/tsc -p tsconfig.json --noEmit');
    const steps = scripts.test!.split('&&').map((step) => step.trim());
    expect(steps[0]).toMatch(/^tsx scripts\/run-parallel\.ts (\S+ )*typecheck( \S+)*$/);
  });

  it('rejects misuse of the Electron API with the same settings (so the check can fail)', () => {
    const dir = tempFolder('bench-typecheck-');
    const imp = (path: string) => JSON.stringify(join(REPO, path).split(sep).join('/'));
    const probes: Record<string, string> = {
      'good.ts': `
        import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
        import { registerBenchIpc, type IpcMainLike } from ${imp('electron/ipc/register-ipc.js')};
        const ipc: IpcMainLike = ipcMain;
        void registerBenchIpc;
        new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true } });
        void safeStorage.encryptStringAsync('x');
        void app.getPath('userData');
      `,
      'bad-webpreferences.ts': `
        import { BrowserWindow } from 'electron';
        new BrowserWindow({ webPreferences: { contextIsolation: 'yes' } });
      `,
      'bad-unknown-api.ts': `
        import { app } from 'electron';
        app.getPath('not-a-path-name');
      `,
      'bad-safestorage.ts': `
        import { safeStorage } from 'electron';
        const s: string = await safeStorage.encryptStringAsync('x');
        export { s };
      `,
      'bad-ipc-shape.ts': `
        import { ipcMain } from 'electron';
        interface WrongIpc { handle(channel: number, listener: (event: { senderFrame: string }) => void): void; removeHandler(c: string): void }
        const ipc: WrongIpc = ipcMain;
        export { ipc };
      `,
    };
    for (const [name, text] of Object.entries(probes)) writeFileSync(join(dir, name), text);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(REPO, 'tsconfig.json'),
        compilerOptions: {
          typeRoots: [join(REPO, 'node_modules', '@types')],
          paths: { electron: [join(REPO, 'node_modules', 'electron', 'electron.d.ts')] },
        },
        files: Object.keys(probes),
        // Only the probes (and what they import): the base's `include` is inherited unless replaced, and
        // with it every probe run type-checked the whole project again.
        include: [],
      }),
    );
    const { status, output } = tsc('-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false');
    expect(status).not.toBe(0);
    const failing = new Set(
      output
        .split('\n')
        .filter((l) => /error TS\d+/.test(l))
        .map((l) => l.split('(')[0]!.trim().split(/[\\/]/).pop()),
    );
    expect(failing.has('good.ts'), output).toBe(false);
    for (const name of Object.keys(probes).filter((n) => n.startsWith('bad-'))) expect(failing.has(name), `${name} should not type-check\n${output}`).toBe(true);
  });
});
