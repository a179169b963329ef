/**
 * The Settings screen against a real hub (embedded PostgreSQL): the hub URL and bench token are set
 * on the screen, "Test connection" says reachable, saving makes the bench sync with them without a
 * restart, a revoked token is reported unauthorised; bad values are refused naming the field; the
 * scanner key interval decides whether a fast burst of keys is a scan or typing.
 */
import type { Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startHub, type Hub } from '../../hub/hub.js';
import { SHELL_COMMAND_EVENT, type ShellCommand } from '../../shared/contract/shell-commands.js';
import { BenchClient } from '../../hub/testing/client.js';
import { startTestPostgres, type TestPostgres } from '../../hub/testing/postgres.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { readStore } from '../support/store.js';
import { expect, expectAccessible, screenshot, test } from './fixtures.js';
import { beeps, countBeeps, focusNothing, hardwareScan } from './orders-helpers.js';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const hubCheck = (page: Page) => page.locator('.hub-check');
/** A Test connection refused: by the contract, or the hub's failed answer (an alert, beeped). */
const hubRefusal = (page: Page) => page.locator('.hub-check-refusal');

/** A port nothing listens on (taken from the OS, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let postgres: TestPostgres;
let hub: Hub;

test.describe('with a real hub', () => {
  // One PostgreSQL and hub for these tests: they run in order on one worker.
  test.describe.configure({ mode: 'default' });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    postgres = await startTestPostgres();
    hub = await startHub({ databaseUrl: await postgres.createDatabase(), log: () => undefined });
  });

  test.afterAll(async () => {
    await hub?.stop();
    await postgres?.stop();
  });

  test('hub URL and token set on the screen: reachable, syncing without a restart, then unauthorised once revoked', async ({ page, bench }, testInfo) => {
    await hub.admin.addWarehouse('North');
    const mine = await hub.admin.addBench({ warehouse: 'North', station: 'bench-e2e' });
    // Another bench of the warehouse puts a product and an order on the hub.
    const office = await hub.admin.addBench({ warehouse: 'North', station: 'office' });
    await new BenchClient(hub.url, office.token, 'office').push(
      { type: 'product.upsert', sku: 'HUB-SKU', title: 'Hub product', barcode: null, identifierMode: 'none' },
      { type: 'order.upsert', orderNumber: 'HUB-1001', customer: 'Hub Customer', lines: [{ lineNo: 1, sku: 'HUB-SKU', quantity: 1 }] },
    );

    await bench.open(page);
    await nav(page, 'Settings').click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByTestId('token-state')).toHaveText('not set');
    // Browser mode has no key store: the screen says the token is not encrypted.
    await expect(page.getByRole('note')).toContainText('unencrypted');

    await page.getByLabel('Hub URL').fill(hub.url);
    await page.getByLabel('Bench token').fill(mine.token);
    // By keys: the focus stays on the button while the hub is asked, and after.
    const testButton = page.getByRole('button', { name: 'Test connection' });
    await testButton.focus();
    await page.keyboard.press('Enter');
    await expect(hubCheck(page)).toContainText('Reachable');
    await expect(testButton).toBeFocused();
    await expect(hubCheck(page)).toContainText('"North"');
    await expectAccessible(page);
    await screenshot(page, testInfo, 'settings-reachable');

    const saveButton = page.getByRole('button', { name: 'Save Changes' });
    await saveButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(saveButton).toBeFocused();
    await expect(page.getByTestId('token-state')).toHaveText('set');
    await expect(page.getByLabel(/New bench token/)).toHaveValue('');
    // The file keeps the token readable only by this user.
    expect(statSync(join(bench.dataDir, 'settings.json')).mode & 0o777).toBe(0o600);

    // The bench syncs with the new values at once: the hub's order arrives, no restart.
    await expect(page.getByRole('status').filter({ hasText: 'awaiting dispatch' })).toContainText('1 order awaiting dispatch', { timeout: 20_000 });
    // From its first sync the hub names the bench: the open screen shows the hub's name, read-only,
    // says who names it, and does not take the hub's naming for a change made in another window.
    const benchName = page.getByLabel('Bench name');
    await expect(benchName).toHaveValue('bench-e2e');
    await expect(benchName).not.toBeEditable();
    await expect(benchName).toHaveAccessibleDescription('Named by the hub of warehouse North. Ask your supervisor to rename this bench there.');
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(page.getByText(/changed in another window/)).toHaveCount(0);
    await nav(page, 'Order Dispatch').click();
    await expect(page.getByText('HUB-1001').first()).toBeVisible();
    expect(readStore(benchDatabaseFile(bench.dataDir), (db) => db.prepare("SELECT COUNT(*) FROM orders WHERE order_number = 'HUB-1001'").pluck().get())).toBe(1);

    // The warehouse manager revokes the token: the test says so in words (the saved token is tested).
    await hub.admin.revokeBench({ warehouse: 'North', station: 'bench-e2e' });
    // The header says so too, in words, at the next sync ("Sync now" here).
    const header = page.getByRole('region', { name: 'Sync' });
    await header.getByRole('button', { name: 'Sync now' }).click();
    await expect(header).toContainText('Bench token revoked');
    await expect(header.getByRole('status')).toHaveText("This bench's token was revoked at the hub: ask your supervisor for a new one and enter it in Settings.");
    await nav(page, 'Settings').click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(hubRefusal(page)).toContainText('Unauthorised');
    await expect(hubRefusal(page)).toContainText('revoked');
    // The token field is the one marked, described by the hub's words; the Hub URL is not.
    const tokenField = page.getByLabel('New bench token (leave empty to keep the one set)');
    await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
    await expect(tokenField).toHaveAccessibleDescription(/revoked/);
    await expect(page.getByLabel('Hub URL')).not.toHaveAttribute('aria-invalid', 'true');

    // A hub that is not there is "unreachable", with the cause: the Hub URL is marked, the token no longer.
    await page.getByLabel('Hub URL').fill(`http://127.0.0.1:${await closedPort()}`);
    await expect(tokenField).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(hubRefusal(page)).toContainText('Unreachable');
    await expect(hubRefusal(page)).toContainText('ECONNREFUSED');
    await expect(page.getByLabel('Hub URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Hub URL')).toHaveAccessibleDescription(/Unreachable/);
  });
});

test('Test connection tests what is on the screen, before it is saved; removing the token says what sync lacks', async ({ page, bench }) => {
  // A real server standing in for a hub: it notes the token each request brings and refuses it.
  const seen: Array<string | undefined> = [];
  const server = createHttpServer((request, response) => {
    seen.push(request.headers.authorization);
    response.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unknown token' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const typedHub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Saved: a hub nothing answers at, and a token.
    const savedHub = `http://127.0.0.1:${await closedPort()}`;
    const settings = await bench.service.api.getSettings({});
    if (!settings.ok) throw new Error(settings.error.message);
    const { stationName, scanner, labelPrinter } = settings.value;
    expect(await bench.service.api.saveSettings({ stationName, hubUrl: savedHub, token: { action: 'replace', value: 'saved-token' }, scanner, labelPrinter })).toMatchObject({ ok: true });
    await bench.open(page);
    await nav(page, 'Settings').click();
    const test = page.getByRole('button', { name: 'Test connection' });

    // The URL as typed, with the stored token (the token box left empty).
    await page.getByLabel('Hub URL').fill(typedHub);
    await test.click();
    await expect(hubRefusal(page)).toContainText(`Unauthorised: the hub at ${typedHub} refused this token`);
    expect(seen).toEqual(['Bearer saved-token']);

    // "Remove the stored token" ticked, none typed: nothing to test with, and the hub is not asked.
    await page.getByRole('checkbox', { name: 'Remove the stored token (stops syncing)' }).check();
    await test.click();
    await expect(hubRefusal(page)).toContainText('No bench token to test with');
    expect(seen).toHaveLength(1);

    // A token typed is the one tested.
    await page.getByLabel(/New bench token/).fill('typed-token');
    await test.click();
    await expect(hubRefusal(page)).toContainText('Unauthorised');
    expect(seen).toEqual(['Bearer saved-token', 'Bearer typed-token']);

    // The URL emptied: the saved one is not tested in its place.
    await page.getByLabel('Hub URL').fill('');
    await test.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Hub URL is empty' })).toBeVisible();
    await expect(hubCheck(page)).not.toContainText(savedHub);
    expect(seen).toHaveLength(2);

    // Saved with the token removed and the hub URL kept: the header says the token is what is missing.
    await page.getByLabel('Hub URL').fill(savedHub);
    await page.getByLabel(/New bench token/).fill('');
    await page.getByRole('checkbox', { name: 'Remove the stored token (stops syncing)' }).check();
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    const sync = page.getByRole('region', { name: 'Sync' });
    await expect(sync).toContainText('Not syncing: no bench token for the hub');
    await expect(sync).not.toContainText('no hub set up');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('bad values are refused naming the field, and nothing is saved', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Settings').click();
  const settingsFile = join(bench.dataDir, 'settings.json');
  await page.getByLabel('Bench name').fill('Bench 7');
  // Plain http to another machine is warned about while typing; https and loopback are not.
  const urlWarning = page.getByTestId('hub-url-warning');
  await page.getByLabel('Hub URL').fill('http://hub.example.com:8080');
  await expect(urlWarning).toContainText('http://hub.example.com:8080 is plain http to another machine');
  await expect(page.getByLabel('Hub URL')).toHaveAccessibleDescription(/unencrypted/);
  await page.getByLabel('Hub URL').fill('http://127.0.0.1:8080');
  await expect(urlWarning).toHaveCount(0);
  await page.getByLabel('Hub URL').fill('https://hub.example.com');
  await expect(urlWarning).toHaveCount(0);
  await page.getByLabel('Hub URL').fill('ftp://hub.example.com');
  await page.getByLabel('Scanner key interval (ms)').fill('5000');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refusal).toContainText('Hub URL must be an http:// or https:// address');
  await expect(refusal).toContainText('Scanner key interval must be at most 1000 ms');
  await expect(page.getByLabel('Hub URL')).toHaveAttribute('aria-invalid', 'true');
  // What the running core (the service the page talks to) holds: nothing was saved.
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { stationName: 'E2E bench', hubUrl: '' } });

  // Put right, it saves, and the bench's name is in the title bar.
  await page.getByLabel('Hub URL').fill('');
  await page.getByLabel('Scanner key interval (ms)').fill('40');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page).toHaveTitle('Bench 7 — Packing Bench');
  expect(statSync(settingsFile).mode & 0o777).toBe(0o600);

  // About, with the version.
  await page.getByRole('button', { name: 'About Packing Bench' }).click();
  await expect(page.getByRole('dialog', { name: 'About Packing Bench' })).toContainText(/Version \d+\.\d+\.\d+/);
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(page.getByRole('button', { name: 'About Packing Bench' })).toBeFocused();
});

test('the scanner key interval from the settings decides scan or typing', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  await bench.open(page);
  const notice = page.locator('.scan-notice');
  /** A burst of keys 20 ms apart (by the keys' own clock) then Enter, outside any box. */
  const burst = async (value: string) => {
    await focusNothing(page);
    await hardwareScan(page, value, { gapMs: 20 });
  };
  const saveInterval = async (ms: string) => {
    await nav(page, 'Settings').click();
    await page.getByLabel('Scanner key interval (ms)').fill(ms);
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await nav(page, 'Order Dispatch').click();
  };

  // 10 ms: keys 20 ms apart are a person typing, so nothing is routed.
  await saveInterval('10');
  await burst('NOPE-4711');
  await page.waitForTimeout(500);
  await expect(notice).toHaveText('');

  // 60 ms: the same burst is a scan, routed (and refused: no such order or identifier).
  await saveInterval('60');
  await burst('NOPE-4712');
  await expect(notice).toContainText('Scanned "NOPE-4712": no order or identifier has that value.');
});

