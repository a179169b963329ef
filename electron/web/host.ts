/**
 * Browser mode: the bench core served to a browser on 127.0.0.1. The built renderer is served as
 * static files; the contract is answered at POST /api/<method>. A per-launch secret (carried in the
 * printed URL's fragment, sent back as a bearer token) keeps other local pages and processes out,
 * and Host/Origin checks stop DNS rebinding and cross-site requests.
 *
 * GET /api/events is the change stream as Server-Sent Events, behind the same checks (the page reads
 * it with fetch, which can send the bearer token; EventSource cannot). The host only relays: calls go
 * to the core service (a worker thread) and its events come back out; it never opens the database.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { BenchHandlers } from '../../shared/contract/api.js';
import { CHANGE_STREAM_PATH, type BenchEvent, type BenchEvents } from '../../shared/contract/change-events.js';
import { invokeBenchMethodAsync } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/contract/result.js';
import { CSV_CONTENT_TYPE, attachmentDisposition } from '../../shared/trace/csv-format.js';

export const MAX_REQUEST_BYTES = 256 * 1024 * 1024;

/** How the host reaches the core: a call by name answering a Result (the core service's `call`). */
export type CoreCall = (method: string, args: unknown) => Promise<Result<unknown>>;

/** Between comments on an idle change stream, so proxies and sleeping laptops notice a dead one. */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;

export interface HostOptions {
  /** The core service's call (what browser mode uses). */
  call?: CoreCall;
  /** Handlers run in this process instead: for tests and tools only; `call` wins when both are given. */
  handlers?: BenchHandlers;
  /** The change stream to relay at GET /api/events; without it that path answers 404. */
  events?: BenchEvents & { readonly state?: BenchEvent };
  /** The built renderer (vite's output); omitted, only the API is served. */
  rendererDir?: string;
  port?: number;
  secret?: string;
  log?: (message: string, error?: unknown) => void;
  /** GET /export/<token>: a one-time CSV or .xlsx download (see electron/core/trace/export-links.ts). */
  takeExport?: (token: string) => Promise<ExportDownload | null> | ExportDownload | null;
}

/** contentType: the file's type; CSV when not given. */
type ExportDownload = { fileName: string; contentType?: string; stream: Readable };

export interface RunningHost {
  readonly url: string;
  /** The URL to open: carries the secret in its fragment, which browsers never send to servers. */
  readonly launchUrl: string;
  readonly origin: string;
  readonly port: number;
  readonly secret: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
};

