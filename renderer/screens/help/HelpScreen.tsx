/**
 * Help: the README's user section, bundled into the renderer at build time (so it is there offline,
 * in the packaged app and in browser mode), shown by GuideView as elements, never as HTML.
 */
import { useEffect, useRef } from 'react';
import guide from 'virtual:user-guide';
import { GuideView } from './GuideView.js';

export function HelpScreen() {
  const guideRef = useRef<HTMLElement>(null);
  // Opened with the focus nowhere (the menu's Help: the control that had it went with the screen left),
  // the guide takes it, so Page Down, End and the arrows scroll it at once; a nav button keeps its focus.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) guideRef.current?.focus();
  }, []);
  return (
    // tabIndex 0: the guide is longer than the window and holds next to nothing focusable, so Tab brings
    // the focus to it and Page Down, End and the arrows scroll it (a keyboard has no wheel).
    <section ref={guideRef} className="help-screen" aria-labelledby="help-heading" tabIndex={0}>
      <h2 id="help-heading">Help</h2>
      <GuideView markdown={guide} />
    </section>
  );
}
