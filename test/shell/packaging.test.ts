/**
 * electron-builder.yml: targets, fuses, native rebuild and asar settings as required; and the files
 * that actually end up in app.asar, from a real electron-builder `--dir` run that works offline:
 * a stand-in Electron distribution folder (electronDist), no native rebuild (it would rebuild
 * better-sqlite3 in place for Electron) and no fuse flipping (the stand-in binary has no fuses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.js';
import { REPO, tempFolder } from './helpers.js';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[] };

const configSchema = z.object({
  appId: z.string(),
  productName: z.literal('Packing Bench'),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()),
  npmRebuild: z.literal(true),
  buildDependenciesFromSource: z.boolean(),
  files: z.array(z.string()),
  electronFuses: z.object({
    runAsNode: z.literal(false),
    enableCookieEncryption: z.literal(true),
    enableNodeOptionsEnvironmentVariable: z.literal(false),
    enableNodeCliInspectArguments: z.literal(false),
    enableEmbeddedAsarIntegrityValidation: z.literal(true),
    onlyLoadAppFromAsar: z.literal(true),
    grantFileProtocolExtraPrivileges: z.literal(false),
  }),
  linux: z.object({ target: z.array(z.string()), icon: z.string() }),
  win: z.object({ target: z.array(z.string()), icon: z.string() }),
  mac: z.object({ target: z.array(z.string()), icon: z.string() }),
});

const config = configSchema.parse(yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')));

describe('electron-builder.yml', () => {
  it('builds AppImage + deb, NSIS and dmg with the generated icon', () => {
    expect(config.linux.target.sort()).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      const png = readFileSync(join(REPO, icon));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512); // height
    }
  });

  it('unpacks better-sqlite3 from the asar (native code)', () => {
    expect(config.asarUnpack.some((p) => p.includes('node_modules/better-sqlite3'))).toBe(true);
  });
});

describe('what gets packaged', () => {
  let files: string[] = [];
  const hasRenderer = existsSync(join(REPO, 'dist', 'renderer', 'index.html'));

  beforeAll(async () => {
    await buildElectron();
    const dir = tempFolder('bench-pack-');
    const electronDist = join(dir, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(electronDist, 'version'), '45.5.0');
    const dryRun = join(dir, 'dry-run.yml');
    writeFileSync(
      dryRun,
      [
        `extends: ${JSON.stringify(join(REPO, 'electron-builder.yml'))}`,
        'electronFuses: null',
        'npmRebuild: false',
        `electronDist: ${JSON.stringify(electronDist)}`,
        'directories:',
        `  output: ${JSON.stringify(join(dir, 'out'))}`,
        '  buildResources: build',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [join(REPO, 'node_modules', 'electron-builder', 'cli.js'), '--config', dryRun, '--dir', '--linux', '--x64', '--publish', 'never'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, CI: 'true' },
    });
    const archive = join(dir, 'out', 'linux-unpacked', 'resources', 'app.asar');
    if (!existsSync(archive)) throw new Error(`electron-builder --dir did not produce app.asar:\n${run.stdout}\n${run.stderr}`);
    files = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  }, 300_000);

  it('holds the shell bundles, package.json and the native module', () => {
    for (const f of ['/package.json', '/dist-electron/main.cjs', '/dist-electron/preload.cjs', '/dist-electron/core-worker.mjs', '/node_modules/better-sqlite3/lib/database.js', '/node_modules/bindings/bindings.js']) {
      expect(files).toContain(f);
    }
    if (hasRenderer) expect(files).toContain('/dist/renderer/index.html');
  });

  it('holds nothing else: no sources, tests, hub, scripts, maps or bundled-in dependencies', () => {
    const allowed = [/^\/package\.json$/, /^\/dist\/renderer(\/|$)/, /^\/dist(\/)?$/, /^\/dist-electron(\/|$)/, /^\/node_modules(\/|$)/];
    const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
    expect(stray).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|map)$/.test(f))).toEqual([]);
    const modules = [...new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]))].sort();
    expect(modules).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    expect(files.filter((f) => f.startsWith('/node_modules/better-sqlite3/') && /\/(src|deps)\/|\.a$|test_extension/.test(f))).toEqual([]);
  });
});
