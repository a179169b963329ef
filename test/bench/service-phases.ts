/**
 * BENCH_SERVICE_VERBOSE=1: what the allocate + complete orders' times are made of, printed beside the
 * figures (the figures themselves are unchanged). Per order: the hop into the worker (sent until the
 * worker took the call), the worker's own time (checks, transaction, COMMIT and its sync, the answer
 * built), the hop back (answered until the reply was in hand), and any GC pause of either thread while
 * it ran; then the slowest 1% by the part that grew most over its median, and a histogram beside the floor.
 * On Linux also how long each thread sat runnable without a CPU (its run-queue wait, /proc/thread-self/
 * schedstat): the calling thread (the relay's) during the order, and the worker while it held the call.
 * A hop back or a worker's time that grew by that much was the scheduler's doing, not the port's or
 * the core's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { osThreadId } from '../../electron/core/service/run-queue-wait.js';
import type { CallTiming } from '../../electron/core/service/protocol.js';
import { percentile } from './figures.js';

export const PHASES_VERBOSE = process.env.BENCH_SERVICE_VERBOSE === '1';

/** Now, in ms since the epoch (sub-ms): comparable across threads. */
export const epochNow = () => performance.timeOrigin + performance.now();

interface OrderRecord {
  sentAt: number;
  arrivedAt: number;
  floorMs: number;
  timing: CallTiming;
  /** The calling thread's run-queue wait during the order (ms); null where unknown. */
  cpuWaitMs: number | null;
  /** CPU time this process's other threads had during the order (ms): not the caller's, not the worker's; null where unknown. */
  otherThreadsMs: number | null;
}

