// @vitest-environment happy-dom
/**
 * The Settings screen against a real core with its settings file: a "Test connection" refused marks
 * the field it is about (aria-invalid, described by the refusal's words), as a refused save does, and
 * the mark goes once that field is edited. Messages about the token name it by its label, "Bench token".
 * Real servers on 127.0.0.1 stand in for a web page where the hub should be and for a hub refusing the token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { description, field, press, settingsOnRealCore } from './settings-on-real-core.js';

const beeps = countBeeps();
const { openScreen } = settingsOnRealCore('bench-settings-refusal-');
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function answering(status: number, type: string, body: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const testConnection = () => press('Test connection');

it('a hub URL refused by Test connection is marked and described by the refusal, until it is edited', async () => {
  await openScreen();
  typeInto(field('Hub URL'), 'http://hub example.com');
  typeInto(field('Bench token'), 'bench-token-1');
  await testConnection();
  expect(field('Hub URL').getAttribute('aria-invalid')).toBe('true');
  expect(description(field('Hub URL'))).toContain('Hub URL must not contain spaces');
  expect(field('Bench token').getAttribute('aria-invalid')).toBeNull();
  expect(beeps.count()).toBe(1);

  typeInto(field('Hub URL'), 'http://hub.example.com');
  expect(field('Hub URL').getAttribute('aria-invalid')).toBeNull();
  expect(description(field('Hub URL'))).not.toContain('must be an http');
});

it('a server that is not a hub marks the Hub URL, with its words', async () => {
  await openScreen();
  const url = await answering(200, 'text/html', '<html><head><title>Welcome to nginx!</title></head></html>');
  typeInto(field('Hub URL'), url);
  typeInto(field('Bench token'), 'bench-token-1');
  await testConnection();
  expect(document.querySelector('.hub-check')?.getAttribute('data-outcome')).toBe('not_a_hub');
  expect(field('Hub URL').getAttribute('aria-invalid')).toBe('true');
  expect(description(field('Hub URL'))).toContain('Not a hub');
  expect(field('Bench token').getAttribute('aria-invalid')).toBeNull();
});

it('a token the hub refuses marks the Bench token, until it is edited', async () => {
  await openScreen();
  const url = await answering(401, 'application/json', '{"error":"unauthorized","message":"unknown or revoked token"}');
  typeInto(field('Hub URL'), url);
  typeInto(field('Bench token'), 'wrong-token');
  await testConnection();
  expect(document.querySelector('.hub-check')?.getAttribute('data-outcome')).toBe('unauthorised');
  expect(field('Bench token').getAttribute('aria-invalid')).toBe('true');
  expect(description(field('Bench token'))).toContain('refused this token');
  expect(field('Hub URL').getAttribute('aria-invalid')).toBeNull();

  typeInto(field('Bench token'), 'right-token');
  expect(field('Bench token').getAttribute('aria-invalid')).toBeNull();
  expect(description(field('Bench token'))).not.toContain('refused this token');
});

it('a token refused as typed names the field by its label, "Bench token", on Test connection and on Save Changes', async () => {
  await openScreen();
  typeInto(field('Hub URL'), 'http://127.0.0.1:9');
  typeInto(field('Bench token'), 'two words');
  await testConnection();
  expect(field('Bench token').getAttribute('aria-invalid')).toBe('true');
  expect(description(field('Bench token'))).toContain('Bench token must not contain spaces');

  await press('Save Changes');
  const alerts = [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '');
  expect(alerts.find((a) => a.includes('Not saved'))).toContain('Bench token must not contain spaces');
  expect(alerts.join(' ')).not.toContain('Hub token');
  expect(description(field('Bench token'))).toContain('Not saved: Bench token must not contain spaces');
});
