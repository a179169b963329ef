/**
 * Rejected ops become conflicts at the bench that lost: stored, shown with what happened, the local
 * effect undone so the hub's rows land, and resolvable (another identifier, or acknowledge).
 */
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { expectAllAgree, stockOf, syncAll, useSyncFixture, WAREHOUSE, type SyncBench } from './harness.js';

const fx = useSyncFixture();

function seed(bench: SyncBench): void {
  bench.importRows({
    'products.csv': [
      ['PHN', 'Phone', '', 'single_use', 4],
      ['CBL', 'Cable', '', 'none', 50],
    ],
    'identifiers.csv': [['PHN', 'SN-1'], ['PHN', 'SN-2'], ['PHN', 'SN-3'], ['PHN', 'SN-4']],
    'orders.csv': [
      ['O1', 'Ada', 'PHN', 1],
      ['O2', 'Grace', 'PHN', 1],
      ['O2', 'Grace', 'CBL', 1],
      ['O3', 'Alan', 'CBL', 3],
    ],
  });
}

async function twoBenches() {
  const hub = await fx.hub();
  const a = await fx.bench(hub, 'A');
  const b = await fx.bench(hub, 'B');
  seed(a);
  await syncAll(a, b);
  return { hub, a, b };
}

const allocate = (bench: SyncBench, orderNumber: string, value: string | null, lineIndex = 0, unit = 1) =>
  bench.ok('saveAllocations', { allocations: [{ lineId: bench.lineIds(orderNumber)[lineIndex]!, unit, value }] });

function dispatchAll(bench: SyncBench, orderNumber: string) {
  const order = bench.ok('getOrder', { orderId: bench.orderId(orderNumber) });
  return bench.ok('completeOrder', { orderId: order.id, lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.remaining })) });
}

