/**
 * "Test connection" in words, against real servers on 127.0.0.1: a hub-like whoami answer (reachable,
 * or the wrong warehouse / bench for what this store is bound to), 401 (unauthorised), a self-signed
 * HTTPS server (TLS problem), a closed port (unreachable), something that is not a hub.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHub } from '../../electron/core/settings/hub-check.js';
import type { Whoami } from '../../shared/sync/protocol.js';
import { tempDir } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function listen(server: Server, scheme: 'http' | 'https' = 'http'): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A stand-in for GET /v1/whoami: the token "good" belongs to station S1 of warehouse North. */
const whoami = () =>
  createHttpServer((req, res) => {
    const good = req.url === '/v1/whoami' && req.headers.authorization === 'Bearer good';
    res.writeHead(good ? 200 : 401, { 'content-type': 'application/json' });
    const answer: Whoami = { warehouse: 'North', stationId: 'S1', stationName: 'Packing 1', lastSeq: 0, stations: [{ stationId: 'S1', name: 'Packing 1' }] };
    const revoked = req.headers.authorization === 'Bearer was-good';
    res.end(JSON.stringify(good ? answer : revoked ? { error: 'unauthorized', message: 'revoked', reason: 'token_revoked' } : { error: 'unauthorized', message: 'unknown or revoked token' }));
  });

const unbound = { hubStationId: null, hubWarehouse: null };

describe('Test connection', () => {
  it('says reachable with the warehouse, or unauthorised for a bad token', async () => {
    const url = await listen(whoami());
    expect(await checkHub({ hubUrl: url, token: 'good', bound: unbound })).toMatchObject({ outcome: 'reachable', warehouse: 'North', message: expect.stringContaining('"North"') });
    expect(await checkHub({ hubUrl: url, token: 'revoked', bound: unbound })).toMatchObject({ outcome: 'unauthorised', message: expect.stringContaining('revoked') });
    // The hub said this token was revoked there: no "wrong or revoked" guess.
    expect(await checkHub({ hubUrl: url, token: 'was-good', bound: unbound })).toEqual({
      outcome: 'unauthorised',
      message: `Unauthorised: this token was revoked at the hub at ${url}. Ask your supervisor for a new bench token.`,
      warehouse: null,
      stationId: null,
    });
  });

  it('says wrong warehouse (or wrong bench) when the store is bound to another', async () => {
    const url = await listen(whoami());
    expect(await checkHub({ hubUrl: url, token: 'good', bound: { hubStationId: 'S9', hubWarehouse: 'South' } })).toMatchObject({
      outcome: 'wrong_warehouse',
      message: expect.stringMatching(/warehouse "North".*warehouse "South"/),
    });
    expect(await checkHub({ hubUrl: url, token: 'good', bound: { hubStationId: 'S2', hubWarehouse: 'North' } })).toMatchObject({ outcome: 'wrong_bench' });
    expect(await checkHub({ hubUrl: url, token: 'good', bound: { hubStationId: 'S1', hubWarehouse: 'North' } })).toMatchObject({ outcome: 'reachable' });
  });

  it('says TLS problem for a certificate the bench does not trust', async () => {
    const dir = tempDir('hub-check-tls-');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', 'self.key', '-out', 'self.crt'], { cwd: dir, stdio: 'pipe' });
    const server = createHttpsServer({ cert: readFileSync(join(dir, 'self.crt')), key: readFileSync(join(dir, 'self.key')) }, (_req, res) => res.end('{}'));
    const url = await listen(server as unknown as Server, 'https');
    const result = await checkHub({ hubUrl: url, token: 'good', bound: unbound });
    expect(result).toMatchObject({ outcome: 'tls_problem', message: expect.stringContaining('self-signed') });
  });

  it('says unreachable (with the cause) for a closed port, and not a hub for another server', async () => {
    const closed = await listen(createHttpServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await checkHub({ hubUrl: closed, token: 'good', bound: unbound })).toMatchObject({ outcome: 'unreachable', message: expect.stringContaining('ECONNREFUSED') });
    const other = await listen(createHttpServer((_req, res) => res.writeHead(404).end('<html>no</html>')));
    expect(await checkHub({ hubUrl: other, token: 'good', bound: unbound })).toMatchObject({ outcome: 'not_a_hub' });
  });

  it('says in words why a hub is unreachable, the error code beside them: nothing listening, a port the bench never uses', async () => {
    const closed = await listen(createHttpServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect((await checkHub({ hubUrl: closed, token: 'good', bound: unbound })).message).toContain('(nothing answers at that address and port: is the hub running?; ECONNREFUSED)');
    // Port 9 (discard) is one fetch refuses outright; "(bad port)" alone sent the manager to check the network.
    expect((await checkHub({ hubUrl: 'http://127.0.0.1:9', token: 'good', bound: unbound })).message).toContain(
      '(the bench never connects to that port, which belongs to another kind of service: give the hub another port; bad port)',
    );
  });

  it('says what another server answered once, in one sentence for the Settings screen (a wrong path, another service)', async () => {
    const other = await listen(createHttpServer((_req, res) => res.writeHead(404).end('not here')));
    expect(await checkHub({ hubUrl: `${other}/hub/`, token: 'good', bound: unbound })).toEqual({
      outcome: 'not_a_hub',
      message: `Not a hub: the server at ${other}/hub did not answer as a packing hub (GET /v1/whoami: answered 404, "not here"). Check the address.`,
      warehouse: null,
      stationId: null,
    });
  });
});
