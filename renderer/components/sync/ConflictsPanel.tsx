/**
 * The conflicts panel: every change the hub refused, what happened, and what to do: "Acknowledge",
 * and for an allocation the hub refused, open the order and pick another identifier in the usual
 * allocation dialog (the conflict then resolves itself once the hub takes the new one).
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { BenchApi, SyncConflict } from '../../../shared/contract/api.js';
import { benchKeys, useBenchQuery } from '../../api/queries.js';
import { Dialog } from '../dialog/Dialog.js';
import { ErrorText } from '../ErrorText.js';
import { counted, formatCount } from '../format-count.js';
import { useRefusal } from '../use-refusal.js';
import { useBeepOnFailure } from '../../scanner/use-beep-on-failure.js';
import { CONFLICTS_PAGE_SIZE, MAX_CONFLICTS_ASKED_ABOUT, MAX_CONFLICTS_READ } from '../../../shared/contract/sync-schemas.js';
import { timeWithZone } from '../format-time.js';
import { acknowledgedElsewhereSentence, acknowledgedSentence, closedSentence, openLeft } from './conflict-words.js';

/** Said when Acknowledge is pressed while another acknowledgement is still being saved. */
export const STILL_SAVING = 'Still saving the last acknowledgement… Press Acknowledge again once it is saved.';

export interface ConflictsPanelProps {
  api: BenchApi;
  onClose: () => void;
  onOpenOrder?: (orderId: number, conflictId: number) => void;
  /** The conflict whose "Open order" takes the focus once listed (the panel opened again after Stay). */
  focusOpenOrderOf?: number | null;
}

