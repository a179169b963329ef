// @vitest-environment happy-dom
/**
 * The Settings screen against a real core with its settings file: a Test connection still running when
 * the hub URL is corrected speaks for an address no longer on the screen (its answer is dropped). It no
 * longer holds up Save Changes or a new Test connection (both were refused, beeped, until the old
 * address timed out) and the status no longer says "Testing the connection…" about it.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { fetch as nodeFetch } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openBenchParts, type BenchParts } from '../../electron/core/bench-parts.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { settingsFeatureOptions } from '../../electron/core/service/core-runtime.js';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.js';
import type { BenchApi, BenchMethod } from '../../shared/contract/api.js';
import { invokeBenchMethodAsync } from '../../shared/contract/invoke.js';
import { tempDir } from '../core/helpers.js';
import { settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { withHeldCall } from './held-call.js';
import { mountPointPerTest } from './mount.js';

// The bench core runs in Node, not in the page: it gets Node's fetch (undici), not happy-dom's.
const pageFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = nodeFetch as unknown as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = pageFetch;
});

const beeps = countBeeps();
const mounted = mountPointPerTest();
let root: Root;
beforeEach(() => ({ root } = mounted()));
const opened: BenchParts[] = [];
afterEach(async () => {
  for (const parts of opened.splice(0)) {
    await parts.settings?.stopSync();
    parts.core.close();
  }
});

function openBench(): BenchApi {
  const dir = tempDir('bench-settings-screen-');
  // As browser mode opens it (electron/web/main.ts, which this page-side test cannot load): the settings file in the data folder, no key store.
  const parts = openBenchParts({
    file: benchDatabaseFile(dir),
    stationName: 'Test bench',
    settings: settingsFeatureOptions({ dataDir: dir, keyStore: { kind: 'none', warning: 'not encrypted (test)' }, appVersion: '0.0.0' }),
  });
  opened.push(parts);
  return new Proxy({} as BenchApi, { get: (_, method: BenchMethod) => (args: unknown) => invokeBenchMethodAsync(parts.core, method, args) });
}

const field = (label: string) => {
  const labelled = [...document.querySelectorAll('label')].find((l) => l.textContent === label);
  return document.getElementById(labelled!.htmlFor) as HTMLInputElement;
};
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
const hubCheck = () => document.querySelector('.hub-check')!;

it('a test still running for a hub URL since corrected holds up neither Save Changes nor a new test', async () => {
  const core = openBench();
  const tested: unknown[] = [];
  const { api: held, release } = withHeldCall(core, 'testHubConnection');
  const api = new Proxy(held, {
    get: (target, method: keyof BenchApi) =>
      method === 'testHubConnection' ? (args: never) => (tested.push(args), target.testHubConnection(args)) : target[method],
  });
  const settings = await core.getSettings({});
  if (!settings.ok) throw new Error(settings.error.message);
  const saved: string[] = [];
  await act(async () => root.render(<SettingsScreen api={api} settings={settings.value} onSaved={(s) => saved.push(s.hubUrl)} />));

  // A mistyped address (one that would take its time to answer), tested.
  typeInto(field('Hub URL'), 'http://hub.invalid:8787');
  typeInto(field('Bench token'), 'bench-token-1');
  await act(async () => button('Test connection').click());
  expect(hubCheck().textContent).toBe('Testing the connection…');

  // Corrected: the test running is about an address no longer on the screen.
  typeInto(field('Hub URL'), 'http://127.0.0.1:9');
  expect(hubCheck().textContent).toBe('');

  // Test connection again tests the corrected address, at once and without a beep.
  await act(async () => button('Test connection').click());
  expect(tested).toEqual([
    { hubUrl: 'http://hub.invalid:8787', token: 'bench-token-1' },
    { hubUrl: 'http://127.0.0.1:9', token: 'bench-token-1' },
  ]);
  expect(hubCheck().textContent).toBe('Testing the connection…');
  release();
  await settle();
  await settle();
  expect(hubCheck().getAttribute('data-outcome')).toBe('unreachable');
  expect(beeps.count()).toBe(0);

  // And Save Changes saves, rather than being refused while an old test runs.
  typeInto(field('Hub URL'), 'http://hub.invalid:8787');
  await act(async () => button('Test connection').click());
  typeInto(field('Hub URL'), 'http://127.0.0.1:9');
  await act(async () => button('Save Changes').click());
  await settle();
  expect(document.querySelector('[role="alert"]')?.textContent ?? '').toBe('');
  expect(document.querySelector('.settings-saved')?.textContent).toBe('Settings saved.');
  expect(saved).toEqual(['http://127.0.0.1:9']);
  expect(beeps.count()).toBe(0);
});

it('Save Changes pressed again while the save runs is refused in words and beeped, and saves once', async () => {
  const core = openBench();
  const { api, release } = withHeldCall(core, 'saveSettings');
  let saves = 0;
  const counted = new Proxy(api, {
    get: (target, method: keyof BenchApi) => (method === 'saveSettings' ? (args: never) => (saves++, target.saveSettings(args)) : target[method]),
  });
  const settings = await core.getSettings({});
  if (!settings.ok) throw new Error(settings.error.message);
  await act(async () => root.render(<SettingsScreen api={counted} settings={settings.value} onSaved={() => {}} />));
  typeInto(field('Bench name'), 'Packing 2');
  await act(async () => button('Save Changes').click());
  await act(async () => button('Save Changes').click());
  await beeps.played();
  expect(document.querySelector('[role="alert"]')?.textContent).toContain('Already saving: wait for Save Changes to answer.');
  expect(beeps.count()).toBe(1);
  release();
  await settle();
  await settle();
  expect(saves).toBe(1);
  expect(document.querySelector('.settings-saved')?.textContent).toBe('Settings saved.');
  expect(document.querySelector('[role="alert"]')?.textContent ?? '').toBe('');
});
