/**
 * The conflicts panel by keys, in Chromium: when its last open conflict closes by itself while it is
 * open (a later success made it moot), closing the panel leaves the focus in the header's sync part,
 * not on the page (its opener, the conflicts button, goes away with it). "Open order" with unsaved edits
 * asks first, and Stay opens the panel again with the focus on the "Open order" pressed.
 */
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { openStoreWriter } from '../support/store.js';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.js';
import { hardwareScan, seedOrders } from './orders-helpers.js';

test('closing the conflicts panel after its last conflict closed keeps the focus in the sync part of the header', async ({ page, bench }) => {
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    // A change from the hub this bench could not take (written as another process would: the change stream tells the page).
    store
      .prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`)
      .run('{"kind":"order","orderNumber":"SO-1"}', 'order SO-1 names unknown SKU X', 'This bench could not apply it.', new Date().toISOString());
    await bench.open(page);
    const opener = page.getByRole('button', { name: '1 conflict', exact: true });
    await expect(opener).toBeVisible({ timeout: 10_000 });
    await opener.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Sync conflicts' });
    await expect(panel).toContainText('This bench could not apply it.');

    // It closes by itself meanwhile: the panel says so, the header counts none.
    store.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'Resolved: moot.'`).run(new Date().toISOString());
    await expect(panel).toContainText('No conflicts to deal with.', { timeout: 10_000 });
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(opener).toHaveCount(0);
    const focusedInSync = await page.evaluate(() => {
      const active = document.activeElement;
      return active !== null && active !== document.body && active.closest('section[aria-label="Sync"]') !== null;
    });
    expect(focusedInSync).toBe(true);
  } finally {
    store.close();
  }
});

test('200 open conflicts: the panel says how many it shows of how many, and "Show more" by keys brings the rest', async ({ page, bench }) => {
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    const insert = store.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
    const at = new Date().toISOString();
    for (let i = 1; i <= 200; i++) insert.run(`{"kind":"order","orderNumber":"SO-${i}"}`, `order SO-${i} names unknown SKU X`, `Held back ${i}.`, at);
    await bench.open(page);
    const opener = page.getByRole('button', { name: '200 conflicts', exact: true });
    await expect(opener).toBeVisible({ timeout: 10_000 });
    await opener.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Sync conflicts' });
    await expect(panel.getByRole('button', { name: 'Acknowledge' })).toHaveCount(100);
    await expect(panel).toContainText('Showing 100 of 200 open conflicts');
    await panel.getByRole('button', { name: 'Show more' }).focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('button', { name: 'Acknowledge' })).toHaveCount(200);
    await expect(panel).not.toContainText('Showing 100 of 200');
    // The focus lands on the first conflict brought in, not on the page.
    await expect(page.locator(':focus')).toHaveCount(1);
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.textContent ?? '')).toContain('SO-101');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(opener).toBeFocused();
  } finally {
    store.close();
  }
});

