/**
 * Sync at a glance, for the app header: the sync state in words (syncing with progress, up to date,
 * offline and why, refused, a problem), changes waiting for the hub, last sync, conflicts; "Sync now";
 * the conflicts panel. Read once, then kept current by the change stream (every status change is an
 * event; no polling). Works the same in Electron and browser mode.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { BenchApi, SyncStatus as Status } from '../../../shared/contract/api.js';
import { hubUrlWarning } from '../../../shared/sync/hub-url.js';
import { benchKeys, useBenchQuery } from '../../api/queries.js';
import { formatCount } from '../format-count.js';
import { useShownAfter } from '../use-shown-after.js';
import { ConflictsPanel } from './ConflictsPanel.js';
import './sync.css';

/** A sync still running after this long shows its progress bar and "Cancel sync". */
export const LONG_SYNC_MS = 500;

export interface SyncStatusProps {
  api: BenchApi;
  /** Opens an order on the order screen (from a conflict). */
  onOpenOrder?: (orderId: number) => void;
}

export function SyncStatus({ api, onOpenOrder }: SyncStatusProps) {
  const client = useQueryClient();
  const query = useBenchQuery(benchKeys.syncStatus(), () => api.getSyncStatus({}));
  const status = query.data ?? null;
  /**
   * A refused "Sync now" or "Cancel sync", with the status it was refused against: shown only while
   * that status is the one showing. Once the status moves on (a later sync, another state), it says
   * what is true and its own problem; a refusal from before would stay after the recovery and hide it.
   */
  const [actionProblem, setActionProblem] = useState<{ message: string; against: Status | undefined } | null>(null);
  const refused = (message: string) => setActionProblem({ message, against: client.getQueryData<Status>(benchKeys.syncStatus()) });
  const problem = (actionProblem && actionProblem.against === status ? actionProblem.message : null) ?? query.error?.message ?? null;
  const [panelOpen, setPanelOpen] = useState(false);
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
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    if (!syncing) setCancelling(false);
  }, [syncing]);

  const syncNow = async () => {
    const result = await api.syncNow({});
    if (!result.ok) refused(result.error.message);
    else {
      setActionProblem(null);
      client.setQueryData(benchKeys.syncStatus(), result.value);
    }
  };

  const cancelSync = async () => {
    setCancelling(true);
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
  const urlWarning = status.state !== 'not_configured' ? hubUrlWarning(status.hubUrl) : null;
  return (
    <section ref={sectionRef} tabIndex={-1} className={`sync-status sync-${status.state}`} aria-label="Sync">
      {/* Not a live region itself: its detail moves with every batch sent and every sync on the schedule. */}
      <span id={summaryId} className="sync-summary">
        <span className="sync-dot" aria-hidden="true" />
        <strong>{shown.label}</strong>
        {shown.detail && <span className="sync-detail">{shown.detail}</span>}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {announced}
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
      {/* One button, its job switching, so focus stays on it when the sync ends. */}
      {configured &&
        (syncing && longSync ? (
          <button type="button" className="sync-now" aria-disabled={cancelling || undefined} onClick={() => !cancelling && void cancelSync()}>
            {cancelling ? 'Cancelling…' : 'Cancel sync'}
          </button>
        ) : (
          // aria-disabled, not disabled: a disabled button drops the focus (to the page), and "Cancel sync" takes its place here.
          // Stopped, it is described by the status (which says why), and pressed, the core's refusal says why again.
          <button
            type="button"
            className="sync-now"
            aria-disabled={syncing || status.state === 'stopped' || undefined}
            aria-describedby={status.state === 'stopped' ? summaryId : undefined}
            onClick={() => !syncing && void syncNow()}
          >
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>
        ))}
      {/* Always there, so screen readers announce a change the hub refused as its conflict appears (a
          live region added with its content is not announced, and the label beside stays "Up to date"). */}
      <span className="sync-conflicts" aria-live="polite">
        {conflictsShown && (
          <button type="button" className="sync-conflicts-button" onClick={() => setPanelOpen(true)}>
            {status.openConflicts} conflict{status.openConflicts === 1 ? '' : 's'}
          </button>
        )}
      </span>
      {/* Always there (empty when all is well), so a refused "Sync now" is read out as it appears. */}
      <span className={shownProblem ? 'sync-problem' : 'visually-hidden'} role="status" title={shownProblem ?? undefined}>
        {shownProblem}
      </span>
      {panelOpen && (
        <ConflictsPanel
          api={api}
          onClose={() => setPanelOpen(false)}
          onOpenOrder={
            onOpenOrder &&
            ((orderId) => {
              setPanelOpen(false);
              onOpenOrder(orderId);
            })
          }
        />
      )}
    </section>
  );
}