test('the menu opens Settings and Help (the README\'s user section); the title bar names the bench', async ({ page, bench }) => {
  await bench.open(page);
  await expect(page).toHaveTitle('E2E bench — Packing Bench');
  const send = (command: ShellCommand) =>
    page.evaluate(([event, detail]) => window.dispatchEvent(new CustomEvent(event, { detail })), [SHELL_COMMAND_EVENT, command] as const);
  await send('openSettings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await send('openHelp');
  await expect(page.getByRole('heading', { name: 'Help' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Keyboard and scanner' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Layout' })).toHaveCount(0); // the developers' part is left out
  await nav(page, 'Help').click();
  await expect(page.getByRole('heading', { name: 'Keyboard and scanner' })).toBeVisible();
});

test('Help reads as a guide: its links work from the keyboard, and it leaves out the developers\' set-up', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Help').click();
  const help = page.locator('.help-screen');
  await expect(help.getByRole('heading', { name: 'Keyboard and scanner' })).toBeVisible();
  await expect(help).not.toContainText('](');
  await expect(help).not.toContainText('npm install');
  await expect(help).not.toContainText('BENCH_PORT');
  // The import files' table is a table; a repository file's link is its words only.
  const columns = help.getByRole('row', { name: /products\.csv/ });
  await expect(columns.getByRole('cell', { name: /identifier kinds and formats/ })).toBeVisible();
  await expect(help.getByRole('link', { name: 'identifier kinds and formats' })).toHaveCount(0);
  // The in-page link is a Tab stop; Enter on it brings its heading to view, with the focus.
  const link = columns.getByRole('link', { name: 'why and where instead' });
  await link.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(link).toBeFocused();
  const address = page.url();
  await page.keyboard.press('Enter');
  const heading = help.getByRole('heading', { name: 'Stock from a catalogue: counts, not changes' });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  expect(page.url()).toBe(address); // the bench's address stays as it was
  await expectAccessible(page);
});

