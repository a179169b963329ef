/**
 * The Settings screen mounted against a real core with its settings file (in a temp folder), for the
 * renderer tests of what a refused Save Changes or Test connection marks; and the page as a packer
 * reads it: a field by its label, a button by its name, the words describing a field.
 * Call `settingsOnRealCore()` at the top level of a test file: it registers its set-up and clean-up.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { fetch as nodeFetch } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openBenchParts, type BenchParts } from '../../electron/core/bench-parts.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { settingsFeatureOptions } from '../../electron/core/service/core-runtime.js';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.js';
import type { BenchApi, BenchMethod, BenchSettingsView } from '../../shared/contract/api.js';
import { invokeBenchMethodAsync } from '../../shared/contract/invoke.js';
import { tempDir } from '../core/helpers.js';
import { settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

interface ScreenOptions {
  /** The api the screen is given, made from the core's (a call held or counted); the core's own by default. */
  screenApi?: (core: BenchApi) => BenchApi;
  onSaved?: (saved: BenchSettingsView) => void;
  /** A bench token saved before the screen opens (it then offers "Remove the stored token"). */
  storedToken?: string;
}

export interface OpenedScreen {
  api: BenchApi;
  /** The packer goes to another screen: Settings unmounts, as the app's tabs do. */
  leave: () => Promise<void>;
}

export function settingsOnRealCore(tempPrefix: string): { openScreen: (options?: ScreenOptions) => Promise<OpenedScreen> } {
  // The bench core runs in Node, not in the page: it gets Node's fetch (undici), not happy-dom's.
  const pageFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = nodeFetch as unknown as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = pageFetch;
  });
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

  /** Answers the core's own api (the screen's may hold calls). */
  async function openScreen({ screenApi = (core) => core, onSaved = () => {}, storedToken }: ScreenOptions = {}): Promise<OpenedScreen> {
    const dir = tempDir(tempPrefix);
    // As browser mode opens it (electron/web/main.ts, which page-side tests cannot load): the settings file in the data folder, no key store.
    const parts = openBenchParts({
      file: benchDatabaseFile(dir),
      stationName: 'Test bench',
      settings: settingsFeatureOptions({ dataDir: dir, keyStore: { kind: 'none', warning: 'not encrypted (test)' }, appVersion: '0.0.0' }),
    });
    opened.push(parts);
    const api = new Proxy({} as BenchApi, { get: (_, method: BenchMethod) => (args: unknown) => invokeBenchMethodAsync(parts.core, method, args) });
    let settings = await api.getSettings({});
    if (!settings.ok) throw new Error(settings.error.message);
    if (storedToken !== undefined) {
      const { stationName, hubUrl, scanner, labelPrinter } = settings.value;
      settings = await api.saveSettings({ stationName, hubUrl, token: { action: 'replace', value: storedToken }, scanner, labelPrinter });
      if (!settings.ok) throw new Error(settings.error.message);
    }
    await act(async () => root.render(<SettingsScreen api={screenApi(api)} settings={settings.value} onSaved={onSaved} />));
    const leave = () => act(async () => root.render(<p>Another screen</p>));
    return { api, leave }; // not the proxy itself: a promise would take it for a thenable (its "then" is a call)
  }
  return { openScreen };
}

export const field = (label: string) => {
  const labelled = [...document.querySelectorAll('label')].find((l) => l.textContent === label);
  return document.getElementById(labelled!.htmlFor) as HTMLInputElement;
};

export const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;

/** The words describing a field, as a screen reader reads them out with it. */
export const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** Presses a button and lets the core answer. */
export async function press(name: string): Promise<void> {
  await act(async () => button(name).click());
  await settle();
  await settle();
}
