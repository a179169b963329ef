// @vitest-environment happy-dom
/**
 * The sync status in the app header says, in words, exactly the one state the bench is in, with what
 * that state carries (progress, last sync, cause, message); "Sync now" starts a sync and is off while
 * one runs; open conflicts show as a button.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchApi, SyncStatus as Status } from '../../shared/contract/api.js';
import { syncStatusSchema } from '../../shared/contract/sync-schemas.js';
import { LONG_SYNC_MS, SyncStatus } from '../../renderer/components/sync/SyncStatus.js';
import { timeWithZone } from '../../renderer/components/format-time.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { applyBenchEvent, createBenchQueryClient } from '../../renderer/api/queries.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const beeps = countBeeps();

const at = (h: number, m: number) => {
  const d = new Date();
  d.setHours(h, m, 7, 0);
  return d.toISOString();
};
/** The bench's zone today, as the app names it ("BST", "UTC", "GMT+14"). */
const zone = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')!.value;
const base = { hubUrl: 'http://hub.local:8080', pendingOps: 0, openConflicts: 0, lastSyncAt: at(9, 41), station: { id: 'bench-1', name: 'Packing 1' } };

const mounted = mountPointPerTest();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  ({ container, root } = mounted());
});

function fakeApi(status: Status, afterSyncNow?: Status) {
  const api = {
    getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(status) })),
    syncNow: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(afterSyncNow ?? status) })),
    cancelSync: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(status) })),
  };
  return api;
}

let client = createBenchQueryClient();

async function render(status: Status, afterSyncNow?: Status) {
  const api = fakeApi(status, afterSyncNow);
  client = createBenchQueryClient();
  await act(async () => root.render(<QueryClientProvider client={client}><SyncStatus api={api as unknown as BenchApi} /></QueryClientProvider>));
  // The first read answers on a later tick.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  return api;
}

const text = () => container.textContent ?? '';
const syncButton = () => [...container.querySelectorAll('button')].find((b) => /Sync now|Syncing/.test(b.textContent ?? ''));

