/**
 * Screens follow the bench without being asked: a change written by another process (the real CLI,
 * `npm run cli -- import`) reaches the open order list, the header's counts and an open Identifier
 * Lookup through the change stream, with no click, reload or polling; and a crashed core is shown, restarted and loses nothing.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.js';
import { orderRow, seedOrders } from './orders-helpers.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

test('an order imported through the CLI shows on the open order list with no user action', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  const requestsBefore: string[] = [];
  page.on('request', (request) => requestsBefore.push(request.url()));

  const file = join(bench.dataDir, 'late-orders.csv');
  writeFileSync(file, 'order_number,customer,sku,quantity\nSO-LATE,Grace Hopper,CBL-1,2\n');
  await run('npm', ['run', '--silent', 'cli', '--', 'import', file], { cwd: REPO, env: { ...process.env, BENCH_DATA_DIR: bench.dataDir, NO_COLOR: '1' }, timeout: 60_000 });

  // No click, no reload: the change stream says "changed" and the screen reads again.
  await expect(page.getByText('6 orders awaiting dispatch', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(orderRow(page, 'SO-LATE')).toContainText('Grace Hopper');
  await expect(page.locator('.bench-status')).toContainText('6 orders awaiting dispatch');
  // The screen asked only because it was told: nothing read the sync status or the list on a timer.
  expect(requestsBefore.filter((url) => url.endsWith('/api/getSyncStatus'))).toEqual([]);
});

test('an identifier added through the CLI shows on the open Identifier Lookup screen with no user action', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await page.getByRole('button', { name: 'Identifier Lookup' }).click();
  await page.getByLabel('Identifier', { exact: true }).fill('SN-LATE-1');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No identifier "SN-LATE-1" was found. Identifiers are case sensitive.')).toBeVisible();

  const products = join(bench.dataDir, 'late-products.csv');
  const identifiers = join(bench.dataDir, 'late-identifiers.csv');
  writeFileSync(products, 'sku,title,barcode,identifier_mode,stock_level\nLATE-1,Late phone,,single_use,1\n');
  writeFileSync(identifiers, 'sku,identifier\nLATE-1,SN-LATE-1\n');
  await run('npm', ['run', '--silent', 'cli', '--', 'import', products, identifiers], { cwd: REPO, env: { ...process.env, BENCH_DATA_DIR: bench.dataDir, NO_COLOR: '1' }, timeout: 60_000 });

  // The answer on screen follows the bench: the CLI's write arrives by the change stream.
  const match = page.getByRole('article', { name: 'LATE-1: SN-LATE-1' });
  await expect(match).toContainText('Late phone', { timeout: 10_000 });
  await expect(match).toContainText('Available');
  await expect(page.getByText('No identifier "SN-LATE-1" was found.', { exact: false })).toHaveCount(0);
});

test('a crashed core is shown, restarted, and nothing saved is lost', async ({ page, bench }) => {
  seedOrders(bench);
  await bench.open(page);
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await bench.service.crashForTesting();
  // The banner says what happened while the new worker starts, then goes away.
  await expect(page.locator('.core-state-banner')).toContainText('The bench core stopped unexpectedly and is restarting. Nothing saved before was lost');
  await expect(page.locator('.core-state-banner')).toHaveText('', { timeout: 20_000 });
  await expect(page.getByText('5 orders awaiting dispatch', { exact: true })).toBeVisible();
  await expect(orderRow(page, 'SO-1')).toContainText('Ada Lovelace');
});
