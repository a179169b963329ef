/**
 * A warehouse renamed at the hub (rename-warehouse): its benches go on syncing with the same tokens and
 * show the new name (packing slips included); a token of another warehouse is still refused.
 */
import { describe, expect, it } from 'vitest';
import { checkHub } from '../../electron/core/settings/hub-check.js';
import { useSyncFixture, WAREHOUSE } from './harness.js';

const fx = useSyncFixture();

describe('a renamed warehouse', () => {
  it('keeps its benches syncing, under the new name', async () => {
    const hub = await fx.hub();
    const token = await hub.addBench('A');
    const bench = await fx.bench(hub, 'A', { token });
    await bench.syncOk();
    const boundTo = () => bench.reader.prepare('SELECT hub_warehouse FROM sync_state WHERE id = 1').pluck().get();
    expect(boundTo()).toBe(WAREHOUSE);

    await hub.hub.admin.renameWarehouse({ name: WAREHOUSE, to: 'North Site' });
    // "Test connection" in Settings says the same: this bench's warehouse, under its new name.
    expect(await checkHub({ hubUrl: hub.url, token, bound: { hubStationId: 'A', hubWarehouse: WAREHOUSE } })).toMatchObject({
      outcome: 'reachable',
      warehouse: 'North Site',
    });
    await bench.restart();
    await bench.syncOk();
    expect(boundTo()).toBe('North Site');

    // The old name is not free for another warehouse: a bench bound to it would take that one's token.
    await expect(hub.hub.admin.addWarehouse('north')).rejects.toThrow(
      'warehouse "North Site" was named "North" before (a bench may still know it so); use another name',
    );
    await hub.hub.admin.addWarehouse('South');
    const south = (await hub.hub.admin.addBench({ warehouse: 'South', station: 'A' })).token;
    await bench.restart({ token: south });
    expect(bench.ok('getSyncStatus', {})).toMatchObject({ state: 'error', message: expect.stringContaining('synced as station "A" (North Site)') });
  });
});
