/** A refusal's words on a screen: shown, beeped and announced (shown in an ErrorText given its key). */
import { useCallback, useMemo, useState } from 'react';
import type { Issue } from '../../shared/contract/result.js';
import { beepRefusal } from '../scanner/beep.js';

export interface Refusal {
  /** The words shown, or null when nothing is refused. */
  message: string | null;
  /** Changes with every refusal: the alert keyed by it is put in anew, so the same words twice are announced twice. */
  key: number;
  /** The fields the refusal names (a core's refusal of a form), to mark them invalid; empty otherwise. */
  issues: readonly Issue[];
  /** Shows the words (announced again even if they are the same) and beeps. */
  refuse(message: string, issues?: readonly Issue[]): void;
  /** Removes the words. */
  clear(): void;
}

const NO_ISSUES: readonly Issue[] = [];

export function useRefusal(): Refusal {
  const [state, setState] = useState<{ message: string | null; key: number; issues: readonly Issue[] }>({ message: null, key: 0, issues: NO_ISSUES });
  const refuse = useCallback((message: string, issues: readonly Issue[] = NO_ISSUES) => {
    setState((s) => ({ message, key: s.key + 1, issues }));
    beepRefusal();
  }, []);
  const clear = useCallback(() => setState((s) => (s.message === null ? s : { message: null, key: s.key, issues: NO_ISSUES })), []);
  return useMemo(() => ({ ...state, refuse, clear }), [state, refuse, clear]);
}
