// @vitest-environment happy-dom
/**
 * What the conflicts panel says, against a real bench core (real SQLite): a conflict that closes by
 * itself while the panel is open is said in its status (it only vanished, unheard), and one acknowledged
 * in another window of the bench is said as acknowledged there, not as closed by itself; a rejected change
 * this version cannot read is headed in words, not by its raw JSON; and Acknowledge on a change the
 * bench sent reads as a sentence ("the hub refused saving product …"), not "Acknowledged: Saving product …".
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, expect, it } from 'vitest';
import { applyBenchEvent, createBenchQueryClient } from '../../renderer/api/queries.js';
import { ConflictsPanel } from '../../renderer/components/sync/ConflictsPanel.js';
import { syncOpSchema } from '../../shared/sync/ops.js';
import { openTestBench, type TestBench } from '../core/helpers.js';
import { coreApi } from './dom-helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const tick = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

/** The panel open on the bench's conflicts; `changed` is the core's change stream saying the conflicts changed. */
async function openPanel(bench: TestBench) {
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  cleanups.push(() => {
    act(() => root.unmount());
    container.remove();
  });
  const client = createBenchQueryClient();
  await act(async () =>
    root.render(
      <QueryClientProvider client={client}>
        <ConflictsPanel api={coreApi(bench)} onClose={() => {}} onOpenOrder={() => {}} />
      </QueryClientProvider>,
    ),
  );
  await tick();
  const changed = async () => {
    await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'local' }));
    await tick();
  };
  return { changed };
}

const said = () => document.querySelector('.sync-conflicts-acknowledged')?.textContent ?? '';
const acknowledgeButtons = () => [...document.querySelectorAll<HTMLButtonElement>('.sync-conflict-acknowledge')];

function heldBack(bench: TestBench, count: number) {
  const insert = bench.writer.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
  for (let n = 1; n <= count; n++) insert.run(`{"kind":"order","orderNumber":"SO-${n}"}`, 'held back', `Held back ${n}.`, new Date().toISOString());
}
/** A change this bench sent that the hub refused, stored as the pusher stores it. */
function refused(bench: TestBench, seq: number, op: string, reason: string) {
  const at = new Date().toISOString();
  // Its outbox entry, answered (the pusher acknowledges it in the transaction that records the conflict).
  bench.writer.prepare(`INSERT INTO outbox (seq, at, actor, op, acked_at) VALUES (?, ?, 'packer', ?, ?)`).run(seq, at, op, at);
  bench.writer
    .prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('push', ?, ?, ?, ?, ?)`)
    .run(seq, op, reason, `The hub refused it: ${reason}.`, new Date().toISOString());
}
const resolveWhere = (bench: TestBench, whatHappened: string) =>
  bench.writer.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'Resolved: moot.' WHERE what_happened = ?`).run(new Date().toISOString(), whatHappened);

it('a conflict closing by itself while the panel is open is said, with how many are left; the focus stays on an Acknowledge', async () => {
  const bench = openTestBench();
  heldBack(bench, 3);
  const { changed } = await openPanel(bench);
  expect(acknowledgeButtons()).toHaveLength(3);
  acknowledgeButtons()[0]!.focus();

  // The one under the focus: said, and the focus goes to the next one's Acknowledge.
  resolveWhere(bench, 'Held back 1.');
  await changed();
  expect(acknowledgeButtons()).toHaveLength(2);
  expect(said()).toBe('A conflict closed by itself: A change from the hub to order SO-1. 2 open conflicts left.');
  expect(document.activeElement?.textContent).toBe('Acknowledge');
  expect(document.activeElement?.closest('li')?.textContent).toContain('Held back 2.');

  // One elsewhere in the list: said too, the focus left where it is.
  resolveWhere(bench, 'Held back 3.');
  await changed();
  expect(said()).toBe('A conflict closed by itself: A change from the hub to order SO-3. 1 open conflict left.');
  expect(document.activeElement?.closest('li')?.textContent).toContain('Held back 2.');

  // One acknowledged here is said as acknowledged, not as closed by itself.
  await act(async () => (document.activeElement as HTMLButtonElement).click());
  await changed();
  expect(said()).toBe('Acknowledged: a change from the hub to order SO-2. No open conflicts left.');
});

