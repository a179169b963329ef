// @vitest-environment happy-dom
/**
 * Save Changes with nothing changed, against a real core with its settings file: it said "Settings
 * saved." and wrote the file again (restarting sync) for nothing. It now says there is nothing to save
 * and sends nothing; a change typed and typed back is nothing to save either.
 */
import { expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { typeInto } from './dom-helpers.js';
import { field, press, settingsOnRealCore } from './settings-on-real-core.js';

const { openScreen } = settingsOnRealCore('bench-settings-nothing-');
const status = () => [...document.querySelectorAll('[role=status]')].map((s) => s.textContent).join(' ');

it('Save Changes with nothing changed says so and saves nothing; a real change still saves', async () => {
  const saves: unknown[] = [];
  const saved: string[] = [];
  await openScreen({
    screenApi: (core) => new Proxy(core, { get: (target, method: keyof BenchApi) => (method === 'saveSettings' ? (args: never) => (saves.push(args), target.saveSettings(args)) : target[method]) }),
    onSaved: (s) => saved.push(s.stationName),
  });

  await press('Save Changes');
  expect(status()).toContain('Nothing to save: the settings are as saved.');
  expect(status()).not.toContain('Settings saved.');
  expect(saves).toEqual([]);

  // Typed and typed back: the form is as saved again.
  typeInto(field('Bench name'), 'Packing 4');
  typeInto(field('Bench name'), 'Test bench');
  await press('Save Changes');
  expect(status()).toContain('Nothing to save: the settings are as saved.');
  expect(saves).toEqual([]);

  typeInto(field('Bench name'), 'Packing 4');
  await press('Save Changes');
  expect(status()).toContain('Settings saved.');
  expect(saves).toHaveLength(1);
  expect(saved).toEqual(['Packing 4']);
});
