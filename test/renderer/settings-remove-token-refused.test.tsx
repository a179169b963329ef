// @vitest-environment happy-dom
/**
 * The Settings screen against a real core with a stored token: "Remove the stored token" while a new
 * token is typed is refused in words naming why, beeped, the box left unticked. It stays focusable
 * (aria-disabled, as the bench's other busy controls): a disabled box was skipped by Tab, unexplained.
 */
import { act } from 'react';
import { expect, it } from 'vitest';
import { typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { description, settingsOnRealCore } from './settings-on-real-core.js';

const beeps = countBeeps();
const { openScreen } = settingsOnRealCore('bench-settings-remove-token-');
const removeToken = () =>
  [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((box) => box.closest('label')?.textContent === 'Remove the stored token (stops syncing)')!;

it('refuses "Remove the stored token" while a new token is typed, saying why and beeping; the box keeps its focus', async () => {
  await openScreen({ storedToken: 'bench-token-1' });
  typeInto(document.querySelector<HTMLInputElement>('input[type="password"]')!, 'bench-token-2');
  const box = removeToken();
  expect(box.disabled).toBe(false);
  expect(box.getAttribute('aria-disabled')).toBe('true');
  box.focus();
  await act(async () => box.click());
  expect(removeToken().checked).toBe(false);
  expect(document.activeElement).toBe(removeToken());
  expect(description(removeToken())).toContain('A new token is typed: it replaces the stored one when saved. Empty the token box to remove the stored token instead.');
  await beeps.played();
  expect(beeps.count()).toBe(1);

  // The token box emptied: the box can be ticked, and the refusal's words go.
  typeInto(document.querySelector<HTMLInputElement>('input[type="password"]')!, '');
  expect(removeToken().getAttribute('aria-disabled')).toBeNull();
  await act(async () => removeToken().click());
  expect(removeToken().checked).toBe(true);
  expect(description(removeToken())).toBe('');
});

it('takes "Remove the stored token" unticked while a new token is typed (only ticking it is refused)', async () => {
  await openScreen({ storedToken: 'bench-token-1' });
  await act(async () => removeToken().click());
  expect(removeToken().checked).toBe(true);
  typeInto(document.querySelector<HTMLInputElement>('input[type="password"]')!, 'bench-token-2');
  expect(removeToken().getAttribute('aria-disabled')).toBeNull();
  await act(async () => removeToken().click());
  expect(removeToken().checked).toBe(false);
  expect(description(removeToken())).toBe('');
  await beeps.played();
  expect(beeps.count()).toBe(0);
});