it('a conflict acknowledged in another window while the panel is open is said as acknowledged there, not as closed by itself', async () => {
  const bench = openTestBench();
  heldBack(bench, 5);
  const idOf = (whatHappened: string) => bench.ok('listConflicts', {}).items.find((c) => c.whatHappened === whatHappened)!.conflictId;
  // Another window of this bench (a browser mode tab, a second Electron window) acknowledges through the core.
  const acknowledgeElsewhere = (whatHappened: string) => bench.ok('resolveConflict', { conflictId: idOf(whatHappened), action: 'acknowledge' });
  const { changed } = await openPanel(bench);
  expect(acknowledgeButtons()).toHaveLength(5);
  acknowledgeButtons()[0]!.focus();

  // The one under the focus: said as acknowledged elsewhere, and the focus goes to the next one's Acknowledge as before.
  acknowledgeElsewhere('Held back 1.');
  await changed();
  expect(acknowledgeButtons()).toHaveLength(4);
  expect(said()).toBe('A conflict was acknowledged in another window: A change from the hub to order SO-1. 4 open conflicts left.');
  expect(document.activeElement?.textContent).toBe('Acknowledge');
  expect(document.activeElement?.closest('li')?.textContent).toContain('Held back 2.');

  // Two acknowledged elsewhere and one made moot in the same change: each said as what happened, counted.
  acknowledgeElsewhere('Held back 3.');
  acknowledgeElsewhere('Held back 4.');
  resolveWhere(bench, 'Held back 5.');
  await changed();
  expect(said()).toBe(
    '2 conflicts were acknowledged in another window: A change from the hub to order SO-3; A change from the hub to order SO-4. ' +
      'A conflict closed by itself: A change from the hub to order SO-5. 1 open conflict left.',
  );
  expect(document.activeElement?.closest('li')?.textContent).toContain('Held back 2.');

  // One acknowledged here is still said as acknowledged here.
  await act(async () => (document.activeElement as HTMLButtonElement).click());
  await changed();
  expect(said()).toBe('Acknowledged: a change from the hub to order SO-2. No open conflicts left.');
});

it('a rejected change this version cannot read is headed in words, its stored text below; acknowledged, it reads as a sentence', async () => {
  const bench = openTestBench();
  refused(bench, 7, '{"type":"label.print","sku":"CBL","copies":2}', 'unknown op type label.print');
  const { changed } = await openPanel(bench);
  const item = document.querySelector('.sync-conflict')!;
  expect(item.querySelector('h3')?.textContent).toBe('A change this version of the bench cannot read');
  expect(item.textContent).toContain('{"type":"label.print","sku":"CBL","copies":2}');
  // Its Acknowledge is described by the words, not by the JSON.
  expect(document.getElementById(acknowledgeButtons()[0]!.getAttribute('aria-describedby')!)?.textContent).toBe('A change this version of the bench cannot read');

  await act(async () => acknowledgeButtons()[0]!.click());
  await changed();
  expect(said()).toBe('Acknowledged: the hub refused a change this version of the bench cannot read (unknown op type label.print). No open conflicts left.');
});

it('Acknowledge on a change this bench sent says the hub refused it and why, not "Acknowledged: Saving product …"', async () => {
  const bench = openTestBench();
  const op = syncOpSchema.parse({ type: 'product.upsert', sku: 'CBL', title: 'Cable', barcode: null, identifierMode: 'none' });
  refused(bench, 3, JSON.stringify(op), 'SKU CBL is retired at the hub');
  const { changed } = await openPanel(bench);
  expect(document.querySelector('.sync-conflict h3')?.textContent).toBe('Saving product CBL ("Cable")');
  await act(async () => acknowledgeButtons()[0]!.click());
  await changed();
  expect(said()).toBe('Acknowledged: the hub refused saving product CBL ("Cable") (SKU CBL is retired at the hub). No open conflicts left.');
});

it('toggling "Show resolved" back to a list read before says nothing that did not happen: a conflict opened since is not "closed by itself"', async () => {
  const bench = openTestBench();
  heldBack(bench, 1);
  const { changed } = await openPanel(bench);
  const showResolved = () => [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((i) => i.parentElement?.textContent?.includes('Show resolved'))!;
  const toggle = async () => {
    await act(async () => showResolved().click());
    await tick();
  };
  // Both lists read once (each kept by the query's cache), the open one shown again.
  await toggle();
  await toggle();
  expect(acknowledgeButtons()).toHaveLength(1);
  // A new conflict arrives (a sync): the open list is read again; the resolved one's cached answer is now old.
  const insert = bench.writer.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
  insert.run('{"kind":"order","orderNumber":"SO-9"}', 'held back', 'Held back 9.', new Date().toISOString());
  await changed();
  expect(acknowledgeButtons()).toHaveLength(2);
  const before = said();
  // Shown again from its cache (read before SO-9 came), then read again: SO-9 never closed.
  await toggle();
  await tick();
  expect(acknowledgeButtons()).toHaveLength(2);
  expect(said()).toBe(before);
  expect(said()).not.toContain('closed by itself');
});
