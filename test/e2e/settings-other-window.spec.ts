/**
 * Settings kept honest with what is saved: settings saved in another window on the same bench reach
 * an open Settings screen (shown if it holds no edits; said, with the edits kept, if it does), and a
 * stored bench token that cannot be read is said to be unreadable, not "no bench token".
 */
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const status = (page: Page) => page.locator('.settings-saved');

async function openSettings(page: Page, launchUrl: string): Promise<void> {
  await page.goto(launchUrl);
  await nav(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
}

test('settings saved in another window show on an open Settings screen without edits', async ({ page, context, bench }) => {
  await openSettings(page, bench.host.launchUrl);
  const other = await context.newPage();
  await openSettings(other, bench.host.launchUrl);

  await other.getByLabel('Bench name').fill('Bench from B');
  await other.getByLabel('Label printer').fill('Zebra B');
  await other.getByRole('button', { name: 'Save Changes' }).click();
  await expect(status(other)).toHaveText('Settings saved.');

  await expect(page.getByLabel('Bench name')).toHaveValue('Bench from B');
  await expect(page.getByLabel('Label printer')).toHaveValue('Zebra B');
  await expect(status(page)).toHaveText('Settings were changed in another window.');
  await expect(page.getByRole('button', { name: 'Load the saved settings' })).toHaveCount(0);
  // The window that saved is not told its own save came from elsewhere.
  await expect(status(other)).toHaveText('Settings saved.');
});

test('with unsaved edits, another window’s save keeps them, says which fields changed, and Save says what it replaces', async ({ page, context, bench }) => {
  await openSettings(page, bench.host.launchUrl);
  const other = await context.newPage();
  await openSettings(other, bench.host.launchUrl);

  await page.getByLabel('Bench name').fill('Bench from A');
  await page.getByLabel('Label printer').fill('Zebra A');

  await other.getByLabel('Bench name').fill('Bench from B');
  await other.getByLabel('Scanner key interval (ms)').fill('40');
  await other.getByRole('button', { name: 'Save Changes' }).click();
  await expect(status(other)).toHaveText('Settings saved.');

  await expect(status(page)).toContainText('Settings were changed in another window (Bench name and Scanner key interval)');
  await expect(status(page)).toContainText("replaces the other window's Bench name with yours");
  // The edits are kept; a field not edited here takes the other window's value.
  await expect(page.getByLabel('Bench name')).toHaveValue('Bench from A');
  await expect(page.getByLabel('Label printer')).toHaveValue('Zebra A');
  await expect(page.getByLabel('Scanner key interval (ms)')).toHaveValue('40');
  await expect(page.getByRole('button', { name: 'Load the saved settings' })).toBeVisible();

  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(status(page)).toHaveText('Settings saved, replacing the Bench name saved in another window.');
  expect(await bench.service.api.getSettings({})).toMatchObject({
    ok: true,
    value: { stationName: 'Bench from A', labelPrinter: 'Zebra A', scanner: { maxInterKeyGapMs: 40 } },
  });
  // And back the other way: "Load the saved settings" drops the edits for what is saved.
  await expect(other.getByLabel('Bench name')).toHaveValue('Bench from A');
  await other.getByLabel('Label printer').fill('Zebra B');
  await page.getByLabel('Label printer').fill('Zebra C');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(status(page)).toHaveText('Settings saved.');
  await expect(status(other)).toContainText("replaces the other window's Label printer with yours");
  await other.getByRole('button', { name: 'Load the saved settings' }).click();
  await expect(other.getByLabel('Label printer')).toHaveValue('Zebra C');
  await expect(other.getByRole('button', { name: 'Load the saved settings' })).toHaveCount(0);
});

test('a stored token that cannot be read is said to be unreadable in the header and Settings, not "no bench token"', async ({ page, bench }) => {
  // Sealed by a key store this bench does not have (browser mode has none): it cannot be decrypted here.
  writeFileSync(
    join(bench.dataDir, 'settings.json'),
    JSON.stringify({ stationName: 'E2E bench', sync: { hubUrl: 'http://127.0.0.1:9', token: { scheme: 'safeStorage', data: 'bm90LWEtdG9rZW4=' } } }),
  );
  await bench.restart();
  await bench.open(page);
  const sync = page.getByRole('region', { name: 'Sync' });
  await expect(sync).toContainText('Not syncing: the stored bench token could not be read');
  await expect(sync).toContainText('enter the bench token again in Settings');
  await expect(sync).not.toContainText('no bench token');
  expect(await bench.service.api.getSyncStatus({})).toMatchObject({ ok: true, value: { state: 'not_configured', tokenUnreadable: true } });

  await nav(page, 'Settings').click();
  await expect(page.getByRole('note').filter({ hasText: 'The saved bench token cannot be decrypted here' })).toContainText('Enter the token again');
  // Not "set" beside that note: a token is stored, but none this bench can use.
  await expect(page.getByTestId('token-state')).toHaveText('stored but cannot be read');

  // Entered again: no longer said to be unreadable.
  await page.getByLabel(/New bench token/).fill('a-new-token');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(status(page)).toHaveText('Settings saved.');
  await expect(sync).not.toContainText('could not be read');
  await expect(page.getByTestId('token-state')).toHaveText('set');
});
