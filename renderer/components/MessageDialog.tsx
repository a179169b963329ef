import type { ReactNode, Ref } from 'react';
import { Dialog } from './dialog/Dialog.js';

/**
 * A modal message with one "OK" button, as users know it from "Save Changes" confirmations.
 * Escape and OK both close it, and focus goes back to whatever opened it (see Dialog). It holds
 * nothing to lose: a scan made while it shows closes it as OK would (its onClose runs), and is then
 * routed as if it had not been open (scanner/scan-closes-dialog.ts); the scan's Enter never presses OK.
 */
export function MessageDialog({
  title,
  children,
  onClose,
  dialogRef,
  fallbackFocus,
}: {
  title: string;
  children?: ReactNode;
  onClose: () => void;
  dialogRef?: Ref<HTMLDialogElement>;
  /** Where focus goes when the opener is gone by the time it closes (see Dialog). */
  fallbackFocus?: () => HTMLElement | null | undefined;
}) {
  return (
    <Dialog title={title} onCancel={onClose} onClosedByScan={onClose} className="message-dialog" dialogRef={dialogRef} fallbackFocus={fallbackFocus}>
      {children}
      <button type="button" className="primary" autoFocus onClick={onClose}>
        OK
      </button>
    </Dialog>
  );
}
