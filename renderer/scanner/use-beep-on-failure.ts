/**
 * A read the screen asked for that failed (the bench not answering, a refusal of the query) is heard
 * as every refusal on the bench is: one beep per failure, when its message appears. A failure shown
 * again on a later render is not a new one; the same words failing again on a new attempt are.
 */
import { useEffect } from 'react';
import { beepRefusal } from './beep.js';

export function useBeepOnFailure(failure: unknown): void {
  useEffect(() => {
    if (failure) beepRefusal();
  }, [failure]);
}