/**
 * What the header's live region says: the state in words, changed only when the state changes. The
 * usual sync on the schedule (over before its bar would show) keeps what was said, and so do an idle
 * bench's changes waiting, a new last-sync time and progress ticks: said on every one, a screen reader
 * would talk over the packer every few seconds.
 */
function useStateAnnouncement(status: Status | null, longSync: boolean): string {
  const [said, setSaid] = useState<{ key: string; text: string } | null>(null);
  if (status !== null && !(status.state === 'syncing' && !longSync)) {
    const label = describeStatus(status).label;
    const key = status.state === 'idle' ? 'idle' : `${status.state}:${label}`;
    if (said?.key !== key) setSaid({ key, text: label });
  }
  return said?.text ?? '';
}

// formatCount, not toLocaleString: the header paints with the first screen, and Intl's first use loads locale data.
const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The status in words: a label, a detail line, and a problem to show in full (if any). */
export function describeStatus(status: Status): { label: string; detail: string | null; problem: string | null } {
  const waiting = status.pendingOps > 0 ? `${plural(status.pendingOps, 'change')} waiting to send` : null;
  const lastSync = status.lastSyncAt ? `last sync ${formatTime(status.lastSyncAt)}` : 'not synced yet';
  const join = (...parts: Array<string | null>) => parts.filter(Boolean).join(' · ') || null;
  switch (status.state) {
    case 'not_configured':
      // A hub set up without a token is a different fix (the token in Settings) from no hub at all.
      if (status.hubUrl) return { label: 'Not syncing: no bench token for the hub', detail: waiting && `${waiting} once a bench token is set in Settings`, problem: null };
      return { label: 'Not syncing (no hub set up)', detail: waiting && `${waiting} when a hub is set up`, problem: null };
    case 'stopped':
      return { label: 'Sync stopped', detail: join('shutting down or restarting with new settings', waiting, lastSync), problem: null };
    case 'syncing': {
      const { phase, pushed, toPush, pulled } = status.progress;
      const detail =
        phase === 'connecting'
          ? 'connecting to the hub'
          : phase === 'pushing'
            ? `sending changes: ${formatCount(pushed)} of ${formatCount(toPush)} sent`
            : join(pushed > 0 ? `${plural(pushed, 'change')} sent` : null, `${plural(pulled, 'change')} received`);
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
        label: 'Offline, retrying',
        detail: join(waiting, status.nextAttemptAt ? `next try ${formatTime(status.nextAttemptAt, true)}` : 'trying again now', lastSync),
        problem: status.cause,
      };
    case 'unauthorised':
      return { label: 'The hub refused this bench', detail: join(waiting, 'check the hub token in Settings'), problem: status.message };
    case 'error':
      return { label: 'Sync problem', detail: join(waiting, lastSync), problem: status.message };
  }
}

function formatTime(iso: string, withSeconds = false): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay = at.toDateString() === new Date().toDateString();
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined };
  return sameDay ? at.toLocaleTimeString('en-GB', time) : at.toLocaleString('en-GB', { day: 'numeric', month: 'short', ...time });
}