export function ConflictsPanel({ api, onClose, onOpenOrder, focusOpenOrderOf = null }: ConflictsPanelProps) {
  const titleId = useId();
  const [showResolved, setShowResolved] = useState(false);
  // A refused Acknowledge: shown, beeped and announced (again when the same words come again).
  const refusal = useRefusal();
  const [busy, setBusy] = useState<number | null>(null);
  // Read a page at a time (at most MAX_CONFLICTS_READ, the core's bound): a bench back from a long offline
  // spell can hold hundreds, and the header counts them all.
  const [limit, setLimit] = useState(CONFLICTS_PAGE_SIZE);
  /** The open conflicts of the last read (id → summary): one gone from the next read closed meanwhile. */
  const lastOpen = useRef<Map<number, string> | null>(null);
  // Read again by the change stream whenever a conflict is added or resolved (here, in another window,
  // or by sync). Each read asks, of the open ones of the last (at most one read's worth), which closed
  // since and how, so one acknowledged in another window is not said as closed by itself.
  const conflicts = useBenchQuery(
    benchKeys.conflicts(showResolved, limit),
    async () => {
      const askedAfter = lastOpen.current;
      const seenOpen = [...(askedAfter?.keys() ?? [])].slice(0, MAX_CONFLICTS_ASKED_ABOUT);
      const read = await api.listConflicts({ includeResolved: showResolved, limit, ...(seenOpen.length ? { seenOpen } : {}) });
      // Which open set this read was compared against when asked: a cached answer read before another
      // (toggling "Show resolved" back) is shown, but compared with nothing (see below).
      return read.ok ? { ...read, value: { ...read.value, askedAfter } } : read;
    },
    { keepPrevious: true },
  );
  /** The answer last compared with lastOpen (the effect below runs again for it on other changes). */
  const compared = useRef<unknown>(null);
  const items: SyncConflict[] | null = conflicts.data?.items ?? null;
  const closedNow = conflicts.data?.closed;
  const openCount = conflicts.data?.openCount ?? 0;
  const openShown = items?.filter((c) => !c.resolvedAt).length ?? 0;
  const moreOpen = items !== null && openShown < openCount;
  // With resolved ones (listed after every open one), a full read may have left resolved ones out: the
  // core gives no count of them, so a read that came back full says plainly that any more are not shown.
  const resolvedShown = (items?.length ?? 0) - openShown;
  const moreResolved = showResolved && items !== null && !moreOpen && items.length >= limit;
  const canShowMore = limit < MAX_CONFLICTS_READ;
  const problem = refusal.message ?? conflicts.error?.message ?? null;
  // The list the packer opened the panel for could not be read: heard, as every failed read (shown below).
  useBeepOnFailure(conflicts.error);

  const listRef = useRef<HTMLUListElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  /**
   * Opening (APG dialog): the focus goes to the first meaningful element, not to "Show resolved" (the
   * first control): the first conflict's first action, or the heading while the list is read or when
   * there is none. Placed as the heading mounts (the dialog's content mounts once it is open), then
   * once the list is in, only while the focus is still on the heading: a packer who tabbed on
   * meanwhile keeps it, and so does "Open order" focused again after Stay (its ref comes after).
   */
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const firstFocusPlaced = useRef(false);
  const [placeFirstFocus] = useState(() => (heading: HTMLHeadingElement | null) => {
    headingRef.current = heading;
    const dialog = heading?.closest('dialog');
    // Chromium's showModal focuses the dialog element itself (no autofocus inside): that is no place a
    // packer chose, and left there the dialog's own fallback put the focus on "Show resolved".
    const focusInside = document.activeElement !== dialog && dialog?.contains(document.activeElement);
    if (!heading || !dialog || focusInside) return;
    firstFocusPlaced.current = dialog.querySelector('.sync-conflict-list, .sync-conflicts-empty') !== null;
    (dialog.querySelector<HTMLElement>('.sync-conflict-actions button') ?? heading).focus();
  });
  useLayoutEffect(() => {
    const heading = headingRef.current;
    if (firstFocusPlaced.current || items === null || heading === null) return;
    firstFocusPlaced.current = true;
    if (document.activeElement === heading) listRef.current?.querySelector<HTMLElement>('.sync-conflict-actions button')?.focus();
  }, [items]);
  /**
   * The conflict just acknowledged, and its place among the open ones: once the list shows it dealt
   * with (its buttons are gone), the focus moves to the open conflict now in that place (the next one),
   * else the one before it, else Close: never out of the dialog.
   */
  const [acknowledged, setAcknowledged] = useState<{ conflictId: number; place: number; sentence: string } | null>(null);
  /**
   * What the last Acknowledge did, and which conflicts were acknowledged in another window or closed
   * by themselves, said in the panel's status: the header's count is behind the modal (inert, not
   * heard), and a conflict that went unasked only vanished from the list. Keyed by the announcement, so the same words are said again.
   */
  const [acknowledgedWords, setAcknowledgedWords] = useState<{ key: number; text: string } | null>(null);
  /** Conflicts Acknowledge was pressed for here: their going is the acknowledgement, not news from another window. */
  const acknowledgedHere = useRef(new Set<number>());
  useEffect(() => {
    const data = conflicts.data;
    if (items === null || data === undefined) return;
    // An answer read before the open set last compared (the other "Show resolved" list, kept by the
    // query's cache and shown again while it is read again): what it lacks may have opened since, not
    // closed. Compared with nothing; the read that follows it, asked after lastOpen, is.
    // An answer already compared (the effect runs again for an Acknowledge answered) closes nothing more,
    // and keeps lastOpen as it is: a read under way was asked after that very set.
    const fresh = data !== compared.current;
    if (fresh && lastOpen.current !== null && data.askedAfter !== lastOpen.current) return;
    const openNow = new Map(items.filter((c) => !c.resolvedAt).map((c) => [c.conflictId, c.summary]));
    // How the core says each closed, of those this read asked about.
    const how = new Map((closedNow ?? []).map((c) => [c.conflictId, c.how]));
    // Gone from the open ones and not acknowledged here. With more open than one read lists, one can also
    // just fall off the end of the page: only those the core says closed, or listed as resolved, closed then.
    const closed = [...(fresh ? (lastOpen.current ?? []) : [])].filter(
      ([id]) =>
        !openNow.has(id) &&
        !acknowledgedHere.current.has(id) &&
        (!moreOpen || how.has(id) || items.some((c) => c.conflictId === id && c.resolvedAt)),
    );
    if (fresh) {
      compared.current = data;
      lastOpen.current = openNow;
    }
    const summaries = (acknowledgedThere: boolean) =>
      closed.filter(([id]) => (how.get(id) === 'acknowledged') === acknowledgedThere).map(([, summary]) => summary);
    const elsewhere = summaries(true);
    const byItself = summaries(false);
    const ackDone = acknowledged !== null && !openNow.has(acknowledged.conflictId) ? acknowledged : null; // else not read again yet
    if (ackDone === null && closed.length === 0) return;
    const words = [
      ackDone?.sentence,
      elsewhere.length ? acknowledgedElsewhereSentence(elsewhere) : undefined,
      byItself.length ? closedSentence(byItself) : undefined,
      openLeft(openCount),
    ];
    setAcknowledgedWords((said) => ({ key: (said?.key ?? 0) + 1, text: words.filter(Boolean).join(' ') }));
    if (ackDone === null) return; // the focus on a conflict that closed by itself is placed below, as it goes
    setAcknowledged(null);
    const open = [...(listRef.current?.querySelectorAll<HTMLElement>('.sync-conflict-actions') ?? [])];
    const actions = open[Math.min(ackDone.place, open.length - 1)];
    // Its Acknowledge, not its first button: Enter again then acknowledges the next one, where "Open order" would leave the panel.
    (actions?.querySelector<HTMLButtonElement>('.sync-conflict-acknowledge') ?? closeRef.current)?.focus();
  }, [items, closedNow, acknowledged, openCount, moreOpen, conflicts.data]);

  /**
   * A conflict closing by itself while the focus is on it (a sync made it moot, another window
   * acknowledged it) takes its buttons with it, and the focus would fall to the page. Where the focus
   * was among the open conflicts is kept as it moves, and in the commit that removes them it goes to
   * the open conflict now in that place (the next one), else the one before it, else Close.
   */
  const focusedPlace = useRef<number | null>(null);
  useEffect(() => {
    const noteFocus = (event: FocusEvent) => {
      const actions = (event.target as Element | null)?.closest?.('.sync-conflict-actions');
      const open = [...(listRef.current?.querySelectorAll('.sync-conflict-actions') ?? [])];
      focusedPlace.current = actions ? Math.max(0, open.indexOf(actions)) : null;
    };
    document.addEventListener('focusin', noteFocus);
    return () => document.removeEventListener('focusin', noteFocus);
  }, []);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (items === null || (active !== null && active !== document.body) || !closeRef.current?.isConnected) return;
    const open = [...(listRef.current?.querySelectorAll<HTMLElement>('.sync-conflict-actions') ?? [])];
    const place = focusedPlace.current;
    const actions = place === null ? undefined : open[Math.min(place, open.length - 1)];
    (actions?.querySelector<HTMLButtonElement>('.sync-conflict-acknowledge') ?? closeRef.current).focus();
  }, [items]);

  /**
   * Opened again after Stay (the packer stayed with unsaved edits): the focus goes back to the "Open
   * order" pressed as it mounts. The list mounts after the dialog has opened, so this is a ref on the
   * button, not an effect of the panel's mount.
   */
  const openOrderToFocus = useRef(focusOpenOrderOf);
  const focusIfPressedBefore = (conflictId: number) => (button: HTMLButtonElement | null) => {
    if (button === null || openOrderToFocus.current !== conflictId) return;
    openOrderToFocus.current = null;
    button.focus();
  };

  /**
   * After "Show more": once the longer read is in, the focus goes to the first conflict it brought in
   * (the button is gone, or far above). A read that brought none (a sync resolved the rest meanwhile)
   * keeps it on the button if still there, else Close: never the page, and no later re-read moves it.
   */
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const showMoreRef = useRef<HTMLButtonElement>(null);
  const longerReadIn = items !== null && !conflicts.isPlaceholderData && !conflicts.isFetching;
  useEffect(() => {
    if (focusFrom === null || items === null || (items.length <= focusFrom && !longerReadIn)) return;
    setFocusFrom(null);
    const brought = [...(listRef.current?.children ?? [])].slice(focusFrom);
    const target = brought.map((li) => li.querySelector<HTMLButtonElement>('button')).find((b) => b !== null);
    (target ?? (showMoreRef.current?.isConnected ? showMoreRef.current : closeRef.current))?.focus();
  }, [items, focusFrom, longerReadIn]);
  const showMore = () => {
    if (items === null) return;
    setFocusFrom(items.length);
    setLimit((n) => Math.min(MAX_CONFLICTS_READ, n + CONFLICTS_PAGE_SIZE));
  };

  const acknowledge = async (conflict: SyncConflict) => {
    // One at a time (the focus moves on by the one being saved): a press meanwhile is refused in words,
    // not dropped unheard, and the packer presses again once it is saved.
    if (busy !== null) return refusal.refuse(STILL_SAVING);
    setBusy(conflict.conflictId);
    refusal.clear();
    // Noted before it is sent: the change stream may bring the read without it before the answer comes.
    acknowledgedHere.current.add(conflict.conflictId);
    const result = await api.resolveConflict({ conflictId: conflict.conflictId, action: 'acknowledge' });
    setBusy(null);
    if (!result.ok) {
      acknowledgedHere.current.delete(conflict.conflictId);
      return refusal.refuse(result.error.message);
    }
    refusal.clear(); // a "still saving" said meanwhile is over: it is saved
    const place = (items ?? []).filter((c) => !c.resolvedAt).findIndex((c) => c.conflictId === conflict.conflictId);
    setAcknowledged({ conflictId: conflict.conflictId, place: Math.max(0, place), sentence: acknowledgedSentence(conflict) });
  };

  return (
    // A scan closes it as Close would and is then routed (the scanned order opens): kept, its Enter
    // pressed the focused Acknowledge (a conflict dismissed unread) or "Open order" (another order).
    // Nothing here takes a scan, whatever had the focus when it opened.
    <Dialog title="Sync conflicts" heading={false} labelledBy={titleId} className="sync-conflicts-panel" onCancel={onClose} onClosedByScan={onClose} closedByScanWhateverOpenedIt>
      <header className="sync-conflicts-header">
        <h2 id={titleId} ref={placeFirstFocus} tabIndex={-1}>
          Sync conflicts
        </h2>
        <p className="muted">
          Changes made on this bench that the hub refused, and changes from the hub this bench could not take. Nothing was lost:
          each stays here until you have dealt with it and chosen Acknowledge (then it is listed under "Show resolved").
        </p>
        <label className="sync-show-resolved">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> Show resolved
        </label>
      </header>
      {problem && <ErrorText again={refusal.key}>{problem}</ErrorText>}
      {/* Always there (empty until an Acknowledge), so the words are read out as they appear. */}
      <p role="status" className="sync-conflicts-acknowledged">
        {acknowledgedWords && <span key={acknowledgedWords.key}>{acknowledgedWords.text}</span>}
      </p>
      {items === null ? (
        <p>Loading…</p>
      ) : items.length === 0 ? (
        <p className="sync-conflicts-empty">No conflicts to deal with.</p>
      ) : (
        <ul ref={listRef} className="sync-conflict-list">
          {items.map((c) => (
            <li key={c.conflictId} className={c.resolvedAt ? 'sync-conflict resolved' : 'sync-conflict'}>
              <h3 id={`${titleId}-${c.conflictId}`}>{c.summary}</h3>
              {/* Written by another version: its stored text, for whoever looks into it (the heading stays words). */}
              {c.raw !== null && (
                <p className="small muted sync-conflict-raw">
                  As stored: <code>{c.raw}</code>
                </p>
              )}
              <p>{c.whatHappened}</p>
              <p className="small muted">
                {c.kind === 'pull' ? 'Held back from the hub' : 'Refused by the hub'} {formatWhen(c.createdAt)}
                {c.resolvedAt && <> · {c.resolution}</>}
              </p>
              {c.needsIdentifier && c.order && (
                <p className="sync-conflict-hint">
                  Order {c.order.orderNumber} line {c.order.lineNo} unit {c.order.unit} needs another identifier: open the order
                  and choose one in "Dispatch Identifiers".
                </p>
              )}
              {!c.resolvedAt && (
                <div className="sync-conflict-actions">
                  {c.order?.orderId != null && onOpenOrder && (
                    <button type="button" ref={focusIfPressedBefore(c.conflictId)} onClick={() => onOpenOrder(c.order!.orderId!, c.conflictId)}>
                      Open order {c.order.orderNumber}
                    </button>
                  )}
                  {/* Described by its conflict: tabbing from one to the next, a screen reader would hear only "Acknowledge". */}
                  <button
                    type="button"
                    className="sync-conflict-acknowledge"
                    aria-describedby={`${titleId}-${c.conflictId}`}
                    aria-disabled={busy !== null || undefined}
                    onClick={() => void acknowledge(c)}
                  >
                    Acknowledge
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {(moreOpen || moreResolved) && (
        <p className="sync-conflicts-more">
          {moreOpen ? (
            <>
              Showing {formatCount(openShown)} of {formatCount(openCount)} open conflicts
              {showResolved && ' (resolved ones are listed after every open one)'}
            </>
          ) : (
            <>
              Showing {counted(resolvedShown, 'resolved conflict', 'resolved conflicts')}: any more resolved conflicts are not shown
            </>
          )}
          {canShowMore ? (
            <>
              {' '}
              <button ref={showMoreRef} type="button" onClick={showMore}>
                Show more
              </button>
            </>
          ) : moreOpen ? (
            ': acknowledge some to see the rest.'
          ) : (
            ` (at most ${formatCount(MAX_CONFLICTS_READ)} conflicts are listed).`
          )}
        </p>
      )}
      <footer className="dialog-footer">
        <button ref={closeRef} type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}

/** As the other screens write times (the zone named); a time the bench cannot read, as it came. */
function formatWhen(iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : timeWithZone(iso);
}
