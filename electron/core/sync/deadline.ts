/**
 * A request's deadline as an abort signal: it aborts with a TimeoutError after `timeoutMs`, or with
 * `outer`'s reason when that aborts first (the engine stopping). Its own timer, held until clear():
 * AbortSignal.timeout inside AbortSignal.any is held only weakly, and Node can collect it before it
 * fires (nodejs/node#57736): a request to a frozen hub then waited forever, the bench "syncing" for good.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** The whole deadline in ms, extensions included (what a timeout's words name). */
  readonly ms: number;
  /** More time, as an answer's body is on its way: the deadline moves `ms` later (if still running). */
  extend(ms: number): void;
  /** The request is over: the timer and the link to `outer` go. */
  clear(): void;
}

/**
 * `startAfter`: the request ahead of this one at the hub, which answers them in turn: the deadline runs
 * from when that one is settled (waiting behind it is not the hub failing to answer this one).
 */
export function startDeadline(timeoutMs: number, outer?: AbortSignal, startAfter?: Promise<unknown>): Deadline {
  const controller = new AbortController();
  let cleared = false;
  let timer: NodeJS.Timeout | undefined;
  let totalMs = timeoutMs;
  let dueAt = 0;
  const fireIn = (ms: number) => {
    timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${totalMs} ms`, 'TimeoutError')), ms);
  };
  const arm = () => {
    if (cleared) return;
    dueAt = Date.now() + totalMs;
    fireIn(totalMs);
  };
  if (startAfter) void startAfter.then(arm, arm);
  else arm();
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    get ms() {
      return totalMs;
    },
    extend(ms) {
      totalMs += ms;
      // Not armed yet (waiting behind the request ahead): it starts with the longer deadline.
      if (cleared || timer === undefined || controller.signal.aborted) return;
      clearTimeout(timer);
      dueAt += ms;
      fireIn(Math.max(0, dueAt - Date.now()));
    },
    clear() {
      cleared = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