test('Save pressed again on the same bad value says the refusal again; the focus goes to the field named', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Scanner key interval (ms)').fill('5000');
  const save = page.getByRole('button', { name: 'Save Changes' });
  await save.focus();
  await page.keyboard.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refusal).toContainText('Scanner key interval must be at most 1000 ms');
  // The focus goes to the field named, to be put right there.
  const interval = page.getByLabel('Scanner key interval (ms)');
  await expect(interval).toBeFocused();
  // The manager, hearing nothing change, presses Enter again there (it saves the form): a screen reader
  // says an alert when one appears; the same words left standing in the same place are not said again.
  await refusal.evaluate((el) => el.setAttribute('data-said', ''));
  await page.keyboard.press('Enter');
  await expect(page.locator('[role="alert"]:not([data-said])').filter({ hasText: 'Scanner key interval must be at most 1000 ms' })).toBeVisible();
  await expect(interval).toBeFocused();
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { scanner: { maxInterKeyGapMs: 50 } } });
});

test('a refused Save or Test connection beeps once, as every other refusal does; a good Save does not', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Hub URL').fill('ftp://hub.example.com');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Hub URL must be an http:// or https:// address');
  await expect.poll(() => beeps(page)).toBe(1);
  // Test connection refused for the same URL: beeped too.
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Hub URL must be' })).toHaveCount(2);
  await expect.poll(() => beeps(page)).toBe(2);
  await page.getByLabel('Hub URL').fill('');
  // A change to save (the hub URL put back is none: that would be "Nothing to save").
  await page.getByLabel('Bench name').fill('Packing 8');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  expect(await beeps(page)).toBe(2);
});

