/**
 * Connects the change stream to the query cache for the whole app, and keeps the core's state for a
 * banner: "restarting" (calls are refused meanwhile; nothing saved is lost) until it runs again.
 */
import { QueryClientProvider, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BenchEvents, CoreStateEvent } from '../../shared/contract/change-events.js';
import { applyBenchEvent } from '../api/queries.js';

const CoreStateContext = createContext<CoreStateEvent | null>(null);

export function BenchDataProvider({ client, events, children }: { client: QueryClient; events: BenchEvents; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <ChangeStream events={events}>{children}</ChangeStream>
    </QueryClientProvider>
  );
}

function ChangeStream({ events, children }: { events: BenchEvents; children: ReactNode }) {
  const client = useQueryClient();
  const [core, setCore] = useState<CoreStateEvent | null>(null);
  const lastCoreState = useRef<CoreStateEvent['state'] | null>(null);
  useEffect(
    () =>
      events.subscribe((event) => {
        applyBenchEvent(client, event, lastCoreState.current);
        if (event.kind === 'core') {
          lastCoreState.current = event.state;
          setCore(event);
        }
      }),
    [events, client],
  );
  return <CoreStateContext.Provider value={core}>{children}</CoreStateContext.Provider>;
}

/** The core's latest state from the change stream (null before the first event). */
export function useCoreState(): CoreStateEvent | null {
  return useContext(CoreStateContext);
}

/** Shown while the core is not running: what happened and that nothing saved was lost. */
export function CoreStateBanner() {
  const core = useCoreState();
  const down = core !== null && core.state !== 'running';
  return (
    <div role="alert" className={down ? 'core-state-banner' : 'core-state-banner empty'}>
      {down && (
        <>
          <span aria-hidden="true">⚠ </span>
          {core.message}
        </>
      )}
    </div>
  );
}
