/**
 * Property tests over the one set of bounds (shared/sync/bounds.ts), with fast-check:
 * - the SQLite and PostgreSQL CHECKs agree with the shared schemas on generated edge values;
 * - every change the shared pull schema accepts, a bench applies (schema + real SQLite insert), byte for byte
 *   (and everything a real hub sends does pass that schema: hub-to-bench.property.test.ts);
 * - any text a user types either saves and travels bench -> hub -> bench byte for byte, or is refused
 *   with a message (real hub, real PostgreSQL).
 * Run counts are modest so the file stays within a few seconds of work beyond starting PostgreSQL.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sqliteTextCheck } from '../../electron/core/db/migrations.js';
import { pgTextCheck } from '../../hub/db/migrations/0004-bounds.js';
import {
  MAX_LINE_QUANTITY,
  MAX_STOCK_LEVEL,
  TEXT_RULES,
  textProblem,
  trimText,
  type TextRule,
} from '../../shared/sync/bounds.js';
import { instantSchema, MAX_UTC_OFFSET_HOURS } from '../../shared/sync/ops.js';
import { pullChangeSchema, type PullChange } from '../../shared/sync/protocol.js';
import { openTestBench } from '../core/helpers.js';
import { pullApplierOn } from './pull-applier.js';
import { rowTexts, textNear } from './edge-text.js';
import { useSyncFixture } from './harness.js';

const fx = useSyncFixture();

const hasLoneSurrogate = (s: string) => /\p{Cs}/u.test(s);

describe('the SQL CHECKs agree with the shared bounds', () => {
  it('on generated edge text, for every text rule (SQLite and PostgreSQL)', async () => {
    const lite = new Database(':memory:');
    const client = new pg.Client({ connectionString: await fx.postgres().createDatabase() });
    await client.connect();
    try {
      const rules = Object.values(TEXT_RULES) as TextRule[];
      const liteChecks = rules.map((rule) => lite.prepare<{ v: string }, { ok: number }>(`SELECT CASE WHEN ${sqliteTextCheck('@v', rule)} THEN 1 ELSE 0 END AS ok`));
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(textNear(100), { minLength: 1, maxLength: 40 }), fc.array(textNear(500), { maxLength: 10 }), async (short, long) => {
          // Lone surrogates never reach SQL (the drivers would store U+FFFD): the schema refuses them.
          const values = [...short, ...long].filter((v) => !hasLoneSurrogate(v));
          for (const v of [...short, ...long].filter(hasLoneSurrogate)) for (const rule of rules) expect(textProblem(v, rule)).not.toBeNull();
          for (const [i, rule] of rules.entries()) {
            const shared = values.map((v) => textProblem(v, rule) === null);
            expect(values.map((v) => liteChecks[i]!.get({ v })!.ok === 1), `SQLite, ${rule.field}`).toEqual(shared);
            // PostgreSQL text cannot hold a NUL at all: those are refused before SQL (and by the schema).
            const forPg = values.filter((v) => !v.includes('\u0000'));
            const rows = (await client.query<{ ok: boolean }>(`SELECT (${pgTextCheck('v', rule)}) AS ok FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i`, [forPg])).rows;
            expect(rows.map((r) => r.ok), `PostgreSQL, ${rule.field}`).toEqual(forPg.map((v) => textProblem(v, rule) === null));
            compared += values.length;
          }
        }),
        { numRuns: 40 },
      );
      expect(compared).toBeGreaterThan(1000);
    } finally {
      lite.close();
      await client.end();
    }
  });

  it('on instants: every count time the shared schema takes, PostgreSQL reads; the offsets it refuses are past ±15:59', async () => {
    const client = new pg.Client({ connectionString: await fx.postgres().createDatabase() });
    await client.connect();
    try {
      const two = (n: number) => String(n).padStart(2, '0');
      const offsets = fc.oneof(
        fc.constant('Z'),
        fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(offsets, { minLength: 1, maxLength: 30 }), async (zones) => {
          const instants = zones.map((zone) => `2026-06-15T12:34:56.789${zone}`);
          const taken = instants.filter((at) => instantSchema.safeParse(at).success);
          for (const at of instants.filter((a) => !taken.includes(a))) {
            expect(Number(/[+-](\d{2})/.exec(at.slice(19))?.[1]), at).toBeGreaterThan(MAX_UTC_OFFSET_HOURS);
            expect(instantSchema.safeParse(at).error?.issues[0]?.message).toContain('UTC offset');
          }
          // One statement per instant: PostgreSQL refuses an offset past its range with an error.
          for (const at of taken) await client.query('SELECT $1::timestamptz', [at]);
        }),
        { numRuns: 30 },
      );
    } finally {
      await client.end();
    }
  });

  it('on quantities and stock levels at and around the maximum (the bench store)', () => {
    const bench = openTestBench();
    bench.product('P', 'none', 0);
    // Writes no use case makes: the schema's CHECKs are what is under test.
    const db = bench.writer;
    const setStock = db.prepare(`UPDATE products SET stock_level = ? WHERE sku = 'P'`);
    const edges = fc.oneof(fc.constantFrom(-1, 0, 1, MAX_LINE_QUANTITY, MAX_LINE_QUANTITY + 1, MAX_STOCK_LEVEL, MAX_STOCK_LEVEL + 1, 2 ** 53 - 1), fc.integer());
    fc.assert(
      fc.property(edges, (n) => {
        const stockOk = pullChangeSchema.safeParse({ kind: 'product', sku: 'P', title: '', barcode: null, identifierMode: 'none', stockLevel: n }).success;
        let stored = true;
        try {
          setStock.run(n);
        } catch {
          stored = false;
        }
        expect(stored, `stock ${n}`).toBe(stockOk);
      }),
      { numRuns: 200 },
    );
  });
});

describe('what the hub accepts, every bench applies', () => {
  it('applies any change the shared schema accepts, byte for byte (real SQLite)', () => {
    const bench = openTestBench();
    const db = bench.writer;
    const { applier, conflicts } = pullApplierOn(bench);
    const readProduct = db.prepare<[string], { title: string; barcode: string | null; stock_level: number }>('SELECT title, barcode, stock_level FROM products WHERE sku = ?');
    const readIdentifier = db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = ? AND i.value = ?',
    );
    const readOrder = db.prepare<[string], { customer: string; quantity: number }>(
      'SELECT o.customer, l.quantity FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.order_number = ?',
    );
    let runs = 0;
    fc.assert(
      fc.property(
        fc.record({
          ...rowTexts(),
          stockLevel: fc.integer({ min: 0, max: MAX_STOCK_LEVEL }),
          quantity: fc.integer({ min: 1, max: MAX_LINE_QUANTITY }),
        }),
        (g) => {
          const changes: PullChange[] = [
            { kind: 'product', sku: g.sku, title: g.title, barcode: g.barcode, identifierMode: 'multiple_use', stockLevel: g.stockLevel },
            { kind: 'identifier', sku: g.sku, value: g.value, status: 'available' },
            { kind: 'order', orderNumber: g.orderNumber, customer: g.customer, version: 1, lines: [{ lineNo: 1, sku: g.sku, quantity: g.quantity, dispatched: 0 }] },
          ];
          for (const change of changes) expect(pullChangeSchema.safeParse(change).success).toBe(true);
          // Through JSON, as they travel.
          expect(applier.applyPage(JSON.parse(JSON.stringify(changes)) as unknown[], `c${++runs}`)).toEqual({ applied: 3, quarantined: 0 });
          expect(readProduct.get(g.sku)).toEqual({ title: g.title, barcode: g.barcode, stock_level: g.stockLevel });
          expect(readIdentifier.get(g.sku, g.value)!.n).toBe(1);
          expect(readOrder.get(g.orderNumber)).toEqual({ customer: g.customer, quantity: g.quantity });
        },
      ),
      { numRuns: 150 },
    );
    expect(conflicts.openCount()).toBe(0);
  });
});

describe('what a user types', () => {
  it('saves and travels bench -> hub -> bench byte for byte, or is refused with a message', async () => {
    const hub = await fx.hub();
    const a = await fx.bench(hub, 'A');
    const b = await fx.bench(hub, 'B');
    a.importRows({ 'products.csv': [['MU', 'Multi', '', 'multiple_use', 10_000], ['T', 'Title', '', 'none', 0]] });
    const mu = a.count("SELECT id FROM products WHERE sku = 'MU'");
    const identifiersOf = (bench: typeof a) =>
      bench.reader.prepare("SELECT i.value FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'MU' ORDER BY i.id").pluck().all() as string[];
    const titleOf = (bench: typeof a) => bench.reader.prepare("SELECT title FROM products WHERE sku = 'T'").pluck().get() as string;
    let refused = 0;
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(textNear(200), { minLength: 1, maxLength: 12 }), fc.array(textNear(500), { minLength: 1, maxLength: 4 }), async (typed, titles) => {
        for (const raw of typed) {
          // Typed (or scanned) into the next empty box of the serial grid.
          const before = identifiersOf(a);
          const result = a.call('saveSerialGrid', { productId: mu, edits: [{ box: before.length, identifierId: null, value: raw }] });
          if (result.ok) {
            // A blank box is simply left empty.
            const value = trimText(raw);
            if (value !== '') saved++;
            expect(identifiersOf(a)).toEqual(value === '' ? before : [...before, value]);
          } else {
            refused++;
            expect(result.error.issues[0]?.message ?? result.error.message).toMatch(/\w/);
            expect(identifiersOf(a)).toEqual(before);
          }
        }
        let expectedTitle = titleOf(a);
        for (const title of titles) {
          // A product title from a catalogue file.
          const content = `sku,title,barcode,identifier_mode,stock_level\nT,${csvField(title)},,none,0\n`;
          const result = a.call('importCsv', { files: [{ name: 'products.csv', content }] });
          if (result.ok) expectedTitle = trimText(title);
          else expect(result.error.issues[0]?.message ?? result.error.message).toMatch(/\w/);
          expect(titleOf(a)).toBe(expectedTitle);
        }
        await a.syncOk();
        await b.syncOk();
        expect(identifiersOf(b)).toEqual(identifiersOf(a));
        expect(titleOf(b)).toBe(titleOf(a));
      }),
      { numRuns: 6 },
    );
    expect(saved).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(b.conflicts()).toEqual([]);
    expect(a.conflicts()).toEqual([]);
  });
});

/** One CSV field, quoted when it must be (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
