/**
 * Property test (fast-check) of an import's identifier history (bench migration 13): whatever mix of
 * imports, grid additions, renames and removals a bench goes through, Identifier Lookup lists the same
 * steps, in the same order, as if every import had written one 'added' row per identifier (as it did
 * before). Real SQLite files, through the contract boundary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTestBench, type TestBench } from './helpers.js';

const SKUS = ['ZED', 'ABE'] as const;
const VALUES = ['V-0', 'V-1', 'V-2', 'V-3', 'V-4'] as const;
type Sku = (typeof SKUS)[number];

type Step =
  | { kind: 'import'; rows: Array<[Sku, string]> }
  | { kind: 'add'; sku: Sku; value: string }
  | { kind: 'rename'; sku: Sku; from: string; to: string }
  | { kind: 'remove'; sku: Sku; value: string };

const sku = fc.constantFrom(...SKUS);
const value = fc.constantFrom(...VALUES);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.tuple(sku, value), { minLength: 1, maxLength: 6 }).map((rows): Step => ({ kind: 'import', rows })) },
  fc.record({ kind: fc.constant('add' as const), sku, value }),
  fc.record({ kind: fc.constant('rename' as const), sku, from: value, to: value }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), sku, value }) },
);

function gridEdit(bench: TestBench, productId: number, from: string | null, to: string) {
  const grid = bench.ok('getSerialGrid', { productId });
  const box = from === null ? grid.boxes.find((b) => b.value === '')! : grid.boxes.find((b) => b.value === from)!;
  bench.ok('saveSerialGrid', { productId, edits: [{ box: box.box, identifierId: from === null ? null : box.identifierId, value: to }] });
}

describe("an import's identifier history, as a property", () => {
  it('reads as one row per identifier would, whatever imports, additions, renames and removals came before', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) => {
        const bench = openTestBench();
        try {
          const ids = Object.fromEntries(SKUS.map((s) => [s, bench.product(s, 'multiple_use', 20)])) as Record<Sku, number>;
          const held = new Set<string>();
          const expected = new Map<string, string[]>();
          const note = (v: string, line: string) => expected.set(v, [...(expected.get(v) ?? []), line]);
          for (const s of steps) {
            if (s.kind === 'import') {
              // A file never lists a line twice (that is refused); held values are unchanged (no event).
              const rows = s.rows.filter(([k, v], i) => s.rows.findIndex(([k2, v2]) => k2 === k && v2 === v) === i);
              bench.importRows({ 'identifiers.csv': rows });
              for (const [k, v] of rows) {
                if (held.has(`${k} ${v}`)) continue;
                held.add(`${k} ${v}`);
                note(v, `added ${k}`);
              }
            } else if (s.kind === 'add' && !held.has(`${s.sku} ${s.value}`)) {
              gridEdit(bench, ids[s.sku], null, s.value);
              held.add(`${s.sku} ${s.value}`);
              note(s.value, `added ${s.sku}`);
            } else if (s.kind === 'rename' && held.has(`${s.sku} ${s.from}`) && !held.has(`${s.sku} ${s.to}`)) {
              gridEdit(bench, ids[s.sku], s.from, s.to);
              held.delete(`${s.sku} ${s.from}`);
              held.add(`${s.sku} ${s.to}`);
              note(s.from, `renamed ${s.sku}`);
              note(s.to, `renamed ${s.sku}`);
            } else if (s.kind === 'remove' && held.has(`${s.sku} ${s.value}`)) {
              gridEdit(bench, ids[s.sku], s.value, '');
              held.delete(`${s.sku} ${s.value}`);
              note(s.value, `removed ${s.sku}`);
            }
          }
          for (const v of VALUES) {
            const events = bench.ok('getIdentifierHistory', { value: v }).events.map((e) => `${e.kind} ${e.sku}`);
            expect(events, `history of ${v} after ${JSON.stringify(steps)}`).toEqual(expected.get(v) ?? []);
          }
        } finally {
          bench.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
