/**
 * The one modal of the app, on the native <dialog> (showModal: focus is trapped, the page behind
 * is inert, Escape asks to close). It is open while mounted: the parent closes it by unmounting it.
 *
 * Focus goes back to the opener on every way of closing (Escape, OK, Cancel, an action, the parent
 * unmounting it for any reason): the opener is the element that had focus just before showModal,
 * and it is focused again in a layout-effect cleanup, after `close()` and before React removes the
 * element, so the next scan lands where the packer was.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type KeyboardEventHandler, type ReactNode, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { CLOSES_ON_SCAN_ATTRIBUTE, SCAN_CLOSES_EVENT } from '../../scanner/scan-closes-dialog.js';
import { isTextEntry } from '../../scanner/text-entry.js';
import { useOpenerFocus } from './use-opener-focus.js';

const FOCUSABLE = 'input:not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex="0"]';

export interface DialogProps {
  /** The dialog's title (its accessible name), shown as its heading unless `heading` is false. */
  title: string;
  /** Escape asks to close: the parent decides (usually by unmounting). */
  onCancel: () => void;
  children?: ReactNode;
  className?: string;
  /** False: the parent renders its own heading and labels the dialog with `labelledBy`. */
  heading?: boolean;
  labelledBy?: string;
  describedBy?: string;
  /** Where focus goes when the opener is gone by the time the dialog closes. */
  fallbackFocus?: () => HTMLElement | null | undefined;
  onKeyDownCapture?: KeyboardEventHandler<HTMLDialogElement>;
  dialogRef?: Ref<HTMLDialogElement>;
  /** "alertdialog": a question that interrupts (APG alert dialog); describe it with `describedBy`. */
  role?: 'alertdialog';
  /**
   * A plain message with nothing to lose: a scan made while it is open closes it with this (as its OK
   * would) and is then routed as if it had not been open (scanner/scan-closes-dialog.ts). Left out, the
   * dialog keeps scans to itself.
   */
  onClosedByScan?: () => void;
  /**
   * With `onClosedByScan`: a scan closes it even when it opened while a text box had the focus (the
   * packing slip, opened by Ctrl+Shift+P from a quantity box): it takes no scan of its own, so a kept
   * scan's Enter would only press its focused button.
   */
  closedByScanWhateverOpenedIt?: boolean;
}

export function Dialog(props: DialogProps) {
  const { title, onCancel, children, className, heading = true, labelledBy, describedBy, fallbackFocus, onKeyDownCapture, dialogRef, role, onClosedByScan, closedByScanWhateverOpenedIt = false } = props;
  const ownRef = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const onCancelRef = useRef(onCancel);
  onCancelRef.current = onCancel;
  const onClosedByScanRef = useRef(onClosedByScan);
  onClosedByScanRef.current = onClosedByScan;
  // Opened from a text box (a grid box the packer kept scanning into while a long save ran), the scan
  // would have gone into that box, not to the app: routed after closing, it would leave the screen.
  // Such a message keeps the scan, as every other dialog does, unless nothing in it takes a scan.
  const [openedFromTextBox, setOpenedFromTextBox] = useState(false);
  const closesOnScan = onClosedByScan !== undefined && (!openedFromTextBox || closedByScanWhateverOpenedIt);
  const { remember, restore } = useOpenerFocus(fallbackFocus);
  // Rendered once per mount: keeps React from re-running the open effect on every render.
  const [setRef] = useState(() => (element: HTMLDialogElement | null) => {
    ownRef.current = element;
    if (typeof dialogRef === 'function') dialogRef(element);
    else if (dialogRef) (dialogRef as { current: HTMLDialogElement | null }).current = element;
  });

  // The content mounts once the dialog is open (a second render before the first paint): its
  // layout effects then see it laid out (a virtual list measuring a closed dialog finds no room
  // and drops the rows, and the focus with them) and its focus calls land.
  const [opened, setOpened] = useState(false);
  useLayoutEffect(() => {
    const dialog = ownRef.current;
    setOpenedFromTextBox(isTextEntry(document.activeElement));
    remember();
    if (dialog && !dialog.open) dialog.showModal();
    setOpened(true);
    return () => {
      if (dialog?.open) dialog.close();
      restore();
    };
  }, [remember, restore]);

  // Closed by a scan: at once (flushSync), so the focus is back on the opener and the message's
  // follow-up has run before the scan is routed.
  useEffect(() => {
    const dialog = ownRef.current;
    if (!dialog || !closesOnScan) return;
    const onScanCloses = () => flushSync(() => onClosedByScanRef.current?.());
    dialog.addEventListener(SCAN_CLOSES_EVENT, onScanCloses);
    return () => dialog.removeEventListener(SCAN_CLOSES_EVENT, onScanCloses);
  }, [closesOnScan]);

  // Content that takes no focus itself: the first control gets it, never the page behind.
  useEffect(() => {
    const dialog = ownRef.current;
    if (!opened || !dialog) return;
    const active = document.activeElement;
    if (active && active !== dialog && dialog.contains(active)) return;
    dialog.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [opened]);

  // Tab from the last control goes to the first, Shift+Tab from the first to the last (APG modal
  // dialog): the native modal lets the focus out to the page itself, where it is nowhere to be seen.
  // A Tab a control inside has taken for itself (a scan ending in Tab) is left to it.
  function keepTabInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab' || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    const stops = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last || document.activeElement !== (event.shiftKey ? first : last)) return;
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }

  return (
    <dialog
      ref={setRef}
      role={role}
      className={className ? `app-dialog ${className}` : 'app-dialog'}
      aria-labelledby={heading ? titleId : labelledBy}
      aria-label={!heading && !labelledBy ? title : undefined}
      aria-describedby={describedBy}
      {...(closesOnScan ? { [CLOSES_ON_SCAN_ATTRIBUTE]: '' } : {})}
      onKeyDownCapture={onKeyDownCapture}
      onKeyDown={keepTabInside}
      onCancel={(event) => {
        // The browser would close the dialog itself; the parent decides instead.
        event.preventDefault();
        onCancelRef.current();
      }}
    >
      {heading && <h2 id={titleId}>{title}</h2>}
      {opened && children}
    </dialog>
  );
}
