/**
 * An import's identifier history (bench migration 13): one row for the import, read as an 'added' event
 * of each identifier it added, in its place among the other events; written out as a row of its own
 * when the identifier is later removed or renamed. Real SQLite file, through the contract boundary.
 */
import { describe, expect, it } from 'vitest';
import { openTestBench, type TestBench } from './helpers.js';

function clock(start = Date.parse('2026-03-01T08:00:00.000Z')) {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}

const kinds = (bench: TestBench, value: string, sku?: string) =>
  bench.ok('getIdentifierHistory', sku === undefined ? { value } : { value, sku }).events.map((e) => `${e.kind} ${e.sku}${e.detail ? ` (${e.detail})` : ''}`);

function gridEdit(bench: TestBench, productId: number, edits: Array<[from: string | null, to: string]>) {
  const grid = bench.ok('getSerialGrid', { productId });
  const free = grid.boxes.filter((b) => b.value === '');
  bench.ok('saveSerialGrid', {
    productId,
    edits: edits.map(([from, to]) => {
      const box = from === null ? free.shift()! : grid.boxes.find((b) => b.value === from)!;
      return { box: box.box, identifierId: from === null ? null : box.identifierId, value: to };
    }),
  });
}

describe("an import's identifier history", () => {
  it("reads as one 'added' event per identifier, with the import's station, user and time, from one stored row", () => {
    const now = clock();
    const bench = openTestBench({ now });
    bench.product('MU', 'multiple_use', 0, ['L-1', 'L-2', 'L-3']);
    expect(bench.count('SELECT count(*) FROM identifier_events')).toBe(0);
    expect(bench.count('SELECT count(*) FROM identifier_import_events')).toBe(1);
    const [added] = bench.ok('getIdentifierHistory', { value: 'L-2' }).events;
    expect(added).toMatchObject({ kind: 'added', sku: 'MU', value: 'L-2', stationName: 'Test bench', actor: 'tester', stationId: bench.ok('getBenchInfo', {}).stationId });
    expect(Date.parse(added!.at)).toBeGreaterThan(Date.parse('2026-03-01T08:00:00.000Z'));
    // A value the import did not add has no history; one that differs in case is another value.
    expect(kinds(bench, 'L-4')).toEqual([]);
    expect(kinds(bench, 'l-2')).toEqual([]);
  });

  it("keeps an imported identifier's 'added' first when it is renamed or removed after other events", () => {
    const bench = openTestBench({ now: clock() });
    const productId = bench.product('MU', 'multiple_use', 0, ['L-1', 'L-2']);
    const order = bench.order('SO-1', [['MU', 1]]);
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'L-1' }] });
    bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: null }] });
    gridEdit(bench, productId, [['L-1', 'L-9'], ['L-2', '']]);
    expect(kinds(bench, 'L-1')).toEqual(['added MU', 'allocated MU', 'cleared MU', 'renamed MU (renamed to "L-9")']);
    expect(kinds(bench, 'L-9')).toEqual(['renamed MU (renamed from "L-1")']);
    expect(kinds(bench, 'L-2')).toEqual(['added MU', 'removed MU']);
    // The two 'added' events are rows now, placed where the import was, naming it and the identifier; nothing else was written out.
    const importId = bench.count('SELECT id FROM identifier_import_events');
    const importPlace = bench.count('SELECT after_event_id FROM identifier_import_events');
    expect(bench.reader.prepare('SELECT value, import_id, after_event_id, identifier_id IS NOT NULL AS named FROM identifier_events WHERE after_event_id IS NOT NULL ORDER BY value').all()).toEqual([
      { value: 'L-1', import_id: importId, after_event_id: importPlace, named: 1 },
      { value: 'L-2', import_id: importId, after_event_id: importPlace, named: 1 },
    ]);
    // Reopened (a new connection), the history reads the same.
    bench.reopen();
    expect(kinds(bench, 'L-1')).toEqual(['added MU', 'allocated MU', 'cleared MU', 'renamed MU (renamed to "L-9")']);
  });

  it('tells apart identifiers of different products with the same value, in file order, and filters by SKU', () => {
    const bench = openTestBench({ now: clock() });
    bench.product('ZED', 'multiple_use', 0);
    bench.product('ABE', 'multiple_use', 0);
    bench.importRows({ 'identifiers.csv': [['ZED', 'V-1'], ['ABE', 'V-1']] });
    expect(kinds(bench, 'V-1')).toEqual(['added ZED', 'added ABE']);
    expect(kinds(bench, 'V-1', 'ZED')).toEqual(['added ZED']);
    expect(kinds(bench, 'V-1', 'NONE')).toEqual([]);
  });

  it('lists imports with no other event between them in the order they ran, written out or not', () => {
    const bench = openTestBench({ now: clock() });
    const zed = bench.product('ZED', 'multiple_use', 5);
    bench.product('ABE', 'multiple_use', 5);
    bench.product('MID', 'multiple_use', 5);
    // Two imports, then two identifier files in one import: all four share one place in the history.
    bench.importRows({ 'identifiers.csv': [['ZED', 'V-1']] });
    bench.importRows({ 'identifiers.csv': [['MID', 'V-1']] });
    bench.ok('importCsv', {
      files: [
        { name: 'b.csv', content: 'sku,identifier\nABE,V-1\n' },
        { name: 'a.csv', content: 'sku,identifier\nABE,V-2\n' },
      ],
    });
    expect(bench.count('SELECT count(DISTINCT after_event_id) FROM identifier_import_events')).toBe(1);
    const events = () => bench.ok('getIdentifierHistory', { value: 'V-1' }).events;
    expect(events().map((e) => e.sku)).toEqual(['ZED', 'MID', 'ABE']);
    const times = events().map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    // The first one's identifier removed: its 'added' is a row now, still first.
    gridEdit(bench, zed, [['V-1', '']]);
    expect(kinds(bench, 'V-1')).toEqual(['added ZED', 'added MID', 'added ABE', 'removed ZED']);
  });

  it("never reads an id SQLite hands out again as the earlier import's", () => {
    const bench = openTestBench({ now: clock() });
    const productId = bench.product('MU', 'multiple_use', 5, ['X-1', 'X-2']);
    const idOf = (value: string) => bench.count('SELECT id FROM identifiers WHERE value = ?', value);
    const x2 = idOf('X-2');
    gridEdit(bench, productId, [['X-2', '']]);
    // The largest id is free again: the next import's first identifier takes it.
    bench.importRows({ 'identifiers.csv': [['MU', 'X-3']] });
    expect(idOf('X-3')).toBe(x2);
    expect(kinds(bench, 'X-3')).toEqual(['added MU']);
    expect(kinds(bench, 'X-2')).toEqual(['added MU', 'removed MU']);
    const [first, second] = bench.reader.prepare('SELECT first_identifier_id AS first, last_identifier_id AS last FROM identifier_import_events ORDER BY id').all();
    expect(first).toEqual({ first: idOf('X-1'), last: idOf('X-1') });
    expect(second).toEqual({ first: x2, last: x2 });
    // The same again through the grid (not an import): the value's own 'added' event, nothing from an import.
    gridEdit(bench, productId, [['X-3', '']]);
    gridEdit(bench, productId, [[null, 'X-4']]);
    expect(idOf('X-4')).toBe(x2);
    expect(kinds(bench, 'X-4')).toEqual(['added MU']);
    expect(kinds(bench, 'X-3')).toEqual(['added MU', 'removed MU']);
    gridEdit(bench, productId, [['X-4', '']]);
    expect(kinds(bench, 'X-4')).toEqual(['added MU', 'removed MU']);
  });

  it("never hands a removed import's row id to the next import (found by the property test)", () => {
    const bench = openTestBench({ now: clock() });
    const abe = bench.product('ABE', 'multiple_use', 5);
    bench.product('ZED', 'multiple_use', 5);
    bench.importRows({ 'identifiers.csv': [['ABE', 'V-3']] });
    const importIds = () => bench.reader.prepare('SELECT id FROM identifier_import_events ORDER BY id').pluck().all();
    const [firstImport] = importIds();
    // Its only identifier removed: the import's row goes, and both its identifier id and its row id are free.
    gridEdit(bench, abe, [['V-3', '']]);
    bench.importRows({ 'identifiers.csv': [['ZED', 'V-0']] });
    expect(importIds()).toEqual([Number(firstImport) + 1]);
    expect(kinds(bench, 'V-0')).toEqual(['added ZED']);
    expect(kinds(bench, 'V-3')).toEqual(['added ABE', 'removed ABE']);
    // And once more, on a reopened store (the largest id is read from the rows, not remembered).
    bench.reopen();
    gridEdit(bench, bench.count("SELECT id FROM products WHERE sku = 'ZED'"), [['V-0', '']]);
    bench.importRows({ 'identifiers.csv': [['ABE', 'V-1']] });
    expect(importIds()).toEqual([Number(firstImport) + 2]);
    expect(kinds(bench, 'V-1')).toEqual(['added ABE']);
    expect(kinds(bench, 'V-0')).toEqual(['added ZED', 'removed ZED']);
  });

  it("reads the per-identifier 'added' rows an upgraded bench wrote before, in order with the newer imports", () => {
    const bench = openTestBench({ now: clock() });
    const productId = bench.product('MU', 'multiple_use', 5);
    // As an import before migration 13 wrote it: a row per identifier (identifier and event written together).
    bench.writer.exec(`
      INSERT INTO identifiers (product_id, value, status, created_at) VALUES (${productId}, 'OLD-1', 'available', '2026-01-01T00:00:00.000Z');
      INSERT INTO identifier_events (at, station_id, station_name, actor, kind, sku, value) VALUES ('2026-01-01T00:00:00.000Z', 's', 'Old bench', 'ann', 'added', 'MU', 'OLD-1');`);
    bench.importRows({ 'identifiers.csv': [['MU', 'NEW-1']] });
    gridEdit(bench, productId, [['OLD-1', ''], ['NEW-1', '']]);
    expect(kinds(bench, 'OLD-1')).toEqual(['added MU', 'removed MU']);
    expect(kinds(bench, 'NEW-1')).toEqual(['added MU', 'removed MU']);
    // Only the import's identifier had its 'added' written out; the old one had its row already.
    expect(bench.count('SELECT count(*) FROM identifier_events WHERE after_event_id IS NOT NULL')).toBe(1);
  });

  it('a refused or cancelled import leaves no history row', () => {
    const bench = openTestBench({ now: clock() });
    bench.product('MU', 'multiple_use', 0);
    bench.fail('importCsv', { files: [{ name: 'identifiers.csv', content: 'sku,identifier\nMU,OK-1\nNOPE,OK-2\n' }] });
    expect(bench.count('SELECT count(*) FROM identifier_import_events')).toBe(0);
    expect(kinds(bench, 'OK-1')).toEqual([]);
  });
});
