/**
 * How a relay (the Electron menu's Import…, the CLI) follows an import of files the core runs as a
 * job: listening from before it starts, since its end may come before the start call answers.
 * `end(importId)` waits until it is done, refused or cancelled; a core that restarts or stops meanwhile
 * ends it as lost. Plain Node, no database: relays may use it (test/layering.test.ts).
 */
import type { ImportProgress } from '../../../shared/contract/api.js';
import { CORE_RESTARTING_MESSAGE, type BenchEvents } from '../../../shared/contract/change-events.js';

/** The core stopped between the start and the end: the import may or may not have committed. */
export const IMPORT_LOST =
  'The import may not have finished. Import the files again: rows already imported are left as they are.';

interface ImportEnds {
  end(importId: string): Promise<ImportProgress>;
  stop(): void;
}

/** `onMove` hears every progress of a running import (any import: the caller picks its own). */
export function followImportEnds(events: BenchEvents, onMove: (progress: ImportProgress) => void = () => {}): ImportEnds {
  const ended = new Map<string, ImportProgress>();
  let waiting: { importId: string; resolve: (last: ImportProgress) => void } | null = null;
  const stop = events.subscribe((event) => {
    if (event.kind === 'import') {
      if (['reading', 'applying'].includes(event.progress.state)) return onMove(event.progress);
      ended.set(event.progress.importId, event.progress);
      if (waiting?.importId === event.progress.importId) waiting.resolve(event.progress);
    } else if (event.kind === 'core' && event.state !== 'running' && waiting) {
      const { importId, resolve } = waiting;
      resolve(lostImport(importId, event.state === 'restarting' ? CORE_RESTARTING_MESSAGE : event.message));
    }
  });
  return {
    end: (importId) =>
      new Promise((resolve) => {
        const known = ended.get(importId);
        if (known) resolve(known);
        else waiting = { importId, resolve };
      }),
    stop,
  };
}

function lostImport(importId: string, why: string): ImportProgress {
  return {
    type: 'import.progress',
    importId,
    state: 'refused',
    fileName: null,
    fileNumber: null,
    fileCount: 0,
    rowsRead: 0,
    bytesRead: 0,
    bytesTotal: 0,
    rowsApplied: 0,
    rowsTotal: 0,
    summary: null,
    error: { code: 'internal', message: `${why} ${IMPORT_LOST}`, issues: [] },
  };
}
