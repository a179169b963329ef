/**
 * How long the calling thread has sat runnable without a CPU so far (ms), from Linux's per-thread
 * scheduler statistics; null elsewhere. Benchmark timings only: a call that took long while its thread
 * waited that long was slowed by the machine's other threads, not by its own work.
 */
import { readFileSync, readlinkSync } from 'node:fs';

function runQueueWaitMs(): number | null {
  try {
    // "<ns on a CPU> <ns waiting on a run queue> <time slices>"
    const waited = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
    return Number.isFinite(waited) ? waited / 1e6 : null;
  } catch {
    return null;
  }
}

/** Starts counting: the answer tells how long this thread has waited for a CPU since (ms), or null off Linux. */
export function runQueueWaitSince(): () => number | null {
  const before = runQueueWaitMs();
  return () => {
    const now = runQueueWaitMs();
    return before === null || now === null ? null : now - before;
  };
}

/** The calling thread's id (Linux: /proc/thread-self names it), or null elsewhere. */
export function osThreadId(): number | null {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    return Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}
