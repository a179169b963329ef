// @vitest-environment happy-dom
/**
 * The order page says the open sync conflicts about its order ("Open order" in the conflicts panel
 * closes the panel, and the page said nothing of why it was opened): which unit the hub refused an
 * identifier for and what to do, a change from the hub held back; not another order's. One that closes
 * leaves the page as the change stream says so. Real core (real SQLite).
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { applyBenchEvent, createBenchQueryClient } from '../../renderer/api/queries.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { settle } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();

/** An allocation this bench sent that the hub refused, stored as the pusher stores it (the unit's identifier undone). */
function refusedAllocation(bench: TestBench, orderNumber: string, value: string): number {
  const seq = (bench.writer.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM outbox').get() as { seq: number }).seq;
  const at = new Date().toISOString();
  const op = JSON.stringify({ type: 'allocation.set', orderNumber, lineNo: 1, unit: 1, sku: 'PHN-1', value });
  const reason = `"${value}" is already allocated to order SO-9 line 1 unit 1 (station A)`;
  bench.writer.prepare(`INSERT INTO outbox (seq, at, actor, op, acked_at) VALUES (?, ?, 'packer', ?, ?)`).run(seq, at, op, at);
  bench.writer
    .prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('push', ?, ?, ?, ?, ?)`)
    .run(seq, op, reason, `The hub refused it: ${reason}. The unit's identifier was taken off here, so the unit needs another identifier.`, at);
  return seq;
}

function heldBackChangeTo(bench: TestBench, orderNumber: string) {
  bench.writer
    .prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`)
    .run(JSON.stringify({ kind: 'order', orderNumber }), 'held back', `A change to ${orderNumber} was held back.`, new Date().toISOString());
}

const conflictsBox = () => document.querySelector<HTMLElement>('section.order-conflicts');
/** The conflicts are read after the order: a few more turns. */
async function untilShown() {
  for (let i = 0; i < 20 && !conflictsBox(); i++) await settle();
}

describe('order page, sync conflicts about the order', () => {
  it('names the unit whose identifier the hub refused and what to do, until the conflict closes', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 1]]);
    bench.order('SO-2', [['PHN-1', 1]]);
    const refused = refusedAllocation(bench, 'SO-1', 'SN-1');
    refusedAllocation(bench, 'SO-2', 'SN-2');
    const client = createBenchQueryClient();
    await renderOrderDetails(mounted().root, bench, order.id, { client });

    await untilShown();
    const box = conflictsBox()!;
    expect(box.querySelector('h3')?.textContent).toBe('Sync conflict');
    expect(box.textContent).toContain('Allocating "SN-1" to order SO-1 line 1 (PHN-1) unit 1');
    expect(box.textContent).toContain('already allocated to order SO-9');
    expect(box.textContent).toContain('Line 1 unit 1 needs another identifier: choose one in "Dispatch Identifiers".');
    // Another order's conflict is that order's.
    expect(box.textContent).not.toContain('SN-2');

    // Resolved (the hub took another identifier): the change stream says so and the box goes.
    bench.writer.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'Resolved.' WHERE op_seq = ?`).run(new Date().toISOString(), refused);
    await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'sync' }));
    await settle();
    expect(conflictsBox()).toBeNull();
  });

  it('counts several, a change from the hub held back among them; an order with none shows no box', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 1]]);
    const calm = bench.order('SO-3', [['PHN-1', 1]]);
    refusedAllocation(bench, 'SO-1', 'SN-1');
    heldBackChangeTo(bench, 'SO-1');
    await renderOrderDetails(mounted().root, bench, order.id);
    await untilShown();
    expect(conflictsBox()!.querySelector('h3')?.textContent).toBe('2 sync conflicts');
    expect(conflictsBox()!.textContent).toContain('A change to SO-1 was held back.');

    await renderOrderDetails(mounted().root, bench, calm.id);
    await untilShown();
    expect(document.querySelector('h2')?.textContent).toBe('Order SO-3');
    expect(conflictsBox()).toBeNull();
  });
});
