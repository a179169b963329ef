/**
 * How a cycle's end is told, with a real hub: a throttled token (429) keeps what is known of it, a
 * problem retrying cannot fix stops the retries, and a pull left unfinished is not "up to date".
 */
import { describe, expect, it } from 'vitest';
import { createHubClient, type HubClient } from '../../electron/core/sync/hub-client.js';
import { TOKEN_REVOKED_MESSAGE } from '../../electron/core/sync/engine.js';
import { useSyncFixture, WAREHOUSE, type SyncBench } from './harness.js';
import { waitFor } from './proxy.js';

const fx = useSyncFixture();

function bumpStock(bench: SyncBench, sku: string): void {
  const productId = bench.count('SELECT id FROM products WHERE sku = ?', sku);
  const { stockLevel } = bench.ok('getProduct', { productId });
  bench.ok('changeStockLevel', { productId, newStockLevel: stockLevel + 1 });
}

describe('sync outcomes', () => {
  it('a 429 keeps a revoked token revoked, says the hub asked to wait, and tries again after Retry-After', async () => {
    // Throttled from the second failed token on, for a second (Retry-After: 1).
    const hub = await fx.hub({ failedTokens: { maxFailures: 2, blockMs: 1_000 } });
    const a = await fx.bench(hub, 'A');
    await hub.hub.admin.revokeBench({ warehouse: WAREHOUSE, station: 'A' });
    await a.sync.syncNow();
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'unauthorised', reason: 'token_revoked', message: TOKEN_REVOKED_MESSAGE });
    await a.sync.syncNow(); // the second failure: throttled from now
    expect((await a.sync.syncNow()).error).toMatch(/429/);
    const throttled = a.ok('getSyncStatus', {});
    expect(throttled).toMatchObject({ state: 'unauthorised', reason: 'token_revoked', message: TOKEN_REVOKED_MESSAGE, nextAttemptAt: expect.any(String) });
    // By itself once the wait is over: the hub says revoked again, and then it waits for the packer.
    const after = await waitFor(() => {
      const s = a.ok('getSyncStatus', {});
      return s.state === 'unauthorised' && s.failedAt !== (throttled.state === 'unauthorised' && throttled.failedAt) ? s : null;
    }, 'the retry after Retry-After');
    expect(after).toMatchObject({ reason: 'token_revoked', message: TOKEN_REVOKED_MESSAGE });
    expect(after).not.toHaveProperty('nextAttemptAt');
  });

  it('a database that is not the one its station synced from stops retrying and says what to do, until "Sync now"', async () => {
    const hub = await fx.hub();
    const token = await hub.addBench('A');
    const a = await fx.bench(hub, 'A', { token });
    a.product('P', 'none', 2);
    await a.syncOk();
    // Another (fresh) database with the same station's token: retrying cannot make it the right one.
    const b = await fx.bench(hub, 'A', { token });
    const status = b.ok('getSyncStatus', {});
    expect(status).toMatchObject({ state: 'error', message: expect.stringContaining('not the one that station synced from'), nextAttemptAt: null, needsAction: true });
    // "Sync now" still tries (and is told the same).
    expect(await b.sync.syncNow()).toMatchObject({ ok: false, error: expect.stringContaining('not the one that station synced from') });
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'error', nextAttemptAt: null, needsAction: true });
  });

  it('a hub that expects a change this bench no longer keeps stops retrying and says what to do, until "Sync now"', async () => {
    const hub = await fx.hub();
    // Acknowledged entries are pruned at once: nothing is kept to send again.
    const a = await fx.bench(hub, 'A', { settings: { outboxRetentionMs: 0 } });
    a.product('P', 'none', 1); // seq 1
    bumpStock(a, 'P'); // seq 2
    await a.syncOk();
    expect(a.count('SELECT count(*) FROM outbox')).toBe(0);
    // The hub goes back to a backup taken after seq 1; the bench's next change is answered "expects seq 2".
    await hub.sql("UPDATE stations SET last_seq = 1 WHERE station_id = 'A'");
    bumpStock(a, 'P'); // seq 3
    expect(await a.sync.syncNow()).toMatchObject({ ok: false, error: expect.stringContaining('expects seq 2') });
    expect(a.ok('getSyncStatus', {})).toMatchObject({
      state: 'error',
      message: expect.stringContaining("ask the hub's administrator to restore its latest backup"),
      nextAttemptAt: null,
      needsAction: true,
    });
    // "Sync now" still tries (and is told the same).
    expect(await a.sync.syncNow()).toMatchObject({ ok: false, error: expect.stringContaining('expects seq 2') });
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'error', nextAttemptAt: null, needsAction: true });
  });

  it('a pull left unfinished because local changes kept arriving is not "up to date" and records no last sync', async () => {
    const hub = await fx.hub();
    const tokenA = await hub.addBench('A');
    // The bench the packer works on (known once the client below is given to it), and whether they are at it.
    const packer: { bench?: SyncBench; packing: boolean } = { packing: false };
    // The real client; the packer changes stock while each pull is in flight.
    const real = createHubClient({ hubUrl: hub.url, token: tokenA });
    const client: HubClient = {
      ...real,
      async pull(cursor, limit) {
        const page = await real.pull(cursor, limit);
        if (packer.packing && packer.bench) bumpStock(packer.bench, 'PA');
        return page;
      },
    };
    const a = await fx.bench(hub, 'A', { token: tokenA, settings: { client } });
    packer.bench = a;
    const b = await fx.bench(hub, 'B');
    a.product('PA', 'none', 1);
    b.product('PB', 'none', 1);
    await a.syncOk();
    await b.syncOk();
    const before = a.ok('getSyncStatus', {}).lastSyncAt;
    packer.packing = true;
    const result = await a.sync.syncNow();
    expect(result.pull?.complete).toBe(false);
    expect(result.ok).toBe(false);
    const status = a.ok('getSyncStatus', {});
    expect(status.state).not.toBe('idle');
    expect(status.lastSyncAt).toBe(before);
    // Once the packer pauses, the next sync reaches the hub's end.
    packer.packing = false;
    await a.syncOk();
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'idle' });
    expect(a.view().products.map((p) => p.sku)).toEqual(['PA', 'PB']);
  });
});
