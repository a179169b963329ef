/**
 * A hub URL that names another server (a web page, another service), and a hub that answers 500 with
 * a page of its own: the header says, in words, what came back and what to do, never a page's markup.
 * Real HTTP servers on 127.0.0.1 stand in for the wrong server and the failing hub.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract/api.js';
import { openTestBench } from '../core/helpers.js';
import { waitFor } from './proxy.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

/** A server on 127.0.0.1 answering every request with `status`, `type` and `body`. */
async function answering(status: number, type: string, body: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The status once the bench's first sync against `hubUrl` has ended. */
async function firstOutcome(hubUrl: string, hubUrlFromEnvironment?: boolean): Promise<SyncStatus> {
  const bench = openTestBench();
  const sync = bench.startSync({ hubUrl, token: 't', intervalMs: 3_600_000, minBackoffMs: 3_600_000, maxBackoffMs: 3_600_000, hubUrlFromEnvironment });
  try {
    return await waitFor(() => {
      const status = bench.ok('getSyncStatus', {});
      return status.state === 'syncing' ? null : status;
    }, 'the first sync to end');
  } finally {
    await sync.stop();
  }
}

const problemOf = (status: SyncStatus) => (status.state === 'offline' ? status.cause : status.state === 'error' ? status.message : null);
const NGINX = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>body { width: 35em; }</style>\n</head>\n<body><h1>Welcome to nginx!</h1></body>\n</html>\n';

describe('a hub URL that names another server, a hub that fails', () => {
  it('a web page where the hub should be says the server is not a packing hub and to check the hub URL', async () => {
    const url = await answering(200, 'text/html', NGINX);
    const status = await firstOutcome(url);
    expect(status.state).toBe('error');
    expect(problemOf(status)).toBe(
      `The server at ${url} did not answer as a packing hub (GET /v1/whoami: the answer is an HTML page titled "Welcome to nginx!", not JSON): check the hub URL in Settings`,
    );
  });

  it('names BENCH_HUB_URL only where the hub URL came from it (browser mode), never where Settings set it (the desktop app)', async () => {
    const url = await answering(200, 'text/html', NGINX);
    expect(problemOf(await firstOutcome(url))).not.toContain('BENCH_HUB_URL');
    expect(problemOf(await firstOutcome(url, true))).toBe(
      `The server at ${url} did not answer as a packing hub (GET /v1/whoami: the answer is an HTML page titled "Welcome to nginx!", not JSON): check BENCH_HUB_URL, which sets the hub URL for this run`,
    );
  });

  it('a 404 page where the hub should be says the same, by the page\'s title, without its markup', async () => {
    const url = await answering(404, 'text/html', '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center></body></html>');
    const status = await firstOutcome(url);
    expect(problemOf(status)).toBe(
      `The server at ${url} did not answer as a packing hub (GET /v1/whoami: answered 404, an HTML page titled "404 Not Found"): check the hub URL in Settings`,
    );
    expect(problemOf(status)).not.toContain('<');
  });

  it('JSON of another service says it is not a packing hub, and where the answer differs', async () => {
    const url = await answering(200, 'application/json', '{"status":"ok"}');
    expect(problemOf(await firstOutcome(url))).toMatch(
      new RegExp(`^The server at ${url.replaceAll('.', '\\.')} did not answer as a packing hub \\(GET /v1/whoami: the answer does not match the protocol at warehouse: .+\\): check the hub URL in Settings`),
    );
  });

  it('a hub answering 500 with a page says what it answered, in words, and what to do if it lasts', async () => {
    const url = await answering(500, 'text/html', '<html>\n<head><title>500 Internal Server Error</title></head>\n<body>\n<h1>Internal Server Error</h1>\n</body>\n</html>');
    const status = await firstOutcome(url);
    // Retried as an unreachable hub is, but told apart: it answered, and is failing.
    expect(status).toMatchObject({ state: 'offline', hubFailing: true });
    expect(problemOf(status)).toBe(`The hub answered 500 (an HTML page titled "500 Internal Server Error"): it has a problem of its own; if this lasts, tell the hub's administrator`);
  });

  it('a hub answering 502 with nothing says so, not "(no body)"', async () => {
    const url = await answering(502, 'text/plain', '');
    expect(problemOf(await firstOutcome(url))).toBe(`The hub answered 502 (no message): it has a problem of its own; if this lasts, tell the hub's administrator`);
  });
});