describe('conflicts', () => {
  it('gives a single-use identifier allocated offline on two benches to one, and a conflict to the other', async () => {
    const { hub, a, b } = await twoBenches();
    allocate(a, 'O1', 'SN-1');
    allocate(b, 'O2', 'SN-1');
    await a.syncOk();
    await b.syncOk();

    expect(a.conflicts()).toEqual([]);
    const [conflict, ...others] = b.conflicts();
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({
      opType: 'allocation.set',
      summary: 'Allocating "SN-1" to order O2 line 1 (PHN) unit 1',
      reason: expect.stringContaining('already allocated to order O1 line 1 unit 1 (station A)'),
      whatHappened: expect.stringContaining('needs another identifier'),
      resolvedAt: null,
      order: { orderId: b.orderId('O2'), orderNumber: 'O2', lineNo: 1, unit: 1, sku: 'PHN', rejectedValue: 'SN-1', currentValue: null },
      needsIdentifier: true,
    });
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', openConflicts: 1, pendingOps: 0 });
    // B's allocation was undone and the hub's (A's) landed: SN-1 is on O1 everywhere.
    const truth = await expectAllAgree(hub, a, b);
    expect(truth.allocations).toEqual([{ orderNumber: 'O1', lineNo: 1, unit: 1, value: 'SN-1', dispatched: false }]);
    expect(b.ok('getOrder', { orderId: b.orderId('O2') }).unitsMissingIdentifiers).toBe(1);

    // The packer picks another identifier in the normal dialog; once the hub takes it, the conflict is resolved.
    allocate(b, 'O2', 'SN-2');
    await b.syncOk();
    expect(b.conflicts()).toEqual([]);
    expect(b.conflicts(true)).toEqual([
      expect.objectContaining({ conflictId: conflict!.conflictId, resolution: 'Resolved: the unit was given "SN-2" instead and the hub took it.', needsIdentifier: false }),
    ]);
    await a.syncOk();
    await expectAllAgree(hub, a, b);
  });

  it('closes a refused allocation by itself once another bench dispatches that unit, naming the bench', async () => {
    const { hub, a, b } = await twoBenches();
    allocate(a, 'O1', 'SN-1');
    allocate(b, 'O2', 'SN-1');
    await a.syncOk();
    await b.syncOk();
    const [refused] = b.conflicts();
    expect(refused).toMatchObject({ opType: 'allocation.set', needsIdentifier: true });

    // A packs O2 instead, with another identifier; B learns of it by pulling.
    allocate(a, 'O2', 'SN-2');
    expect(dispatchAll(a, 'O2').status).toBe('dispatched');
    await a.syncOk();
    await b.syncOk();
    expect(b.conflicts()).toEqual([]);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', openConflicts: 0 });
    expect(b.conflicts(true)).toEqual([
      expect.objectContaining({
        conflictId: refused!.conflictId,
        resolution: 'Resolved: the unit was dispatched from A with "SN-2" (pulled from the hub).',
        needsIdentifier: false,
      }),
    ]);
    await expectAllAgree(hub, a, b);
  });

  it('undoes a dispatch the hub refused, so stock is counted once and the order can be completed again', async () => {
    const { hub, a, b } = await twoBenches();
    allocate(a, 'O1', 'SN-3');
    dispatchAll(a, 'O1');
    allocate(b, 'O2', 'SN-3'); // the same unit value at B, offline
    expect(dispatchAll(b, 'O2').status).toBe('dispatched');
    expect(b.ok('getProduct', { productId: b.count("SELECT id FROM products WHERE sku = 'PHN'") }).stockLevel).toBe(3);

    await a.syncOk();
    await b.syncOk();
    const conflicts = b.conflicts();
    expect(conflicts.map((c) => c.opType)).toEqual(['allocation.set', 'order.dispatch']);
    expect(conflicts[1]).toMatchObject({
      summary: 'Dispatching 2 units of order O2',
      reason: expect.stringContaining('"SN-3"'),
      whatHappened: expect.stringContaining('undid its record of the dispatch'),
      order: { orderNumber: 'O2', orderId: b.orderId('O2') },
    });
    // O2 awaits dispatch again at B, as at the hub; SN-3 went with A's O1; stock fell once.
    const truth = await expectAllAgree(hub, b);
    expect(stockOf(truth, 'PHN')).toBe(3);
    expect(stockOf(truth, 'CBL')).toBe(50);
    const o2 = b.ok('getOrder', { orderId: b.orderId('O2') });
    expect(o2).toMatchObject({ status: 'awaiting', unitsRemaining: 2, unitsMissingIdentifiers: 1, dispatches: [] });

    // Acknowledge the dispatch conflict; fix the unit and dispatch again.
    const acknowledged = b.ok('resolveConflict', { conflictId: conflicts[1]!.conflictId, action: 'acknowledge', note: 'parcel held back' });
    expect(acknowledged).toMatchObject({ resolvedAt: expect.any(String), resolution: 'Acknowledged by tester. Note: parcel held back' });
    allocate(b, 'O2', 'SN-4');
    expect(dispatchAll(b, 'O2').status).toBe('dispatched');
    await syncAll(b, a);
    expect(b.conflicts()).toEqual([]);
    expect(b.conflicts(true).map((c) => c.resolution)).toEqual([
      'Resolved: the unit was given "SN-4" instead and the hub took it.',
      'Acknowledged by tester. Note: parcel held back',
    ]);
    const after = await expectAllAgree(hub, a, b);
    expect(stockOf(after, 'PHN')).toBe(2);
    expect(stockOf(after, 'CBL')).toBe(49);
    expect(after.identifiers.filter((i) => i.consumed).map((i) => i.value)).toEqual(['SN-3', 'SN-4']);
  });

  it('says what it undid of a refused dispatch in words a packer hears read aloud: "2 units are", never "unit(s)"', async () => {
    const { a, b } = await twoBenches();
    allocate(a, 'O1', 'SN-3');
    dispatchAll(a, 'O1');
    allocate(b, 'O2', 'SN-3');
    dispatchAll(b, 'O2');
    await a.syncOk();
    await b.syncOk();
    const dispatch = b.conflicts().find((c) => c.opType === 'order.dispatch')!;
    expect(dispatch.whatHappened).toContain('2 units are back in stock and awaiting dispatch');
    expect(dispatch.whatHappened).not.toContain('(s)');
  });

  it('closes a refused dispatch by itself once the order is dispatched again from this bench, with a note', async () => {
    const { hub, a, b } = await twoBenches();
    allocate(a, 'O1', 'SN-3');
    await a.syncOk();
    // Offline at B: SN-3 on O2, and O2 dispatched with it. The hub refuses both.
    allocate(b, 'O2', 'SN-3');
    expect(dispatchAll(b, 'O2').status).toBe('dispatched');
    await b.syncOk();
    const refused = b.conflicts();
    expect(refused.map((c) => c.opType)).toEqual(['allocation.set', 'order.dispatch']);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', openConflicts: 2 });

    // The packer does what the conflicts say, in the normal screens: another identifier, dispatch again.
    allocate(b, 'O2', 'SN-4');
    expect(dispatchAll(b, 'O2').status).toBe('dispatched');
    await b.syncOk();
    expect(b.conflicts()).toEqual([]);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', openConflicts: 0 });
    expect(b.conflicts(true)).toEqual([
      expect.objectContaining({ opType: 'allocation.set', resolution: 'Resolved: the unit was given "SN-4" instead and the hub took it.' }),
      expect.objectContaining({
        opType: 'order.dispatch',
        resolvedAt: expect.any(String),
        resolution: 'Resolved: order O2 was dispatched again from this bench (2 units, order complete) and the hub took it.',
      }),
    ]);
    // The history (audit trail) says so too.
    const notes = b.reader
      .prepare(`SELECT detail FROM audit_log WHERE action = 'sync.conflict.resolve' ORDER BY id`)
      .pluck()
      .all() as string[];
    expect(notes.map((n) => (JSON.parse(n) as { resolution: string }).resolution)).toEqual(b.conflicts(true).map((c) => c.resolution));
    await a.syncOk();
    const truth = await expectAllAgree(hub, a, b);
    expect(truth.dispatches).toHaveLength(1);
  });

  it('keeps a refused dispatch open while later dispatches of the order do not cover it', async () => {
    const { a, b } = await twoBenches();
    const dispatchSome = (bench: SyncBench, quantity: number) => {
      const order = bench.ok('getOrder', { orderId: bench.orderId('O3') });
      return bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lines[0]!.lineId, quantity }] });
    };
    // O3 is 3 cables; A dispatches 1, B (offline) all 3: refused, only 2 remain at the hub.
    dispatchSome(a, 1);
    await a.syncOk();
    dispatchAll(b, 'O3');
    await b.syncOk();
    expect(b.conflicts().map((c) => c.opType)).toEqual(['order.dispatch']);
    // One more from B: taken, but it neither covers the 3 refused nor completes the order.
    dispatchSome(b, 1);
    await b.syncOk();
    expect(b.conflicts().map((c) => c.opType)).toEqual(['order.dispatch']);
    // The last one completes the order: the refusal is moot.
    dispatchSome(b, 1);
    await b.syncOk();
    expect(b.conflicts()).toEqual([]);
    expect(b.conflicts(true)[0]!.resolution).toBe('Resolved: order O3 was dispatched again from this bench (1 unit, order complete) and the hub took it.');
  });

  it('records one dispatch when two benches dispatch the same order offline', async () => {
    const { hub, a, b } = await twoBenches();
    dispatchAll(a, 'O3');
    dispatchAll(b, 'O3');
    await a.syncOk();
    await b.syncOk();
    await a.syncOk();
    const [conflict] = b.conflicts();
    expect(conflict).toMatchObject({ opType: 'order.dispatch', reason: 'order O3 line 1 was already dispatched', needsIdentifier: false });
    const truth = await expectAllAgree(hub, a, b);
    expect(stockOf(truth, 'CBL')).toBe(47);
    expect(truth.dispatches).toHaveLength(1);
    // B shows A's dispatch in the history, not its own.
    expect(b.ok('getOrder', { orderId: b.orderId('O3') })).toMatchObject({ status: 'dispatched', dispatches: [{ stationId: 'A', stationName: 'A' }] });
    // Acknowledging twice is harmless; an unknown conflict is a typed refusal.
    b.ok('resolveConflict', { conflictId: conflict!.conflictId, action: 'acknowledge' });
    expect(b.ok('resolveConflict', { conflictId: conflict!.conflictId, action: 'acknowledge' }).resolution).toBe('Acknowledged by tester');
    expect(b.fail('resolveConflict', { conflictId: 999, action: 'acknowledge' })).toMatchObject({ code: 'not_found' });
    expect(b.ok('getSyncStatus', {}).openConflicts).toBe(0);
  });

  it('answers the sync calls sensibly when no hub is configured', () => {
    const bench = openTestBench();
    bench.product('P', 'none', 3);
    expect(bench.ok('getSyncStatus', {})).toEqual({
      state: 'not_configured',
      pendingOps: 1 + 1,
      lastSyncAt: null,
      openConflicts: 0,
      station: null,
    });
    expect(bench.fail('syncNow', {})).toMatchObject({ code: 'conflict', message: expect.stringContaining('No hub is configured') });
    // The token named as Settings labels it.
    expect(bench.fail('syncNow', {}).message).toContain('set the hub URL and bench token in Settings');
    expect(bench.ok('listConflicts', {})).toEqual({ items: [], openCount: 0, closed: [] });
  });

  it('says a token revoked at the hub was revoked, in words, keeps its changes and stops retrying until the new token', async () => {
    const hub = await fx.hub();
    const bench = await fx.bench(hub, 'A');
    await bench.syncOk();
    await hub.hub.admin.revokeBench({ warehouse: WAREHOUSE, station: 'A' });
    seed(bench);
    const result = await bench.sync.syncNow();
    const words = "This bench's token was revoked at the hub: ask your supervisor for a new one and enter it in Settings.";
    expect(result).toEqual({ ok: false, error: words });
    expect(bench.ok('getSyncStatus', {})).toMatchObject({ state: 'unauthorised', reason: 'token_revoked', message: words });
    expect(bench.pending()).toBeGreaterThan(0);
    expect((await hub.view()).products).toEqual([]);
    // A new token from the supervisor: the changes go.
    const renewed = await hub.addBench('A');
    await bench.restart({ token: renewed });
    expect(bench.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', pendingOps: 0 });
    expect(bench.ok('getSyncStatus', {})).not.toHaveProperty('reason');
    expect((await hub.view()).products.length).toBeGreaterThan(0);
  });

  it('shows a refused token as an error and pushes nothing', async () => {
    const hub = await fx.hub();
    const good = await fx.bench(hub, 'A');
    const bad = await fx.bench(hub, 'B', { token: 'not-a-token' });
    seed(bad);
    const result = await bad.sync.syncNow();
    // 401 (429 only if failed tokens came in bursts: the engine does not retry a refused token by itself).
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/refused this bench's token \((401|429)/) });
    expect(bad.ok('getSyncStatus', {})).toMatchObject({ state: 'unauthorised', message: expect.stringMatching(/401|429/), station: null });
    expect(bad.ok('getSyncStatus', {})).not.toHaveProperty('reason'); // an unknown token is not said to be revoked
    expect(bad.pending()).toBeGreaterThan(0);
    expect((await hub.view()).products).toEqual([]);
    // A bench that synced as A refuses B's token rather than mixing two stations' numbering.
    await good.syncOk();
    const tokenB = await hub.addBench('B2');
    await good.restart({ token: tokenB });
    expect(good.ok('getSyncStatus', {})).toMatchObject({ state: 'error', message: expect.stringContaining('synced as station "A"') });
  });

  it('refuses to push from a database the station did not sync from (its changes would be taken as duplicates)', async () => {
    const hub = await fx.hub();
    const token = await hub.addBench('A');
    const original = await fx.bench(hub, 'A', { token });
    seed(original);
    await original.syncOk();
    await original.shutdown();
    // A new, empty database given the same token (e.g. a reinstalled bench): 2 changes against the hub's 14.
    const replaced = await fx.bench(hub, 'A', { token });
    replaced.product('NEW', 'none', 1);
    expect((await replaced.sync.syncNow()).ok).toBe(false);
    expect(replaced.ok('getSyncStatus', {})).toMatchObject({ state: 'error', pendingOps: 2, message: expect.stringContaining('not the one that station synced from') });
    expect((await hub.view()).products.map((p) => p.sku)).toEqual(['CBL', 'PHN']);
  });
});