test('Save Changes by keys with nothing changed says there is nothing to save and writes nothing; a hub port 00 is named as port 0, and a port 080 for its leading zero', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  await nav(page, 'Settings').click();
  const settingsFile = join(bench.dataDir, 'settings.json');
  const before = readFileSync(settingsFile, 'utf8');
  const written = statSync(settingsFile).mtimeMs;
  const saveButton = page.getByRole('button', { name: 'Save Changes' });
  await saveButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to save: the settings are as saved.' })).toBeVisible();
  await expect(page.getByText('Settings saved.')).toHaveCount(0);
  await expect(saveButton).toBeFocused();
  expect(statSync(settingsFile).mtimeMs).toBe(written);
  expect(readFileSync(settingsFile, 'utf8')).toBe(before);
  expect(await beeps(page)).toBe(0);

  // "port 00" left the packer to work out which port that is.
  await page.getByLabel('Hub URL').fill('http://hub.example.com:00');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Hub URL has port 00 (that is port 0), which is no port: a port is a number from 1 to 65535');
  await expect.poll(() => beeps(page)).toBe(1);
  expect(readFileSync(settingsFile, 'utf8')).toBe(before);

  // Every URL reader takes ":080" as port 80; whoever typed it most likely mistyped.
  await page.getByLabel('Hub URL').fill('http://hub:080');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Hub URL port 080 has a leading zero: write it as 80 if that is the port meant');
  await expect.poll(() => beeps(page)).toBe(2);
  expect(readFileSync(settingsFile, 'utf8')).toBe(before);
});

