/**
 * The schema as the last line of defence: raw SQL that breaks an identifier rule fails even when
 * no use case is involved. Plus migrations (user_version), reopening, and the outbox/audit records
 * sharing each use case's transaction.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { readStore } from '../support/store.js';
import { MIGRATIONS, type Migration } from '../../electron/core/db/migrations.js';
import { rebuildTable } from '../../electron/core/db/table-rebuild.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { newBoxes, openTestBench, tempDir } from './helpers.js';

/** The SQL of a migration run as one script (every migration before 11 is one). */
function sqlOf(migration: Migration): string {
  if (typeof migration !== 'string') throw new Error('a table rebuild is not a script');
  return migration;
}

function setUp() {
  const bench = openTestBench();
  const su = bench.product('SU', 'single_use', 3, ['S1', 'S2', 'S3']);
  const mu = bench.product('MU', 'multiple_use', 3, ['M1']);
  const none = bench.product('NONE', 'none', 3);
  const o1 = bench.order('SO-1', [['SU', 2], ['MU', 2], ['NONE', 1]]);
  const o2 = bench.order('SO-2', [['SU', 1], ['MU', 1]]);
  // Rows no use case would write (the schema's constraints are the last line of defence): the test's own connection.
  const db = bench.writer;
  const idOf = (productId: number, value: string) =>
    db.prepare('SELECT id FROM identifiers WHERE product_id = ? AND value = ?').pluck().get(productId, value) as number;
  const insertAllocation = (lineId: number, unit: number, identifierId: number, singleUse: 0 | 1) =>
    db
      .prepare(`INSERT INTO allocations (line_id, unit, identifier_id, single_use, created_at) VALUES (?, ?, ?, ?, 'now')`)
      .run(lineId, unit, identifierId, singleUse);
  return { bench, db, su, mu, none, o1, o2, idOf, insertAllocation };
}

