/**
 * The core's change stream, whichever way it comes: the Electron preload's `window.benchEvents`, or
 * Server-Sent Events from the browser-mode host (read with fetch, which can send the bench secret;
 * EventSource cannot). Every event is checked against the contract's schema. The SSE reader
 * reconnects after a drop; the host's first event on each connection is the core's state, and the
 * query layer reads everything again on it (events may have been missed while disconnected).
 */
import { createParser } from 'eventsource-parser';
import { benchEventSchema, CHANGE_STREAM_PATH, type BenchEvent, type BenchEventListener, type BenchEvents } from '../../shared/contract/change-events.js';

/** What the preload exposes (electron/preload.ts). */
export interface PreloadEvents {
  subscribe(listener: (event: unknown) => void): () => void;
}

/** A fan-out over one source, so every subscriber shares one connection. */
function fanOut(open: (emit: (event: BenchEvent) => void) => () => void): BenchEvents {
  const listeners = new Set<BenchEventListener>();
  let close: (() => void) | null = null;
  const emit = (event: BenchEvent) => {
    for (const listener of listeners) listener(event);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!close) close = open(emit);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && close) {
          close();
          close = null;
        }
      };
    },
  };
}

function checked(raw: unknown, emit: (event: BenchEvent) => void): void {
  const parsed = benchEventSchema.safeParse(raw);
  if (parsed.success) emit(parsed.data);
}

export function preloadEvents(preload: PreloadEvents): BenchEvents {
  return fanOut((emit) => preload.subscribe((raw) => checked(raw, emit)));
}

/** Wait before reconnecting, growing to the last value while the host stays away. */
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];

export const HOST_UNREACHABLE_MESSAGE = 'The bench service is not reachable; reconnecting…';

export function sseEvents(baseUrl: string, secret: string, fetchImpl: typeof fetch = fetch): BenchEvents {
  return fanOut((emit) => {
    let stopped = false;
    let failures = 0;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const retry = () => {
      if (stopped) return;
      if (failures === 1) emit({ kind: 'core', state: 'restarting', message: HOST_UNREACHABLE_MESSAGE });
      timer = setTimeout(() => void connect(), RECONNECT_DELAYS_MS[Math.min(failures - 1, RECONNECT_DELAYS_MS.length - 1)]);
    };

    async function connect(): Promise<void> {
      controller = new AbortController();
      try {
        const response = await fetchImpl(new URL(CHANGE_STREAM_PATH.slice(1), baseUrl), {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${secret}` },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(`change stream answered ${response.status}`);
        failures = 0;
        const parser = createParser({ onEvent: (message) => checked(safeJson(message.data), emit) });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        // a refused or dropped stream: try again below
      }
      if (stopped) return;
      failures++;
      retry();
    }

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
