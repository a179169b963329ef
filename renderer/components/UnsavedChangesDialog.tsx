import { useId } from 'react';
import { Dialog } from './dialog/Dialog.js';

export type UnsavedChoice = 'save' | 'discard' | 'stay';

/**
 * The question before leaving unsaved edits: "Save", "Discard" or "Stay". On the Dialog primitive
 * (modal, stacks above another open modal such as the allocation dialog; focus goes back to what
 * had it when the question opened, however it closes); Escape means Stay.
 */
export function UnsavedChangesDialog({ what, busy, onChoose }: { what: string; busy: boolean; onChoose: (choice: UnsavedChoice) => void }) {
  const textId = useId();
  return (
    <Dialog
      title="Unsaved changes"
      describedBy={textId}
      className="message-dialog unsaved-dialog"
      onCancel={() => {
        if (!busy) onChoose('stay');
      }}
    >
      <p id={textId}>
        {what} Save them before leaving, discard them, or stay here?
      </p>
      {busy && <p role="status">Saving…</p>}
      <div className="unsaved-actions">
        <button type="button" className="primary" autoFocus aria-disabled={busy || undefined} onClick={() => !busy && onChoose('save')}>
          Save
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => !busy && onChoose('discard')}>
          Discard
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => !busy && onChoose('stay')}>
          Stay
        </button>
      </div>
    </Dialog>
  );
}
