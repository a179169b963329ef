/** What the trace tools (ui-orders-trace, ui-scan-trace) read from a Chromium trace. */
import type { Browser } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event; dur − tdur is time spent waiting. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    fileName?: string;
    data?: { url?: string; type?: string; functionName?: string } & Record<string, unknown>;
  };
}

/** Stops the browser's trace and returns its events. */
export async function stopTrace(browser: Browser): Promise<TraceEvent[]> {
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  return traceEvents;
}
