import type { ReactNode } from 'react';
import { Dialog } from './dialog/Dialog.js';

/**
 * A modal message with one "OK" button, as users know it from "Save Changes" confirmations.
 * Escape and OK both close it, and focus goes back to whatever opened it (see Dialog).
 */
export function MessageDialog({ title, children, onClose }: { title: string; children?: ReactNode; onClose: () => void }) {
  return (
    <Dialog title={title} onCancel={onClose} className="message-dialog">
      {children}
      <button type="button" className="primary" autoFocus onClick={onClose}>
        OK
      </button>
    </Dialog>
  );
}