/** vite.config.ts's output folder for content-hashed files. */
const HASHED_ASSETS_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(`Bearer ${secret}`);
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  const handlers = options.handlers;
  const call: CoreCall =
    options.call ??
    (handlers ? (method, args) => invokeBenchMethodAsync(handlers, method, args, log) : async () => failure('internal', 'No bench core is attached to this host.'));
  const streams = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log('host request failed', error);
      if (!res.headersSent) send(res, 500, failure('internal', 'The bench hit an unexpected error.'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return send(res, 403, failure('unauthorized', 'Requests must address the bench as 127.0.0.1 or localhost.'));
    }
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, failure('invalid_argument', 'Only GET here.'));
    if (url.pathname.startsWith('/export/') && options.takeExport) return serveExport(res, url.pathname.slice('/export/'.length));
    return serveStatic(res, url.pathname);
  }

  /** Origin, Sec-Fetch-Site and the secret: the same for calls and the change stream. */
  function refuseUntrusted(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      send(res, 403, failure('unauthorized', `Calls from ${origin} are not allowed.`));
      return true;
    }
    if (req.headers['sec-fetch-site'] && !['same-origin', 'none'].includes(String(req.headers['sec-fetch-site']))) {
      send(res, 403, failure('unauthorized', 'Cross-site calls are not allowed.'));
      return true;
    }
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== secretBytes.length || !timingSafeEqual(given, secretBytes)) {
      send(res, 401, failure('unauthorized', 'This call needs the bench secret from the launch URL.'));
      return true;
    }
    return false;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (refuseUntrusted(req, res)) return;
    if (`/api/${method}` === CHANGE_STREAM_PATH) return streamEvents(req, res);
    if (req.method !== 'POST') return send(res, 405, failure('invalid_argument', 'Calls use POST.'));
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, failure('invalid_argument', 'Calls send JSON (Content-Type: application/json).'));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) return send(res, 413, failure('invalid_argument', 'The request is too large.'));
    const body = await readBody(req);
    if (body === null) return send(res, 413, failure('invalid_argument', 'The request is too large.'));
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return send(res, 400, failure('invalid_argument', 'The request body is not valid JSON.'));
    }
    const result = await call(decodePath(method) ?? method, args);
    const status = result.ok ? 200 : result.error.code === 'not_found' && result.error.message.startsWith('Unknown call') ? 404 : 200;
    send(res, status, result);
  }

  /**
   * The change stream: one `data:` line of JSON per event (shared/contract/change-events.ts), the
   * core's state first so the page knows it is connected, and a comment now and then while idle.
   */
  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, failure('invalid_argument', 'The change stream is read with GET.'));
    const events = options.events;
    if (!events) return send(res, 404, failure('not_found', 'This host has no change stream.'));
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const write = (event: BenchEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    write(events.state ?? { kind: 'core', state: 'running', message: 'The bench core is running.' });
    const unsubscribe = events.subscribe(write);
    const heartbeat = setInterval(() => res.write(': still here\n\n'), EVENT_STREAM_HEARTBEAT_MS);
    streams.add(res);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.once('close', end);
    res.once('close', end);
  }

  /** A one-time CSV (or workbook) download; the unguessable token stands in for the secret a plain link cannot send. */
  async function serveExport(res: ServerResponse, token: string): Promise<void> {
    const download = (await options.takeExport?.(token)) ?? null;
    if (!download) return send(res, 404, failure('not_found', 'This download link is used up or expired; export again.'));
    res.writeHead(200, {
      'Content-Type': download.contentType ?? CSV_CONTENT_TYPE,
      'Content-Disposition': attachmentDisposition(download.fileName),
    });
    download.stream.on('error', (error) => {
      log('host: export failed', error);
      res.destroy();
    });
    download.stream.pipe(res);
  }

  /**
   * The built renderer. A missing file with an extension (a script, a style sheet) is a 404; any other
   * missing path is an app route and gets index.html. A file that cannot be read is a 500 and a log line,
   * never a crash: the file is opened once and read whole before anything is sent, so one that vanishes
   * or fails mid-way still gets a proper answer.
   */
  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const root = options.rendererDir ? resolve(options.rendererDir) : null;
    if (!root || !existsSync(join(root, 'index.html'))) return sendNotBuilt(res);
    const decoded = decodePath(pathname);
    if (decoded === null) return send(res, 400, failure('invalid_argument', 'The path is not valid.'));
    const requested = normalize(decoded).replace(/^([/\\])+/, '');
    let file = resolve(root, requested || 'index.html');
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, failure('not_found', 'Not found.'));
    let body: Buffer | null;
    try {
      body = await readRegularFile(file);
      if (body === null && extname(file) === '') {
        file = join(root, 'index.html'); // single-page app
        body = await readRegularFile(file);
        if (body === null) return sendNotBuilt(res);
      }
    } catch (error) {
      log(`host: could not read ${file} for ${pathname}`, error);
      return send(res, 500, failure('internal', 'The bench could not read that file.'));
    }
    if (body === null) {
      log(`host: no file for ${pathname} (404)`);
      return send(res, 404, failure('not_found', 'Not found.'));
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string | number> = { 'Content-Type': type, 'Content-Length': body.length };
    // The build names every file under assets/ by its content's hash: a changed file is a new name, so
    // the browser may keep them (and its compiled code for the scripts) across restarts.
    if (file.startsWith(join(root, HASHED_ASSETS_DIR) + sep)) headers['Cache-Control'] = IMMUTABLE;
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    res.end(body);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    launchUrl: `${origin}/#secret=${secret}`,
    origin,
    port,
    secret,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function failure(code: 'unauthorized' | 'invalid_argument' | 'not_found' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message, issues: [] } };
}

function sendNotBuilt(res: ServerResponse): void {
  res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('The renderer is not built yet: run "npm run build:renderer".');
}

const NOT_THERE = new Set(['ENOENT', 'ENOTDIR']);

/**
 * The whole file, or null when there is no regular file at `path` (missing, a folder, a FIFO: opened
 * non-blocking so a FIFO cannot stall the host). Any other failure (permissions, I/O) throws.
 */
async function readRegularFile(path: string): Promise<Buffer | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (NOT_THERE.has((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) return null;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** decodeURIComponent, or null for a malformed escape (which would otherwise throw: a 500). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** Reads the body, or null once it passes the size limit (the rest is not buffered). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > MAX_REQUEST_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', rejectBody);
  });
}
