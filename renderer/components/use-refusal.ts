/** A refusal's words on a screen: shown, beeped and announced (shown in an ErrorText given its key). */
import { useCallback, useMemo, useState } from 'react';
import { beepRefusal } from '../scanner/beep.js';

export interface Refusal {
  /** The words shown, or null when nothing is refused. */
  message: string | null;
  /** Changes with every refusal: the alert keyed by it is put in anew, so the same words twice are announced twice. */
  key: number;
  /** Shows the words (announced again even if they are the same) and beeps. */
  refuse(message: string): void;
  /** Removes the words. */
  clear(): void;
}

export function useRefusal(): Refusal {
  const [state, setState] = useState<{ message: string | null; key: number }>({ message: null, key: 0 });
  const refuse = useCallback((message: string) => {
    setState((s) => ({ message, key: s.key + 1 }));
    beepRefusal();
  }, []);
  const clear = useCallback(() => setState((s) => (s.message === null ? s : { message: null, key: s.key })), []);
  return useMemo(() => ({ ...state, refuse, clear }), [state, refuse, clear]);
}
