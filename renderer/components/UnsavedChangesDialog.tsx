import { useId } from 'react';
import { Dialog } from './dialog/Dialog.js';
import { ErrorText } from './ErrorText.js';

export type UnsavedChoice = 'save' | 'discard' | 'stay';

/**
 * The question before leaving unsaved edits: "Save", "Discard" or "Stay". An alert dialog (APG: it
 * interrupts and needs an answer), described by its question, on the Dialog primitive (modal, stacks
 * above another open modal such as the allocation dialog; focus goes back to what had it when the
 * question opened, however it closes); Escape means Stay. `refusal`: what the asker refused last (a
 * press while saving, a save that failed, another way out meanwhile), shown and announced anew each time.
 */
export function UnsavedChangesDialog({
  what,
  busy,
  refusal,
  onChoose,
}: {
  what: string;
  busy: boolean;
  refusal: { message: string | null; key: number };
  onChoose: (choice: UnsavedChoice) => void;
}) {
  const textId = useId();
  return (
    <Dialog title="Unsaved changes" role="alertdialog" describedBy={textId} className="message-dialog unsaved-dialog" onCancel={() => onChoose('stay')}>
      <p id={textId}>
        {what} Save them before leaving, discard them, or stay here?
      </p>
      {busy && <p role="status">Saving…</p>}
      {refusal.message && <ErrorText again={refusal.key}>{refusal.message}</ErrorText>}
      <div className="unsaved-actions">
        <button type="button" className="primary" autoFocus aria-disabled={busy || undefined} onClick={() => onChoose('save')}>
          Save
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => onChoose('discard')}>
          Discard
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => onChoose('stay')}>
          Stay
        </button>
      </div>
    </Dialog>
  );
}
