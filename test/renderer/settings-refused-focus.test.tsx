// @vitest-environment happy-dom
/**
 * The Settings screen against a real core: a Save Changes refused for what a field holds puts the focus
 * in the first field it names (in the form's order), so the manager corrects it at once, as the same
 * refusal does after the unsaved-changes question's "Save". A refusal naming no field ("Already saving",
 * a connection test still running) leaves the focus where it was.
 */
import { act } from 'react';
import { expect, it } from 'vitest';
import { typeInto } from './dom-helpers.js';
import { button, field, press, settingsOnRealCore } from './settings-on-real-core.js';

const { openScreen } = settingsOnRealCore('bench-settings-refused-focus-');

async function saveFromTheButton(): Promise<void> {
  await act(async () => button('Save Changes').focus());
  await press('Save Changes');
}

it('a refused Save Changes puts the focus in the first field it names; put right, the save keeps it on the button', async () => {
  const { api } = await openScreen();
  typeInto(field('Scanner key interval (ms)'), '5000');
  typeInto(field('Hub URL'), 'ftp://hub.example.com');
  await saveFromTheButton();
  expect(document.querySelector('[role="alert"]')?.textContent).toContain('Hub URL must be an http:// or https:// address');
  // Hub URL comes before the scanner's boxes on the form, whichever was typed first.
  expect(document.activeElement).toBe(field('Hub URL'));

  typeInto(field('Hub URL'), '');
  await saveFromTheButton();
  expect(document.querySelector('[role="alert"]')?.textContent).toContain('Scanner key interval must be at most 1000 ms');
  expect(document.activeElement).toBe(field('Scanner key interval (ms)'));

  // Refused before it reaches the core (digits only): the same.
  typeInto(field('Scanner key interval (ms)'), '2,5');
  await saveFromTheButton();
  expect(document.activeElement).toBe(field('Scanner key interval (ms)'));

  typeInto(field('Scanner key interval (ms)'), '40');
  await saveFromTheButton();
  expect(document.body.textContent).toContain('Settings saved.');
  expect(document.activeElement).toBe(button('Save Changes'));
  expect(await api.getSettings({})).toMatchObject({ ok: true, value: { scanner: { maxInterKeyGapMs: 40 } } });
});
