/**
 * Runs `work` once the next frame has been produced: for what a scan sets off that the packer does
 * not wait for (asking the core about the value), so the frame that shows the scan's effect (the
 * next box focused, the refusal) is not held up by it. A hidden page produces no frames: then it
 * runs after a short delay anyway.
 */
const HIDDEN_PAGE_DELAY_MS = 100;

export function afterPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, HIDDEN_PAGE_DELAY_MS);
}

/**
 * Runs `work` when the page is idle (or after `timeoutMs` at the latest): for preparing what the next
 * scan will need, out of every scan's frame. Returns a function that cancels it.
 */
export function whenIdle(work: () => void, timeoutMs = 300): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}
