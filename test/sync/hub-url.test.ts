import { describe, expect, it } from 'vitest';
import { hubUrlWarning, isLoopbackHost } from '../../shared/sync/hub-url.js';

describe('hubUrlWarning', () => {
  it.each([
    'http://127.0.0.1:8787',
    'http://127.8.9.10/',
    'http://127.1:8787',
    'http://2130706433:8787',
    'http://[::1]:8787',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://localhost:8787',
    'http://LOCALHOST./',
    'http://hub.localhost:8787',
    '  http://localhost:8787/  ',
  ])('says nothing for plain http on this machine: %s', (url) => {
    expect(hubUrlWarning(url)).toBeNull();
  });

  it.each(['https://hub.example', 'https://10.0.0.5:8443', 'https://localhost', 'HTTPS://HUB.EXAMPLE/'])('says nothing for https: %s', (url) => {
    expect(hubUrlWarning(url)).toBeNull();
  });

  it.each([
    ['http://hub.example', 'http://hub.example'],
    ['http://hub.example:8787/', 'http://hub.example:8787'],
    ['http://10.0.0.5:8787', 'http://10.0.0.5:8787'],
    ['http://192.168.1.20', 'http://192.168.1.20'],
    ['http://[fe80::1]:8787', 'http://[fe80::1]:8787'],
    ['http://128.0.0.1', 'http://128.0.0.1'],
    ['http://localhost.example.com', 'http://localhost.example.com'],
    ['http://127.0.0.1.example.com', 'http://127.0.0.1.example.com'],
  ])('warns for plain http to another machine: %s', (url, origin) => {
    expect(hubUrlWarning(url)).toBe(
      `The hub URL ${origin} is plain http to another machine: this bench's token and the warehouse's data cross the network unencrypted. Use an https:// URL.`,
    );
  });

  it('leaves what is not a URL to the settings check', () => {
    expect(hubUrlWarning('hub.example')).toBeNull();
    expect(hubUrlWarning('')).toBeNull();
  });

  it('knows loopback host names', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('hub.example')).toBe(false);
    expect(isLoopbackHost('::2')).toBe(false);
  });
});
