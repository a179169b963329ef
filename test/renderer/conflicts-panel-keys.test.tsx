// @vitest-environment happy-dom
/**
 * Acknowledging conflicts one after another by keys, against a real bench core (real SQLite): after
 * Acknowledge the focus goes to the next conflict's Acknowledge, so Enter again acknowledges it; it
 * never lands on "Open order", where Enter would leave the panel for the order screen.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, expect, it } from 'vitest';
import { applyBenchEvent, createBenchQueryClient } from '../../renderer/api/queries.js';
import { ConflictsPanel } from '../../renderer/components/sync/ConflictsPanel.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi } from './dom-helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const tick = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

it('Enter on Acknowledge, then Enter again, acknowledges the next conflict instead of opening its order', async () => {
  const bench = openTestBench();
  bench.product('CBL', 'none', 5);
  for (const n of [1, 2, 3]) bench.order(`SO-${n}`, [['CBL', 1]]);
  // Changes from the hub this bench could not take, each about an order it has.
  const insert = bench.writer.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
  for (const n of [1, 2, 3]) insert.run(`{"kind":"order","orderNumber":"SO-${n}"}`, 'held back', `Held back ${n}.`, new Date().toISOString());

  const opened: number[] = [];
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  cleanups.push(() => {
    act(() => root.unmount());
    container.remove();
  });
  const client = createBenchQueryClient();
  const api = coreApi(bench);
  await act(async () =>
    root.render(
      <QueryClientProvider client={client}>
        <ConflictsPanel api={api} onClose={() => {}} onOpenOrder={(id) => opened.push(id)} />
      </QueryClientProvider>,
    ),
  );
  await tick();
  const acknowledge = () => [...container.ownerDocument.querySelectorAll<HTMLButtonElement>('.sync-conflict-actions button')].filter((b) => b.textContent === 'Acknowledge');
  expect(acknowledge()).toHaveLength(3);

  // Enter on a focused button is its click.
  acknowledge()[0]!.focus();
  await act(async () => (document.activeElement as HTMLButtonElement).click());
  // The core's change stream says the conflicts changed.
  await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'local' }));
  await tick();
  expect(acknowledge()).toHaveLength(2);
  expect(document.activeElement?.textContent).toBe('Acknowledge');
  expect(document.activeElement?.closest('li')?.textContent).toContain('Held back 2.');

  // Enter again: the second goes too, and no order was opened.
  await act(async () => (document.activeElement as HTMLButtonElement).click());
  await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'local' }));
  await tick();
  expect(opened).toEqual([]);
  expect(bench.ok('listConflicts', { includeResolved: false, limit: 10 }).items.map((c) => c.whatHappened)).toEqual(['Held back 3.']);
});

it('each Acknowledge tells a screen reader which conflict it is for, not only "Acknowledge" (Open order names its order)', async () => {
  const bench = openTestBench();
  bench.product('CBL', 'none', 5);
  bench.order('SO-1', [['CBL', 1]]);
  const insert = bench.writer.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
  // One about an order the bench has, one about an order it does not (no "Open order" beside it).
  for (const n of [1, 2]) insert.run(`{"kind":"order","orderNumber":"SO-${n}"}`, 'held back', `Held back ${n}.`, new Date().toISOString());

  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  cleanups.push(() => {
    act(() => root.unmount());
    container.remove();
  });
  await act(async () =>
    root.render(
      <QueryClientProvider client={createBenchQueryClient()}>
        <ConflictsPanel api={coreApi(bench)} onClose={() => {}} onOpenOrder={() => {}} />
      </QueryClientProvider>,
    ),
  );
  await tick();
  /** What a screen reader says after the button's name: the text of the elements aria-describedby names. */
  const description = (button: HTMLButtonElement) =>
    (button.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('.sync-conflict-actions button')];
  expect(buttons.map((b) => `${b.textContent}: ${description(b)}`)).toEqual([
    'Open order SO-1: ',
    'Acknowledge: A change from the hub to order SO-1',
    'Acknowledge: A change from the hub to order SO-2',
  ]);
});
