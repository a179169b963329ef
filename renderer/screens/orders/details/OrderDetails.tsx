/**
 * One order: its lines (ordered, dispatched, remaining, identifiers), a dispatch quantity per
 * line and "Complete Order". Missing identifiers bring up "Dispatch identifiers needed" with
 * "Add", which opens the allocation dialog for this order.
 */
import { Suspense, lazy, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { BenchApi, MissingIdentifier, OrderDetails as Order } from '../../../../shared/contract/api.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';
import { IDENTIFIER_MODE_LABELS } from '../../../../shared/domain/modes.js';
import { MessageDialog } from '../../../components/MessageDialog.js';
import { AllocationDialog } from '../allocation/AllocationDialog.js';
import type { CompleteWithBoxes } from '../allocation/use-allocation-save.js';
import { summariseMissing } from './missing-units.js';
import { checkQuantities, lowerToRemaining, defaultQuantities, typedQuantities, missingAfterSave, refusedCompletionSummary } from './dispatch-quantities.js';
import { useDispatchedElsewhere } from './use-dispatched-elsewhere.js';
import { OrderConflicts } from './OrderConflicts.js';
import { useBusyGuard } from '../../../app/unsaved-changes.js';
import type { PackingSlip } from '../../../../shared/contract/trace-schemas.js';
import { ErrorText } from '../../../components/ErrorText.js';
import { useRefusal } from '../../../components/use-refusal.js';
import { timeWithZone } from '../../../components/format-time.js';
import { identifierText } from '../../../components/identifier-text.js';
import { beepRefusal } from '../../../scanner/beep.js';
import { useScanInBox } from '../../../scanner/use-scan-in-box.js';
import { trimScannerInput } from '../../../../shared/domain/identifier-value.js';
import { counted, withThousands } from '../../../../shared/domain/counted.js';

// The slip (and its barcode generator) loads when first opened, not with the order list.
const loadSlipView = () => import('../slip/PackingSlip.js');
const PackingSlipView = lazy(() => loadSlipView().then((m) => ({ default: m.PackingSlipView })));

/**
 * While the slip's code loads: printed from the "dispatched" message, takes the focus, which the message gave back to the box
 * where Enter completed the order as it went (after a part-dispatch, one holding what remains: an
 * Enter typed ahead would send it).
 */
function SlipLoading({ fromMessage }: { fromMessage: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // From the page's own "Print slip" the focus stays on it: the slip gives it back there.
  useLayoutEffect(() => {
    if (fromMessage) ref.current?.focus();
  }, [fromMessage]);
  return (
    <p ref={ref} tabIndex={-1} className="loading">
      Preparing the slip…
    </p>
  );
}

export interface OrderDetailsProps {
  api: BenchApi;
  orderId: number;
  onBack: () => void;
  /** After "OK" on the dispatch's message: the order as it now stands (dispatched, or awaiting the rest). */
  onDispatched: (order: Pick<Order, 'orderNumber' | 'status'>) => void;
}

const NONE_MISSING: MissingIdentifier[] = [];

/** What a dispatch sent of a line, as the slip prints it: use-by values and dated lots with their dates then. */
function dispatchedIdentifiers(order: Order, sent: Order['dispatches'][number]['lines'][number]): string[] {
  const kind = order.lines.find((l) => l.lineId === sent.lineId)?.identifierKind ?? 'other';
  return sent.identifiers.map((v, i) => identifierText(kind, v, sent.useBy[i]));
}

/** The units a refused completion names (those whose identifier may not go out), as the missing ones are named. */
function unitsToReplace(order: Order, issues: ReadonlyArray<{ lineId?: number | undefined; unit?: number | undefined }>): MissingIdentifier[] {
  return issues.flatMap((i) => {
    const line = i.lineId === undefined || i.unit === undefined ? undefined : order.lines.find((l) => l.lineId === i.lineId);
    return line ? [{ orderId: order.id, orderNumber: order.orderNumber, lineId: line.lineId, sku: line.sku, unit: i.unit! }] : [];
  });
}

/**
 * printable: the dispatch just made, so the message offers "Print slip" for its parcel (what this
 * dispatch sent, not what earlier partial dispatches did).
 */
type Message = { title: string; body: string; then: () => void; printable?: { dispatchId: number } };

export function OrderDetails({ api, orderId, onBack, onDispatched }: OrderDetailsProps) {
  const headingId = useId();
  const [order, setOrder] = useState<Order | null>(null);
  const [quantities, setQuantities] = useState<Map<number, string>>(new Map());
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  /** A refused completion or slip: said, beeped, and announced again when refused again in the same words. */
  const refusal = useRefusal();
  const { refuse, clear: clearRefusal } = refusal;
  const [missing, setMissing] = useState<{ listed: MissingIdentifier[]; count: number } | null>(null);
  /**
   * Units "Complete Order" refused for the identifier they hold (a lot expired since it was allocated, a
   * value dispatched at another bench): "Change identifiers" opens the allocation dialog on them.
   */
  const [toReplace, setToReplace] = useState<MissingIdentifier[] | null>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (toReplace) replaceRef.current?.focus();
  }, [toReplace]);
  const [allocating, setAllocating] = useState(false);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  /**
   * Enter pressed again while the completion is on its way (packers type ahead): meant for what takes
   * the focus when the answer comes. Acted on when that is "Add" (it opens the allocation dialog, which
   * dispatches nothing); dropped when the answer is a refusal (beeped, focus on the box to fix) or the
   * "dispatched" message (an Enter typed before it showed must not close it unread).
   */
  const enterAhead = useRef(false);
  /** The completion's answer is in (busyRef stays set until it is shown). */
  const answerIn = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const completeRef = useRef<HTMLButtonElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const orderIds = useMemo(() => [orderId], [orderId]);

  const [message, setMessage] = useState<Message | null>(null);
  const [slip, setSlip] = useState<PackingSlip | null>(null);
  /** The slip refused from the "dispatched" message: said in the message, where the packer is, not on the page behind it. */
  const messageRefusal = useRefusal();
  const { refuse: refuseInMessage, clear: clearMessageRefusal } = messageRefusal;
  /**
   * dispatchId: the slip of that parcel (asked for from the "dispatched" message); without it, of
   * everything the order has dispatched so far.
   */
  const openSlip = useCallback(async (dispatchId?: number) => {
    const result = await api.getPackingSlip(dispatchId === undefined ? { orderId } : { orderId, dispatchId });
    if (!result.ok) {
      // Nothing dispatched yet (Ctrl+Shift+P works where "Print slip" is not shown), or the parcel's
      // dispatch undone meanwhile: a refusal, heard as every other is, where it was asked for.
      (dispatchId === undefined ? refuse : refuseInMessage)(result.error.message);
      return;
    }
    clearMessageRefusal();
    setSlip(result.value);
  }, [api, orderId, refuse, refuseInMessage, clearMessageRefusal]);
  // Printed from the "dispatched" message, the slip shows in its place and closing it brings the message
  // back, its OK focused: the packer goes on from there as without printing. (The focus had gone back to
  // the box where Enter completed the order, which after a part-dispatch holds what remains: one more
  // Enter sent the rest.) A scan over the slip means the packer has moved on: the message goes too.
  const closeSlip = useCallback(() => setSlip(null), []);
  // The message's follow-up runs as its OK's would (back to the list, the order out of the selection)
  // before the scan is routed.
  const slipClosedByScan = () => {
    setSlip(null);
    closeMessage();
  };
  /** The message closed as its OK closes it: gone, then its follow-up. */
  const closeMessage = () => {
    if (!message) return;
    clearMessageRefusal();
    setMessage(null);
    message.then();
  };
  const slipFallbackFocus = useCallback(() => headingRef.current, []);
  // The allocation dialog gives focus back to "Add"; gone meanwhile (the units given identifiers
  // elsewhere), to "Complete Order"; that gone too (the whole order dispatched elsewhere), to the heading.
  const allocationFallbackFocus = useCallback(() => completeRef.current ?? headingRef.current, []);
  // "Print slip" from the keyboard: Ctrl+Shift+P (Ctrl+P stays the browser's own print); while the
  // "dispatched" message shows, the slip of the parcel it tells of, as its "Print slip" button. While
  // any other dialog is open (the allocation dialog, the slip itself, a message without "Print slip")
  // it does nothing: a slip on top of that dialog, or a refusal on the page behind it where it cannot
  // be read, is not what the packer asked for.
  const slipDispatchId = message?.printable?.dispatchId;
  const messageDialogRef = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        const open = [...document.querySelectorAll('dialog[open]')];
        const onDispatchedMessage = slipDispatchId !== undefined && open.length === 1 && open[0] === messageDialogRef.current;
        if (open.length > 0 && !onDispatchedMessage) return;
        void openSlip(slipDispatchId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openSlip, slipDispatchId]);

  // The order as the bench has it now: read again by the change stream whenever it changes.
  const orderQuery = useBenchQuery(benchKeys.order(orderId), () => api.getOrder({ orderId }));
  const loadError = orderQuery.error?.message ?? null;
  const quantitiesSet = useRef(false);
  const lastRead = useRef<Order | undefined>(undefined);
  const { dispatchedElsewhere, unitsDispatchedElsewhere, ownCompletion } = useDispatchedElsewhere(orderQuery.data);
  useEffect(() => {
    if (!orderQuery.data) return;
    setOrder(orderQuery.data);
    // The packer's quantities stay as typed when the order is read again; one that fitted and no longer
    // does, as part was dispatched elsewhere meanwhile (said in the status), goes down to what remains.
    const read = orderQuery.data;
    const before = lastRead.current;
    lastRead.current = read;
    if (!quantitiesSet.current) setQuantities(defaultQuantities(read));
    else if (before) setQuantities((typed) => lowerToRemaining(typed, before, read));
    quantitiesSet.current = true;
  }, [orderQuery.data]);

  // Focus moves once the order has rendered: to the heading on opening, to "Complete Order" after a save.
  const [focusAfterLoad, setFocusAfterLoad] = useState<'heading' | 'complete' | null>('heading');
  useEffect(() => {
    if (!order || !focusAfterLoad) return;
    (focusAfterLoad === 'heading' ? headingRef : completeRef).current?.focus();
    setFocusAfterLoad(null);
  }, [order, focusAfterLoad]);

  // "Dispatch identifiers needed" takes the focus to "Add", unless the allocation dialog is open (its
  // "Complete Order" answered it): the focus stays in the dialog, on the box it names, not behind it.
  // Following a change made elsewhere (below), the box keeps the focus where it is, or, when it goes
  // from under it, gives it to "Complete Order" (or the order's heading, when none is left).
  // What the box says after following the order read again is said once, politely (the focus stays
  // where the packer has it); what the packer's own presses bring is said where the focus goes.
  const allocatingRef = useRef(allocating);
  allocatingRef.current = allocating;
  const missingFollowed = useRef(false);
  /** "Dispatch identifiers needed" put back after a refused scan's keys took it away: the focus stays in the box, nothing is said of it. */
  const missingPutBack = useRef(false);
  const [missingNews, setMissingNews] = useState('');
  useEffect(() => {
    if (missingPutBack.current) {
      missingPutBack.current = false;
      return;
    }
    if (missingFollowed.current) {
      missingFollowed.current = false;
      setMissingNews(
        missing
          ? `Dispatch identifiers needed now names ${summariseMissing(missing.listed, missing.count)}.`
          : 'No unit needs a dispatch identifier now: Dispatch identifiers needed is gone.',
      );
      // "Complete Order" went too when the whole order was dispatched elsewhere: the order's heading.
      if (!missing && document.activeElement === document.body) (completeRef.current ?? headingRef.current)?.focus();
      return;
    }
    setMissingNews('');
    if (missing && !allocatingRef.current) addRef.current?.focus();
  }, [missing]);

  // The order read again while "Dispatch identifiers needed" shows (identifiers given or part of it
  // dispatched elsewhere): the box names the units the quantities need now, and goes when none are.
  const missingRef = useRef(missing);
  missingRef.current = missing;
  const quantitiesRef = useRef(quantities);
  quantitiesRef.current = quantities;
  const orderRef = useRef(order);
  orderRef.current = order;
  const followOrder = useCallback(() => {
    const shown = missingRef.current;
    const order = orderRef.current;
    // This page's own "Complete Order" (or the dialog's) on its way, read back by the change stream before
    // its answer: no change made elsewhere. Its answer says what is needed, or that the units went; a
    // refusal says neither, and the order as read meanwhile is followed then (below).
    if (!order || !shown || busyRef.current || completingInDialog.current) return;
    const check = checkQuantities(order, quantitiesRef.current);
    const now = check.ok ? missingAfterSave(order, check.lines) : null;
    const same = now !== null && now.count === shown.count && now.listed.length === shown.listed.length && now.listed.every((m, i) => m.lineId === shown.listed[i]?.lineId && m.unit === shown.listed[i]?.unit);
    if (same) return;
    missingFollowed.current = true;
    setMissing(now);
  }, []);
  useEffect(() => followOrder(), [order, followOrder]);

  // The order (nothing is left to add), or a line of it, dispatched elsewhere: a focused control that
  // went with it ("Complete Order", the line's quantity box) leaves the focus to the order's heading,
  // not the page.
  useEffect(() => {
    if (!dispatchedElsewhere && unitsDispatchedElsewhere === 0) return;
    if (dispatchedElsewhere) setMissing(null);
    if (document.activeElement === null || document.activeElement === document.body) headingRef.current?.focus();
  }, [dispatchedElsewhere, unitsDispatchedElsewhere]);

  /**
   * Leaving while "Complete Order" (the page's, or the allocation dialog's) is on its way is refused:
   * its answer (the "dispatched" message, identifiers still needed, or a refused quantity) is for this
   * page, and would be lost. "Back to orders" here; the app's other ways out (navigation, a routed scan,
   * closing, the dialog's Cancel) by the busy guard, which says why in the dialog while it is open.
   */
  const stillCompleting = () =>
    (busyRef.current || completingInDialog.current) && order ? `Order ${order.orderNumber} is still being completed: wait for the answer before leaving this order.` : null;
  const completionEnded = useBusyGuard({ busy: stillCompleting, refuse: (why) => (refusalsInDialog.current ?? refuse)(why) });

  /**
   * The completion's answer as shown: the bench takes "Complete Order" again only once the answer's
   * screen is there (after the commit that shows it, and moves the focus to "Add", the box to fix or the
   * message). An Enter typed in between is the typed-ahead one, not a second completion.
   */
  const [answerShown, setAnswerShown] = useState<{ identifiersNeeded: boolean } | null>(null);
  useEffect(() => {
    if (!answerShown) return;
    busyRef.current = false;
    completionEnded();
    const typedAhead = enterAhead.current;
    enterAhead.current = false;
    // The Enter typed ahead lands on "Add", which has the focus now.
    if (answerShown.identifiersNeeded && typedAhead) setAllocating(true);
    // Refused (or dispatched, the box gone): the order read again while it ran is followed now.
    if (!answerShown.identifiersNeeded) followOrder();
  }, [answerShown, completionEnded, followOrder]);

  /**
   * fromKeyboard: Enter (or Space) on "Complete Order" or in a quantity box, not a mouse click. Pressed
   * again while the completion is on its way: the first key is the one typed ahead (above); a click, or
   * a key beyond that one, is refused in words, as every busy button here (a silent press reads as a
   * press not taken).
   */
  async function complete(fromKeyboard = false) {
    if (!order) return;
    if (busyRef.current) {
      // The answer is in, not yet shown: the press is for its screen (a key, the one typed ahead), not
      // refused over it (the refusal would stay, the answer having cleared the page's refusals already).
      if (answerIn.current) {
        if (fromKeyboard) enterAhead.current = true;
        return;
      }
      if (fromKeyboard && !enterAhead.current) enterAhead.current = true;
      else refuse('Already completing the order: wait for Complete Order to answer.');
      return;
    }
    clearRefusal();
    setToReplace(null);
    const check = checkQuantities(order, quantities);
    if (!check.ok) {
      setProblems(check.problems);
      refuse(check.summary);
      focusFirstProblem(check.problems);
      return;
    }
    setProblems(new Map());
    busyRef.current = true;
    answerIn.current = false;
    enterAhead.current = false;
    setBusy(true);
    let result: Awaited<ReturnType<BenchApi['completeOrder']>>;
    try {
      result = await ownCompletion(() => api.completeOrder({ orderId, lines: check.lines }));
    } catch (error) {
      busyRef.current = false;
      completionEnded();
      throw error;
    } finally {
      answerIn.current = true;
      setBusy(false);
    }
    // "Back to orders" refused meanwhile: the answer is here now, and says what happened instead.
    clearRefusal();
    setAnswerShown({ identifiersNeeded: result.ok && result.value.status === 'identifiers_needed' });
    if (!result.ok) {
      const refused = new Map(result.error.issues.flatMap((i) => (i.lineId !== undefined ? [[i.lineId, i.message] as const] : [])));
      setProblems(refused);
      refuse(refusedCompletionSummary(order, result.error.message, result.error.issues));
      // Units whose identifier may not go out: the fix is in the allocation dialog (focus to its opener, set above).
      const units = unitsToReplace(order, result.error.issues);
      if (units.length > 0) {
        // The core tells these before any unit without an identifier: "Dispatch identifiers needed" from an
        // earlier press would hide "Change identifiers" (and take the dialog to its unit, not these). What is
        // still needed is told again by the next "Complete Order".
        setMissing(null);
        setToReplace(units);
      } else focusFirstProblem(refused);
      return;
    }
    if (result.value.status === 'identifiers_needed') {
      // Not completed: a refusal, so it beeps like one; "Add" (focused) says which units are missing.
      beepRefusal();
      setMissing({ listed: result.value.missing, count: result.value.missingCount });
      return;
    }
    showDispatched(result.value.dispatchId, result.value.order, check.lines);
  }

  /**
   * A barcode scanned into a quantity box (a keyboard wedge: characters a few ms apart, then Enter): a
   * quantity is typed, not scanned. The box keeps what it held before the scan, its Enter is not
   * "Complete Order", and the scan is refused in words naming it and the box (shown, beeped, announced).
   * Digits typed by hand, and a person's Enter, act as ever (onOtherKey).
   */
  const scannedLine = useRef<number | null>(null);
  /** "Dispatch identifiers needed" as it was before a quantity box's keys took it away, and when. */
  const missingClearedByKeys = useRef<{ missing: typeof missing; at: number } | null>(null);
  const quantityScan = useScanInBox(
    (scanned, entry) => {
      const line = order?.lines.find((l) => l.lineId === scannedLine.current);
      if (!line) return;
      const value = trimScannerInput(scanned);
      setQuantities((q) => new Map(q).set(line.lineId, entry.before));
      const cleared = missingClearedByKeys.current;
      if (cleared && cleared.at >= entry.startedAt && cleared.missing) {
        missingPutBack.current = true;
        setMissing(cleared.missing);
      }
      missingClearedByKeys.current = null;
      const kept = entry.before === '' ? 'the box stays empty' : `the box keeps ${entry.before}`;
      refuse(
        `Scanned "${value}" into the dispatch quantity for ${line.sku}: a quantity is typed, not scanned; ${kept}. Nothing was dispatched. To look up the scan, leave the box (Tab), then scan it again.`,
      );
    },
    (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void complete(true);
      }
    },
  );

  /** A refusal marked at the boxes takes focus to the first one, so the keyboard is where the fix is. */
  function focusFirstProblem(refused: ReadonlyMap<number, string>) {
    const first = order?.lines.find((l) => refused.has(l.lineId));
    if (first) document.getElementById(`${headingId}-qty-${first.lineId}`)?.focus();
  }

  /**
   * The dialog's completion answered: told to the busy guard after the commit that shows the answer (set
   * with it), so a window close kept meanwhile closes over the answer, not over the dialog's boxes. A
   * refusal says nothing of the order, so the order read again while it ran is followed then, as after
   * the page's own.
   */
  const [dialogAnswerShown, setDialogAnswerShown] = useState<{ refused: boolean } | null>(null);
  useEffect(() => {
    if (!dialogAnswerShown) return;
    completionEnded();
    if (dialogAnswerShown.refused) followOrder();
  }, [dialogAnswerShown, completionEnded, followOrder]);
  /** The allocation dialog's "Complete Order" on its way (its call is made here, by completeWithBoxes). */
  const completingInDialog = useRef(false);
  /** While the allocation dialog is open: says a refusal in the dialog's alert (filled by the dialog). */
  const refusalsInDialog = useRef<((message: string) => void) | null>(null);
  /** The "Dispatch now" numbers as typed, for the dialog's check before its "Complete Order" sends anything. */
  const dispatchNowNumbers = useCallback(() => typedQuantities(quantitiesRef.current), []);
  /** "Complete Order" in the allocation dialog: its boxes are saved with the completion, in one call. */
  const completeWithBoxes: CompleteWithBoxes = async (allocations, fefoFill) => {
    const check = order ? checkQuantities(order, quantities) : null;
    if (!check?.ok) {
      // The order page's quantities are refused: said in the words the page would say them.
      const message = check ? `${check.summary} Nothing was saved.` : 'Check the dispatch quantities of the order first: nothing was saved.';
      return { ok: false, error: { code: 'validation', message, issues: [] } };
    }
    // Under the busy guard as the page's own "Complete Order": leaving meanwhile would lose the answer.
    completingInDialog.current = true;
    let result: Awaited<ReturnType<BenchApi['completeOrder']>>;
    try {
      result = await ownCompletion(() => api.completeOrder({ orderId, lines: check.lines, allocations, ...(fefoFill ? { fefoFill } : {}) }));
    } catch (error) {
      completingInDialog.current = false;
      setDialogAnswerShown({ refused: true });
      throw error;
    }
    completingInDialog.current = false;
    setDialogAnswerShown({ refused: !result.ok });
    if (!result.ok) return result;
    if (result.value.status === 'identifiers_needed') {
      setMissing({ listed: result.value.missing, count: result.value.missingCount });
      return result;
    }
    setAllocating(false);
    showDispatched(result.value.dispatchId, result.value.order, check.lines);
    return result;
  };

  function showDispatched(dispatchId: number, dispatched: Order, lines: ReadonlyArray<{ quantity: number }>) {
    void loadSlipView(); // "Print slip" on the message then shows the slip without waiting for its code
    const units = lines.reduce((n, l) => n + l.quantity, 0);
    // A refusal of an earlier press (fixed since in the allocation dialog) is not this dispatch's answer.
    clearRefusal();
    setProblems(new Map());
    setMissing(null);
    setToReplace(null);
    setOrder(dispatched);
    // The quantities just sent are not typed again by a stray Enter: every box shows what it shows when
    // the order is opened, for what remains now (a line with nothing left has no box).
    setQuantities(defaultQuantities(dispatched));
    setMessage({
      title: dispatched.status === 'dispatched' ? `Order ${dispatched.orderNumber} dispatched` : `Order ${dispatched.orderNumber} partly dispatched`,
      body:
        dispatched.status === 'dispatched'
          ? `${counted(units, 'unit', 'units')} dispatched. The order is complete.`
          : `${counted(units, 'unit', 'units')} dispatched. ${counted(dispatched.unitsRemaining, 'unit remains', 'units remain')} awaiting dispatch.`,
      then: () => onDispatched(dispatched),
      printable: { dispatchId },
    });
  }

  function back() {
    const why = stillCompleting();
    if (why !== null) {
      refuse(why);
      return;
    }
    onBack();
  }

  // Only an order never read replaces the page: a later read that fails keeps the order shown as last
  // read (and the packer's place in it), saying so.
  if (loadError && !order) {
    return (
      <section className="order-details">
        <ErrorText>{loadError}</ErrorText>
        <button type="button" onClick={onBack}>Back to orders</button>
      </section>
    );
  }
  if (!order) return <p className="loading">Loading the order…</p>;

  const awaiting = order.status === 'awaiting';
  const takesIdentifiers = order.lines.some((l) => l.identifierMode !== 'none' && l.remaining > 0);
  return (
    <section className="order-details" aria-labelledby={headingId}>
      <div className="toolbar">
        <button type="button" onClick={back}>
          <span aria-hidden="true">← </span>Back to orders
        </button>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Order {order.orderNumber}
        </h2>
        <p className="muted">
          {order.customer} · {awaiting ? `${withThousands(order.unitsRemaining)} of ${counted(order.unitsOrdered, 'unit', 'units')} to dispatch` : 'Dispatched'}
        </p>
      </div>
      {refusal.message && <ErrorText again={refusal.key}>{refusal.message}</ErrorText>}
      {dispatchedElsewhere ? (
        <p role="status">Order {order.orderNumber} was dispatched elsewhere while it was open here; see its dispatch history.</p>
      ) : (
        unitsDispatchedElsewhere > 0 && (
          <p role="status">
            {counted(unitsDispatchedElsewhere, 'unit', 'units')} of order {order.orderNumber} {unitsDispatchedElsewhere === 1 ? 'was' : 'were'} dispatched elsewhere while it was open
            here; the quantities to dispatch now go up to what remains.
          </p>
        )
      )}
      {loadError && (
        <ErrorText>Order {order.orderNumber} could not be read again ({loadError}); it is shown as last read.</ErrorText>
      )}
      <OrderConflicts api={api} orderId={orderId} />
      <table className="lines-table">
        <caption className="visually-hidden">Lines of order {order.orderNumber}</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Product</th>
            <th scope="col">Ordered</th>
            <th scope="col">Dispatched</th>
            <th scope="col">Remaining</th>
            <th scope="col">Identifiers</th>
            <th scope="col">Dispatch now</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => {
            const inputId = `${headingId}-qty-${line.lineId}`;
            const problem = problems.get(line.lineId);
            return (
              <tr key={line.lineId}>
                <td>{line.sku}</td>
                <td>
                  {line.title}
                  <div className="muted small">{IDENTIFIER_MODE_LABELS[line.identifierMode]}</div>
                </td>
                <td>{withThousands(line.ordered)}</td>
                <td>{withThousands(line.dispatched)}</td>
                <td>{withThousands(line.remaining)}</td>
                <td>
                  {line.identifierMode === 'none' ? (
                    <span className="muted">Not needed</span>
                  ) : line.allocations.length === 0 ? (
                    <span>None yet</span>
                  ) : (
                    <ul className="identifier-list">
                      {line.allocations.map((a) => (
                        <li key={a.unit}>
                          Unit {a.unit}: <code>{identifierText(line.identifierKind, a.value, a.useBy)}</code>
                          {a.dispatched ? ' (dispatched)' : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {awaiting && line.remaining > 0 ? (
                    <>
                      <label htmlFor={inputId} className="visually-hidden">
                        Dispatch quantity for {line.sku}
                      </label>
                      <input
                        id={inputId}
                        className="quantity-input"
                        // Not a number box: Chromium's dropped a typed comma or space ("2,5" dispatched
                        // 25, unsaid); what was typed is read, and refused naming it (checkQuantities).
                        type="text"
                        inputMode="numeric"
                        autoComplete="off"
                        value={quantities.get(line.lineId) ?? ''}
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={problem ? `${inputId}-problem` : undefined}
                        onChange={(e) => {
                          setQuantities((q) => new Map(q).set(line.lineId, e.target.value));
                          // The units "Dispatch identifiers needed" names were for the quantities as they were:
                          // it goes, and "Complete Order" says what the new ones need (put back if the keys were a scan).
                          if (missing) missingClearedByKeys.current = { missing, at: e.timeStamp };
                          setMissing(null);
                        }}
                        onMouseDown={quantityScan.onMouseDown}
                        onFocus={quantityScan.onFocus}
                        onKeyDown={(e) => {
                          scannedLine.current = line.lineId;
                          quantityScan.onKeyDown(e);
                        }}
                      />
                      {problem && (
                        <p id={`${inputId}-problem`} className="box-problem">
                          <span aria-hidden="true">⚠ </span>
                          {problem}
                        </p>
                      )}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {/* Always rendered, so a screen reader announces the text when it appears. */}
      <p role="status" className="needed-news visually-hidden">
        {missingNews}
      </p>
      {missing && (
        <section className="needed-box" aria-labelledby={`${headingId}-needed`}>
          <h3 id={`${headingId}-needed`}>Dispatch identifiers needed</h3>
          <p id={`${headingId}-needed-units`}>
            Add identifiers for{' '}
            {summariseMissing(missing.listed, missing.count)} before completing the order.
          </p>
          <button ref={addRef} type="button" className="primary" aria-describedby={`${headingId}-needed-units`} onClick={() => setAllocating(true)}>
            Add
          </button>
        </section>
      )}
      {toReplace && !missing && (
        <section className="needed-box" aria-labelledby={`${headingId}-replace`}>
          <h3 id={`${headingId}-replace`}>Dispatch identifiers to change</h3>
          <p id={`${headingId}-replace-units`}>
            Choose other identifiers for {summariseMissing(toReplace, toReplace.length)} before completing the order.
          </p>
          <button ref={replaceRef} type="button" className="primary" aria-describedby={`${headingId}-replace-units`} onClick={() => setAllocating(true)}>
            Change identifiers
          </button>
        </section>
      )}
      {awaiting && (
        <div className="actions-row">
          <button ref={completeRef} type="button" className="primary" onClick={(e) => void complete(e.detail === 0)} aria-busy={busy || undefined}>
            Complete Order
          </button>
          {/* The identifiers given can be changed here too (a wrong serial caught before packing), not only
              from the order list's Actions; "Add" and "Change identifiers" above do it when those show. */}
          {!missing && !toReplace && takesIdentifiers && (
            <button type="button" onClick={() => setAllocating(true)}>
              Dispatch Identifiers
            </button>
          )}
        </div>
      )}
      {order.dispatches.length > 0 && (
        <div className="actions-row">
          <button type="button" onClick={() => void openSlip()} aria-keyshortcuts="Control+Shift+P">
            Print slip
          </button>
        </div>
      )}
      {slip && (
        <Suspense fallback={<SlipLoading fromMessage={message !== null} />}>
          <PackingSlipView api={api} slip={slip} onClose={closeSlip} onClosedByScan={slipClosedByScan} fallbackFocus={slipFallbackFocus} />
        </Suspense>
      )}
      {order.dispatches.length > 0 && (
        <section aria-labelledby={`${headingId}-history`}>
          <h3 id={`${headingId}-history`}>Dispatch history</h3>
          <ul className="history-list">
            {order.dispatches.map((d) => (
              <li key={d.dispatchId}>
                {timeWithZone(d.at)} at {d.stationName}:{' '}
                {d.lines.map((l) => `${l.quantity} × ${l.sku}${l.identifiers.length ? ` (${dispatchedIdentifiers(order, l).join(', ')})` : ''}`).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
      {allocating && (
        <AllocationDialog
          api={api}
          orderIds={orderIds}
          needed={missing?.listed ?? NONE_MISSING}
          neededCount={missing?.count ?? 0}
          toReplace={toReplace ?? NONE_MISSING}
          completeWith={completeWithBoxes}
          dispatchNow={dispatchNowNumbers}
          refusalsHere={refusalsInDialog}
          fallbackFocus={allocationFallbackFocus}
          onCancel={() => setAllocating(false)}
          onSaved={(_orders, changed) => {
            setAllocating(false);
            setToReplace(null);
            setMessage({
              title: 'Dispatch identifiers saved',
              body:
                changed > 0
                  ? `The dispatch identifiers have been saved against order ${order.orderNumber}.`
                  : `No identifiers were changed for order ${order.orderNumber}.`,
              // What is still missing, read off the order as saved (a save may have changed nothing):
              // focus to "Add" while some units lack identifiers, to "Complete Order" once none do.
              then: () => {
                void orderQuery.refetch().then((read) => {
                  // Not read: what was missing stays listed (the alert says why), and "Add" keeps the focus.
                  if (read.isError) {
                    beepRefusal();
                    addRef.current?.focus();
                    return;
                  }
                  const check = read.data ? checkQuantities(read.data, quantities) : null;
                  const left = read.data && check?.ok ? missingAfterSave(read.data, check.lines) : null;
                  setMissing(left);
                  if (!left) setFocusAfterLoad('complete');
                });
              },
            });
          }}
        />
      )}
      {message && !slip && (
        <MessageDialog
          title={message.title}
          dialogRef={messageDialogRef}
          onClose={closeMessage}
          actions={
            message.printable && (
              <button type="button" onClick={() => void openSlip(message.printable?.dispatchId)} aria-keyshortcuts="Control+Shift+P">
                Print slip
              </button>
            )
          }
        >
          <p>{message.body}</p>
          {messageRefusal.message && <ErrorText again={messageRefusal.key}>{messageRefusal.message}</ErrorText>}
        </MessageDialog>
      )}
    </section>
  );
}
