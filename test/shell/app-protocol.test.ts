/**
 * The app:// protocol handler under Node (global Request/Response, as Electron's protocol.handle
 * uses): serves the built renderer with the CSP on every response, and nothing outside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppProtocolHandler, resolveAppPath } from '../../electron/shell/app-protocol.js';
import { SHELL_CONTENT_SECURITY_POLICY } from '../../electron/shell/csp.js';
import { tempFolder } from './helpers.js';

let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  const base = tempFolder('bench-protocol-');
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>bench</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  writeFileSync(join(base, 'renderer-evil.txt'), 'a sibling with a shared prefix');
  handler = createAppProtocolHandler({ rootDir: root, contentSecurityPolicy: SHELL_CONTENT_SECURITY_POLICY });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves index.html at the entry URL with the CSP header', async () => {
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(SHELL_CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>bench</title>');
  });

  it('serves assets with their type, and the CSP on every response', async () => {
    const res = await get('app://bench/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(SHELL_CONTENT_SECURITY_POLICY);
    const missing = await get('app://bench/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(SHELL_CONTENT_SECURITY_POLICY);
  });

  it('answers unknown routes with the single-page app', async () => {
    const res = await get('app://bench/orders/1001');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>bench</title>');
  });

  const escapes = [
    'app://bench/..%2fsecret.txt',
    'app://bench/%2e%2e%2fsecret.txt',
    'app://bench/assets/..%2f..%2fsecret.txt',
    'app://bench/..%5csecret.txt',
    'app://bench/%2e%2e/renderer-evil.txt',
    'app://bench/..%2frenderer-evil.txt',
    'app://bench/%00index.html',
    'app://bench/C:%2fWindows%2fwin.ini',
    'app://bench/%E0%A4%A',
  ];
  for (const url of escapes) {
    it(`never serves a file outside the renderer: ${url}`, async () => {
      const res = await get(url);
      const body = await res.text();
      expect(body).not.toContain('outside the renderer');
      expect(body).not.toContain('shared prefix');
    });
  }

  it('resolves only paths inside the root', () => {
    expect(resolveAppPath(root, new URL('app://bench/assets/index-abc.js'))).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, new URL('app://bench/'))).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, new URL('app://bench/..%2fsecret.txt'))).toBeNull();
  });

  it('refuses other hosts, schemes and methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('https://bench/index.html')).status).toBe(404);
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
  });
});
