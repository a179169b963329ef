/**
 * The core worker's bundle is kept and used again by later processes while the files it was built
 * from read the same; any change to them builds it again, so a process never runs stale code. Real
 * esbuild over a small project in the test's temp folder; each bundle is run by a real `node`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cachedBundle, UNUSED_BUNDLE_KEPT_MS, type BundleRequest } from '../../electron/core/service/bundle-cache.js';
import { tempDir } from './helpers.js';

const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;

/** A project of TypeScript files whose times are a minute old (as files edited a while ago). */
function project() {
  const root = tempDir('bundle-cache-');
  const write = (name: string, text: string, aged = true) => {
    const file = join(root, 'src', name);
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(file, text);
    if (aged) {
      const minuteAgo = new Date(Date.now() - 60_000);
      utimesSync(file, minuteAgo, minuteAgo);
    }
  };
  const request: BundleRequest = {
    esbuild,
    entry: join(root, 'src', 'entry.ts'),
    root,
    cacheDir: join(root, 'cache'),
    options: { platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' },
  };
  /** What the bundle prints when node runs it. */
  const run = (file: string) => spawnSync(process.execPath, [file], { encoding: 'utf8' }).stdout.trim();
  write('entry.ts', "import { word } from './word.js';\nconsole.log(word satisfies string);\n");
  write('word.ts', "export const word = 'first';\n");
  return { root, write, request, run };
}

describe('the core worker bundle kept between processes', () => {
  it('is built once, then used as it is while its files read the same', () => {
    const { request, run } = project();
    const first = cachedBundle(request);
    expect(first.built).toBe(true);
    expect(run(first.file)).toBe('first');
    const again = cachedBundle(request);
    expect(again).toEqual({ file: first.file, built: false });
    expect(run(again.file)).toBe('first');
  });

  it('is built again when a file it imports changes, and runs the new code', () => {
    const { request, run, write } = project();
    cachedBundle(request);
    write('word.ts', "export const word = 'second';\n");
    const changed = cachedBundle(request);
    expect(changed.built).toBe(true);
    expect(run(changed.file)).toBe('second');
    // Changed back: the first bundle's bytes again, built afresh rather than trusted.
    write('word.ts', "export const word = 'first';\n");
    const back = cachedBundle(request);
    expect(back.built).toBe(true);
    expect(run(back.file)).toBe('first');
  });

  it('sees a file first imported by an edit, and later changes to that file', () => {
    const { request, run, write } = project();
    cachedBundle(request);
    write('other.ts', "export const other = 'new file';\n");
    write('entry.ts', "import { other } from './other.js';\nconsole.log(other);\n");
    expect(run(cachedBundle(request).file)).toBe('new file');
    write('other.ts', "export const other = 'new file, changed';\n");
    const changed = cachedBundle(request);
    expect(changed.built).toBe(true);
    expect(run(changed.file)).toBe('new file, changed');
  });

  it('is built again when a file it was built from is gone, or the bundle itself', () => {
    const { request, run, write, root } = project();
    const first = cachedBundle(request);
    rmSync(first.file);
    const rebuilt = cachedBundle(request);
    expect(rebuilt.built).toBe(true);
    expect(run(rebuilt.file)).toBe('first');
    // word.ts moved to words/word.ts: the old input cannot be read, so the bundle is not trusted.
    write('entry.ts', "import { word } from './words/word.js';\nconsole.log(word);\n");
    rmSync(join(root, 'src', 'word.ts'));
    mkdirSync(join(root, 'src', 'words'));
    write('words/word.ts', "export const word = 'moved';\n");
    expect(run(cachedBundle(request).file)).toBe('moved');
  });

  it('keeps no manifest for files written just before or while it was built: the next process builds again', () => {
    const { request, run, write } = project();
    write('word.ts', "export const word = 'just written';\n", false);
    const first = cachedBundle(request);
    expect(run(first.file)).toBe('just written');
    expect(cachedBundle(request).built).toBe(true);
  });

  it('builds again over a manifest it cannot read, or one of another esbuild option', () => {
    const { request } = project();
    const first = cachedBundle(request);
    expect(first.built).toBe(true);
    const manifests = () => readdirSync(request.cacheDir).filter((name) => name.startsWith('manifest-'));
    // Cut short, then whole JSON of the wrong shape (an input that is no file name).
    for (const text of ['{"inputs": ["src/entry.ts"], "fingerprint": ', '{"inputs": [1], "fingerprint": "f", "bundle": "b.mjs"}']) {
      for (const name of manifests()) writeFileSync(join(request.cacheDir, name), text);
      expect(cachedBundle(request).built).toBe(true);
    }
    expect(cachedBundle(request).built).toBe(false);
    expect(cachedBundle({ ...request, options: { ...request.options, minify: true } }).built).toBe(true);
  });

  it('removes, when it builds, the older bundles left unused for a day, and keeps those used since', () => {
    const { request, run, write } = project();
    const aged = (file: string, ms: number) => utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));
    const bundles = () => readdirSync(request.cacheDir).filter((name) => name.startsWith('bundle-')).sort();
    const first = cachedBundle(request).file;
    write('word.ts', "export const word = 'second';\n");
    const second = cachedBundle(request).file;
    write('word.ts', "export const word = 'third';\n");
    const third = cachedBundle(request).file;
    expect(bundles()).toHaveLength(3);

    // The first unused for over a day; the second used an hour ago (a host started from it may restart its worker).
    aged(first, UNUSED_BUNDLE_KEPT_MS + 60_000);
    aged(second, 60 * 60_000);
    write('word.ts', "export const word = 'fourth';\n");
    const fourth = cachedBundle(request).file;
    expect(run(fourth)).toBe('fourth');
    expect(bundles()).toEqual([second, third, fourth].map((file) => file.slice(request.cacheDir.length + 1)).sort());

    // A bundle in use is kept however old its file: each use marks it used.
    write('word.ts', "export const word = 'third';\n");
    expect(cachedBundle(request).file).toBe(third);
    aged(third, UNUSED_BUNDLE_KEPT_MS + 60_000);
    expect(cachedBundle(request)).toEqual({ file: third, built: false });
    expect(Date.now() - statSync(third).mtimeMs).toBeLessThan(60_000);
    aged(second, UNUSED_BUNDLE_KEPT_MS + 60_000);
    write('word.ts', "export const word = 'fifth';\n");
    cachedBundle(request);
    expect(bundles()).not.toContain(second.slice(request.cacheDir.length + 1));
    expect(bundles()).toContain(third.slice(request.cacheDir.length + 1));
    expect(run(third)).toBe('third');
  });
});
