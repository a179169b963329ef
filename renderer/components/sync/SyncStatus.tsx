/**
 * Sync at a glance, for the app header: the sync state in words (syncing with progress, up to date,
 * offline and why, refused, a problem), changes waiting for the hub, last sync, conflicts; "Sync now";
 * the conflicts panel. Read once, then kept current by the change stream (every status change is an
 * event; no polling). Works the same in Electron and browser mode.
 */
import { useQueryClient } from '@tanstack/react-query';
import { capitalised } from '../../../shared/domain/capitalised.js';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { BenchApi, SyncStatus as Status } from '../../../shared/contract/api.js';
import { hubUrlWarning } from '../../../shared/sync/hub-url.js';
import { benchKeys, useBenchQuery } from '../../api/queries.js';
import { beepRefusal } from '../../scanner/beep.js';
import { counted } from '../../../shared/domain/counted.js';
import { formatCount } from '../format-count.js';
import { shortTimeWithZone, timeWithZone } from '../format-time.js';
import { useShownAfter } from '../use-shown-after.js';
import { ConflictsPanel } from './ConflictsPanel.js';
import './sync.css';

/** A sync still running after this long shows its progress bar and "Cancel sync". */
export const LONG_SYNC_MS = 500;

export interface SyncStatusProps {
  api: BenchApi;
  /**
   * Opens an order on the order screen (from a conflict), once any unsaved edits are dealt with;
   * `onStay` is called instead when the packer chose to stay with them.
   */
  onOpenOrder?: (orderId: number, onStay: () => void) => void;
}