describe('SyncStatus', () => {
  it('follows the change stream: a status event shows at once, with no second read', async () => {
    const api = await render({ state: 'idle', ...base, nextSyncAt: at(9, 42) });
    expect(text()).toContain('Up to date');
    await act(async () => applyBenchEvent(client, { kind: 'sync', status: syncStatusSchema.parse({ state: 'offline', ...base, cause: 'The hub did not answer', failedAt: at(9, 45), nextAttemptAt: null }) }));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(text()).toContain('Offline, retrying');
    expect(text()).toContain('trying again now'); // no next try planned: a retry is under way
    expect(api.getSyncStatus).toHaveBeenCalledTimes(1);
  });

  it('shows progress while syncing, with "Sync now" off', async () => {
    await render({ state: 'syncing', ...base, pendingOps: 180, progress: { phase: 'pushing', pushed: 120, toPush: 300, pulled: 0 } });
    expect(text()).toContain('Syncing…');
    expect(text()).toContain('sending changes: 120 of 300 sent');
    // Off, but still focusable (aria-disabled): a disabled button would drop the packer's focus.
    expect(syncButton()).toMatchObject({ textContent: 'Syncing…', disabled: false });
    expect(syncButton()!.getAttribute('aria-disabled')).toBe('true');
  });

  it('a sync that lasts shows a progress bar and "Cancel sync" (not taking the focus); Cancel asks the core and says so', async () => {
    const api = await render({ state: 'syncing', ...base, pendingOps: 180, progress: { phase: 'pushing', pushed: 120, toPush: 300, pulled: 0 } });
    expect(container.querySelector('progress')).toBeNull(); // a usual sync is over before the bar would show
    await act(async () => new Promise((resolve) => setTimeout(resolve, LONG_SYNC_MS + 50)));
    const bar = container.querySelector('progress')!;
    expect(bar.getAttribute('aria-label')).toBe('Sync progress');
    expect([bar.max, bar.value]).toEqual([300, 120]);
    const cancel = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cancel sync')!;
    expect(document.activeElement).not.toBe(cancel); // the packer keeps working where they were
    expect(syncButton()).toMatchObject({ textContent: 'Syncing…' }); // beside it, not replaced by it
    cancel.focus(); // as a packer who tabbed to it
    await act(async () => cancel.click());
    expect(api.cancelSync).toHaveBeenCalledTimes(1);
    expect(cancel.textContent).toBe('Cancelling…');
    // Pressed again while it cancels: said and beeped, not silent, and the core is not asked again.
    await act(async () => cancel.click());
    expect(api.cancelSync).toHaveBeenCalledTimes(1);
    expect(text()).toContain('Already cancelling: the sync stops once the step under way ends. Wait for it.');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await act(async () =>
      applyBenchEvent(client, { kind: 'sync', status: syncStatusSchema.parse({ state: 'cancelled', ...base, pendingOps: 60, cancelledAt: at(9, 46), nextSyncAt: at(9, 47) }) }),
    );
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(container.querySelector('progress')).toBeNull();
    expect(text()).toContain('Sync cancelled');
    expect(text()).toContain(`60 changes waiting to send · next sync 09:47:07 ${zone} · last sync 09:41 ${zone}`);
    expect(syncButton()).toMatchObject({ textContent: 'Sync now' });
    expect(syncButton()!.getAttribute('aria-disabled')).toBeNull();
    expect(cancel.isConnected).toBe(false);
    expect(document.activeElement).toBe(syncButton()); // the focus went to "Sync now" beside it, not lost to the page
  });

  it('"Sync now" pressed again and again while its sync runs never cancels it: the press says a sync is under way, each time', async () => {
    const syncing = { state: 'syncing' as const, ...base, pendingOps: 3_000, progress: { phase: 'pushing' as const, pushed: 0, toPush: 3_000, pulled: 0 } };
    const api = await render({ state: 'idle', ...base, nextSyncAt: at(9, 42) }, syncing);
    const button = syncButton()!;
    button.focus();
    await act(async () => button.click()); // Enter on "Sync now"
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(api.syncNow).toHaveBeenCalledTimes(1);
    const region = container.querySelector('[role="status"]')!;
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    // Nothing seems to happen (a big send): the packer presses Enter again, and again once it lasts.
    await act(async () => (document.activeElement as HTMLElement).click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, LONG_SYNC_MS + 50)));
    await act(async () => (document.activeElement as HTMLElement).click());
    await act(async () => (document.activeElement as HTMLElement).click());
    observer.disconnect();
    expect(api.cancelSync).not.toHaveBeenCalled();
    expect(api.syncNow).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(button);
    expect(button.textContent).toBe('Syncing…');
    const busy = 'Already syncing: it sends every change made so far. Wait for it to end, or press Cancel sync to stop it.';
    expect(region.textContent).toBe(busy);
    // Said at each press (the words put in anew), not once for all three.
    expect(heard.filter((t) => t.startsWith('Already syncing')).length).toBeGreaterThanOrEqual(3);
    await beeps.played();
    expect(beeps.count()).toBe(3);
    // The sync ends: the words go with it.
    await act(async () => applyBenchEvent(client, { kind: 'sync', status: syncStatusSchema.parse({ state: 'idle', ...base, lastSyncAt: at(9, 50), nextSyncAt: at(9, 51) }) }));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(region.textContent).toBe('');
    expect(syncButton()).toMatchObject({ textContent: 'Sync now' });
  });

  it('shows what was received while pulling', async () => {
    await render({ state: 'syncing', ...base, progress: { phase: 'pulling', pushed: 3, toPush: 3, pulled: 12_000 } });
    expect(text()).toContain('3 changes sent · 12,000 changes received');
  });

  it('says up to date with the last sync time, and "Sync now" starts a sync', async () => {
    const api = await render(
      { state: 'idle', ...base, nextSyncAt: at(9, 42) },
      { state: 'syncing', ...base, progress: { phase: 'connecting', pushed: 0, toPush: 0, pulled: 0 } },
    );
    expect(text()).toContain('Up to date');
    expect(text()).toContain(`all changes sent · last sync 09:41 ${zone}`);
    const button = syncButton()!;
    expect(button.getAttribute('aria-disabled')).toBeNull();
    await act(async () => button.click());
    expect(api.syncNow).toHaveBeenCalledTimes(1);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0))); // the cache tells its readers on the next tick
    expect(text()).toContain('connecting to the hub');
    expect(syncButton()!.getAttribute('aria-disabled')).toBe('true');
    // The same button, still focused, takes no second press while its sync runs.
    expect(syncButton()).toBe(button);
    await act(async () => button.click());
    expect(api.syncNow).toHaveBeenCalledTimes(1);
  });

  it('says offline, why, what waits and when it tries again', async () => {
    await render({ state: 'offline', ...base, pendingOps: 3, cause: 'The hub at http://hub.local:8080 is not reachable (ECONNREFUSED)', failedAt: at(9, 50), nextAttemptAt: at(9, 51) });
    expect(text()).toContain('Offline, retrying');
    expect(text()).toContain(`3 changes waiting to send · next try 09:51:07 ${zone} · last sync 09:41 ${zone}`);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('The hub at http://hub.local:8080 is not reachable (ECONNREFUSED)');
    expect(syncButton()!.getAttribute('aria-disabled')).toBeNull();
  });

  it('says a hub answering with server errors is failing, not offline: it is there, and retried the same way', async () => {
    await render({ state: 'offline', ...base, cause: 'The hub answered 500 (no message): it has a problem of its own; if this lasts, tell the hub\'s administrator', failedAt: at(9, 50), nextAttemptAt: at(9, 51), hubFailing: true });
    expect(text()).toContain('Hub failing, retrying');
    expect(text()).not.toContain('Offline');
  });

  it('names the zone of the times it shows, as every other screen does: short in the header, in full in its tooltip', async () => {
    await render({ state: 'offline', ...base, cause: 'The hub did not answer', failedAt: at(9, 50), nextAttemptAt: at(9, 51) });
    const summary = container.querySelector('.sync-summary')!;
    expect(summary.textContent).toContain(`next try 09:51:07 ${zone}`);
    expect(summary.textContent).toContain(`last sync 09:41 ${zone}`);
    expect(summary.getAttribute('title')).toBe(`Next try ${timeWithZone(at(9, 51))} · last sync ${timeWithZone(at(9, 41))}`);
    await act(async () => root.render(<div />));
    // Another day: the day too, still with the zone.
    const day0 = new Date();
    day0.setDate(day0.getDate() - 1);
    day0.setHours(9, 41, 7, 0);
    const yesterday = day0.toISOString();
    await render({ state: 'idle', ...base, lastSyncAt: yesterday, nextSyncAt: null });
    const day = new Date(yesterday).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
    expect(text()).toMatch(new RegExp(`last sync ${day}, 09:41 \\S+`));
  });

  it('says a token revoked at the hub in plain words: a new one is needed, not a typo to check', async () => {
    const message = "This bench's token was revoked at the hub: ask your supervisor for a new one and enter it in Settings.";
    await render({ state: 'unauthorised', ...base, pendingOps: 2, message, failedAt: at(9, 50), reason: 'token_revoked' });
    expect(container.querySelector('.sync-summary')!.textContent).toBe('Bench token revoked2 changes waiting to send');
    expect(container.querySelector('[role="status"]')!.textContent).toBe(message);
    expect(text()).not.toContain('check the bench token in Settings');
  });

  it('a revoked token the hub asks to wait (429) still says revoked, and says the hub asked to wait and when it tries again', async () => {
    const message = "This bench's token was revoked at the hub: ask your supervisor for a new one and enter it in Settings.";
    await render({ state: 'unauthorised', ...base, message, failedAt: at(9, 50), reason: 'token_revoked', nextAttemptAt: at(9, 51) });
    expect(container.querySelector('.sync-summary')!.textContent).toBe(`Bench token revokedthe hub asked this bench to wait · next try 09:51:07 ${zone}`);
    expect(container.querySelector('[role="status"]')!.textContent).toBe(message);
    expect(text()).not.toContain('check the bench token in Settings');
  });

  it('a problem retrying cannot fix says it is not retrying and what to do', async () => {
    const message = 'The hub has 2 changes from station "A" but this bench only made 0; this database is not the one that station synced from';
    await render({ state: 'error', ...base, message, failedAt: at(9, 50), nextAttemptAt: null, needsAction: true });
    expect(container.querySelector('.sync-summary')!.textContent).toBe(`Sync needs attentionnot retrying: fix the problem below, then press Sync now · last sync 09:41 ${zone}`);
    expect(container.querySelector('[role="status"]')!.textContent).toBe(message);
  });

  it('tells a refused token apart from other problems', async () => {
    await render({ state: 'unauthorised', ...base, message: "The hub refused this bench's token (401)", failedAt: at(9, 50) });
    expect(text()).toContain('The hub refused this bench');
    expect(text()).toContain('check the bench token in Settings');
    expect(text()).toContain("The hub refused this bench's token (401)");
    await act(async () => root.render(<div />));
    await render({ state: 'error', ...base, message: 'Could not apply changes from the hub: order O1 line 1 names unknown SKU X', failedAt: at(9, 50), nextAttemptAt: null });
    expect(text()).toContain('Sync problem');
    expect(text()).toContain('names unknown SKU X');
  });

  it('a sync problem the engine retries says when it tries again, as offline does', async () => {
    await render({ state: 'error', ...base, pendingOps: 3, message: 'Could not apply changes from the hub: disk I/O error', failedAt: at(9, 50), nextAttemptAt: at(9, 51) });
    const summary = container.querySelector('.sync-summary')!;
    expect(summary.textContent).toContain(`Sync problem3 changes waiting to send · next try 09:51:07 ${zone} · last sync 09:41 ${zone}`);
    expect(summary.getAttribute('title')).toBe(`Next try ${timeWithZone(at(9, 51))} · last sync ${timeWithZone(at(9, 41))}`);
  });

  it('shows no "Sync now" without a hub, and open conflicts as a button', async () => {
    await render({ state: 'not_configured', pendingOps: 1, openConflicts: 2, lastSyncAt: null, station: null });
    expect(text()).toContain('Not syncing (no hub set up)');
    expect(text()).toContain('1 change waiting to send · to sync, set the hub URL and bench token in Settings');
    expect(syncButton()).toBeUndefined();
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['2 conflicts']);
  });

  it('a hub set up without a token says the token is what is missing, not that there is no hub', async () => {
    await render({ state: 'not_configured', hubUrl: 'http://hub.local:8080', pendingOps: 1, openConflicts: 0, lastSyncAt: null, station: null });
    expect(text()).toContain('Not syncing: no bench token for the hub');
    expect(text()).toContain('1 change waiting to send once a bench token is set in Settings');
    expect(text()).not.toContain('no hub set up');
  });

  it('a hub URL the rule refuses (kept in the settings file by an earlier release) is said as that, not as no hub or no token', async () => {
    const hubUrlProblem = 'Hub URL port 080 has a leading zero: write it as 80 if that is the port meant';
    await render({ state: 'not_configured', hubUrl: 'http://hub.local:080', hubUrlProblem, pendingOps: 1, openConflicts: 0, lastSyncAt: null, station: null });
    expect(text()).toContain('Not syncing: the hub URL in Settings cannot be used');
    expect(text()).toContain(`${hubUrlProblem}; correct it in Settings · 1 change waiting to send`);
    expect(text()).not.toContain('no hub set up');
    expect(text()).not.toContain('no bench token');
  });

  it('a stored token that cannot be read says so and asks for it again, not that there is no token', async () => {
    await render({ state: 'not_configured', hubUrl: 'http://hub.local:8080', tokenUnreadable: true, pendingOps: 1, openConflicts: 0, lastSyncAt: null, station: null });
    expect(text()).toContain('Not syncing: the stored bench token could not be read');
    expect(text()).toContain('enter the bench token again in Settings · 1 change waiting to send');
    expect(text()).not.toContain('no bench token');
  });

  it('never shows a state with fields of another (the contract refuses them)', () => {
    expect(syncStatusSchema.safeParse({ state: 'idle', ...base, nextSyncAt: null, syncing: true }).success).toBe(true); // extra keys are stripped…
    expect(syncStatusSchema.parse({ state: 'idle', ...base, nextSyncAt: null, syncing: true })).not.toHaveProperty('syncing');
    expect(syncStatusSchema.safeParse({ state: 'idle', ...base, lastSyncAt: null, nextSyncAt: null }).success).toBe(false); // …and idle needs a last sync
    expect(syncStatusSchema.safeParse({ state: 'offline', ...base, failedAt: at(9, 0), nextAttemptAt: null }).success).toBe(false); // offline needs a cause
  });
});