/** CPU time (ns) each thread of this process has had so far, by thread id; empty off Linux. */
export function threadCpuNow(): Map<number, number> {
  const times = new Map<number, number>();
  try {
    for (const id of readdirSync('/proc/self/task')) {
      try {
        times.set(Number(id), Number(readFileSync(`/proc/self/task/${id}/schedstat`, 'utf8').split(' ')[0]));
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return times;
}

const callerThread = osThreadId();

/** The CPU time (ms) threads other than the caller and `workerThread` had between two readings; null where unknown. */
export function otherThreadsMs(before: Map<number, number>, after: Map<number, number>, workerThread: number | null): number | null {
  if (callerThread === null || workerThread === null || after.size === 0) return null;
  let ns = 0;
  for (const [id, time] of after) if (id !== callerThread && id !== workerThread) ns += time - (before.get(id) ?? 0);
  return ns / 1e6;
}

export function recordPhases() {
  const orders: OrderRecord[] = [];
  const mainGc: CallTiming['gc'] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) mainGc.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    add: (order: OrderRecord) => orders.push(order),
    /** The report as text; stops observing. */
    report(): string {
      observer.disconnect();
      return describe(orders, mainGc);
    },
  };
}

const pct = percentile;
const PERCENTILES = [50, 90, 95, 98, 99, 99.5];

function describe(orders: OrderRecord[], mainGc: CallTiming['gc']): string {
  const workerGc = orders.flatMap((o) => o.timing.gc);
  const rows = orders.map((o) => {
    const during = (gc: CallTiming['gc']) => gc.filter((g) => g.at + g.ms >= o.sentAt && g.at <= o.arrivedAt).reduce((sum, g) => sum + g.ms, 0);
    return {
      total: o.arrivedAt - o.sentAt,
      floor: o.floorMs,
      hopIn: o.timing.takenAt - o.sentAt,
      worker: o.timing.answeredAt - o.timing.takenAt,
      hopOut: o.arrivedAt - o.timing.answeredAt,
      gc: during(mainGc) + during(workerGc),
      cpuWait: o.cpuWaitMs,
      workerCpuWait: o.timing.cpuWaitMs,
      otherThreads: o.otherThreadsMs,
    };
  });
  const columns = ['total', 'floor', 'hopIn', 'worker', 'hopOut', 'gc'] as const;
  const sortedBy = Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c]).sort((a, b) => a - b)])) as Record<(typeof columns)[number], number[]>;
  const lines = [`allocate + complete, ${rows.length} orders (ms): hopIn = sent → worker took it; worker = its checks, transaction, COMMIT, answer; hopOut = answered → reply in hand`];
  lines.push(['      ', ...columns.map((c) => c.padStart(8))].join(''));
  for (const p of PERCENTILES) lines.push([`p${p}`.padEnd(6), ...columns.map((c) => pct(sortedBy[c], p).toFixed(2).padStart(8))].join(''));
  lines.push(['max'.padEnd(6), ...columns.map((c) => (sortedBy[c].at(-1) ?? NaN).toFixed(2).padStart(8))].join(''));

  const parts = ['hopIn', 'worker', 'hopOut'] as const;
  const medians = Object.fromEntries(parts.map((c) => [c, pct(sortedBy[c], 50)])) as Record<(typeof parts)[number], number>;
  const cut = pct(sortedBy.total, 99);
  const slowest = rows.filter((r) => r.total >= cut);
  /** A GC pause if it took half the excess; else the phase that grew most, a worker's growth told apart when it was mostly waiting for a CPU. */
  const partThatGrewMost = (r: (typeof rows)[number], excess: number): string => {
    if (r.gc > excess / 2) return 'a GC pause';
    const grew = parts.reduce((a, b) => (r[a] - medians[a] >= r[b] - medians[b] ? a : b));
    const waitedForCpu = grew === 'worker' && (r.workerCpuWait ?? 0) >= (r.worker - medians.worker) / 2;
    return waitedForCpu ? 'worker, waiting for a CPU' : grew;
  };
  const grewMost = new Map<string, number>();
  for (const r of slowest) {
    const excess = r.total - pct(sortedBy.total, 50);
    const part = partThatGrewMost(r, excess);
    grewMost.set(part, (grewMost.get(part) ?? 0) + 1);
  }
  lines.push(`slowest 1% (${slowest.length} orders, ≥ ${cut.toFixed(2)} ms), by the part that grew most: ${[...grewMost].map(([part, n]) => `${part} ${n}`).join(', ')}`);
  const over = (c: 'hopIn' | 'hopOut', ms: number) => sortedBy[c].filter((v) => v > ms).length;
  lines.push(`hops over 1 ms: in ${over('hopIn', 1)}, out ${over('hopOut', 1)}; over 2 ms: in ${over('hopIn', 2)}, out ${over('hopOut', 2)} (of ${rows.length})`);
  const waits = rows.filter((r) => r.cpuWait !== null);
  if (waits.length === rows.length) {
    const slowBack = rows.filter((r) => r.hopOut > 1);
    lines.push(
      `hops back over 1 ms: ${slowBack.length}, of which the calling thread waited ≥ 1 ms for a CPU (run queue) in ${slowBack.filter((r) => r.cpuWait! >= 1).length}; ` +
        `orders with such a wait: ${rows.filter((r) => r.cpuWait! >= 1).length}`,
    );
  }
  if (rows.every((r) => r.workerCpuWait !== null)) {
    const waited = (ms: number) => rows.filter((r) => r.workerCpuWait! >= ms).length;
    lines.push(`the worker waited for a CPU while holding a call: ≥ 0.5 ms in ${waited(0.5)} orders, ≥ 1 ms in ${waited(1)}, ≥ 2 ms in ${waited(2)} (of ${rows.length})`);
  }
  if (rows.every((r) => r.otherThreads !== null)) {
    const busy = (list: typeof rows) => list.filter((r) => r.otherThreads! >= 1).length;
    const slowestOther = slowest.map((r) => r.otherThreads!).sort((a, b) => a - b);
    lines.push(
      `other threads of this process (V8's compiler and GC helpers, the checkpoint thread) on a CPU ≥ 1 ms during an order: ` +
        `${busy(slowest)} of the slowest ${slowest.length} (median ${pct(slowestOther, 50).toFixed(2)} ms there), ${busy(rows)} of all ${rows.length}`,
    );
  }
  lines.push(`GC pauses: main thread ${mainGc.length} (longest ${Math.max(0, ...mainGc.map((g) => g.ms)).toFixed(1)} ms), worker ${workerGc.length} (longest ${Math.max(0, ...workerGc.map((g) => g.ms)).toFixed(1)} ms)`);

  const edges = [0.5, 1, 1.5, 2, 3, 5, 10, 20, Infinity];
  const histogram = (values: number[]) => edges.map((edge, i) => values.filter((v) => v >= (edges[i - 1] ?? 0) && v < edge).length);
  const [orderCounts, floorCounts] = [histogram(sortedBy.total), histogram(sortedBy.floor)];
  lines.push(`histogram (ms)  ${edges.map((e) => `<${e === Infinity ? '∞' : e}`.padStart(6)).join('')}`);
  lines.push(`  orders        ${orderCounts.map((n) => String(n).padStart(6)).join('')}`);
  lines.push(`  floor         ${floorCounts.map((n) => String(n).padStart(6)).join('')}`);
  return lines.join('\n');
}
