/**
 * Long work in progress (an import, a grid save): a progress bar named for what is going on, its
 * counts in words, and a Cancel button that has the focus while it runs, so Enter or Space stops it.
 * When the work ends and the bar goes, the focus goes back to where it was before (the button that
 * started the work), unless the packer has moved it elsewhere meanwhile.
 * Without `max` the bar is indeterminate (nothing counted yet).
 */
import { useId, useLayoutEffect, useRef } from 'react';
import { useOpenerFocus } from './dialog/use-opener-focus.js';

interface WorkProgressProps {
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
  const barRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { remember, restore } = useOpenerFocus();
  // Layout effects: on the way out the bar is still in the page, so it can tell whether it held the focus.
  useLayoutEffect(() => {
    remember();
    cancelRef.current?.focus();
    const bar = barRef.current;
    return () => {
      const focused = document.activeElement;
      if (!focused || focused === document.body || bar?.contains(focused)) restore();
    };
  }, [remember, restore]);
  return (
    <div ref={barRef} className="work-progress">
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