test('a bench name pasted from a spreadsheet row (with its tab) and a hub port out of range are refused in words, beeped, and nothing is saved', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  await nav(page, 'Settings').click();
  // By keys: the name pasted as a spreadsheet's two cells carry it, a mistyped port, then Enter.
  await page.getByLabel('Bench name').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('Packing\t3');
  await page.getByLabel('Hub URL').focus();
  await page.keyboard.insertText('https://hub.example.com:84430');
  await page.keyboard.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refusal).toContainText('Bench name contains a control character (tab)');
  await expect(refusal).toContainText('Hub URL has port 84430, which is no port: a port is a number from 1 to 65535');
  await expect(page.getByLabel('Bench name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Hub URL')).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => beeps(page)).toBe(1);
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { stationName: 'E2E bench', hubUrl: '' } });
  await expect(page).toHaveTitle('E2E bench — Packing Bench');
});

test('leaving Settings with edits not saved asks first: Stay keeps them, Save saves them and goes on, Discard drops them', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Bench name').fill('Bench 9');
  await page.getByLabel('Hub URL').fill('https://hub.example.com');
  await nav(page, 'Products').click();
  const question = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(question).toContainText('The settings have unsaved changes.');
  await question.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByLabel('Bench name')).toHaveValue('Bench 9');

  await nav(page, 'Products').click();
  await question.getByRole('button', { name: 'Save' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  await expect(page).toHaveTitle('Bench 9 — Packing Bench');
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { stationName: 'Bench 9', hubUrl: 'https://hub.example.com' } });

  // Nothing changed: no question. A bad value saved from the question is refused and the packer stays, on the field.
  await nav(page, 'Settings').click();
  await nav(page, 'Products').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  await nav(page, 'Settings').click();
  await page.getByLabel('Scanner key interval (ms)').fill('5000');
  await nav(page, 'Products').click();
  await question.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Scanner key interval must be at most 1000 ms');
  await expect(page.getByLabel('Scanner key interval (ms)')).toBeFocused();
  await nav(page, 'Products').click();
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { scanner: { maxInterKeyGapMs: 50 } } });
});

