import { useEffect, useRef, useState } from 'react';

/**
 * How long a changing text (a list's count: "N identifiers.", "No identifiers match.") must stay the same,
 * with no keystroke, before a live region says it: a screen reader hears it once typing settles, not at
 * every keystroke (ARIA APG combobox guidance).
 */
export const SETTLED_TEXT_DELAY_MS = 500;

export interface SettledTextOptions {
  /** Starts the wait again when it changes though the text does not (the text typed). */
  restartOn?: unknown;
  /** The first text (the screen as it opens) is not said, as a live region does not say what it opens with. */
  quietFirst?: boolean;
}

/**
 * `text` once it has stayed the same for SETTLED_TEXT_DELAY_MS; null keeps what was said; '' (nothing to
 * say: a popup shut) empties it at once. For a live region beside text that changes at every keystroke:
 * the screen shows each change at once, a screen reader hears where the typing ended.
 */
export function useSettledText(text: string | null, { restartOn, quietFirst = false }: SettledTextOptions = {}): string {
  const [settled, setSettled] = useState('');
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (text === null) return;
    if (quietFirst && first.current === null) {
      first.current = text;
      return;
    }
    // Back where it opened with nothing said yet: still nothing to say.
    const timer = setTimeout(() => setSettled((said) => (said === '' && text === first.current ? said : text)), text === '' ? 0 : SETTLED_TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, restartOn, quietFirst]);
  return settled;
}
