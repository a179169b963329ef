/**
 * Stations by name: the hub names every bench; a bench adopts the hub's station id for its own records
 * when it first binds (records made before, offline, are rewritten), and every bench shows the same
 * station names in the dispatch history, the lookup and conflict reasons.
 */
import { describe, expect, it } from 'vitest';
import { AdminError } from '../../hub/admin/admin.js';
import { useSyncFixture, WAREHOUSE, type SyncBench } from './harness.js';

const fx = useSyncFixture();

function seed(bench: SyncBench): void {
  bench.importRows({
    'products.csv': [['PHN', 'Phone', '', 'single_use', 5]],
    'identifiers.csv': [['PHN', 'SN-1'], ['PHN', 'SN-2'], ['PHN', 'SN-3'], ['PHN', 'SN-4']],
    'orders.csv': [['O1', 'Ada', 'PHN', 1], ['O2', 'Grace', 'PHN', 1], ['O3', 'Alan', 'PHN', 1], ['O4', 'Edsger', 'PHN', 1]],
  });
}

function allocate(bench: SyncBench, orderNumber: string, value: string) {
  bench.ok('saveAllocations', { allocations: [{ lineId: bench.lineIds(orderNumber)[0]!, unit: 1, value }] });
}

function allocateAndDispatch(bench: SyncBench, orderNumber: string, value: string) {
  allocate(bench, orderNumber, value);
  return bench.ok('completeOrder', { orderId: bench.orderId(orderNumber), lines: [{ lineId: bench.lineIds(orderNumber)[0]!, quantity: 1 }] });
}

const historyOf = (bench: SyncBench, orderNumber: string) =>
  bench.ok('getOrder', { orderId: bench.orderId(orderNumber) }).dispatches.map((d) => ({ stationId: d.stationId, stationName: d.stationName }));

