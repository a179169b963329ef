/**
 * Layering: shared/ imports nothing from the other layers nor Node/Electron/SQLite; renderer/
 * imports only shared/ (no Node, Electron, SQLite); electron/core and electron/web never import
 * 'electron'; only the shell files (electron/main.ts, electron/preload.ts, electron/shell/**) do;
 * electron/ never imports hub/ and hub/ never imports electron/ (type-only imports included): what
 * the bench and the hub share (the sync protocol) lives in shared/.
 * Every import/export-from/require/dynamic import specifier is checked, relative ones resolved.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './core/helpers.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** The app's own code; tests and build scripts may use anything. */
const LAYERS = ['shared', 'renderer', 'electron', 'hub'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'dist-electron', 'release', 'test-results', '.git']);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]!]));

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

/** Every module specifier a file names: static imports, re-exports, import(), require(), import x = require(). */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const patterns = [
    /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*[,)]/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\bimport\s+\w+\s*=\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  const found = new Set<string>();
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** Specifiers that load code at run time: `import type` / `export type` lines are left out. */
export function valueImportSpecifiers(source: string): string[] {
  const withoutTypeOnly = source.replace(/\b(?:import|export)\s+type\s+[\w*{}\s,$]*?\s*from\s*['"][^'"]+['"]/g, ' ');
  return importSpecifiers(withoutTypeOnly);
}

/**
 * The relays (Electron main and shell, the IPC layer, browser mode, the CLI) start the core's worker thread
 * and never open the database themselves: following their value imports through the repository must
 * never reach better-sqlite3. The worker's entry is loaded by path (a Worker), not imported.
 */
export function relayFiles(root: string): string[] {
  const rels = [
    ...listSources(join(root, 'electron', 'shell')),
    ...listSources(join(root, 'electron', 'web')),
    ...listSources(join(root, 'electron', 'ipc')),
    join(root, 'electron', 'main.ts'),
    join(root, 'electron', 'core', 'cli.ts'),
  ];
  return rels.filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
}

export function checkRelaysNeverOpenTheDatabase(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const start of relayFiles(root)) {
    const seen = new Set<string>();
    const queue: Array<{ file: string; via: string[] }> = [{ file: start, via: [] }];
    while (queue.length) {
      const { file, via } = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const specifier of valueImportSpecifiers(source)) {
        const path = [...via, relative(root, file).split(sep).join('/')];
        if (isSqlite(specifier)) {
          violations.push({ file: relative(root, start).split(sep).join('/'), specifier, rule: `relays never open the database (via ${path.join(' → ')})` });
          continue;
        }
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '');
        const candidates = [`${target}.ts`, `${target}.tsx`, target];
        const found = candidates.find((c) => statSync(c, { throwIfNoEntry: false })?.isFile());
        if (found) queue.push({ file: found, via: path });
      }
    }
  }
  return violations;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!);
}
const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const isSqlite = (s: string) => s === 'better-sqlite3' || s.startsWith('better-sqlite3/');

function listSources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (SKIP_DIRS.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return SOURCE_EXTENSIONS.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Checks the layering rules over a repository root; returns every violation found. */
export function checkLayering(root: string): Violation[] {
  const violations: Violation[] = [];
  const files = LAYERS.flatMap((layer) => listSources(join(root, layer)));
  for (const file of files) {
    const rel = relative(root, file).split(sep).join('/');
    const layer = rel.split('/')[0]!;
    const isShell = rel === 'electron/main.ts' || rel === 'electron/preload.ts' || rel.startsWith('electron/shell/');
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const add = (rule: string) => violations.push({ file: rel, specifier, rule });
      // where a relative specifier lands, as a repository path
      const target = specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)).split(sep).join('/') : null;
      const targetLayer = target?.split('/')[0];
      if (target?.startsWith('..')) add('imports from outside the repository');
      if (isElectron(specifier) && !isShell) add(`only electron/main.ts, electron/preload.ts and electron/shell/** may import 'electron'`);
      if (layer === 'shared') {
        if (targetLayer && targetLayer !== 'shared') add(`shared/ imports from ${targetLayer}/`);
        if (isBuiltin(specifier)) add('shared/ imports a Node builtin');
        if (isSqlite(specifier)) add('shared/ imports better-sqlite3');
      }
      if (layer === 'electron' && targetLayer === 'hub') add('electron/ imports from hub/ (share it through shared/)');
      if (layer === 'hub' && targetLayer === 'electron') add('hub/ imports from electron/ (share it through shared/)');
      if (layer === 'renderer') {
        if (targetLayer && targetLayer !== 'renderer' && targetLayer !== 'shared') add(`renderer/ imports from ${targetLayer}/`);
        if (isBuiltin(specifier)) add('renderer/ imports a Node builtin');
        if (isSqlite(specifier)) add('renderer/ imports better-sqlite3');
      }
    }
  }
  return violations;
}

