// @vitest-environment happy-dom
/**
 * The Settings screen against a real core with its settings file: a refused Save Changes marks the
 * fields it names (aria-invalid, described by its words). The marks stayed on a field after it was
 * edited, until the next save; now the edited field's mark (and its description by the refusal) goes,
 * as a refused Test connection's does, while the fields not edited keep theirs.
 */
import { expect, it } from 'vitest';
import { typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { description, field, press, settingsOnRealCore } from './settings-on-real-core.js';

const beeps = countBeeps();
const { openScreen } = settingsOnRealCore('bench-settings-marks-');
const saveChanges = () => press('Save Changes');

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
