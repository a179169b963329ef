// @vitest-environment happy-dom
/**
 * The Settings screen against a real core: a Test connection the hub answers with a failure
 * ("Unauthorised", "Not a hub", "Unreachable") is a refusal, shown in an alert and beeped at once, as
 * every refusal on the bench; a "Reachable" answer stays a polite status, without a beep.
 * Real servers on 127.0.0.1 stand in for a hub (its whoami), a web page and a closed port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { Whoami } from '../../shared/sync/protocol.js';
import { typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { field, press, settingsOnRealCore } from './settings-on-real-core.js';

const beeps = countBeeps();
const { openScreen } = settingsOnRealCore('bench-settings-answer-');
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A stand-in hub: the token "good" belongs to bench S1 of warehouse North; any other is refused (401). */
async function hub(): Promise<string> {
  const server = createServer((req, res) => {
    const good = req.url === '/v1/whoami' && req.headers.authorization === 'Bearer good';
    const me: Whoami = { warehouse: 'North', stationId: 'S1', stationName: 'Packing 1', lastSeq: 0, stations: [{ stationId: 'S1', name: 'Packing 1' }] };
    res.writeHead(good ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(good ? me : { error: 'unauthorized', message: 'unknown or revoked token' }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function webPage(): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><head><title>Welcome to nginx!</title></head></html>');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const alerts = () => [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '');
const status = () => document.querySelector('.hub-check')?.textContent ?? '';

it.each([
  ['a token the hub refuses', async () => ({ url: await hub(), token: 'wrong-token' }), 'Unauthorised: the hub at'],
  ['a server that is not a hub', async () => ({ url: await webPage(), token: 'good' }), 'Not a hub:'],
  ['a hub that cannot be reached', async () => ({ url: 'http://127.0.0.1:9', token: 'good' }), 'Unreachable:'],
])('%s is refused: an alert, beeped, not a polite status', async (_name, where, words) => {
  await openScreen();
  const { url, token } = await where();
  typeInto(field('Hub URL'), url);
  typeInto(field('Bench token'), token);
  await press('Test connection');
  await beeps.played();
  expect(alerts().join(' | ')).toContain(words);
  expect(status()).not.toContain(words);
  expect(beeps.count()).toBe(1);

  // Asked again with the same answer: a new alert and a new beep, said again.
  await press('Test connection');
  await beeps.played();
  expect(alerts().filter((a) => a.includes(words))).toHaveLength(1);
  expect(beeps.count()).toBe(2);
});

it('a hub that accepts the token is said politely, without a beep', async () => {
  await openScreen();
  typeInto(field('Hub URL'), await hub());
  typeInto(field('Bench token'), 'good');
  await press('Test connection');
  await beeps.played();
  expect(status()).toContain('Reachable: the hub at');
  expect(document.querySelector('.hub-check')?.getAttribute('role')).toBe('status');
  expect(alerts().join('')).toBe('');
  expect(beeps.count()).toBe(0);
});