describe('schema constraints', () => {
  it('keeps identifiers unique per product, with BINARY (case-sensitive) comparison', () => {
    const { db, su, mu } = setUp();
    const insert = db.prepare(`INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', 'now')`);
    expect(() => insert.run(su, 'S1')).toThrow(/UNIQUE constraint failed: identifiers.product_id, identifiers.value/);
    expect(() => insert.run(su, 's1')).not.toThrow();
    expect(() => insert.run(mu, 'S1')).not.toThrow(); // another product may hold the same value
    expect(() => insert.run(su, '')).toThrow(/CHECK constraint failed|out of bounds/);
    expect(() => insert.run(su, 'x'.repeat(201))).toThrow(/CHECK constraint failed|out of bounds/);
    expect(() => db.prepare(`INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, 'Z', 'lost', 'now')`).run(su)).toThrow(
      /CHECK constraint failed|out of bounds/,
    );
    expect(() => insert.run(999, 'Z')).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('allows one allocation per order unit', () => {
    const { db, mu, o1, idOf, insertAllocation } = setUp();
    insertAllocation(o1.lineIds[1]!, 1, idOf(mu, 'M1'), 0);
    expect(() => insertAllocation(o1.lineIds[1]!, 1, idOf(mu, 'M1'), 0)).toThrow(/UNIQUE constraint failed: allocations.line_id, allocations.unit/);
    expect(() => insertAllocation(o1.lineIds[1]!, 0, idOf(mu, 'M1'), 0)).toThrow(/CHECK constraint failed|out of bounds/);
    expect(db.prepare('SELECT count(*) FROM allocations').pluck().get()).toBe(1);
  });

  it('allocates a single-use identifier at most once (the unique index over identifier_id), a multiple-use one any number of times', () => {
    const { su, mu, o1, o2, idOf, insertAllocation } = setUp();
    insertAllocation(o1.lineIds[0]!, 1, idOf(su, 'S1'), 1);
    expect(() => insertAllocation(o2.lineIds[0]!, 1, idOf(su, 'S1'), 1)).toThrow(/UNIQUE constraint failed: index 'allocations_identifier_once'/);
    expect(() => insertAllocation(o1.lineIds[0]!, 2, idOf(su, 'S1'), 1)).toThrow(/UNIQUE constraint failed: index 'allocations_identifier_once'/);
    insertAllocation(o1.lineIds[1]!, 1, idOf(mu, 'M1'), 0);
    insertAllocation(o1.lineIds[1]!, 2, idOf(mu, 'M1'), 0);
    insertAllocation(o2.lineIds[1]!, 1, idOf(mu, 'M1'), 0);
  });

  it('refuses allocations that do not fit their line (triggers guarding the index)', () => {
    const { su, mu, none, o1, idOf, insertAllocation, db } = setUp();
    // a second unit beyond the line quantity
    expect(() => insertAllocation(o1.lineIds[0]!, 3, idOf(su, 'S1'), 1)).toThrow(/allocation unit beyond the line quantity/);
    // an identifier of another product
    expect(() => insertAllocation(o1.lineIds[0]!, 1, idOf(mu, 'M1'), 1)).toThrow(/belongs to another product/);
    // a single-use identifier flagged as multiple use would dodge the partial index
    expect(() => insertAllocation(o1.lineIds[0]!, 1, idOf(su, 'S1'), 0)).toThrow(/single_use flag does not match/);
    expect(() => insertAllocation(o1.lineIds[1]!, 1, idOf(mu, 'M1'), 1)).toThrow(/single_use flag does not match/);
    // a line whose product has no identifiers
    db.prepare(`INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, 'N1', 'available', 'now')`).run(none);
    expect(() => insertAllocation(o1.lineIds[2]!, 1, idOf(none, 'N1'), 0)).toThrow(/no dispatch identifiers/);
    expect(() => insertAllocation(999, 1, idOf(su, 'S1'), 1)).toThrow();
  });

  it('keeps dispatched allocations as history and fixes identifiers in use', () => {
    const { bench, db, su, o1 } = setUp();
    bench.ok('saveAllocations', { allocations: [{ lineId: o1.lineIds[0]!, unit: 1, value: 'S1' }, { lineId: o1.lineIds[0]!, unit: 2, value: 'S2' }] });
    bench.ok('completeOrder', { orderId: o1.id, lines: [{ lineId: o1.lineIds[0]!, quantity: 1 }] });
    expect(() => db.prepare('DELETE FROM allocations WHERE dispatch_id IS NOT NULL').run()).toThrow(/dispatched allocation cannot be removed/);
    // a live allocation may be deleted (clearing a picker), but its identifier cannot be renamed meanwhile
    expect(() => db.prepare(`UPDATE identifiers SET value = 'S2-renamed' WHERE product_id = ? AND value = 'S2'`).run(su)).toThrow(
      /allocated identifier cannot be changed/,
    );
    expect(() => db.prepare(`UPDATE identifiers SET value = 'S1-renamed' WHERE product_id = ? AND value = 'S1'`).run(su)).toThrow(
      /allocated identifier cannot be changed/,
    );
    expect(() => db.prepare(`DELETE FROM identifiers WHERE product_id = ? AND value = 'S1'`).run(su)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare(`UPDATE identifiers SET value = 'S3-renamed' WHERE product_id = ? AND value = 'S3'`).run(su)).not.toThrow();
  });

  it('keeps stock and dispatched quantities in range', () => {
    const { db, o1 } = setUp();
    expect(() => db.prepare(`UPDATE products SET stock_level = -1 WHERE sku = 'NONE'`).run()).toThrow(/CHECK constraint failed|out of bounds/);
    expect(() => db.prepare('UPDATE order_lines SET dispatched = quantity + 1 WHERE id = ?').run(o1.lineIds[0])).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE products SET identifier_mode = 'sometimes' WHERE sku = 'NONE'`).run()).toThrow(/CHECK constraint failed/);
  });
});

describe('migrations and reopening', () => {
  it('creates the schema at the latest user_version, with WAL and foreign keys on', () => {
    const bench = openTestBench();
    expect(bench.reader.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(bench.reader.pragma('journal_mode', { simple: true })).toBe('wal');
    // foreign_keys is a setting of each connection: the one the core opens (db/open.ts) has it on.
    const db = openDatabase(join(tempDir(), 'bench.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(bench.ok('getBenchInfo', {})).toMatchObject({ schemaVersion: MIGRATIONS.length, stationName: 'Test bench', productCount: 0 });
  });

  it('reopens a file without re-running migrations, keeping data and the station id', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    bench.order('SO-1', [['SU', 1]]);
    const stationId = bench.ok('getBenchInfo', {}).stationId;
    const before = bench.snapshot();
    bench.reopen();
    expect(bench.snapshot()).toEqual(before);
    expect(bench.ok('getBenchInfo', {}).stationId).toBe(stationId);
    expect(bench.ok('getProduct', { productId: su }).identifierCounts.available).toBe(2);
    expect(bench.ok('getBenchInfo', {})).toMatchObject({ productCount: 1, awaitingOrderCount: 1, stationId });
  });

  it('upgrades a file at an older version step by step, and refuses a file from a newer app', () => {
    const dir = tempDir();
    const file = join(dir, 'bench.db');
    // a file made by version 1 of the schema, before any later migration
    const raw = new Database(file);
    raw.exec(sqlOf(MIGRATIONS[0]!));
    raw.pragma('user_version = 1');
    raw.close();
    const core = openBenchCore({ file });
    expect(readStore(file, (db) => db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length);
    expect(core.getBenchInfo({}).schemaVersion).toBe(MIGRATIONS.length);
    core.close();

    const newer = new Database(file);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => openBenchCore({ file })).toThrow(/newer than this app/);
  });
});

describe('migration 9: dispatch lines WITHOUT ROWID', () => {
  it('keeps the dispatch lines of a version 8 file, and their key still refuses a line twice in one dispatch', () => {
    const file = join(tempDir(), 'bench.db');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    for (const [version, sql] of MIGRATIONS.slice(0, 8).entries()) {
      raw.exec(sqlOf(sql));
      raw.pragma(`user_version = ${version + 1}`);
    }
    raw.exec(`
      INSERT INTO products (id, sku, title, identifier_mode, stock_level, updated_at) VALUES (1, 'P', 'P', 'none', 5, 'now');
      INSERT INTO orders (id, order_number, customer, status, created_at) VALUES (1, 'SO-1', 'C', 'dispatched', 'now');
      INSERT INTO order_lines (id, order_id, line_no, product_id, quantity, dispatched) VALUES (1, 1, 1, 1, 2, 2), (2, 1, 2, 1, 1, 1);
      INSERT INTO dispatches (id, uid, order_id, station_id, actor, created_at) VALUES (1, 'd1', 1, 's', 'a', 'now');
      INSERT INTO dispatch_lines (dispatch_id, line_id, quantity) VALUES (1, 1, 2), (1, 2, 1);`);
    raw.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT dispatch_id, line_id, quantity FROM dispatch_lines ORDER BY line_id').all()).toEqual([
      { dispatch_id: 1, line_id: 1, quantity: 2 },
      { dispatch_id: 1, line_id: 2, quantity: 1 },
    ]);
    expect(db.prepare(`SELECT wr FROM pragma_table_list WHERE name = 'dispatch_lines'`).pluck().get()).toBe(1);
    expect(() => db.prepare('INSERT INTO dispatch_lines (dispatch_id, line_id, quantity) VALUES (1, 1, 1)').run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare('INSERT INTO dispatch_lines (dispatch_id, line_id, quantity) VALUES (9, 1, 1)').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 11: the identifiers\' bounds as a CHECK of the table', () => {
  function versionNineFile(): string {
    const file = join(tempDir(), 'bench.db');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    for (const [version, sql] of MIGRATIONS.slice(0, 9).entries()) {
      raw.exec(sqlOf(sql));
      raw.pragma(`user_version = ${version + 1}`);
    }
    raw.exec(`
      INSERT INTO products (id, sku, title, identifier_mode, stock_level, updated_at) VALUES (1, 'MU', 'M', 'multiple_use', 5, 'now');
      INSERT INTO products (id, sku, title, identifier_mode, stock_level, updated_at, identifier_kind) VALUES (2, 'LOT', 'L', 'multiple_use', 5, 'now', 'lot');
      INSERT INTO identifiers (id, product_id, value, status, created_at) VALUES (7, 1, 'A-1', 'available', 'then'), (9, 1, 'B-2', 'allocated', 'then');
      INSERT INTO identifiers (id, product_id, value, status, created_at, use_by) VALUES (12, 2, 'L-1', 'available', 'then', '2030-01-31');
      INSERT INTO orders (id, order_number, customer, status, created_at) VALUES (1, 'SO-1', 'C', 'awaiting', 'now');
      INSERT INTO order_lines (id, order_id, line_no, product_id, quantity) VALUES (1, 1, 1, 1, 1);
      INSERT INTO allocations (line_id, unit, identifier_id, single_use, created_at) VALUES (1, 1, 9, 0, 'now');`);
    raw.close();
    return file;
  }
  const identifiersOf = (db: Database.Database) => db.prepare('SELECT * FROM identifiers ORDER BY id').all();

  it('keeps every identifier of a version 9 file (ids and all), its indexes and triggers, and drops only the bounds triggers', () => {
    const file = versionNineFile();
    const before = readStore(file, (db) => ({
      rows: identifiersOf(db),
      schema: db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'identifiers' AND type IN ('index', 'trigger') ORDER BY name").all(),
    }));
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(identifiersOf(db)).toEqual(before.rows);
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'identifiers' AND type IN ('index', 'trigger') ORDER BY name").all();
    // Migration 13 adds the triggers that keep an import's history when its identifiers are removed or renamed.
    const laterTriggers = ['identifiers_import_history_delete', 'identifiers_import_history_update'];
    const nameOf = (e: unknown) => (e as { name: string }).name;
    expect(schema.filter((e) => !laterTriggers.includes(nameOf(e)))).toEqual(before.schema.filter((e) => !nameOf(e).startsWith('identifiers_bounds_')));
    expect(schema.map(nameOf)).toEqual(expect.arrayContaining(laterTriggers));
    expect(schema.length).toBe(before.schema.length - 2 + laterTriggers.length);
    // The picker's external-content trigram index still matches the rows by id.
    expect(() => db.exec("INSERT INTO identifiers_trigram (identifiers_trigram) VALUES ('integrity-check')")).not.toThrow();
    expect(db.prepare("SELECT rowid FROM identifiers_trigram WHERE identifiers_trigram MATCH '\"B-2\"'").pluck().all()).toEqual([9]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses an out-of-bound value written by SQL directly, by insert or update, naming the constraint; keys and triggers still hold', () => {
    const db = openDatabase(versionNineFile());
    const insert = db.prepare(`INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', 'now')`);
    const outOfBounds = /CHECK constraint failed: identifiers_value_in_bounds/;
    for (const value of [' A-3', 'A-3 ', 'A\u0007-3', 'A\u0000-3', 'A\u0085-3', '\u3000A-3', 'x'.repeat(201)]) expect(() => insert.run(1, value)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(1, 'A-3\t')).toThrow(outOfBounds);
    expect(() => db.prepare("UPDATE identifiers SET value = 'A-1 ' WHERE id = 7").run()).toThrow(outOfBounds);
    expect(() => insert.run(1, '𝄞-é€ '.trim())).not.toThrow();
    expect(() => insert.run(99, 'A-4')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare('DELETE FROM identifiers WHERE id = 9').run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("UPDATE identifiers SET value = 'B-3' WHERE id = 9").run()).toThrow(/an allocated identifier cannot be changed/);
    expect(() => insert.run(1, 'A-1')).toThrow(/UNIQUE constraint failed: identifiers.product_id, identifiers.value/);
    expect(() => db.prepare(`INSERT INTO identifiers (product_id, value, status, created_at, use_by) VALUES (1, 'A-5', 'available', 'now', '2030-01-31')`).run()).toThrow(
      /only lot products take a use-by date/,
    );
    db.close();
  });
});

describe("migration 16: a lot's use-by date as it was when the unit went out", () => {
  it('gives the units a version 15 file dispatched their lot\'s date as it is at the upgrade (the best known), and no date to a unit still to go', () => {
    const file = join(tempDir(), 'bench.db');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    for (const [version, migration] of MIGRATIONS.slice(0, 15).entries()) {
      if (typeof migration === 'string') raw.exec(migration);
      else {
        raw.pragma('foreign_keys = OFF');
        raw.transaction(() => rebuildTable(raw, migration))();
        raw.pragma('foreign_keys = ON');
      }
      raw.pragma(`user_version = ${version + 1}`);
    }
    raw.exec(`
      INSERT INTO products (id, sku, title, identifier_mode, stock_level, updated_at, identifier_kind) VALUES (1, 'LOT', 'Flour', 'multiple_use', 5, 'now', 'lot');
      INSERT INTO identifiers (id, product_id, value, status, created_at, use_by) VALUES (1, 1, 'L-1', 'available', 'then', '2030-01-31'), (2, 1, 'L-2', 'available', 'then', NULL);
      INSERT INTO orders (id, order_number, customer, status, created_at) VALUES (1, 'SO-1', 'C', 'awaiting', 'now');
      INSERT INTO order_lines (id, order_id, line_no, product_id, quantity, dispatched) VALUES (1, 1, 1, 1, 3, 2);
      INSERT INTO dispatches (id, uid, order_id, station_id, actor, created_at) VALUES (1, 'd1', 1, 's', 'a', 'now');
      INSERT INTO dispatch_lines (dispatch_id, line_id, quantity) VALUES (1, 1, 2);
      INSERT INTO allocations (line_id, unit, identifier_id, single_use, dispatch_id, created_at) VALUES (1, 1, 1, 0, 1, 'now'), (1, 2, 2, 0, 1, 'now'), (1, 3, 1, 0, NULL, 'now');`);
    raw.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT unit, use_by_at_dispatch FROM allocations ORDER BY unit').all()).toEqual([
      { unit: 1, use_by_at_dispatch: '2030-01-31' },
      { unit: 2, use_by_at_dispatch: null },
      { unit: 3, use_by_at_dispatch: null },
    ]);
    // Re-dated after the upgrade: the dispatched unit keeps its date.
    db.prepare("UPDATE identifiers SET use_by = '2030-06-30' WHERE id = 1").run();
    db.close();
    const core = openBenchCore({ file });
    try {
      expect(core.getPackingSlip({ orderId: 1 }).lines).toMatchObject([{ identifiers: ['L-1', 'L-2'], useBy: ['2030-01-31', null] }]);
    } finally {
      core.close();
    }
  });
});

