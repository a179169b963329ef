import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal message with one "OK" button, as users know it from "Save Changes" confirmations.
 * Uses the native <dialog> so focus is trapped and Escape closes it.
 */
export function MessageDialog({ title, children, onClose }: { title: string; children?: ReactNode; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(); }} className="message-dialog">
      <h2 id={titleId}>{title}</h2>
      {children}
      <button type="button" className="primary" autoFocus onClick={onClose}>OK</button>
    </dialog>
  );
}
