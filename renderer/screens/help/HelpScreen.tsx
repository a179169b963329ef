/**
 * Help: the README's user section, bundled into the renderer at build time (so it is there offline,
 * in the packaged app and in browser mode), shown by GuideView as elements, never as HTML.
 */
import guide from 'virtual:user-guide';
import { GuideView } from './GuideView.js';

export function HelpScreen() {
  return (
    // tabIndex 0: the guide is longer than the window and holds next to nothing focusable, so Tab brings
    // the focus to it and Page Down, End and the arrows scroll it (a keyboard has no wheel).
    <section className="help-screen" aria-labelledby="help-heading" tabIndex={0}>
      <h2 id="help-heading">Help</h2>
      <GuideView markdown={guide} />
    </section>
  );
}