describe('outbox and audit share the use case transaction', () => {
  it('writes an op and an audit row with each change, none with a refused one', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2);
    const counts = () => [bench.count('SELECT count(*) FROM outbox'), bench.count('SELECT count(*) FROM audit_log')];
    const [ops, audits] = counts();
    bench.ok('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'B']) });
    expect(counts()).toEqual([ops! + 1, audits! + 1]);
    bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 0, identifierId: null, value: 'C' }] });
    expect(counts()).toEqual([ops! + 1, audits! + 1]);
    const audit = bench.reader.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, string>;
    expect(audit).toMatchObject({ action: 'serials.save', subject: 'SU', actor: 'tester', station_id: bench.ok('getBenchInfo', {}).stationId });
    const outbox = bench.reader.prepare('SELECT * FROM outbox ORDER BY seq DESC LIMIT 1').get() as Record<string, unknown>;
    expect(outbox).toMatchObject({ actor: 'tester', acked_at: null });
  });

  it.each(['outbox', 'audit_log'])('rolls the whole change back when writing %s fails', (table) => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 1, ['A']);
    const order = bench.order('SO-1', [['SU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'A' }] });
    bench.writer.exec(`CREATE TRIGGER test_fail BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const before = bench.snapshot();
    const calls = [
      ['completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] }],
      ['saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: null }] }],
      ['changeStockLevel', { productId: su, newStockLevel: 2, newIdentifiers: ['B'] }],
      ['setIdentifierMode', { productId: su, mode: 'multiple_use' }],
      ['saveSerialGrid', { productId: su, edits: [] }],
      ['importCsv', { files: [{ name: 'orders.csv', content: 'order_number,customer,sku,quantity\nSO-2,C,SU,1\n' }] }],
    ] as const;
    for (const [method, args] of calls) {
      const result = invokeBenchMethod(bench.core, method, args);
      if (method === 'saveSerialGrid') expect(result.ok).toBe(true); // nothing to save, nothing written
      else expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(bench.snapshot()).toEqual(before);
    }
  });
});