test('a conflict closing by itself under the focus (a sync made it moot) leaves the focus in the panel: on the next conflict, then on Close', async ({ page, bench }) => {
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    const insert = store.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
    const at = new Date().toISOString();
    for (let i = 1; i <= 2; i++) insert.run(`{"kind":"order","orderNumber":"SO-${i}"}`, `order SO-${i} names unknown SKU X`, `Held back ${i}.`, at);
    await bench.open(page);
    const opener = page.getByRole('button', { name: '2 conflicts', exact: true });
    await expect(opener).toBeVisible({ timeout: 10_000 });
    await opener.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Sync conflicts' });
    const acknowledge = panel.getByRole('button', { name: 'Acknowledge' });
    await expect(acknowledge).toHaveCount(2);
    await acknowledge.first().focus();

    // The first closes by itself while the packer is on its Acknowledge.
    const resolve = store.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'Resolved: moot.' WHERE what_happened = ?`);
    resolve.run(new Date().toISOString(), 'Held back 1.');
    await expect(acknowledge).toHaveCount(1, { timeout: 10_000 });
    await expect(acknowledge).toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.textContent ?? '')).toContain('Held back 2.');

    // The last one too: the focus goes to Close, never the page.
    resolve.run(new Date().toISOString(), 'Held back 2.');
    await expect(panel).toContainText('No conflicts to deal with.', { timeout: 10_000 });
    await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
  } finally {
    store.close();
  }
});

/** `count` held-back orders from the hub (SO-1…), as conflicts; the bench opened and its panel opened by keys. */
async function openPanelByKeysOnHeldBackOrders(page: Page, bench: { dataDir: string; open(page: Page): Promise<void> }, count: number) {
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    const insert = store.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
    const at = new Date().toISOString();
    for (let i = 1; i <= count; i++) insert.run(`{"kind":"order","orderNumber":"SO-${i}"}`, `order SO-${i} names unknown SKU X`, `Held back ${i}.`, at);
  } finally {
    store.close();
  }
  await bench.open(page);
  const opener = page.getByRole('button', { name: count === 1 ? '1 conflict' : `${count} conflicts`, exact: true });
  await expect(opener).toBeVisible({ timeout: 10_000 });
  await opener.focus();
  await page.keyboard.press('Enter');
  return page.getByRole('dialog', { name: 'Sync conflicts' });
}

test('opened by keys, the panel puts the focus on the first conflict\'s Acknowledge, not on "Show resolved"', async ({ page, bench }) => {
  const panel = await openPanelByKeysOnHeldBackOrders(page, bench, 1);
  await expect(panel.getByRole('button', { name: 'Acknowledge' })).toBeFocused();
  // Enter then acknowledges it (on "Show resolved" it did nothing, and Space showed the resolved ones).
  await page.keyboard.press('Enter');
  await expect(panel).toContainText('No conflicts to deal with.');
  await expect(panel.getByRole('checkbox', { name: 'Show resolved' })).not.toBeChecked();
});

test('Acknowledge by keys says what was acknowledged and how many are left, and after the last one that none are left', async ({ page, bench }) => {
  const panel = await openPanelByKeysOnHeldBackOrders(page, bench, 2);
  // The page behind the modal is inert: the header's count is not heard while the panel is open.
  const said = panel.getByRole('status');
  await panel.getByRole('button', { name: 'Acknowledge' }).first().focus();
  await page.keyboard.press('Enter');
  await expect(said).toHaveText('Acknowledged: a change from the hub to order SO-1. 1 open conflict left.');
  await expect(panel.getByRole('button', { name: 'Acknowledge' })).toHaveCount(1);
  await expect(panel.getByRole('button', { name: 'Acknowledge' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(said).toHaveText('Acknowledged: a change from the hub to order SO-2. No open conflicts left.');
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
});

test('a conflict closing by itself while the panel is open is said in its status, with how many are left', async ({ page, bench }) => {
  const panel = await openPanelByKeysOnHeldBackOrders(page, bench, 2);
  const acknowledge = panel.getByRole('button', { name: 'Acknowledge' });
  await expect(acknowledge.first()).toBeFocused();
  // Closed by a sync (written as another process would: the change stream tells the page): it only vanished, unheard.
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    store.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'Resolved: moot.' WHERE what_happened = ?`).run(new Date().toISOString(), 'Held back 1.');
  } finally {
    store.close();
  }
  await expect(panel.getByRole('status')).toHaveText('A conflict closed by itself: A change from the hub to order SO-1. 1 open conflict left.', { timeout: 10_000 });
  await expect(acknowledge).toHaveCount(1);
  await expect(acknowledge).toBeFocused();
});

