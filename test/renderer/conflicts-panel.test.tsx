// @vitest-environment happy-dom
/**
 * The conflicts panel by keys: Acknowledge takes the conflict off the open list, and the focus moves
 * to the conflict that takes its place (the next one), never out of the dialog; while one is being
 * acknowledged, the other buttons take no press.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchApi, SyncConflict } from '../../shared/contract/api.js';
import { applyBenchEvent, createBenchQueryClient } from '../../renderer/api/queries.js';
import { ConflictsPanel } from '../../renderer/components/sync/ConflictsPanel.js';
import { mountPointPerTest } from './mount.js';

const conflict = (conflictId: number): SyncConflict => ({
  conflictId,
  kind: 'push',
  opSeq: conflictId,
  opType: 'stock.delta',
  summary: `Change ${conflictId}`,
  reason: 'refused',
  whatHappened: 'The hub refused it.',
  createdAt: '2026-12-01T09:00:00.000Z',
  resolvedAt: null,
  resolution: null,
  order: null,
  needsIdentifier: false,
});

const mounted = mountPointPerTest();
let root: Root;
beforeEach(() => ({ root } = mounted()));

const tick = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const acknowledgeButtons = () => [...document.querySelectorAll<HTMLButtonElement>('.sync-conflict-actions button')];

describe('ConflictsPanel', () => {
  it('moves the focus to the next open conflict after Acknowledge, then to Close after the last', async () => {
    let open = [conflict(1), conflict(2), conflict(3)];
    let answer: Promise<void> = Promise.resolve();
    const api = {
      listConflicts: vi.fn(async () => ({ ok: true as const, value: { items: open, openCount: open.length } })),
      resolveConflict: vi.fn(async ({ conflictId }: { conflictId: number }) => {
        await answer;
        open = open.filter((c) => c.conflictId !== conflictId);
        return { ok: true as const, value: conflict(conflictId) };
      }),
    };
    const client = createBenchQueryClient();
    await act(async () => root.render(<QueryClientProvider client={client}><ConflictsPanel api={api as unknown as BenchApi} onClose={() => {}} /></QueryClientProvider>));
    await tick();
    expect(acknowledgeButtons()).toHaveLength(3);

    // The second one: the third takes its place and the focus.
    let release = () => {};
    answer = new Promise((resolve) => (release = resolve));
    const second = acknowledgeButtons()[1]!;
    second.focus();
    await act(async () => second.click());
    await act(async () => acknowledgeButtons()[0]!.click()); // pressed while the first is on its way: ignored
    expect(acknowledgeButtons()[0]!.getAttribute('aria-disabled')).toBe('true');
    await act(async () => release());
    await tick();
    expect(api.resolveConflict).toHaveBeenCalledTimes(1);
    await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'local' }));
    await tick();
    expect(acknowledgeButtons()).toHaveLength(2);
    expect(document.activeElement).toBe(acknowledgeButtons()[1]);
    expect(document.activeElement?.closest('li')?.textContent).toContain('Change 3');

    // The last one in the list: the one before it takes the focus; after the very last, Close.
    await act(async () => acknowledgeButtons()[1]!.click());
    await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'local' }));
    await tick();
    expect(document.activeElement?.closest('li')?.textContent).toContain('Change 1');
    await act(async () => acknowledgeButtons()[0]!.click());
    await act(async () => applyBenchEvent(client, { kind: 'data', products: [], identifiers: [], orders: [], conflicts: true, source: 'local' }));
    await tick();
    expect(document.activeElement?.textContent).toBe('Close');
  });

  it('with more open conflicts than one read brings, says how many are shown of how many, and shows more by keys', async () => {
    const open = Array.from({ length: 200 }, (_, i) => conflict(i + 1));
    const api = {
      listConflicts: vi.fn(async ({ limit }: { limit?: number }) => ({ ok: true as const, value: { items: open.slice(0, limit ?? 100), openCount: open.length } })),
    };
    const client = createBenchQueryClient();
    await act(async () => root.render(<QueryClientProvider client={client}><ConflictsPanel api={api as unknown as BenchApi} onClose={() => {}} /></QueryClientProvider>));
    await tick();
    expect(acknowledgeButtons()).toHaveLength(100);
    const dialog = document.querySelector('dialog')!;
    expect(dialog.textContent).toContain('Showing 100 of 200 open conflicts');
    const more = [...dialog.querySelectorAll('button')].find((b) => /Show more/.test(b.textContent ?? ''))!;
    expect(more).toBeDefined();
    more.focus();
    await act(async () => more.click());
    await tick();
    expect(acknowledgeButtons()).toHaveLength(200);
    expect(dialog.textContent).not.toContain('Showing 100 of 200');
    // The focus is not dropped to the page when "Show more" goes: it lands on the first conflict brought in.
    expect(document.activeElement?.closest('li')?.textContent).toContain('Change 101');
  });
});

describe('ConflictsPanel, Show more when the conflicts went meanwhile', () => {
  it('keeps the focus in the dialog when the longer read brings nothing more (a sync resolved the rest) and the button goes', async () => {
    let open = Array.from({ length: 150 }, (_, i) => conflict(i + 1));
    const api = {
      listConflicts: vi.fn(async ({ limit }: { limit?: number }) => ({ ok: true as const, value: { items: open.slice(0, limit ?? 100), openCount: open.length } })),
    };
    const client = createBenchQueryClient();
    await act(async () => root.render(<QueryClientProvider client={client}><ConflictsPanel api={api as unknown as BenchApi} onClose={() => {}} /></QueryClientProvider>));
    await tick();
    const dialog = document.querySelector('dialog')!;
    const more = [...dialog.querySelectorAll('button')].find((b) => /Show more/.test(b.textContent ?? ''))!;
    more.focus();
    // A sync pull resolves the conflicts past the first 100 before the longer read answers.
    open = open.slice(0, 100);
    await act(async () => more.click());
    await tick();
    expect(dialog.textContent).not.toContain('Show more');
    expect(dialog.contains(document.activeElement)).toBe(true);
    // And a later re-read (one more conflict arrives) does not move the focus by a stale "Show more".
    acknowledgeButtons()[3]!.focus();
    open = [...open, conflict(500)];
    await act(async () => void client.invalidateQueries());
    await tick();
    expect(acknowledgeButtons()).toHaveLength(101);
    expect(document.activeElement).toBe(acknowledgeButtons()[3]);
  });
});
