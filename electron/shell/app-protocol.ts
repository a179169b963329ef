/**
 * The privileged custom protocol the window loads from: app://bench/<path> serves the built renderer
 * (dist/renderer, inside app.asar when packaged). Never a remote URL, never file://.
 *
 * Plain Node (global Request/Response), no 'electron' import: main.ts registers the scheme and hands
 * this handler to protocol.handle; tests call it directly.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bench';
/** What URL.protocol reports for our pages. */
export const APP_PROTOCOL = `${APP_SCHEME}:`;
/** The one URL the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface AppProtocolOptions {
  /** The built renderer folder (must contain index.html). */
  rootDir: string;
  contentSecurityPolicy: string;
  host?: string;
}

/** Where a request's path points inside rootDir, or null when it is not a file we may serve. */
export function resolveAppPath(rootDir: string, url: URL): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return null;
  const root = resolve(rootDir);
  const file = resolve(root, segments.length ? join(...segments) : 'index.html');
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const host = options.host ?? APP_HOST;
  const baseHeaders = {
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
  const fail = (status: number, text: string) =>
    new Response(text, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return fail(400, 'Bad request');
    }
    if (url.protocol !== APP_PROTOCOL || url.host !== host) return fail(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405, 'Method not allowed');
    let file = resolveAppPath(options.rootDir, url);
    if (file === null) return fail(404, 'Not found');
    // Single-page app: unknown extensionless paths get index.html; unknown assets are 404.
    if (!(await isFile(file))) {
      if (extname(file) !== '') return fail(404, 'Not found');
      file = join(resolve(options.rootDir), 'index.html');
      if (!(await isFile(file))) return fail(503, 'The renderer is not built: run "npm run build:renderer".');
    }
    const body = await readFile(file);
    const headers = { ...baseHeaders, 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