test('Save Changes while Test connection is running is refused in words (beeped, nothing saved); once the test answers, it saves', async ({ page, bench }) => {
  // A real server standing in for a slow hub: it answers only when told to.
  const waiting: Array<() => void> = [];
  const server = createHttpServer((_request, response) => {
    waiting.push(() => response.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unknown token' })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const before = await bench.service.api.getSettings({});
    await countBeeps(page);
    await bench.open(page);
    await nav(page, 'Settings').click();
    await page.getByLabel('Hub URL').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await page.getByLabel('Bench token').fill('slow-hub-token');
    await page.getByLabel('Bench name').fill('Packing 9');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(hubCheck(page)).toHaveText('Testing the connection…');
    await expect.poll(() => waiting.length).toBe(1);
    // Test connection again while it runs (by keys: it reads as disabled to a pointer): heard as a refusal
    // (beeped; its status says it is testing), no second test.
    await page.getByRole('button', { name: 'Test connection' }).press('Enter');
    await expect.poll(() => beeps(page)).toBe(1);
    await expect(hubCheck(page)).toHaveText('Testing the connection…');

    await page.getByRole('button', { name: 'Save Changes' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveText(/Not saved: the connection test is still running; choose Save Changes once it has answered\.$/);
    await expect.poll(() => beeps(page)).toBe(2);
    expect(waiting).toHaveLength(1);
    expect(await bench.service.api.getSettings({})).toEqual(before);

    for (const answer of waiting.splice(0)) answer();
    await expect(hubCheck(page)).toHaveAttribute('data-outcome', 'unauthorised');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveCount(0);
    expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { stationName: 'Packing 9', tokenSet: true } });
  } finally {
    for (const answer of waiting.splice(0)) answer();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('Save in the leave question while Save Changes is still saving waits for that save, then leaves (not a silent stay)', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Bench name').fill('Bench 12');
  // The save's answer is held back (a busy bench) until the leave question has been answered.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/saveSettings', async (route) => {
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toHaveCount(0);
  await nav(page, 'Products').click();
  const question = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await question.getByRole('button', { name: 'Save' }).click();
  release();
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  await expect(page).toHaveTitle('Bench 12 — Packing Bench');
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { stationName: 'Bench 12' } });
});

test('a Test connection answer goes once the hub URL or token it tested is changed: it never speaks for what is on the screen now', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Settings').click();
  const hubUrl = page.getByLabel('Hub URL');
  const test = page.getByRole('button', { name: 'Test connection' });
  await hubUrl.fill(`http://127.0.0.1:${await closedPort()}`);
  await page.getByLabel('Bench token').fill('some-token');
  await test.focus();
  await page.keyboard.press('Enter');
  await expect(hubRefusal(page)).toContainText('Unreachable');

  // Another address typed: the answer about the old one goes.
  await hubUrl.fill('https://hub.example.com');
  await expect(hubCheck(page)).toHaveText('');
  await expect(hubRefusal(page)).toHaveCount(0);
  await expect(hubCheck(page)).not.toHaveAttribute('data-outcome', /./);

  // Tested again, then the token changed: the answer goes too.
  await hubUrl.fill(`http://127.0.0.1:${await closedPort()}`);
  await test.click();
  await expect(hubRefusal(page)).toContainText('Unreachable');
  await page.getByLabel('Bench token').fill('another-token');
  await expect(hubCheck(page)).toHaveText('');
  await expect(hubRefusal(page)).toHaveCount(0);

  // A refused test (a URL that is no hub address) goes once the URL is corrected.
  await hubUrl.fill('ftp://hub.example.com');
  await test.click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Hub URL must be' });
  await expect(refusal).toBeVisible();
  await hubUrl.fill('https://hub.example.com');
  await expect(refusal).toHaveCount(0);

  // Other fields leave the answer standing: it is still about what is on the screen.
  await hubUrl.fill(`http://127.0.0.1:${await closedPort()}`);
  await test.click();
  await expect(hubCheck(page)).toHaveAttribute('data-outcome', 'unreachable');
  await page.getByLabel('Bench name').fill('Bench 7');
  await expect(hubRefusal(page)).toContainText('Unreachable');
});

test('a bench token of spaces only is refused naming the token (beeped), not dropped under "Settings saved."', async ({ page, bench }) => {
  await countBeeps(page);
  await bench.open(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Hub URL').fill(`http://127.0.0.1:${await closedPort()}`);
  await page.getByLabel('Bench token').fill('   ');
  await page.getByRole('button', { name: 'Save Changes' }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Bench token is empty');
  await expect(page.getByLabel('Bench token')).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => beeps(page)).toBe(1);
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toHaveCount(0);
  expect(await bench.service.api.getSettings({})).toMatchObject({ ok: true, value: { hubUrl: '', tokenSet: false } });
  // Test connection with it: refused in the same words, not tested as though no token were typed.
  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Bench token is empty' })).toHaveCount(2);
  await expect.poll(() => beeps(page)).toBe(2);
});

test('Save Changes pressed again while Test connection runs says its refusal again (a new alert), as every repeated refusal is', async ({ page, bench }) => {
  // A hub that answers only when told to, so the test stays running.
  const waiting: Array<() => void> = [];
  const server = createHttpServer((_request, response) => {
    waiting.push(() => response.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unknown token' })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await countBeeps(page);
    await bench.open(page);
    await nav(page, 'Settings').click();
    await page.getByLabel('Hub URL').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await page.getByLabel('Bench token').fill('slow-hub-token');
    await page.getByRole('button', { name: 'Test connection' }).press('Enter');
    await expect.poll(() => waiting.length).toBe(1);
    const save = page.getByRole('button', { name: 'Save Changes' });
    await save.focus();
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('alert').filter({ hasText: 'the connection test is still running' });
    await expect(refusal).toBeVisible();
    await expect.poll(() => beeps(page)).toBe(1);
    // Pressed again, hearing nothing new: the same words left standing in the same alert are not said again.
    await refusal.evaluate((el) => el.setAttribute('data-said', ''));
    await page.keyboard.press('Enter');
    await expect.poll(() => beeps(page)).toBe(2);
    await expect(page.locator('[role="alert"]:not([data-said])').filter({ hasText: 'the connection test is still running' })).toBeVisible();
    await expect(save).toBeFocused();
  } finally {
    for (const answer of waiting.splice(0)) answer();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the sync line shows why the hub is unreachable in full, wrapped, never cut off', async ({ page, bench }) => {
  await bench.open(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Hub URL').fill(`http://127.0.0.1:${await closedPort()}`);
  await page.getByLabel('Bench token').fill('bench-token-1');
  await page.getByLabel('Bench name').press('Enter');
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const problem = page.locator('.sync-problem');
  await expect(problem).toContainText('(nothing answers at that address and port: is the hub running?; ECONNREFUSED)', { timeout: 20_000 });
  expect(await problem.evaluate((words) => words.scrollWidth <= words.clientWidth && words.scrollHeight <= words.clientHeight)).toBe(true);
});
