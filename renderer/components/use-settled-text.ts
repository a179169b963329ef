import { useEffect, useRef, useState } from 'react';

/** How long a changing text must stay the same before a live region says it: about a typing pause. */
export const SETTLED_TEXT_DELAY_MS = 500;

/**
 * `text` once it has stayed the same for `delayMs` (null: keep what was said). For a live region beside
 * text that changes at every keystroke (a search's count): the screen shows each change at once, while a
 * screen reader hears where the typing ended, not "Loading…" and a count after every key. The first
 * text (the screen as it opens) is not said: only what changes after it, as a live region does.
 */
export function useSettledText(text: string | null, delayMs = SETTLED_TEXT_DELAY_MS): string {
  const [settled, setSettled] = useState('');
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (text === null) return;
    if (first.current === null) {
      first.current = text;
      return;
    }
    if (text === first.current && settled === '') return; // back where it opened, nothing said yet
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs, settled]);
  return settled;
}
