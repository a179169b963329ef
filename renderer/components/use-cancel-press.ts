/**
 * Which long job's Cancel was pressed (one job of a kind runs at a time, named by its id): its button
 * says "Cancelling…" until the job ends, and the job's end can tell a Cancel that came too late (the
 * core had saved everything before it heard it) from no Cancel at all.
 */
import { useCallback, useRef, useState } from 'react';

export function useCancelPress() {
  /** Read when the job answers, which may be before React has rendered the press. */
  const pressedFor = useRef<string | null>(null);
  const [cancellingId, setCancellingId] = useState<string | null>(null);
  const press = useCallback((jobId: string) => {
    pressedFor.current = jobId;
    setCancellingId(jobId);
  }, []);
  const wasPressedFor = useCallback((jobId: string) => pressedFor.current === jobId, []);
  return { press, wasPressedFor, cancellingId };
}