export function SyncStatus({ api, onOpenOrder }: SyncStatusProps) {
  const client = useQueryClient();
  const query = useBenchQuery(benchKeys.syncStatus(), () => api.getSyncStatus({}));
  const status = query.data ?? null;
  const [panelOpen, setPanelOpen] = useState(false);
  /**
   * The conflict whose "Open order" was pressed when the packer then chose Stay (unsaved edits): the
   * panel, closed to ask, opens again with the focus on that button, where the packer was.
   */
  const [stayedFrom, setStayedFrom] = useState<number | null>(null);
  const summaryId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const conflictsShown = !!status && (status.openConflicts > 0 || panelOpen);
  // The conflicts button goes once no conflict is open: closing the panel then gives the focus back to
  // it (its opener) in the very commit that removes it, and a sync closing the last conflict removes
  // it under the focus. The focus would fall to the page; it goes to the sync button beside it instead
  // ("Sync now" / "Cancel sync"; the header's sync part without a hub). This cleanup runs after the
  // commit's removals, so the focus is seen where it fell.
  useLayoutEffect(() => {
    const section = sectionRef.current;
    if (!conflictsShown || !section) return;
    return () => {
      const active = document.activeElement;
      if (active === null || active === document.body) (section.querySelector<HTMLElement>('.sync-now') ?? section).focus({ preventScroll: true });
    };
  }, [conflictsShown]);
  const syncing = status?.state === 'syncing';
  // A sync that lasts shows a bar and "Cancel sync"; the usual one (a fraction of a second) shows neither.
  const longSync = useShownAfter(syncing, LONG_SYNC_MS);
  const announced = useStateAnnouncement(status, longSync);
  /**
   * A refused "Sync now" or "Cancel sync", with the state it was refused in (as announced): shown until
   * the state changes or the packer acts again. Status events that leave the state as it was (a new
   * next try, a change waiting, the usual sync on the schedule) keep it, so it stays long enough to read;
   * once the state moves on, that state says what is true and its own problem (a refusal from before
   * would stay after the recovery and hide it).
   */
  const [actionProblem, setActionProblem] = useState<{ message: string; against: string | null } | null>(null);
  const stateKey = useRef(announced.key);
  useLayoutEffect(() => {
    stateKey.current = announced.key;
  });
  /** A refusal: shown and announced (the status region) and beeped, at once, as every refusal in the app. */
  const refused = (message: string) => {
    setActionProblem({ message, against: stateKey.current });
    beepRefusal();
  };
  if (actionProblem && actionProblem.against !== announced.key) setActionProblem(null);
  const problem = (actionProblem && actionProblem.against === announced.key ? actionProblem.message : null) ?? query.error?.message ?? null;
  const pressOutcome = useSyncNowOutcome(status, announced.key);
  const saidCause = useSaidOncePerState(status ? describeStatus(status).problem : null, announced.key);
  const [cancelling, setCancelling] = useState(false);
  useNewDay();
  useEffect(() => {
    if (!syncing) setCancelling(false);
  }, [syncing]);
  const showCancel = syncing && longSync;
  // "Cancel sync" goes when the sync ends (cancelled or not): the focus on it would fall to the page;
  // it goes to "Sync now" beside it instead (this cleanup runs after the commit's removals). Only when
  // Cancel had it: a packer keeping the focus on the page (to scan) keeps it there.
  const cancelHadFocus = useRef(false);
  useLayoutEffect(() => {
    const section = sectionRef.current;
    if (!showCancel || !section) return;
    return () => {
      const active = document.activeElement;
      if (cancelHadFocus.current && (active === null || active === document.body)) section.querySelector<HTMLElement>('.sync-now')?.focus({ preventScroll: true });
      cancelHadFocus.current = false;
    };
  }, [showCancel]);
  /**
   * "Syncing…" pressed: nothing new starts (the sync under way takes every change made so far), and
   * that is said (each press again), not left to a silent button. Gone once the sync ends.
   */
  const [busyPresses, setBusyPresses] = useState(0);
  useEffect(() => {
    if (!syncing) setBusyPresses(0);
  }, [syncing]);
  const pressedWhileSyncing = () => {
    setBusyPressedOn('sync');
    setBusyPresses((n) => n + 1);
    beepRefusal();
  };
  /** Which button the last press was on: "Cancelling…" pressed again is said too, not silent. */
  const [busyPressedOn, setBusyPressedOn] = useState<'sync' | 'cancel'>('sync');
  const pressedWhileCancelling = () => {
    setBusyPressedOn('cancel');
    setBusyPresses((n) => n + 1);
    beepRefusal();
  };
  const busyMessage =
    busyPresses > 0 && syncing
      ? busyPressedOn === 'cancel' && cancelling
        ? 'Already cancelling: the sync stops once the step under way ends. Wait for it.'
        : longSync
          ? 'Already syncing: it sends every change made so far. Wait for it to end, or press Cancel sync to stop it.'
          : 'Already syncing: it sends every change made so far. Wait for it to end.'
      : null;

  const syncNow = async () => {
    // The last refusal goes at the press: the same words refused again then change the region, and are said again.
    setActionProblem(null);
    const press = pressOutcome.pressed(stateKey.current);
    const result = await api.syncNow({});
    if (!result.ok) refused(result.error.message);
    else {
      setActionProblem(null);
      client.setQueryData(benchKeys.syncStatus(), result.value);
      press.answered(result.value);
    }
  };

  const cancelSync = async () => {
    setCancelling(true);
    setActionProblem(null);
    const result = await api.cancelSync({});
    if (!result.ok) {
      setCancelling(false);
      refused(result.error.message);
    } else {
      setActionProblem(null);
      client.setQueryData(benchKeys.syncStatus(), result.value);
    }
  };

  if (!status) return <section className="sync-status" aria-label="Sync">{problem ?? 'Sync…'}</section>;

  const shown = describeStatus(status);
  const configured = status.state !== 'not_configured';
  const shownProblem = problem ?? shown.problem;
  const saidProblem = problem ?? saidCause;
  const urlWarning = status.state !== 'not_configured' ? hubUrlWarning(status.hubUrl) : null;
  return (
    <section ref={sectionRef} tabIndex={-1} className={`sync-status sync-${status.state}`} aria-label="Sync">
      {/* Not a live region itself: its detail moves with every batch sent and every sync on the schedule. */}
      <span id={summaryId} className="sync-summary" title={shown.times ?? undefined}>
        <span className="sync-dot" aria-hidden="true" />
        <strong>{shown.label}</strong>
        {shown.detail && <span className="sync-detail">{shown.detail}</span>}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {pressOutcome.text ?? announced.text}
      </span>
      {urlWarning && (
        <span className="sync-warning" title={urlWarning}>
          <span aria-hidden="true">⚠ </span>Not encrypted<span className="visually-hidden">: {urlWarning}</span>
        </span>
      )}
      {status.state === 'syncing' && longSync && (
        <>
          {status.progress.phase === 'pushing' ? (
            <progress className="sync-progress" aria-label="Sync progress" max={Math.max(1, status.progress.toPush)} value={status.progress.pushed} />
          ) : (
            <progress className="sync-progress" aria-label="Sync progress" />
          )}
        </>
      )}
      {/* "Sync now" stays where it is while a sync runs ("Syncing…"): "Cancel sync" is a button of its
          own beside it, never in its place, or a packer pressing Enter again on "Sync now" (as one does
          when nothing seems to happen) would cancel the very sync they asked for once it lasts. */}
      {configured && (
        // aria-disabled, not disabled: a disabled button drops the focus (to the page).
        // Stopped, it is described by the status (which says why), and pressed, the core's refusal says why again.
        <button
          type="button"
          className="sync-now"
          aria-disabled={syncing || status.state === 'stopped' || undefined}
          aria-describedby={status.state === 'stopped' ? summaryId : undefined}
          onClick={() => (syncing ? pressedWhileSyncing() : void syncNow())}
        >
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      )}
      {configured && showCancel && (
        <button
          type="button"
          className="sync-cancel"
          // A blur with somewhere to go is the packer moving on; one without (the button removed) is not.
          onFocus={() => (cancelHadFocus.current = true)}
          onBlur={(event) => {
            if (event.relatedTarget !== null) cancelHadFocus.current = false;
          }}
          aria-disabled={cancelling || undefined} onClick={() => (cancelling ? pressedWhileCancelling() : void cancelSync())}>
          {cancelling ? 'Cancelling…' : 'Cancel sync'}
        </button>
      )}
      {/* Always there, so screen readers announce a change the hub refused as its conflict appears (a
          live region added with its content is not announced, and the label beside stays "Up to date"). */}
      <span className="sync-conflicts" aria-live="polite">
        {conflictsShown && (
          <button
            type="button"
            className="sync-conflicts-button"
            onClick={() => {
              setStayedFrom(null);
              setPanelOpen(true);
            }}
          >
            {counted(status.openConflicts, 'conflict', 'conflicts')}
          </button>
        )}
      </span>
      {/* The newest words, shown; not live: a bench retrying offline may fail another way at each try. */}
      {(busyMessage || shownProblem) && (
        <span className="sync-problem" title={busyMessage ?? shownProblem ?? undefined}>
          {busyMessage ?? shownProblem}
        </span>
      )}
      {/* Always there (empty when all is well), so a refused "Sync now" is read out as it appears. The
          state's own problem is said as it was when the state was said, not again at every retry. */}
      <span className="visually-hidden" role="status">
        {/* Keyed by the press: each press again puts the words in anew, so they are said again. */}
        {busyMessage ? <span key={busyPresses}>{busyMessage}</span> : saidProblem}
      </span>
      {panelOpen && (
        <ConflictsPanel
          api={api}
          onClose={() => setPanelOpen(false)}
          focusOpenOrderOf={stayedFrom}
          onOpenOrder={
            onOpenOrder &&
            ((orderId, conflictId) => {
              setPanelOpen(false);
              onOpenOrder(orderId, () => {
                setStayedFrom(conflictId);
                setPanelOpen(true);
              });
            })
          }
        />
      )}
    </section>
  );
}

