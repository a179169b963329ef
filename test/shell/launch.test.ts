/**
 * `npm start` (electron/launch.ts): Electron where its runtime is installed; otherwise one line
 * saying so, then browser mode with the URL printed.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, planLaunch, SHELL_FILES } from '../../electron/launch.js';
import { REPO, tempFolder } from './helpers.js';

function fakeRuntime(): string {
  const dist = tempFolder('bench-runtime-');
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  mkdirSync(join(dist, exe, '..'), { recursive: true });
  writeFileSync(join(dist, exe), '');
  return dist;
}

function builtRoot(): string {
  const root = tempFolder('bench-root-');
  for (const file of SHELL_FILES) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

describe('launch plan', () => {
  it('falls back to browser mode, saying why in one line, when the Electron runtime is missing (as here)', () => {
    const plan = planLaunch({}, builtRoot());
    if (electronBinary({}) !== null) return; // a machine with the runtime downloaded
    expect(plan).toEqual({ mode: 'browser', reason: 'Electron runtime not available on this machine; starting the bench in browser mode.' });
  });

  it('launches Electron when the runtime and the built shell are there', () => {
    const runtime = fakeRuntime();
    expect(planLaunch({ ELECTRON_OVERRIDE_DIST_PATH: runtime }, builtRoot())).toMatchObject({ mode: 'electron', binary: expect.stringContaining(runtime) });
  });

  it('says the shell is not built when only the runtime is there', () => {
    const plan = planLaunch({ ELECTRON_OVERRIDE_DIST_PATH: fakeRuntime() }, tempFolder('bench-empty-'));
    expect(plan.mode).toBe('browser');
    if (plan.mode === 'browser') expect(plan.reason).toMatch(/^Electron shell not built \(missing dist-electron\/main\.cjs.*npm run build:electron/);
  });

  it('honours BENCH_BROWSER_MODE=1', () => {
    expect(planLaunch({ BENCH_BROWSER_MODE: '1', ELECTRON_OVERRIDE_DIST_PATH: fakeRuntime() }, builtRoot()).mode).toBe('browser');
  });

  it('prints one line, then serves the bench in browser mode and prints the URL', async () => {
    // Here the runtime is missing, so this is the real fallback; elsewhere browser mode is forced.
    const runtimeMissing = electronBinary(process.env) === null;
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron', 'launch.ts')], {
      cwd: REPO,
      env: { ...process.env, ...(runtimeMissing ? {} : { BENCH_BROWSER_MODE: '1' }), BENCH_DATA_DIR: tempFolder('bench-start-'), BENCH_PORT: '0' },
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#secret=\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    try {
      expect(out.split('\n')[0]).toBe(
        runtimeMissing ? 'Electron runtime not available on this machine; starting the bench in browser mode.' : 'BENCH_BROWSER_MODE=1; starting the bench in browser mode.',
      );
      const res = await fetch(new URL('/', url));
      expect([200, 503]).toContain(res.status); // 503 when the renderer is not built yet
    } finally {
      // Waits for it to end, so no bench is left running after the test.
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);

  it('says in one line that its port is in use, and exits 2, when BENCH_PORT is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron', 'web', 'main.ts')], {
        cwd: REPO,
        env: { ...process.env, BENCH_DATA_DIR: tempFolder('bench-start-'), BENCH_PORT: String(port) },
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(err.trim()).toBe(`Port ${port} is in use (another bench?): set BENCH_PORT to a free port, or 0 for any.`);
    } finally {
      taken.close();
    }
  }, 90_000);
});
