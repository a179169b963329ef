/**
 * The first refusal of a session must be painted within a frame, but the first text drawn at a new
 * font size and weight makes the renderer ask the system for that font (a blocking call, about 9 ms
 * measured), and the ⚠ sign needs a fallback font of its own. A screen that refuses scans lays out,
 * unseen and unannounced, a sample in each of its refusal styles when it opens, so those fonts are
 * ready before the first scan. Give the children the same classes (and parents) as the real messages.
 */
import type { ReactNode } from 'react';

/**
 * Every character a refusal may show, in each font it uses: the sign and all of printable ASCII (a
 * message names a scanned value). The first layout of a glyph in a font loads it (its advance and
 * shape), about 40 µs each; a sign and four letters left the message's other thirty glyphs to the
 * first refusal (1 to 2 ms of its layout, traced).
 */
export const REFUSAL_SAMPLE = `⚠ ${Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).join('')}`;

export function RefusalWarmup({ children }: { children: ReactNode }) {
  return (
    <div className="refusal-warmup" aria-hidden="true">
      {children}
    </div>
  );
}
