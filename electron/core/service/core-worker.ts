/**
 * The core's thread: opens the bench's SQLite file, runs the use cases and the sync engine, answers
 * contract calls from its parent port, and sends the change stream. Nothing outside this thread opens
 * the bench file (the CLI starts a core thread of its own on it).
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { BenchError } from '../../../shared/contract/result.js';
import { openCoreRuntime } from './core-runtime.js';
import type { CallTiming, CoreWorkerData, FromWorker, KeyStoreCall, ToWorker } from './protocol.js';
import { osThreadId, runQueueWaitSince } from './run-queue-wait.js';

if (isMainThread || !parentPort) throw new Error('core-worker.ts runs only as a worker thread (see core-service.ts).');
const port = parentPort;
const post = (message: FromWorker) => port.postMessage(message);

let nextKeyStoreCall = 1;
const keyStoreWaiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
function askRelay(name: KeyStoreCall, args: unknown[]): Promise<unknown> {
  const id = nextKeyStoreCall++;
  return new Promise((resolve, reject) => {
    keyStoreWaiting.set(id, { resolve, reject });
    post({ type: 'keyStoreCall', id, name, args });
  });
}

const config = workerData as CoreWorkerData;
const cancelLane = config.cancelLane;
/** The ids of imports and grid saves the relay cancelled since the last look, read even while the thread is busy (protocol.ts, CoreWorkerData). */
function takeCancels(): string[] {
  const ids: string[] = [];
  if (!cancelLane) return ids;
  for (let received = receiveMessageOnPort(cancelLane); received; received = receiveMessageOnPort(cancelLane)) {
    if (typeof received.message === 'string') ids.push(received.message);
  }
  return ids;
}
const epochNow = () => performance.timeOrigin + performance.now();
/** GC pauses seen since the last reply (benchmark timings only). */
let gcPauses: CallTiming['gc'] = [];
const threadId = config.timings ? osThreadId() : null;
if (config.timings) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration });
  }).observe({ entryTypes: ['gc'] });
}

let runtime: Awaited<ReturnType<typeof openCoreRuntime>>;
try {
  runtime = await openCoreRuntime(config, {
    emit: (event) => post({ type: 'event', event }),
    log: (message, error) => post({ type: 'log', message, detail: error instanceof Error ? (error.stack ?? error.message) : String(error ?? '') }),
    askRelay,
    takeCancels,
  });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call': {
      if (!config.timings) {
        void runtime.call(message.method, message.args).then((result) => post({ type: 'reply', id: message.id, result }));
        return;
      }
      const takenAt = epochNow();
      const cpuWait = runQueueWaitSince();
      void runtime.call(message.method, message.args).then((result) => {
        const gc = gcPauses;
        gcPauses = [];
        post({ type: 'reply', id: message.id, result, timing: { takenAt, answeredAt: epochNow(), gc, cpuWaitMs: cpuWait(), threadId } });
      });
      return;
    }
    case 'writeExport':
    case 'takeExport':
    case 'startFileImport': {
      const work =
        message.type === 'writeExport'
          ? runtime.writeExport(message.query, message.file, message.format)
          : message.type === 'takeExport'
            ? runtime.takeExport(message.token, message.file)
            : runtime.startFileImport(message.paths);
      void work.then(
        (value) => post({ type: 'serviceReply', id: message.id, ok: true, value }),
        (error: unknown) =>
          post({
            type: 'serviceReply',
            id: message.id,
            ok: false,
            message: (error as Error)?.message ?? String(error),
            ...(error instanceof BenchError ? { refusal: error.toData() } : {}),
          }),
      );
      return;
    }
    case 'keyStoreReply': {
      const waiting = keyStoreWaiting.get(message.id);
      keyStoreWaiting.delete(message.id);
      if (!waiting) return;
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.message));
      return;
    }
    case 'close':
      void runtime.close().finally(() => {
        post({ type: 'closed' });
        port.close();
      });
      return;
  }
});
post({ type: 'ready' });
