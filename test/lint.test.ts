/**
 * The lint step (`npm run lint`, part of `npm test`) can fail: the project's own eslint.config.js, run
 * through ESLint's Node API over probe files planted in a temp copy of the layout (renderer/, electron/,
 * shared/, with the repository's tsconfig.json and node_modules), reports each planted violation under
 * its rule, and nothing for a clean probe. The repository itself is linted by `npm run lint`.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './core/helpers.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const PROBES: Record<string, string> = {
  'renderer/ConditionalHook.tsx': `
    import { useState } from 'react';
    export function ConditionalHook({ show }: { show: boolean }) {
      if (show) {
        const [count] = useState(0);
        return <p>{count}</p>;
      }
      return null;
    }
  `,
  'renderer/StaleEffect.tsx': `
    import { useEffect } from 'react';
    export function StaleEffect({ title }: { title: string }) {
      useEffect(() => {
        document.title = title;
      }, []);
      return null;
    }
  `,
  'renderer/Clean.tsx': `
    import { useEffect, useState } from 'react';
    export function Clean({ title }: { title: string }) {
      const [count, setCount] = useState(0);
      useEffect(() => {
        document.title = \`\${title} (\${count})\`;
      }, [title, count]);
      return <button type="button" onClick={() => setCount((c) => c + 1)}>{title}</button>;
    }
  `,
  'electron/core/floating.ts': `
    async function save(): Promise<void> {}
    export function onClick(): void {
      save();
    }
  `,
  'electron/core/misused.ts': `
    export function listen(emitter: { on(event: string, listener: () => void): void }): void {
      emitter.on('close', async () => {});
    }
  `,
  'shared/boundary.ts': `
    export function parseMessage(body: string): any {
      return JSON.parse(body);
    }
  `,
  'shared/type-import.ts': `
    import { Buffer } from 'node:buffer';
    export function size(b: Buffer): number {
      return b.length;
    }
  `,
};

describe('eslint (the project’s eslint.config.js)', () => {
  const byFile = new Map<string, string[]>();

  beforeAll(async () => {
    const root = tempDir('bench-lint-', 'file');
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
    const tsconfig = JSON.parse(readFileSync(join(REPO, 'tsconfig.json'), 'utf8')) as { include: string[] };
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ ...tsconfig, include: ['renderer', 'electron', 'shared'] }));
    for (const [file, source] of Object.entries(PROBES)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), source);
    }
    // With an explicit config file, ESLint matches `files` globs against paths relative to cwd.
    const eslint = new ESLint({ cwd: root, overrideConfigFile: join(REPO, 'eslint.config.js') });
    for (const result of await eslint.lintFiles(Object.keys(PROBES))) {
      const file = result.filePath.slice(root.length + 1).split('\\').join('/');
      byFile.set(file, result.messages.map((m) => `${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId ?? 'fatal'}: ${m.message}`));
    }
  }, 120_000);

  const errorsOf = (file: string) => byFile.get(file) ?? [`${file} was not linted`];

  it('passes a clean component', () => {
    expect(errorsOf('renderer/Clean.tsx')).toEqual([]);
  });

  it('fails a hook called conditionally (rules of hooks)', () => {
    expect(errorsOf('renderer/ConditionalHook.tsx')).toEqual([expect.stringMatching(/^error react-hooks\/rules-of-hooks: React Hook "useState" is called conditionally/)]);
  });

  it('fails an effect that misses a dependency', () => {
    expect(errorsOf('renderer/StaleEffect.tsx')).toEqual([expect.stringMatching(/^error react-hooks\/exhaustive-deps: .*missing dependency: 'title'/)]);
  });

  it('fails a promise nobody awaits or handles, and an async listener where void is expected', () => {
    expect(errorsOf('electron/core/floating.ts')).toEqual([expect.stringMatching(/^error @typescript-eslint\/no-floating-promises:/)]);
    expect(errorsOf('electron/core/misused.ts')).toEqual([expect.stringMatching(/^error @typescript-eslint\/no-misused-promises:/)]);
  });

  it('fails `any` at a boundary and a value import used only as a type', () => {
    expect(errorsOf('shared/boundary.ts')).toEqual([expect.stringMatching(/^error @typescript-eslint\/no-explicit-any:/)]);
    expect(errorsOf('shared/type-import.ts')).toEqual([expect.stringMatching(/^error @typescript-eslint\/consistent-type-imports:/)]);
  });
});
