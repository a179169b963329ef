import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal message with one "OK" button, as users know it from "Save Changes" confirmations.
 * Uses the native <dialog> so focus is trapped and Escape closes it.
 */
export function MessageDialog({ title, children, onClose }: { title: string; children?: ReactNode; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="message-dialog-title" onCancel={(e) => { e.preventDefault(); onClose(); }} className="message-dialog">
      <h2 id="message-dialog-title">{title}</h2>
      {children}
      <button type="button" autoFocus onClick={onClose}>OK</button>
    </dialog>
  );
}
