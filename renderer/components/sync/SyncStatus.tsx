/**
 * Sync at a glance, for the app header: online/offline, changes waiting for the hub, last sync,
 * conflicts; "Sync now"; the conflicts panel. Polls getSyncStatus every few seconds (faster while a
 * sync runs). Works the same in Electron and browser mode (only the BenchApi contract is used).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchApi, SyncStatus as Status } from '../../../shared/contract/api.js';
import { hubUrlWarning } from '../../../shared/sync/hub-url.js';
import { ConflictsPanel } from './ConflictsPanel.js';
import './sync.css';

const POLL_MS = 4_000;
const POLL_WHILE_SYNCING_MS = 1_000;

export interface SyncStatusProps {
  api: BenchApi;
  /** Opens an order on the order screen (from a conflict). */
  onOpenOrder?: (orderId: number) => void;
  /** Called after a sync brought changes in (e.g. to refresh counts on screen). */
  onSynced?: () => void;
}

export function SyncStatus({ api, onOpenOrder, onSynced }: SyncStatusProps) {
  const [status, setStatus] = useState<Status | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const lastSyncSeen = useRef<string | null | undefined>(undefined);
  const onSyncedRef = useRef(onSynced);
  onSyncedRef.current = onSynced;

  const poll = useCallback(async () => {
    const result = await api.getSyncStatus({});
    if (!result.ok) {
      setProblem(result.error.message);
      return null;
    }
    setProblem(null);
    setStatus(result.value);
    // A completed sync (not the first reading) may have changed what the screens show.
    if (lastSyncSeen.current !== undefined && result.value.lastSyncAt !== lastSyncSeen.current) onSyncedRef.current?.();
    lastSyncSeen.current = result.value.lastSyncAt;
    return result.value;
  }, [api]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      const current = await poll().catch(() => null);
      if (!stopped) timer = setTimeout(() => void loop(), current?.syncing ? POLL_WHILE_SYNCING_MS : POLL_MS);
    };
    void loop();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poll]);

  const syncNow = async () => {
    const result = await api.syncNow({});
    if (!result.ok) setProblem(result.error.message);
    else {
      setProblem(null);
      setStatus(result.value);
      // Read again shortly: the sync runs in the background.
      setTimeout(() => void poll(), 500);
    }
  };

  if (!status) return <section className="sync-status" aria-label="Sync">{problem ?? 'Sync…'}</section>;

  const configured = status.state !== 'not_configured';
  const urlWarning = status.hubUrl ? hubUrlWarning(status.hubUrl) : null;
  return (
    <section className={`sync-status sync-${status.state}`} aria-label="Sync">
      <span className="sync-summary" aria-live="polite" title={status.lastError ?? undefined}>
        <span className="sync-dot" aria-hidden="true" />
        <strong>{stateLabel(status)}</strong>
        {configured && (
          <span className="sync-detail">
            {status.pendingOps > 0 ? `${status.pendingOps} change${status.pendingOps === 1 ? '' : 's'} to send` : 'all sent'}
            {' · '}
            {status.lastSyncAt ? `last sync ${formatTime(status.lastSyncAt)}` : 'not synced yet'}
          </span>
        )}
      </span>
      {urlWarning && (
        <span className="sync-warning" title={urlWarning}>
          <span aria-hidden="true">⚠ </span>Not encrypted<span className="visually-hidden">: {urlWarning}</span>
        </span>
      )}
      {configured && (
        <button type="button" className="sync-now" onClick={() => void syncNow()} disabled={status.syncing || status.state === 'idle'}>
          {status.syncing ? 'Syncing…' : 'Sync now'}
        </button>
      )}
      {(status.openConflicts > 0 || panelOpen) && (
        <button type="button" className="sync-conflicts-button" onClick={() => setPanelOpen(true)}>
          {status.openConflicts} conflict{status.openConflicts === 1 ? '' : 's'}
        </button>
      )}
      {(problem || (status.state === 'error' && status.lastError)) && (
        <span className="sync-problem" title={problem ?? status.lastError ?? ''}>
          {problem ?? status.lastError}
        </span>
      )}
      {panelOpen && (
        <ConflictsPanel
          api={api}
          onClose={() => {
            setPanelOpen(false);
            void poll();
          }}
          onOpenOrder={
            onOpenOrder &&
            ((orderId) => {
              setPanelOpen(false);
              onOpenOrder(orderId);
            })
          }
          onChanged={() => void poll()}
        />
      )}
    </section>
  );
}

function stateLabel(status: Status): string {
  switch (status.state) {
    case 'not_configured':
      return 'Not syncing (no hub set up)';
    case 'idle':
      return status.syncing ? 'Connecting to the hub…' : 'Sync starting';
    case 'online':
      return 'Online';
    case 'offline':
      return 'Offline, retrying';
    case 'error':
      return 'Sync problem';
  }
}

function formatTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay
    ? at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