/**
 * Renders again just after each local midnight: the header writes a time of today without its day
 * ("last sync 23:50 BST"), and a bench that gets no status event overnight (waiting for attention,
 * stopped) would still show yesterday's time as today's.
 */
function useNewDay(): void {
  const [, setDay] = useState(() => new Date().toDateString());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const now = new Date();
      const midnight = new Date(now);
      midnight.setHours(24, 0, 0, 0);
      timer = setTimeout(() => {
        setDay(new Date().toDateString());
        schedule();
      }, midnight.getTime() - now.getTime() + 1_000);
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
}

/**
 * What the header's live region says: the state in words, changed only when the state changes. The
 * usual sync on the schedule (over before its bar would show) keeps what was said, and so do an idle
 * bench's changes waiting, a new last-sync time and progress ticks: said on every one, a screen reader
 * would talk over the packer every few seconds. An offline bench's retries (or a failing bench's) keep
 * it too, however long they take, until the hub sends or takes a change: "Syncing…" then "Offline,
 * retrying" again at every try says nothing new. `key` names the state said.
 */
function useStateAnnouncement(status: Status | null, longSync: boolean): { text: string; key: string | null } {
  const [said, setSaid] = useState<{ key: string; text: string } | null>(null);
  if (status !== null && isNews(status, longSync, said?.key ?? null)) {
    const key = stateKeyOf(status);
    if (said?.key !== key) setSaid({ key, text: describeStatus(status).label });
  }
  return { text: said?.text ?? '', key: said?.key ?? null };
}

