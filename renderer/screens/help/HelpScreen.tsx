/**
 * Help: the README's user section, bundled into the renderer at build time (so it is there offline,
 * in the packaged app and in browser mode), shown by GuideView as elements, never as HTML.
 */
import guide from 'virtual:user-guide';
import { GuideView } from './GuideView.js';

export function HelpScreen() {
  return (
    <section className="help-screen" aria-labelledby="help-heading">
      <h2 id="help-heading">Help</h2>
      <GuideView markdown={guide} />
    </section>
  );
}
