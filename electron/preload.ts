/**
 * The sandboxed preload: exposes exactly the BenchApi contract as `window.benchApi`, one function per
 * contract method, each invoking its own `bench:<method>` channel. Nothing else crosses the bridge:
 * no ipcRenderer, no generic "invoke any channel", no Node.
 *
 * Two one-way things besides: menu commands from the main process become a DOM event
 * (SHELL_COMMAND_EVENT, detail = command name) on window, after checking the name against the list;
 * and `window.benchEvents.subscribe(listener)` hands the core's change stream to the page (the
 * renderer checks each event against the contract's schema).
 *
 * Bundled by scripts/build-electron.ts into one self-contained CJS file (only 'electron' external),
 * as sandboxed preloads cannot require anything else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BENCH_METHODS, type BenchApi, type BenchMethod } from '../shared/contract/api.js';
import type { Result } from '../shared/contract/result.js';
import { isShellCommand, SHELL_COMMAND_EVENT } from '../shared/contract/shell-commands.js';
import { benchChannel, CHANGE_STREAM_CHANNEL, SHELL_COMMAND_CHANNEL } from './ipc/channels.js';

const UNEXPECTED_REPLY: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The bench returned an unexpected reply.', issues: [] },
};

/** The main process always answers with a Result; anything else (or a rejected call) becomes one. */
function asResult(reply: unknown): Result<unknown> {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return UNEXPECTED_REPLY;
  if (reply.ok === true && 'value' in reply) return { ok: true, value: reply.value };
  if (reply.ok === false && 'error' in reply && typeof reply.error === 'object' && reply.error !== null) {
    return reply as Result<never>;
  }
  return UNEXPECTED_REPLY;
}

function bridge<M extends BenchMethod>(method: M): BenchApi[M] {
  const channel = benchChannel(method);
  const call = async (args: unknown) => {
    try {
      return asResult(await ipcRenderer.invoke(channel, args));
    } catch {
      return UNEXPECTED_REPLY;
    }
  };
  // The main process answers with the typed Result of this method (validated by the contract there).
  return call as BenchApi[M];
}

const benchApi = Object.fromEntries(BENCH_METHODS.map((method) => [method, bridge(method)])) as BenchApi;

contextBridge.exposeInMainWorld('benchApi', Object.freeze(benchApi));

/** The change stream: every event the main process relays, to each subscriber, until it unsubscribes. */
const eventListeners = new Set<(event: unknown) => void>();
/** The latest word on the core's state, for a page that subscribes after it came (main sends it on load). */
let lastCoreState: unknown = null;
ipcRenderer.on(CHANGE_STREAM_CHANNEL, (_event, payload: unknown) => {
  if (typeof payload === 'object' && payload !== null && (payload as { kind?: unknown }).kind === 'core') lastCoreState = payload;
  for (const listener of eventListeners) listener(payload);
});
contextBridge.exposeInMainWorld(
  'benchEvents',
  Object.freeze({
    subscribe(listener: (event: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe takes a function');
      eventListeners.add(listener);
      if (lastCoreState !== null) listener(lastCoreState);
      return () => {
        eventListeners.delete(listener);
      };
    },
  }),
);

ipcRenderer.on(SHELL_COMMAND_CHANNEL, (_event, command: unknown) => {
  if (isShellCommand(command)) window.dispatchEvent(new CustomEvent(SHELL_COMMAND_EVENT, { detail: command }));
});
