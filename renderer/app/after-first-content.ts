/**
 * Start-up work the packer does not wait for (warming the audio for the refusal beep, fetching the
 * code of screens opened later) runs once the first screen has painted its content and the page is
 * idle, so it never competes with that first paint. A first screen says when it has shown its content
 * (firstContentShown); if none does within FALLBACK_MS (an error, a screen that does not say), the
 * work runs then anyway.
 */
import { afterPaint, whenIdle } from '../scanner/after-paint.js';

const FALLBACK_MS = 3_000;

let shown = false;
let released = false;
const waiting: Array<() => void> = [];

/** How long deferred work may wait for the page to be idle. */
const IDLE_TIMEOUT_MS = 500;

function release(): void {
  if (released) return;
  released = true;
  for (const work of waiting.splice(0)) whenIdle(work, IDLE_TIMEOUT_MS);
}

/** Runs `work` when the page is idle after the first screen's content has been painted. */
export function afterFirstContent(work: () => void): void {
  if (released) whenIdle(work, IDLE_TIMEOUT_MS);
  else waiting.push(work);
}

/** The first screen calls this once its content is on screen (later calls change nothing). */
export function firstContentShown(): void {
  if (shown) return;
  shown = true;
  performance.mark('first-content:committed');
  afterPaint(release);
}

setTimeout(firstContentShown, FALLBACK_MS);
