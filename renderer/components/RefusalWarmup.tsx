/**
 * The first refusal of a session must be painted within a frame, but the first text drawn at a new
 * font size and weight makes the renderer ask the system for that font (a blocking call, about 9 ms
 * measured), and the ⚠ sign needs a fallback font of its own. A screen that refuses scans lays out,
 * unseen and unannounced, a sample in each of its refusal styles when it opens, so those fonts are
 * ready before the first scan. Give the children the same classes (and parents) as the real messages.
 */
import type { ReactNode } from 'react';

/** A few characters in each font a refusal uses: the sign, punctuation, digits, letters. */
export const REFUSAL_SAMPLE = '⚠ "0" Aa';

export function RefusalWarmup({ children }: { children: ReactNode }) {
  return (
    <div className="refusal-warmup" aria-hidden="true">
      {children}
    </div>
  );
}
