/**
 * The browser finder behind the end-to-end tests: CHROMIUM_PATH first, then a system browser in the
 * search folders, else the Chromium packaged in @sparticuz/chromium — unpacked for real into a fresh
 * cache folder here and driven through Playwright to load a page from a real server on 127.0.0.1,
 * with text drawn in real fonts (a fresh machine has none installed).
 */
import { chmodSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumSearchFromEnv, findChromium, USUAL_BROWSER_DIRS } from './chromium-finder.js';
import { tempDir } from './core/helpers.js';

describe('finding Chromium', () => {
  it('searches PATH, then the usual folders; CHROMIUM_SEARCH_DIRS replaces both', () => {
    expect(chromiumSearchFromEnv({ PATH: '/a:/b' }).searchDirs).toEqual(['/a', '/b', ...USUAL_BROWSER_DIRS]);
    expect(chromiumSearchFromEnv({ PATH: '/a', CHROMIUM_SEARCH_DIRS: '/c' }).searchDirs).toEqual(['/c']);
    expect(chromiumSearchFromEnv({ PATH: '/a', CHROMIUM_SEARCH_DIRS: '' }).searchDirs).toEqual([]);
  });

  it('takes CHROMIUM_PATH first, and names it when it is not an executable', () => {
    const dir = tempDir('chromium-finder-');
    const own = executable(dir, 'my-chromium');
    const systemDir = tempDir('chromium-finder-');
    executable(systemDir, 'chromium');
    expect(findChromium({ chromiumPath: own, searchDirs: [systemDir], packagedCacheDir: join(dir, 'cache') })).toEqual({
      executablePath: own,
      source: 'CHROMIUM_PATH',
    });
    const missing = join(dir, 'no-such-browser');
    expect(() => findChromium({ chromiumPath: missing, searchDirs: [], packagedCacheDir: join(dir, 'cache') })).toThrow(
      `CHROMIUM_PATH is ${missing}, which is not an executable file`,
    );
  });

  it('takes a system browser from the first search folder that has one, skipping non-executables', () => {
    const first = tempDir('chromium-finder-');
    const second = tempDir('chromium-finder-');
    writeFileSync(join(first, 'chromium'), 'not executable');
    const chrome = executable(second, 'google-chrome');
    expect(findChromium({ searchDirs: [first, second], packagedCacheDir: join(first, 'cache') })).toEqual({
      executablePath: chrome,
      source: 'system',
    });
  });
});

describe('the packaged Chromium, with no system browser to be found', () => {
  let server: Server | undefined;
  afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  it('is unpacked once, launches under Playwright and renders a page from 127.0.0.1 in real fonts', async () => {
    // An empty PATH, and a search-folder override that hides /usr/bin/chromium.
    const emptyFolder = tempDir('chromium-finder-empty-', 'file');
    const search = { ...chromiumSearchFromEnv({ PATH: '', CHROMIUM_SEARCH_DIRS: emptyFolder }), packagedCacheDir: join(tempDir('chromium-finder-cache-', 'file'), 'packaged') };
    expect(search.searchDirs).toEqual([emptyFolder]);

    const found = findChromium(search);
    expect(found.source).toBe('packaged');
    expect(found.executablePath.startsWith(search.packagedCacheDir)).toBe(true);
    const unpacked = statSync(join(search.packagedCacheDir, 'chromium'));
    // A second lookup reuses the unpacked browser rather than unpacking again.
    expect(findChromium(search)).toEqual(found);
    expect(statSync(join(search.packagedCacheDir, 'chromium')).mtimeMs).toBe(unpacked.mtimeMs);

    server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Packing bench</title><p style="font: 32px sans-serif"><span id="narrow">iiiiiiii</span><br><span id="wide">WWWWWWWW</span><br><button>Complete Order</button></p>');
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const browser = await chromium.launch({ executablePath: found.executablePath, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await expect.poll(() => page.title()).toBe('Packing bench');
      expect(await page.getByRole('button', { name: 'Complete Order' }).isVisible()).toBe(true);
      // Real glyphs have their own widths; missing fonts draw every letter as the same empty box.
      const widths = await page.evaluate(() =>
        ['narrow', 'wide'].map((id) => document.getElementById(id)!.getBoundingClientRect().width),
      );
      expect(widths[0]).toBeGreaterThan(0);
      expect(widths[1]).toBeGreaterThan(widths[0]! * 2);
      // Libraries a fresh Debian lacks (NSS, expat) come from the package too: only glibc and libgcc
      // are taken from the system.
      const fromSystem = librariesMappedBy(join(search.packagedCacheDir, 'chromium')).filter((lib) => !lib.startsWith(search.packagedCacheDir));
      expect(fromSystem.length).toBeGreaterThan(0);
      expect(fromSystem.filter((lib) => !/\/(ld-linux-x86-64|libc|libm|libdl|libpthread|librt|libgcc_s)\.so[.\d]*$/.test(lib))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

/** Shared libraries mapped by the running processes of this executable (from /proc). */
function librariesMappedBy(executablePath: string): string[] {
  const libraries = new Set<string>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) !== executablePath) continue;
      for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
        const path = line.split(/\s+/)[5];
        if (path && /\.so[.\d]*$/.test(path)) libraries.add(path);
      }
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return [...libraries];
}

function executable(dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}
