/**
 * Long work in progress (an import, a grid save): a progress bar named for what is going on, its
 * counts in words, and a Cancel button that has the focus while it runs, so Enter or Space stops it.
 * Without `max` the bar is indeterminate (nothing counted yet).
 */
import { useEffect, useId, useRef } from 'react';

export interface WorkProgressProps {
  label: string;
  value?: number;
  max?: number;
  /** The counts in words, e.g. "Saving 40,000 of 100,000 serial numbers…". */
  text: string;
  cancelLabel: string;
  onCancel: () => void;
  /** Cancel was pressed: the button says so until the work ends. */
  cancelling?: boolean;
}

export function WorkProgress({ label, value, max, text, cancelLabel, onCancel, cancelling = false }: WorkProgressProps) {
  const labelId = useId();
  const countsId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="work-progress">
      <span id={labelId} className="work-progress-label">
        {label}
      </span>
      {max === undefined ? (
        <progress aria-labelledby={labelId} aria-describedby={countsId} />
      ) : (
        <progress aria-labelledby={labelId} aria-describedby={countsId} max={Math.max(1, max)} value={value ?? 0} />
      )}
      <p id={countsId} className="muted small">
        {text}
      </p>
      <button ref={cancelRef} type="button" aria-disabled={cancelling || undefined} onClick={() => !cancelling && onCancel()}>
        {cancelling ? 'Cancelling…' : cancelLabel}
      </button>
    </div>
  );
}
