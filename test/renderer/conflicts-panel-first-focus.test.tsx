// @vitest-environment happy-dom
/**
 * The conflicts panel opens as an APG dialog does, against a real bench core (real SQLite): the focus
 * lands on the first conflict's action (on the heading when there is none), not on "Show resolved",
 * and goes back to the header's conflicts button, its opener, when it closes.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, expect, it } from 'vitest';
import { createBenchQueryClient } from '../../renderer/api/queries.js';
import { ConflictsPanel } from '../../renderer/components/sync/ConflictsPanel.js';
import { SyncStatus } from '../../renderer/components/sync/SyncStatus.js';
import { openTestBench } from '../core/helpers.js';
import { coreApi } from './dom-helpers.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => ({ container, root } = mounted()));

const tick = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const buttonNamed = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);

it('opens with the focus on the first conflict\'s Acknowledge, and Close gives it back to the conflicts button', async () => {
  const bench = openTestBench();
  const insert = bench.writer.prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`);
  for (const n of [1, 2]) insert.run(`{"kind":"order","orderNumber":"SO-${n}"}`, 'held back', `Held back ${n}.`, new Date().toISOString());
  await act(async () => root.render(<QueryClientProvider client={createBenchQueryClient()}><SyncStatus api={coreApi(bench)} /></QueryClientProvider>));
  await tick();
  const opener = buttonNamed('2 conflicts')!;
  opener.focus();
  await act(async () => opener.click()); // Enter on it
  await tick();
  await tick();
  const panel = container.querySelector('dialog')!;
  expect(panel.textContent).toContain('Held back 1.');
  expect(document.activeElement?.textContent).toBe('Acknowledge');
  expect(document.activeElement?.closest('li')?.textContent).toContain('Held back 1.');

  await act(async () => buttonNamed('Close')!.click());
  expect(container.querySelector('dialog')).toBeNull();
  expect(document.activeElement).toBe(opener);
});

it('with no conflict to deal with, opens with the focus on its heading', async () => {
  const bench = openTestBench();
  await act(async () => root.render(<QueryClientProvider client={createBenchQueryClient()}><ConflictsPanel api={coreApi(bench)} onClose={() => {}} /></QueryClientProvider>));
  await tick();
  await tick();
  expect(container.textContent).toContain('No conflicts to deal with.');
  expect(document.activeElement?.tagName).toBe('H2');
  expect(document.activeElement?.textContent).toBe('Sync conflicts');
});

it('says what Acknowledge is for before the first conflict: choosing it once the conflict is dealt with moves it to the resolved ones', async () => {
  const bench = openTestBench();
  bench.writer
    .prepare(`INSERT INTO sync_conflicts (kind, op_seq, op, reason, what_happened, created_at) VALUES ('pull', NULL, ?, ?, ?, ?)`)
    .run('{"kind":"order","orderNumber":"SO-1"}', 'held back', 'Held back 1.', new Date().toISOString());
  await act(async () => root.render(<QueryClientProvider client={createBenchQueryClient()}><ConflictsPanel api={coreApi(bench)} onClose={() => {}} /></QueryClientProvider>));
  await tick();
  const intro = container.ownerDocument.querySelector('.sync-conflicts-header p')!.textContent;
  expect(intro).toContain('until you have dealt with it and chosen Acknowledge (then it is listed under "Show resolved")');
});
