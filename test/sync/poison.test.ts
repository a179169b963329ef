/**
 * Poison-proof sync end to end (real hub, real PostgreSQL, real SQLite benches): a change at the hub
 * that a bench cannot apply is quarantined there - stored, listed with the conflicts with its reason -
 * the cursor moves on and the next change applies; an outbox entry this version would never write
 * (left by an older one) is rejected by the hub alone and becomes a conflict, and the next op goes on.
 */
import { describe, expect, it } from 'vitest';
import { syncAll, useSyncFixture } from './harness.js';

const fx = useSyncFixture();

describe('poison-proof pull', () => {
  it('quarantines changes the bench cannot apply, moves the cursor on and applies the next', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    a.importRows({ 'products.csv': [['PHN', 'Phone', '', 'multiple_use', 1]] });
    await syncAll(a, b);

    // Written straight into the hub's change log, around every check (an old hub, a hand-made fix).
    const poison = [
      { kind: 'identifier', sku: 'PHN', value: '', status: 'available' },
      { kind: 'identifier', sku: 'PHN', value: 'BELL\u0007', status: 'available' },
      { kind: 'product', sku: 'HUGE', title: 'Huge', barcode: null, identifierMode: 'none', stockLevel: 2 ** 60 },
      { kind: 'identifier', sku: 'NOT-HERE', value: 'SN-9', status: 'available' },
      { kind: 'order', orderNumber: 'O-9', customer: 'Ada', version: 1, lines: [{ lineNo: 1, sku: 'NOT-HERE', quantity: 1, dispatched: 0 }] },
      { kind: 'mystery' },
    ];
    for (const payload of poison) {
      await hub.sql('INSERT INTO changes (warehouse_id, payload) VALUES ((SELECT id FROM warehouses), $1::jsonb)', [JSON.stringify(payload)]);
    }
    // ...and after them, a good change through the normal path.
    a.ok('saveSerialGrid', { productId: a.count("SELECT id FROM products WHERE sku = 'PHN'"), edits: [{ box: 0, identifierId: null, value: 'SN-1' }] });
    await a.syncOk();
    const result = await b.syncOk();
    expect(result.pull).toMatchObject({ quarantined: poison.length, complete: true });

    // The good change arrived.
    expect(b.view().identifiers).toEqual([{ sku: 'PHN', value: 'SN-1', consumed: false }]);
    expect(b.view().products.map((p) => p.sku)).toEqual(['PHN']);
    // Each poisoned change is a pull conflict with its reason.
    const conflicts = b.conflicts();
    expect(conflicts.map((c) => [c.kind, c.opType, c.opSeq])).toEqual(poison.map((p) => ['pull', p.kind, null]));
    // Each says in words what it was about, never the raw change (a packer reads these).
    expect(conflicts.map((c) => c.summary)).toEqual([
      'A change from the hub to an identifier of PHN',
      'A change from the hub to identifier "BELL\\u0007" of PHN',
      'A change from the hub to product HUGE',
      'A change from the hub to identifier "SN-9" of NOT-HERE',
      'A change from the hub to order O-9',
      'A change from the hub of a kind this bench does not know ("mystery")',
    ]);
    const reasons = conflicts.map((c) => c.reason);
    expect(reasons[0]).toContain('value: identifier is empty');
    expect(reasons[1]).toContain('value: identifier contains a control character (U+0007)');
    expect(reasons[2]).toContain('stockLevel: stock level must be at most 1,000,000,000');
    expect(reasons[3]).toBe('identifier "SN-9" of unknown SKU NOT-HERE');
    expect(reasons[4]).toBe('order O-9 line 1 names unknown SKU NOT-HERE');
    expect(reasons[5]).toContain('kind');
    expect(conflicts[0]!.whatHappened).toContain('held back');
    // Nothing of a half-applied change stays: the order with the unknown SKU is not there.
    expect(b.view().orders).toEqual([]);

    // The cursor moved past them: the next sync does not quarantine them again, and sync stays healthy.
    await b.syncOk();
    expect(b.conflicts()).toHaveLength(poison.length);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', openConflicts: poison.length });
    // A packer acknowledges one like any conflict.
    b.ok('resolveConflict', { conflictId: conflicts[0]!.conflictId, action: 'acknowledge' });
    expect(b.conflicts()).toHaveLength(poison.length - 1);
  });
});

describe('poison-proof pull: held-back changes made moot', () => {
  it('closes a held-back change by itself once a later state of the same row from the hub applies; others stay open', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    a.importRows({ 'products.csv': [['PHN', 'Phone', '', 'multiple_use', 1]] });
    await syncAll(a, b);

    // An order naming a SKU this bench does not have yet, one that does not fit the protocol (a line
    // of quantity 0), and an unrelated bad change.
    for (const payload of [
      { kind: 'order', orderNumber: 'O-9', customer: 'Ada', version: 1, lines: [{ lineNo: 1, sku: 'NOT-HERE', quantity: 1, dispatched: 0 }] },
      { kind: 'order', orderNumber: 'O-8', customer: 'Bob', version: 1, lines: [{ lineNo: 1, sku: 'PHN', quantity: 0, dispatched: 0 }] },
      { kind: 'mystery' },
    ]) {
      await hub.sql('INSERT INTO changes (warehouse_id, payload) VALUES ((SELECT id FROM warehouses), $1::jsonb)', [JSON.stringify(payload)]);
    }
    await b.syncOk();
    expect(b.conflicts().map((c) => c.opType)).toEqual(['order', 'order', 'mystery']);

    // The hub's orders O-9 (its SKU exists now) and O-8 as they are now reach B: the held-back states are moot.
    a.importRows({ 'products.csv': [['NOT-HERE', 'Cable', '', 'none', 5]], 'orders.csv': [['O-9', 'Ada', 'NOT-HERE', 1], ['O-8', 'Bob', 'PHN', 1]] });
    await a.syncOk();
    await b.syncOk();
    expect(b.view().orders.map((o) => o.orderNumber).sort()).toEqual(['O-8', 'O-9']);
    expect(b.conflicts().map((c) => c.opType)).toEqual(['mystery']);
    const closed = b.conflicts(true).filter((c) => c.opType === 'order').map((c) => c.resolution);
    expect(closed.sort()).toEqual([
      'Resolved: a later state of order O-8 from the hub was applied here.',
      'Resolved: a later state of order O-9 from the hub was applied here.',
    ]);
    expect(b.ok('getSyncStatus', {})).toMatchObject({ state: 'idle', openConflicts: 1 });
  });
});

describe('poison-proof push from the bench', () => {
  it('turns an unreadable outbox entry into a conflict and pushes the ops after it', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    a.importRows({ 'products.csv': [['CBL', 'Cable', '', 'none', 5]] });
    await a.syncOk();
    // Left by an older version that did not check bounds: a NUL in a title.
    a.writer
      .prepare('INSERT INTO outbox (at, actor, op) VALUES (?, ?, ?)')
      .run(new Date().toISOString(), 'old', JSON.stringify({ type: 'product.upsert', sku: 'CBL', title: 'Cable\u0000', barcode: null, identifierMode: 'none' }));
    a.ok('changeStockLevel', { productId: a.count("SELECT id FROM products WHERE sku = 'CBL'"), newStockLevel: 7 });
    await a.syncOk();
    expect(a.pending()).toBe(0);
    const [conflict, ...others] = a.conflicts();
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({ kind: 'push', opType: 'product.upsert', reason: expect.stringContaining('title contains a control character (NUL)') });
    expect((await hub.view()).products).toEqual([{ sku: 'CBL', mode: 'none', stock: 7 }]);
  });
});