test('"Open order" with unsaved edits asks first: Stay opens the panel again with the focus on that "Open order"', async ({ page, bench }) => {
  bench.handlers.loadDemoData({});
  const store = openStoreWriter(benchDatabaseFile(bench.dataDir));
  try {
    await bench.open(page);
    // Unsaved edits: a serial typed into the grid and not saved.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Products' }).click();
    await page.getByLabel('SKU, title or barcode').fill('BAT-AA');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('list', { name: 'Products found' }).getByRole('button', { name: /^BAT-AA / }).click();
    await page.getByRole('button', { name: 'Manually Update Serial Numbers' }).click();
    const box4 = page.getByRole('textbox', { name: 'Serial number 4', exact: true });
    await expect(box4).toBeFocused();
    await page.keyboard.type('LOT-Q1');

    // A change from the hub this bench could not take, about an order it has.
    store
      .prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`)
      .run('{"kind":"order","orderNumber":"SO-1002"}', 'order SO-1002 names unknown SKU X', 'This bench could not apply it.', new Date().toISOString());
    const opener = page.getByRole('button', { name: '1 conflict', exact: true });
    await expect(opener).toBeVisible({ timeout: 10_000 });
    await opener.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Sync conflicts' });
    const openOrder = panel.getByRole('button', { name: 'Open order SO-1002' });
    await openOrder.focus();
    await page.keyboard.press('Enter');

    // Stay: the panel is back, on the button pressed, and the edit is kept.
    const question = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Stay' }).focus();
    await page.keyboard.press('Enter');
    await expect(question).toBeHidden();
    await expect(panel).toBeVisible();
    await expect(openOrder).toBeFocused();
    await expect(box4).toHaveValue('LOT-Q1');

    // Escape on the question is Stay too.
    await page.keyboard.press('Enter');
    await expect(question).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(openOrder).toBeFocused();

    // Discard: the order opens, the panel stays closed.
    await page.keyboard.press('Enter');
    await question.getByRole('button', { name: 'Discard' }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Order Dispatch' })).toHaveAttribute('aria-current', 'page');
    // The order's page says why it was opened: the conflict about it, with what happened.
    const onTheOrder = page.getByRole('region', { name: 'Sync conflict', exact: true });
    await expect(onTheOrder).toContainText('This bench could not apply it.');
    await expectAccessible(page);
  } finally {
    store.close();
  }
});

test('a scan while the panel is open closes it as Close would and opens the scanned order; its Enter presses neither Acknowledge nor "Open order"', async ({ page, bench }) => {
  seedOrders(bench);
  const panel = await openPanelByKeysOnHeldBackOrders(page, bench, 2);
  const opener = page.getByRole('button', { name: '2 conflicts', exact: true });
  // On Acknowledge, where the scan's Enter would acknowledge the conflict unread.
  await panel.getByRole('button', { name: 'Acknowledge' }).first().focus();
  await hardwareScan(page, 'SO-3', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-3', exact: true })).toBeFocused();
  await expect(panel).toBeHidden();
  // Nothing acknowledged: both conflicts still open.
  await expect(opener).toBeVisible();

  // On "Open order SO-1": the order scanned opens, not the one the button names.
  await opener.focus();
  await page.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Open order SO-1', exact: true }).focus();
  await hardwareScan(page, 'SO-4', { gapMs: 4 });
  await expect(page.getByRole('heading', { name: 'Order SO-4', exact: true })).toBeFocused();
  await expect(panel).toBeHidden();
  await expect(opener).toBeVisible();
});

test('the list starts just under "Show resolved" while nothing has been said; the words said after an Acknowledge stand between them', async ({ page, bench }) => {
  const panel = await openPanelByKeysOnHeldBackOrders(page, bench, 2);
  const showResolved = panel.locator('.sync-show-resolved');
  const firstConflict = panel.getByRole('listitem').first();
  const gap = async () => (await firstConflict.boundingBox())!.y - ((await showResolved.boundingBox())!.y + (await showResolved.boundingBox())!.height);
  // The empty status paragraph's margins made a band of about 50 px.
  expect(await gap()).toBeLessThanOrEqual(20);
  await panel.getByRole('button', { name: 'Acknowledge' }).first().focus();
  await page.keyboard.press('Enter');
  const said = panel.getByRole('status');
  await expect(said).toHaveText('Acknowledged: a change from the hub to order SO-1. 1 open conflict left.');
  const saidBox = (await said.boundingBox())!;
  expect(saidBox.height).toBeGreaterThan(10);
  expect((await firstConflict.boundingBox())!.y).toBeGreaterThanOrEqual(saidBox.y + saidBox.height);
});