describe('stations', () => {
  it('adopts the hub\'s station id on binding, rewriting earlier records, and shows names on every bench', async () => {
    const hub = await fx.hub();
    let reachable = false;
    const proxy = await fx.proxy(hub, () => (reachable ? 'forward' : 'refuse'));
    const tokenA = await hub.addBench('A', 'Packing 1');
    // Bench A works offline before it ever reaches the hub: its records carry its own id and settings name.
    const a = await fx.bench(hub, 'A', { url: proxy.url, token: tokenA });
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'offline', station: null });
    const localId = a.ok('getBenchInfo', {}).stationId;
    expect(localId).not.toBe('A');
    seed(a);
    expect(allocateAndDispatch(a, 'O1', 'SN-1').status).toBe('dispatched');
    expect(historyOf(a, 'O1')).toEqual([{ stationId: localId, stationName: 'Test bench' }]);

    // First contact: the bench becomes station A, named by the hub, and its earlier records follow.
    reachable = true;
    await a.syncOk();
    expect(a.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', station: { id: 'A', name: 'Packing 1' } });
    expect(a.ok('getBenchInfo', {})).toMatchObject({ stationId: 'A', stationName: 'Packing 1' });
    expect(historyOf(a, 'O1')).toEqual([{ stationId: 'A', stationName: 'Packing 1' }]);
    // The identifiers' history follows too, the import's 'added' (one row for the import) included.
    expect(a.ok('getIdentifierHistory', { value: 'SN-4' }).events).toEqual([expect.objectContaining({ kind: 'added', stationId: 'A', stationName: 'Packing 1' })]);
    expect(a.ok('getIdentifierHistory', { value: 'SN-1' }).events.map((e) => [e.kind, e.stationId])).toEqual([['added', 'A'], ['allocated', 'A'], ['dispatched', 'A']]);
    expect(a.count('SELECT count(*) FROM audit_log WHERE station_id = ?', localId)).toBe(0);
    expect(a.count('SELECT count(*) FROM audit_log WHERE station_id = ?', 'A')).toBeGreaterThan(3);
    const adopted = a.reader.prepare(`SELECT detail FROM audit_log WHERE action = 'sync.station.adopted'`).pluck().all() as string[];
    expect(adopted.map((d) => JSON.parse(d) as unknown)).toEqual([
      expect.objectContaining({ previousStationId: localId, name: 'Packing 1', warehouse: WAREHOUSE, dispatches: 1 }),
    ]);
    // Dispatches made after binding carry the hub's id straight away.
    expect(allocateAndDispatch(a, 'O2', 'SN-2').status).toBe('dispatched');
    expect(historyOf(a, 'O2')).toEqual([{ stationId: 'A', stationName: 'Packing 1' }]);
    await a.syncOk();

    // Another bench shows the same names: in the dispatch history and the lookup.
    const b = await fx.bench(hub, 'B', { token: await hub.addBench('B', 'Packing 2') });
    expect(historyOf(b, 'O1')).toEqual([{ stationId: 'A', stationName: 'Packing 1' }]);
    expect(b.ok('lookupIdentifier', { value: 'SN-2' }).matches[0]!.orders).toEqual([
      expect.objectContaining({ orderNumber: 'O2', dispatched: true, dispatchedBy: 'Packing 1' }),
    ]);
    // And a refusal names the station holding an identifier by its name.
    allocate(a, 'O3', 'SN-3');
    await a.syncOk();
    allocate(b, 'O4', 'SN-3');
    await b.syncOk();
    expect(b.conflicts()).toEqual([expect.objectContaining({ reason: expect.stringContaining('order O3 line 1 unit 1 (station Packing 1)') })]);

    // B's dispatch reaches A with B's name.
    expect(allocateAndDispatch(b, 'O4', 'SN-4').status).toBe('dispatched');
    await b.syncOk();
    await a.syncOk();
    expect(historyOf(a, 'O4')).toEqual([{ stationId: 'B', stationName: 'Packing 2' }]);

    // The hub renames a station: benches learn it when they next connect.
    await hub.hub.admin.renameBench({ warehouse: WAREHOUSE, station: 'A', name: 'Packing One' });
    await b.restart();
    expect(historyOf(b, 'O1')).toEqual([{ stationId: 'A', stationName: 'Packing One' }]);
    await a.restart({ hubUrl: hub.url });
    expect(a.ok('getBenchInfo', {})).toMatchObject({ stationId: 'A', stationName: 'Packing One' });
    expect(a.ok('getSyncStatus', {})).toMatchObject({ station: { id: 'A', name: 'Packing One' } });
    // Only the first binding rewrote anything.
    expect(a.count(`SELECT count(*) FROM audit_log WHERE action = 'sync.station.adopted'`)).toBe(1);
  });

  it('a running bench learns a station renamed at the hub when it next asks who it is, without a restart', async () => {
    const hub = await fx.hub();
    await hub.addBench('A', 'Packing 1');
    const token = (await hub.hub.admin.addBench({ warehouse: WAREHOUSE, station: 'B', name: 'Packing 2' })).token;
    const b = await fx.bench(hub, 'B', { token, settings: { stationRefreshMs: 0 } });
    expect(b.ok('getSyncStatus', {})).toMatchObject({ station: { id: 'B', name: 'Packing 2' } });
    await hub.hub.admin.renameBench({ warehouse: WAREHOUSE, station: 'B', name: 'Packing Two' });
    await hub.hub.admin.renameBench({ warehouse: WAREHOUSE, station: 'A', name: 'Packing One' });
    await b.syncOk();
    expect(b.ok('getBenchInfo', {})).toMatchObject({ stationId: 'B', stationName: 'Packing Two' });
    expect(b.ok('getSyncStatus', {})).toMatchObject({ station: { id: 'B', name: 'Packing Two' } });
    expect(b.reader.prepare(`SELECT name FROM stations WHERE station_id = 'A'`).pluck().get()).toBe('Packing One');
  });

  it('keeps station names unique and printable in a warehouse', async () => {
    const hub = await fx.hub();
    const admin = hub.hub.admin;
    await hub.addBench('A', '  Packing 1 ');
    expect((await hub.sql<{ name: string }>(`SELECT name FROM stations WHERE station_id = 'A'`))[0]!.name).toBe('Packing 1');
    await expect(admin.addBench({ warehouse: WAREHOUSE, station: 'B', name: 'Packing 1' })).rejects.toThrow(
      new AdminError(`another station of warehouse "${WAREHOUSE}" is already named "Packing 1"`),
    );
    await expect(admin.addBench({ warehouse: WAREHOUSE, station: 'B', name: 'Pack\u0000ing' })).rejects.toThrow('station name contains a control character (NUL)');
    await expect(admin.addBench({ warehouse: WAREHOUSE, station: 'B', name: '   ' })).rejects.toThrow('station name is empty');
    // Nothing was registered by the refusals; without a name a station is named after its id.
    expect(await hub.sql('SELECT station_id, name FROM stations ORDER BY station_id')).toEqual([{ station_id: 'A', name: 'Packing 1' }]);
    await hub.addBench('B');
    await expect(admin.renameBench({ warehouse: WAREHOUSE, station: 'B', name: 'Packing 1' })).rejects.toThrow(/already named "Packing 1"/);
    await expect(admin.renameBench({ warehouse: WAREHOUSE, station: 'Z', name: 'Packing 9' })).rejects.toThrow(/no station "Z"/);
    // A new token for a station keeps its name.
    await admin.revokeBench({ warehouse: WAREHOUSE, station: 'A' });
    expect(await admin.addBench({ warehouse: WAREHOUSE, station: 'A' })).toMatchObject({ stationId: 'A', stationName: 'Packing 1' });
    expect(await hub.sql('SELECT station_id, name FROM stations ORDER BY station_id')).toEqual([
      { station_id: 'A', name: 'Packing 1' },
      { station_id: 'B', name: 'B' },
    ]);
  });
});