/**
 * The state's problem as first said while the state (as announced) lasts: an offline bench's cause
 * may read differently at each retry ("did not answer in 10 s", "ECONNRESET"), and a live region says
 * every change, so the packer would hear the same trouble again every few minutes.
 */
function useSaidOncePerState(problem: string | null, stateKey: string | null): string | null {
  const [said, setSaid] = useState<{ key: string | null; text: string } | null>(null);
  // Kept while the state said lasts, through a retry's quiet "connecting" too (no problem then): emptied
  // there, the next try's cause would be said anew, as would the same cause put back.
  const current = said !== null && said.key === stateKey ? said : problem === null ? null : { key: stateKey, text: problem };
  if (current !== said && (current === null || said === null || current.key !== said.key || current.text !== said.text)) setSaid(current);
  return current?.text ?? null;
}

/**
 * What a "Sync now" came to, said once its attempt ends: a press that fails again at once leaves the
 * state as it was ("Offline, retrying"), so the state's announcement alone would say nothing to the
 * packer who pressed. Empty from the press (so the same outcome again is said again), then the
 * outcome; it stays while the state stays (the quiet retries after it keep it) and goes once a new
 * state is said (text null: the state's own announcement). Automatic retries and scheduled syncs never set it.
 */
function useSyncNowOutcome(status: Status | null, announcedKey: string | null) {
  const [outcome, setOutcome] = useState<{ text: string; against: string | null } | null>(null);
  /** A "Sync now" the core took: the status it was pressed in and the key then said, until its attempt ends. */
  const [running, setRunning] = useState<{ before: Status | null; wasKey: string | null } | null>(null);
  if (outcome && outcome.against !== announcedKey) setOutcome(null);
  // Ended: a status other than the one pressed in (the cache may not have taken the core's answer yet), not syncing.
  if (running && status && status !== running.before && status.state !== 'syncing') {
    setRunning(null);
    setOutcome({ text: describeOutcome(status, running.wasKey), against: stateKeyOf(status) });
  }
  const pressed = (wasKey: string | null) => {
    const before = status;
    setRunning(null);
    setOutcome({ text: '', against: wasKey });
    return {
      /** The core took the press: over already (it answered with the state it ended in) is said now, else once it ends. */
      answered(answer: Status) {
        if (answer.state !== 'syncing') setOutcome({ text: describeOutcome(answer, wasKey), against: stateKeyOf(answer) });
        else setRunning({ before, wasKey });
      },
    };
  };
  return { text: outcome?.text ?? null, pressed };
}

