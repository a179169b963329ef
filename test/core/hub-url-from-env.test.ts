/**
 * Browser mode's BENCH_HUB_URL is judged by the same rule as the Settings screen's hub URL
 * (shared/contract/settings-schemas.ts): the real host (`node --import tsx electron/web/main.ts`),
 * given a hub URL the rule refuses, says so in the rule's words naming the variable, and does not start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, startServerProcess } from '../faults/processes.js';
import { tempDir } from './helpers.js';

afterEach(() => killAll());

function startHostWith(hubUrl: string) {
  return startServerProcess('bench host', 'electron/web/main.ts', {
    BENCH_DATA_DIR: tempDir('bench-env-hub-'),
    BENCH_PORT: '0',
    BENCH_HUB_URL: hubUrl,
    BENCH_HUB_TOKEN: 'bench-token-env-1',
  });
}

describe('BENCH_HUB_URL', () => {
  // One case per process (the host exits): the wiring is proven here, every URL's words in
  // test/sync/engine.test.ts (checkSyncSettings) and test/core/settings.test.ts.
  const cases: Array<[string, string]> = [
    ['http://127.0.0.1:080', 'BENCH_HUB_URL: Hub URL port 080 has a leading zero: write it as 80 if that is the port meant'],
    ['hub.example.com', 'BENCH_HUB_URL: Hub URL must be an http:// or https:// address, e.g. https://hub.example.com'],
  ];
  for (const [hubUrl, words] of cases) {
    it(`"${hubUrl}" is refused in the Settings screen's words, naming the variable, and the bench does not start`, async () => {
      const host = startHostWith(hubUrl);
      // Not started: it exits before printing where to open it (a bench that started fails here at once).
      const started = await host.waitFor(/Open: /).then(() => true, () => false);
      expect(started).toBe(false);
      expect((await host.exited).code).toBe(2);
      expect(host.output()).toContain(words);
      expect(host.output()).not.toContain('Open:');
    });
  }

  it('written plainly (:9) is taken: the bench starts', async () => {
    const host = startHostWith('http://127.0.0.1:9');
    await host.waitFor(/Open: http:\/\/127\.0\.0\.1:\d+/);
    expect(host.output()).not.toContain('BENCH_HUB_URL:');
    await host.terminate();
  });
});
