import { useId } from 'react';
import { Dialog } from './dialog/Dialog.js';
import { ErrorText } from './ErrorText.js';
import { useRefusal } from './use-refusal.js';

export type UnsavedChoice = 'save' | 'discard' | 'stay';

/**
 * The question before leaving unsaved edits: "Save", "Discard" or "Stay". On the Dialog primitive
 * (modal, stacks above another open modal such as the allocation dialog; focus goes back to what
 * had it when the question opened, however it closes); Escape means Stay. While its save runs, a
 * choice (or Escape) is refused in words, beeped and announced, the focus kept where it is.
 */
export function UnsavedChangesDialog({ what, busy, onChoose }: { what: string; busy: boolean; onChoose: (choice: UnsavedChoice) => void }) {
  const textId = useId();
  const refusal = useRefusal();
  const choose = (choice: UnsavedChoice) => (busy ? refusal.refuse('Already saving: wait for Save to answer.') : onChoose(choice));
  return (
    <Dialog title="Unsaved changes" describedBy={textId} className="message-dialog unsaved-dialog" onCancel={() => choose('stay')}>
      <p id={textId}>
        {what} Save them before leaving, discard them, or stay here?
      </p>
      {busy && <p role="status">Saving…</p>}
      {busy && refusal.message && <ErrorText again={refusal.key}>{refusal.message}</ErrorText>}
      <div className="unsaved-actions">
        <button type="button" className="primary" autoFocus aria-disabled={busy || undefined} onClick={() => choose('save')}>
          Save
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => choose('discard')}>
          Discard
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => choose('stay')}>
          Stay
        </button>
      </div>
    </Dialog>
  );
}
