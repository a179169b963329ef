// @vitest-environment happy-dom
/**
 * The Settings screen against a real core with its settings file: a refused Save Changes marks the
 * fields it names (aria-invalid, described by its words). The marks stayed on a field after it was
 * edited, until the next save; now the edited field's mark (and its description by the refusal) goes,
 * as a refused Test connection's does, while the fields not edited keep theirs.
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

async function openScreen(): Promise<{ api: BenchApi }> {
  const dir = tempDir('bench-settings-marks-');
  const parts = openBenchParts({
    file: benchDatabaseFile(dir),
    stationName: 'Test bench',
    settings: settingsFeatureOptions({ dataDir: dir, keyStore: { kind: 'none', warning: 'not encrypted (test)' }, appVersion: '0.0.0' }),
  });
  opened.push(parts);
  const api = new Proxy({} as BenchApi, { get: (_, method: BenchMethod) => (args: unknown) => invokeBenchMethodAsync(parts.core, method, args) });
  const settings = await api.getSettings({});
  if (!settings.ok) throw new Error(settings.error.message);
  await act(async () => root.render(<SettingsScreen api={api} settings={settings.value} onSaved={() => {}} />));
  return { api }; // not the proxy itself: a promise would take it for a thenable (its "then" is a call)
}

const field = (label: string) => {
  const labelled = [...document.querySelectorAll('label')].find((l) => l.textContent === label);
  return document.getElementById(labelled!.htmlFor) as HTMLInputElement;
};
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
/** The words describing a field, as a screen reader reads them out with it. */
const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

async function saveChanges(): Promise<void> {
  await act(async () => button('Save Changes').click());
  await settle();
  await settle();
}

it('a field a refused save marked loses its mark once edited; the others keep theirs until the next save', async () => {
  const { api } = await openScreen();
  typeInto(field('Hub URL'), 'ftp://hub.example.com');
  typeInto(field('Scanner key interval (ms)'), '5000');
  await saveChanges();
  expect(document.querySelector('[role="alert"]')?.textContent).toContain('Not saved');
  expect(beeps.count()).toBe(1);
  for (const label of ['Hub URL', 'Scanner key interval (ms)']) {
    expect(field(label).getAttribute('aria-invalid')).toBe('true');
    expect(description(field(label))).toContain('Not saved');
  }

  typeInto(field('Hub URL'), 'https://hub.example.com');
  expect(field('Hub URL').getAttribute('aria-invalid')).toBeNull();
  expect(description(field('Hub URL'))).not.toContain('Not saved');
  // Not edited: still marked, still described by the refusal.
  expect(field('Scanner key interval (ms)').getAttribute('aria-invalid')).toBe('true');
  expect(description(field('Scanner key interval (ms)'))).toContain('Scanner key interval must be at most 1000 ms');

  typeInto(field('Scanner key interval (ms)'), '6000');
  expect(field('Scanner key interval (ms)').getAttribute('aria-invalid')).toBeNull();
  expect(description(field('Scanner key interval (ms)'))).not.toContain('Not saved');

  // Refused again: the field named is marked again.
  await saveChanges();
  expect(field('Scanner key interval (ms)').getAttribute('aria-invalid')).toBe('true');
  expect(field('Hub URL').getAttribute('aria-invalid')).toBeNull();
  expect(await api.getSettings({})).toMatchObject({ ok: true, value: { hubUrl: '', scanner: { maxInterKeyGapMs: 50 } } });
});

it('a scanner number typed with a comma or a space is refused naming what was typed, the box marked, nothing saved', async () => {
  const { api } = await openScreen();
  typeInto(field('Scanner key interval (ms)'), '2,5');
  typeInto(field('Shortest scan (characters)'), '1 500');
  await saveChanges();
  const alert = document.querySelector('[role="alert"]')?.textContent ?? '';
  expect(alert).toBe(
    '⚠ Not saved: Scanner key interval must be a whole number of milliseconds, digits only (got "2,5"); Shortest scan must be a whole number of characters, digits only (got "1 500")',
  );
  expect(beeps.count()).toBe(1);
  expect(field('Scanner key interval (ms)').getAttribute('aria-invalid')).toBe('true');
  expect(field('Shortest scan (characters)').getAttribute('aria-invalid')).toBe('true');
  expect(field('Scanner key interval (ms)').getAttribute('type')).not.toBe('number');
  expect(await api.getSettings({})).toMatchObject({ ok: true, value: { scanner: { maxInterKeyGapMs: 50, minLength: 4 } } });
});
