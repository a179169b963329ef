import { useId, type ReactNode, type Ref } from 'react';
import { Dialog } from './dialog/Dialog.js';

/**
 * A modal message with one "OK" button, as users know it from "Save Changes" confirmations.
 * Escape and OK both close it, and focus goes back to whatever opened it (see Dialog). It holds
 * nothing to lose: a scan made while it shows closes it as OK would (its onClose runs), and is then
 * routed as if it had not been open (scanner/scan-closes-dialog.ts); the scan's Enter never presses OK.
 * Its text is the dialog's description: a screen reader says it with the title as OK takes the focus
 * (it said "Order SO-7 partly dispatched, OK" and never what remained). Buttons besides OK go in
 * `actions`, after the text and out of the description.
 */
export function MessageDialog({
  title,
  children,
  actions,
  onClose,
  dialogRef,
  fallbackFocus,
}: {
  title: string;
  children?: ReactNode;
  /** Buttons shown before OK (e.g. "Print slip"), not read as part of the message. */
  actions?: ReactNode;
  onClose: () => void;
  dialogRef?: Ref<HTMLDialogElement>;
  /** Where focus goes when the opener is gone by the time it closes (see Dialog). */
  fallbackFocus?: () => HTMLElement | null | undefined;
}) {
  const bodyId = useId();
  return (
    <Dialog
      title={title}
      onCancel={onClose}
      onClosedByScan={onClose}
      className="message-dialog"
      dialogRef={dialogRef}
      fallbackFocus={fallbackFocus}
      describedBy={children === undefined ? undefined : bodyId}
    >
      {children !== undefined && <div id={bodyId}>{children}</div>}
      {actions}
      <button type="button" className="primary" autoFocus onClick={onClose}>
        OK
      </button>
    </Dialog>
  );
}
