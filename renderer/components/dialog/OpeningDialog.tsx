/**
 * What shows, at once, while a lazily loaded dialog's code is still on its way (the first seconds after
 * start, a slow disk): a modal named as the dialog will be ("Opening Allocate Dispatch Identifiers…"),
 * the focus inside it, so the keys typed meanwhile (a scan fired right after the press) reach it and
 * not the page behind, which would route a scan as a lookup and leave the screen. The dialog's own
 * typed-ahead handler (`onKeyDownCapture`) keeps them for the dialog. Escape or Cancel stops the
 * opening; the focus goes back to the opener, as on closing any dialog.
 */
import type { KeyboardEventHandler } from 'react';
import { Dialog } from './Dialog.js';

export interface OpeningDialogProps {
  /** The dialog's own title: this one is named "Opening <title>…". */
  title: string;
  onCancel: () => void;
  onKeyDownCapture?: KeyboardEventHandler<HTMLDialogElement>;
}

export function OpeningDialog({ title, onCancel, onKeyDownCapture }: OpeningDialogProps) {
  return (
    <Dialog title={`Opening ${title}…`} onCancel={onCancel} onKeyDownCapture={onKeyDownCapture}>
      <p className="loading" role="status">
        Loading…
      </p>
      <footer className="dialog-footer">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </footer>
    </Dialog>
  );
}