/**
 * The state a status announces, as `useStateAnnouncement` keys it. With its hub: another hub (saved in
 * Settings) is another state, said anew with its own cause, though the words ("Offline, retrying") read
 * the same (the old hub's cause stayed in the status region).
 */
function stateKeyOf(status: Status): string {
  const state = status.state === 'idle' ? 'idle' : `${status.state}:${describeStatus(status).label}`;
  return status.hubUrl ? `${state} @ ${status.hubUrl}` : state;
}

/**
 * What a "Sync now" came to, in a sentence to be read out: "Still offline: the hub did not answer.
 * Trying again at 09:42:07 BST." (still: it was offline when pressed), "Up to date: all changes sent,
 * last sync 09:42 BST."
 */
export function describeOutcome(status: Status, wasKey: string | null): string {
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  // "The hub did not answer" reads on after a colon as "the hub…"; "ECONNREFUSED…" or "HTTP 502" keep their case.
  const after = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
  const still = wasKey !== null && wasKey.startsWith(`${status.state}:`);
  const nextTry = (at: string | null) => (at ? `Trying again at ${formatTime(at, true)}.` : 'Trying again now.');
  if (status.state === 'offline') {
    const what = status.hubFailing ? 'hub failing' : 'offline';
    return `${still ? `Still ${what}` : capitalised(what)}: ${sentence(after(status.cause))} ${nextTry(status.nextAttemptAt)}`;
  }
  if (status.state === 'error' && !status.needsAction) return `${still ? 'Still a sync problem' : 'Sync problem'}: ${sentence(after(status.message))} ${nextTry(status.nextAttemptAt)}`;
  const { label, detail, problem } = describeStatus(status);
  const more = problem ?? detail?.replaceAll(' · ', ', ');
  return sentence(more ? `${label}: ${more}` : label);
}

/** Whether the status is a state to say (else what was said stays), given the key of the one said last. */
function isNews(status: Status, longSync: boolean, saidKey: string | null): boolean {
  if (status.state !== 'syncing') return true;
  if (!longSync) return false;
  const retrying = saidKey !== null && (saidKey.startsWith('offline:') || saidKey.startsWith('error:'));
  return !retrying || status.progress.pushed > 0 || status.progress.pulled > 0;
}


/** The status in words: a label, a detail line, and a problem to show in full (if any). */
export function describeStatus(status: Status): { label: string; detail: string | null; problem: string | null; times: string | null } {
  return { ...describeState(status), times: describeTimes(status) };
}

/**
 * The times in full (date, seconds and zone, as on every other screen), for the summary's tooltip:
 * the header shows them short ("09:41 BST").
 */
function describeTimes(status: Status): string | null {
  const next =
    status.state === 'offline' || status.state === 'error' || status.state === 'unauthorised'
      ? status.nextAttemptAt && `next try ${fullTime(status.nextAttemptAt)}`
      : status.state === 'cancelled'
        ? status.nextSyncAt && `next sync ${fullTime(status.nextSyncAt)}`
        : null;
  const last = status.lastSyncAt ? `last sync ${fullTime(status.lastSyncAt)}` : null;
  const times = [next, last].filter(Boolean).join(' · ');
  return times ? capitalised(times) : null;
}

