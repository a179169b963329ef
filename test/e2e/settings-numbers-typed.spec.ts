/**
 * Settings' scanner number boxes as a packer types in them, key by key: as number boxes, Chromium
 * dropped a comma or a space as it was typed, so "2,5" saved a key interval of 25 ms without a word,
 * and "1 500" was refused as a shortest scan of 1500 characters, never naming what was typed. Each is
 * refused naming what was typed, the boxes marked, and nothing is saved. A scan into a box is no press of
 * "Save Changes", and a refusal goes once what it was about is no longer there.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { beeps, countBeeps, hardwareScan } from './orders-helpers.js';

async function typeIn(page: Page, label: string, typed: string): Promise<void> {
  const box = page.getByLabel(label);
  await box.selectText();
  await page.keyboard.press('Delete');
  // As a person types (keys this close together would be a scan).
  await box.pressSequentially(typed, { delay: 120 });
}

test('a scanner number typed with a comma or a space is refused naming what was typed, and nothing is saved', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  // The bounds are said before any is refused.
  await expect(page.getByLabel('Scanner key interval (ms)')).toHaveAccessibleDescription(/From 5 to 1,000 ms\.$/);
  await expect(page.getByLabel('Shortest scan (characters)')).toHaveAccessibleDescription('Fewer characters than this, however fast, are typing. From 1 to 200.');
  for (const [interval, minLength] of [
    ['2,5', '1 500'],
    ['4 0', '1,5'],
  ]) {
    await typeIn(page, 'Scanner key interval (ms)', interval!);
    await typeIn(page, 'Shortest scan (characters)', minLength!);
    await page.getByLabel('Shortest scan (characters)').press('Enter');
    await expect(refusal).toHaveText(
      `⚠ Not saved: Scanner key interval must be a whole number of milliseconds, digits only (got "${interval}"); ` +
        `Shortest scan must be a whole number of characters, digits only (got "${minLength}")`,
    );
    await expect(page.getByLabel('Scanner key interval (ms)')).toHaveValue(interval!);
    await expect(page.getByLabel('Scanner key interval (ms)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Shortest scan (characters)')).toHaveAttribute('aria-invalid', 'true');
    expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { scanner: { maxInterKeyGapMs: 50, minLength: 4 } } });
  }
  // Digits only: saved.
  await typeIn(page, 'Scanner key interval (ms)', '25');
  await typeIn(page, 'Shortest scan (characters)', '6');
  await page.getByLabel('Shortest scan (characters)').press('Enter');
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { scanner: { maxInterKeyGapMs: 25, minLength: 6 } } });
});

test('a scan into a Settings box stays there but its Enter saves nothing; a refusal goes once what it named is edited or saved', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  const name = page.getByLabel('Bench name');
  const stationName = async () => ((await bench.service.api.getSettings({})) as { ok: true; value: { stationName: string } }).value.stationName;
  const savedName = await stationName();

  // A barcode scanned with the caret in "Bench name" (the half-typed token beside it was stored too).
  await name.focus();
  await page.keyboard.press('End');
  await hardwareScan(page, '5012345678900');
  await expect(refusal).toHaveText(`⚠ Not saved: the scan "5012345678900" went into Bench name; a scan's Enter does not save. Check what Bench name holds, then choose Save Changes.`);
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(name).toHaveValue(`${savedName}5012345678900`);
  expect(await stationName()).toBe(savedName);

  // A refusal about the hub URL goes once the URL is edited: it spoke of an address no longer typed.
  await name.fill('Packing 2');
  await page.getByLabel('Hub URL').fill('https://exa mple.com');
  await name.press('Enter');
  await expect(refusal).toHaveText('⚠ Not saved: Hub URL must not contain spaces');
  await page.getByLabel('Hub URL').fill('');
  await expect(refusal).toHaveCount(0);

  // "Remove the stored token" refused beside a typed token: the save that stores the token ends it.
  await page.getByLabel('Bench token').fill('token-one');
  await name.press('Enter');
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.getByLabel('New bench token (leave empty to keep the one set)').fill('token-two');
  // Marked unavailable while a token is typed; Space on it says why.
  await page.getByRole('checkbox', { name: 'Remove the stored token (stops syncing)' }).press('Space');
  const tokenRefusal = page.getByRole('alert').filter({ hasText: 'A new token is typed' });
  await expect(tokenRefusal).toBeVisible();
  await name.press('Enter');
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(tokenRefusal).toHaveCount(0);
  expect(await stationName()).toBe('Packing 2');
});
