/**
 * Plain messages (information with nothing to lose: "Order SO-7 dispatched") opt in to being closed by
 * a scan: the global scan closes them, as their OK would, and routes the scan as if they had not been
 * open. Every other open dialog (the allocation dialog, a question about unsaved work) keeps scans to
 * itself. The opt-in is an attribute on the open <dialog>; the close is an event sent to it.
 */

/** On a <dialog> a scan may close: `<dialog data-closes-on-scan>`. */
export const CLOSES_ON_SCAN_ATTRIBUTE = 'data-closes-on-scan';
/** Sent to such a dialog when a scan closes it (before the scan is routed). */
export const SCAN_CLOSES_EVENT = 'bench:scan-closes';

/** The open modal dialogs that keep scans to themselves: those that did not opt in. */
export function scanKeepingModalIsOpen(): boolean {
  return document.querySelector(`dialog[open]:not([${CLOSES_ON_SCAN_ATTRIBUTE}])`) !== null;
}

/** Closes every open dialog that opted in (each closes itself, synchronously, on the event). */
export function closeDialogsForScan(): void {
  for (const dialog of document.querySelectorAll<HTMLDialogElement>(`dialog[open][${CLOSES_ON_SCAN_ATTRIBUTE}]`)) {
    dialog.dispatchEvent(new Event(SCAN_CLOSES_EVENT));
  }
}
