/**
 * The browser-mode host on 127.0.0.1 when files in the renderer folder go wrong under it: a file that
 * vanishes, turns into a folder, loops, is a FIFO, or fails with an I/O error while being read gets a
 * 404 or 500 answer and a log line, and the host goes on serving pages and calls.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/web/host.js';
import { openTestBench, tempDir } from '../core/helpers.js';

let host: RunningHost;
let assets: string;
const logged: string[] = [];

beforeAll(async () => {
  const rendererDir = join(tempDir('bench-host-files-', 'file'), 'renderer');
  assets = join(rendererDir, 'assets');
  mkdirSync(assets, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const bench = openTestBench({ scope: 'file' });
  host = await startHost({
    handlers: bench.core,
    rendererDir,
    log: (message, error) => logged.push(`${message}${error ? ` ${String((error as NodeJS.ErrnoException).code ?? error)}` : ''}`),
  });
});

afterAll(async () => {
  await host?.close();
});

beforeEach(() => {
  logged.length = 0;
});

const get = (path: string) => fetch(`${host.url.replace(/\/$/, '')}${path}`);

/** The host still answers a page and a contract call. */
async function expectStillServing(): Promise<void> {
  const page = await get('/');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>bench</title>');
  const call = await fetch(`${host.url}api/getBenchInfo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.secret}` },
    body: '{}',
  });
  expect(((await call.json()) as { ok: boolean }).ok).toBe(true);
}

describe('static files that go wrong', () => {
  it('a file that vanishes is a 404 with a log line, not index.html and not a crash', async () => {
    writeFileSync(join(assets, 'chunk.js'), 'export const chunk = 1;');
    const before = await get('/assets/chunk.js');
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toContain('text/javascript');
    expect(await before.text()).toBe('export const chunk = 1;');

    unlinkSync(join(assets, 'chunk.js'));
    const after = await get('/assets/chunk.js');
    expect(after.status).toBe(404);
    expect(await after.json()).toEqual({ ok: false, error: { code: 'not_found', message: 'Not found.', issues: [] } });
    expect(logged).toEqual(['host: no file for /assets/chunk.js (404)']);
    await expectStillServing();
  });

  it('a file replaced by a folder is a 404', async () => {
    mkdirSync(join(assets, 'style.css'));
    try {
      expect((await get('/assets/style.css')).status).toBe(404);
      expect(logged).toEqual(['host: no file for /assets/style.css (404)']);
    } finally {
      rmSync(join(assets, 'style.css'), { recursive: true });
    }
    await expectStillServing();
  });

  it('a file that cannot be opened (a symlink loop) is a 500 with the reason logged', async () => {
    symlinkSync('loop.js', join(assets, 'loop.js'));
    const res = await get('/assets/loop.js');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'internal', message: 'The bench could not read that file.', issues: [] } });
    expect(logged).toEqual([`host: could not read ${join(assets, 'loop.js')} for /assets/loop.js ELOOP`]);
    await expectStillServing();
  });

  it('a file that fails while being read (an I/O error) is a 500, and the host keeps serving', async () => {
    // Reading /proc/self/mem from offset 0 fails with EIO: a real read error, root or not.
    symlinkSync('/proc/self/mem', join(assets, 'broken.js'));
    const res = await get('/assets/broken.js');
    expect(res.status).toBe(500);
    expect(logged).toEqual([`host: could not read ${join(assets, 'broken.js')} for /assets/broken.js EIO`]);
    await expectStillServing();
  });

  it('a FIFO with no writer does not stall the host: 404 at once', async () => {
    execFileSync('mkfifo', [join(assets, 'pipe.js')]);
    const res = await get('/assets/pipe.js');
    expect(res.status).toBe(404);
    await expectStillServing();
  });

  it('an app route without a file still gets index.html', async () => {
    const res = await get('/orders/123');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>bench</title>');
    expect(logged).toEqual([]);
  });
});

describe('caching', () => {
  it('content-hashed files under assets/ may be kept; the page itself and the API never are', async () => {
    writeFileSync(join(assets, 'index-AbC123.js'), 'export const hashed = 1;');
    const asset = await get('/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await get('/');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const route = await get('/orders');
    expect(route.headers.get('cache-control')).toBe('no-store');
    const missing = await get('/assets/gone-XyZ.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});
