/**
 * scripts/build-electron.ts: the bundles it writes. The sandboxed preload is one self-contained CJS
 * file that requires only 'electron' and carries exactly the contract's methods; main.cjs requires
 * only electron and Node built-ins (the database lives in the core's worker thread, whose bundle
 * core-worker.mjs is the one that loads better-sqlite3), and main.cjs loads under Node with 'electron' swapped for a
 * recording stub (a smoke test of the bundle's start-up path; Electron itself cannot run here).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_METHODS } from '../../shared/contract/api.js';
import { buildElectron } from '../../scripts/build-electron.js';
import { args, findAll, identifierName, literalValue, parseTs, prop } from './lib/ast.js';
import { REPO, tempFolder } from './helpers.js';

function requiredModules(file: string): string[] {
  const ast = parseTs(readFileSync(file, 'utf8'), file.replace(/\.cjs$/, '.js'));
  return findAll(ast, (n) => n.type === 'CallExpression' && identifierName(prop(n, 'callee')) === 'require').map(({ node }) => String(literalValue(args(node)[0] ?? null)));
}

/** Built into a temp folder, so this test never races the packaging test over dist-electron/. */
let OUT_DIR = '';
beforeAll(async () => {
  OUT_DIR = tempFolder('bench-build-out-');
  await buildElectron(OUT_DIR);
}, 120_000);

describe('build-electron', () => {
  it('writes a self-contained preload that requires only electron', () => {
    const preload = join(OUT_DIR, 'preload.cjs');
    expect([...new Set(requiredModules(preload))]).toEqual(['electron']);
    const text = readFileSync(preload, 'utf8');
    const methods = /var BENCH_METHODS = (\[[^\]]*\]);/.exec(text)?.[1];
    expect(methods && JSON.parse(methods)).toEqual(BENCH_METHODS);
    expect(text).not.toMatch(/\bzod\b/);
    expect(text.length).toBeLessThan(20_000);
  });

  it('keeps only electron and Node built-ins external in main.cjs: the main process never loads SQLite', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    // Prefix-only built-ins (e.g. node:sqlite, required lazily by undici) are not in this Node's list.
    const external = [...new Set(requiredModules(join(OUT_DIR, 'main.cjs')))].filter((m) => !builtins.has(m) && !m.startsWith('node:'));
    expect(external.sort()).toEqual(['electron']);
  });

  it('bundles the core worker as ESM that imports only better-sqlite3 and Node built-ins', () => {
    const text = readFileSync(join(OUT_DIR, 'core-worker.mjs'), 'utf8');
    const imported = [...text.matchAll(/^import\s+(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect([...new Set(imported.filter((m) => !builtins.has(m) && !m.startsWith('node:')))]).toEqual(['better-sqlite3']);
    expect(text).not.toMatch(/from ["']electron["']/);
  });

  it('starts up under a stand-in electron module: one-instance lock, app:// privileged, hardening hooks', () => {
    const dir = tempFolder('bench-build-');
    const stub = join(dir, 'electron-stub.cjs');
    writeFileSync(
      stub,
      `
      const calls = [];
      const record = (name) => (...a) => { calls.push([name, ...a.filter((x) => typeof x !== 'function')]); };
      const app = {
        setName: record('setName'), setPath: record('setPath'), getPath: (n) => ${JSON.stringify(dir)} + '/' + n,
        requestSingleInstanceLock: () => { calls.push(['lock']); return process.env.STUB_LOCK === '1'; },
        quit: record('quit'), on: record('on'), whenReady: () => new Promise(() => {}),
      };
      module.exports = {
        app, ipcMain: { handle() {}, removeHandler() {}, on() {} }, protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged') },
        BrowserWindow: class {}, Menu: {}, dialog: {}, screen: {}, session: {}, shell: {}, safeStorage: {},
      };
      process.on('exit', () => process.stdout.write('CALLS ' + JSON.stringify(calls) + '\\n'));
      `,
    );
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      `const Module = require('node:module'); const orig = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) { return request === 'electron' ? ${JSON.stringify(stub)} : orig.call(this, request, ...rest); };`,
    );
    const run = (lock: '0' | '1') => {
      const r = spawnSync(process.execPath, ['-r', hook, join(OUT_DIR, 'main.cjs')], { encoding: 'utf8', env: { ...process.env, STUB_LOCK: lock, NODE_PATH: join(REPO, 'node_modules') }, timeout: 60_000 });
      expect(r.stderr).toBe('');
      const line = r.stdout.split('\n').find((l) => l.startsWith('CALLS '));
      return JSON.parse(line!.slice(6)) as unknown[][];
    };
    const second = run('0');
    expect(second).toContainEqual(['lock']);
    expect(second).toContainEqual(['quit']);
    expect(second).toContainEqual(['setPath', 'userData', join(dir, 'appData', 'packing-bench')]);
    expect(second).toContainEqual([
      'registerSchemesAsPrivileged',
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }],
    ]);
    const first = run('1');
    expect(first).not.toContainEqual(['quit']);
    for (const event of ['second-instance', 'web-contents-created', 'window-all-closed', 'will-quit']) expect(first).toContainEqual(['on', event]);
  });
});