describe('SyncStatus after the moment passes', () => {
  const statusEvent = (status: Status) =>
    act(async () => {
      applyBenchEvent(client, { kind: 'sync', status: syncStatusSchema.parse(status) });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

  async function renderWith(api: Partial<Record<keyof BenchApi, unknown>>) {
    client = createBenchQueryClient();
    await act(async () => root.render(<QueryClientProvider client={client}><SyncStatus api={api as unknown as BenchApi} /></QueryClientProvider>));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  it('a refused "Sync now" is not shown once the status moves on: the new state says its own problem', async () => {
    const refusal = 'The bench core stopped unexpectedly and is restarting.';
    await renderWith({
      getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse({ state: 'idle', ...base, nextSyncAt: at(9, 42) }) })),
      syncNow: vi.fn(async () => ({ ok: false as const, error: { code: 'internal', message: refusal, issues: [] } })),
    });
    await act(async () => syncButton()!.click());
    expect(container.querySelector('[role="status"]')!.textContent).toBe(refusal); // said at the time of the press
    await statusEvent({ state: 'offline', ...base, cause: 'The hub at http://hub.local:8080 is not reachable (ECONNREFUSED)', failedAt: at(9, 50), nextAttemptAt: at(9, 51) });
    expect(container.querySelector('[role="status"]')!.textContent).toBe('The hub at http://hub.local:8080 is not reachable (ECONNREFUSED)');
    await statusEvent({ state: 'idle', ...base, lastSyncAt: at(9, 52), nextSyncAt: at(9, 53) });
    expect(text()).toContain('Up to date');
    expect(text()).not.toContain(refusal);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('');
  });

  it('a refused "Sync now" is announced: its live region was there before the refusal', async () => {
    const refusal = 'Sync is stopped on this bench (it is shutting down or being reconfigured).';
    await renderWith({
      getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse({ state: 'idle', ...base, nextSyncAt: at(9, 42) }) })),
      syncNow: vi.fn(async () => ({ ok: false as const, error: { code: 'conflict', message: refusal, issues: [] } })),
    });
    // A live region added together with its words is not read out: it must already be in the page.
    const regions = [...container.querySelectorAll('[role="status"], [aria-live]')];
    await act(async () => syncButton()!.click());
    expect(regions.some((region) => region.isConnected && region.textContent === refusal)).toBe(true);
  });

  it('the same refusal on a second press is announced again: the region empties at the press, then says it', async () => {
    const refusal = 'The bench core stopped unexpectedly and is restarting.';
    let answer: (() => void) | null = null;
    const syncNow = vi.fn(() => new Promise((resolve) => (answer = () => resolve({ ok: false as const, error: { code: 'internal', message: refusal, issues: [] } }))));
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse({ state: 'idle', ...base, nextSyncAt: at(9, 42) }) })), syncNow });
    const region = container.querySelector('[role="status"]')!;
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    for (let press = 0; press < 2; press++) {
      act(() => syncButton()!.click()); // the press renders before the core answers (over IPC or HTTP)
      await act(async () => answer!());
    }
    observer.disconnect();
    expect(syncNow).toHaveBeenCalledTimes(2);
    // Said twice: unchanged text in a live region is not read out again.
    expect(heard.filter((t) => t === refusal)).toHaveLength(2);
  });

  it('announces a change of state, not every sync on the schedule nor every progress tick', async () => {
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse({ state: 'idle', ...base, nextSyncAt: at(9, 42) }) })) });
    const live = () => [...container.querySelectorAll('[aria-live], [role="status"]')].map((region) => region.textContent).join(' | ');
    const before = live();
    expect(before).toContain('Up to date');
    // The usual sync every few seconds: connecting, receiving, up to date again with a new last sync.
    await statusEvent({ state: 'syncing', ...base, progress: { phase: 'connecting', pushed: 0, toPush: 0, pulled: 0 } });
    await statusEvent({ state: 'syncing', ...base, progress: { phase: 'pulling', pushed: 0, toPush: 0, pulled: 3 } });
    await statusEvent({ state: 'idle', ...base, lastSyncAt: at(9, 42), nextSyncAt: at(9, 43) });
    // A change made here waits for the next sync.
    await statusEvent({ state: 'idle', ...base, pendingOps: 1, lastSyncAt: at(9, 42), nextSyncAt: at(9, 43) });
    expect(live()).toBe(before);
    // A long send: said once, not at every batch sent.
    await statusEvent({ state: 'syncing', ...base, pendingOps: 300, progress: { phase: 'pushing', pushed: 0, toPush: 300, pulled: 0 } });
    await act(async () => new Promise((resolve) => setTimeout(resolve, LONG_SYNC_MS + 50)));
    const long = live();
    expect(long).toContain('Syncing…');
    await statusEvent({ state: 'syncing', ...base, pendingOps: 200, progress: { phase: 'pushing', pushed: 100, toPush: 300, pulled: 0 } });
    await statusEvent({ state: 'syncing', ...base, pendingOps: 100, progress: { phase: 'pushing', pushed: 200, toPush: 300, pulled: 0 } });
    expect(live()).toBe(long);
    // A real change is said.
    await statusEvent({ state: 'offline', ...base, pendingOps: 100, cause: 'The hub did not answer', failedAt: at(9, 45), nextAttemptAt: at(9, 46) });
    expect(live()).toContain('Offline, retrying');
  });

  it('an offline bench\'s retries are not announced, however long they take; a retry that gets through is', async () => {
    const offline = (nextAttemptAt: string | null) => ({ state: 'offline' as const, ...base, pendingOps: 3, cause: 'The hub did not answer', failedAt: at(9, 45), nextAttemptAt });
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(offline(at(9, 46))) })) });
    const live = () => container.querySelector('[aria-live="polite"]')!.textContent;
    expect(live()).toBe('Offline, retrying');
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(live() ?? ''));
    observer.observe(container.querySelector('[aria-live="polite"]')!, { childList: true, subtree: true, characterData: true });
    for (const next of [at(9, 47), at(9, 49), null]) {
      // A retry that lasts (a hub that does not answer within the deadline), then offline again.
      await statusEvent({ state: 'syncing', ...base, pendingOps: 3, progress: { phase: 'pushing', pushed: 0, toPush: 3, pulled: 0 } });
      await act(async () => new Promise((resolve) => setTimeout(resolve, LONG_SYNC_MS + 50)));
      expect(container.querySelector('progress')).not.toBeNull(); // still shown: only the announcement stays quiet
      await statusEvent(offline(next));
    }
    expect(heard).toEqual([]);
    expect(live()).toBe('Offline, retrying');
    // The hub is back and takes the changes: that is news, and so is the end.
    await statusEvent({ state: 'syncing', ...base, pendingOps: 3, progress: { phase: 'pushing', pushed: 0, toPush: 3, pulled: 0 } });
    await act(async () => new Promise((resolve) => setTimeout(resolve, LONG_SYNC_MS + 50)));
    await statusEvent({ state: 'syncing', ...base, pendingOps: 2, progress: { phase: 'pushing', pushed: 1, toPush: 3, pulled: 0 } });
    expect(live()).toBe('Syncing…');
    await statusEvent({ state: 'idle', ...base, lastSyncAt: at(9, 50), nextSyncAt: at(9, 51) });
    expect(live()).toBe('Up to date');
    observer.disconnect();
  });

  it('a hub changed in Settings while offline: the status region says the new hub\'s cause, not the old one\'s kept for the state', async () => {
    const offlineAt = (hubUrl: string, cause: string) => ({ state: 'offline' as const, ...base, hubUrl, pendingOps: 3, cause, failedAt: at(9, 45), nextAttemptAt: at(9, 46) });
    const first = offlineAt('http://hub-a.local:9', 'The hub at http://hub-a.local:9 is not reachable (nothing answers at that address and port: is the hub running?; ECONNREFUSED)');
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(first) })) });
    const said = () => container.querySelector('[role="status"]')!.textContent;
    expect(said()).toContain('hub-a.local');
    // Saved with another hub, which does not answer either: sync restarts with it, tries it, and is offline
    // again (its "stopped" between the two may never show: events arriving together render as the latest).
    await statusEvent({ state: 'syncing', ...base, hubUrl: 'http://hub-b.local:8080', pendingOps: 3, progress: { phase: 'connecting', pushed: 0, toPush: 3, pulled: 0 } });
    await statusEvent(offlineAt('http://hub-b.local:8080', 'The hub at http://hub-b.local:8080 is not reachable (no server has that name: check the address; ENOTFOUND)'));
    expect(container.querySelector('.sync-problem')!.textContent).toContain('hub-b.local');
    expect(said()).toContain('hub-b.local');
    expect(said()).not.toContain('hub-a.local');
  });

  it('a "Sync now" pressed offline that fails again at once is still said: its outcome, once the attempt ends; the retries after it stay quiet', async () => {
    const offline = (nextAttemptAt: string | null) => ({ state: 'offline' as const, ...base, pendingOps: 3, cause: 'The hub did not answer', failedAt: at(9, 45), nextAttemptAt });
    const connecting = { state: 'syncing' as const, ...base, pendingOps: 3, progress: { phase: 'connecting' as const, pushed: 0, toPush: 0, pulled: 0 } };
    const syncNow = vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(connecting) }));
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(offline(at(9, 46))) })), syncNow });
    const region = container.querySelector('[aria-live="polite"]')!;
    expect(region.textContent).toBe('Offline, retrying');
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    const still = (time: string) => `Still offline: the hub did not answer. Trying again at ${time} ${zone}.`;
    // Pressed: the core starts a sync, which fails again within a moment (no bar, no "Syncing…" said).
    await act(async () => syncButton()!.click());
    expect(syncNow).toHaveBeenCalledTimes(1);
    expect(heard.filter(Boolean)).toEqual([]); // nothing said before the attempt ends
    await statusEvent(offline(at(9, 47)));
    expect(heard.filter(Boolean)).toEqual([still('09:47:07')]);
    expect(container.querySelector('.sync-summary')!.textContent).toContain('Offline, retrying');
    // The automatic retries after it stay quiet, as before.
    await statusEvent({ ...connecting });
    await statusEvent(offline(at(9, 49)));
    expect(heard.filter(Boolean)).toEqual([still('09:47:07')]);
    // Pressed again with the same outcome: said again (the region empties at the press).
    await act(async () => syncButton()!.click());
    await statusEvent(offline(at(9, 49)));
    expect(heard.filter(Boolean)).toEqual([still('09:47:07'), still('09:49:07')]);
    observer.disconnect();
    await beeps.played();
    expect(beeps.count()).toBe(0); // an attempt that ran is no refusal
  });

  it('a "Sync now" pressed when up to date says how it ended, though the state did not change', async () => {
    const idle = (last: string) => ({ state: 'idle' as const, ...base, lastSyncAt: last, nextSyncAt: at(9, 59) });
    const connecting = { state: 'syncing' as const, ...base, progress: { phase: 'connecting' as const, pushed: 0, toPush: 0, pulled: 0 } };
    const syncNow = vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(connecting) }));
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(idle(at(9, 41))) })), syncNow });
    const region = container.querySelector('[aria-live="polite"]')!;
    await act(async () => syncButton()!.click());
    await statusEvent(idle(at(9, 52)));
    expect(region.textContent).toBe(`Up to date: all changes sent, last sync 09:52 ${zone}.`);
    // The usual sync on the schedule afterwards is not said.
    await statusEvent({ ...connecting });
    await statusEvent(idle(at(9, 53)));
    expect(region.textContent).toBe(`Up to date: all changes sent, last sync 09:52 ${zone}.`);
  });

  it('a refused "Sync now" stays while the state stays (events that change nothing keep it), until the state changes or the packer acts again', async () => {
    const refusal = 'The bench core stopped unexpectedly and is restarting.';
    const offline = (nextAttemptAt: string | null) => ({ state: 'offline' as const, ...base, cause: 'The hub did not answer', failedAt: at(9, 45), nextAttemptAt });
    const syncNow = vi.fn(async () => ({ ok: false as const, error: { code: 'internal', message: refusal, issues: [] } }));
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(offline(at(9, 46))) })), syncNow });
    const said = () => container.querySelector('[role="status"]')!.textContent;
    await act(async () => syncButton()!.click());
    expect(said()).toBe(refusal);
    // The same state again (a new next try, a change waiting, a quiet retry under way): still there to read.
    await statusEvent(offline(at(9, 47)));
    await statusEvent({ ...offline(null), pendingOps: 1 });
    expect(said()).toBe(refusal);
    // Pressed again: refused again, still said.
    await act(async () => syncButton()!.click());
    expect(syncNow).toHaveBeenCalledTimes(2);
    expect(said()).toBe(refusal);
    // A real change of state: the new state says its own, and the refusal does not come back with offline.
    await statusEvent({ state: 'idle', ...base, lastSyncAt: at(9, 48), nextSyncAt: at(9, 49) });
    expect(said()).toBe('');
    await statusEvent(offline(at(9, 50)));
    expect(said()).toBe('The hub did not answer');
  });

  it('an offline bench retrying with a new cause each time shows the newest, and says it only when the state changes', async () => {
    const offline = (cause: string, nextAttemptAt: string) => ({ state: 'offline' as const, ...base, cause, failedAt: at(9, 45), nextAttemptAt });
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(offline('The hub did not answer (ECONNREFUSED)', at(9, 46))) })) });
    const live = () => [...container.querySelectorAll('[aria-live], [role="status"]')].map((region) => region.textContent).join(' | ');
    const shownProblem = () => container.querySelector('.sync-problem')!.textContent;
    expect(live()).toContain('The hub did not answer (ECONNREFUSED)');
    // The next retries fail another way: the line shows it, the live regions keep what they said.
    await statusEvent(offline('The hub did not answer in 10 s', at(9, 47)));
    await statusEvent(offline('The hub did not answer (ECONNRESET)', at(9, 48)));
    expect(shownProblem()).toBe('The hub did not answer (ECONNRESET)');
    expect(live()).toContain('The hub did not answer (ECONNREFUSED)');
    expect(live()).not.toMatch(/in 10 s|ECONNRESET/);
    // A new state says its own problem.
    await statusEvent({ state: 'error', ...base, message: 'Could not apply changes from the hub: disk I/O error', failedAt: at(9, 49), nextAttemptAt: at(9, 50) });
    expect(live()).toContain('Could not apply changes from the hub: disk I/O error');
    expect(shownProblem()).toBe('Could not apply changes from the hub: disk I/O error');
  });

  it('an offline bench\'s retries in between (a quiet "connecting" each) do not say the next cause anew', async () => {
    const offline = (cause: string, nextAttemptAt: string) => ({ state: 'offline' as const, ...base, cause, failedAt: at(9, 45), nextAttemptAt });
    const connecting = { state: 'syncing' as const, ...base, progress: { phase: 'connecting' as const, pushed: 0, toPush: 0, pulled: 0 } };
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse(offline('The hub did not answer (ECONNREFUSED)', at(9, 46))) })) });
    const live = () => [...container.querySelectorAll('[aria-live], [role="status"]')].map((region) => region.textContent).join(' | ');
    expect(live()).toContain('The hub did not answer (ECONNREFUSED)');
    // Each retry: a moment of "connecting" (not said), then it fails another way.
    await statusEvent({ ...connecting });
    await statusEvent(offline('The hub did not answer in 10 s', at(9, 47)));
    await statusEvent({ ...connecting });
    await statusEvent(offline('The hub did not answer (ECONNRESET)', at(9, 48)));
    expect(container.querySelector('.sync-problem')!.textContent).toBe('The hub did not answer (ECONNRESET)');
    expect(live()).toContain('The hub did not answer (ECONNREFUSED)');
    expect(live()).not.toMatch(/in 10 s|ECONNRESET/);
  });

  it('"Sync now" off while sync is stopped says why: described by the status, and pressed, the core\'s reason is said', async () => {
    const reason = 'Sync is stopped on this bench (it is shutting down or being reconfigured).';
    const syncNow = vi.fn(async () => ({ ok: false as const, error: { code: 'conflict', message: reason, issues: [] } }));
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse({ state: 'stopped', ...base }) })), syncNow });
    const button = syncButton()!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // What a screen reader says with the button: the state and why, not just "dimmed".
    const describedBy = button.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(document.getElementById(describedBy!)!.textContent).toMatch(/Sync stopped.*shutting down or restarting with new settings/);
    button.focus();
    await act(async () => button.click());
    expect(syncNow).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[role="status"]')!.textContent).toBe(reason);
    expect(document.activeElement).toBe(button);
  });

  it('closing the conflicts panel after its last conflict closed gives the focus to the sync controls, not the page', async () => {
    const open = { ...base, pendingOps: 0 };
    await renderWith({
      getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncStatusSchema.parse({ state: 'idle', ...open, openConflicts: 1, nextSyncAt: at(9, 42) }) })),
      listConflicts: vi.fn(async () => ({ ok: true as const, value: { items: [], openCount: 0 } })),
    });
    const opener = [...container.querySelectorAll('button')].find((b) => b.textContent === '1 conflict')!;
    opener.focus();
    await act(async () => opener.click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(document.querySelector('dialog')).not.toBeNull();
    // A later success made the conflict moot while the panel was open: it closed by itself.
    await statusEvent({ state: 'idle', ...open, openConflicts: 0, nextSyncAt: at(9, 43) });
    const close = [...document.querySelectorAll('dialog button')].find((b) => b.textContent === 'Close') as HTMLButtonElement;
    await act(async () => close.click());
    expect(document.querySelector('dialog')).toBeNull();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toBe(syncButton());
  });

  it('announces a change the hub refused: the conflicts count is in a live region that was there before it', async () => {
    await render({ state: 'idle', ...base, pendingOps: 1, nextSyncAt: at(9, 42) });
    const regions = [...container.querySelectorAll('[aria-live]')];
    await statusEvent({ state: 'idle', ...base, openConflicts: 1, lastSyncAt: at(9, 42), nextSyncAt: at(9, 43) });
    expect(regions.some((region) => region.isConnected && /\b1 conflict\b/.test(region.textContent ?? ''))).toBe(true);
  });

  it('a refused "Sync now" beeps, once per refusal, as it is shown; an accepted one does not', async () => {
    const refusal = 'The bench core stopped unexpectedly and is restarting.';
    let accept = false;
    const idle = syncStatusSchema.parse({ state: 'idle', ...base, nextSyncAt: at(9, 42) });
    const syncNow = vi.fn(async () => (accept ? { ok: true as const, value: idle } : { ok: false as const, error: { code: 'internal', message: refusal, issues: [] } }));
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: idle })), syncNow });
    await act(async () => syncButton()!.click());
    expect(container.querySelector('[role="status"]')!.textContent).toBe(refusal);
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await act(async () => syncButton()!.click());
    await beeps.played();
    expect(beeps.count()).toBe(2);
    accept = true;
    await act(async () => syncButton()!.click());
    expect(syncNow).toHaveBeenCalledTimes(3);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('a refused "Cancel sync" beeps once, as it is shown', async () => {
    const refusal = 'The bench core stopped unexpectedly and is restarting.';
    const cancelSync = vi.fn(async () => ({ ok: false as const, error: { code: 'internal', message: refusal, issues: [] } }));
    const syncing = syncStatusSchema.parse({ state: 'syncing', ...base, pendingOps: 180, progress: { phase: 'pushing', pushed: 120, toPush: 300, pulled: 0 } });
    await renderWith({ getSyncStatus: vi.fn(async () => ({ ok: true as const, value: syncing })), cancelSync });
    await act(async () => new Promise((resolve) => setTimeout(resolve, LONG_SYNC_MS + 50)));
    const cancel = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cancel sync')!;
    await act(async () => cancel.click());
    expect(cancelSync).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[role="status"]')!.textContent).toBe(refusal);
    await beeps.played();
    expect(beeps.count()).toBe(1);
  });
  it('counts open conflicts in the header as the panel does: "1,234 conflicts", with the thousands separated', async () => {
    await render({ state: 'idle', ...base, openConflicts: 1234, nextSyncAt: at(9, 42) });
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toContain('1,234 conflicts');
  });

  it('a "last sync" shown as today gains its day once midnight passes, though no status event came (a bench waiting for attention)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const lateEvening = new Date();
      lateEvening.setHours(23, 58, 0, 0);
      vi.setSystemTime(lateEvening);
      const lastSync = new Date(lateEvening);
      lastSync.setHours(23, 50, 7, 0);
      const message = 'This database is not the one that station synced from';
      await render({ state: 'error', ...base, lastSyncAt: lastSync.toISOString(), message, failedAt: lastSync.toISOString(), nextAttemptAt: null, needsAction: true });
      expect(container.querySelector('.sync-summary')!.textContent).toMatch(/last sync 23:50 \S+$/);
      await act(async () => {
        vi.advanceTimersByTime(5 * 60_000);
      });
      const day = lastSync.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
      expect(container.querySelector('.sync-summary')!.textContent).toContain(`last sync ${day}, 23:50`);
    } finally {
      vi.useRealTimers();
    }
  });
});
