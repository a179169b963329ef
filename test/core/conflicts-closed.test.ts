/**
 * listConflicts's seenOpen, on a real SQLite file: of the conflicts a caller last saw open, those
 * closed since, and how each closed (a person acknowledged it, in any window of the bench, or it
 * closed by itself: a later sync made it moot), in the same read. The core decides from the mark its
 * acknowledgement writes, never from a resolution's other words.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CONFLICTS_ASKED_ABOUT } from '../../shared/contract/sync-schemas.js';
import { openTestBench, type TestBench } from './helpers.js';

/** Pulled changes held back, as the pull applier stores them: conflicts 1..count of a new bench. */
function heldBack(bench: TestBench, count: number): number[] {
  const insert = bench.writer.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
  return Array.from({ length: count }, (_, i) =>
    Number(insert.run(`{"kind":"order","orderNumber":"SO-${i + 1}"}`, 'held back', `Held back ${i + 1}.`, new Date().toISOString()).lastInsertRowid),
  );
}
/** Made moot by a later sync, with a resolution as the sync writes them. */
const moot = (bench: TestBench, id: number, resolution: string) =>
  bench.writer.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?`).run(new Date().toISOString(), resolution, id);

describe('listConflicts seenOpen', () => {
  it('says, of the conflicts last seen open, which were acknowledged and which closed by themselves; open and unknown ones are not listed', () => {
    const bench = openTestBench();
    const [a, b, c, d] = heldBack(bench, 4) as [number, number, number, number];
    expect(bench.ok('listConflicts', { seenOpen: [a, b, c, d] }).closed).toEqual([]);

    bench.ok('resolveConflict', { conflictId: a, action: 'acknowledge', note: 'Resolved: looked at it' });
    moot(bench, b, 'Resolved: a later state of order SO-2 from the hub was applied.');
    // A moot resolution quoting the acknowledgement's words is still moot: only the core's own mark counts.
    moot(bench, d, 'Resolved: the unit was given "Acknowledged by tester" instead and the hub took it.');

    const answer = bench.ok('listConflicts', { seenOpen: [d, c, b, a, 999] });
    expect(answer.closed).toEqual([
      { conflictId: a, how: 'acknowledged' },
      { conflictId: b, how: 'by_itself' },
      { conflictId: d, how: 'by_itself' },
    ]);
    expect(answer.items.map((i) => i.conflictId)).toEqual([c]);
    expect(answer.openCount).toBe(1);
    // The same with resolved ones listed; and without seenOpen, nothing is said about any.
    expect(bench.ok('listConflicts', { includeResolved: true, seenOpen: [a, b] }).closed).toEqual([
      { conflictId: a, how: 'acknowledged' },
      { conflictId: b, how: 'by_itself' },
    ]);
    expect(bench.ok('listConflicts', {}).closed).toEqual([]);
  });

  it('refuses more conflict ids than one read asks about, naming the bound, and changes nothing', () => {
    const bench = openTestBench();
    const [a] = heldBack(bench, 1) as [number];
    const over = Array.from({ length: MAX_CONFLICTS_ASKED_ABOUT + 1 }, (_, i) => i + 1);
    const error = bench.refused('listConflicts', { seenOpen: over });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(`seenOpen asks about at most ${MAX_CONFLICTS_ASKED_ABOUT.toLocaleString('en-US')} conflicts at once`);
    expect(bench.refused('listConflicts', { seenOpen: [0] }).code).toBe('invalid_argument');
    // At the bound, answered.
    const full = Array.from({ length: MAX_CONFLICTS_ASKED_ABOUT }, (_, i) => i + 1);
    bench.ok('resolveConflict', { conflictId: a, action: 'acknowledge' });
    expect(bench.ok('listConflicts', { seenOpen: full }).closed).toEqual([{ conflictId: a, how: 'acknowledged' }]);
  });
});
