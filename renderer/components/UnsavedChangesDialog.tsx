import { useEffect, useId, useRef } from 'react';

export type UnsavedChoice = 'save' | 'discard' | 'stay';

/**
 * The question before leaving unsaved edits: "Save", "Discard" or "Stay". A modal native <dialog>
 * (focus trapped; it stacks above another open modal such as the allocation dialog); Escape means
 * Stay. Self-contained, on the MessageDialog pattern.
 */
export function UnsavedChangesDialog({ what, busy, onChoose }: { what: string; busy: boolean; onChoose: (choice: UnsavedChoice) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={textId}
      className="message-dialog unsaved-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onChoose('stay');
      }}
    >
      <h2 id={titleId}>Unsaved changes</h2>
      <p id={textId}>
        {what} Save them before leaving, discard them, or stay here?
      </p>
      {busy && <p role="status">Saving…</p>}
      <div className="unsaved-actions">
        <button type="button" className="primary" autoFocus disabled={busy} onClick={() => onChoose('save')}>
          Save
        </button>
        <button type="button" disabled={busy} onClick={() => onChoose('discard')}>
          Discard
        </button>
        <button type="button" disabled={busy} onClick={() => onChoose('stay')}>
          Stay
        </button>
      </div>
    </dialog>
  );
}