function describeState(status: Status): { label: string; detail: string | null; problem: string | null } {
  const waiting = status.pendingOps > 0 ? `${counted(status.pendingOps, 'change', 'changes')} waiting to send` : null;
  const lastSync = status.lastSyncAt ? `last sync ${formatTime(status.lastSyncAt)}` : 'not synced yet';
  const join = (...parts: Array<string | null>) => parts.filter(Boolean).join(' · ') || null;
  switch (status.state) {
    case 'not_configured':
      // A hub set up without a token is a different fix (the token in Settings) from no hub at all.
      // A stored token that cannot be read is not "none": it was set, and must be entered again.
      // A hub URL the Settings rule refuses (from a file an earlier release saved): the URL is the fix.
      if (status.hubUrl && status.hubUrlProblem) {
        return { label: 'Not syncing: the hub URL in Settings cannot be used', detail: join(`${status.hubUrlProblem}; correct it in Settings`, waiting), problem: null };
      }
      if (status.hubUrl && status.tokenUnreadable) {
        return {
          label: 'Not syncing: the stored bench token could not be read',
          detail: join('enter the bench token again in Settings', waiting),
          problem: null,
        };
      }
      if (status.hubUrl) return { label: 'Not syncing: no bench token for the hub', detail: waiting && `${waiting} once a bench token is set in Settings`, problem: null };
      // Where to set one up is said: a new bench's packer may not know a hub is a Settings matter.
      return { label: 'Not syncing (no hub set up)', detail: join(waiting, 'to sync, set the hub URL and bench token in Settings'), problem: null };
    case 'stopped':
      return { label: 'Sync stopped', detail: join('shutting down or restarting with new settings', waiting, lastSync), problem: null };
    case 'syncing': {
      const { phase, pushed, toPush, pulled } = status.progress;
      const detail =
        phase === 'connecting'
          ? 'connecting to the hub'
          : phase === 'pushing'
            ? `sending changes: ${formatCount(pushed)} of ${formatCount(toPush)} sent`
            : join(pushed > 0 ? `${counted(pushed, 'change', 'changes')} sent` : null, `${counted(pulled, 'change', 'changes')} received`);
      return { label: 'Syncing…', detail, problem: null };
    }
    case 'idle':
      return { label: status.pendingOps > 0 ? 'Synced' : 'Up to date', detail: join(waiting ?? 'all changes sent', lastSync), problem: null };
    case 'cancelled':
      return {
        label: 'Sync cancelled',
        detail: join(waiting, status.nextSyncAt ? `next sync ${formatTime(status.nextSyncAt, true)}` : null, lastSync),
        problem: null,
      };
    case 'offline':
      return {
        label: status.hubFailing ? 'Hub failing, retrying' : 'Offline, retrying',
        detail: join(waiting, status.nextAttemptAt ? `next try ${formatTime(status.nextAttemptAt, true)}` : 'trying again now', lastSync),
        problem: status.cause,
      };
    case 'unauthorised': {
      // A 429 only says "wait": what is known of the token stays, and when the bench tries again is said.
      const wait = status.nextAttemptAt ? `the hub asked this bench to wait · next try ${formatTime(status.nextAttemptAt, true)}` : null;
      // Revoked at the hub: no typo to fix in Settings, a new token is needed (the message says from whom).
      if (status.reason === 'token_revoked') return { label: 'Bench token revoked', detail: join(waiting, wait), problem: status.message };
      return { label: 'The hub refused this bench', detail: join(waiting, 'check the bench token in Settings', wait), problem: status.message };
    }
    case 'error':
      // Not retried (retrying cannot help): "Sync problem" with no next try would read as a hang.
      if (status.needsAction) {
        return { label: 'Sync needs attention', detail: join(waiting, 'not retrying: fix the problem below, then press Sync now', lastSync), problem: status.message };
      }
      // Retried with backoff like offline: said, or "Sync problem" reads as given up.
      return { label: 'Sync problem', detail: join(waiting, status.nextAttemptAt ? `next try ${formatTime(status.nextAttemptAt, true)}` : null, lastSync), problem: status.message };
  }
}

/** Short, with the zone named as on every other screen ("09:41 BST"; the day too when not today). */
function formatTime(iso: string, withSeconds = false): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : shortTimeWithZone(iso, withSeconds);
}

function fullTime(iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : timeWithZone(iso);
}