describe('layering', () => {
  it('finds every kind of specifier', () => {
    const source = `
      import a from './a.js';
      import type { B } from "../b.js";
      import * as c from 'c';
      import { d1,
        d2 } from 'd';
      import 'side-effect';
      export * from './e.js';
      export { f } from 'f';
      export type { G } from 'g';
      const h = await import('h');
      const i = require("i");
      import j = require('j');
      const k = import(\`k\`);
      // import fake from 'commented-out';
      /* import other from 'block-comment'; */
      const s = "http://example.com"; import l from 'l';
    `;
    expect(importSpecifiers(source).sort()).toEqual(['../b.js', './a.js', './e.js', 'c', 'd', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'side-effect'].sort());
  });

  it('fails on a tree that breaks each rule', () => {
    const root = tempDir('bench-layering-');
    const files: Record<string, string> = {
      'shared/ok.ts': `import { z } from 'zod'; import { x } from './other.js';`,
      'shared/bad-layer.ts': `import { openBenchCore } from '../electron/core/bench-core.js';`,
      'shared/bad-node.ts': `import { readFileSync } from 'node:fs';\nimport path from 'path';`,
      'shared/bad-sqlite.ts': `const Database = require('better-sqlite3');`,
      'shared/bad-renderer.ts': `export * from '../renderer/app/App.js';`,
      'renderer/ok.tsx': `import { benchApiContract } from '../shared/contract/api.js'; import React from 'react';`,
      'renderer/bad-core.ts': `const core = await import('../electron/core/bench-core.js');`,
      'renderer/bad-hub.ts': `import type { Hub } from '../hub/main.js';`,
      'renderer/bad-electron.ts': `import { ipcRenderer } from 'electron';`,
      'renderer/bad-crypto.ts': `import { randomUUID } from 'crypto';`,
      'electron/core/bad.ts': `import { app } from 'electron';`,
      'electron/web/bad.ts': `const { shell } = require('electron');`,
      'electron/main.ts': `import { app, BrowserWindow } from 'electron';`,
      'electron/preload.ts': `import { contextBridge } from 'electron';`,
      'electron/shell/window.ts': `import { BrowserWindow } from 'electron/main';`,
      'electron/launch.ts': `import electron from 'electron';`,
      'hub/bad.ts': `import { app } from 'electron';`,
      'hub/ok.ts': `import { syncOpSchema } from '../shared/sync/ops.js'; import pg from 'pg';`,
      'hub/bad-bench.ts': `import type { PullApplier } from '../electron/core/sync/apply-pull.js';`,
      'hub/push/bad-deep.ts': `export * from '../../electron/core/db/migrations.js';`,
      'electron/core/sync/bad-hub.ts': `import type { PushResponse } from '../../../hub/protocol.js';`,
      'electron/web/bad-hub.ts': `const { startHub } = await import('../../hub/hub.js');`,
      'electron/core/ok.ts': `import { pullChangeSchema } from '../../shared/sync/protocol.js';`,
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const found = checkLayering(root).map((v) => `${v.file} -> ${v.specifier}`).sort();
    expect(found).toEqual(
      [
        'shared/bad-layer.ts -> ../electron/core/bench-core.js',
        'shared/bad-node.ts -> node:fs',
        'shared/bad-node.ts -> path',
        'shared/bad-sqlite.ts -> better-sqlite3',
        'shared/bad-renderer.ts -> ../renderer/app/App.js',
        'renderer/bad-core.ts -> ../electron/core/bench-core.js',
        'renderer/bad-hub.ts -> ../hub/main.js',
        'renderer/bad-electron.ts -> electron',
        'renderer/bad-crypto.ts -> crypto',
        'electron/core/bad.ts -> electron',
        'electron/web/bad.ts -> electron',
        'electron/launch.ts -> electron',
        'hub/bad.ts -> electron',
        'hub/bad-bench.ts -> ../electron/core/sync/apply-pull.js',
        'hub/push/bad-deep.ts -> ../../electron/core/db/migrations.js',
        'electron/core/sync/bad-hub.ts -> ../../../hub/protocol.js',
        'electron/web/bad-hub.ts -> ../../hub/hub.js',
      ].sort(),
    );
  });

  it('follows relays through their value imports to better-sqlite3', () => {
    const root = tempDir('bench-layering-');
    const files: Record<string, string> = {
      'electron/web/main.ts': `import { openThing } from '../core/thing.js';\nimport type { Db } from '../core/db/open.js';`,
      'electron/core/thing.ts': `export { openDatabase as openThing } from './db/open.js';`,
      'electron/core/db/open.ts': `import Database from 'better-sqlite3';`,
      'electron/shell/ok.ts': `import type { Db } from '../core/db/open.js';\nimport { x } from '../core/service/client.js';`,
      'electron/core/service/client.ts': `import { Worker } from 'node:worker_threads';`,
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const found = checkRelaysNeverOpenTheDatabase(root);
    expect(found.map((v) => v.file)).toEqual(['electron/web/main.ts']);
    expect(found[0]!.rule).toContain('electron/web/main.ts → electron/core/thing.ts → electron/core/db/open.ts');
  });

  it('keeps the database out of every relay in this repository', () => {
    expect(relayFiles(REPO).length).toBeGreaterThan(10);
    const violations = checkRelaysNeverOpenTheDatabase(REPO);
    expect(violations, violations.map((v) => `${v.file} imports "${v.specifier}": ${v.rule}`).join('\n')).toEqual([]);
  });

  it('holds for this repository', () => {
    const scanned = LAYERS.flatMap((layer) => listSources(join(REPO, layer)));
    expect(scanned.length).toBeGreaterThan(20);
    const violations = checkLayering(REPO);
    expect(violations, violations.map((v) => `${v.file} imports "${v.specifier}": ${v.rule}`).join('\n')).toEqual([]);
  });
});
