/**
 * Settings' scanner number boxes as a packer types in them, key by key: as number boxes, Chromium
 * dropped a comma or a space as it was typed, so "2,5" saved a key interval of 25 ms without a word,
 * and "1 500" was refused as a shortest scan of 1500 characters, never naming what was typed. Each is
 * refused naming what was typed, the boxes marked, and nothing is saved.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

async function typeIn(page: Page, label: string, typed: string): Promise<void> {
  const box = page.getByLabel(label);
  await box.selectText();
  await page.keyboard.press('Delete');
  await box.pressSequentially(typed);
}

test('a scanner number typed with a comma or a space is refused naming what was typed, and nothing is saved', async ({ page, bench }) => {
  await bench.open(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
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
