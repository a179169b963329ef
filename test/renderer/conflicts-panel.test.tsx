// @vitest-environment happy-dom
/**
 * The conflicts panel by keys: Acknowledge takes the conflict off the open list, and the focus moves
 * to the conflict that takes its place (the next one), never out of the dialog; while one is being
 * acknowledged, another press is refused in words, beeped and announced (not sent).
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchApi, SyncConflict } from '../../shared/contract/api.js';
import { applyBenchEvent, createBenchQueryClient } from '../../renderer/api/queries.js';
import { ConflictsPanel, STILL_SAVING } from '../../renderer/components/sync/ConflictsPanel.js';
import { CONFLICTS_PAGE_SIZE, MAX_CONFLICTS_READ } from '../../shared/contract/sync-schemas.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const conflict = (conflictId: number): SyncConflict => ({
  conflictId,
  kind: 'push',
  opSeq: conflictId,
  opType: 'stock.delta',
  summary: `Change ${conflictId}`,
  raw: null,
  reason: 'refused',
  whatHappened: 'The hub refused it.',
  createdAt: '2026-12-01T09:00:00.000Z',
  resolvedAt: null,
  resolution: null,
  order: null,
  needsIdentifier: false,
});

const beeps = countBeeps();

const mounted = mountPointPerTest();
let root: Root;
beforeEach(() => {
  ({ root } = mounted());
});

const tick = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const acknowledgeButtons = () => [...document.querySelectorAll<HTMLButtonElement>('.sync-conflict-actions button')];

describe('ConflictsPanel', () => {
  it('a refused Acknowledge is shown, announced and beeped, and the conflict stays open', async () => {
    const api = {
      listConflicts: vi.fn(async () => ({ ok: true as const, value: { items: [conflict(1)], openCount: 1 } })),
      resolveConflict: vi.fn(async () => ({ ok: false as const, error: { code: 'conflict' as const, message: 'Conflict 1 was already resolved elsewhere.', issues: [] } })),
    };
    await act(async () => root.render(<QueryClientProvider client={createBenchQueryClient()}><ConflictsPanel api={api as unknown as BenchApi} onClose={() => {}} /></QueryClientProvider>));
    await tick();
    await act(async () => acknowledgeButtons()[0]!.click());
    await tick();
    expect(document.querySelector('[role=alert]')?.textContent).toContain('Conflict 1 was already resolved elsewhere.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    expect(acknowledgeButtons()).toHaveLength(1);
  });

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
    // Pressed while the first is on its way: not sent, and refused in words, beeped and announced.
    await act(async () => acknowledgeButtons()[0]!.click());
    expect(acknowledgeButtons()[0]!.getAttribute('aria-disabled')).toBe('true');
    const stillSaving = document.querySelector('[role=alert]');
    expect(stillSaving?.textContent).toContain(STILL_SAVING);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    // Again: a new alert (said again) and a second beep.
    await act(async () => acknowledgeButtons()[2]!.click());
    expect(document.querySelector('[role=alert]')).not.toBe(stillSaving);
    expect(document.querySelector('[role=alert]')?.textContent).toContain(STILL_SAVING);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    await act(async () => release());
    await tick();
    expect(api.resolveConflict).toHaveBeenCalledTimes(1);
    // Saved: the "still saving" is over and goes.
    expect(document.querySelector('[role=alert]')).toBeNull();
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

describe('ConflictsPanel, resolved conflicts past the read limit', () => {
  const resolved = (conflictId: number): SyncConflict => ({ ...conflict(conflictId), resolvedAt: '2026-12-01T10:00:00.000Z', resolution: 'Acknowledged' });
  /** As the core lists them: open ones first, then resolved ones, at most `limit`. */
  const apiListing = (all: SyncConflict[]) => ({
    listConflicts: vi.fn(async ({ includeResolved, limit }: { includeResolved?: boolean; limit?: number }) => {
      const listed = includeResolved ? all : all.filter((c) => !c.resolvedAt);
      return { ok: true as const, value: { items: listed.slice(0, limit ?? CONFLICTS_PAGE_SIZE), openCount: all.filter((c) => !c.resolvedAt).length } };
    }),
  });
  async function showResolved(all: SyncConflict[]) {
    const api = apiListing(all);
    const client = createBenchQueryClient();
    await act(async () => root.render(<QueryClientProvider client={client}><ConflictsPanel api={api as unknown as BenchApi} onClose={() => {}} /></QueryClientProvider>));
    await tick();
    const box = document.querySelector<HTMLInputElement>('.sync-show-resolved input')!;
    await act(async () => box.click());
    await tick();
    return { api, dialog: document.querySelector('dialog')! };
  }
  const showMoreButton = (dialog: Element) => [...dialog.querySelectorAll('button')].find((b) => /Show more/.test(b.textContent ?? ''));

  it('says when resolved conflicts are cut at the read limit, and Show more reads further', async () => {
    const all = [conflict(1), conflict(2), ...Array.from({ length: 2 * CONFLICTS_PAGE_SIZE }, (_, i) => resolved(i + 3))];
    const { api, dialog } = await showResolved(all);
    expect(document.querySelectorAll('.sync-conflict')).toHaveLength(CONFLICTS_PAGE_SIZE);
    const said = dialog.querySelector('.sync-conflicts-more')?.textContent ?? '';
    expect(said).toContain(`Showing ${CONFLICTS_PAGE_SIZE - 2} resolved conflicts`);
    expect(said).toContain('not shown');
    await act(async () => showMoreButton(dialog)!.click());
    await tick();
    // Asking too which of the two open ones shown have closed since (how each closed is said in the panel's status).
    expect(api.listConflicts).toHaveBeenLastCalledWith({ includeResolved: true, limit: 2 * CONFLICTS_PAGE_SIZE, seenOpen: [1, 2] });
    expect(document.querySelectorAll('.sync-conflict')).toHaveLength(2 * CONFLICTS_PAGE_SIZE);
    expect(dialog.querySelector('.sync-conflicts-more')?.textContent).toContain(`Showing ${2 * CONFLICTS_PAGE_SIZE - 2} resolved conflicts`);
    // The focus stays in the dialog (resolved conflicts have no buttons to take it).
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('with open conflicts cut, says resolved ones come after them', async () => {
    const all = [...Array.from({ length: CONFLICTS_PAGE_SIZE + 50 }, (_, i) => conflict(i + 1)), resolved(1000)];
    const { dialog } = await showResolved(all);
    const said = dialog.querySelector('.sync-conflicts-more')?.textContent ?? '';
    expect(said).toContain(`Showing ${CONFLICTS_PAGE_SIZE} of ${CONFLICTS_PAGE_SIZE + 50} open conflicts (resolved ones are listed after every open one)`);
    expect(showMoreButton(dialog)).toBeDefined();
  });

  it('says nothing of a cut when the resolved conflicts all fit', async () => {
    const { dialog } = await showResolved([conflict(1), resolved(2), resolved(3)]);
    expect(document.querySelectorAll('.sync-conflict')).toHaveLength(3);
    expect(dialog.querySelector('.sync-conflicts-more')).toBeNull();
  });

  it('at the most the core reads, says the rest are not shown, with no Show more', async () => {
    const all = Array.from({ length: MAX_CONFLICTS_READ + 10 }, (_, i) => resolved(i + 1));
    const { dialog } = await showResolved(all);
    for (let read = CONFLICTS_PAGE_SIZE; read < MAX_CONFLICTS_READ; read += CONFLICTS_PAGE_SIZE) {
      await act(async () => showMoreButton(dialog)!.click());
      await tick();
    }
    expect(document.querySelectorAll('.sync-conflict')).toHaveLength(MAX_CONFLICTS_READ);
    expect(showMoreButton(dialog)).toBeUndefined();
    const said = dialog.querySelector('.sync-conflicts-more')?.textContent ?? '';
    expect(said).toContain(`Showing ${MAX_CONFLICTS_READ} resolved conflicts`);
    expect(said).toContain('not shown');
  });
});
