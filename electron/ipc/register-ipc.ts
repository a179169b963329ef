/**
 * The Electron IPC transport of the BenchApi, generated from the contract: one `ipcMain.handle`
 * channel per method. Every call first checks its sender frame, then goes to the core service (whose
 * worker checks it with the same schemas as the HTTP host's calls: same typed Result, no stack traces).
 * The few calls the shell answers itself (printing, the save dialog) go through `invokeBenchMethodAsync`
 * here, with the same schemas.
 *
 * Deliberately free of any 'electron' import: it takes a minimal object shaped like `ipcMain`,
 * so it runs (and is tested) under plain Node; electron/main.ts passes the real `ipcMain`.
 */
import { BENCH_METHODS, isBenchMethod, type BenchHandlers, type BenchMethod } from '../../shared/contract/api.js';
import { invokeBenchMethodAsync, type Logger } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/contract/result.js';
import { benchChannel } from './channels.js';
import { checkSenderFrame, type FrameLike, type TrustedOrigin } from './sender-policy.js';

/** The part of Electron's IpcMainInvokeEvent the layer reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

export type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Result<unknown> | Promise<Result<unknown>>;

/** The part of Electron's `ipcMain` the layer uses. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

/** How a call reaches the core: by name, answering a Result (the core service's `call`). */
export type CoreCall = (method: string, args: unknown) => Promise<Result<unknown>>;

export interface BenchIpcOptions {
  /** The core service. */
  call?: CoreCall;
  /** Handlers answered in this process: the shell's own calls (printSlip, saveRecallExport), or all of them in tests. */
  handlers?: Partial<BenchHandlers>;
  trustedOrigin: TrustedOrigin;
  /** Unexpected failures and refused senders are logged here, never sent to the renderer. */
  log?: Logger;
}

export interface RegisteredBenchIpc {
  readonly channels: readonly string[];
  /** Removes every handler; later calls reject in the renderer (used at shutdown). */
  dispose(): void;
}

export function refusedSender(reason: string): Result<never> {
  return { ok: false, error: { code: 'unauthorized', message: `Call refused: ${reason}.`, issues: [] } };
}

/** The listener for one method, exported for tests and for callers that route calls themselves. */
export function createBenchListener(method: BenchMethod, options: BenchIpcOptions): InvokeListener {
  const log = options.log ?? (() => {});
  return (event, ...args) => {
    const verdict = checkSenderFrame(event.senderFrame, options.trustedOrigin);
    if (!verdict.ok) {
      log(`${benchChannel(method)} refused: ${verdict.reason}`, undefined);
      return refusedSender(verdict.reason);
    }
    if (args.length > 1) {
      return {
        ok: false,
        error: { code: 'invalid_argument', message: 'Invalid arguments: a call takes one arguments object.', issues: [] },
      };
    }
    return route(options, log)(method, args[0]);
  };
}

/** Calls with a local handler run here; the rest go to the core service. */
function route(options: BenchIpcOptions, log: Logger): CoreCall {
  const local = options.handlers ?? {};
  return (method, args) => {
    if (isBenchMethod(method) && local[method]) return invokeBenchMethodAsync(local as BenchHandlers, method, args, log);
    if (options.call) return options.call(method, args);
    return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The bench core is not available.', issues: [] } });
  };
}

export function registerBenchIpc(ipc: IpcMainLike, options: BenchIpcOptions): RegisteredBenchIpc {
  const channels = BENCH_METHODS.map((method) => {
    const channel = benchChannel(method);
    ipc.handle(channel, createBenchListener(method, options));
    return channel;
  });
  let disposed = false;
  return {
    channels,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const channel of channels) ipc.removeHandler(channel);
    },
  };
}
